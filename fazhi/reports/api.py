"""/api/reports — indicators with their values, the records behind each (provenance), annual reports.

Scoped like the pages: the chosen organization's records intersected with what the caller may see."""
from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from fazhi.api.routers.common import actor_of
from fazhi.api.schemas import ErrorOut, FilterSchema, PageParams
from fazhi.core.scoping import access
from fazhi.core.workyear import working_year
from fazhi.reports import selectors as sel
from fazhi.reports.models import AnnualReport
from fazhi.reports.render import render_report

router = Router(tags=["年度报告与指标"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class Filters(FilterSchema):
    org: UUID | None = Field(None, description="单位编码（默认：本人单位；法治办管理员/领导：县人民政府）")
    year: int | None = Field(None, ge=2000, le=2100)


class RecordFilters(Filters):
    month: int | None = Field(None, ge=1, le=12)


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    section: str
    module: str
    definition: str
    value: float | int
    records: str


class ReportOut(Schema):
    code: UUID
    year: int
    title: str
    state: str
    organization: str
    submitted_on: datetime.date | None
    published_on: datetime.date | None


def _num(v):
    return float(v) if isinstance(v, Decimal) else v


def _ctx(request, filters):
    actor = actor_of(request)
    org = sel.chosen_org(actor, str(filters.org) if filters.org else None)
    return actor, org, filters.year or working_year()


@router.get("/indicators", response={200: list[IndicatorOut], **ERRORS}, url_name="rep_indicator_list",
            summary="全部指标及数值")
def indicator_list(request, filters: Query[Filters]):
    actor, org, year = _ctx(request, filters)
    return [{**{k: r[k] for k in ("code", "name", "unit", "section", "module", "definition")},
             "value": _num(r["value"]),
             "records": reverse("api:rep_indicator_records", kwargs={"code": r["code"]}) + f"?org={org.code}&year={year}"}
            for r in sel.values(actor, org, year)]


@router.get("/indicators/{code}/records", response={200: dict, **ERRORS}, url_name="rep_indicator_records",
            summary="指标背后的记录（数据来源）")
def indicator_records(request, code: str, filters: Query[RecordFilters], page: Query[PageParams]):
    ind = sel.indicator_or_404(code)
    actor, org, year = _ctx(request, filters)
    qs = sel.records(actor, ind, org, year, filters.month)
    if not qs.query.order_by and not qs.model._meta.ordering:
        qs = qs.order_by("pk")
    value = ind.compute(sel.scoped_orgs(actor, org), *sel.period(year, filters.month))
    objs = list(qs[page.offset: page.offset + page.limit])
    headers, rows = sel.record_rows(qs, objs)
    items = []
    for r in rows:
        obj = r["obj"]
        items.append({"type": r["cells"][0], "record": r["cells"][1], "organization": r["cells"][2],
                      "dates": {h: (v.isoformat() if v else None) for h, v in zip(headers[3:], r["cells"][3:])},
                      "code": str(getattr(obj, "code", "") or obj.pk), "url": r["url"]})
    return {"indicator": code, "name": ind.name, "unit": ind.unit, "value": _num(value), "organization": org.name,
            "year": year, "count": qs.count(), "limit": page.limit, "offset": page.offset, "items": items}


@router.get("/annual", response={200: list[ReportOut], **ERRORS}, url_name="rep_report_list", summary="年度报告列表")
def report_list(request):
    return [{"code": r.code, "year": r.year, "title": r.title, "state": r.state, "organization": r.organization.name,
             "submitted_on": r.submitted_on, "published_on": r.published_on} for r in sel.reports(actor_of(request))]


@router.get("/annual/{uuid:code}", response={200: dict, **ERRORS}, url_name="rep_report_get",
            summary="年度报告（段落文字与数字）")
def report_get(request, code: UUID):
    report = access(AnnualReport.objects.select_related("organization"), actor_of(request), code=code)
    rendered = render_report(report)
    return {"code": str(report.code), "year": report.year, "title": report.title, "state": report.state,
            "organization": report.organization.name, "issuer": report.issuer,
            "missing_indicators": rendered.missing,
            "paragraphs": [{"part": p.part, "level": p.level, "number": p.number, "heading": p.heading,
                            "text": p.text, "figures": [s.code for s in p.segments if s.code]}
                           for p in rendered.paragraphs]}
