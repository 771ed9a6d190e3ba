import io

import pytest
from openpyxl import Workbook

from fazhi.core.ledgers import get_ledger, run_export, run_import
from fazhi.legalservice import services
from fazhi.legalservice.models import Activity, Consultation

pytestmark = pytest.mark.django_db


def _xlsx(header, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_activity_import_with_admin_added_kind(county):
    services.activity_kind_create(actor=county.admin, key="anti_fraud", name="反电信诈骗宣传", category="publicity",
                                  reach_label="受众人数")
    ledger = get_ledger("legalservice_activities")
    header = [c.header for c in ledger.columns]
    f = _xlsx(header, [["反电信诈骗宣传", "反诈进社区", "2021/5/10", None, "南关社区", 2, None, 800, None, "同心县司法局"]])
    result = run_import(ledger, f, actor=county.liaison_sfj)
    assert not result.errors, result.errors
    act = Activity.objects.get()
    assert act.kind.key == "anti_fraud" and act.count == 2 and act.reach == 800
    out = io.BytesIO()
    assert run_export(ledger, out, actor=county.liaison_sfj) == 1


def test_activity_import_errors_in_chinese_nothing_saved(county):
    ledger = get_ledger("legalservice_activities")
    header = [c.header for c in ledger.columns]
    f = _xlsx(header, [
        ["不存在的类别", "某活动", "2021-05-10", None, None, 1, None, None, None, "同心县司法局"],
        ["夜间沿街巡逻", "巡逻", "2021-05-10", None, None, 1, "100", None, None, "同心县司法局"],
        ["夜间沿街巡逻", "巡逻", "2021-05-10", None, None, 1, None, None, None, "同心县市场监督管理局"],
    ])
    result = run_import(ledger, f, actor=county.liaison_sfj)
    text = " ".join(str(e) for e in result.errors)
    assert "不存在或已停用" in text and "不登记金额" in text
    assert len(result.errors) == 3
    assert not Activity.objects.exists()


def test_consultation_import(county):
    ledger = get_ledger("legalservice_consultations")
    header = [c.header for c in ledger.columns]
    f = _xlsx(header, [["12348热线电话", "2021-03-01", "婚姻家庭", "离婚财产分割", "已解答", None, None, None, None,
                        "同心县司法局"]])
    result = run_import(ledger, f, actor=county.liaison_sfj)
    assert not result.errors, result.errors
    c = Consultation.objects.get()
    assert c.channel == "hotline" and c.persons == 1


def test_aid_cases_export_only(county):
    from openpyxl import load_workbook

    from fazhi.legalservice.tests.factories import notice

    notice(county.sfj, county.liaison_sfj)
    ledger = get_ledger("legalservice_aid_cases")
    assert not ledger.can_import(county.liaison_sfj)
    out = io.BytesIO()
    assert run_export(ledger, out, actor=county.liaison_sfj) == 1
    assert run_export(ledger, io.BytesIO(), actor=county.liaison_scj) == 0
    out.seek(0)
    values = [v for row in load_workbook(out).active.iter_rows(values_only=True) for v in row if v]
    assert "刑事辩护/代理" in values and "人民法院" in values
