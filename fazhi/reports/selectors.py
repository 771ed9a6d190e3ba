"""Reads of the reports module, all scoped through ``fazhi/core/scoping.py``.

An indicator page counts the records of the chosen organization's scope (``org_scope``: a county
government/Party body = the whole county; a department = itself and its units) **intersected with
what the user may see**: a department's user who picks the county still sees only its own records.
"""
from __future__ import annotations

import calendar
import datetime
from functools import lru_cache

from django.apps import apps
from django.db.models import Count, Model, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from fazhi.core.choices import OrgKind
from fazhi.core.indicators import (
    Indicator,
    all_indicators,
    compute_values,
    get_indicator,
    org_scope,
    year_bounds,
)
from fazhi.core.models import Organization
from fazhi.core.scoping import _memberships, _reads_county, scope, visible_orgs
from fazhi.reports.models import AnnualReport

PICKABLE_KINDS = (OrgKind.GOVERNMENT, OrgKind.PARTY, OrgKind.DEPARTMENT, OrgKind.TOWNSHIP)


def pickable_orgs(user) -> QuerySet[Organization]:
    """Organizations offered in the 单位 filter (villages and communities are counted in their township)."""
    kinds = [k for k in PICKABLE_KINDS if k in OrgKind.values]
    return visible_orgs(user).filter(kind__in=kinds).select_related("region").order_by("sort_order", "path")


def default_org(user) -> Organization | None:
    """The county government for users who read the county (法治办管理员, county leaders), else the
    user's own organization."""
    members = _memberships(user)
    for m in members:
        if _reads_county(m):
            gov = visible_orgs(user).filter(kind=OrgKind.GOVERNMENT).order_by("path").first()
            if gov:
                return gov
    if members:
        return members[0].organization
    return pickable_orgs(user).first()


def chosen_org(user, code: str | None) -> Organization:
    if code:
        try:
            org = visible_orgs(user).select_related("region").filter(code=code).first()
        except Exception:  # malformed UUID
            org = None
        if org is None:
            raise Http404("未找到该单位。")
        return org
    org = default_org(user)
    if org is None:
        raise Http404("您不属于任何单位。")
    return org


def scoped_orgs(user, org: Organization) -> QuerySet[Organization]:
    """The organizations whose records count for ``org`` and that ``user`` may see (ids resolved once)."""
    ids = list(scope(org_scope(org), user, field="").values_list("pk", flat=True))
    return Organization.objects.filter(pk__in=ids)


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def period(year: int, month: int | None = None) -> tuple[datetime.date, datetime.date]:
    return month_bounds(year, month) if month else year_bounds(year)


def values(user, org: Organization, year: int, module: str | None = None) -> list[dict]:
    """Every indicator (of ``module``) with its value, computed together for one scope and year."""
    orgs = scoped_orgs(user, org)
    start, end = year_bounds(year)
    inds = [ind for ind in all_indicators() if not module or ind.module == module]
    got = compute_values(inds, orgs, start, end)
    return [{"indicator": ind, "code": ind.code, "name": ind.name, "unit": ind.unit, "section": ind.section,
             "module": ind.module, "definition": ind.definition, "value": got[ind.code]} for ind in inds]


def modules() -> list[dict]:
    """The modules that register indicators, with their Chinese names, in registry order."""
    seen: dict[str, dict] = {}
    for ind in all_indicators():
        if ind.module not in seen:
            try:
                label = apps.get_app_config(ind.module).verbose_name
            except LookupError:
                label = ind.module
            seen[ind.module] = {"key": ind.module, "label": label, "count": 0}
        seen[ind.module]["count"] += 1
    return list(seen.values())


def module_label(module: str) -> str:
    for m in modules():
        if m["key"] == module:
            return m["label"]
    raise Http404("没有该模块的指标。")


def indicator_or_404(code: str) -> Indicator:
    try:
        return get_indicator(code)
    except KeyError:
        raise Http404("没有该指标。") from None


def records(user, ind: Indicator, org: Organization, year: int, month: int | None = None) -> QuerySet:
    """The records behind a figure, as the user may see them."""
    qs = ind.records(scoped_orgs(user, org), *period(year, month))
    if any(f.name == "organization" for f in qs.model._meta.concrete_fields):
        qs = scope(qs, user)
    return qs


def monthly(user, ind: Indicator, org: Organization, year: int) -> list:
    """The figure month by month (one grouped query where the indicator names its date field and
    counts its records; otherwise the figure computed for each month)."""
    orgs = scoped_orgs(user, org)
    if ind.is_count and ind.date_field:
        qs = ind.records(orgs, *year_bounds(year))
        counts = {row["m"].month if hasattr(row["m"], "month") else int(str(row["m"])[5:7]): row["n"]
                  for row in qs.annotate(m=TruncMonth(ind.date_field)).values("m").annotate(n=Count("pk")).order_by()}
        return [counts.get(m, 0) for m in range(1, 13)]
    return [ind.compute(orgs, *month_bounds(year, m)) for m in range(1, 13)]


def by_org(user, ind: Indicator, org: Organization, year: int, limit: int = 15) -> list[dict]:
    """The figure for each organization that holds records behind it (largest first)."""
    orgs = scoped_orgs(user, org)
    start, end = year_bounds(year)
    qs = ind.records(orgs, start, end)
    if not any(f.name == "organization" for f in qs.model._meta.concrete_fields):
        return []
    rows = qs.values("organization").annotate(n=Count("pk")).order_by("-n")[:limit]
    ids = [r["organization"] for r in rows]
    names = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
    out = []
    for r in rows:
        o = names[r["organization"]]
        value = r["n"] if ind.is_count else ind.compute(Organization.objects.filter(pk=o.pk), start, end)
        out.append({"org": o, "value": value})
    out.sort(key=lambda d: -float(d["value"] or 0))
    return out


# -- generic rendering of records (provenance) -------------------------------------------------

@lru_cache(maxsize=None)
def _detail_routes() -> dict[type[Model], list]:
    from fazhi.core.access_registry import autodiscover, object_routes, url_name_of

    autodiscover()
    out: dict[type[Model], list] = {}
    for key, route in object_routes().items():
        name = url_name_of(key)
        if name.startswith("api:") or not name.endswith("detail"):
            continue
        out.setdefault(route.model, []).append(route)
    return out


def record_url(obj: Model) -> str:
    """The record's page: ``get_absolute_url`` where the model has one, else its registered detail route."""
    if hasattr(obj, "get_absolute_url"):
        try:
            return obj.get_absolute_url()
        except NoReverseMatch:
            pass
    for route in _detail_routes().get(type(obj), []):
        try:
            kwargs = route.kwargs(obj) if route.kwargs else {"code": obj.code}
            return reverse(route.url_name, kwargs=kwargs)
        except (NoReverseMatch, AttributeError):
            continue
    url = getattr(obj, "url", "")  # a deadline names the page of the record it belongs to
    return url if isinstance(url, str) and url.startswith("/") else ""


def date_fields(model: type[Model]) -> list:
    return [f for f in model._meta.concrete_fields
            if f.get_internal_type() in ("DateField", "DateTimeField") and f.name not in ("created_at", "updated_at")]


def record_rows(qs: QuerySet, page_objects=None) -> tuple[list[str], list[dict]]:
    """Column headers and rows for any model: 类型, 记录, 所属单位, its dates, link."""
    model = qs.model
    dates = date_fields(model)[:4]
    headers = ["类型", "记录", "所属单位", *[str(f.verbose_name) for f in dates]]
    rows = []
    for obj in (page_objects if page_objects is not None else qs):
        org = getattr(obj, "organization", None)
        cells = [str(model._meta.verbose_name), str(obj), org.name if org else "",
                 *[getattr(obj, f.name) for f in dates]]
        rows.append({
            "cells": cells, "pairs": list(zip(headers, cells)),
            "url": record_url(obj),
            "obj": obj,
        })
    return headers, rows


def reports(user) -> QuerySet[AnnualReport]:
    return scope(AnnualReport.objects.select_related("organization"), user)


def published_reports() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(state="published").select_related("organization")
