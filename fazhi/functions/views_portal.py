"""Public portal pages of 政府职能: the 权责清单 as of any date, proactive disclosures, 双公示 and the
yearly 政府信息公开工作年度报告.

Only public data: 依申请公开 applications are never shown (applicants are personal data); in 双公示 the
names of natural persons are masked and ID numbers are never shown (``fazhi.lib.masking``)."""
from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from fazhi.core.viewutils import page as _page
from fazhi.core.viewutils import query_without_page as _query
from fazhi.core.workyear import reported_year
from fazhi.functions import forms as f
from fazhi.functions import selectors as sel
from fazhi.functions.choices import DisclosureArea, PowerCategory, SubjectCategory
from fazhi.lib.masking import mask_name, mask_text


@require_safe
def index(request):
    year = reported_year()
    today = timezone.localdate()
    power = sel.public_power_list(today)
    return render(request, "functions/portal_index.html", {
        "year": year, "today": today, "power_total": power.count(),
        "agencies": power.values("organization").distinct().count(),
        "disclosures": sel.public_disclosures().filter(published_on__year=year).count(),
        "credit": sel.public_credit_records().filter(reported_on__year=year).count(),
        "reports": sel.public_reports().filter(year=year).count(),
    })


@require_safe
def power_list(request):
    form = f.PowerFilterForm(request.GET or None)
    day = timezone.localdate()
    qs = sel.public_power_list(day)
    if form.is_valid():
        d = form.cleaned_data
        day = d["on"] or day
        qs = sel.public_power_list(day)
        if d["q"]:
            qs = qs.filter(Q(name__icontains=d["q"]) | Q(power_code__icontains=d["q"]))
        if d["category"]:
            qs = qs.filter(category=d["category"])
    by_cat = dict(qs.values_list("category").annotate(n=Count("id")))
    return render(request, "functions/portal_power.html", {
        "page": _page(request, qs.order_by("organization__sort_order", "power_code", "id")), "form": form,
        "query": _query(request), "day": day, "total": qs.count(),
        "agencies": qs.values("organization").distinct().count(),
        "by_category": [(label, by_cat.get(v, 0)) for v, label in PowerCategory.choices],
    })


@require_safe
def disclosures(request):
    form = f.DisclosureFilterForm(request.GET or None)
    year = f.year_of(form, reported_year())
    qs = sel.public_disclosures().filter(published_on__year=year)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(title__icontains=d["q"])
        if d["area"]:
            qs = qs.filter(area=d["area"])
    rows = [{"title": mask_text(o.title), "area": o.get_area_display(), "org": o.organization.name,
             "published_on": o.published_on, "doc_number": o.doc_number, "url": o.url}
            for o in _page(request, qs.order_by("-published_on", "-id"))]
    page = _page(request, qs.order_by("-published_on", "-id"))
    return render(request, "functions/portal_disclosures.html", {
        "rows": rows, "page": page, "form": form, "query": _query(request), "year": year,
        "areas": DisclosureArea.choices,
    })


def _public_subject(rec) -> str:
    """Natural persons are masked (姓 + 某某); organizations and 个体工商户 trade names are public."""
    if rec.subject_category == SubjectCategory.NATURAL:
        return mask_name(rec.subject_name)
    return rec.subject_name


@require_safe
def credit(request):
    form = f.CreditFilterForm(request.GET or None)
    year = f.year_of(form, reported_year())
    qs = sel.public_credit_records().filter(decided_on__year=year)
    if form.is_valid():
        d = form.cleaned_data
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["q"]:
            qs = qs.filter(Q(document_number__icontains=d["q"]) |
                           Q(subject_name__icontains=d["q"], subject_category__in=["legal", "individual"]))
    page = _page(request, qs.order_by("-decided_on", "-id"))
    rows = [{"kind": r.get_kind_display(), "subject": _public_subject(r), "category": r.get_subject_category_display(),
             "doc": r.document_number, "decided_on": r.decided_on, "org": r.organization.name,
             "content": mask_text(r.fields.get("许可内容") or r.fields.get("处罚内容") or "")} for r in page]
    return render(request, "functions/portal_credit.html", {"rows": rows, "page": page, "form": form,
                                                             "query": _query(request), "year": year})


@require_safe
def reports(request):
    qs = sel.public_reports().order_by("-year", "organization__sort_order", "id")
    return render(request, "functions/portal_reports.html", {"page": _page(request, qs)})
