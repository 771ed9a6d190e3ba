"""Writes of 行政执法. One code path for forms, API, Excel import and the demo.

Each service: keyword-only, ``@transaction.atomic``, permission (``can_write`` on the owning
organization; ``actor=None`` is the system), ``full_clean()``, save, ``audit_log``. Guards live in
``rules.py`` and cite 《行政处罚法》(2021) and 国办发〔2018〕118号. Deadlines go on the board through
``fazhi.core.deadlines`` with the national rules ``penalty.*`` and ``publicity.*``.
"""
from __future__ import annotations

import datetime
import random
import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django_fsm import can_proceed

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.deadlines import (
    MissingHolidayData,
    UnknownRule,
    deadline_done,
    deadline_register,
)
from fazhi.core.models import Deadline, Organization
from fazhi.core.scoping import can_write
from fazhi.core.signals import credit_decision
from fazhi.enforcement import rules
from fazhi.enforcement.choices import (
    DOUBLE_PUBLICITY_KINDS,
    STEP_DOCUMENTS,
    CaseState,
    Category,
    PartyType,
    PenaltyKind,
    Procedure,
    ReviewConclusion,
    RubricItemKind,
    StatementKind,
)
from fazhi.enforcement.models import (
    Case,
    CaseReview,
    CaseStep,
    EnforcementBody,
    EnforcementItem,
    EnforcementList,
    InspectionTarget,
    Officer,
    RandomDraw,
    ReviewCampaign,
    Rubric,
    RubricItem,
    WorkPlan,
)
from fazhi.lib.validators import validate_credit_code, validate_id_number

CFF = rules.CFF
S = CaseState

register_actions({
    "enforcement.body.save": "登记执法主体",
    "enforcement.officer.save": "登记执法人员",
    "enforcement.item.save": "登记执法事项",
    "enforcement.list.save": "登记执法清单",
    "enforcement.plan.save": "登记乡镇综合执法工作方案",
    "enforcement.case.file": "立案",
    "enforcement.case.update": "修改案件信息",
    "enforcement.case.simple": "简易程序当场处罚",
    "enforcement.case.step": "办理执法环节",
    "enforcement.case.extend": "延长办案期限",
    "enforcement.case.remedy": "登记复议/诉讼",
    "enforcement.case.publish": "执法决定公示",
    "enforcement.case.revoke": "执法决定被撤销/变更",
    "enforcement.case.withdraw": "撤回公示信息",
    "enforcement.case.credit_warning": "双公示信息未能生成",
    "enforcement.target.save": "登记检查对象",
    "enforcement.draw": "双随机抽取",
    "enforcement.rubric.save": "登记案卷评查标准",
    "enforcement.campaign.start": "启动案卷评查",
    "enforcement.review.score": "案卷评查打分",
    "enforcement.bulk_load": "批量载入行政执法记录",
})


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有在该单位办理行政执法事项的权限。")


def _fields(model) -> list[str]:
    skip = {"id", "code", "created_at", "updated_at"}
    return [f.name for f in model._meta.concrete_fields if f.name not in skip]


def _text(value, field: str, msg: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: msg})
    return value


def _date(value, field: str, label: str = "日期", not_before=None, before_label: str = ""):
    if value is None:
        raise ValidationError({field: f"请填写{label}。"})
    if not_before and value < not_before:
        raise ValidationError({field: f"{label}不能早于{before_label} {not_before:%Y-%m-%d}。"})
    return value


def _save_simple(actor, obj, action: str, data: dict, request_id: str, editable: set | None = None):
    """Create or update a registry row: permission, full_clean, save, audit."""
    is_new = obj.pk is None
    before = {} if is_new else snapshot(type(obj).objects.get(pk=obj.pk), _fields(type(obj)))
    for key, value in data.items():
        if editable is not None and key not in editable:
            raise ValidationError(f"不能修改字段 {key}。")
        setattr(obj, key, value)
    _require_write(actor, obj.organization)
    obj.full_clean()
    obj.save()
    audit_log(actor=actor, action=action, target=obj, request_id=request_id,
              data={"after": snapshot(obj, _fields(type(obj)))} if is_new else
              {"changes": diff(before, snapshot(obj, _fields(type(obj))))})
    return obj


# -- registries ------------------------------------------------------------------------------------
BODY_FIELDS = {"organization", "name", "kind", "legal_basis", "duties", "established_on", "published"}
OFFICER_FIELDS = {"organization", "body", "name", "id_number", "cert_no", "field", "unit", "first_certified_on",
                  "issued_on", "expires_on", "status", "training_hours", "is_legal_reviewer", "has_legal_qualification"}
ITEM_FIELDS = {"organization", "name", "category", "legal_basis", "body", "power_code", "major_review",
               "random_inspection", "enforcement_list"}
LIST_FIELDS = {"organization", "title", "kind", "year", "published_on", "note"}
PLAN_FIELDS = {"organization", "title", "doc_number", "issued_on", "summary"}
TARGET_FIELDS = {"organization", "name", "credit_code", "category", "address", "is_active"}


@transaction.atomic
def body_save(*, actor, body: EnforcementBody | None = None, request_id: str = "", **data) -> EnforcementBody:
    body = body or EnforcementBody()
    if body.pk and "organization" in data and data["organization"] != body.organization:
        _require_write(actor, body.organization)
    return _save_simple(actor, body, "enforcement.body.save", data, request_id, BODY_FIELDS)


@transaction.atomic
def officer_save(*, actor, officer: Officer | None = None, request_id: str = "", **data) -> Officer:
    officer = officer or Officer()
    if officer.pk:
        _require_write(actor, officer.organization)
    if "id_number" in data:
        data["id_number"] = _validated(validate_id_number, data["id_number"], "id_number") if data["id_number"] else ""
        if not data["id_number"]:
            raise ValidationError({"id_number": "请填写身份证号。"})
    if "cert_no" in data:
        data["cert_no"] = _text(data["cert_no"], "cert_no", "请填写执法证号。").upper()
        if Officer.objects.filter(cert_no=data["cert_no"]).exclude(pk=officer.pk).exists():
            raise ValidationError({"cert_no": f"执法证号 {data['cert_no']} 已经登记。"})
    body = data.get("body")
    org = data.get("organization") or getattr(officer, "organization", None)
    if body is not None and org is not None and body.organization_id != org.id:
        raise ValidationError({"body": "执法主体须属于所在单位。"})
    return _save_simple(actor, officer, "enforcement.officer.save", data, request_id, OFFICER_FIELDS)


@transaction.atomic
def item_save(*, actor, item: EnforcementItem | None = None, request_id: str = "", **data) -> EnforcementItem:
    item = item or EnforcementItem()
    if item.pk:
        _require_write(actor, item.organization)
    body = data.get("body")
    org = data.get("organization") or getattr(item, "organization", None)
    if body is not None and org is not None and body.organization_id != org.id:
        raise ValidationError({"body": "实施主体须属于所在单位。"})
    return _save_simple(actor, item, "enforcement.item.save", data, request_id, ITEM_FIELDS)


@transaction.atomic
def list_save(*, actor, enforcement_list: EnforcementList | None = None, request_id: str = "", **data) -> EnforcementList:
    obj = enforcement_list or EnforcementList()
    if obj.pk:
        _require_write(actor, obj.organization)
    return _save_simple(actor, obj, "enforcement.list.save", data, request_id, LIST_FIELDS)


@transaction.atomic
def plan_save(*, actor, plan: WorkPlan | None = None, request_id: str = "", **data) -> WorkPlan:
    obj = plan or WorkPlan()
    if obj.pk:
        _require_write(actor, obj.organization)
    return _save_simple(actor, obj, "enforcement.plan.save", data, request_id, PLAN_FIELDS)


@transaction.atomic
def target_save(*, actor, target: InspectionTarget | None = None, request_id: str = "", **data) -> InspectionTarget:
    obj = target or InspectionTarget()
    if obj.pk:
        _require_write(actor, obj.organization)
    if data.get("credit_code"):
        data["credit_code"] = _validated(validate_credit_code, data["credit_code"], "credit_code")
    return _save_simple(actor, obj, "enforcement.target.save", data, request_id, TARGET_FIELDS)


# -- cases -----------------------------------------------------------------------------------------
def case_url(case: Case) -> str:
    return reverse("enforcement:case_detail", args=[case.code])


def _deadline(case: Case, rule_code: str) -> Deadline | None:
    return Deadline.objects.filter(rule__code=rule_code, target_type="enforcement.case", target_id=str(case.code)).first()


def _register(actor, case: Case, rule_code: str, title: str, start: datetime.date, request_id: str) -> datetime.date:
    try:
        dl = deadline_register(actor=actor, organization=case.organization, rule_code=rule_code, target=case,
                               title=f"{title}：{case}", url=case_url(case), start_date=start, request_id=request_id)
    except (MissingHolidayData, UnknownRule) as exc:
        raise ValidationError(str(exc)) from exc
    return dl.due_date


def _done(actor, case: Case, rule_code: str, request_id: str) -> None:
    dl = _deadline(case, rule_code)
    if dl is not None and not dl.done_at:
        deadline_done(actor=actor, deadline=dl, request_id=request_id)


def _validated(fn, value, field: str):
    try:
        return fn(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def _clean_party(data: dict) -> dict:
    party_type = data.get("party_type")
    if party_type == PartyType.CITIZEN:
        if not data.get("party_id_number"):
            raise ValidationError({"party_id_number": "当事人为公民的，请填写身份证号。"})
        data["party_id_number"] = _validated(validate_id_number, data["party_id_number"], "party_id_number")
        data["party_credit_code"] = ""
    elif party_type == PartyType.ORGANIZATION:
        if not data.get("party_credit_code"):
            raise ValidationError({"party_credit_code": "当事人为法人或其他组织的，请填写统一社会信用代码。"})
        data["party_credit_code"] = _validated(validate_credit_code, data["party_credit_code"], "party_credit_code")
        data["party_id_number"] = ""
    else:
        raise ValidationError({"party_type": "请选择当事人类别。"})
    return data


def _check_officers(case_org: Organization, officers) -> list[Officer]:
    officers = list(officers or [])
    for o in officers:
        if not o.organization.path.startswith(case_org.path):
            raise ValidationError({"officers": f"执法人员{o.name}不属于{case_org.name}，不能在本案中执法。"})
    return officers


def _next_seq(case: Case) -> int:
    return (case.steps.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1


def _record_step(case: Case, step: str, on, *, document_number: str = "", content: str = "", officers=()) -> CaseStep:
    rec = CaseStep(organization=case.organization, case=case, step=step, on=on,
                   document=STEP_DOCUMENTS.get(step, step), document_number=(document_number or "").strip(),
                   content=(content or "").strip(), seq=_next_seq(case))
    if not rec.document_number and not rec.content:
        raise ValidationError({"document_number": f"请登记本环节的{rec.document}（文号或内容摘要，全过程记录：{CFF}第四十七条）。"})
    rec.full_clean()
    rec.save()
    if officers:
        rec.officers.set(officers)
    return rec


def _auto_number(org: Organization, kind: str, year: int) -> str:
    word = {"penalty": "罚", "license": "许", "coercion": "强", "inspection": "检", "levy": "征"}.get(kind, "执")
    n = Case.objects.filter(organization=org, filed_on__year=year).count() + 1
    return f"{org.short_name or org.name}{word}立〔{year}〕{n}号"


CASE_FILE_FIELDS = {"organization", "kind", "procedure", "item", "title", "undertaking_unit", "party_type", "party_name",
                    "party_id_number", "party_credit_code", "party_address", "facts", "violation_on",
                    "limitation_extended", "filed_on", "is_major", "is_complex", "number"}


@transaction.atomic
def case_file(*, actor, officers=(), document_number: str = "", content: str = "", request_id: str = "",
              **data) -> Case:
    """立案 (处罚法 第五十四条). 普通程序 penalty cases get the 90-day clock (第六十条); the limitation
    period (第三十六条) is checked and, if passed, written on the case as a warning."""
    unknown = set(data) - CASE_FILE_FIELDS
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    org = data.get("organization")
    if org is None:
        raise ValidationError({"organization": "请选择办案单位。"})
    _require_write(actor, org)
    data = _clean_party(dict(data))
    data["title"] = _text(data.get("title"), "title", "请填写案由。")
    data["party_name"] = _text(data.get("party_name"), "party_name", "请填写当事人。")
    _date(data.get("filed_on"), "filed_on", "立案日期")
    if data.get("violation_on") and data["violation_on"] > data["filed_on"]:
        raise ValidationError({"violation_on": "违法行为发生日期不能晚于立案日期。"})
    item = data.get("item")
    if item is not None and item.organization_id != org.id and not org.path.startswith(item.organization.path):
        raise ValidationError({"item": "执法事项须属于办案单位的执法事项清单。"})
    if data.get("procedure") == Procedure.SIMPLE:
        raise ValidationError({"procedure": "简易程序请使用“当场处罚”登记。"})
    data.setdefault("procedure", Procedure.ORDINARY)
    officers = _check_officers(org, officers)
    problems = rules.officer_problems(officers, data["filed_on"], what="立案调查")
    if problems:
        raise ValidationError({"officers": problems})
    if not data.get("number"):
        data["number"] = _auto_number(org, data.get("kind") or Category.PENALTY, data["filed_on"].year)
    case = Case(**data)
    if case.kind == Category.PENALTY:
        case.limitation_note = rules.limitation_warning(case.violation_on, case.filed_on, case.limitation_extended)
    case.full_clean()
    case.save()
    case.officers.set(officers)
    _record_step(case, "filed", case.filed_on, document_number=document_number or case.number,
                 content=content or case.title, officers=officers)
    if case.kind == Category.PENALTY:
        case.decision_due = _register(actor, case, "penalty.decision", "行政处罚决定期限", case.filed_on, request_id)
        case.save(update_fields=["decision_due", "updated_at"])
    audit_log(actor=actor, action="enforcement.case.file", target=case, request_id=request_id,
              data={"after": snapshot(case, _fields(Case)), "officers": [o.cert_no for o in officers],
                    "limitation_warning": case.limitation_note})
    return case


CASE_EDITABLE = {"title", "undertaking_unit", "party_name", "party_address", "facts", "is_major", "is_complex", "item",
                 "party_id_number", "party_credit_code", "party_type", "violation_on", "limitation_extended"}


@transaction.atomic
def case_update(*, actor, case: Case, request_id: str = "", **data) -> Case:
    """A clerk corrects the case's particulars (not the procedure, which runs through the steps)."""
    _require_write(actor, case.organization)
    before = snapshot(Case.objects.get(pk=case.pk), _fields(Case))
    for key in data:
        if key not in CASE_EDITABLE:
            raise ValidationError(f"不能修改字段 {key}。")
    merged = {"party_type": case.party_type, "party_id_number": case.party_id_number,
              "party_credit_code": case.party_credit_code, **data}
    merged = _clean_party(merged)
    for key, value in {**data, **{k: merged[k] for k in ("party_id_number", "party_credit_code")}}.items():
        setattr(case, key, value)
    if case.kind == Category.PENALTY:
        case.limitation_note = rules.limitation_warning(case.violation_on, case.filed_on, case.limitation_extended)
    case.full_clean()
    case.save()
    audit_log(actor=actor, action="enforcement.case.update", target=case, request_id=request_id,
              data={"changes": diff(before, snapshot(case, _fields(Case)))})
    return case


def _transition(actor, case: Case, method: str, step: str, on, request_id: str, *args, officers=(),
                document_number="", content="", extra: dict | None = None, **kwargs) -> Case:
    fn = getattr(case, method)
    if not can_proceed(fn):
        raise ValidationError(f"当前环节为“{case.get_state_display()}”，不能办理“{CaseState(step).label if step in CaseState.values else step}”。")
    last = case.steps.order_by("-on").values_list("on", flat=True).first()
    if on is None:
        raise ValidationError({"on": "请填写日期。"})
    if last and on < last:
        raise ValidationError({"on": f"日期不能早于上一环节 {last:%Y-%m-%d}。"})
    before = snapshot(case, _fields(Case))
    fn(*args, **kwargs)
    case.full_clean()
    case.save()
    _record_step(case, step, on, document_number=document_number, content=content, officers=officers)
    audit_log(actor=actor, action="enforcement.case.step", target=case, request_id=request_id,
              data={"step": step, "on": on, "officers": [o.cert_no for o in officers], **(extra or {}),
                    "changes": diff(before, snapshot(case, _fields(Case)))})
    return case


def _ordinary_penalty(case: Case) -> None:
    if case.kind != Category.PENALTY or case.procedure != Procedure.ORDINARY:
        raise ValidationError("该环节只适用于行政处罚普通程序案件。")


@transaction.atomic
def case_investigate(*, actor, case: Case, on, officers, document_number="", content="", request_id="") -> Case:
    """调查取证 (第五十五条): two certified officers (第四十二条), 询问笔录/现场检查笔录."""
    _require_write(actor, case.organization)
    _ordinary_penalty(case)
    officers = _check_officers(case.organization, officers)
    problems = rules.officer_problems(officers, on or case.filed_on, what="调查取证")
    if problems:
        raise ValidationError({"officers": problems})
    case = _transition(actor, case, "investigate_art55", "investigating", on, request_id, officers=officers,
                       document_number=document_number, content=content)
    case.officers.add(*officers)
    return case


@transaction.atomic
def case_examine(*, actor, case: Case, on, document_number="", content="", request_id="") -> Case:
    """审查 (第五十七条): 调查终结报告, the head reviews the result of the investigation."""
    _require_write(actor, case.organization)
    _ordinary_penalty(case)
    return _transition(actor, case, "examine_art57", "examined", on, request_id, document_number=document_number,
                       content=content)


@transaction.atomic
def case_notify(*, actor, case: Case, on, proposed_penalty: str, hearing_right: bool = False, officers=(),
                document_number="", content="", request_id="") -> Case:
    """告知 (第四十四条、第六十三条): proposed penalty and the rights; the 5-working-day window to request a
    hearing starts (第六十四条第一项, ``penalty.hearing_request``)."""
    _require_write(actor, case.organization)
    _ordinary_penalty(case)
    proposed_penalty = _text(proposed_penalty, "proposed_penalty", f"请填写拟作出的行政处罚内容及事实、理由、依据（{CFF}第四十四条）。")
    officers = _check_officers(case.organization, officers)
    problems = rules.officer_problems(officers, on or case.filed_on, what="告知")
    if problems:
        raise ValidationError({"officers": problems})
    request_due = rules.due("penalty.hearing_request", on) if on else None
    return _transition(actor, case, "notify_art44", "notified", on, request_id, on, proposed_penalty, hearing_right,
                       request_due, officers=officers, document_number=document_number,
                       content=content or proposed_penalty)


@transaction.atomic
def case_hear(*, actor, case: Case, on, kind: str, requested_on=None, noticed_on=None, hearing_on=None,
              document_number="", content="", request_id="") -> Case:
    """陈述申辩 / 听证 (第四十五条、第六十三条、第六十四条)."""
    _require_write(actor, case.organization)
    _ordinary_penalty(case)
    if kind not in StatementKind.values:
        raise ValidationError({"kind": "请选择陈述申辩/听证情况。"})
    if kind == StatementKind.HEARING:
        if not case.hearing_right:
            raise ValidationError({"kind": f"告知时未告知听证权利的案件不适用听证（{CFF}第六十三条）；如属应当听证情形，请重新告知。"})
        if not (requested_on and noticed_on and hearing_on):
            raise ValidationError({"hearing_on": "听证须填写要求听证日期、听证通知日期和听证日期。"})
        problems = rules.hearing_problems(request_due=case.hearing_request_due, requested_on=requested_on,
                                          noticed_on=noticed_on, hearing_on=hearing_on)
        if problems:
            raise ValidationError({"hearing_on": problems})
        if on and on < hearing_on:
            raise ValidationError({"on": "完成日期不能早于听证日期。"})
        case.hearing_requested_on, case.hearing_noticed_on, case.hearing_on = requested_on, noticed_on, hearing_on
    elif kind == StatementKind.WAIVED and on and case.hearing_request_due and on <= case.hearing_request_due \
            and not (content or "").strip():
        raise ValidationError({"content": "当事人在期限届满前放弃权利的，请登记其书面放弃声明（陈述申辩笔录）。"})
    return _transition(actor, case, "hear_art45", "heard", on, request_id, on, kind, document_number=document_number,
                       content=content or StatementKind(kind).label)


@transaction.atomic
def case_legal_review(*, actor, case: Case, on, reviewer: Officer, conclusion: str, opinion: str,
                      document_number="", request_id="") -> Case:
    """法制审核 (第五十八条): a 法制审核员 outside the undertaking unit; first-timers hold 法律职业资格."""
    _require_write(actor, case.organization)
    if reviewer is None:
        raise ValidationError({"reviewer": "请选择法制审核人员。"})
    if conclusion not in ReviewConclusion.values:
        raise ValidationError({"conclusion": "请选择审核意见。"})
    opinion = _text(opinion, "opinion", f"请填写法制审核意见（{rules.SXZD}（十三））。")
    prior = Case.objects.filter(legal_reviewer=reviewer, reviewed_on__isnull=False).exclude(pk=case.pk).count()
    problems = rules.reviewer_problems(case, reviewer, on or case.filed_on, prior_reviews=prior)
    if problems:
        raise ValidationError({"reviewer": problems})
    if case.state == S.REVIEWED and case.review_conclusion == ReviewConclusion.PROBLEMS:
        case.state = S.HEARD  # resubmitted after the undertaking unit fixed the problems (118号（十三）)
    return _transition(actor, case, "review_art58", "reviewed", on, request_id, on, reviewer, conclusion, opinion,
                       document_number=document_number, content=opinion)


@transaction.atomic
def case_discuss(*, actor, case: Case, on, summary: str, document_number="", request_id="") -> Case:
    """集体讨论 (第五十七条第二款)."""
    _require_write(actor, case.organization)
    summary = _text(summary, "summary", "请填写集体讨论意见（会议名称、参加人员、讨论结论）。")
    if rules.review_required(case) and case.review_conclusion != ReviewConclusion.AGREE:
        raise ValidationError(f"本案应当先经法制审核并通过，再提交集体讨论（{CFF}第五十八条）。")
    return _transition(actor, case, "discuss_art57", "discussed", on, request_id, on, summary,
                       document_number=document_number, content=summary)


def publicity_end(case: Case) -> datetime.date | None:
    """End of the publication period: 3 months for 警告/通报批评, else 3 years (《市场监督管理行政处罚信息公示规定》
    第十三条 as the sector model; LEGAL-RULES §6 — other sectors: 期限依据待核实)."""
    if not case.decided_on:
        return None
    months = 3 if case.penalty_kind in (PenaltyKind.WARNING, PenaltyKind.CRITICISM) else 36
    y, m = divmod(case.decided_on.month - 1 + months, 12)
    import calendar
    year, month = case.decided_on.year + y, m + 1
    return datetime.date(year, month, min(case.decided_on.day, calendar.monthrange(year, month)[1]))


def _credit_fields(case: Case) -> dict:
    org = case.organization
    citizen = case.party_type == PartyType.CITIZEN
    f = {"行政相对人名称": case.party_name, "行政相对人类别": "自然人" if citizen else "法人及非法人组织",
         "数据来源单位": org.name, "数据来源单位统一社会信用代码": org.credit_code or ""}
    if not citizen:
        f["统一社会信用代码"] = case.party_credit_code
    if case.kind == Category.PENALTY:
        f.update({"行政处罚决定书文号": case.decision_number, "违法行为类型": case.item.name if case.item_id else case.title,
                  "违法事实": case.facts or case.title,
                  "处罚依据": case.item.legal_basis if case.item_id else f"见行政处罚决定书（{case.decision_number}）",
                  "处罚类别": case.get_penalty_kind_display(),
                  "处罚内容": case.decision_content or case.proposed_penalty or (
                      f"{case.get_penalty_kind_display()}{f'，罚款{case.fine_amount}元' if case.fine_amount else ''}"),
                  "处罚决定日期": case.decided_on, "处罚有效期": publicity_end(case), "公示截止期": publicity_end(case),
                  "处罚机关": org.name, "处罚机关统一社会信用代码": org.credit_code or ""})
        if case.fine_amount:
            f["罚款金额(万元)"] = (Decimal(case.fine_amount) / Decimal(10000)).quantize(Decimal("0.000001"))
        if case.confiscation_amount:
            f["没收违法所得、没收非法财物的金额(万元)"] = (Decimal(case.confiscation_amount) / Decimal(10000)).quantize(Decimal("0.000001"))
    else:
        f.update({"行政许可决定文书名称": "行政许可决定书", "行政许可决定文书号": case.decision_number,
                  "许可类别": "普通", "许可内容": case.decision_content or case.title, "许可决定日期": case.decided_on,
                  "有效期自": case.decided_on, "当前状态": "有效",
                  "许可机关": org.name, "许可机关统一社会信用代码": org.credit_code or ""})
    return f


def _send_credit(case: Case, action: str, actor, on=None, reason: str = "") -> list[str]:
    """Tell the 双公示 side (``credit_decision``). A receiver's refusal (e.g. the agency has no 统一社会信用代码
    on file) does not undo the decision, which the law requires regardless: it comes back as a warning,
    is shown to the user and written to the audit trail."""
    if case.kind not in DOUBLE_PUBLICITY_KINDS:
        return []
    fields = _credit_fields(case)
    if reason:
        fields["备注"] = reason
    results = credit_decision.send_robust(
        sender=Case, source=case, kind="处罚" if case.kind == Category.PENALTY else "许可", action=action,
        decided_on=on or case.decided_on, organization=case.organization, fields=fields, actor=actor)
    warnings = []
    for _receiver, result in results:
        if isinstance(result, ValidationError):
            warnings.append("双公示信息未能生成：" + "；".join(result.messages))
        elif isinstance(result, Exception):
            warnings.append(f"双公示信息未能生成：{result}")
    if warnings:
        audit_log(actor=actor, action="enforcement.case.credit_warning", target=case, data={"warnings": warnings})
    case.credit_warnings = warnings
    return warnings


def _after_decision(actor, case: Case, request_id: str) -> None:
    """The clocks a decision starts: service (第六十一条), publicity (118号（六）), 双公示 signal."""
    if case.kind == Category.PENALTY:
        _done(actor, case, "penalty.decision", request_id)
        if case.procedure == Procedure.ORDINARY:
            case.service_due = _register(actor, case, "penalty.service", "行政处罚决定书送达期限", case.decided_on, request_id)
    rule = "publicity.double" if case.kind in DOUBLE_PUBLICITY_KINDS else "publicity.enforcement_decision"
    case.publicity_due = _register(actor, case, rule, "执法决定信息公示期限", case.decided_on, request_id)
    case.save(update_fields=["service_due", "publicity_due", "updated_at"])
    _send_credit(case, "made", actor)


@transaction.atomic
def case_decide(*, actor, case: Case, on, decision_number: str, penalty_kind: str = "", fine_amount=None,
                confiscation_amount=None, decision_content: str = "", officers=(), request_id="") -> Case:
    """决定 (第五十七条). Refused before the notice (第四十四条、第六十二条), before a required 法制审核
    (第五十八条) or 集体讨论 (第五十七条第二款)."""
    _require_write(actor, case.organization)
    if on is None:
        raise ValidationError({"on": "请填写决定日期。"})
    decision_number = _text(decision_number, "decision_number", "请填写决定书文号。")
    if case.kind == Category.PENALTY:
        if penalty_kind not in PenaltyKind.values:
            raise ValidationError({"penalty_kind": "请选择处罚种类。"})
        if penalty_kind == PenaltyKind.FINE and (fine_amount is None or fine_amount <= 0):
            raise ValidationError({"fine_amount": "罚款的，请填写罚款金额。"})
    if not can_proceed(case.decide_art57):
        raise ValidationError(f"当前环节为“{case.get_state_display()}”，不能作出决定。")
    if case.kind == Category.PENALTY and case.procedure == Procedure.ORDINARY and case.state == S.FILED:
        raise ValidationError(f"行政处罚普通程序案件须经调查取证、审查和告知后才能作出决定（{CFF}第五十四条至第六十二条）。")
    problems = rules.decide_problems(case, on)
    if problems:
        raise ValidationError(problems)
    officers = _check_officers(case.organization, officers)
    if officers:
        problems = rules.officer_problems(officers, on, minimum=1, what="作出决定")
        if problems:
            raise ValidationError({"officers": problems})
    case.decided_on, case.decision_number = on, decision_number
    case.penalty_kind, case.fine_amount, case.confiscation_amount = penalty_kind or "", fine_amount, confiscation_amount
    case.decision_content = (decision_content or "").strip()
    step = "decided" if case.kind == Category.PENALTY else "other_decision"
    case = _transition(actor, case, "decide_art57", step, on, request_id, officers=officers,
                       document_number=decision_number, content=case.decision_content)
    _after_decision(actor, case, request_id)
    return case


@transaction.atomic
def case_simple(*, actor, officers, penalty_kind: str, fine_amount=None, decision_number: str = "",
                decision_content: str = "", request_id: str = "", **data) -> Case:
    """简易程序 (当场处罚, 第五十一条、第五十二条): only 警告 or fines ≤200元 (citizen) / ≤3000元 (organization);
    two certified officers (第四十二条); the decision is handed over on the spot (served the same day)."""
    org = data.get("organization")
    if org is None:
        raise ValidationError({"organization": "请选择办案单位。"})
    _require_write(actor, org)
    if penalty_kind not in PenaltyKind.values:
        raise ValidationError({"penalty_kind": "请选择处罚种类。"})
    problems = rules.simple_procedure_problems(data.get("party_type"), penalty_kind, fine_amount)
    if problems:
        raise ValidationError({"penalty_kind": problems})
    data = _clean_party(dict(data))
    on = _date(data.get("filed_on"), "filed_on", "处罚日期")
    officers = _check_officers(org, officers)
    problems = rules.officer_problems(officers, on, what="当场处罚")
    if problems:
        raise ValidationError({"officers": problems})
    unknown = set(data) - CASE_FILE_FIELDS
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    data["title"] = _text(data.get("title"), "title", "请填写案由。")
    data["party_name"] = _text(data.get("party_name"), "party_name", "请填写当事人。")
    data.update(kind=Category.PENALTY, procedure=Procedure.SIMPLE)
    if not data.get("number"):
        data["number"] = _auto_number(org, "penalty", on.year)
    case = Case(**data, state=S.DECIDED, decided_on=on, served_on=on, penalty_kind=penalty_kind,
                fine_amount=fine_amount if penalty_kind == PenaltyKind.FINE else None,
                decision_number=(decision_number or data["number"]).strip(), decision_content=decision_content)
    case.full_clean()
    case.save()
    case.officers.set(officers)
    _record_step(case, "simple", on, document_number=case.decision_number,
                 content=decision_content or f"{case.get_penalty_kind_display()} {fine_amount or ''}", officers=officers)
    if case.fine_amount:
        case.state = S.SERVED
        case.payment_due = _register(actor, case, "penalty.payment", "缴纳罚款期限", on, request_id)
    case.save()
    _after_decision(actor, case, request_id)
    audit_log(actor=actor, action="enforcement.case.simple", target=case, request_id=request_id,
              data={"after": snapshot(case, _fields(Case)), "officers": [o.cert_no for o in officers]})
    return case


@transaction.atomic
def case_serve(*, actor, case: Case, on, officers=(), document_number="", content="", request_id="") -> Case:
    """送达 (第六十一条: 7 working days after 宣告). Starts the 15-day payment period (第六十七条)."""
    _require_write(actor, case.organization)
    if on and case.decided_on and on < case.decided_on:
        raise ValidationError({"on": "送达日期不能早于决定日期。"})
    officers = _check_officers(case.organization, officers)
    if officers:
        problems = rules.officer_problems(officers, on or case.decided_on, what="送达")
        if problems:
            raise ValidationError({"officers": problems})
    case = _transition(actor, case, "serve_art61", "served", on, request_id, on, officers=officers,
                       document_number=document_number, content=content,
                       extra={"late": bool(case.service_due and on and on > case.service_due)})
    _done(actor, case, "penalty.service", request_id)
    if case.kind == Category.PENALTY and case.fine_amount:
        case.payment_due = _register(actor, case, "penalty.payment", "缴纳罚款期限", on, request_id)
        case.save(update_fields=["payment_due", "updated_at"])
    return case


@transaction.atomic
def case_execute(*, actor, case: Case, on, paid_amount=None, document_number="", content="", request_id="") -> Case:
    """执行 (第六十七条、第七十二条): payment recorded; 加处罚款 computed (paused during 复议/诉讼, 第七十三条)."""
    _require_write(actor, case.organization)
    if case.fine_amount and paid_amount is None:
        raise ValidationError({"paid_amount": "请填写实缴金额。"})
    case.paid_on, case.paid_amount = on, paid_amount
    if on:
        amount, _days = rules.case_surcharge(case, on)
        case.surcharge_amount = amount
    case = _transition(actor, case, "execute_art67", "executed", on, request_id, on, document_number=document_number,
                       content=content or (f"实缴 {paid_amount} 元" if paid_amount is not None else "已履行"))
    _done(actor, case, "penalty.payment", request_id)
    return case


@transaction.atomic
def case_close(*, actor, case: Case, on, document_number="", content="", request_id="") -> Case:
    """结案 (结案审批表)."""
    _require_write(actor, case.organization)
    if case.kind == Category.PENALTY and case.procedure == Procedure.ORDINARY and case.state == S.DECIDED:
        raise ValidationError(f"行政处罚决定书须先送达（{CFF}第六十一条）。")
    if case.kind == Category.PENALTY and case.fine_amount and not case.paid_on and case.state != S.EXECUTED:
        raise ValidationError("罚款尚未缴纳或执行完毕，不能结案；当事人逾期不缴纳的，依法加处罚款或申请强制执行"
                              f"（{CFF}第七十二条）。")
    return _transition(actor, case, "close", "closed", on, request_id, on, document_number=document_number,
                       content=content or "结案")


@transaction.atomic
def case_archive(*, actor, case: Case, on, archive_number: str, request_id="") -> Case:
    """归档 (第四十七条)."""
    _require_write(actor, case.organization)
    archive_number = _text(archive_number, "archive_number", "请填写档案号。")
    return _transition(actor, case, "archive_art47", "archived", on, request_id, on, archive_number,
                       document_number=archive_number, content="卷宗归档")


@transaction.atomic
def case_extend(*, actor, case: Case, approved_by: str, approved_on, reason: str, request_id="") -> Case:
    """延长办案期限: 第六十条 "法律、法规、规章另有规定的，从其规定" — the sector rule's extension
    (``penalty.decision_extension``, configurable), recorded with who approved it and when."""
    _require_write(actor, case.organization)
    if case.kind != Category.PENALTY or case.procedure != Procedure.ORDINARY or case.decided_on:
        raise ValidationError("只有尚未作出决定的行政处罚普通程序案件可以延长办案期限。")
    if case.extension_approved_on:
        raise ValidationError("本案已经延长过办案期限；再次延长须按行业程序规定由集体讨论决定，请在备注中说明。")
    approved_by = _text(approved_by, "approved_by", "请填写批准人（行政机关负责人）。")
    reason = _text(reason, "reason", "请填写延长理由。")
    _date(approved_on, "approved_on", "批准日期", case.filed_on, "立案日期")
    if case.decision_due and approved_on > case.decision_due:
        raise ValidationError({"approved_on": f"延期须在原决定期限 {case.decision_due:%Y-%m-%d} 届满前批准。"})
    old_due = case.decision_due
    _done(actor, case, "penalty.decision", request_id)
    case.decision_due = _register(actor, case, "penalty.decision_extension", "行政处罚决定期限（经批准延长）",
                                  old_due or case.filed_on, request_id)
    case.extension_approved_by, case.extension_approved_on, case.extension_reason = approved_by, approved_on, reason
    case.save()
    _record_step(case, "extended", approved_on, content=f"经{approved_by}批准延长至 {case.decision_due:%Y-%m-%d}：{reason}")
    audit_log(actor=actor, action="enforcement.case.extend", target=case, request_id=request_id,
              data={"before": old_due, "after": case.decision_due, "approved_by": approved_by, "reason": reason})
    return case


@transaction.atomic
def case_remedy(*, actor, case: Case, kind: str, started_on, ended_on=None, request_id="") -> Case:
    """复议/诉讼: the decision is not suspended, but 加处罚款 is not counted meanwhile (第七十三条)."""
    _require_write(actor, case.organization)
    if not case.decided_on:
        raise ValidationError("尚未作出决定的案件不能登记复议或诉讼。")
    if kind not in ("reconsideration", "litigation"):
        raise ValidationError({"kind": "请选择行政复议或行政诉讼。"})
    _date(started_on, "started_on", "开始日期", case.decided_on, "决定日期")
    if ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": "终结日期不能早于开始日期。"})
    before = snapshot(case, _fields(Case))
    case.remedy_kind, case.remedy_started_on, case.remedy_ended_on = kind, started_on, ended_on
    case.save()
    audit_log(actor=actor, action="enforcement.case.remedy", target=case, request_id=request_id,
              data={"changes": diff(before, snapshot(case, _fields(Case)))})
    return case


@transaction.atomic
def case_publish(*, actor, case: Case, on, request_id="") -> Case:
    """事后公示 (118号（六）): 许可/处罚 within 7 working days, others within 20."""
    _require_write(actor, case.organization)
    if not case.decided_on:
        raise ValidationError("尚未作出决定，不能公示。")
    if case.published_on:
        raise ValidationError("该决定已经公示。")
    _date(on, "on", "公示日期", case.decided_on, "决定日期")
    case.published_on = on
    case.save(update_fields=["published_on", "updated_at"])
    _done(actor, case, "publicity.double" if case.kind in DOUBLE_PUBLICITY_KINDS else "publicity.enforcement_decision",
          request_id)
    audit_log(actor=actor, action="enforcement.case.publish", target=case, request_id=request_id,
              data={"on": on, "due": case.publicity_due, "late": bool(case.publicity_due and on > case.publicity_due)})
    return case


@transaction.atomic
def case_revoke(*, actor, case: Case, on, reason: str, request_id="") -> Case:
    """The decision was changed, revoked, confirmed illegal or void: withdraw the published information
    within 3 working days (第四十八条第二款, ``penalty.withdraw_publication``)."""
    _require_write(actor, case.organization)
    if not case.decided_on:
        raise ValidationError("尚未作出决定。")
    if case.revoked_on:
        raise ValidationError("已登记撤销/变更。")
    reason = _text(reason, "reason", "请填写撤销/变更的理由（公开说明理由：第四十八条第二款）。")
    _date(on, "on", "撤销日期", case.decided_on, "决定日期")
    case.revoked_on, case.revoke_reason = on, reason
    if case.published_on:
        case.withdraw_due = _register(actor, case, "penalty.withdraw_publication", "撤回已公开的执法决定信息", on, request_id)
    case.save()
    _record_step(case, "revoked", on, content=reason)
    audit_log(actor=actor, action="enforcement.case.revoke", target=case, request_id=request_id,
              data={"on": on, "reason": reason, "withdraw_due": case.withdraw_due})
    _send_credit(case, "withdrawn", actor, on=on, reason=reason)
    return case


@transaction.atomic
def case_withdraw(*, actor, case: Case, on, request_id="") -> Case:
    _require_write(actor, case.organization)
    if not case.revoked_on or not case.published_on:
        raise ValidationError("只有已公示且被撤销/变更的决定需要撤回公示信息。")
    if case.withdrawn_on:
        raise ValidationError("已经撤回。")
    _date(on, "on", "撤回日期", case.revoked_on, "撤销日期")
    case.withdrawn_on = on
    case.save(update_fields=["withdrawn_on", "updated_at"])
    _done(actor, case, "penalty.withdraw_publication", request_id)
    audit_log(actor=actor, action="enforcement.case.withdraw", target=case, request_id=request_id,
              data={"on": on, "due": case.withdraw_due, "late": bool(case.withdraw_due and on > case.withdraw_due)})
    return case


# -- 双随机一公开 ---------------------------------------------------------------------------------
def draw_result(seed: str, target_pool: list[str], officer_pool: list[str], target_count: int,
                officers_per_target: int) -> list[dict]:
    """The draw itself, a pure function of its inputs: anyone re-running it gets the same result."""
    rng = random.Random(seed)
    targets = rng.sample(sorted(target_pool), target_count)
    out = []
    for t in targets:
        out.append({"target": t, "officers": rng.sample(sorted(officer_pool), officers_per_target)})
    return out


def draw_verify(draw: RandomDraw) -> bool:
    return draw_result(draw.seed, draw.target_pool, draw.officer_pool, draw.target_count,
                       draw.officers_per_target) == draw.result


@transaction.atomic
def draw_random(*, actor, organization: Organization, title: str, drawn_on, target_count: int,
                officers_per_target: int = 2, item: EnforcementItem | None = None, seed: str = "",
                request_id: str = "") -> RandomDraw:
    """双随机: targets from the 检查对象名录库, officers from the 执法人员名录库 (certificates valid on the day)."""
    _require_write(actor, organization)
    title = _text(title, "title", "请填写抽查任务名称。")
    _date(drawn_on, "drawn_on", "抽取日期")
    targets = [str(c) for c in InspectionTarget.objects.filter(organization=organization, is_active=True)
               .values_list("code", flat=True)]
    officers = [str(o.code) for o in Officer.objects.filter(organization__path__startswith=organization.path)
                if o.valid_on(drawn_on)]
    if officers_per_target < 2:
        raise ValidationError({"officers_per_target": f"每个检查对象的执法人员不得少于两人（{CFF}第四十二条）。"})
    if not target_count or target_count < 1:
        raise ValidationError({"target_count": "抽取对象数至少为 1。"})
    if target_count > len(targets):
        raise ValidationError({"target_count": f"检查对象名录库只有 {len(targets)} 个在册对象。"})
    if officers_per_target > len(officers):
        raise ValidationError({"officers_per_target": f"执法证有效的执法人员只有 {len(officers)} 人。"})
    seed = (seed or "").strip() or secrets.token_hex(8)
    draw = RandomDraw(organization=organization, title=title, item=item, drawn_on=drawn_on, seed=seed,
                      target_pool=sorted(targets), officer_pool=sorted(officers), target_count=target_count,
                      officers_per_target=officers_per_target)
    draw.result = draw_result(seed, draw.target_pool, draw.officer_pool, target_count, officers_per_target)
    draw.full_clean()
    draw.save()
    audit_log(actor=actor, action="enforcement.draw", target=draw, request_id=request_id,
              data={"seed": seed, "targets": len(targets), "officers": len(officers), "result": draw.result})
    return draw


# -- 案卷评查 --------------------------------------------------------------------------------------
def grade_of(score: Decimal, rubric: Rubric) -> str:
    if score >= rubric.excellent_from:
        return "excellent"
    if score >= rubric.pass_from:
        return "pass"
    return "fail"


def score_case(rubric: Rubric, vetoes: list[int], deductions: dict) -> tuple[Decimal, str]:
    """Any veto item → 0 分, 不合格; else 100 minus the deductions (each at most the item's points)."""
    items = {i.seq: i for i in rubric.items.all()}
    for seq in vetoes:
        item = items.get(int(seq))
        if item is None or item.kind != RubricItemKind.VETO:
            raise ValidationError({"vetoes": f"第{seq}项不是本评查标准的否决项。"})
    if vetoes:
        return Decimal(0), "fail"
    total = Decimal(100)
    for seq, value in deductions.items():
        item = items.get(int(seq))
        if item is None or item.kind != RubricItemKind.DEDUCT:
            raise ValidationError({"deductions": f"第{seq}项不是本评查标准的扣分项。"})
        value = Decimal(str(value))
        if value < 0 or value > item.points:
            raise ValidationError({"deductions": f"第{seq}项扣分应在 0 至 {item.points} 分之间。"})
        total -= value
    total = max(total, Decimal(0))
    return total, grade_of(total, rubric)


@transaction.atomic
def rubric_create(*, actor, organization: Organization, year: int, title: str, items: list[dict], version: int = 0,
                  request_id: str = "") -> Rubric:
    _require_write(actor, organization)
    if not items:
        raise ValidationError({"items": "评查标准至少包含一项。"})
    version = version or (Rubric.objects.filter(organization=organization, year=year).count() + 1)
    rubric = Rubric(organization=organization, year=year, version=version, title=_text(title, "title", "请填写名称。"))
    rubric.full_clean()
    rubric.save()
    for i, spec in enumerate(items, 1):
        it = RubricItem(organization=organization, rubric=rubric, seq=spec.get("seq", i), kind=spec["kind"],
                        text=spec["text"], points=Decimal(str(spec.get("points", 0))))
        it.full_clean()
        it.save()
    audit_log(actor=actor, action="enforcement.rubric.save", target=rubric, request_id=request_id,
              data={"year": year, "version": version, "items": items})
    return rubric


@transaction.atomic
def campaign_start(*, actor, organization: Organization, rubric: Rubric, title: str, year: int, per_org: int,
                   started_on, seed: str = "", request_id: str = "") -> ReviewCampaign:
    """Draw ``per_org`` closed cases of each organization at random (seed recorded)."""
    _require_write(actor, organization)
    seed = (seed or "").strip() or secrets.token_hex(8)
    camp = ReviewCampaign(organization=organization, rubric=rubric, title=_text(title, "title", "请填写评查活动名称。"),
                          year=year, per_org=per_org, seed=seed, started_on=started_on)
    camp.full_clean()
    camp.save()
    rng = random.Random(seed)
    from fazhi.core.indicators import (
        org_scope,  # the county's bodies (法治办/政府) review the whole county
    )
    closed = Case.objects.filter(organization__in=org_scope(organization), closed_on__year=year,
                                 state__in=[S.CLOSED, S.ARCHIVED]).order_by("code").values_list("pk", "organization_id")
    by_org: dict[int, list[int]] = {}
    for pk, org_id in closed:
        by_org.setdefault(org_id, []).append(pk)
    drawn = []
    for org_id in sorted(by_org):
        pool = by_org[org_id]
        drawn += rng.sample(pool, min(per_org, len(pool)))
    CaseReview.objects.bulk_create([CaseReview(organization=organization, campaign=camp, case_id=pk) for pk in drawn])
    audit_log(actor=actor, action="enforcement.campaign.start", target=camp, request_id=request_id,
              data={"seed": seed, "drawn": len(drawn)})
    return camp


@transaction.atomic
def review_score(*, actor, review: CaseReview, reviewer_org: Organization, vetoes: list[int], deductions: dict,
                 on, comment: str = "", request_id: str = "") -> CaseReview:
    """Reviewers score case files of other organizations only."""
    if actor is not None and not can_write(actor, reviewer_org):
        raise PermissionDenied("您不是该评查单位的人员。")
    if reviewer_org.pk == review.case.organization_id or review.case.organization.path.startswith(reviewer_org.path):
        raise ValidationError("评查人员不得评查本单位（含下属单位）的案卷。")
    _date(on, "on", "评查日期")
    score, grade = score_case(review.campaign.rubric, vetoes, deductions)
    review.reviewer = actor
    review.reviewer_org = reviewer_org
    review.vetoes, review.deductions = [int(v) for v in vetoes], {str(k): str(v) for k, v in deductions.items()}
    review.score, review.grade, review.scored_on, review.comment = score, grade, on, comment
    review.full_clean()
    review.save()
    audit_log(actor=actor, action="enforcement.review.score", target=review, request_id=request_id,
              data={"score": score, "grade": grade, "vetoes": review.vetoes, "deductions": review.deductions})
    return review


# -- historical import and bulk load -----------------------------------------------------------------
IMPORT_FIELDS = {"organization", "number", "kind", "procedure", "title", "party_type", "party_name", "party_id_number",
                 "party_credit_code", "filed_on", "decided_on", "decision_number", "penalty_kind", "fine_amount",
                 "published_on", "closed_on", "is_major", "reviewed_on", "officer_certs"}


@transaction.atomic
def case_import(*, actor, officer_certs=(), request_id: str = "", **data) -> Case:
    """A historical (closed or decided) case from a ledger: recorded as it was, flagged ``imported``.

    The procedure is not replayed (it happened before the platform); identifiers, dates and officers
    are checked. Officers are named by 执法证号 and must be registered in the unit."""
    unknown = set(data) - IMPORT_FIELDS
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    org = data.get("organization")
    if org is None:
        raise ValidationError({"organization": "请填写所属单位。"})
    _require_write(actor, org)
    data = _clean_party(dict(data))
    data["title"] = _text(data.get("title"), "title", "请填写案由。")
    data["party_name"] = _text(data.get("party_name"), "party_name", "请填写当事人。")
    filed = _date(data.get("filed_on"), "filed_on", "立案日期")
    for key, label in (("decided_on", "决定日期"), ("published_on", "公示日期"), ("closed_on", "结案日期"),
                       ("reviewed_on", "法制审核日期")):
        if data.get(key) and data[key] < filed:
            raise ValidationError({key: f"{label}不能早于立案日期。"})
    if data.get("published_on") and not data.get("decided_on"):
        raise ValidationError({"published_on": "未作出决定的案件不能有公示日期。"})
    if data.get("decided_on") and not (data.get("decision_number") or "").strip():
        raise ValidationError({"decision_number": "已作出决定的，请填写决定书文号。"})
    certs = [c.strip().upper() for c in officer_certs or [] if c.strip()]
    found = {o.cert_no: o for o in Officer.objects.filter(cert_no__in=certs, organization__path__startswith=org.path)}
    missing = [c for c in certs if c not in found]
    if missing:
        raise ValidationError({"officer_certs": f"执法证号 {'、'.join(missing)} 未在本单位登记。"})
    if data.get("number") and Case.objects.filter(organization=org, number=data["number"]).exists():
        raise ValidationError({"number": f"案号 {data['number']} 已经存在。"})
    data.setdefault("procedure", Procedure.ORDINARY)
    data["procedure"] = data.get("procedure") or Procedure.ORDINARY
    state = S.CLOSED if data.get("closed_on") else (S.DECIDED if data.get("decided_on") else S.FILED)
    case = Case(**{k: v for k, v in data.items() if v is not None}, state=state, imported=True)
    if case.kind == Category.PENALTY and case.procedure == Procedure.ORDINARY:
        case.decision_due = rules.due("penalty.decision", filed)
    if case.decided_on:
        rule = "publicity.double" if case.kind in DOUBLE_PUBLICITY_KINDS else "publicity.enforcement_decision"
        case.publicity_due = rules.due(rule, case.decided_on)
    case.full_clean()
    case.save()
    case.officers.set(found.values())
    audit_log(actor=actor, action="enforcement.case.import", target=case, request_id=request_id,
              data={"after": snapshot(case, _fields(Case)), "officers": certs})
    return case


register_actions({"enforcement.case.import": "导入历史执法案件"})


@transaction.atomic
def draw_open_inspections(*, actor, draw: RandomDraw, filed_on, request_id: str = "") -> list[Case]:
    """Open one 行政检查 case per drawn target, with the drawn officers (certificates checked on ``filed_on``)."""
    _require_write(actor, draw.organization)
    _date(filed_on, "filed_on", "检查日期", draw.drawn_on, "抽取日期")
    if Case.objects.filter(organization=draw.organization, kind=Category.INSPECTION,
                           number__startswith=f"{draw.code}".upper()[:8]).exists():
        raise ValidationError("本次抽查的检查案件已经建立。")
    targets = {str(t.code): t for t in InspectionTarget.objects.filter(code__in=[r["target"] for r in draw.result])}
    officers = {str(o.code): o for o in Officer.objects.filter(code__in={c for r in draw.result for c in r["officers"]})}
    out = []
    for k, row in enumerate(draw.result, 1):
        t = targets[row["target"]]
        party = {"party_type": PartyType.ORGANIZATION, "party_credit_code": t.credit_code} if t.credit_code else None
        if party is None:
            raise ValidationError(f"检查对象“{t.name}”没有登记统一社会信用代码，请先补登。")
        out.append(case_file(actor=actor, officers=[officers[c] for c in row["officers"]],
                             organization=draw.organization, kind=Category.INSPECTION, item=draw.item,
                             title=f"{draw.title}：{t.name}", number=f"{str(draw.code).upper()[:8]}-{k}",
                             party_name=t.name, party_address=t.address, filed_on=filed_on, request_id=request_id,
                             **party))
    return out
