"""The report's figures of 一(七) and the dispute figures of 一(六), computed from the records."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from fazhi.core.indicators import (
    count_where,
    pct,
    rate_where,
    register_indicator,
    sum_where,
)

from .choices import (
    CORRECTIVE_DECISIONS,
    MediationKind,
    MediationStatus,
    ReviewOutcome,
    ReviewState,
    RoomKind,
)
from .models import (
    ArbitrationCase,
    LitigationCase,
    MediationCase,
    MediationConsultation,
    ReviewCase,
)
from .selectors import head_appeared_cases, head_appeared_in, heard_cases, heard_in


def _reviews(orgs):
    return ReviewCase.objects.filter(organization__in=orgs)


def _decided(orgs, s, e):
    return _reviews(orgs).filter(state=ReviewState.DECIDED, decided_on__range=(s, e))


def _in_wan(total) -> Decimal:
    """An amount in 万元 (the seed's unit), to the unit as written ("5830万余元")."""
    return (Decimal(str(total or 0)) / Decimal(10000)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _wan(qs) -> Decimal:
    """Sum of ``amount`` in 万元."""
    return _in_wan(qs.aggregate(s=Sum("amount"))["s"])


def _resolved(kind):
    return lambda orgs, s, e: MediationCase.objects.filter(
        organization__in=orgs, kind=kind, status=MediationStatus.SUCCESS, closed_on__range=(s, e))


def _resolved_q(kind):
    return lambda s, e: Q(kind=kind, status=MediationStatus.SUCCESS, closed_on__range=(s, e))


def _decided_q(s, e):
    return Q(state=ReviewState.DECIDED, decided_on__range=(s, e))


def _wan_tally(kind) -> dict:
    return {"tally": sum_where("amount", _resolved_q(kind)), "finish": lambda r: _in_wan(r["v"])}


S7, S6 = "一(七)", "一(六)"

register_indicator(code="disputes.review_applied", name="收到行政复议申请", unit="件", section=S7,
                   definition="收到申请日期在年度内的行政复议申请。",
                   records=lambda orgs, s, e: _reviews(orgs).filter(received_on__range=(s, e)),
                   tally=count_where(lambda s, e: Q(received_on__range=(s, e))))
register_indicator(code="disputes.review_accepted", name="受理行政复议申请", unit="件", section=S7,
                   definition="受理日期（含视为受理）在年度内的申请。",
                   records=lambda orgs, s, e: _reviews(orgs).filter(accepted_on__range=(s, e)),
                   tally=count_where(lambda s, e: Q(accepted_on__range=(s, e))))
register_indicator(code="disputes.review_mediated_first", name="受理后进行前置调解", unit="件", section=S7,
                   definition="年度内受理且进行了前置调解的案件。",
                   records=lambda orgs, s, e: _reviews(orgs).filter(accepted_on__range=(s, e)).exclude(pre_mediation=""),
                   tally=count_where(lambda s, e: Q(accepted_on__range=(s, e)) & ~Q(pre_mediation="")))
register_indicator(code="disputes.review_resolved_by_mediation", name="调解化解行政复议案件", unit="件", section=S7,
                   definition="年度内以调解书或者和解后撤回结案的案件。",
                   records=lambda orgs, s, e: _reviews(orgs).filter(
                       outcome__in=[ReviewOutcome.MEDIATION, ReviewOutcome.SETTLEMENT], closed_on__range=(s, e)),
                   tally=count_where(lambda s, e: Q(outcome__in=[ReviewOutcome.MEDIATION, ReviewOutcome.SETTLEMENT],
                                                    closed_on__range=(s, e))))
register_indicator(code="disputes.review_decided", name="审理结案（作出复议决定）", unit="件", section=S7,
                   definition="年度内作出行政复议决定的案件。", records=_decided, tally=count_where(_decided_q))
register_indicator(code="disputes.review_corrected", name="纠正违法行政行为", unit="件", section=S7,
                   definition="年度内作出撤销、部分撤销、变更、确认违法、责令履行、确认无效决定的案件。",
                   records=lambda orgs, s, e: _decided(orgs, s, e).filter(decision_type__in=CORRECTIVE_DECISIONS),
                   tally=count_where(lambda s, e: _decided_q(s, e) & Q(decision_type__in=CORRECTIVE_DECISIONS)))
register_indicator(code="disputes.review_correction_rate", name="行政复议纠错率", unit="%", section=S7,
                   definition="纠错决定数 ÷ 作出复议决定数。", records=_decided,
                   value=lambda qs: pct(qs.filter(decision_type__in=CORRECTIVE_DECISIONS).count(), qs.count()),
                   **rate_where(Q(decision_type__in=CORRECTIVE_DECISIONS), _decided_q))


def _lit(orgs):
    return LitigationCase.objects.filter(organization__in=orgs)


register_indicator(code="disputes.litigation_head_appeared", name="行政机关负责人出庭应诉", unit="件", section=S7,
                   definition="年度内开庭、由被诉机关正职、副职或者分管负责人出庭应诉的案件（行政诉讼法第三条第三款）。",
                   records=lambda orgs, s, e: head_appeared_cases(_lit(orgs), s, e),
                   tally=count_where(lambda s, e: Q(head_appeared_in(s, e))))
def _bounds(qs):
    # The value callable only receives the records; the hearing window travels on the queryset.
    return qs._fazhi_bounds


def _heard_with_bounds(orgs, s, e):
    qs = heard_cases(_lit(orgs), s, e)
    qs._fazhi_bounds = (s, e)
    return qs


# Re-register with the bounds attached (the rate counts hearings in the same year).
register_indicator(code="disputes.litigation_appearance_rate", name="行政机关负责人出庭应诉率", unit="%", section=S7,
                   definition="负责人出庭应诉的案件 ÷ 年度内开庭审理的案件。", records=_heard_with_bounds,
                   value=lambda qs: pct(head_appeared_cases(qs, *_bounds(qs)).count(), qs.count()),
                   tally=lambda s, e: {"n": Count("pk", filter=Q(heard_in(s, e)) & Q(head_appeared_in(s, e))),
                                       "d": Count("pk", filter=Q(heard_in(s, e)))},
                   finish=lambda r: pct(r["n"], r["d"]))

register_indicator(code="disputes.people_mediation", name="人民调解组织化解矛盾纠纷", unit="件", section=S7,
                   definition="年度内人民调解（人民调解委员会）调解成功的纠纷。", records=_resolved(MediationKind.PEOPLE),
                   tally=count_where(_resolved_q(MediationKind.PEOPLE)))
register_indicator(code="disputes.people_mediation_complex", name="其中疑难复杂纠纷", unit="起", section=S7,
                   definition="上述纠纷中标记为疑难复杂的。",
                   records=lambda orgs, s, e: _resolved(MediationKind.PEOPLE)(orgs, s, e).filter(complex_case=True),
                   tally=count_where(lambda s, e: _resolved_q(MediationKind.PEOPLE)(s, e) & Q(complex_case=True)))
register_indicator(code="disputes.people_mediation_amount", name="人民调解为群众挽回损失", unit="万元", section=S7,
                   definition="上述纠纷涉及金额之和（万元）。", records=_resolved(MediationKind.PEOPLE), value=_wan,
                   **_wan_tally(MediationKind.PEOPLE))
register_indicator(code="disputes.presuit_mediation", name="诉前调解调处矛盾纠纷", unit="件", section=S7,
                   definition="年度内诉前调解室调解成功的纠纷。", records=_resolved(MediationKind.PRESUIT),
                   tally=count_where(_resolved_q(MediationKind.PRESUIT)))
register_indicator(code="disputes.presuit_amount", name="诉前调解达成协议金额", unit="万元", section=S7,
                   definition="诉前调解达成协议的金额之和（万元）。", records=_resolved(MediationKind.PRESUIT), value=_wan,
                   **_wan_tally(MediationKind.PRESUIT))
register_indicator(code="disputes.presuit_courts", name="建立诉前调解机制的派出法庭", unit="个", section=S7,
                   definition="年度内有诉前调解案件的派出法庭（去重）。", records=_resolved(MediationKind.PRESUIT),
                   value=lambda qs: qs.aggregate(n=Count("room__court", distinct=True))["n"],
                   tally=lambda s, e: Count("room__court", distinct=True, filter=_resolved_q(MediationKind.PRESUIT)(s, e)))
register_indicator(code="disputes.marriage_mediation", name="婚姻家庭纠纷调解室化解纠纷", unit="件", section=S7,
                   definition="年度内婚姻家庭纠纷人民调解室调解成功的纠纷。", records=_resolved(MediationKind.MARRIAGE),
                   tally=count_where(_resolved_q(MediationKind.MARRIAGE)))
register_indicator(code="disputes.marriage_consultations", name="婚姻家庭纠纷调解室解答法律咨询", unit="人次",
                   section=S7, definition="婚姻家庭纠纷调解室登记的法律咨询人次之和。",
                   records=lambda orgs, s, e: MediationConsultation.objects.filter(
                       organization__in=orgs, room__kind=RoomKind.MARRIAGE, on__range=(s, e)),
                   value=lambda qs: qs.aggregate(p=Sum("people"))["p"] or 0,
                   tally=sum_where("people", lambda s, e: Q(room__kind=RoomKind.MARRIAGE, on__range=(s, e))))
register_indicator(code="disputes.plsc_mediation", name="调解中心、诉前调解室化解纠纷（公共法律服务中心）", unit="件",
                   section=S6, definition="年度内公共法律服务中心调解室调解成功的纠纷。",
                   records=_resolved(MediationKind.PLSC),
                   tally=count_where(_resolved_q(MediationKind.PLSC)))
register_indicator(code="disputes.labour_arbitration", name="办理劳动仲裁案件", unit="件", section=S6,
                   definition="受理日期在年度内的劳动仲裁案件。",
                   records=lambda orgs, s, e: ArbitrationCase.objects.filter(organization__in=orgs,
                                                                             received_on__range=(s, e)),
                   tally=count_where(lambda s, e: Q(received_on__range=(s, e))))
