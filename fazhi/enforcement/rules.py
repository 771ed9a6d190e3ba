"""The statutory guards and computations of 行政执法, each message naming its article.

Pure functions over model instances (no writes): services call them and refuse with the messages;
templates show them next to the buttons. 处罚法 = 《中华人民共和国行政处罚法》(2021).
"""
from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from fazhi.core.deadlines import (
    MissingHolidayData,
    UnknownRule,
    compute_due,
    get_calendar,
)
from fazhi.enforcement.choices import (
    Category,
    PartyType,
    PenaltyKind,
    Procedure,
    ReviewConclusion,
)

CFF = "《中华人民共和国行政处罚法》"
SXZD = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"

SIMPLE_LIMIT_CITIZEN = Decimal(200)
SIMPLE_LIMIT_ORG = Decimal(3000)
SURCHARGE_RATE = Decimal("0.03")


def due(rule_code: str, start: datetime.date, pauses=()) -> datetime.date:
    """``compute_due`` with its failures as a Chinese ValidationError (never a 500)."""
    try:
        return compute_due(rule_code, start, pauses)
    except (MissingHolidayData, UnknownRule) as exc:
        raise ValidationError(str(exc)) from exc


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    try:
        return get_calendar().add_working_days(start, n)
    except MissingHolidayData as exc:
        raise ValidationError(str(exc)) from exc


# -- officers (第四十二条) ---------------------------------------------------------------------------
def officer_problems(officers, on: datetime.date, *, minimum: int = 2, what: str = "执法") -> list[str]:
    """Each named officer must hold a certificate valid on ``on``; at least ``minimum`` of them."""
    out = []
    officers = list(officers)
    for o in officers:
        if not o.valid_on(on):
            out.append(f"执法人员{o.name}（执法证号 {o.cert_no}）的执法证在 {on:%Y-%m-%d} 不在有效期内或已暂扣、注销，"
                       f"不得从事{what}（{CFF}第四十二条：执法人员应当具有行政执法资格）。")
    if len(officers) < minimum:
        out.append(f"{what}的执法人员不得少于两人（{CFF}第四十二条），当前只有 {len(officers)} 人。")
    return out


# -- 简易程序 (第五十一条) ----------------------------------------------------------------------------
def simple_procedure_problems(party_type: str, penalty_kind: str, fine: Decimal | None) -> list[str]:
    if penalty_kind == PenaltyKind.WARNING:
        return []
    limit = SIMPLE_LIMIT_CITIZEN if party_type == PartyType.CITIZEN else SIMPLE_LIMIT_ORG
    who = "公民" if party_type == PartyType.CITIZEN else "法人或者其他组织"
    if penalty_kind != PenaltyKind.FINE:
        return [f"简易程序只适用于警告或者小额罚款，{PenaltyKind(penalty_kind).label}须适用普通程序（{CFF}第五十一条）。"]
    if fine is None or fine <= 0:
        return ["请填写罚款金额。"]
    if fine > limit:
        return [f"对{who}处以{limit}元以上罚款的，不得适用简易程序（{CFF}第五十一条：对公民处以二百元以下、"
                f"对法人或者其他组织处以三千元以下罚款或者警告），本案罚款 {fine} 元，须适用普通程序。"]
    return []


# -- 追责时效 (第三十六条) ----------------------------------------------------------------------------
def limitation_warning(violation_on: datetime.date | None, filed_on: datetime.date, extended: bool) -> str:
    if violation_on is None:
        return ""
    years = 5 if extended else 2
    rule = "penalty.limitation_extended" if extended else "penalty.limitation"
    end = due(rule, violation_on)
    if filed_on > end:
        return (f"违法行为发生（终了）于 {violation_on:%Y-%m-%d}，至立案已超过{years}年追责时效（届满 {end:%Y-%m-%d}），"
                f"依法不再给予行政处罚（{CFF}第三十六条）。")
    return ""


# -- 听证 (第六十四条) --------------------------------------------------------------------------------
def hearing_problems(*, request_due, requested_on, noticed_on, hearing_on) -> list[str]:
    out = []
    if requested_on and request_due and requested_on > request_due:
        out.append(f"当事人要求听证的，应当在行政机关告知后五日内提出（{CFF}第六十四条第一项），期限至 {request_due:%Y-%m-%d}，"
                   f"{requested_on:%Y-%m-%d} 提出已逾期。")
    if noticed_on and hearing_on:
        earliest = add_working_days(noticed_on, 7)
        if hearing_on < earliest:
            out.append(f"行政机关应当在举行听证的七日前通知当事人听证的时间、地点（{CFF}第六十四条第二项、第八十五条：工作日）；"
                       f"{noticed_on:%Y-%m-%d} 通知的，听证最早于 {earliest:%Y-%m-%d} 举行。")
    if requested_on and noticed_on and noticed_on < requested_on:
        out.append("听证通知日期不能早于当事人要求听证的日期。")
    return out


# -- 法制审核 (第五十八条) ----------------------------------------------------------------------------
def review_required(case) -> bool:
    """处罚法 第五十八条 / the agency's 重大执法决定法制审核目录清单 (118号（十二）)."""
    if case.kind != Category.PENALTY or case.procedure != Procedure.ORDINARY:
        return case.is_major or bool(case.item_id and case.item.major_review)
    return bool(case.is_major or (case.item_id and case.item.major_review) or case.statement_kind == "hearing")


def reviewer_problems(case, reviewer, on: datetime.date, *, prior_reviews: int) -> list[str]:
    out = []
    if not reviewer.is_legal_reviewer:
        out.append(f"{reviewer.name}不是法制审核人员，法制审核须由本机关法制审核人员进行（{SXZD}（十一）、{CFF}第五十八条）。")
    if case.undertaking_unit and reviewer.unit == case.undertaking_unit or reviewer.pk in {o.pk for o in case.officers.all()}:
        out.append(f"法制审核人员须在案件承办机构之外，{reviewer.name}属于本案承办机构或参与了调查"
                   f"（{SXZD}（十一）：法制审核机构与承办机构分离；{CFF}第五十八条）。")
    if prior_reviews == 0 and not reviewer.has_legal_qualification:
        out.append(f"初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格"
                   f"（{CFF}第五十八条第二款），{reviewer.name}未登记法律职业资格。")
    if reviewer.status != "active":
        out.append(f"{reviewer.name}的执法证件已暂扣或注销，不得从事法制审核。")
    return out


# -- 决定 (第四十四条、第五十七条、第五十八条、第六十二条) --------------------------------------------
def decide_problems(case, on: datetime.date) -> list[str]:
    out = []
    penalty = case.kind == Category.PENALTY
    if penalty and case.procedure == Procedure.ORDINARY:
        if not case.notified_on:
            out.append(f"作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知陈述、申辩、"
                       f"要求听证等权利；未告知的，不得作出行政处罚决定（{CFF}第四十四条、第六十二条）。")
        elif not case.heard_on:
            if case.hearing_request_due and on <= case.hearing_request_due:
                out.append(f"当事人要求听证的期限至 {case.hearing_request_due:%Y-%m-%d} 届满（{CFF}第六十四条第一项），"
                           f"当事人未放弃陈述、申辩和听证权利的，期限届满前不得作出决定（{CFF}第六十二条）。")
        elif case.statement_kind == "hearing" and not case.hearing_on:
            out.append(f"当事人要求听证的，应当组织听证后再作出决定（{CFF}第六十三条、第六十四条）。")
        if case.notified_on and on < case.notified_on:
            out.append(f"决定日期不能早于告知日期 {case.notified_on:%Y-%m-%d}（{CFF}第六十二条）。")
    if review_required(case):
        if not case.reviewed_on:
            out.append(f"本案属于应当进行法制审核的情形（{CFF}第五十八条"
                       f"{'；列入重大执法决定法制审核目录' if case.item_id and case.item.major_review else ''}），"
                       f"未经法制审核或者审核未通过的，不得作出决定。")
        elif case.review_conclusion != ReviewConclusion.AGREE:
            out.append(f"法制审核未通过（存在问题），不得作出决定（{CFF}第五十八条）。")
    if penalty and case.is_complex and not case.discussed_on:
        out.append(f"情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（{CFF}第五十七条第二款）。")
    if on < case.filed_on:
        out.append(f"决定日期不能早于立案日期 {case.filed_on:%Y-%m-%d}。")
    return out


# -- 加处罚款 (第七十二条、第七十三条) -----------------------------------------------------------------
def surcharge(fine: Decimal | None, payment_due: datetime.date | None, until: datetime.date,
              pauses: list[tuple[datetime.date, datetime.date]] = ()) -> tuple[Decimal, int]:
    """(加处罚款, counted days): 3% of the fine per day after ``payment_due`` up to ``until``, capped at the
    fine (处罚法 第七十二条第一项); days inside a 复议/诉讼 period do not count (第七十三条第三款)."""
    if not fine or not payment_due or until <= payment_due:
        return Decimal("0.00"), 0
    days = 0
    d = payment_due + datetime.timedelta(days=1)
    while d <= until:
        if not any(a <= d <= b for a, b in pauses):
            days += 1
        d += datetime.timedelta(days=1)
    amount = min(Decimal(fine) * SURCHARGE_RATE * days, Decimal(fine))
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), days


def remedy_pauses(case, until: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    if case.remedy_started_on:
        return [(case.remedy_started_on, case.remedy_ended_on or until)]
    return []


def case_surcharge(case, until: datetime.date) -> tuple[Decimal, int]:
    end = min(until, case.paid_on) if case.paid_on else until
    return surcharge(case.fine_amount, case.payment_due, end, remedy_pauses(case, end))
