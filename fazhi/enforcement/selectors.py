"""Reads of 行政执法: always through ``fazhi.core.scoping``; public reads only what is published."""
from __future__ import annotations

import datetime

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth

from fazhi.core.scoping import access, scope
from fazhi.enforcement.choices import Category, Procedure
from fazhi.enforcement.models import (
    Case,
    CaseReview,
    EnforcementBody,
    EnforcementItem,
    EnforcementList,
    InspectionTarget,
    Officer,
    RandomDraw,
    ReviewCampaign,
    Rubric,
    WorkPlan,
)


def bodies(user):
    return scope(EnforcementBody.objects.select_related("organization"), user)


def body(user, code, *, write=False):
    return access(EnforcementBody.objects.select_related("organization"), user, write=write, code=code)


def officers(user, q: str = ""):
    qs = scope(Officer.objects.select_related("organization", "body"), user)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(cert_no__contains=q.upper()) | Q(field__contains=q))
    return qs


def officer(user, code, *, write=False):
    return access(Officer.objects.select_related("organization", "body"), user, write=write, code=code)


def items(user):
    return scope(EnforcementItem.objects.select_related("organization", "body"), user)


def item(user, code, *, write=False):
    return access(EnforcementItem.objects.select_related("organization", "body"), user, write=write, code=code)


def lists(user):
    return scope(EnforcementList.objects.select_related("organization").annotate(n_items=Count("items")), user) \
        .order_by("-year", "kind", "id")


def enforcement_list(user, code, *, write=False):
    return access(EnforcementList.objects.select_related("organization"), user, write=write, code=code)


def plans(user):
    return scope(WorkPlan.objects.select_related("organization"), user)


def plan(user, code, *, write=False):
    return access(WorkPlan.objects.select_related("organization"), user, write=write, code=code)


def cases(user, *, q: str = "", kind: str = "", state: str = "", year: int | None = None, org=None,
          overdue: bool = False, today: datetime.date | None = None):
    qs = scope(Case.objects.select_related("organization"), user)
    if q:
        qs = qs.filter(Q(number__contains=q) | Q(title__contains=q) | Q(party_name__contains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(filed_on__year=year)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    if overdue:
        qs = overdue_cases(qs, today or datetime.date.today())
    return qs.order_by("-filed_on", "-id")


def case(user, code, *, write=False) -> Case:
    return access(Case.objects.select_related("organization", "item", "legal_reviewer"), user, write=write, code=code)


def targets(user):
    return scope(InspectionTarget.objects.select_related("organization"), user)


def draws(user):
    return scope(RandomDraw.objects.select_related("organization", "item"), user)


def draw(user, code, *, write=False):
    return access(RandomDraw.objects.select_related("organization", "item"), user, write=write, code=code)


def rubrics(user):
    return scope(Rubric.objects.select_related("organization").prefetch_related("items"), user)


def campaigns(user):
    return scope(ReviewCampaign.objects.select_related("organization", "rubric"), user)


def campaign(user, code, *, write=False):
    return access(ReviewCampaign.objects.select_related("organization", "rubric"), user, write=write, code=code)


def review(user, code, *, write=False) -> CaseReview:
    return access(CaseReview.objects.select_related("campaign__rubric", "case__organization", "organization"), user,
                  write=write, code=code)


# -- statistics --------------------------------------------------------------------------------------
MAJOR = Q(is_major=True) | Q(item__major_review=True)


def major_cases(qs):
    return qs.filter(MAJOR)


def overdue_q(today: datetime.date) -> Q:
    """Penalty cases past the 90-day (or extended) decision period: undecided, or decided late."""
    return Q(kind=Category.PENALTY, procedure=Procedure.ORDINARY, decision_due__isnull=False) & (
        Q(decided_on__isnull=True, decision_due__lt=today) | Q(decided_on__gt=F("decision_due")))


def overdue_cases(qs, today: datetime.date):
    return qs.filter(overdue_q(today))


def rate(part: int, whole: int):
    from fazhi.core.indicators import pct
    return pct(part, whole)


def statistics(qs, today: datetime.date | None = None) -> dict:
    """Figures over a queryset of cases (already scoped and narrowed to a period)."""
    today = today or datetime.date.today()
    by_org = list(qs.values("organization__name").annotate(n=Count("id")).order_by("-n", "organization__name"))
    kinds = dict(Category.choices)
    by_kind = [(kinds.get(k, k), n) for k, n in qs.values_list("kind").annotate(n=Count("id")).order_by("-n")]
    by_month = [(m.strftime("%Y-%m") if m else "", n) for m, n in
                qs.annotate(m=TruncMonth("filed_on")).values_list("m").annotate(n=Count("id")).order_by("m")]
    major = major_cases(qs.filter(decided_on__isnull=False))
    n_major = major.count()
    n_major_reviewed = major.filter(reviewed_on__isnull=False).count()
    pub = qs.filter(publicity_due__isnull=False)
    n_pub = pub.count()
    n_pub_timely = pub.filter(published_on__isnull=False, published_on__lte=F("publicity_due")).count()
    n_cases = qs.count()
    n_two = Case.officers.through.objects.filter(case__in=qs.values("pk")).values("case_id") \
        .annotate(k=Count("officer_id")).filter(k__gte=2).count()
    closed = qs.filter(closed_on__isnull=False)
    n_closed = closed.count()
    avg = closed.aggregate(a=Avg(ExpressionWrapper(F("closed_on") - F("filed_on"), output_field=DurationField())))["a"]
    return {
        "total": n_cases, "by_org": by_org, "by_kind": by_kind, "by_month": by_month,
        "major": n_major, "major_reviewed": n_major_reviewed, "legality_review_rate": rate(n_major_reviewed, n_major),
        "publicity": n_pub, "publicity_timely": n_pub_timely, "publicity_timely_rate": rate(n_pub_timely, n_pub),
        "two_officer": n_two, "two_officer_rate": rate(n_two, n_cases),
        "closed": n_closed, "avg_handling_days": round(avg.total_seconds() / 86400, 1) if avg else 0,
        "overdue": overdue_cases(qs, today).count(),
    }


# -- public (portal) reads ---------------------------------------------------------------------------
def public_bodies():
    return EnforcementBody.objects.filter(published=True).select_related("organization")


def public_officers():
    return Officer.objects.filter(status="active").select_related("organization", "body")


def public_items():
    return EnforcementItem.objects.select_related("organization", "body")


def public_lists():
    return EnforcementList.objects.filter(published_on__isnull=False).select_related("organization")


def public_decisions():
    """Published decisions, minus those withdrawn after revocation (处罚法 第四十八条)."""
    return Case.objects.filter(published_on__isnull=False, withdrawn_on__isnull=True, decided_on__isnull=False) \
        .select_related("organization", "item").order_by("-decided_on", "-id")


def public_draws():
    return RandomDraw.objects.filter(published_on__isnull=False).select_related("organization", "item")
