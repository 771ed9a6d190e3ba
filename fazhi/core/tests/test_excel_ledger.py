"""The ledger framework with a throw-away ledger holding dates, numbers and a multi-choice column."""
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from fazhi.core.ledgers import Column, CommitSummary, Ledger, RowError, run_export, run_import
from fazhi.core.tests.excel_helpers import read_back
from fazhi.lib import xlsx
from fazhi.lib.validators import validate_credit_code


class DemoLedger(Ledger):
    name = "demo"
    title = "演示台账"
    model_label = "demo.row"
    columns = [
        Column("名称", "name", required=True),
        Column("日期", "day", required=True, parser=xlsx.parse_date, number_format="yyyy-mm-dd"),
        Column("金额", "amount", parser=lambda v: xlsx.parse_decimal(v, places=2)),
        Column("代码", "code", parser=validate_credit_code),
        Column("标签", "tags", choices=[("a", "甲类"), ("b", "乙类")], multiple=True),
    ]

    def __init__(self):
        self.saved = []

    def validate_rows(self, actor, rows, *, request_id=""):
        for row in rows:
            yield from row.errors
            if row.data.get("day") and row.data["day"].year < 2000:
                yield RowError(row.number, "日期", "不能早于2000年。")

    def commit(self, actor, rows, *, request_id=""):
        summary = CommitSummary(model=self.model_label)
        for i, row in enumerate(rows, start=1):
            self.saved.append(row.data)
            summary.add(i, f"demo-{i}")
        return summary

    def export_rows(self, actor):
        yield ["甲", datetime.date(2021, 3, 5), Decimal("12.50"), "", "甲类、乙类"]
        yield ["乙", timezone.make_aware(datetime.datetime(2021, 3, 5, 23, 30), datetime.timezone.utc), None, "", ""]


def book(rows, headers=("名称", "日期", "金额", "代码", "标签"), *, title=True, blank=3):
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append(["演示台账（2021年）"])
    ws.append([f"  {h} " for h in headers])
    for r in rows:
        ws.append(r)
    for _ in range(blank):
        ws.append([None, None])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


@pytest.mark.django_db
def test_dates_numbers_fullwidth_and_choices_are_normalized():
    ledger = DemoLedger()
    rows = [["甲", "2021/3/5", "１，２３４.５", "", "甲类、乙类"],
            ["乙", "2021年3月5日", 12, "９１６４０３２４ＭＡ７６０００01Ｍ", "乙类"],
            ["丙", 44260, None, None, "甲类,甲类"],
            ["丁", datetime.datetime(2021, 3, 5, 8, 0), "0.5", "", None],
            ["戊", "2021.3.5", "", "", ""]]
    result = run_import(ledger, book(rows), actor=None)
    assert result.committed, result.messages()
    assert result.header_row == 2 and result.rows == 5
    assert {r["day"] for r in ledger.saved} == {datetime.date(2021, 3, 5)}
    assert [r["amount"] for r in ledger.saved] == [Decimal("1234.50"), Decimal("12.00"), None, Decimal("0.50"), None]
    assert ledger.saved[1]["code"] == "91640324MA7600001M"
    assert [r["tags"] for r in ledger.saved] == [["a", "b"], ["b"], ["a"], [], []]


@pytest.mark.django_db
def test_cell_and_row_errors_name_row_and_column():
    ledger = DemoLedger()
    rows = [["甲", "2021/2/30", "1.234", "91640324MA7600001A", "丙类"],
            ["乙", "1999-01-01", "", "", ""],
            [None, None, "5", "", ""]]
    result = run_import(ledger, book(rows), actor=None)
    assert not result.committed and ledger.saved == []
    assert result.messages() == [
        "第3行 “日期”：日期“2021/2/30”不存在。",
        "第3行 “金额”：最多保留2位小数。",
        "第3行 “代码”：统一社会信用代码校验位错误。",
        "第3行 “标签”：“丙类”不是可选值，可选：甲类、乙类。",
        "第4行 “日期”：不能早于2000年。",
        "第5行 “名称”：必填，不能为空。",
        "第5行 “日期”：必填，不能为空。",
    ]


@pytest.mark.django_db
def test_commit_audit_lists_codes():
    from fazhi.core.models import AuditEvent

    ledger = DemoLedger()
    result = run_import(ledger, book([["甲", "2021-03-05", "", "", ""]]), actor=None, filename="演示.xlsx")
    event = AuditEvent.objects.get(pk=result.audit_event_id)
    assert event.action == "core.import.commit" and event.actor_name == "系统"
    assert event.data["codes"] == ["demo-1"] and event.data["rows"] == 1 and event.data["file_sha256"] == result.sha256


@pytest.mark.django_db
def test_export_writes_dates_and_local_times():
    out = io.BytesIO()
    assert run_export(DemoLedger(), out, actor=None) == 2
    rows = read_back(out)
    assert rows[0] == ["名称", "日期", "金额", "代码", "标签"]
    assert rows[1][1] == datetime.datetime(2021, 3, 5) and rows[1][2] == 12.5 and rows[1][4] == "甲类、乙类"
    assert rows[2][1] == datetime.datetime(2021, 3, 6, 7, 30)  # 23:30 UTC = 07:30 next day in Asia/Shanghai
