"""Write services of 矛盾纠纷化解. Every write: permission (can_write), guards naming the article,
``full_clean()``, save, ``audit_log`` — all in one transaction.

行政复议: the procedure version is chosen by the date the application was received: from 2024-01-01
the 2023 revision applies, before it the 2017 law (and its 实施条例). The versions differ in the
day type of the respondent's reply period (2017 第四十条: only 五日/七日 are working days, so the
10-day reply is calendar days; 2023 第八十八条: 三日/五日/七日/十日 are working days), in the start of
the decision clock when acceptance is deemed (2017 第十七条第二款: from receipt; 2023 第三十条第二款: from
the expiry of the review period), and in 简易程序 (2023 only).
"""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff
from fazhi.core.audit import snapshot as _core_snapshot
from fazhi.core.deadlines import (
    MissingHolidayData, compute_due, deadline_done, deadline_pause, deadline_register, deadline_resume, get_calendar,
    open_pause,
)
from fazhi.core.models import Deadline, Organization
from fazhi.core.scoping import can_write
from fazhi.lib.validators import validate_case_number

from .choices import (
    HEAD_APPEARANCES, Appearance, Appellant, DecisionType, LawVersion, LitigationOutcome,
    MediationStatus, PreMediation, Procedure, ReviewOutcome, ReviewState,
)
from .models import (
    ROOM_TO_KIND, ArbitrationCase, LitigationCase, LitigationHearing, MediationCase, MediationConsultation,
    MediationRoom, ReviewCase, YearlyExternalCount,
)

register_actions({
    "disputes.review.receive": "登记行政复议申请",
    "disputes.review.correction_notice": "通知补正复议申请",
    "disputes.review.correction_supply": "收到复议补正材料",
    "disputes.review.abandon": "复议申请视为放弃",
    "disputes.review.accept": "受理行政复议申请",
    "disputes.review.deem_accept": "复议申请视为受理",
    "disputes.review.reject": "决定不予受理复议申请",
    "disputes.review.copy": "发送复议申请书副本",
    "disputes.review.reply": "收到被申请人答复",
    "disputes.review.hearing": "通知复议听证",
    "disputes.review.suspend": "复议中止",
    "disputes.review.resume": "复议恢复审理",
    "disputes.review.mediation": "登记复议前置调解",
    "disputes.review.extend": "延长复议期限",
    "disputes.review.decide": "作出行政复议决定",
    "disputes.review.mediate": "复议调解结案",
    "disputes.review.terminate": "复议终止",
    "disputes.review.dismiss": "驳回复议申请",
    "disputes.review.opinion": "制发行政复议意见书",
    "disputes.review.opinion_report": "收到意见书落实报告",
    "disputes.litigation.create": "登记行政应诉案件",
    "disputes.litigation.update": "修改行政应诉案件",
    "disputes.litigation.answer": "提交答辩状和证据",
    "disputes.litigation.hearing": "登记开庭及出庭应诉",
    "disputes.litigation.outcome": "登记裁判结果及上诉",
    "disputes.room.create": "新增调解组织",
    "disputes.mediation.create": "登记调解案件",
    "disputes.mediation.bulk_create": "批量登记调解案件",
    "disputes.mediation.close": "调结调解案件",
    "disputes.mediation.confirmation": "登记司法确认",
    "disputes.mediation.followup": "登记调解回访",
    "disputes.consultation.create": "登记调解室法律咨询",
    "disputes.arbitration.create": "登记劳动仲裁案件",
    "disputes.arbitration.close": "劳动仲裁结案",
    "disputes.yearly.set": "填报一升两降年度数据",
})

NEW_LAW_FROM = datetime.date(2024, 1, 1)
FYF = {LawVersion.V2017: "《行政复议法》（2017年修正）", LawVersion.V2023: "《行政复议法》"}
TL = "《行政复议法实施条例》"

# Article of each step, by law version.
ARTICLES: dict[str, dict[str, str]] = {
    LawVersion.V2023: {
        "window": "第二十条", "window_cap": "第二十条第三款", "accept": "第三十条", "correct": "第三十一条",
        "copy": "第四十八条", "simple": "第五十三条", "simple_copy": "第五十四条", "hearing": "第五十条、第八十八条",
        "suspend": "第三十九条", "resume": "第三十九条、第四十条", "terminate": "第四十一条", "decide": "第六十二条",
        "types": "第六十三条至第七十二条", "mediate": "第七十三条", "settle": "第七十四条", "dismiss": "第三十三条",
        "late_reply": "第七十条", "opinion": "第七十六条", "convert": "第五十五条",
    },
    LawVersion.V2017: {
        "window": "第九条", "window_cap": "第九条", "accept": "第十七条", "correct": f"{TL}第二十九条",
        "copy": "第二十三条", "simple": "", "simple_copy": "", "hearing": f"{TL}第三十三条",
        "suspend": f"{TL}第四十一条", "resume": f"{TL}第四十一条第二款", "terminate": f"{TL}第四十二条",
        "decide": "第三十一条", "types": f"第二十八条、{TL}第四十三条至第四十八条", "mediate": f"{TL}第五十条",
        "settle": f"{TL}第四十条", "dismiss": f"{TL}第四十八条", "late_reply": "第二十八条第一款第四项",
        "opinion": f"{TL}第五十七条", "convert": "",
    },
}

RULES: dict[str, dict[str, str]] = {
    LawVersion.V2023: {
        "application": "review.application", "application_max": "review.application_max",
        "acceptance": "review.acceptance", "correction_notice": "review.correction_notice",
        "correction_supply": "review.correction_supply", "copy": "review.copy", "simple_copy": "review.simple_copy",
        "reply": "review.reply", "simple_reply": "review.simple_reply", "decision": "review.decision",
        "simple_decision": "review.decision_simple", "extension": "review.decision_extension",
        "opinion": "review.opinion_report",
    },
    LawVersion.V2017: {
        "application": "review2017.application", "application_max": "review2017.application",
        "acceptance": "review2017.acceptance", "correction_notice": "review2017.correction_notice",
        "copy": "review2017.copy", "reply": "review2017.reply", "decision": "review2017.decision",
        "extension": "review2017.decision_extension", "opinion": "review.opinion_report",
    },
}

# 2017 law: decision types of 第二十八条 / 实施条例第四十三条至第四十八条.
TYPES_2017 = {
    DecisionType.UPHOLD, DecisionType.ORDER_PERFORM, DecisionType.REVOKE, DecisionType.REVOKE_PARTIAL,
    DecisionType.CHANGE, DecisionType.CONFIRM_ILLEGAL, DecisionType.DISMISS_CLAIM, DecisionType.COMPENSATION,
}


def law_version_for(received_on: datetime.date) -> str:
    """The procedure version: 2023 revision for applications from 2024-01-01, the 2017 law before."""
    return LawVersion.V2023 if received_on >= NEW_LAW_FROM else LawVersion.V2017


def cite(case_or_version, key: str) -> str:
    version = getattr(case_or_version, "law_version", case_or_version)
    art = ARTICLES[version][key]
    return art if art.startswith("《") else f"{FYF[version]}{art}"


def rule_code(case: ReviewCase, key: str) -> str:
    return RULES[case.law_version][key]


# ---------------------------------------------------------------------------------------------- helpers
def snapshot(obj, fields: list[str]) -> dict[str, Any]:
    """``fazhi.core.audit.snapshot`` with related records by name (the history showed "被申请人 27")."""
    out = _core_snapshot(obj, fields)
    for name in fields:
        f = obj._meta.get_field(name)
        if f.is_relation and out.get(name) is not None:
            out[name] = str(getattr(obj, name))
    return out


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有修改该单位记录的权限。")


def _today() -> datetime.date:
    return timezone.localdate()


def _due(code: str, start: datetime.date, pauses=()) -> datetime.date:
    try:
        return compute_due(code, start, pauses)
    except MissingHolidayData as exc:
        raise ValidationError(str(exc)) from exc


def _require_date(value, field: str, label: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ValidationError({field: f"请填写{label}。"})
    if value > _today():
        raise ValidationError({field: f"{label}不能晚于今天。"})
    return value


def _not_before(value: datetime.date, earlier: datetime.date | None, field: str, message: str) -> None:
    if earlier and value < earlier:
        raise ValidationError({field: message})


def _review_url(case) -> str:
    from django.urls import reverse

    return reverse("disputes:review_detail", kwargs={"code": case.code})


def _created(obj, fields: list[str]) -> dict[str, Any]:
    """Creation snapshot for the history (``{"after": ...}``), without the empty fields."""
    return {k: v for k, v in snapshot(obj, fields).items() if v not in (None, "", [])}


def _labelled(obj, fields: list[str]) -> dict[str, Any]:
    """A child record's values keyed by Chinese field names (shown as-is in the parent's history)."""
    out = {}
    for name in fields:
        f = obj._meta.get_field(name)
        value = getattr(obj, name)
        if f.choices and value:
            value = dict(f.flatchoices).get(value, value)
        if value not in (None, ""):
            out[str(f.verbose_name)] = value
    return out


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


def _review_deadline(case: ReviewCase, key: str) -> Deadline | None:
    return (Deadline.objects.filter(rule__code=rule_code(case, key), target_type="disputes.reviewcase",
                                    target_id__startswith=str(case.code)).order_by("-id").first())


def _register(actor, case: ReviewCase, key: str, start: datetime.date, title: str, *, suffix: str = "",
              request_id: str = "") -> Deadline:
    target = case if not suffix else ("disputes.reviewcase", f"{case.code}-{suffix}")
    try:
        return deadline_register(actor=actor, organization=case.organization, rule_code=rule_code(case, key),
                                 target=target, title=f"{title}：{case}", url=_review_url(case), start_date=start,
                                 request_id=request_id)
    except MissingHolidayData as exc:
        raise ValidationError(str(exc)) from exc


def _done(actor, case: ReviewCase, key: str, request_id: str = "") -> None:
    dl = _review_deadline(case, key)
    if dl is not None and not dl.done_at:
        deadline_done(actor=actor, deadline=dl, request_id=request_id)


REVIEW_FIELDS = [
    "number", "applicant", "third_party", "respondent", "act", "act_known_on", "rights_notified", "received_on",
    "channel", "law_version", "procedure", "application_due", "late_application", "late_reason", "state",
    "correction_items", "correction_noticed_on", "correction_supply_due", "correction_supplied_on", "acceptance_due",
    "accepted_on", "deemed_accepted", "rejected_on", "rejection_reason", "copy_due", "copy_sent_on",
    "copy_received_on", "reply_due", "reply_received_on", "reply_late", "hearing_noticed_on", "hearing_on",
    "suspended_on", "suspension_reason", "resumed_on", "suspended_days", "pre_mediation", "decision_due",
    "extension_days", "extension_approved_by", "decided_on", "decision_type", "outcome", "closed_on", "summary",
    "opinion_issued_on", "opinion_recipient", "opinion_due", "opinion_reported_on",
]


def _save_review(actor, case: ReviewCase, action: str, before: dict, request_id: str, **extra) -> ReviewCase:
    case.full_clean()
    case.save()
    audit_log(actor=actor, action=action, target=case, organization=case.organization,
              data={"changes": diff(before, snapshot(case, REVIEW_FIELDS)), **extra}, request_id=request_id)
    return case


def _require_state(case: ReviewCase, *states, message: str) -> None:
    if case.state not in states:
        raise ValidationError(f"{message}（当前状态：{case.get_state_display()}）。")


# ---------------------------------------------------------------------------------------------- 行政复议
def application_window(*, law_version: str, act_known_on: datetime.date, rights_notified: bool = True) -> datetime.date:
    """Last day to apply: 60 days from knowing the act (2023 第二十条第一款; 2017 第九条). When the agency did
    not tell the party of the right to apply, the 2023 law caps it at one year from knowing the act's
    content (第二十条第三款); that cap is used as the outer limit."""
    rules = RULES[law_version]
    key = "application" if rights_notified else "application_max"
    return _due(rules[key], act_known_on)


@transaction.atomic
def review_receive(*, actor, organization: Organization, respondent: Organization, applicant: str, act: str,
                   act_known_on: datetime.date, received_on: datetime.date, channel: str = "written",
                   procedure: str = Procedure.ORDINARY, number: str = "", third_party: str = "",
                   rights_notified: bool = True, late_reason: str = "", request_id: str = "") -> ReviewCase:
    """Register an application (书面、口头或者网上, 2023 第二十二条) and start the acceptance review clock."""
    _require_write(actor, organization)
    _require_date(received_on, "received_on", "收到申请日期")
    if not isinstance(act_known_on, datetime.date):
        raise ValidationError({"act_known_on": "请填写知道或者应当知道该行政行为之日。"})
    if act_known_on > received_on:
        raise ValidationError({"act_known_on": "知道行政行为之日不能晚于收到申请日期。"})
    version = law_version_for(received_on)
    if procedure == Procedure.SIMPLE and version == LawVersion.V2017:
        raise ValidationError({"procedure": "2024年1月1日前收到的申请适用2017年《行政复议法》，该法没有简易程序"
                                            "（简易程序见2023年修订《行政复议法》第五十三条）。"})
    due = application_window(law_version=version, act_known_on=act_known_on, rights_notified=rights_notified)
    case = ReviewCase(
        organization=organization, respondent=respondent, applicant=(applicant or "").strip(), act=(act or "").strip(),
        act_known_on=act_known_on, received_on=received_on, channel=channel, procedure=procedure,
        number=(number or "").strip(), third_party=(third_party or "").strip(), rights_notified=rights_notified,
        law_version=version, application_due=due, late_application=received_on > due,
        late_reason=(late_reason or "").strip(),
    )
    case.full_clean()
    case.save()
    dl = _register(actor, case, "acceptance", received_on, "复议受理审查", request_id=request_id)
    case.acceptance_due = dl.due_date
    case.save(update_fields=["acceptance_due"])
    audit_log(actor=actor, action="disputes.review.receive", target=case, organization=organization,
              data={"after": _created(case, REVIEW_FIELDS)}, request_id=request_id)
    return case


@transaction.atomic
def review_correction_notice(*, actor, case: ReviewCase, noticed_on: datetime.date, items: str,
                             supply_due: datetime.date | None = None, request_id: str = "") -> ReviewCase:
    """补正通知: within 5 working days of receipt, listing every gap at once (2023 第三十一条; 2017 实施条例
    第二十九条). The applicant has 10 working days (2023) or the period the notice sets (2017)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    art = cite(case, "correct")
    _require_state(case, ReviewState.RECEIVED, message="只有受理审查中的申请可以通知补正")
    if case.correction_noticed_on:
        raise ValidationError(f"补正通知应当一次性载明需要补正的事项（{art}），该申请已通知过补正。")
    _require_date(noticed_on, "noticed_on", "补正通知日期")
    _not_before(noticed_on, case.received_on, "noticed_on", "补正通知日期不能早于收到申请日期。")
    limit = _due(rule_code(case, "correction_notice"), case.received_on)
    if noticed_on > limit:
        raise ValidationError({"noticed_on": f"应当自收到申请之日起五个工作日内（{limit:%Y年%m月%d日}前）书面通知补正（{art}）。"})
    if not (items or "").strip():
        raise ValidationError({"items": f"请一次性列明需要补正的全部事项（{art}）。"})
    case.correction_items = items.strip()
    case.correction_noticed_on = noticed_on
    if case.is_2023:
        case.correction_supply_due = _due(rule_code(case, "correction_supply"), noticed_on)
    else:
        if not isinstance(supply_due, datetime.date) or supply_due <= noticed_on:
            raise ValidationError({"supply_due": f"请填写补正通知载明的合理补正期限（{art}）。"})
        case.correction_supply_due = supply_due
    case.notify_correction_art31()
    # The acceptance review restarts when the materials arrive (new clock, registered on supply).
    _done(actor, case, "acceptance", request_id)
    if case.is_2023:
        _register(actor, case, "correction_supply", noticed_on, "复议申请补正", request_id=request_id)
    return _save_review(actor, case, "disputes.review.correction_notice", before, request_id)


@transaction.atomic
def review_correction_supply(*, actor, case: ReviewCase, supplied_on: datetime.date, good_reason: str = "",
                             request_id: str = "") -> ReviewCase:
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    art = cite(case, "correct")
    _require_state(case, ReviewState.CORRECTING, message="该申请不在补正中")
    _require_date(supplied_on, "supplied_on", "收到补正材料日期")
    _not_before(supplied_on, case.correction_noticed_on, "supplied_on", "收到补正材料日期不能早于补正通知日期。")
    if supplied_on > case.correction_supply_due and not (good_reason or "").strip():
        raise ValidationError({"supplied_on": f"补正期限已于{case.correction_supply_due:%Y年%m月%d日}届满；无正当理由逾期不补正的，"
                                              f"视为申请人放弃行政复议申请（{art}）。有正当理由的，请填写理由。"})
    case.correction_supplied_on = supplied_on
    case.supply_correction_art31()
    dl = _register(actor, case, "acceptance", supplied_on, "复议受理审查（补正后）", suffix="补正",
                   request_id=request_id)
    case.acceptance_due = dl.due_date
    if case.is_2023:
        _done(actor, case, "correction_supply", request_id)
    return _save_review(actor, case, "disputes.review.correction_supply", before, request_id,
                        **{"逾期补正的正当理由": good_reason})


@transaction.atomic
def review_abandon(*, actor, case: ReviewCase, on: datetime.date, request_id: str = "") -> ReviewCase:
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    art = cite(case, "correct")
    _require_state(case, ReviewState.CORRECTING, message="该申请不在补正中")
    _require_date(on, "on", "记录日期")
    if on <= case.correction_supply_due:
        raise ValidationError({"on": f"补正期限至{case.correction_supply_due:%Y年%m月%d日}，尚未届满，不能视为放弃（{art}）。"})
    case.abandon_art31()
    case.outcome = ReviewOutcome.ABANDONED
    case.closed_on = on
    if case.is_2023:
        _done(actor, case, "correction_supply", request_id)
    return _save_review(actor, case, "disputes.review.abandon", before, request_id)


def _acceptance_start(case: ReviewCase) -> datetime.date:
    return case.correction_supplied_on or case.received_on


def _start_trial_clocks(actor, case: ReviewCase, request_id: str) -> None:
    """After 受理: the copy clock (2023 第四十八条/第五十四条; 2017 第二十三条) and the decision clock
    (2023 第六十二条; 2017 第三十一条), both from the acceptance date."""
    simple = case.procedure == Procedure.SIMPLE
    copy = _register(actor, case, "simple_copy" if simple else "copy", case.accepted_on, "发送复议申请书副本",
                     request_id=request_id)
    case.copy_due = copy.due_date
    dec = _register(actor, case, "simple_decision" if simple else "decision", case.accepted_on, "复议决定",
                    request_id=request_id)
    case.decision_due = dec.due_date
    for suffix in ("", "补正"):
        dl = Deadline.objects.filter(rule__code=rule_code(case, "acceptance"), target_type="disputes.reviewcase",
                                     target_id=f"{case.code}-{suffix}" if suffix else str(case.code),
                                     done_at__isnull=True).first()
        if dl:
            deadline_done(actor=actor, deadline=dl, request_id=request_id)


@transaction.atomic
def review_accept(*, actor, case: ReviewCase, accepted_on: datetime.date, procedure: str | None = None,
                  request_id: str = "") -> ReviewCase:
    """受理 within the 5-working-day review (2023 第三十条; 2017 第十七条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    art = cite(case, "accept")
    _require_state(case, ReviewState.RECEIVED, message="只有受理审查中的申请可以受理")
    _require_date(accepted_on, "accepted_on", "受理日期")
    _not_before(accepted_on, _acceptance_start(case), "accepted_on", "受理日期不能早于收到申请（或补正材料）的日期。")
    if case.late_application and not case.late_reason:
        raise ValidationError(f"申请已超过法定申请期限（{case.application_due:%Y年%m月%d日}届满，{cite(case, 'window')}），"
                              f"没有耽误期限的正当理由的，应当决定不予受理。")
    if accepted_on > case.acceptance_due:
        raise ValidationError({"accepted_on": f"受理审查期限已于{case.acceptance_due:%Y年%m月%d日}届满，依{art}已视为受理，"
                                              f"请办理“视为受理”。"})
    if procedure:
        if procedure == Procedure.SIMPLE and not case.is_2023:
            raise ValidationError({"procedure": "2017年《行政复议法》没有简易程序（见2023年修订第五十三条）。"})
        case.procedure = procedure
    case.accept_art30()
    # 2017 第十七条第二款: the application is accepted as of the day the 法制工作机构 received it.
    case.accepted_on = accepted_on if case.is_2023 else _acceptance_start(case)
    _start_trial_clocks(actor, case, request_id)
    return _save_review(actor, case, "disputes.review.accept", before, request_id)


@transaction.atomic
def review_deem_accepted(*, actor, case: ReviewCase, today: datetime.date | None = None,
                         request_id: str = "") -> ReviewCase:
    """视为受理: the review period lapsed without a 不予受理 decision. 2023 第三十条第二款: accepted from the
    day the period expired; 2017 第十七条第二款: accepted from the day of receipt."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    today = today or _today()
    art = cite(case, "accept")
    _require_state(case, ReviewState.RECEIVED, message="只有受理审查中的申请可以视为受理")
    if today <= case.acceptance_due:
        raise ValidationError(f"受理审查期限至{case.acceptance_due:%Y年%m月%d日}，尚未届满，不能视为受理（{art}）。")
    case.accept_art30()
    case.deemed_accepted = True
    case.accepted_on = case.acceptance_due if case.is_2023 else _acceptance_start(case)
    _start_trial_clocks(actor, case, request_id)
    return _save_review(actor, case, "disputes.review.deem_accept", before, request_id)


def review_sweep_deemed(*, today: datetime.date | None = None) -> int:
    """System sweep (management command ``disputes_deem``): deem accepted every application whose
    review period lapsed. Returns how many."""
    today = today or _today()
    n = 0
    for case in ReviewCase.objects.filter(state=ReviewState.RECEIVED, acceptance_due__lt=today):
        review_deem_accepted(actor=None, case=case, today=today)
        n += 1
    return n


@transaction.atomic
def review_reject(*, actor, case: ReviewCase, rejected_on: datetime.date, reason: str,
                  request_id: str = "") -> ReviewCase:
    """不予受理, only within the review period (2023 第三十条; 2017 第十七条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    art = cite(case, "accept")
    _require_state(case, ReviewState.RECEIVED, message="只有受理审查中的申请可以决定不予受理")
    _require_date(rejected_on, "rejected_on", "不予受理决定日期")
    _not_before(rejected_on, case.received_on, "rejected_on", "决定日期不能早于收到申请日期。")
    if rejected_on > case.acceptance_due:
        raise ValidationError({"rejected_on": f"不予受理决定应当在审查期限内作出（{art}）；期限已于{case.acceptance_due:%Y年%m月%d日}"
                                              f"届满，申请已视为受理。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": f"请填写不予受理的理由（{art}）。"})
    case.reject_art30()
    case.rejected_on = case.closed_on = rejected_on
    case.rejection_reason = reason.strip()
    case.outcome = ReviewOutcome.NOT_ACCEPTED
    for suffix in ("", "补正"):
        dl = Deadline.objects.filter(rule__code=rule_code(case, "acceptance"), target_type="disputes.reviewcase",
                                     target_id=f"{case.code}-{suffix}" if suffix else str(case.code),
                                     done_at__isnull=True).first()
        if dl:
            deadline_done(actor=actor, deadline=dl, request_id=request_id)
    return _save_review(actor, case, "disputes.review.reject", before, request_id)


@transaction.atomic
def review_send_copy(*, actor, case: ReviewCase, sent_on: datetime.date, received_on: datetime.date | None = None,
                     request_id: str = "") -> ReviewCase:
    """副本发送 (7 WD, 简易 3 WD) and the respondent's reply clock from its receipt (2023 第四十八条: 10 WD;
    第五十四条: 5 WD; 2017 第二十三条: 10 calendar days)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    _require_state(case, ReviewState.ACCEPTED, ReviewState.SUSPENDED, message="受理后才能发送申请书副本")
    if case.copy_sent_on:
        raise ValidationError("已登记发送申请书副本。")
    _require_date(sent_on, "sent_on", "发送日期")
    _not_before(sent_on, case.accepted_on, "sent_on", "发送日期不能早于受理日期。")
    received_on = received_on or sent_on
    if received_on < sent_on:
        raise ValidationError({"received_on": "被申请人收到日期不能早于发送日期。"})
    case.copy_sent_on, case.copy_received_on = sent_on, received_on
    simple = case.procedure == Procedure.SIMPLE
    _done(actor, case, "simple_copy" if simple else "copy", request_id)
    dl = _register(actor, case, "simple_reply" if simple else "reply", received_on, "被申请人书面答复",
                   request_id=request_id)
    case.reply_due = dl.due_date
    return _save_review(actor, case, "disputes.review.copy", before, request_id)


def late_reply_consequence(case: ReviewCase) -> str:
    return (f"被申请人逾期未提出书面答复、提交证据依据的，视为该行政行为没有证据、依据，应当决定撤销、部分撤销、"
            f"确认违法、确认无效或者责令履行（{cite(case, 'late_reply')}）；涉及第三人合法权益且第三人提供证据的除外。")


def reply_overdue(case: ReviewCase, today: datetime.date | None = None) -> bool:
    today = today or _today()
    if case.reply_late:
        return True
    return bool(case.reply_due and not case.reply_received_on and today > case.reply_due)


@transaction.atomic
def review_record_reply(*, actor, case: ReviewCase, received_on: datetime.date, request_id: str = "") -> ReviewCase:
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    if not case.copy_sent_on:
        raise ValidationError("请先登记发送申请书副本。")
    if case.reply_received_on:
        raise ValidationError("已登记收到书面答复。")
    _require_date(received_on, "received_on", "收到答复日期")
    _not_before(received_on, case.copy_received_on, "received_on", "收到答复日期不能早于被申请人收到副本日期。")
    case.reply_received_on = received_on
    case.reply_late = received_on > case.reply_due
    simple = case.procedure == Procedure.SIMPLE
    _done(actor, case, "simple_reply" if simple else "reply", request_id)
    return _save_review(actor, case, "disputes.review.reply", before, request_id, **{"逾期答复": case.reply_late})


@transaction.atomic
def review_notice_hearing(*, actor, case: ReviewCase, noticed_on: datetime.date, hearing_on: datetime.date,
                          request_id: str = "") -> ReviewCase:
    """听证 noticed at least five working days before it is held (2023 第五十条、第八十八条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    _require_state(case, ReviewState.ACCEPTED, message="受理后、作出决定前才能组织听证")
    _require_date(noticed_on, "noticed_on", "听证通知日期")
    if not isinstance(hearing_on, datetime.date) or hearing_on <= noticed_on:
        raise ValidationError({"hearing_on": "听证日期应晚于通知日期。"})
    if case.is_2023:
        try:
            earliest = get_calendar().add_working_days(noticed_on, 5)
        except MissingHolidayData as exc:
            raise ValidationError(str(exc)) from exc
        if hearing_on < earliest:
            raise ValidationError({"hearing_on": f"应当于举行听证的五日前（工作日）将听证的时间、地点和拟听证事项书面通知当事人"
                                                 f"（{cite(case, 'hearing')}）：{noticed_on:%Y年%m月%d日}通知的，"
                                                 f"听证最早在{earliest:%Y年%m月%d日}。"})
    case.hearing_noticed_on, case.hearing_on = noticed_on, hearing_on
    return _save_review(actor, case, "disputes.review.hearing", before, request_id)


def _decision_deadlines(case: ReviewCase) -> list[Deadline]:
    keys = ["simple_decision" if case.procedure == Procedure.SIMPLE else "decision"]
    if case.extension_days:
        keys.append("extension")
    return [dl for dl in (_review_deadline(case, k) for k in keys) if dl is not None and not dl.done_at]


@transaction.atomic
def review_suspend(*, actor, case: ReviewCase, on: datetime.date, reason: str, request_id: str = "") -> ReviewCase:
    """中止 (2023 第三十九条; 2017 实施条例第四十一条): the decision clock stops from ``on``."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    art = cite(case, "suspend")
    _require_state(case, ReviewState.ACCEPTED, message="只有审理中的案件可以中止")
    _require_date(on, "on", "中止日期")
    if on <= case.accepted_on:
        raise ValidationError({"on": "中止日期应晚于受理日期。"})
    if case.decision_due and on > case.decision_due:
        # A pause that starts after the decision date would move an overdue date and hide the overdue case.
        raise ValidationError({"on": f"复议决定期限已于{case.decision_due:%Y年%-m月%-d日}届满，不能再中止审理"
                                     f"（{art}：中止发生在行政复议期间）。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": f"请写明中止的事由（{art}），并书面告知当事人。"})
    case.suspend_art39()
    case.suspended_on, case.suspension_reason, case.resumed_on = on, reason.strip(), None
    for dl in _decision_deadlines(case):
        if dl.start_date < on:
            deadline_pause(actor=actor, deadline=dl, on=on, reason=f"行政复议中止：{reason.strip()}",
                           request_id=request_id)
        # An approved extension that has not started yet (it runs from the original last day) is
        # shifted by the paused days on resume instead.
    return _save_review(actor, case, "disputes.review.suspend", before, request_id)


@transaction.atomic
def review_resume(*, actor, case: ReviewCase, on: datetime.date, request_id: str = "") -> ReviewCase:
    """恢复审理: the clock restarts on ``on``; the paused days [中止日, 恢复日 − 1] move the decision date."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    _require_state(case, ReviewState.SUSPENDED, message="只有中止中的案件可以恢复审理")
    _require_date(on, "on", "恢复审理日期")
    if on <= case.suspended_on:
        raise ValidationError({"on": "恢复审理日期应晚于中止日期。"})
    case.resume_art39()
    case.resumed_on = on
    case.suspended_days += (on - case.suspended_on).days
    paused_days = (on - case.suspended_on).days
    for dl in _decision_deadlines(case):
        if open_pause(dl):
            dl = deadline_resume(actor=actor, deadline=dl, on=on, request_id=request_id)
        elif dl.rule.code == rule_code(case, "extension"):
            dl = _register(actor, case, "extension", dl.start_date + datetime.timedelta(days=paused_days),
                           "复议决定（延长后最长期限）", request_id=request_id)
        if dl.rule.code != rule_code(case, "extension"):
            case.decision_due = dl.due_date
    if case.extension_days:
        case.decision_due = _extended_due(case, _review_deadline(case, "extension"))
    return _save_review(actor, case, "disputes.review.resume", before, request_id)


@transaction.atomic
def review_pre_mediation(*, actor, case: ReviewCase, status: str, request_id: str = "") -> ReviewCase:
    """Record the 前置调解 (2023 第五条、第七十三条; 2017 实施条例第五十条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    _require_state(case, ReviewState.ACCEPTED, ReviewState.SUSPENDED, message="受理后、作出决定前才能调解")
    if status not in PreMediation.values or not status:
        raise ValidationError({"status": "请选择调解情况。"})
    case.pre_mediation = status
    return _save_review(actor, case, "disputes.review.mediation", before, request_id)


def _extended_due(case: ReviewCase, ext: Deadline | None) -> datetime.date:
    """Approved extension (≤ 30 days) counted from the original period's last day, rolled forward."""
    base = ext.start_date if ext else case.decision_due
    pauses = []
    if ext:
        pauses = [(datetime.date.fromisoformat(p["from"]), datetime.date.fromisoformat(p["to"]))
                  for p in ext.pauses or [] if p.get("to")]
    try:
        return get_calendar().compute(base, case.extension_days, "calendar_days", roll_forward=True, pauses=pauses).due
    except MissingHolidayData as exc:
        raise ValidationError(str(exc)) from exc


@transaction.atomic
def review_extend(*, actor, case: ReviewCase, days: int, approved_by: str, on: datetime.date,
                  request_id: str = "") -> ReviewCase:
    """延长 at most 30 days, approved by the 行政复议机构负责人 (2023 第六十二条第一款; 2017 第三十一条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    art = cite(case, "decide")
    _require_state(case, ReviewState.ACCEPTED, message="只有审理中的案件可以延长审理期限")
    if case.procedure == Procedure.SIMPLE:
        raise ValidationError(f"简易程序应当自受理之日起三十日内作出决定，不能延长；案情复杂的可以转为普通程序（{cite(case, 'convert')}）。")
    if case.extension_days:
        raise ValidationError(f"该案已延长过审理期限，延长期限最多不得超过三十日（{art}）。")
    if not isinstance(days, int) or not 1 <= days <= 30:
        raise ValidationError({"days": f"延长期限最多不得超过三十日（{art}）。"})
    if not (approved_by or "").strip():
        raise ValidationError({"approved_by": f"延长应当经行政复议机构的负责人批准（{art}），请填写批准人。"})
    _require_date(on, "on", "批准日期")
    if on > case.decision_due:
        raise ValidationError({"on": f"审理期限已于{case.decision_due:%Y年%m月%d日}届满，不能再批准延长（{art}）。"})
    original = case.decision_due
    case.extension_days, case.extension_approved_by = days, approved_by.strip()
    _done(actor, case, "decision", request_id)
    ext = _register(actor, case, "extension", original, "复议决定（延长后最长期限）", request_id=request_id)
    case.decision_due = _extended_due(case, ext)
    return _save_review(actor, case, "disputes.review.extend", before, request_id)


def _close_clocks(actor, case: ReviewCase, request_id: str) -> None:
    for key in ("decision", "simple_decision", "extension", "copy", "simple_copy", "reply", "simple_reply"):
        if key in RULES[case.law_version]:
            _done(actor, case, key, request_id)


@transaction.atomic
def review_decide(*, actor, case: ReviewCase, decided_on: datetime.date, decision_type: str, summary: str = "",
                  third_party_evidence: bool = False, request_id: str = "") -> ReviewCase:
    """复议决定 of one of the types of 2023 第六十三条至第七十二条 (2017 第二十八条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    _require_state(case, ReviewState.ACCEPTED, message="只有审理中的案件可以作出复议决定（中止的请先恢复审理）")
    _require_date(decided_on, "decided_on", "决定日期")
    _not_before(decided_on, case.accepted_on, "decided_on", "决定日期不能早于受理日期。")
    if decision_type not in DecisionType.values:
        raise ValidationError({"decision_type": f"请选择复议决定类型（{cite(case, 'types')}）。"})
    if not case.is_2023 and decision_type not in TYPES_2017:
        raise ValidationError({"decision_type": f"2017年《行政复议法》没有该决定类型（{cite(case, 'types')}）。"})
    if (reply_overdue(case, decided_on) and decision_type in (DecisionType.UPHOLD, DecisionType.DISMISS_CLAIM)
            and not third_party_evidence):
        raise ValidationError({"decision_type": late_reply_consequence(case)})
    case.decide_art62()
    case.decided_on = case.closed_on = decided_on
    case.decision_type = decision_type
    case.summary = (summary or "").strip()
    _close_clocks(actor, case, request_id)
    late = bool(case.decision_due and decided_on > case.decision_due)
    return _save_review(actor, case, "disputes.review.decide", before, request_id, **{"超过决定期限": late})


@transaction.atomic
def review_mediate(*, actor, case: ReviewCase, on: datetime.date, summary: str = "", request_id: str = "") -> ReviewCase:
    """调解书 signed by the parties (2023 第七十三条; 2017 实施条例第五十条): the case closes."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    _require_state(case, ReviewState.ACCEPTED, ReviewState.SUSPENDED, message="受理后、作出决定前才能调解结案")
    _require_date(on, "on", "调解书生效日期")
    _not_before(on, case.accepted_on, "on", "调解日期不能早于受理日期。")
    case.mediate_art73()
    case.pre_mediation = PreMediation.AGREED
    case.outcome = ReviewOutcome.MEDIATION
    case.closed_on = on
    case.summary = (summary or "").strip()
    _close_clocks(actor, case, request_id)
    return _save_review(actor, case, "disputes.review.mediate", before, request_id)


@transaction.atomic
def review_terminate(*, actor, case: ReviewCase, on: datetime.date, outcome: str, summary: str = "",
                     request_id: str = "") -> ReviewCase:
    """终止 (2023 第四十一条; 2017 实施条例第四十二条), incl. withdrawal after 和解 (2023 第七十四条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    _require_state(case, ReviewState.ACCEPTED, ReviewState.SUSPENDED, message="受理后、作出决定前才能终止")
    if outcome not in (ReviewOutcome.SETTLEMENT, ReviewOutcome.WITHDRAWN, ReviewOutcome.TERMINATED):
        raise ValidationError({"outcome": f"请选择终止的情形（{cite(case, 'terminate')}）。"})
    _require_date(on, "on", "终止日期")
    _not_before(on, case.accepted_on, "on", "终止日期不能早于受理日期。")
    if not (summary or "").strip():
        raise ValidationError({"summary": f"请写明终止的事由（{cite(case, 'terminate')}）。"})
    case.terminate_art41()
    if outcome == ReviewOutcome.SETTLEMENT:
        case.pre_mediation = PreMediation.AGREED
    case.outcome = outcome
    case.closed_on = on
    case.summary = summary.strip()
    _close_clocks(actor, case, request_id)
    return _save_review(actor, case, "disputes.review.terminate", before, request_id)


@transaction.atomic
def review_dismiss(*, actor, case: ReviewCase, on: datetime.date, reason: str, request_id: str = "") -> ReviewCase:
    """驳回申请: accepted, then found not to meet the conditions (2023 第三十三条; 2017 实施条例第四十八条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    _require_state(case, ReviewState.ACCEPTED, message="只有审理中的案件可以驳回申请")
    _require_date(on, "on", "驳回日期")
    _not_before(on, case.accepted_on, "on", "驳回日期不能早于受理日期。")
    if not (reason or "").strip():
        raise ValidationError({"reason": f"请写明驳回申请的理由（{cite(case, 'dismiss')}）。"})
    case.dismiss_art33()
    case.outcome = ReviewOutcome.DISMISSED
    case.closed_on = on
    case.summary = reason.strip()
    _close_clocks(actor, case, request_id)
    return _save_review(actor, case, "disputes.review.dismiss", before, request_id)


@transaction.atomic
def review_issue_opinion(*, actor, case: ReviewCase, issued_on: datetime.date, recipient: Organization,
                         request_id: str = "") -> ReviewCase:
    """行政复议意见书: the recipient reports its correction within 60 days (2023 第七十六条; 2017 实施条例第五十七条)."""
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    if case.state in (ReviewState.RECEIVED, ReviewState.CORRECTING, ReviewState.REJECTED, ReviewState.ABANDONED):
        raise ValidationError(f"受理后才能制发行政复议意见书（{cite(case, 'opinion')}）。")
    if case.opinion_issued_on:
        raise ValidationError("该案已制发行政复议意见书。")
    _require_date(issued_on, "issued_on", "制发日期")
    _not_before(issued_on, case.accepted_on, "issued_on", "制发日期不能早于受理日期。")
    if recipient is None:
        raise ValidationError({"recipient": "请选择意见书接收机关。"})
    case.opinion_issued_on, case.opinion_recipient = issued_on, recipient
    dl = _register(actor, case, "opinion", issued_on, "行政复议意见书落实情况报告", suffix="意见书", request_id=request_id)
    case.opinion_due = dl.due_date
    return _save_review(actor, case, "disputes.review.opinion", before, request_id)


@transaction.atomic
def review_opinion_reported(*, actor, case: ReviewCase, on: datetime.date, request_id: str = "") -> ReviewCase:
    _require_write(actor, case.organization)
    case = _lock(ReviewCase, case)
    before = snapshot(case, REVIEW_FIELDS)
    if not case.opinion_issued_on:
        raise ValidationError("该案未制发行政复议意见书。")
    if case.opinion_reported_on:
        raise ValidationError("已登记收到落实情况报告。")
    _require_date(on, "on", "收到报告日期")
    _not_before(on, case.opinion_issued_on, "on", "收到报告日期不能早于意见书制发日期。")
    case.opinion_reported_on = on
    dl = _review_deadline(case, "opinion")
    if dl and not dl.done_at:
        deadline_done(actor=actor, deadline=dl, request_id=request_id)
    return _save_review(actor, case, "disputes.review.opinion_report", before, request_id,
                        **{"逾期报告": on > case.opinion_due})


# ---------------------------------------------------------------------------------------------- 行政应诉
LIT_FIELDS = ["case_number", "court", "instance", "plaintiff", "act", "complaint_received_on", "answer_due",
              "answer_filed_on", "outcome", "judged_on", "appellant", "appealed_on", "notes"]
HEARING_FIELDS = ["held_on", "appearance", "head_name", "head_post", "delegate_name", "lawyer_name",
                  "absence_reason", "reason_in_writing"]


def normalize_case_number(value: str) -> str:
    return validate_case_number(value or "")["value"]


@transaction.atomic
def litigation_create(*, actor, organization: Organization, case_number: str, court: str, plaintiff: str, act: str,
                      complaint_received_on: datetime.date, instance: str = "first", notes: str = "",
                      request_id: str = "") -> LitigationCase:
    """A suit against ``organization``; the answer and evidence are due 15 days after receipt of the
    complaint copy (行政诉讼法第六十七条第一款)."""
    _require_write(actor, organization)
    try:
        number = normalize_case_number(case_number)
    except ValidationError as exc:
        raise ValidationError({"case_number": exc.messages}) from exc
    _require_date(complaint_received_on, "complaint_received_on", "收到起诉状副本日期")
    if LitigationCase.objects.filter(case_number=number).exists():
        raise ValidationError({"case_number": f"案号“{number}”已登记。"})
    case = LitigationCase(organization=organization, case_number=number, court=(court or "").strip(),
                          plaintiff=(plaintiff or "").strip(), act=(act or "").strip(),
                          complaint_received_on=complaint_received_on, instance=instance, notes=(notes or "").strip())
    case.answer_due = _due("litigation.answer", complaint_received_on)
    case.full_clean()
    case.save()
    from django.urls import reverse

    deadline_register(actor=actor, organization=organization, rule_code="litigation.answer", target=case,
                      title=f"行政应诉答辩举证：{number}", url=reverse("disputes:litigation_detail", kwargs={"code": case.code}),
                      start_date=complaint_received_on, request_id=request_id)
    audit_log(actor=actor, action="disputes.litigation.create", target=case, organization=organization,
              data={"after": _created(case, LIT_FIELDS)}, request_id=request_id)
    return case


@transaction.atomic
def litigation_file_answer(*, actor, case: LitigationCase, filed_on: datetime.date, request_id: str = "") -> LitigationCase:
    _require_write(actor, case.organization)
    case = _lock(LitigationCase, case)
    before = snapshot(case, LIT_FIELDS)
    if case.answer_filed_on:
        raise ValidationError("已登记提交答辩状和证据。")
    _require_date(filed_on, "filed_on", "提交日期")
    _not_before(filed_on, case.complaint_received_on, "filed_on", "提交日期不能早于收到起诉状副本日期。")
    case.answer_filed_on = filed_on
    case.full_clean()
    case.save()
    dl = Deadline.objects.filter(rule__code="litigation.answer", target_type="disputes.litigationcase",
                                 target_id=str(case.code), done_at__isnull=True).first()
    if dl:
        deadline_done(actor=actor, deadline=dl, request_id=request_id)
    audit_log(actor=actor, action="disputes.litigation.answer", target=case, organization=case.organization,
              data={"changes": diff(before, snapshot(case, LIT_FIELDS)), "逾期答辩": filed_on > case.answer_due},
              request_id=request_id)
    return case


JS = "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》"
CTGD = "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"


@transaction.atomic
def litigation_add_hearing(*, actor, case: LitigationCase, held_on: datetime.date, appearance: str,
                           head_name: str = "", head_post: str = "", delegate_name: str = "", lawyer_name: str = "",
                           absence_reason: str = "", reason_in_writing: bool = False,
                           request_id: str = "") -> LitigationHearing:
    """开庭 and who appeared: the 负责人 (正职、副职或者分管负责人, 解释第一百二十八条); if not, a 委托 staff
    member with a written reason signed or sealed by the 主要负责人 (解释第一百二十九条, 出庭规定第九条).
    "Only a lawyer" is recorded and flagged (解释第一百二十八条第二款、第一百三十二条)."""
    _require_write(actor, case.organization)
    # Who appeared is known only once the hearing has been held (a future date would count in 出庭应诉率).
    _require_date(held_on, "held_on", "开庭日期")
    if held_on < case.complaint_received_on:
        raise ValidationError({"held_on": "开庭日期不能早于收到起诉状副本日期。"})
    if appearance not in Appearance.values:
        raise ValidationError({"appearance": "请选择出庭情况。"})
    head_name, head_post = (head_name or "").strip(), (head_post or "").strip()
    delegate_name, lawyer_name = (delegate_name or "").strip(), (lawyer_name or "").strip()
    absence_reason = (absence_reason or "").strip()
    if appearance in HEAD_APPEARANCES:
        if not head_name or not head_post:
            raise ValidationError({"head_name": f"请填写出庭负责人的姓名和职务（{JS}第一百二十八条，{CTGD}第六条）。"})
    else:
        if appearance == Appearance.DELEGATE and not delegate_name:
            raise ValidationError({"delegate_name": f"负责人不能出庭的，应当委托行政机关相应的工作人员出庭"
                                                    f"（《行政诉讼法》第三条第三款），请填写受委托工作人员。"})
        if appearance == Appearance.LAWYER_ONLY and not lawyer_name:
            raise ValidationError({"lawyer_name": "请填写出庭律师。"})
        # A written reason excuses the head's absence only when a staff member was sent (解释第一百二十九条):
        # "仅律师出庭" and "无人出庭" have no lawful excuse (第一百二十八条第二款 "不得仅委托律师出庭") and are
        # recorded as they happened, reason or not, so that they are flagged and counted.
        if appearance == Appearance.DELEGATE and not absence_reason:
            raise ValidationError({"absence_reason": f"负责人不能出庭的，应当向人民法院书面说明理由（{JS}第一百二十九条，"
                                                     f"{CTGD}第八条、第九条），请填写理由。"})
    hearing = LitigationHearing(
        organization=case.organization, case=case, held_on=held_on, appearance=appearance, head_name=head_name,
        head_post=head_post, delegate_name=delegate_name, lawyer_name=lawyer_name, absence_reason=absence_reason,
        reason_in_writing=bool(reason_in_writing) and appearance not in HEAD_APPEARANCES,
    )
    hearing.full_clean()
    hearing.save()
    audit_log(actor=actor, action="disputes.litigation.hearing", target=case, organization=case.organization,
              data={"after": _labelled(hearing, HEARING_FIELDS), "仅律师出庭": hearing.lawyer_only},
              request_id=request_id)
    return hearing


@transaction.atomic
def litigation_set_outcome(*, actor, case: LitigationCase, outcome: str, judged_on: datetime.date | None,
                           appellant: str = "", appealed_on: datetime.date | None = None,
                           request_id: str = "") -> LitigationCase:
    """Judgment (败诉 counted for 败诉率) and appeal (行政诉讼法第八十五条: 15 days for a judgment)."""
    _require_write(actor, case.organization)
    case = _lock(LitigationCase, case)
    before = snapshot(case, LIT_FIELDS)
    if outcome not in LitigationOutcome.values or not outcome:
        raise ValidationError({"outcome": "请选择裁判结果。"})
    _require_date(judged_on, "judged_on", "裁判日期")
    _not_before(judged_on, case.complaint_received_on, "judged_on", "裁判日期不能早于收到起诉状副本日期。")
    if appellant not in Appellant.values:
        raise ValidationError({"appellant": "请选择上诉情况。"})
    if appellant:
        _require_date(appealed_on, "appealed_on", "上诉日期")
        _not_before(appealed_on, judged_on, "appealed_on", "上诉日期不能早于裁判日期。")
    else:
        appealed_on = None
    case.outcome, case.judged_on, case.appellant, case.appealed_on = outcome, judged_on, appellant, appealed_on
    case.full_clean()
    case.save()
    audit_log(actor=actor, action="disputes.litigation.outcome", target=case, organization=case.organization,
              data={"changes": diff(before, snapshot(case, LIT_FIELDS))}, request_id=request_id)
    return case


# ---------------------------------------------------------------------------------------------- 调解
ROOM_FIELDS = ["name", "kind", "court", "established_on", "members", "is_public"]
MED_FIELDS = ["room", "kind", "dispute_type", "parties", "summary", "mediator", "complex_case", "received_on",
              "settle_due", "status", "closed_on", "agreement_form", "amount", "performed", "confirmation_applied_on",
              "confirmed", "followup_on", "followup_note"]
TJF = "《人民调解法》"
RJGD = "《人民调解工作若干规定》"


@transaction.atomic
def room_create(*, actor, organization: Organization, name: str, kind: str, court: str = "",
                established_on: datetime.date | None = None, members: str = "", is_public: bool = True,
                request_id: str = "") -> MediationRoom:
    _require_write(actor, organization)
    room = MediationRoom(organization=organization, name=(name or "").strip(), kind=kind, court=(court or "").strip(),
                         established_on=established_on, members=(members or "").strip(), is_public=is_public)
    if kind == "presuit" and not room.court:
        raise ValidationError({"court": "诉前调解室请填写所在的人民法院派出法庭。"})
    if MediationRoom.objects.filter(organization=organization, name=room.name).exists():
        raise ValidationError({"name": "本单位已有同名调解组织。"})
    room.full_clean()
    room.save()
    audit_log(actor=actor, action="disputes.room.create", target=room, organization=organization,
              data={"after": _created(room, ROOM_FIELDS)}, request_id=request_id)
    return room


def _build_mediation(room: MediationRoom, data: dict[str, Any]) -> MediationCase:
    """Validate one dispute exactly as the form does (shared by the single and the bulk path)."""
    case = MediationCase(organization=room.organization, room=room, kind=ROOM_TO_KIND[room.kind])
    for f in ("dispute_type", "parties", "summary", "mediator", "complex_case", "received_on", "status",
              "closed_on", "agreement_form", "amount", "performed", "followup_on", "followup_note"):
        if f in data:
            value = data[f]
            setattr(case, f, value.strip() if isinstance(value, str) else value)
    _check_mediation(case)
    return case


def _check_mediation(case: MediationCase) -> None:
    if not isinstance(case.received_on, datetime.date):
        raise ValidationError({"received_on": "请填写受理日期。"})
    if case.received_on > _today():
        raise ValidationError({"received_on": "受理日期不能晚于今天。"})
    if case.room.established_on and case.received_on < case.room.established_on:
        raise ValidationError({"received_on": f"受理日期早于调解组织成立日期（{case.room.established_on:%Y年%m月%d日}）。"})
    if case.status == MediationStatus.OPEN:
        case.closed_on = None
        case.agreement_form = ""
        return
    if not isinstance(case.closed_on, datetime.date):
        raise ValidationError({"closed_on": "请填写调结日期。"})
    if case.closed_on < case.received_on:
        raise ValidationError({"closed_on": "调结日期不能早于受理日期。"})
    if case.closed_on > _today():
        raise ValidationError({"closed_on": "调结日期不能晚于今天。"})
    if case.status == MediationStatus.SUCCESS and not case.agreement_form:
        raise ValidationError({"agreement_form": f"调解成功的，应当制作调解协议书或者记录口头协议内容（{TJF}第二十八条）。"})
    if case.status != MediationStatus.SUCCESS:
        if case.agreement_form:
            raise ValidationError({"agreement_form": f"调解不成的，应当终止调解（{TJF}第二十六条），没有调解协议。"})
        case.performed = False
    if case.amount is not None and case.amount < 0:
        raise ValidationError({"amount": "金额不能为负数。"})


@transaction.atomic
def mediation_create(*, actor, room: MediationRoom, data: dict[str, Any], register_deadline: bool = True,
                     request_id: str = "") -> MediationCase:
    """Register a dispute; an open one gets the one-month handling period (人民调解工作若干规定第三十三条)."""
    _require_write(actor, room.organization)
    case = _build_mediation(room, data)
    if case.status == MediationStatus.OPEN:
        case.settle_due = _due("mediation.settle", case.received_on)
    case.full_clean()
    case.save()
    if case.status == MediationStatus.OPEN and register_deadline:
        from django.urls import reverse

        deadline_register(actor=actor, organization=case.organization, rule_code="mediation.settle", target=case,
                          title=f"调解调结：{case.parties}"[:200],
                          url=reverse("disputes:mediation_detail", kwargs={"code": case.code}),
                          start_date=case.received_on, request_id=request_id)
    audit_log(actor=actor, action="disputes.mediation.create", target=case, organization=case.organization,
              data={"after": _created(case, MED_FIELDS)}, request_id=request_id)
    return case


@transaction.atomic
def mediation_bulk_create(*, actor, room: MediationRoom, rows: list[dict[str, Any]], request_id: str = "",
                          note: str = "") -> int:
    """Many closed disputes at once (demo, ledger import): every row through the same checks, one audit event."""
    _require_write(actor, room.organization)
    objs = []
    for i, data in enumerate(rows, start=1):
        try:
            case = _build_mediation(room, data)
            case.full_clean(exclude=["organization", "room"], validate_unique=False)
        except ValidationError as exc:
            raise ValidationError(f"第{i}条：{'；'.join(exc.messages)}") from exc
        objs.append(case)
    MediationCase.objects.bulk_create(objs, batch_size=500)
    total = sum((o.amount or Decimal("0")) for o in objs)
    audit_log(actor=actor, action="disputes.mediation.bulk_create", target=room, organization=room.organization,
              data={"条数": len(objs), "金额合计（元）": str(total), "疑难复杂": sum(o.complex_case for o in objs),
                    "说明": note}, request_id=request_id)
    return len(objs)


@transaction.atomic
def mediation_close(*, actor, case: MediationCase, status: str, closed_on: datetime.date, agreement_form: str = "",
                    amount: Decimal | None = None, performed: bool = False, request_id: str = "") -> MediationCase:
    _require_write(actor, case.organization)
    case = _lock(MediationCase, case)
    before = snapshot(case, MED_FIELDS)
    if case.status != MediationStatus.OPEN:
        raise ValidationError("该纠纷已调结。")
    if status not in MediationStatus.values or status == MediationStatus.OPEN:
        raise ValidationError({"status": "请选择调解结果。"})
    case.status, case.closed_on, case.agreement_form = status, closed_on, agreement_form or ""
    case.amount, case.performed = amount, performed
    _check_mediation(case)
    case.full_clean()
    case.save()
    dl = Deadline.objects.filter(rule__code="mediation.settle", target_type="disputes.mediationcase",
                                 target_id=str(case.code), done_at__isnull=True).first()
    if dl:
        deadline_done(actor=actor, deadline=dl, request_id=request_id)
    audit_log(actor=actor, action="disputes.mediation.close", target=case, organization=case.organization,
              data={"changes": diff(before, snapshot(case, MED_FIELDS))}, request_id=request_id)
    return case


def confirmation_due(case: MediationCase) -> datetime.date | None:
    """司法确认: within 30 days of the agreement taking effect (人民调解法第三十三条)."""
    if case.status != MediationStatus.SUCCESS or not case.closed_on:
        return None
    return _due("mediation.judicial_confirmation", case.closed_on)


@transaction.atomic
def mediation_confirmation(*, actor, case: MediationCase, applied_on: datetime.date, confirmed: bool = False,
                           request_id: str = "") -> MediationCase:
    _require_write(actor, case.organization)
    case = _lock(MediationCase, case)
    before = snapshot(case, MED_FIELDS)
    if case.status != MediationStatus.SUCCESS:
        raise ValidationError(f"只有达成调解协议的纠纷可以申请司法确认（{TJF}第三十三条）。")
    _require_date(applied_on, "applied_on", "申请司法确认日期")
    _not_before(applied_on, case.closed_on, "applied_on", "申请日期不能早于调解协议生效日期。")
    due = confirmation_due(case)
    if applied_on > due:
        raise ValidationError({"applied_on": f"应当自调解协议生效之日起三十日内共同向人民法院申请司法确认（{TJF}第三十三条），"
                                             f"期限已于{due:%Y年%m月%d日}届满。"})
    case.confirmation_applied_on, case.confirmed = applied_on, bool(confirmed)
    case.full_clean()
    case.save()
    audit_log(actor=actor, action="disputes.mediation.confirmation", target=case, organization=case.organization,
              data={"changes": diff(before, snapshot(case, MED_FIELDS))}, request_id=request_id)
    return case


@transaction.atomic
def mediation_followup(*, actor, case: MediationCase, on: datetime.date, note: str, performed: bool | None = None,
                       request_id: str = "") -> MediationCase:
    """回访: the committee supervises performance (人民调解法第三十一条)."""
    _require_write(actor, case.organization)
    case = _lock(MediationCase, case)
    before = snapshot(case, MED_FIELDS)
    if case.status == MediationStatus.OPEN:
        raise ValidationError("调结后才能回访。")
    _require_date(on, "on", "回访日期")
    _not_before(on, case.closed_on, "on", "回访日期不能早于调结日期。")
    if not (note or "").strip():
        raise ValidationError({"note": "请填写回访情况。"})
    case.followup_on, case.followup_note = on, note.strip()
    if performed is not None and case.status == MediationStatus.SUCCESS:
        case.performed = performed
    case.full_clean()
    case.save()
    audit_log(actor=actor, action="disputes.mediation.followup", target=case, organization=case.organization,
              data={"changes": diff(before, snapshot(case, MED_FIELDS))}, request_id=request_id)
    return case


@transaction.atomic
def consultation_create(*, actor, room: MediationRoom, on: datetime.date, people: int, topic: str = "",
                        answered_by: str = "", request_id: str = "") -> MediationConsultation:
    _require_write(actor, room.organization)
    _require_date(on, "on", "咨询日期")
    c = MediationConsultation(organization=room.organization, room=room, on=on, people=people,
                              topic=(topic or "").strip(), answered_by=(answered_by or "").strip())
    c.full_clean()
    c.save()
    audit_log(actor=actor, action="disputes.consultation.create", target=c, organization=room.organization,
              data={"room": room.name, "on": on, "people": people, "topic": c.topic}, request_id=request_id)
    return c


# ---------------------------------------------------------------------------------------------- 劳动仲裁
ARB_FIELDS = ["number", "applicant", "workers", "migrant_workers", "employer", "claim", "received_on", "result",
              "closed_on", "amount_recovered", "documents_written"]


@transaction.atomic
def arbitration_create(*, actor, organization: Organization, data: dict[str, Any], request_id: str = "") -> ArbitrationCase:
    _require_write(actor, organization)
    case = ArbitrationCase(organization=organization)
    for f in ARB_FIELDS:
        if f in data and data[f] is not None:
            value = data[f]
            setattr(case, f, value.strip() if isinstance(value, str) else value)
    _require_date(case.received_on, "received_on", "受理日期")
    if case.result:
        _require_date(case.closed_on, "closed_on", "结案日期")
        _not_before(case.closed_on, case.received_on, "closed_on", "结案日期不能早于受理日期。")
    elif case.closed_on:
        raise ValidationError({"result": "填写了结案日期的，请选择结案方式。"})
    if ArbitrationCase.objects.filter(organization=organization, number=case.number).exists():
        raise ValidationError({"number": f"案号“{case.number}”已登记。"})
    case.full_clean()
    case.save()
    audit_log(actor=actor, action="disputes.arbitration.create", target=case, organization=organization,
              data={"after": _created(case, ARB_FIELDS)}, request_id=request_id)
    return case


@transaction.atomic
def arbitration_close(*, actor, case: ArbitrationCase, result: str, closed_on: datetime.date,
                      amount_recovered: Decimal | None = None, request_id: str = "") -> ArbitrationCase:
    _require_write(actor, case.organization)
    case = _lock(ArbitrationCase, case)
    before = snapshot(case, ARB_FIELDS)
    if case.result:
        raise ValidationError("该案已结案。")
    if not result or result not in dict(ArbitrationCase._meta.get_field("result").choices):
        raise ValidationError({"result": "请选择结案方式。"})
    _require_date(closed_on, "closed_on", "结案日期")
    _not_before(closed_on, case.received_on, "closed_on", "结案日期不能早于受理日期。")
    case.result, case.closed_on, case.amount_recovered = result, closed_on, amount_recovered
    case.full_clean()
    case.save()
    audit_log(actor=actor, action="disputes.arbitration.close", target=case, organization=case.organization,
              data={"changes": diff(before, snapshot(case, ARB_FIELDS))}, request_id=request_id)
    return case


# ---------------------------------------------------------------------------------------------- 一升两降
@transaction.atomic
def yearly_count_set(*, actor, organization: Organization, year: int, lawsuits: int, petitions: int,
                     mediations_manual: int | None = None, source: str = "", request_id: str = "") -> YearlyExternalCount:
    """Enter a year's 法院诉讼量 and 信访案件总量 (they come from the court and the 信访局)."""
    _require_write(actor, organization)
    row = YearlyExternalCount.objects.select_for_update().filter(organization=organization, year=year).first()
    fields = ["year", "lawsuits", "petitions", "mediations_manual", "source"]
    before = snapshot(row, fields) if row else {}
    row = row or YearlyExternalCount(organization=organization, year=year)
    row.lawsuits, row.petitions, row.mediations_manual = lawsuits, petitions, mediations_manual
    row.source = (source or "").strip()
    row.full_clean()
    row.save()
    audit_log(actor=actor, action="disputes.yearly.set", target=row, organization=organization,
              data={"changes": diff(before, snapshot(row, fields))}, request_id=request_id)
    return row


# ---------------------------------------------------------------------------------------------- edits
# Descriptive fields only: dates and states change through the workflow services above (each with
# its article), so an edit can never move a statutory clock.
EDITABLE = {
    ReviewCase: ("disputes.review.update", REVIEW_FIELDS, ["number", "applicant", "third_party", "act", "channel"]),
    LitigationCase: ("disputes.litigation.update", LIT_FIELDS, ["court", "plaintiff", "act", "instance", "notes"]),
    MediationCase: ("disputes.mediation.update", MED_FIELDS,
                    ["dispute_type", "parties", "summary", "mediator", "complex_case"]),
}

register_actions({"disputes.review.update": "修改行政复议案件", "disputes.mediation.update": "修改调解案件"})


@transaction.atomic
def record_update(*, actor, obj, data: dict[str, Any], request_id: str = ""):
    """Change the descriptive fields of a 复议 / 应诉 / 调解 record."""
    action, fields, editable = EDITABLE[type(obj)]
    _require_write(actor, obj.organization)
    obj = _lock(type(obj), obj)
    before = snapshot(obj, fields)
    for name in editable:
        if name in data:
            value = data[name]
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
    obj.full_clean()
    obj.save()
    changes = diff(before, snapshot(obj, fields))
    if changes:
        audit_log(actor=actor, action=action, target=obj, organization=obj.organization, data={"changes": changes},
                  request_id=request_id)
    return obj
