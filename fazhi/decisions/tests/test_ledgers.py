import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.ledgers import get_ledger, run_export, run_import
from fazhi.decisions.models import AdviserWork
from fazhi.decisions.tests.factories import adviser, to_discussion

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


def test_work_log_import_and_errors(county):
    adviser(county.gov, county.admin, name="李文博")
    ledger = get_ledger("decisions_adviser_work")
    header = [c.header for c in ledger.columns]
    bad = _xlsx(header, [
        ["王不存在", "列席会议", "2021-05-10", "列席常务会议", None, None, None, None, "同心县人民政府"],
        ["李文博", "合法性审核意见", "2021-05-10", "审核合同", None, None, None, None, "同心县人民政府"],
        ["李文博", "代理诉讼", "2021/5/10", "代理诉讼", None, None, None, None, "同心县人民政府"],
    ])
    result = run_import(ledger, bad, actor=county.admin)
    text = " ".join(str(e) for e in result.errors)
    assert "没有名为“王不存在”" in text and "审核对象类别" in text and "案号" in text
    assert not AdviserWork.objects.exists()
    good = _xlsx(header, [
        ["李文博", "合法性审核意见", "2021-05-10", "审核合同", "合同协议", "招商引资合作协议", None, "合法", "同心县人民政府"],
        ["李文博", "代理诉讼", "2021年6月1日", "代理诉讼", None, None, "（2021）宁0302行初1号", None, "同心县人民政府"],
    ])
    result = run_import(ledger, good, actor=county.admin)
    assert not result.errors, result.errors
    assert AdviserWork.objects.count() == 2
    out = io.BytesIO()
    assert run_export(ledger, out, actor=county.admin) == 2


def test_decision_ledger_is_export_only(county):
    to_discussion(county.gov, county.admin, title="供热价格调整")
    ledger = get_ledger("decisions_decisions")
    assert not ledger.can_import(county.admin)
    out = io.BytesIO()
    assert run_export(ledger, out, actor=county.admin) == 1
    out.seek(0)
    cells = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert "供热价格调整" in cells and "待集体讨论" in cells
