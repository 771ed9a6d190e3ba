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

Optional ``tally(start, end)`` lets :func:`compute_all` compute the figure together with the other
figures over the same table, in **one** ``.aggregate()`` per table (conditional aggregation)
instead of one query per figure. It returns an aggregate expression over the in-scope rows of the
table ``records`` returns (of an organization-owned table, or of ``Organization`` itself:
``Count("pk", filter=Q(...))``, ``Sum("amount", filter=...)``), or a
dict of them plus ``finish(row)`` that turns the named results into the figure (a rate)::

    register_indicator(code="legalservice.criminal_defense_rate", ..., records=_criminal_notices,
                       value=lambda qs: pct(qs.filter(assigned_on__isnull=False).count(), qs.count()),
                       tally=lambda s, e: {"n": Count("pk", filter=NOTICE & Q(received_on__range=(s, e),
                                                                              assigned_on__isnull=False)),
                                           "d": Count("pk", filter=NOTICE & Q(received_on__range=(s, e)))},
                       finish=lambda r: pct(r["n"], r["d"]))

The tally must state the same figure as ``records``/``value`` (the click-through): the figures test
checks every tallied indicator against its records on the demo county. A single tally that is a
``Sum`` yields 0 where there are no rows.
"""
from __future__ import annotations

import contextlib
import datetime
import importlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum

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
    tally: Callable[[datetime.date, datetime.date], object] | None = None
    finish: Callable[[dict], int | float | Decimal] | None = None

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
                       records: Callable, value: Callable | None = None, date_field: str = "",
                       tally: Callable | None = None, finish: Callable | None = None) -> Indicator:
    module = code.split(".", 1)[0]
    ind = Indicator(code=code, name=name, unit=unit, section=section, definition=definition, records=records,
                    value=value, module=module, date_field=date_field, tally=tally, finish=finish)
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


def _conjuncts(cond) -> list:
    """The AND-ed parts of a filter condition (a ``Q`` is split; anything else is one part)."""
    if isinstance(cond, Q) and cond.connector == Q.AND and not cond.negated:
        return [part for child in cond.children for part in _conjuncts(child)]
    return [cond]


def shared_conditions(aggregates) -> list[Q]:
    """The conditions every one of ``aggregates`` filters on (none if one of them counts all rows).
    Put in the WHERE clause they change no result (a row they exclude counts in no aggregate) and
    let the database read only the rows of the period (an index range instead of every in-scope
    row: the disclosures of one year, not all of them)."""
    common = None
    for agg in aggregates:
        cond = getattr(agg, "filter", None)
        if cond is None:
            return []
        parts = _conjuncts(cond)
        common = parts if common is None else [c for c in common if c in parts]
        if not common:
            return []
    return [c if isinstance(c, Q) else Q(c) for c in common or []]


def _without(agg, shared: list[Q]):
    """``agg`` with the ``shared`` conditions (already in the WHERE clause) left out of its filter: a
    database evaluates each aggregate's filter on every row it reads."""
    if not shared:
        return agg
    rest = [c for c in _conjuncts(agg.filter) if (c if isinstance(c, Q) else Q(c)) not in shared]
    agg = agg.copy()
    agg.filter = Q(*rest) if rest else None
    return agg


@contextlib.contextmanager
def without_jit():
    """On PostgreSQL, a transaction with JIT compilation off (``SET LOCAL``: until the outermost transaction
    ends). The figures' aggregates are costed high enough to be compiled, and compiling them takes longer
    than running them (100×: all indicators 5.5 s -> 4.4 s; the bench floor's one statement 20 s -> 4.7 s)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def compute_values(indicators: list[Indicator], orgs: QuerySet, start: datetime.date,
                   end: datetime.date) -> dict[str, object]:
    """``{code: value}`` of ``indicators``, computed together: the tallied ones in one ``.aggregate()``
    per table over the in-scope rows (conditional aggregation), the others one by one."""
    with without_jit():
        return _compute_values(indicators, orgs, start, end)


def _compute_values(indicators, orgs, start, end) -> dict[str, object]:
    out: dict[str, object] = {}
    tables: dict[type, list[Indicator]] = defaultdict(list)
    for ind in indicators:
        if ind.tally is None:
            out[ind.code] = ind.compute(orgs, start, end)
        else:
            tables[ind.records(orgs, start, end).model].append(ind)
    for model, inds in tables.items():
        tallies = {ind.code: ind.tally(start, end) for ind in inds}
        tallies = {code: t if isinstance(t, dict) else {"v": t} for code, t in tallies.items()}
        shared = shared_conditions([e for t in tallies.values() for e in t.values()])
        exprs, names = {}, {}
        for code, parts in tallies.items():
            names[code] = {}
            for key, expr in parts.items():
                expr = _without(expr, shared)
                # the same aggregate asked by two figures (a count and the denominator of its rate) runs once
                alias = next((a for a, e in exprs.items() if e == expr), None) or f"t{len(exprs)}"
                exprs[alias] = expr
                names[code][key] = alias
        # the in-scope rows: an organization-owned table's rows of ``orgs`` (or the organizations themselves)
        manager = model._default_manager
        rows = manager.filter(pk__in=orgs) if model is Organization else manager.filter(organization__in=orgs)
        row = rows.filter(*shared).aggregate(**exprs)
        for ind in inds:
            got = {key: row[alias] for key, alias in names[ind.code].items()}
            out[ind.code] = ind.finish(got) if ind.finish else (got["v"] or 0)
    return out


def compute_all(org: Organization, year: int, codes: list[str] | None = None) -> list[dict]:
    """Every indicator (or those in ``codes``) of ``org`` for ``year``, computed together: the
    organization scope is resolved once, and the indicators over one table share one aggregate
    query (:func:`compute_values`)."""
    orgs = scope_ids(org)
    start, end = year_bounds(year)
    wanted = set(codes) if codes is not None else None
    inds = [i for i in all_indicators() if wanted is None or i.code in wanted]
    values = compute_values(inds, orgs, start, end)
    return [{"code": i.code, "name": i.name, "unit": i.unit, "section": i.section, "value": values[i.code]}
            for i in inds]


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


Where = Callable[[datetime.date, datetime.date], Q]


def count_where(where: Where) -> Callable:
    """A ``tally``: the in-scope rows matching ``where(start, end)``."""
    return lambda start, end: Count("pk", filter=where(start, end))


def sum_where(field: str, where: Where) -> Callable:
    """A ``tally``: the sum of ``field`` over the in-scope rows matching ``where(start, end)`` (0 if none)."""
    return lambda start, end: Sum(field, filter=where(start, end))


def rate_where(part: Q, where: Where) -> dict:
    """``tally`` and ``finish`` of a rate (``pct``): rows matching ``where & part`` ÷ rows matching ``where``."""
    def tally(start, end):
        whole = where(start, end)
        return {"n": Count("pk", filter=whole & part), "d": Count("pk", filter=whole)}
    return {"tally": tally, "finish": lambda r: pct(r["n"], r["d"])}
