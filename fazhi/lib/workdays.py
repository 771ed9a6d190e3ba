"""Working-day calendar and statutory period arithmetic (pure: no ORM, no Django).

Sources of truth, in order:

1. A year listed in ``table_years`` (a ``core.HolidayYear`` row: the State Council's notice for that
   year was entered in full) is read from ``overrides`` only: a day listed there is a rest day or a
   working day as listed; every other day follows Monday–Friday.
2. Any other year comes from the ``chinese-calendar`` package (2004–2026 in version 1.11), with
   single ``overrides`` on top (e.g. a local extra rest day entered by the admin).
3. A year in neither raises :class:`MissingHolidayData`. Never a silent Monday–Friday guess:
   ``chinese_calendar`` raises ``NotImplementedError`` for such years and we turn that into an
   explicit, user-facing error.

Counting (民事诉讼法 (2023) 第八十五条; 民法典 第二百零一条 至 第二百零三条):

- The start day is not counted: day 1 is the day AFTER the start event.
- Calendar days: the N-th day after the start.
- Working days: the N-th working day after the start (行政处罚法 第八十五条, 行政复议法 第八十八条,
  政府信息公开条例 "X个工作日").
- Months / years: the same day of the month N months (years) later; where that month has no such
  day, its last day (民法典 第二百零二条).
- Roll-forward, where the rule says so: a period whose last day is a rest day ends on the next
  working day (民事诉讼法 第八十五条第二款, 民法典 第二百零三条). Working-day periods always end on a
  working day.
- Pauses (中止): inclusive ranges of days on which the clock stops; the paused days that fall
  inside the running period do not count, so a 10-day pause moves the end by 10 days (calendar
  periods) or skips the paused working days (working-day periods).
"""
from __future__ import annotations

import calendar as _stdcal
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import chinese_calendar

CALENDAR_DAYS = "calendar_days"
WORKING_DAYS = "working_days"
MONTHS = "months"
YEARS = "years"
UNITS = (CALENDAR_DAYS, WORKING_DAYS, MONTHS, YEARS)
UNIT_LABELS = {CALENDAR_DAYS: "日（自然日）", WORKING_DAYS: "个工作日", MONTHS: "个月", YEARS: "年"}

# Guard against runaway loops (a working-day count over a table that marks everything as rest).
_MAX_SCAN_DAYS = 3 * 366


def _package_years() -> range:
    years = [d.year for d in chinese_calendar.holidays] + [d.year for d in chinese_calendar.workdays]
    return range(min(years), max(years) + 1)


_PACKAGE_YEARS = _package_years()


class MissingHolidayData(Exception):
    """A computation needs a year for which there is no holiday arrangement at all."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"缺少{year}年的节假日安排数据，无法计算期限。"
            f"请法治办管理员依据国务院办公厅{year}年部分节假日安排的通知录入该年节假日后再计算。"
        )


Pause = tuple[datetime.date, datetime.date]


@dataclass
class Computation:
    """The due date and how it was reached (for the calculator page and the CLI)."""

    start: datetime.date
    count: int
    unit: str
    due: datetime.date
    period_end: datetime.date          # last day before roll-forward
    rolled: bool = False               # moved to the next working day
    paused_days: int = 0               # days of pause that fell inside the period
    steps: list[str] = field(default_factory=list)


def _add_months(d: datetime.date, months: int) -> datetime.date:
    """Same day-of-month ``months`` later; clamp to the month end (民法典 第二百零二条)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _stdcal.monthrange(year, month)[1]
    return datetime.date(year, month, min(d.day, last))


def _normalize_pauses(pauses: Iterable) -> list[Pause]:
    out: list[Pause] = []
    for p in pauses or ():
        if isinstance(p, Mapping):
            a, b = p.get("from"), p.get("to")
        else:
            a, b = p
        if isinstance(a, str):
            a = datetime.date.fromisoformat(a)
        if isinstance(b, str):
            b = datetime.date.fromisoformat(b)
        if a is None or b is None:
            raise ValueError("中止期间必须有起止日期。")
        if b < a:
            raise ValueError(f"中止期间的结束日 {b} 早于开始日 {a}。")
        out.append((a, b))
    return sorted(out)


def _is_paused(d: datetime.date, pauses: list[Pause]) -> bool:
    return any(a <= d <= b for a, b in pauses)


class WorkCalendar:
    """Working days from chinese-calendar plus an override table.

    ``overrides`` maps a date to True (a working day, 调休上班) or False (a rest day, 放假).
    ``table_years`` are the years whose arrangement is entirely in ``overrides``.
    """

    def __init__(self, overrides: Mapping[datetime.date, bool] | None = None,
                 table_years: Iterable[int] = (), *, use_package: bool = True):
        self.overrides: dict[datetime.date, bool] = dict(overrides or {})
        self.table_years: frozenset[int] = frozenset(table_years)
        self.use_package = use_package

    # -- coverage -------------------------------------------------------------------------------
    @staticmethod
    def package_years() -> range:
        """Years the installed chinese-calendar package covers."""
        return _PACKAGE_YEARS

    def source_of(self, year: int) -> str | None:
        """'table', 'package' or None (no data)."""
        if year in self.table_years:
            return "table"
        if self.use_package and year in self.package_years():
            return "package"
        return None

    def covers(self, year: int) -> bool:
        return self.source_of(year) is not None

    # -- days ----------------------------------------------------------------------------------
    def is_workday(self, d: datetime.date) -> bool:
        if isinstance(d, datetime.datetime):
            d = d.date()
        if d.year in self.table_years:
            return self.overrides.get(d, d.weekday() < 5)
        if d in self.overrides and self.use_package and d.year in self.package_years():
            return self.overrides[d]
        if not self.use_package:
            raise MissingHolidayData(d.year)
        try:
            return chinese_calendar.is_workday(d)
        except NotImplementedError:
            raise MissingHolidayData(d.year) from None

    def next_workday(self, d: datetime.date) -> datetime.date:
        """The first working day strictly after ``d``."""
        x = d
        for _ in range(_MAX_SCAN_DAYS):
            x += datetime.timedelta(days=1)
            if self.is_workday(x):
                return x
        raise ValueError(f"{d} 之后 {_MAX_SCAN_DAYS} 天内没有工作日，请检查节假日数据。")

    def roll_forward(self, d: datetime.date) -> datetime.date:
        """``d`` itself if it is a working day, else the next working day (民事诉讼法 第八十五条)."""
        return d if self.is_workday(d) else self.next_workday(d)

    def add_working_days(self, start: datetime.date, n: int, *, pauses: Iterable = ()) -> datetime.date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted); n < 0 counts back."""
        pz = _normalize_pauses(pauses)
        if n == 0:
            return start
        step = datetime.timedelta(days=1 if n > 0 else -1)
        remaining = abs(n)
        x = start
        for _ in range(_MAX_SCAN_DAYS + remaining * 3):
            x += step
            if self.is_workday(x) and not _is_paused(x, pz):
                remaining -= 1
                if remaining == 0:
                    return x
        raise ValueError(f"无法在合理范围内数出 {n} 个工作日，请检查节假日数据。")

    def working_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """Working days in (a, b]; negative if b < a."""
        if b < a:
            return -self.working_days_between(b, a)
        n, x = 0, a
        while x < b:
            x += datetime.timedelta(days=1)
            if self.is_workday(x):
                n += 1
        return n

    # -- periods -------------------------------------------------------------------------------
    def compute(self, start: datetime.date, count: int, unit: str, *, roll_forward: bool = False,
                pauses: Iterable = ()) -> Computation:
        if unit not in UNITS:
            raise ValueError(f"未知的期限单位：{unit}")
        if count < 0:
            raise ValueError("期限不能为负数。")
        pz = [(a, b) for a, b in _normalize_pauses(pauses) if b > start]
        steps = [f"起算日 {start.isoformat()}（当日不计入，自次日起算：民事诉讼法第八十五条）"]
        paused = 0
        if unit == WORKING_DAYS:
            end = self.add_working_days(start, count, pauses=pz)
            paused = sum(1 for a, b in pz for i in range((b - a).days + 1)
                         if start < a + datetime.timedelta(days=i) <= end
                         and self.is_workday(a + datetime.timedelta(days=i)))
            steps.append(f"第 {count} 个工作日为 {end.isoformat()}（跳过休息日、法定节假日，计入调休上班日）")
            if paused:
                steps.append(f"其中中止期间的 {paused} 个工作日不计入")
            return Computation(start, count, unit, end, end, False, paused, steps)
        if unit == CALENDAR_DAYS:
            base = start + datetime.timedelta(days=count)
            steps.append(f"{count} 日后为 {base.isoformat()}")
        else:
            months = count if unit == MONTHS else count * 12
            base = _add_months(start, months)
            steps.append(f"{count}{UNIT_LABELS[unit]}后的对应日为 {base.isoformat()}（没有对应日的，为该月末日：民法典第二百零二条）")
        # Each paused day inside the running period pushes the end by one day; repeat until stable
        # because the pushed end may reach into a later pause.
        end = base
        while True:
            inside = sum(max(0, (min(b, end) - max(a, start + datetime.timedelta(days=1))).days + 1) for a, b in pz)
            new_end = base + datetime.timedelta(days=inside)
            if new_end == end:
                break
            end = new_end
        paused = (end - base).days
        if paused:
            steps.append(f"中止期间 {paused} 日不计入，顺延至 {end.isoformat()}")
        due, rolled = end, False
        if roll_forward:
            due = self.roll_forward(end)
            rolled = due != end
            if rolled:
                steps.append(f"期间最后一日 {end.isoformat()} 为休息日或法定节假日，顺延至其后第一个工作日 {due.isoformat()}（民事诉讼法第八十五条）")
            else:
                steps.append(f"期间最后一日 {end.isoformat()} 为工作日，不顺延")
        else:
            steps.append("本规则末日不顺延")
        return Computation(start, count, unit, due, end, rolled, paused, steps)

    def due_date(self, start: datetime.date, count: int, unit: str, roll_forward: bool = False,
                 pauses: Iterable = ()) -> datetime.date:
        return self.compute(start, count, unit, roll_forward=roll_forward, pauses=pauses).due
