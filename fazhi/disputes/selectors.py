"""Reads of 矛盾纠纷化解, always through ``fazhi.core.scoping``."""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from fazhi.core.indicators import pct
from fazhi.core.scoping import access, scope

from .choices import (
    CORRECTIVE_DECISIONS, HEAD_APPEARANCES, LOST_OUTCOMES, Appearance, MediationKind, MediationStatus, ReviewOutcome,
    ReviewState,
)
from .models import (
    ArbitrationCase, LitigationCase, LitigationHearing, MediationCase, MediationConsultation, MediationRoom,
    ReviewCase, YearlyExternalCount,
)


# ---------------------------------------------------------------------------------------------- 复议
def review_list(user, *, q: str = "", state: str = "", year: int | None = None) -> QuerySet[ReviewCase]:
    qs = scope(ReviewCase.objects.select_related("organization", "respondent"), user)
    if q:
        qs = qs.filter(Q(applicant__icontains=q) | Q(number__icontains=q) | Q(act__icontains=q))
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(received_on__year=year)
    return qs


def review_get(user, code, *, write: bool = False) -> ReviewCase:
    return access(ReviewCase.objects.select_related("organization", "respondent", "opinion_recipient"), user,
                  write=write, code=code)


def review_figures(qs: QuerySet[ReviewCase], start: datetime.date, end: datetime.date) -> dict:
    """applied / accepted / mediated first / resolved by mediation / decided / corrected / 纠错率."""
    decided = qs.filter(state=ReviewState.DECIDED, decided_on__range=(start, end))
    corrected = decided.filter(decision_type__in=CORRECTIVE_DECISIONS).count()
    n_decided = decided.count()
    return {
        "applied": qs.filter(received_on__range=(start, end)).count(),
        "accepted": qs.filter(accepted_on__range=(start, end)).count(),
        "mediated_first": qs.filter(accepted_on__range=(start, end)).exclude(pre_mediation="").count(),
        "resolved_by_mediation": qs.filter(outcome__in=[ReviewOutcome.MEDIATION, ReviewOutcome.SETTLEMENT],
                                           closed_on__range=(start, end)).count(),
        "decided": n_decided,
        "corrected": corrected,
        "correction_rate": pct(corrected, n_decided),
    }


# ---------------------------------------------------------------------------------------------- 应诉
def _head_appeared(start=None, end=None):
    hearings = LitigationHearing.objects.filter(case=OuterRef("pk"), appearance__in=HEAD_APPEARANCES)
    if start:
        hearings = hearings.filter(held_on__range=(start, end))
    return Exists(hearings)


def litigation_list(user, *, q: str = "", year: int | None = None, flag: str = "") -> QuerySet[LitigationCase]:
    qs = scope(LitigationCase.objects.select_related("organization"), user).annotate(
        head=_head_appeared(),
        heard=Exists(LitigationHearing.objects.filter(case=OuterRef("pk"))),
        lawyer_only=Exists(LitigationHearing.objects.filter(case=OuterRef("pk"), appearance=Appearance.LAWYER_ONLY)),
    )
    if q:
        qs = qs.filter(Q(case_number__icontains=q) | Q(plaintiff__icontains=q))
    if year:
        qs = qs.filter(complaint_received_on__year=year)
    if flag == "head":
        qs = qs.filter(head=True)
    elif flag == "no_head":
        qs = qs.filter(heard=True, head=False)
    elif flag == "lawyer_only":
        qs = qs.filter(lawyer_only=True)
    return qs


def litigation_get(user, code, *, write: bool = False) -> LitigationCase:
    return access(LitigationCase.objects.select_related("organization"), user, write=write, code=code)


def heard_in(start, end) -> Exists:
    """True for a suit with a hearing in the period."""
    return Exists(LitigationHearing.objects.filter(case=OuterRef("pk"), held_on__range=(start, end)))


def head_appeared_in(start, end) -> Exists:
    """True for a suit at whose hearing in the period the head (or a deputy) of the body appeared."""
    return _head_appeared(start, end)


def heard_cases(qs: QuerySet[LitigationCase], start, end) -> QuerySet[LitigationCase]:
    """Suits with a hearing in the period (the denominator of 出庭应诉率)."""
    return qs.filter(heard_in(start, end))


def head_appeared_cases(qs: QuerySet[LitigationCase], start, end) -> QuerySet[LitigationCase]:
    return qs.filter(head_appeared_in(start, end))


def litigation_figures(qs: QuerySet[LitigationCase], start, end) -> dict:
    heard = heard_cases(qs, start, end)
    n_heard = heard.count()
    n_head = head_appeared_cases(qs, start, end).count()
    judged = qs.filter(judged_on__range=(start, end)).exclude(outcome="")
    lost = judged.filter(outcome__in=LOST_OUTCOMES).count()
    return {"received": qs.filter(complaint_received_on__range=(start, end)).count(), "heard": n_heard,
            "head_appeared": n_head, "appearance_rate": pct(n_head, n_heard),
            "judged": judged.count(), "lost": lost, "loss_rate": pct(lost, judged.count()),
            "lawyer_only": heard.filter(Exists(LitigationHearing.objects.filter(
                case=OuterRef("pk"), appearance=Appearance.LAWYER_ONLY, held_on__range=(start, end)))).count()}


# ---------------------------------------------------------------------------------------------- 调解
def room_list(user) -> QuerySet[MediationRoom]:
    return scope(MediationRoom.objects.select_related("organization"), user).annotate(n_cases=Count("cases"))


def room_get(user, code, *, write: bool = False) -> MediationRoom:
    return access(MediationRoom.objects.select_related("organization"), user, write=write, code=code)


def writable_rooms(user) -> QuerySet[MediationRoom]:
    from fazhi.core.scoping import writable_orgs

    return MediationRoom.objects.filter(organization__in=writable_orgs(user)).order_by("kind", "name")


def mediation_list(user, *, kind="", status="", dispute_type="", complex_case=False, year=None) -> QuerySet[MediationCase]:
    qs = scope(MediationCase.objects.select_related("room", "organization"), user)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if dispute_type:
        qs = qs.filter(dispute_type=dispute_type)
    if complex_case:
        qs = qs.filter(complex_case=True)
    if year:
        qs = qs.filter(received_on__year=year)
    return qs


def mediation_get(user, code, *, write: bool = False) -> MediationCase:
    return access(MediationCase.objects.select_related("room", "organization"), user, write=write, code=code)


def resolved(qs: QuerySet[MediationCase], kind: str, start, end) -> QuerySet[MediationCase]:
    """Disputes of ``kind`` resolved (调解成功) in the period."""
    return qs.filter(kind=kind, status=MediationStatus.SUCCESS, closed_on__range=(start, end))


def mediation_figures(qs: QuerySet[MediationCase], consultations: QuerySet[MediationConsultation], start, end) -> list[dict]:
    rows = []
    for kind, label in MediationKind.choices:
        r = resolved(qs, kind, start, end)
        agg = r.aggregate(n=Count("id"), complex=Count("id", filter=Q(complex_case=True)), amount=Sum("amount"),
                          courts=Count("room__court", distinct=True))
        cons = consultations.filter(room__kind=kind, on__range=(start, end)).aggregate(p=Sum("people"))["p"] or 0
        amount = Decimal(str(agg["amount"] or 0)).quantize(Decimal("0.01"))  # SQLite sums decimals as floats
        rows.append({"kind": kind, "label": label, "count": agg["n"], "complex": agg["complex"],
                     "amount": amount, "amount_wan": (amount / 10000).quantize(Decimal("0.01")), "courts": agg["courts"], "consultations": cons})
    return rows


def consultation_list(user, room=None) -> QuerySet[MediationConsultation]:
    qs = scope(MediationConsultation.objects.select_related("room"), user)
    return qs.filter(room=room) if room is not None else qs


# ---------------------------------------------------------------------------------------------- 仲裁
def arbitration_list(user, *, year=None) -> QuerySet[ArbitrationCase]:
    qs = scope(ArbitrationCase.objects.select_related("organization"), user)
    return qs.filter(received_on__year=year) if year else qs


def arbitration_get(user, code, *, write: bool = False) -> ArbitrationCase:
    return access(ArbitrationCase.objects.select_related("organization"), user, write=write, code=code)


# ---------------------------------------------------------------------------------------------- 一升两降
def yearly_rows(user) -> QuerySet[YearlyExternalCount]:
    return scope(YearlyExternalCount.objects.select_related("organization"), user)


def people_mediations(qs: QuerySet[MediationCase], year: int) -> int:
    """Disputes resolved by 人民调解 (all kinds of people's mediation bodies) in a year."""
    return qs.filter(status=MediationStatus.SUCCESS, closed_on__year=year).count()


def one_up_two_down(user, year: int) -> dict:
    """一升两降: mediation up, lawsuits and 信访 down, against the previous year.

    Mediation counts come from the records (every kind of mediation body); a year before the
    platform may carry a manually entered count. Lawsuits and petitions are entered per year.
    """
    cases = scope(MediationCase.objects.all(), user)
    ext = {r.year: r for r in yearly_rows(user).filter(year__in=[year - 1, year]).order_by("organization__sort_order")}

    def med(y):
        """(count, known): from the records, else the manually entered count of a pre-platform year."""
        n = people_mediations(cases, y)
        if not n and y in ext and ext[y].mediations_manual is not None:
            return ext[y].mediations_manual, True
        return n, bool(n)

    cur, prev = ext.get(year), ext.get(year - 1)
    (n, _), (n_prev, prev_known) = med(year), med(year - 1)
    out = {"year": year, "mediations": n, "mediations_prev": n_prev if prev_known else None,
           "current": cur, "previous": prev}
    # Without a previous-year count there is nothing to compare: never "上升" by default.
    out["mediation_up"] = prev_known and n > n_prev
    out["lawsuits_down"] = bool(cur and prev and cur.lawsuits < prev.lawsuits)
    out["petitions_down"] = bool(cur and prev and cur.petitions < prev.petitions)
    out["complete"] = bool(cur and prev and prev_known)
    out["achieved"] = out["complete"] and out["mediation_up"] and out["lawsuits_down"] and out["petitions_down"]
    return out
