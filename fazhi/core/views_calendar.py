"""Calendar pages: 期限预警 board, holidays, deadline rules, calculator.

Each view: validate (form) → scoped fetch → one service call → respond. Holidays and rules are
county-wide reference data: everyone logged in reads them; only 法治办管理员 changes them (403).
"""
from __future__ import annotations

import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import deadlines, holidays
from fazhi.core.audit import audit_log
from fazhi.core.choices import Verification
from fazhi.core.forms_calendar import BoardFilterForm, ComputeForm, HolidayForm, HolidayImportForm, RuleCountForm
from fazhi.core.models import DeadlineRule, Holiday
from fazhi.lib.workdays import UNIT_LABELS, MissingHolidayData, WorkCalendar


def _rid(request) -> str:
    return getattr(request, "request_id", "")


def _require_admin(request) -> None:
    if not deadlines.is_calendar_admin(request.user):
        raise PermissionDenied("只有法治办管理员可以维护节假日和期限规则。")


# ----------------------------------------------------------------------------- board

def _board_from_request(request):
    orgs = list(deadlines.board_organizations(request.user))
    form = BoardFilterForm(request.GET or None, organizations=orgs)
    org, within = None, 3
    if form.is_bound and form.is_valid():
        org, within = form.cleaned_org(), form.cleaned_within()
    board = deadlines.deadline_board(request.user, within_working_days=within, organization=org)
    return form, board


@login_required
def board(request):
    form, board = _board_from_request(request)
    query = request.GET.urlencode()
    return render(request, "core/calendar/board.html", {"form": form, "board": board, "query": query})


def _xlsx_text(value) -> str:
    text = "" if value is None else str(value)
    # A cell starting with = + - @ would be read by Excel as a formula (CSV/formula injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@login_required
def board_export(request):
    import openpyxl
    from openpyxl.styles import Font

    form, board = _board_from_request(request)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "期限预警"
    ws.append([f"期限预警（{board['today'].isoformat()}，黄灯：{board['within']} 个工作日内届满）"])
    headers = ["状态", "事项", "单位", "期限规则", "法律依据", "起算日", "届满日", "逾期天数"]
    ws.append(headers)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for label, rows in (("红灯（已逾期）", board["red"]), ("黄灯（即将届满）", board["yellow"])):
        for d in rows:
            ws.append([label, _xlsx_text(d.title), _xlsx_text(d.organization.name), _xlsx_text(d.rule.name),
                       _xlsx_text(d.rule.legal_basis), d.start_date, d.due_date, max(0, d.days_late)])
    for d in board["paused"]:
        ws.append(["中止", _xlsx_text(d.title), _xlsx_text(d.organization.name), _xlsx_text(d.rule.name),
                   _xlsx_text(d.rule.legal_basis), d.start_date, d.due_date, None])
    for row in ws.iter_rows(min_row=3, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    for col, width in zip("ABCDEFGH", (14, 40, 30, 30, 40, 12, 12, 10)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    audit_log(actor=request.user, action="core.export", data={"what": "期限预警", "rows": ws.max_row - 2,
              "organization": board["organization"].name if board["organization"] else ""}, request_id=_rid(request))
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"deadlines-{board['today'].isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ----------------------------------------------------------------------------- holidays

def _year_param(request) -> int:
    raw = request.GET.get("year", "")
    try:
        year = int(raw)
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def holiday_list(request, form: HolidayForm | None = None, status: int = 200):
    year = _year_param(request) if form is None else (form.cleaned_data.get("date").year
                                                     if form.is_valid() else _year_param(request))
    rows = Holiday.objects.filter(date__year=year).order_by("date")
    cov = holidays.coverage()
    source = next((c for c in cov if c["year"] == year), {"source": "", "notice": "", "rows": 0})
    context = {
        "year": year, "rows": rows, "coverage": holidays.coverage_groups(cov), "source": source,
        "prev_year": year - 1, "next_year": year + 1,
        "package_years": WorkCalendar.package_years(),
        "is_admin": deadlines.is_calendar_admin(request.user),
        "form": form or HolidayForm(initial={"date": datetime.date(year, 1, 1)}),
    }
    return render(request, "core/calendar/holidays.html", context, status=status)


@login_required
@require_POST
def holiday_set(request):
    _require_admin(request)
    form = HolidayForm(request.POST)
    if not form.is_valid():
        return holiday_list(request, form=form, status=400)
    try:
        h = holidays.holiday_set(actor=request.user, date=form.cleaned_data["date"], kind=form.cleaned_data["kind"],
                                 name=form.cleaned_data["name"], request_id=_rid(request))
    except ValidationError as exc:
        for msg in exc.messages:
            form.add_error(None, msg)
        return holiday_list(request, form=form, status=400)
    messages.success(request, f"已保存：{h.date.isoformat()} {h.get_kind_display()} {h.name}")
    return redirect(f"{reverse('calendar:holidays')}?year={h.date.year}")


@login_required
@require_POST
def holiday_remove(request, day: str):
    _require_admin(request)
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("未找到该日期。") from None
    h = Holiday.objects.filter(date=date).first()
    if h is None:
        raise Http404("未找到该日期。")
    holidays.holiday_remove(actor=request.user, holiday=h, request_id=_rid(request))
    messages.success(request, f"已删除 {date.isoformat()} 的节假日设置。")
    return redirect(f"{reverse('calendar:holidays')}?year={date.year}")


@login_required
@require_http_methods(["GET", "POST"])
def holiday_import(request):
    """Upload → preview (every row checked, nothing saved) → commit (checked again, all or nothing)."""
    _require_admin(request)
    if request.method == "GET":
        form = HolidayImportForm(initial={"year": timezone.localdate().year + 1})
        return render(request, "core/calendar/holiday_import.html", {"form": form})
    form = HolidayImportForm(request.POST, request.FILES)
    context = {"form": form, "rows": [], "errors": []}
    if not form.is_valid():
        return render(request, "core/calendar/holiday_import.html", context, status=400)
    year = form.cleaned_data["year"]
    upload = form.cleaned_data.get("file")
    if upload is not None:
        if upload.size > holidays.MAX_CSV_BYTES:
            form.add_error("file", "文件过大（超过 256 KB）。")
            return render(request, "core/calendar/holiday_import.html", context, status=400)
        try:
            text = holidays.decode_csv(upload.read())
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
            return render(request, "core/calendar/holiday_import.html", context, status=400)
    else:
        text = form.cleaned_data["csv_text"]
    rows, errors = holidays.parse_holiday_csv(text, year)
    context.update(rows=rows, errors=errors, year=year, csv_text=text,
                   off=sum(r.kind == "holiday" for r in rows), on=sum(r.kind == "workday" for r in rows),
                   replaces=Holiday.objects.filter(date__year=year).count())
    if errors:
        return render(request, "core/calendar/holiday_import.html", context, status=400)
    if request.POST.get("action") != "commit" or upload is not None:
        context["preview"] = True
        return render(request, "core/calendar/holiday_import.html", context)
    try:
        holidays.holidays_import(actor=request.user, year=year, notice=form.cleaned_data["notice"], rows=rows,
                                 request_id=_rid(request))
    except ValidationError as exc:
        context["errors"] = exc.messages
        return render(request, "core/calendar/holiday_import.html", context, status=400)
    messages.success(request, f"已导入 {year} 年节假日安排（{len(rows)} 行）。该年期限按此表计算。")
    return redirect(f"{reverse('calendar:holidays')}?year={year}")


# ----------------------------------------------------------------------------- rules

@login_required
def rule_list(request):
    rules = DeadlineRule.objects.order_by("code")
    groups: dict[str, list] = {}
    for r in rules:
        r.count_label = deadlines.rule_count_label(r)
        r.default_label = deadlines.rule_count_label(r, r.national_default)
        r.unverified = r.verification == Verification.UNVERIFIED
        groups.setdefault(r.code.split(".")[0], []).append(r)
    return render(request, "core/calendar/rules.html", {
        "groups": groups, "count": len(rules), "is_admin": deadlines.is_calendar_admin(request.user),
        "area_labels": AREA_LABELS,
    })


AREA_LABELS = {
    "penalty": "行政处罚", "coercion": "行政强制", "review": "行政复议", "litigation": "行政应诉",
    "decision": "重大行政决策", "normdoc": "行政规范性文件", "publicity": "行政执法公示 / 双公示",
    "disclosure": "政府信息公开", "report": "法治政府建设年度报告", "legalaid": "法律援助", "mediation": "人民调解",
}


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, code: str):
    _require_admin(request)
    rule = DeadlineRule.objects.filter(code=code).first()
    if rule is None:
        raise Http404("未找到该期限规则。")
    if not rule.province_configurable:
        raise PermissionDenied("该期限由法律、法规直接规定，不可由本省配置。")
    form = RuleCountForm(request.POST or None, initial={"count": rule.count, "notes": rule.notes})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                deadlines.rule_update_count(actor=request.user, rule=rule, count=form.cleaned_data["count"],
                                            notes=form.cleaned_data["notes"], request_id=_rid(request))
            except ValidationError as exc:
                for msg in exc.messages:
                    form.add_error(None, msg)
            else:
                messages.success(request, f"已修改期限规则“{rule.name}”（{rule.code}）。")
                # Back to the changed row (the list holds every rule of every module: a long page).
                return redirect(reverse("calendar:rules") + f"#rule-{rule.code}")
        status = 400
    unit = UNIT_LABELS.get(rule.unit, rule.unit)
    return render(request, "core/calendar/rule_edit.html", {
        "rule": rule, "form": form, "unit": unit,
        "default_label": deadlines.rule_count_label(rule, rule.national_default),
    }, status=status)


# ----------------------------------------------------------------------------- calculator

@login_required
def compute(request):
    form = ComputeForm(request.GET or None)
    context = {"form": form, "result": None, "error": ""}
    if form.is_bound and form.is_valid():
        rule = form.cleaned_data["rule"]
        try:
            context["result"] = deadlines.explain_due(rule, form.cleaned_data["start"], form.pauses())
        except MissingHolidayData as exc:
            context["error"] = str(exc)
        context["rule"] = rule
        context["count_label"] = deadlines.rule_count_label(rule)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "core/calendar/compute.html", context, status=status)
