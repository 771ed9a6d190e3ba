"""Excel ledgers: template → import (validated by the services) → export round trip."""
import io

import pytest
from openpyxl import Workbook

from fazhi.core.ledgers import get_ledger, run_export, run_import, write_template
from fazhi.disputes import services as svc
from fazhi.disputes.models import ArbitrationCase, MediationCase


def workbook(headers, rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


@pytest.mark.django_db
def test_mediation_import_validates_rows_and_round_trips(county):
    svc.room_create(actor=None, organization=county.town, name="豫海镇人民调解委员会", kind="people")
    ledger = get_ledger("mediation_cases")
    write_template(ledger, io.BytesIO())
    headers = ledger.headers()
    good = ["豫海镇人民调解委员会", "邻里纠纷", "马某与李某", "张某", "是", "2021-03-01", "调解成功", "2021-03-05",
            "口头协议（人民调解法第二十八条、第三十条）", "1200", "是", ""]
    bad = ["豫海镇人民调解委员会", "邻里纠纷", "马某与李某", "张某", "否", "2021-03-01", "调解成功", "2021-03-05",
           "", "", "", ""]
    result = run_import(ledger, workbook(headers, [good, bad]), actor=county.liaison_town, dry_run=True)
    messages = " ".join(e.message for e in result.errors)
    assert "第二十八条" in messages
    assert not MediationCase.objects.exists()
    result = run_import(ledger, workbook(headers, [good]), actor=county.liaison_town)
    assert not result.errors
    case = MediationCase.objects.get()
    assert case.complex_case and case.agreement_form == "oral" and str(case.amount) == "1200.00"
    out = io.BytesIO()
    assert run_export(ledger, out, actor=county.liaison_town) == 1
    # Another organization's user cannot import into a room it cannot see.
    result = run_import(ledger, workbook(headers, [good]), actor=county.liaison_scj, dry_run=True)
    assert any("无权查看" in e.message for e in result.errors)


@pytest.mark.django_db
def test_arbitration_import(county):
    ledger = get_ledger("labour_arbitration")
    row = [county.sfj.name, "同劳人仲案字〔2021〕1号", "马某", "2", "是", "某公司", "支付工资", "2021/3/1", "调解结案",
           "2021年3月20日", "30000", "1"]
    result = run_import(ledger, workbook(ledger.headers(), [row, row]), actor=county.liaison_sfj)
    assert result.errors and "已登记" in " ".join(e.message for e in result.errors)
    assert not ArbitrationCase.objects.exists()
    result = run_import(ledger, workbook(ledger.headers(), [row]), actor=county.liaison_sfj)
    assert not result.errors
    assert ArbitrationCase.objects.get().migrant_workers
