"""Holiday table services: one day at a time, or a whole year from the State Council's notice (CSV).

CSV format (UTF-8, UTF-8 with BOM, or GB18030 as saved by Excel), one row per day that differs
from Monday–Friday, header optional::

    date,kind,name
    2027-01-01,放假,元旦
    2027-02-07,上班,春节

``kind``: 放假 / holiday, or 上班 / 调休上班 / workday. Importing a year replaces that year's rows
and records a ``HolidayYear`` (the year is then read from the table only: see fazhi/lib/workdays.py).
"""
from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log
from fazhi.core.choices import HolidayKind
from fazhi.core.deadlines import is_calendar_admin
from fazhi.core.models import Holiday, HolidayYear

register_actions({"core.holiday.remove": "删除节假日"})

KIND_ALIASES = {
    "放假": HolidayKind.HOLIDAY, "休息": HolidayKind.HOLIDAY, "holiday": HolidayKind.HOLIDAY,
    "上班": HolidayKind.WORKDAY, "调休上班": HolidayKind.WORKDAY, "补班": HolidayKind.WORKDAY,
    "workday": HolidayKind.WORKDAY,
}
MAX_CSV_BYTES = 256 * 1024
MIN_YEAR, MAX_YEAR = 2000, 2100
_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_day(text: str) -> datetime.date:
    """2027-01-01, 2027/1/1, 2027.1.1 or 2027年1月1日; ValueError otherwise."""
    m = _DATE_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    return datetime.date(*(int(g) for g in m.groups()))


@dataclass
class HolidayRow:
    line: int
    date: datetime.date
    kind: str
    name: str

    @property
    def kind_label(self) -> str:
        return HolidayKind(self.kind).label


def _require_admin(actor) -> None:
    if actor is not None and not is_calendar_admin(actor):
        raise PermissionDenied("只有法治办管理员可以维护节假日。")


def decode_csv(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    if len(data) > MAX_CSV_BYTES:
        raise ValidationError("文件过大（超过 256 KB），节假日文件每年只有几十行。")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError("无法识别文件编码，请另存为 UTF-8 编码的 CSV 文件。")


def parse_holiday_csv(data: bytes | str, year: int) -> tuple[list[HolidayRow], list[str]]:
    """Validate every row; return (rows, errors). Errors name the line, in Chinese."""
    errors: list[str] = []
    rows: list[HolidayRow] = []
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return [], [f"年份 {year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间。"]
    try:
        text = decode_csv(data)
    except ValidationError as exc:
        return [], list(exc.messages)
    seen: dict[datetime.date, int] = {}
    for line_no, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if line_no == 1 and cells[0].lower() in ("date", "日期"):
            continue  # header
        prefix = f"第 {line_no} 行："
        if len(cells) < 2:
            errors.append(prefix + "至少需要“日期,类型”两列。")
            continue
        if len(cells) > 3:
            errors.append(prefix + "列数过多，应为“日期,类型,节日名称”。")
            continue
        raw_date, raw_kind = cells[0], cells[1]
        name = cells[2] if len(cells) > 2 else ""
        try:
            day = parse_day(raw_date)
        except ValueError:
            errors.append(prefix + f"日期“{raw_date}”格式不正确，应为 YYYY-MM-DD，如 {year}-01-01。")
            continue
        kind = KIND_ALIASES.get(raw_kind.lower() if raw_kind.isascii() else raw_kind)
        if kind is None:
            errors.append(prefix + f"类型“{raw_kind}”无法识别，应为“放假”或“上班”。")
            continue
        if day.year != year:
            errors.append(prefix + f"日期 {day.isoformat()} 不属于 {year} 年。")
            continue
        if day in seen:
            errors.append(prefix + f"日期 {day.isoformat()} 与第 {seen[day]} 行重复。")
            continue
        if len(name) > 32:
            errors.append(prefix + "节日名称不能超过 32 个字。")
            continue
        seen[day] = line_no
        rows.append(HolidayRow(line_no, day, kind, name))
    if not rows and not errors:
        errors.append("文件中没有节假日数据行。")
    return rows, errors


@transaction.atomic
def holidays_import(*, actor, year: int, notice: str, rows: list[HolidayRow], request_id: str = "") -> HolidayYear:
    """Replace the year's Holiday rows with ``rows`` and mark the year as entered in full."""
    _require_admin(actor)
    notice = (notice or "").strip()
    if not notice:
        raise ValidationError({"notice": "请填写国务院办公厅通知的文号或来源。"})
    if len(notice) > 128:
        raise ValidationError({"notice": "通知文号/来源不能超过 128 个字。"})
    if not rows:
        raise ValidationError("没有可导入的节假日数据。")
    if any(r.date.year != year for r in rows):
        raise ValidationError("存在不属于该年份的日期。")
    removed = Holiday.objects.filter(date__year=year).delete()[0]
    Holiday.objects.bulk_create([Holiday(date=r.date, kind=r.kind, name=r.name) for r in rows])
    hy, created = HolidayYear.objects.update_or_create(year=year, defaults={"notice": notice})
    audit_log(actor=actor, action="core.holiday.import", target=hy, organization=None,
              data={"year": year, "notice": notice, "rows": len(rows), "replaced": removed,
                    "holidays": sum(r.kind == HolidayKind.HOLIDAY for r in rows),
                    "workdays": sum(r.kind == HolidayKind.WORKDAY for r in rows)},
              request_id=request_id)
    return hy


@transaction.atomic
def holiday_set(*, actor, date: datetime.date, kind: str, name: str = "", request_id: str = "") -> Holiday:
    """Add or change one day (e.g. a local extra rest day, or a correction)."""
    _require_admin(actor)
    if kind not in HolidayKind.values:
        raise ValidationError({"kind": "类型应为“放假”或“调休上班”。"})
    h = Holiday.objects.filter(date=date).first()
    before = {"kind": h.kind, "name": h.name} if h else None
    if h is None:
        h = Holiday(date=date)
    h.kind, h.name = kind, (name or "").strip()
    h.full_clean()
    h.save()
    audit_log(actor=actor, action="core.holiday.set", target=h, organization=None,
              data={"date": date.isoformat(), "before": before, "after": {"kind": kind, "name": h.name}},
              request_id=request_id)
    return h


@transaction.atomic
def holiday_remove(*, actor, holiday: Holiday, request_id: str = "") -> None:
    _require_admin(actor)
    data = {"date": holiday.date.isoformat(), "kind": holiday.kind, "name": holiday.name}
    audit_log(actor=actor, action="core.holiday.remove", target=holiday, organization=None, data=data,
              request_id=request_id)
    holiday.delete()


def coverage_groups(cov: list[dict]) -> list[dict]:
    """Consecutive package years without table rows collapse into one entry ("2004–2025")."""
    out: list[dict] = []
    for c in cov:
        last = out[-1] if out else None
        plain = c["source"] == "package" and not c["rows"]
        if last and plain and last["plain"] and last["last"] == c["year"] - 1:
            last["last"] = c["year"]
            continue
        out.append({**c, "first": c["year"], "last": c["year"], "plain": plain})
    return out


def coverage(years: range | None = None) -> list[dict]:
    """For each year: where its calendar comes from ('table', 'package' or none) and the notice."""
    from fazhi.lib.workdays import WorkCalendar

    table = {hy.year: hy for hy in HolidayYear.objects.all()}
    pkg = WorkCalendar.package_years()
    counts: dict[int, int] = {}
    for d in Holiday.objects.values_list("date", flat=True):
        counts[d.year] = counts.get(d.year, 0) + 1
    lo = min([pkg.start, *table.keys(), *counts.keys()])
    hi = max([pkg.stop, *[y + 1 for y in table], *[y + 1 for y in counts]])
    years = years or range(lo, hi + 1)
    out = []
    for y in years:
        source = "table" if y in table else ("package" if y in pkg else "")
        out.append({"year": y, "source": source, "notice": table[y].notice if y in table else "",
                    "rows": counts.get(y, 0)})
    return out
