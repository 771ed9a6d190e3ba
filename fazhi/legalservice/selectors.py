"""Reads of the 公共法律服务 module: always through ``fazhi.core.scoping``."""
from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum

from fazhi.core.scoping import access, scope
from fazhi.legalservice.choices import AidCaseType, AidSource, AidStatus
from fazhi.legalservice.models import (Activity, ActivityKind, AidCase, Consultation, Lawyer, Notarization,
                                       ServicePoint)


def aid_cases(user):
    return scope(AidCase.objects.select_related("organization", "lawyer"), user)


def aid_case(user, code, *, write=False) -> AidCase:
    return access(AidCase.objects.select_related("organization", "lawyer"), user, write=write, code=code)


def lawyers(user):
    return scope(Lawyer.objects.select_related("organization"), user)


def lawyers_with_load(user):
    """The roster with each lawyer's open cases (assigned, not closed) and cases in total."""
    return lawyers(user).annotate(open_cases=Count("cases", filter=Q(cases__status=AidStatus.ASSIGNED)),
                                  all_cases=Count("cases")).order_by("name", "id")


def lawyer(user, code, *, write=False) -> Lawyer:
    return access(Lawyer.objects.select_related("organization"), user, write=write, code=code)


def notarizations(user):
    return scope(Notarization.objects.select_related("organization"), user)


def notarization(user, code, *, write=False) -> Notarization:
    return access(Notarization.objects.select_related("organization"), user, write=write, code=code)


def consultations(user):
    return scope(Consultation.objects.select_related("organization"), user)


def consultation(user, code, *, write=False) -> Consultation:
    return access(Consultation.objects.select_related("organization"), user, write=write, code=code)


def activities(user):
    return scope(Activity.objects.select_related("organization", "kind"), user)


def activity(user, code, *, write=False) -> Activity:
    return access(Activity.objects.select_related("organization", "kind"), user, write=write, code=code)


def activity_kinds(active_only=False):
    """Reference data (not organization-owned): every staff user sees the kinds."""
    qs = ActivityKind.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def points(user):
    return scope(ServicePoint.objects.select_related("organization"), user)


def point(user, code, *, write=False) -> ServicePoint:
    return access(ServicePoint.objects.select_related("organization"), user, write=write, code=code)


def year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def aid_figures(qs, year: int) -> dict:
    """Accepted / closed in the year; criminal notices received vs assigned (辩护率)."""
    start, end = year_range(year)
    notices = qs.filter(source=AidSource.NOTICE, case_type=AidCaseType.CRIMINAL, received_on__range=(start, end))
    agg = notices.aggregate(n=Count("id"), assigned=Count("id", filter=Q(assigned_on__isnull=False)))
    from fazhi.core.indicators import pct
    return {
        "accepted": qs.filter(accepted_on__range=(start, end)).count(),
        "closed": qs.filter(closed_on__range=(start, end)).count(),
        "criminal_notified": agg["n"],
        "criminal_assigned": agg["assigned"],
        "criminal_rate": pct(agg["assigned"], agg["n"]),
        "pending_review": qs.filter(status=AidStatus.RECEIVED).count(),
        "pending_assign": qs.filter(status=AidStatus.GRANTED).count(),
    }


def consultation_counts(qs, year: int) -> dict[str, int]:
    start, end = year_range(year)
    rows = qs.filter(consulted_on__range=(start, end)).values("channel").annotate(n=Sum("persons"))
    return {r["channel"]: r["n"] or 0 for r in rows}


def activity_summary(qs, year: int) -> list[dict]:
    """Per kind: records, total count, amount, reach in the year (kinds added by an admin included)."""
    start, end = year_range(year)
    rows = {r["kind"]: r for r in qs.filter(held_on__range=(start, end)).values("kind").annotate(
        records=Count("id"), count=Sum("count"), amount=Sum("amount"), reach=Sum("reach"))}
    out = []
    for kind in ActivityKind.objects.all():
        r = rows.get(kind.pk)
        if r is None and not kind.is_active:
            continue
        out.append({"kind": kind, "records": r["records"] if r else 0, "count": (r["count"] or 0) if r else 0,
                    "amount": r["amount"] if r else None, "reach": r["reach"] if r else None})
    return out


# -- public (portal) reads: published, non-personal data only --------------------------------------

def public_points():
    return ServicePoint.objects.filter(is_public=True).select_related("organization").order_by("sort_order", "id")
