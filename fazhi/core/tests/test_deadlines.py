"""Deadline rules from the DB, the DB-backed calendar, Deadline services and the board selector."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import deadlines, holidays
from fazhi.core.deadline_rules import RULES
from fazhi.core.deadlines import MissingHolidayData, UnknownRule
from fazhi.core.models import AuditEvent, Deadline, DeadlineRule

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def test_migration_seeded_every_rule():
    codes = set(DeadlineRule.objects.values_list("code", flat=True))
    assert {r["code"] for r in RULES} <= codes
    rule = DeadlineRule.objects.get(code="penalty.decision")
    assert (rule.count, rule.unit, rule.national_default) == (90, "calendar_days", 90)
    assert "第六十条" in rule.legal_basis
    assert DeadlineRule.objects.get(code="normdoc.filing").verification == "U"
    assert DeadlineRule.objects.get(code="normdoc.filing").province_configurable is True


@pytest.mark.parametrize("code, start, expected, why", [
    ("penalty.decision", "2026-03-02", "2026-05-31", "90 calendar days; the agency's own limit does not roll (a Sunday)"),
    ("penalty.hearing_request", "2026-09-29", "2026-10-12", "5 WD: 09-30, 10-08, 10-09, Sat 10-10 (调休), 10-12"),
    ("penalty.service", "2026-02-10", "2026-02-26", "7 WD: 02-11, 12, 13, Sat 02-14, [block], 02-24, 25, 26"),
    ("penalty.payment", "2026-03-06", "2026-03-23", "15 days end Sat 03-21 → Mon 03-23"),
    ("review.application", "2026-08-02", "2026-10-08", "60 days end Thu 10-01 (National Day) → 10-08"),
    ("review.acceptance", "2026-02-13", "2026-02-27", "5 WD: Sat 02-14 counts, the Spring Festival block does not"),
    ("review.copy", "2021-09-30", "2021-10-15", "7 WD: 10-08, Sat 10-09, 10-11 … 10-15"),
    ("review.reply", "2026-02-11", "2026-03-03", "10 WD: 02-12, 13, Sat 14, 24, 25, 26, 27, Sat 28, 03-02, 03-03"),
    ("review.decision", "2026-02-10", "2026-04-13", "60 days end Sat 04-11 → Mon 04-13"),
    ("review.decision", "2026-03-02", "2026-05-06", "60 days end Fri 05-01 (劳动节 05-01..05) → 05-06"),
    ("litigation.answer", "2026-09-16", "2026-10-08", "15 days end Thu 10-01 → 10-08"),
    ("disclosure.reply", "2026-09-21", "2026-10-26", "20 WD across 中秋, National Day and Sat 10-10"),
    ("publicity.double", "2026-12-18", "2026-12-29", "7 WD"),
    ("decision.public_comment", "2026-06-01", "2026-07-01", "≥30 days"),
    ("report.submit", "2026-01-01", "2026-03-01", "annual report by 3月1日"),
    ("report.publish", "2026-01-01", "2026-04-01", "published by 4月1日"),
    ("disclosure.annual_report_dept", "2025-12-31", "2026-01-31", "by 1月31日"),
    ("mediation.settle", "2021-01-31", "2021-02-28", "1 month, clamped to the month end, no roll-forward"),
])
def test_compute_due_by_rule(code, start, expected, why):
    assert deadlines.compute_due(code, D(start)) == D(expected), why


def test_unknown_rule():
    with pytest.raises(UnknownRule) as exc:
        deadlines.compute_due("no.such.rule", D("2026-03-02"))
    assert "未知的期限规则" in str(exc.value)


def test_2027_without_data_is_an_error_then_computes_from_the_table():
    with pytest.raises(MissingHolidayData) as exc:
        deadlines.compute_due("review.acceptance", D("2027-01-04"))
    assert "2027" in str(exc.value)
    with pytest.raises(MissingHolidayData):
        deadlines.compute_due("review.decision", D("2027-01-04"))   # roll-forward needs the calendar
    rows, errors = holidays.parse_holiday_csv(
        "date,kind,name\n2027-01-01,放假,元旦\n2027-01-05,放假,测试\n2027-01-09,上班,测试\n", 2027)
    assert not errors
    holidays.holidays_import(actor=None, year=2027, notice="国办发明电〔2026〕X号", rows=rows)
    # 5 WD from Mon 2027-01-04: 01-06, 01-07, 01-08, Sat 01-09 (调休), 01-11 — 01-05 is off.
    assert deadlines.compute_due("review.acceptance", D("2027-01-04")) == D("2027-01-11")
    # 60 days from 2027-01-04 = 2027-03-05 (Friday): Monday–Friday rule, no roll needed.
    assert deadlines.compute_due("review.decision", D("2027-01-04")) == D("2027-03-05")


def test_calendar_sees_new_holiday_rows_immediately():
    assert deadlines.compute_due("review.acceptance", D("2026-03-02")) == D("2026-03-09")
    holidays.holiday_set(actor=None, date=D("2026-03-04"), kind="holiday", name="地方休息日")
    assert deadlines.compute_due("review.acceptance", D("2026-03-02")) == D("2026-03-10")


def test_configured_count_is_used_and_national_default_kept(county):
    rule = DeadlineRule.objects.get(code="normdoc.filing")
    deadlines.rule_update_count(actor=county.admin, rule=rule, count=15)
    rule.refresh_from_db()
    assert (rule.count, rule.national_default) == (15, 30)
    assert deadlines.compute_due("normdoc.filing", D("2026-03-02")) == D("2026-03-17")
    ev = AuditEvent.objects.filter(action="core.rule.update").last()
    assert ev.data["changes"]["count"] == {"before": 30, "after": 15}


def test_rule_update_refused(county):
    rule = DeadlineRule.objects.get(code="normdoc.filing")
    with pytest.raises(PermissionDenied):
        deadlines.rule_update_count(actor=county.liaison_sfj, rule=rule, count=15)
    fixed = DeadlineRule.objects.get(code="penalty.decision")
    with pytest.raises(ValidationError):
        deadlines.rule_update_count(actor=county.admin, rule=fixed, count=60)
    with pytest.raises(ValidationError):
        deadlines.rule_update_count(actor=county.admin, rule=rule, count=0)
    assert DeadlineRule.objects.get(code="normdoc.filing").count == 30
    assert DeadlineRule.objects.get(code="penalty.decision").count == 90


# -- services -------------------------------------------------------------------------------------

def _register(county, code="review.decision", start="2026-02-10", target=None):
    """A deadline of 司法局, registered by its liaison."""
    return deadlines.deadline_register(
        actor=county.liaison_sfj, organization=county.sfj, rule_code=code, target=target or county.sfj,
        title=f"测试事项 {code}", url="/x/", start_date=D(start))


def test_register_computes_and_audits(county):
    dl = _register(county)
    assert dl.due_date == D("2026-04-13")
    assert (dl.module, dl.target_type, dl.target_id) == ("core", "core.organization", str(county.sfj.code))
    ev = AuditEvent.objects.filter(action="core.deadline.register").last()
    assert ev.target_id == str(dl.code) and ev.organization_id == county.sfj.id


def test_register_twice_updates_the_same_row(county):
    a = _register(county, start="2026-02-10")
    b = _register(county, start="2026-03-02")
    assert a.pk == b.pk
    assert Deadline.objects.count() == 1
    assert b.due_date == D("2026-05-06")  # 60 days end Fri 05-01 (劳动节) → 05-06


def test_register_refuses_other_org_and_read_only(county):
    with pytest.raises(PermissionDenied):
        deadlines.deadline_register(actor=county.liaison_scj, organization=county.sfj, rule_code="review.decision",
                                    target=county.sfj, title="x", start_date=D("2026-02-10"))
    with pytest.raises(PermissionDenied):
        deadlines.deadline_register(actor=county.leader, organization=county.scj, rule_code="review.decision",
                                    target=county.scj, title="x", start_date=D("2026-02-10"))
    assert Deadline.objects.count() == 0


def test_register_in_uncovered_year_saves_nothing(county):
    with pytest.raises(MissingHolidayData):
        deadlines.deadline_register(actor=county.liaison_sfj, organization=county.sfj, rule_code="review.acceptance",
                                    target=county.sfj, title="x", start_date=D("2026-12-30"))
    assert Deadline.objects.count() == 0
    assert not AuditEvent.objects.filter(action="core.deadline.register").exists()


def test_pause_and_resume_extend_by_the_paused_days(county):
    dl = deadlines.deadline_register(actor=county.liaison_sfj, organization=county.sfj, rule_code="penalty.payment",
                                     target=county.sfj, title="罚款缴纳", start_date=D("2026-03-02"))
    assert dl.due_date == D("2026-03-17")
    dl = deadlines.deadline_pause(actor=county.liaison_sfj, deadline=dl, on=D("2026-03-05"), reason="复议中止")
    assert deadlines.open_pause(dl)
    with pytest.raises(ValidationError):
        deadlines.deadline_pause(actor=county.liaison_sfj, deadline=dl, on=D("2026-03-06"))
    dl = deadlines.deadline_resume(actor=county.liaison_sfj, deadline=dl, on=D("2026-03-15"))
    # Paused 03-05..03-14 = 10 days → 03-17 + 10 = Fri 03-27.
    assert dl.due_date == D("2026-03-27")
    assert dl.pauses[0]["to"] == "2026-03-14"
    assert AuditEvent.objects.filter(action="core.deadline.pause").count() == 1
    assert AuditEvent.objects.filter(action="core.deadline.resume").count() == 1
    # Re-registering keeps the recorded pause.
    dl = deadlines.deadline_register(actor=county.liaison_sfj, organization=county.sfj, rule_code="penalty.payment",
                                     target=county.sfj, title="罚款缴纳", start_date=D("2026-03-02"))
    assert dl.due_date == D("2026-03-27")


def test_resume_without_pause_refused(county):
    dl = _register(county)
    with pytest.raises(ValidationError):
        deadlines.deadline_resume(actor=county.liaison_sfj, deadline=dl, on=D("2026-03-01"))


def test_done_removes_from_board(county):
    dl = _register(county, code="review.acceptance", start="2026-03-02")   # due 03-09
    board = deadlines.deadline_board(county.liaison_sfj, today=D("2026-03-10"))
    assert [d.pk for d in board["red"]] == [dl.pk]
    deadlines.deadline_done(actor=county.liaison_sfj, deadline=dl)
    board = deadlines.deadline_board(county.liaison_sfj, today=D("2026-03-10"))
    assert board["red"] == [] and board["yellow"] == []
    assert AuditEvent.objects.filter(action="core.deadline.done").count() == 1


# -- board ----------------------------------------------------------------------------------------

def test_board_red_yellow_and_window(county):
    late = _register(county, code="review.acceptance", start="2026-03-02", target=county.sfj)        # due 03-09
    soon = _register(county, code="review.reply", start="2026-03-02", target=county.gov)             # due 03-16
    later = _register(county, code="disclosure.reply", start="2026-03-02", target=county.fzb)        # due 03-30
    board = deadlines.deadline_board(county.liaison_sfj, today=D("2026-03-11"), within_working_days=3)
    assert board["limit"] == D("2026-03-16")
    assert [d.pk for d in board["red"]] == [late.pk]
    assert board["red"][0].days_late == 2
    assert [d.pk for d in board["yellow"]] == [soon.pk]
    board = deadlines.deadline_board(county.liaison_sfj, today=D("2026-03-11"), within_working_days=20)
    assert {d.pk for d in board["yellow"]} == {soon.pk, later.pk}


def test_board_due_today_is_yellow(county):
    dl = _register(county, code="review.acceptance", start="2026-03-02")  # due 03-09
    board = deadlines.deadline_board(county.liaison_sfj, today=D("2026-03-09"), within_working_days=0)
    assert [d.pk for d in board["yellow"]] == [dl.pk] and board["red"] == []


def test_board_is_scoped(county):
    sfj = _register(county, code="review.acceptance", start="2026-03-02")
    scj = deadlines.deadline_register(actor=county.liaison_scj, organization=county.scj, rule_code="review.acceptance",
                                      target=county.scj, title="市场监管局事项", start_date=D("2026-03-02"))
    suo = deadlines.deadline_register(actor=county.liaison_suo, organization=county.suo, rule_code="review.acceptance",
                                      target=county.suo, title="监管所事项", start_date=D("2026-03-02"))
    today = D("2026-03-10")
    ids = lambda u, **kw: {d.pk for d in deadlines.deadline_board(u, today=today, **kw)["red"]}  # noqa: E731
    assert ids(county.liaison_scj) == {scj.pk, suo.pk}          # own org and the one below
    assert ids(county.liaison_suo) == {suo.pk}
    assert ids(county.liaison_sfj) == {sfj.pk}
    assert ids(county.admin) == {sfj.pk, scj.pk, suo.pk}        # the whole county
    assert ids(county.outsider) == set()
    assert ids(county.admin, organization=county.scj) == {scj.pk, suo.pk}


def test_board_lists_paused_apart(county):
    dl = _register(county, code="review.acceptance", start="2026-03-02")
    deadlines.deadline_pause(actor=county.liaison_sfj, deadline=dl, on=D("2026-03-04"))
    board = deadlines.deadline_board(county.liaison_sfj, today=D("2026-03-20"))
    assert board["red"] == [] and [d.pk for d in board["paused"]] == [dl.pk]


def test_board_window_into_uncovered_year_warns(county):
    board = deadlines.deadline_board(county.liaison_sfj, today=D("2026-12-30"), within_working_days=3)
    assert "2027" in board["warning"] and board["limit"] == D("2027-01-02")


def test_board_context_for_the_home_page(county):
    _register(county, code="review.acceptance", start="2026-03-02")
    ctx = deadlines.board_context(county.liaison_sfj, today=D("2026-03-10"))
    assert len(ctx["board"]["red"]) == 1
