"""CLI: fazhi deadline / rules / holidays_import (output and exit codes)."""
from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.models import AuditEvent, Holiday, HolidayYear

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def fails(*args) -> CommandError:
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert exc.value.returncode == 2
    return exc.value


@pytest.mark.parametrize("code, start, due", [
    ("review.decision", "2026-02-10", "2026-04-13"),
    ("review.acceptance", "2026-02-13", "2026-02-27"),
    ("penalty.decision", "2026-03-02", "2026-05-31"),
    ("mediation.settle", "2021-01-31", "2021-02-28"),
])
def test_deadline_prints_iso_date_then_basis(code, start, due):
    out = run("deadline", code, start).splitlines()
    assert out[0] == due
    assert any(line.startswith("依据：《") for line in out)


def test_deadline_explains_roll_forward():
    out = run("deadline", "review.decision", "2026-02-10")
    assert "《中华人民共和国行政复议法》第六十二条第一款" in out
    assert "顺延至其后第一个工作日 2026-04-13" in out


def test_deadline_with_pause():
    out = run("deadline", "penalty.payment", "2026-03-02", "--pause", "2026-03-05:2026-03-14")
    assert out.splitlines()[0] == "2026-03-27"


def test_deadline_unknown_rule():
    assert "未知的期限规则编码：no.such" in str(fails("deadline", "no.such", "2026-03-02"))


@pytest.mark.parametrize("bad", ["2026-02-30", "20260301", "yesterday", ""])
def test_deadline_malformed_date(bad):
    assert "格式不正确" in str(fails("deadline", "review.decision", bad))


def test_deadline_bad_pause():
    assert "格式不正确" in str(fails("deadline", "review.decision", "2026-03-02", "--pause", "2026-03-05"))
    assert "早于" in str(fails("deadline", "review.decision", "2026-03-02", "--pause", "2026-03-05:2026-03-01"))


def test_deadline_missing_holiday_data_then_table(tmp_path):
    err = fails("deadline", "review.acceptance", "2027-01-04")
    assert "缺少2027年的节假日安排数据" in str(err)
    csv = tmp_path / "2027.csv"
    csv.write_text("date,kind,name\n2027-01-01,放假,元旦\n2027-01-09,上班,测试\n", encoding="utf-8")
    run("holidays_import", str(csv), "--year", "2027", "--notice", "国办发明电〔2026〕X号")
    # 5 WD from Mon 01-04: 01-05, 06, 07, 08, Sat 01-09 (上班 in the table).
    assert run("deadline", "review.acceptance", "2027-01-04").splitlines()[0] == "2027-01-09"


def test_rules_lists_codes():
    out = run("rules")
    lines = out.splitlines()
    assert len(lines) >= 60
    line = next(x for x in lines if x.startswith("disclosure.reply\t"))
    assert "20个工作日" in line and "第三十三条" in line
    assert "[U；可配置]" in next(x for x in lines if x.startswith("normdoc.filing\t"))
    assert all(x.startswith("review.") for x in run("rules", "review.").splitlines())


def test_holidays_import_ok(tmp_path):
    csv = tmp_path / "2027.csv"
    csv.write_bytes("date,kind,name\n2027-01-01,holiday,New Year\n2027-02-06,workday,春节\n".encode("utf-8-sig"))
    out = run("holidays_import", str(csv), "--year", "2027", "--notice", "国办发明电〔2026〕X号")
    assert "已导入 2027 年节假日安排：放假 1 天，调休上班 1 天" in out
    assert HolidayYear.objects.get(year=2027).notice == "国办发明电〔2026〕X号"
    assert Holiday.objects.get(date=datetime.date(2027, 2, 6)).kind == "workday"
    assert AuditEvent.objects.filter(action="core.holiday.import").count() == 1


def test_holidays_import_all_or_nothing(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("2027-01-01,放假,元旦\n2027-01-32,放假,x\n2027-02-06,加班,春节\n", encoding="utf-8")
    err = str(fails("holidays_import", str(csv), "--year", "2027", "--notice", "x"))
    assert "第 2 行" in err and "第 3 行" in err and "未保存任何数据" in err
    assert not Holiday.objects.exists() and not HolidayYear.objects.exists()


def test_holidays_import_bad_args(tmp_path):
    assert "找不到文件" in str(fails("holidays_import", str(tmp_path / "none.csv"), "--year", "2027", "--notice", "x"))
    csv = tmp_path / "ok.csv"
    csv.write_text("2027-01-01,放假,元旦\n", encoding="utf-8")
    assert "年份" in str(fails("holidays_import", str(csv), "--year", "二〇二七", "--notice", "x"))
    assert "请填写" in str(fails("holidays_import", str(csv), "--year", "2027", "--notice", " "))
    assert not HolidayYear.objects.exists()


def test_holidays_import_dry_run(tmp_path):
    csv = tmp_path / "ok.csv"
    csv.write_text("2027-01-01,放假,元旦\n", encoding="utf-8")
    assert "校验通过" in run("holidays_import", str(csv), "--year", "2027", "--notice", "x", "--dry-run")
    assert not Holiday.objects.exists()
