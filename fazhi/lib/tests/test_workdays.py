"""Table-driven tests of the working-day calendar. Every expected date was checked by hand against
chinese_calendar 1.11 (the State Council notices) before being pinned here."""
from __future__ import annotations

import datetime

import pytest

from fazhi.lib.workdays import CALENDAR_DAYS, MONTHS, WORKING_DAYS, YEARS, MissingHolidayData, WorkCalendar

D = datetime.date.fromisoformat
CAL = WorkCalendar()


@pytest.mark.parametrize("day, workday, why", [
    ("2026-02-14", True, "Saturday, 调休上班 for the 2026 Spring Festival"),
    ("2026-02-28", True, "Saturday, 调休上班 for the 2026 Spring Festival"),
    ("2025-01-26", True, "Sunday, 调休上班 for the 2025 Spring Festival"),
    ("2025-02-08", True, "Saturday, 调休上班 for the 2025 Spring Festival"),
    ("2026-02-16", False, "Monday inside the 2026 Spring Festival block"),
    ("2020-02-01", False, "Saturday of the 2020 Spring Festival extension (was a 调休 workday before)"),
    ("2020-01-31", False, "Friday of the 2020 Spring Festival extension"),
    ("2021-10-07", False, "Thursday inside the National Day week"),
    ("2021-10-09", True, "Saturday, 调休上班 after National Day 2021"),
    ("2026-03-01", False, "an ordinary Sunday"),
    ("2026-03-02", True, "an ordinary Monday"),
])
def test_is_workday_pins_the_state_council_calendar(day, workday, why):
    assert CAL.is_workday(D(day)) is workday, why


@pytest.mark.parametrize("start, n, expected, why", [
    # 调休 working weekends count as working days.
    ("2026-02-13", 1, "2026-02-14", "Fri → the working Saturday"),
    ("2026-02-13", 2, "2026-02-24", "then the whole Spring Festival block is skipped"),
    ("2026-02-27", 1, "2026-02-28", "Fri → the working Saturday"),
    ("2025-01-25", 1, "2025-01-26", "Sat → the working Sunday"),
    ("2025-01-24", 1, "2025-01-26", "Fri → the ordinary Saturday is skipped, the working Sunday counts"),
    # Spring Festival and National Day blocks.
    ("2021-09-30", 5, "2021-10-13", "Oct 8 (1), Sat Oct 9 调休 (2), Oct 11, 12, 13"),
    ("2021-02-10", 5, "2021-02-23", "2021 Spring Festival 02-11..02-17; Sat 02-20 调休 counts (2021-02-18,19,20,22,23)"),
    ("2025-01-27", 1, "2025-02-05", "2025 Spring Festival block 01-28..02-04"),
    ("2025-01-27", 5, "2025-02-10", "02-05, 06, 07, Sat 02-08 调休, 02-10"),
    ("2024-02-08", 5, "2024-02-21", "2024 block 02-10..02-17, Sun 02-18 调休"),
    # Year boundary (元旦).
    ("2021-12-31", 3, "2022-01-06", "2022-01-01..03 off"),
    ("2020-12-31", 3, "2021-01-06", "2021-01-01..03 off"),
    ("2020-12-31", 1, "2021-01-04", "first working day of 2021"),
    ("2026-12-28", 3, "2026-12-31", "stays inside 2026"),
    # Counting backwards.
    ("2021-10-08", -1, "2021-09-30", "the working day before the National Day week"),
    ("2026-03-02", 0, "2026-03-02", "zero days is the start itself"),
])
def test_add_working_days(start, n, expected, why):
    assert CAL.add_working_days(D(start), n) == D(expected), why


def test_2025_holiday_law_change_spring_festival_includes_chuxi():
    """放假办法 (2024 revision, from 2025): 春节 4 days incl. 除夕; before, 除夕 was not a statutory day."""
    assert CAL.is_workday(D("2024-02-09")) is True     # 除夕 2024, a Friday, was worked
    assert CAL.is_workday(D("2025-01-28")) is False    # 除夕 2025, a Tuesday, is a holiday
    # Both years: an 8-day block with two make-up days (2025: Sun 01-26, Sat 02-08; 2024: Sun 02-04, Sun 02-18);
    # with 除夕 now statutory, 2025 starts the block on 除夕 itself.
    assert not any(CAL.is_workday(D("2025-01-28") + datetime.timedelta(i)) for i in range(8))
    assert not any(CAL.is_workday(D("2024-02-10") + datetime.timedelta(i)) for i in range(8))
    assert CAL.add_working_days(D("2025-01-27"), 1) == D("2025-02-05")
    assert CAL.add_working_days(D("2024-02-08"), 1) == D("2024-02-09")   # 除夕 2024 still a working day


def test_2025_holiday_law_change_labour_day_two_days():
    """劳动节 2 days (5/1, 5/2) from 2025: the 05-01..05 block needs one make-up day, 2024 needed two."""
    block_2025 = [D("2025-05-01") + datetime.timedelta(i) for i in range(5)]
    block_2024 = [D("2024-05-01") + datetime.timedelta(i) for i in range(5)]
    assert not any(CAL.is_workday(d) for d in block_2025)
    assert not any(CAL.is_workday(d) for d in block_2024)
    # Make-up days: 2025 only Sun 04-27; 2024 Sun 04-28 and Sat 05-11.
    assert CAL.is_workday(D("2025-04-27")) and not CAL.is_workday(D("2025-05-10"))
    assert CAL.is_workday(D("2024-04-28")) and CAL.is_workday(D("2024-05-11"))
    assert CAL.add_working_days(D("2025-04-30"), 1) == D("2025-05-06")
    assert CAL.add_working_days(D("2024-04-30"), 1) == D("2024-05-06")
    assert CAL.add_working_days(D("2025-05-09"), 1) == D("2025-05-12")
    assert CAL.add_working_days(D("2024-05-10"), 1) == D("2024-05-11")


@pytest.mark.parametrize("day", ["2027-01-04", "2003-12-31"])
def test_uncovered_year_is_an_explicit_error(day):
    with pytest.raises(MissingHolidayData) as exc:
        CAL.is_workday(D(day))
    assert str(D(day).year) in str(exc.value)
    assert "节假日" in str(exc.value)


def test_counting_into_an_uncovered_year_raises():
    with pytest.raises(MissingHolidayData):
        CAL.add_working_days(D("2026-12-28"), 4)   # the 4th working day would be in 2027
    with pytest.raises(MissingHolidayData):
        CAL.due_date(D("2026-12-20"), 20, CALENDAR_DAYS, roll_forward=True)


def test_table_year_is_used_alone():
    """A year entered in full: listed days as listed, every other day Monday–Friday."""
    overrides = {D("2027-01-01"): False, D("2027-02-06"): True}
    cal = WorkCalendar(overrides, {2027})
    assert cal.is_workday(D("2027-01-01")) is False       # Friday, 元旦
    assert cal.is_workday(D("2027-02-06")) is True        # Saturday, 调休上班
    assert cal.is_workday(D("2027-01-04")) is True        # ordinary Monday
    assert cal.is_workday(D("2027-01-02")) is False       # ordinary Saturday
    assert cal.add_working_days(D("2026-12-31"), 1) == D("2027-01-04")


def test_table_year_wins_over_the_package():
    """For a year with a HolidayYear row the package is not consulted at all."""
    cal = WorkCalendar({}, {2026})
    assert cal.is_workday(D("2026-02-16")) is True        # a Spring Festival Monday, table says nothing
    assert cal.is_workday(D("2026-02-14")) is False       # the package's 调休 Saturday is not used


def test_single_override_on_a_package_year():
    cal = WorkCalendar({D("2026-03-02"): False}, ())
    assert cal.is_workday(D("2026-03-02")) is False
    assert cal.add_working_days(D("2026-02-27"), 2) == D("2026-03-03")


def test_overrides_alone_do_not_cover_a_year():
    cal = WorkCalendar({D("2027-01-01"): False}, ())
    with pytest.raises(MissingHolidayData):
        cal.is_workday(D("2027-01-04"))


@pytest.mark.parametrize("start, count, unit, roll, expected, why", [
    # Day 1 is the day after the start (民诉法 art. 85).
    ("2026-03-02", 1, CALENDAR_DAYS, False, "2026-03-03", "one day = the next day"),
    ("2026-03-02", 15, CALENDAR_DAYS, False, "2026-03-17", "15 calendar days"),
    # Roll-forward onto the next working day.
    ("2026-03-06", 15, CALENDAR_DAYS, True, "2026-03-23", "ends Sat 03-21 → Mon 03-23"),
    ("2026-03-06", 15, CALENDAR_DAYS, False, "2026-03-21", "same period, rule without roll-forward"),
    ("2026-09-21", 10, CALENDAR_DAYS, True, "2026-10-08", "ends Thu 10-01 (National Day) → 10-08"),
    ("2026-09-21", 10, CALENDAR_DAYS, False, "2026-10-01", "no roll-forward: stays on the holiday"),
    ("2026-02-13", 1, CALENDAR_DAYS, True, "2026-02-14", "ends on a 调休 working Saturday: no move"),
    ("2026-02-10", 60, CALENDAR_DAYS, True, "2026-04-13", "ends Sat 04-11 → Mon 04-13"),
    # Months: same day of month, clamped to month end (民法典 art. 202), then roll-forward.
    ("2021-01-31", 1, MONTHS, False, "2021-02-28", "no 31 February → month end"),
    ("2021-01-31", 1, MONTHS, True, "2021-03-01", "2021-02-28 is a Sunday → Mon 03-01"),
    ("2024-01-31", 1, MONTHS, False, "2024-02-29", "leap year"),
    ("2025-12-31", 1, MONTHS, False, "2026-01-31", "annual data due by 1月31日"),
    ("2026-01-01", 2, MONTHS, False, "2026-03-01", "annual report due by 3月1日"),
    ("2025-08-31", 6, MONTHS, True, "2026-02-28", "month end 02-28 is a 调休 working Saturday: no move"),
    ("2024-02-29", 1, YEARS, False, "2025-02-28", "years: no 29 February → month end"),
    # Working days.
    ("2026-02-13", 5, WORKING_DAYS, False, "2026-02-27", "Sat 02-14 counts, the block does not"),
])
def test_due_date_table(start, count, unit, roll, expected, why):
    assert CAL.due_date(D(start), count, unit, roll_forward=roll) == D(expected), why


@pytest.mark.parametrize("start, count, unit, pauses, expected, why", [
    ("2026-03-02", 15, CALENDAR_DAYS, [("2026-03-05", "2026-03-14")], "2026-03-27", "中止 10 days → +10 days"),
    ("2026-03-02", 15, CALENDAR_DAYS, [], "2026-03-17", "the same period without pause"),
    ("2026-03-02", 15, CALENDAR_DAYS, [("2026-04-01", "2026-04-10")], "2026-03-17", "a pause after the end changes nothing"),
    ("2026-03-02", 15, CALENDAR_DAYS, [("2026-03-05", "2026-03-09"), ("2026-03-20", "2026-03-24")], "2026-03-27",
     "the first pause pushes the end into the second one"),
    ("2026-03-02", 5, WORKING_DAYS, [("2026-03-04", "2026-03-05")], "2026-03-11", "two paused working days skipped"),
    ("2021-01-31", 1, MONTHS, [("2021-02-01", "2021-02-10")], "2021-03-10", "02-28 + 10 days = 03-10 (Wed)"),
])
def test_pauses_stop_the_clock(start, count, unit, pauses, expected, why):
    pz = [(D(a), D(b)) for a, b in pauses]
    assert CAL.due_date(D(start), count, unit, roll_forward=True, pauses=pz) == D(expected), why


def test_pause_with_dicts_and_explanation():
    result = CAL.compute(D("2026-03-02"), 15, CALENDAR_DAYS, roll_forward=True,
                         pauses=[{"from": "2026-03-05", "to": "2026-03-14"}])
    assert result.due == D("2026-03-27")
    assert result.paused_days == 10
    assert any("中止" in s for s in result.steps)


def test_explanation_mentions_roll_forward():
    result = CAL.compute(D("2026-03-06"), 15, CALENDAR_DAYS, roll_forward=True)
    assert result.rolled and result.period_end == D("2026-03-21")
    assert any("顺延" in s for s in result.steps)


def test_bad_input():
    with pytest.raises(ValueError):
        CAL.due_date(D("2026-03-02"), 5, "fortnights")
    with pytest.raises(ValueError):
        CAL.due_date(D("2026-03-02"), 5, CALENDAR_DAYS, pauses=[(D("2026-03-05"), D("2026-03-04"))])


def test_calendar_days_without_roll_forward_need_no_holiday_data():
    """A plain calendar count does not look at the calendar, so an uncovered year is fine."""
    assert CAL.due_date(D("2026-12-20"), 90, CALENDAR_DAYS) == D("2027-03-20")


def test_package_years():
    years = WorkCalendar.package_years()
    assert years.start == 2004 and 2026 in years and 2027 not in years
