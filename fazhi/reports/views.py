"""Pages of 年度报告与指标: provenance (指标与数据来源), dashboards, the annual report."""
from __future__ import annotations

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from fazhi.core.forms import apply_validation_error
from fazhi.core.scoping import access, can_write, writable_orgs
from fazhi.core.viewutils import request_id as _rid
from fazhi.core.workyear import working_year
from fazhi.lib import xlsx
from fazhi.reports import forms as f
from fazhi.reports import selectors as sel
from fazhi.reports import services as sv
from fazhi.reports.choices import ReportState, SuggestionStatus
from fazhi.reports.docx import render_annual_report
from fazhi.reports.models import AnnualReport, Suggestion
from fazhi.reports.outputs import PdfUnavailable, render_pdf
from fazhi.reports.render import render_report, signed_text


def _filters(request):
    """(org, year, month) from the query string; bad values → 404/400 with a Chinese message, never a 500."""
    form = f.FilterForm(request.GET)
    if not form.is_valid():
        raise _BadQuery("；".join(e for errs in form.errors.values() for e in errs))
    data = form.cleaned_data
    org = sel.chosen_org(request.user, str(data["org"]) if data.get("org") else None)
    return org, data.get("year") or working_year(), data.get("month")


class _BadQuery(Exception):
    pass


def _bad_query(request, exc):
    return render(request, "reports/bad_query.html", {"message": str(exc)}, status=400)


def _query(org, year, **extra) -> str:
    return urlencode({"org": str(org.code), "year": year, **{k: v for k, v in extra.items() if v}})


def _fmt(value):
    from fazhi.reports.render import format_value

    return format_value(value)


# -- provenance -----------------------------------------------------------------------------------

@login_required
@require_safe
def indicator_list(request):
    try:
        org, year, _ = _filters(request)
    except _BadQuery as exc:
        return _bad_query(request, exc)
    rows = sel.values(request.user, org, year)
    for r in rows:
        r["display"] = _fmt(r["value"])
        r["url"] = reverse("reports:indicator_records", args=[r["code"]]) + "?" + _query(org, year)
    return render(request, "reports/indicator_list.html", {
        "rows": rows, "org": org, "year": year, "orgs": sel.pickable_orgs(request.user),
        "modules": sel.modules()})


@login_required
@require_safe
def indicator_records(request, code):
    ind = sel.indicator_or_404(code)
    try:
        org, year, month = _filters(request)
    except _BadQuery as exc:
        return _bad_query(request, exc)
    qs = sel.records(request.user, ind, org, year, month)
    if any(fl.name == "organization" for fl in qs.model._meta.concrete_fields):
        qs = qs.select_related("organization")
    if not qs.query.order_by and not qs.model._meta.ordering:
        qs = qs.order_by("pk")
    value = ind.compute(sel.scoped_orgs(request.user, org), *sel.period(year, month))
    if request.GET.get("format") == "xlsx":
        headers, rows = sel.record_rows(qs)
        buf = io.BytesIO()
        xlsx.write_rows(buf, sheet_title=ind.name[:31],
                        columns=[xlsx.ColumnSpec(header=h, width=14 if i > 2 else 40) for i, h in enumerate(headers)],
                        rows=([*r["cells"]] for r in rows))
        resp = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        filename = f"{ind.name}_{org.name}_{year}{'-%02d' % month if month else ''}.xlsx"
        from urllib.parse import quote
        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return resp
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    headers, rows = sel.record_rows(qs, page.object_list)
    return render(request, "reports/indicator_records.html", {
        "ind": ind, "org": org, "year": year, "month": month, "value": _fmt(value), "page": page,
        "headers": headers, "rows": rows, "query": _query(org, year, month=month),
        "export": "?" + _query(org, year, month=month, format="xlsx"),
        "back": reverse("reports:indicator_list") + "?" + _query(org, year)})


# -- dashboards -----------------------------------------------------------------------------------

def _chart_data(request, org, year, rows, *, trends: bool):
    base = reverse("reports:indicator_records", args=["__code__"])
    out = []
    for r in rows:
        ind = r["indicator"]
        item = {"code": r["code"], "name": r["name"], "unit": r["unit"], "section": r["section"],
                "value": float(r["value"]) if r["value"] is not None else None, "display": _fmt(r["value"]),
                "url": base.replace("__code__", r["code"]) + "?" + _query(org, year)}
        if trends:
            item["monthly"] = [float(v) for v in sel.monthly(request.user, ind, org, year)]
            item["month_urls"] = [base.replace("__code__", r["code"]) + "?" + _query(org, year, month=m)
                                  for m in range(1, 13)]
            item["orgs"] = [{"name": d["org"].short_name or d["org"].name, "value": float(d["value"]),
                             "url": base.replace("__code__", r["code"]) + "?" + _query(d["org"], year)}
                            for d in sel.by_org(request.user, ind, org, year)]
        out.append(item)
    return out


@login_required
@require_safe
def dashboard(request):
    try:
        org, year, _ = _filters(request)
    except _BadQuery as exc:
        return _bad_query(request, exc)
    rows = sel.values(request.user, org, year)
    mods = sel.modules()
    by_module = {m["key"]: [] for m in mods}
    for r in rows:
        r["display"] = _fmt(r["value"])
        r["url"] = reverse("reports:indicator_records", args=[r["code"]]) + "?" + _query(org, year)
        by_module[r["module"]].append(r)
    # Trend of the overview: each module's counted records per month (sum of its count indicators).
    trend = []
    for m in mods:
        months = [0] * 12
        for r in by_module[m["key"]]:
            if r["indicator"].is_count:
                for i, v in enumerate(sel.monthly(request.user, r["indicator"], org, year)):
                    months[i] += v
        trend.append({"name": m["label"], "monthly": months,
                      "url": reverse("reports:dashboard_module", args=[m["key"]]) + "?" + _query(org, year)})
    # Comparison across organizations: the records each one holds behind the counted figures.
    totals: dict = {}
    for r in rows:
        if r["indicator"].is_count:
            for d in sel.by_org(request.user, r["indicator"], org, year, limit=50):
                totals[d["org"]] = totals.get(d["org"], 0) + d["value"]
    compare = [{"name": o.short_name or o.name, "value": v,
                "url": reverse("reports:dashboard") + "?" + _query(o, year)}
               for o, v in sorted(totals.items(), key=lambda kv: -kv[1])[:15]]
    sections = []
    for m in mods:
        sections.append({**m, "rows": by_module[m["key"]],
                         "url": reverse("reports:dashboard_module", args=[m["key"]]) + "?" + _query(org, year)})
    return render(request, "reports/dashboard.html", {
        "org": org, "year": year, "orgs": sel.pickable_orgs(request.user), "sections": sections,
        "chart": {"kind": "overview", "trend": trend, "orgs": compare, "year": year}, "modules": mods})


@login_required
@require_safe
def dashboard_module(request, module):
    label = sel.module_label(module)
    try:
        org, year, _ = _filters(request)
    except _BadQuery as exc:
        return _bad_query(request, exc)
    rows = sel.values(request.user, org, year, module=module)
    data = _chart_data(request, org, year, rows, trends=True)
    return render(request, "reports/dashboard_module.html", {
        "org": org, "year": year, "orgs": sel.pickable_orgs(request.user), "label": label, "module": module,
        "items": data, "chart": {"kind": "module", "items": data, "year": year}, "modules": sel.modules()})


# -- annual reports -------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_list(request):
    orgs = writable_orgs(request.user).select_related("region").filter(kind__in=sel.PICKABLE_KINDS)
    form = f.ReportCreateForm(request.POST or None, organizations=orgs,
                              initial={"year": working_year(), "organization": getattr(sel.default_org(request.user), "code", None)})
    if request.method == "POST":
        if not orgs.exists():
            raise PermissionDenied("您没有新建年度报告的权限。")
        if form.is_valid():
            try:
                report = sv.report_create(actor=request.user, organization=form.cleaned_data["organization"],
                                          year=form.cleaned_data["year"], request_id=_rid(request))
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, f"已新建{report.title}。")
                return redirect(report)
    return render(request, "reports/report_list.html", {
        "reports": sel.reports(request.user), "form": form, "can_create": orgs.exists()},
        status=400 if form.errors else 200)


def _report(request, code, write=False) -> AnnualReport:
    return access(AnnualReport.objects.select_related("organization", "organization__region"), request.user,
                  write=write, code=code)


def _report_page(request, report, status=200, **forms):
    blocks = list(report.blocks.all())
    suggestions = list(report.suggestions.all())
    rendered = render_report(report, blocks, extra_texts=[s.text for s in suggestions])
    from fazhi.reports.render import Resolver
    resolver = Resolver(report.organization, report.year, [s.text for s in suggestions])
    sugg = [{"obj": s, "segments": resolver.segments(s.text)} for s in suggestions]
    editable = report.state in (ReportState.DRAFT, ReportState.REVIEW)
    return render(request, "reports/report_detail.html", {
        "report": report, "r": rendered, "items": list(zip(rendered.paragraphs, blocks)), "suggestions": sugg,
        "can_edit": can_write(request.user, report.organization), "editable": editable,
        "problems": sv.structure_problems(report) if report.state == ReportState.DRAFT else [],
        "deadlines": sv.report_deadlines(report), "signed": signed_text(report.signed_on),
        "records_query": _query(report.organization, report.year),
        "submit_form": forms.get("submit_form") or f.SubmitForm(),
        "publish_form": forms.get("publish_form") or f.PublishForm(),
        "return_form": forms.get("return_form") or f.ReturnForm(),
        "add_form": forms.get("add_form") or f.BlockAddForm(),
        "meta_form": forms.get("meta_form") or f.ReportMetaForm(initial={
            "title": report.title, "issuer": report.issuer, "signed_on": report.signed_on,
            "submitted_to": report.submitted_to}),
        "pending": sum(1 for s in suggestions if s.status == SuggestionStatus.PENDING),
    }, status=status)


@login_required
@require_safe
def report_detail(request, code):
    return _report_page(request, _report(request, code))


def _report_form_post(request, code, form_class, service, form_key: str, done: str):
    """A form posted from the report page: the service on valid data, else the page with the errors."""
    report = _report(request, code, write=True)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, report=report, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(report)
    return _report_page(request, report, status=400, **{form_key: form})


@login_required
@require_POST
def report_edit(request, code):
    return _report_form_post(request, code, f.ReportMetaForm, sv.report_update, "meta_form", "已保存报告信息。")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def block_edit(request, code, block):
    report = _report(request, code, write=request.method == "POST")
    obj = report.blocks.filter(code=block).first()
    if obj is None:
        raise Http404("未找到该段落。")
    form = f.BlockForm(request.POST or None, initial={"heading": obj.heading, "body": obj.body})
    if request.method == "POST" and form.is_valid():
        try:
            sv.block_update(actor=request.user, block=obj, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已保存段落。")
            return redirect(reverse("reports:report_detail", args=[report.code]) + f"#block-{obj.pk}")
    return render(request, "reports/block_form.html", {"report": report, "blk": obj, "form": form,
                                                       "can_edit": can_write(request.user, report.organization)},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def block_add(request, code):
    return _report_form_post(request, code, f.BlockAddForm, sv.block_add, "add_form", "已增加段落。")


@login_required
@require_POST
def block_remove(request, code, block):
    report = _report(request, code, write=True)
    obj = report.blocks.filter(code=block).first()
    if obj is None:
        raise Http404("未找到该段落。")
    try:
        sv.block_remove(actor=request.user, block=obj, request_id=_rid(request))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect(report)
    messages.success(request, "已删除段落。")
    return redirect(report)


@login_required
@require_POST
def report_step(request, code):
    report = _report(request, code, write=True)
    action = request.POST.get("action", "")
    forms_ = {}
    try:
        if action == "review":
            sv.report_send_to_review(actor=request.user, report=report, request_id=_rid(request))
            messages.success(request, "已送审核。")
        elif action == "return":
            form = forms_["return_form"] = f.ReturnForm(request.POST)
            if not form.is_valid():
                raise ValidationError("请填写退回修改的理由。")
            sv.report_return(actor=request.user, report=report, request_id=_rid(request), **form.cleaned_data)
            messages.success(request, "已退回修改。")
        elif action == "submit":
            form = forms_["submit_form"] = f.SubmitForm(request.POST)
            if not form.is_valid():
                raise ValidationError("请填写有效的报送日期。")
            sv.report_submit(actor=request.user, report=report, request_id=_rid(request), **form.cleaned_data)
            messages.success(request, f"已报送{report.submitted_to}。")
        elif action == "publish":
            form = forms_["publish_form"] = f.PublishForm(request.POST)
            if not form.is_valid():
                raise ValidationError("请填写有效的公开日期。")
            sv.report_publish(actor=request.user, report=report, request_id=_rid(request), **form.cleaned_data)
            messages.success(request, "已在门户网站向社会公开。")
        else:
            raise ValidationError("未知的操作。")
    except ValidationError as exc:
        for form in forms_.values():
            apply_validation_error(form, exc)
        messages.error(request, "；".join(exc.messages))
        report.refresh_from_db()
        return _report_page(request, report, status=400, **forms_)
    return redirect(report)


@login_required
@require_POST
def suggestions_refresh(request, code):
    report = _report(request, code, write=True)
    try:
        before = report.suggestions.count()
        after = len(sv.suggestions_refresh(actor=request.user, report=report, request_id=_rid(request)))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已根据平台发现的问题生成建议：新增{after - before}条。")
    return redirect(reverse("reports:report_detail", args=[report.code]) + "#suggestions")


@login_required
@require_POST
def suggestion_decide(request, code, suggestion):
    report = _report(request, code, write=True)
    obj = Suggestion.objects.filter(report=report, code=suggestion).first()
    if obj is None:
        raise Http404("未找到该建议。")
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        messages.error(request, "请选择采纳或不采纳。")
        return _report_page(request, report, status=400)
    try:
        sv.suggestion_decide(actor=request.user, suggestion=obj, accept=decision == "accept", request_id=_rid(request))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return _report_page(request, report, status=400)
    messages.success(request, "已采纳，写入“存在的不足”部分。" if decision == "accept" else "已标记为不采纳。")
    return redirect(reverse("reports:report_detail", args=[report.code]) + "#suggestions")


def download_response(report, fmt: str, rendered=None) -> HttpResponse:
    from urllib.parse import quote

    from fazhi.reports.outputs import render_html

    if fmt == "docx":
        data, ctype = render_annual_report(report, rendered), \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        data, ctype = render_pdf(report, rendered), "application/pdf"
    elif fmt == "html":
        data, ctype = render_html(report, rendered).encode(), "text/html; charset=utf-8"
    else:
        raise Http404("不支持的格式。")
    resp = HttpResponse(data, content_type=ctype)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report.title)}.{fmt}"
    return resp


@login_required
@require_safe
def report_download(request, code, fmt):
    report = _report(request, code)
    try:
        return download_response(report, fmt)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect(report)
