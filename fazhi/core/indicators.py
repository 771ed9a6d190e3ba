"""Indicator registry: every figure of the annual report / assessment is a named indicator.

A module declares its figures in ``<app>/indicators.py`` (imported by :func:`autodiscover`)::

    from fazhi.core.indicators import register_indicator

    register_indicator(
        code="legalservice.aid_accepted",
        name="受理法律援助案件",
        unit="件",
        section="一(六)",
        definition="当年受理（受理日期在年度内）的法律援助案件数。",
        records=lambda orgs, start, end: LegalAidCase.objects.filter(
            organization__in=orgs, accepted_on__range=(start, end)),
    )
    # A rate: ``value`` computes from the records; ``records`` is what a click shows.
    register_indicator(code="legalservice.criminal_defense_rate", name="刑事案件指派律师率", unit="%", ...,
                       records=..., value=lambda qs: pct(qs.filter(assigned=True).count(), qs.count()))

``records(orgs, start, end)`` returns the queryset of the records behind the figure (provenance);
``value(records_qs)`` turns it into the figure (default: ``count()``). ``orgs`` is a queryset of
the organizations in scope (the county and everything in it, or one department and its units).

Optional ``date_field`` (e.g. ``"accepted_on"``) names the date on the records that places them
in the year; the dashboards use it to draw the monthly trend of a counted figure in one grouped
query (without it they compute the figure month by month through ``records``).
"""
from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import QuerySet, Sum

from fazhi.core.choices import OrgKind
from fazhi.core.models import Organization


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    section: str
    definition: str
    records: Callable[[QuerySet, datetime.date, datetime.date], QuerySet]
    value: Callable[[QuerySet], int | float | Decimal] | None = None
    module: str = ""
    date_field: str = ""

    @property
    def is_count(self) -> bool:
        """The figure is the number of its records (no ``value`` function)."""
        return self.value is None

    def compute(self, orgs: QuerySet, start: datetime.date, end: datetime.date):
        qs = self.records(orgs, start, end)
        return self.value(qs) if self.value else qs.count()


_REGISTRY: dict[str, Indicator] = {}
_discovered = False


def register_indicator(*, code: str, name: str, unit: str, section: str, definition: str,
                       records: Callable, value: Callable | None = None, date_field: str = "") -> Indicator:
    module = code.split(".", 1)[0]
    ind = Indicator(code=code, name=name, unit=unit, section=section, definition=definition, records=records,
                    value=value, module=module, date_field=date_field)
    _REGISTRY[code] = ind
    return ind


def autodiscover() -> None:
    global _discovered
    if _discovered:
        return
    for config in apps.get_app_configs():
        if config.name.startswith("fazhi."):
            try:
                importlib.import_module(f"{config.name}.indicators")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.indicators":
                    raise
    _discovered = True


_NUMERALS = "一二三四五六七八九十"


def section_key(section: str) -> tuple:
    """Sort key of a report section label: 一(一) < 一(二) < … < 一(七) < 二 (not Unicode order)."""
    out = []
    for ch in section:
        if ch in _NUMERALS:
            out.append(_NUMERALS.index(ch) + 1)
    return tuple(out) or (99,)


def all_indicators() -> list[Indicator]:
    autodiscover()
    return sorted(_REGISTRY.values(), key=lambda i: (section_key(i.section), i.code))


def get_indicator(code: str) -> Indicator:
    autodiscover()
    return _REGISTRY[code]


def org_scope(org: Organization) -> QuerySet[Organization]:
    """The organizations a figure of ``org`` counts: a county's government/party bodies count the
    whole county (its region subtree); any other organization counts itself and its units."""
    if org.kind in (OrgKind.GOVERNMENT, OrgKind.PARTY):
        return Organization.objects.filter(region__path__startswith=org.region.path)
    return Organization.objects.filter(path__startswith=org.path)


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def scope_ids(org: Organization) -> QuerySet[Organization]:
    """``org_scope`` resolved once to a list of ids (each indicator then filters by a plain IN list
    instead of re-joining regions in a subquery)."""
    return Organization.objects.filter(pk__in=list(org_scope(org).values_list("pk", flat=True)))


def compute_all(org: Organization, year: int, codes: list[str] | None = None) -> list[dict]:
    """Every indicator (or those in ``codes``) of ``org`` for ``year``, computed together: the
    organization scope is resolved once and each indicator is one aggregate query over its records."""
    orgs = scope_ids(org)
    start, end = year_bounds(year)
    wanted = set(codes) if codes is not None else None
    return [
        {"code": i.code, "name": i.name, "unit": i.unit, "section": i.section, "value": i.compute(orgs, start, end)}
        for i in all_indicators() if wanted is None or i.code in wanted
    ]


def compute_map(org: Organization, year: int, codes: list[str] | None = None) -> dict[str, object]:
    """``{code: value}`` of :func:`compute_all`."""
    return {r["code"]: r["value"] for r in compute_all(org, year, codes)}


def pct(numerator: int, denominator: int) -> Decimal:
    """A percentage with one decimal (100.0); 0 when there is no denominator."""
    if not denominator:
        return Decimal("0")
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def total(qs: QuerySet, field: str):
    return qs.aggregate(s=Sum(field))["s"] or 0
