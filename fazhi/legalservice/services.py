"""Writes of the 公共法律服务 module. One code path for forms, API, Excel import and the demo.

Each service: keyword-only, ``@transaction.atomic``, permission (``can_write`` on the owning
organization; ``actor=None`` is the system), ``full_clean()``, save, ``audit_log``.

Legal aid (《中华人民共和国法律援助法》, 2021):
- 第四十三条: review and decide within 7 days of receiving an application (deadline
  ``legalaid.review``); once aid is granted, assign within 3 days (``legalaid.assign``); a refusal
  is written, with reasons.
- 第三十六条: on a notice from the court, procuratorate or police, assign a lawyer within 3 days
  (``legalaid.criminal_assign``).
- 第三十二条 / 第四十二条: categories not subject to / exempt from the economic-hardship check;
  第四十一条: otherwise the hardship is stated and checked.
- 第二十六条: cases that may bring life imprisonment or death need a lawyer with 3+ years' practice.
- Archiving within 30 days of closing (``legalaid.archive``, 《办理法律援助案件程序规定》, U).
"""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django_fsm import can_proceed

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.choices import Role
from fazhi.core.deadlines import compute_due, deadline_done, deadline_register
from fazhi.core.models import Deadline, Organization
from fazhi.core.scoping import can_write, has_role
from fazhi.lib.validators import validate_id_number
from fazhi.legalservice.choices import AidCaseType, AidSource, AidStatus, Eligibility, TerminationGround
from fazhi.legalservice.models import (Activity, ActivityKind, AidCase, Consultation, Lawyer, Notarization,
                                       ServicePoint)

register_actions({
    "legalservice.lawyer.create": "新增法律援助律师",
    "legalservice.lawyer.update": "修改法律援助律师",
    "legalservice.aid.receive": "收到法律援助申请",
    "legalservice.aid.notice": "收到通知辩护/代理",
    "legalservice.aid.grant": "决定给予法律援助",
    "legalservice.aid.refuse": "决定不予法律援助",
    "legalservice.aid.assign": "指派法律援助律师",
    "legalservice.aid.update": "修改法律援助案件信息",
    "legalservice.aid.request_materials": "一次性告知补充材料",
    "legalservice.aid.withdraw": "法律援助申请视为撤回",
    "legalservice.aid.terminate": "终止法律援助",
    "legalservice.aid.close": "法律援助案件结案",
    "legalservice.aid.archive": "法律援助案件归档",
    "legalservice.aid.bulk_load": "批量载入法律援助案件",
    "legalservice.notarization.create": "登记公证事项",
    "legalservice.notarization.update": "修改公证事项",
    "legalservice.consultation.create": "登记法律咨询",
    "legalservice.consultation.update": "修改法律咨询",
    "legalservice.activity.create": "登记活动",
    "legalservice.activity.update": "修改活动",
    "legalservice.activity_kind.create": "新增活动类别",
    "legalservice.activity_kind.update": "修改活动类别",
    "legalservice.point.create": "新增公共法律服务平台",
    "legalservice.point.update": "修改公共法律服务平台",
    "legalservice.bulk_load": "批量载入公共法律服务记录",
})

ARCHIVE_RULE = "legalaid.archive"


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有在该单位登记或修改公共法律服务记录的权限。")


def _fields(model) -> list[str]:
    skip = {"id", "code", "created_at", "updated_at"}
    return [f.name for f in model._meta.concrete_fields if f.name not in skip]


def _snap(obj, fields: list[str]) -> dict:
    """``audit.snapshot`` with foreign keys stored as their names (所属单位, 承办律师, 活动类别), not
    primary keys, so the history page reads “同心县司法局” rather than “13”."""
    out = snapshot(obj, fields)
    for f in obj._meta.concrete_fields:
        if f.name in out and f.is_relation and out[f.name] is not None:
            out[f.name] = str(getattr(obj, f.name))
    return out


def _created(obj, fields: list[str]) -> dict:
    """A creation snapshot without the empty fields (a new case has some thirty, mostly blank)."""
    return {k: v for k, v in _snap(obj, fields).items() if v not in (None, "")}


STEP_FIELDS = ["status", "accepted_on", "materials_requested_on", "materials_requested", "withdrawn_on",
               "terminated_on", "termination_ground", "termination_note", "refused_on", "refusal_reason", "lawyer",
               "assigned_on", "closed_on", "outcome", "money_recovered", "archive_due", "archived_on",
               "quality_score", "quality_grade", "archived_late"]


def _step_data(case: AidCase, before: dict, **extra) -> dict:
    """A workflow step's audit data: the fields it changed (shown with their Chinese names and
    choice labels on the history page), plus named extras."""
    return {"changes": diff(before, _snap(case, STEP_FIELDS)), **extra}


def _url(name: str, obj) -> str:
    return reverse(f"legalservice:{name}", args=[obj.code])


def _deadline(case: AidCase, rule_code: str) -> Deadline | None:
    return Deadline.objects.filter(rule__code=rule_code, target_type="legalservice.aidcase",
                                   target_id=str(case.code)).first()


def _close_deadline(actor, case: AidCase, rule_code: str, request_id: str) -> None:
    dl = _deadline(case, rule_code)
    if dl is not None:
        deadline_done(actor=actor, deadline=dl, request_id=request_id)


def _not_future(value: datetime.date, field: str, label: str) -> None:
    if value > datetime.date.today():
        raise ValidationError({field: f"{label}不能晚于今天。"})


def _not_before(value: datetime.date, earlier: datetime.date | None, field: str, msg: str) -> None:
    if earlier and value < earlier:
        raise ValidationError({field: msg})


def _next_number(organization: Organization, year: int) -> str:
    prefix = f"法援〔{year}〕"
    n = AidCase.objects.filter(organization=organization, number__startswith=prefix).count() + 1
    while AidCase.objects.filter(organization=organization, number=f"{prefix}{n}号").exists():
        n += 1
    return f"{prefix}{n}号"


# -- lawyer roster -------------------------------------------------------------------------------

@transaction.atomic
def lawyer_create(*, actor, organization: Organization, name: str, firm: str, license_no: str, phone: str = "",
                  years_practice: int = 0, is_active: bool = True, request_id: str = "") -> Lawyer:
    _require_write(actor, organization)
    lawyer = Lawyer(organization=organization, name=name.strip(), firm=firm.strip(), license_no=license_no.strip(),
                    phone=phone.strip(), years_practice=years_practice, is_active=is_active)
    lawyer.full_clean()
    lawyer.save()
    audit_log(actor=actor, action="legalservice.lawyer.create", target=lawyer,
              data={"after": _created(lawyer, _fields(Lawyer))}, request_id=request_id)
    return lawyer


@transaction.atomic
def lawyer_update(*, actor, lawyer: Lawyer, data: dict, request_id: str = "") -> Lawyer:
    _require_write(actor, lawyer.organization)
    allowed = {"name", "firm", "license_no", "phone", "years_practice", "is_active"}
    before = _snap(lawyer, _fields(Lawyer))
    for key, value in data.items():
        if key not in allowed:
            raise ValidationError({key: "该字段不可修改。"})
        setattr(lawyer, key, value)
    lawyer.full_clean()
    lawyer.save()
    audit_log(actor=actor, action="legalservice.lawyer.update", target=lawyer,
              data={"changes": diff(before, _snap(lawyer, _fields(Lawyer)))}, request_id=request_id)
    return lawyer


# -- legal aid -----------------------------------------------------------------------------------

@transaction.atomic
def aid_application_receive(*, actor, organization: Organization, case_type: str, applicant_name: str,
                            applicant_id_number: str, matter: str, eligibility: str, received_on: datetime.date,
                            hardship_note: str = "", applicant_phone: str = "", applicant_address: str = "",
                            number: str = "", severe_penalty: bool = False, request_id: str = "") -> AidCase:
    """An application (法律援助法 第三十八条) is received: the 7-day review clock starts (第四十三条)."""
    _require_write(actor, organization)
    try:
        id_number = validate_id_number(applicant_id_number or "")
    except ValidationError as exc:
        raise ValidationError({"applicant_id_number": exc.messages}) from exc
    if eligibility == Eligibility.NOTICE:
        raise ValidationError({"eligibility": "当事人申请须经经济困难审查或属于免予审查的情形"
                                              "（法律援助法第三十二条、第四十二条）。"})
    _not_future(received_on, "received_on", "收到申请日期")
    case = AidCase(organization=organization, source=AidSource.APPLICATION, case_type=case_type,
                   applicant_name=applicant_name.strip(), applicant_id_number=id_number,
                   applicant_phone=applicant_phone.strip(), applicant_address=applicant_address.strip(),
                   matter=matter.strip(), eligibility=eligibility, hardship_note=hardship_note.strip(),
                   received_on=received_on, severe_penalty=severe_penalty,
                   number=number.strip() or _next_number(organization, received_on.year))
    case.full_clean()
    case.save()
    deadline_register(actor=actor, organization=organization, rule_code="legalaid.review", target=case,
                      title=f"法律援助申请审查：{case.number}", url=_url("aid_detail", case),
                      start_date=received_on, request_id=request_id)
    audit_log(actor=actor, action="legalservice.aid.receive", target=case,
              data={"after": _created(case, _fields(AidCase))}, request_id=request_id)
    return case


@transaction.atomic
def aid_notice_receive(*, actor, organization: Organization, notifying_authority: str, applicant_name: str,
                       matter: str, received_on: datetime.date, notice_number: str = "",
                       applicant_id_number: str = "", case_type: str = AidCaseType.CRIMINAL, number: str = "",
                       severe_penalty: bool = False, request_id: str = "") -> AidCase:
    """A criminal 通知辩护 (法律援助法 第二十五条、第三十六条): accepted on receipt, no hardship
    check; a lawyer must be assigned within 3 days of the notice."""
    _require_write(actor, organization)
    if case_type != AidCaseType.CRIMINAL:
        raise ValidationError({"case_type": "通知辩护限于刑事案件（法律援助法第三十六条）。"})
    id_number = ""
    if applicant_id_number:
        try:
            id_number = validate_id_number(applicant_id_number)
        except ValidationError as exc:
            raise ValidationError({"applicant_id_number": exc.messages}) from exc
    _not_future(received_on, "received_on", "收到通知日期")
    case = AidCase(organization=organization, source=AidSource.NOTICE, case_type=case_type,
                   notifying_authority=notifying_authority, notice_number=notice_number.strip(),
                   applicant_name=applicant_name.strip(), applicant_id_number=id_number, matter=matter.strip(),
                   eligibility=Eligibility.NOTICE, received_on=received_on, accepted_on=received_on,
                   status=AidStatus.GRANTED, severe_penalty=severe_penalty,
                   number=number.strip() or _next_number(organization, received_on.year))
    case.full_clean()
    case.save()
    deadline_register(actor=actor, organization=organization, rule_code="legalaid.criminal_assign", target=case,
                      title=f"通知辩护指派律师：{case.number}", url=_url("aid_detail", case),
                      start_date=received_on, request_id=request_id)
    audit_log(actor=actor, action="legalservice.aid.notice", target=case,
              data={"after": _created(case, _fields(AidCase))}, request_id=request_id)
    return case


@transaction.atomic
def aid_grant(*, actor, case: AidCase, on: datetime.date, request_id: str = "") -> AidCase:
    """第四十三条: decide to give aid; the 3-day assignment clock starts."""
    _require_write(actor, case.organization)
    if not can_proceed(case.grant_art43):
        raise ValidationError(f"当前状态为“{case.get_status_display()}”，不能作出给予法律援助的决定（法律援助法第四十三条）。")
    _not_future(on, "on", "决定日期")
    _not_before(on, case.received_on, "on", "决定日期不能早于收到申请日期（法律援助法第四十三条）。")
    before = _snap(case, STEP_FIELDS)
    case.grant_art43(on)
    case.full_clean()
    case.save()
    _close_deadline(actor, case, "legalaid.review", request_id)
    deadline_register(actor=actor, organization=case.organization, rule_code="legalaid.assign", target=case,
                      title=f"法律援助指派：{case.number}", url=_url("aid_detail", case), start_date=on,
                      request_id=request_id)
    audit_log(actor=actor, action="legalservice.aid.grant", target=case,
              data=_step_data(case, before, 审查决定期限=compute_due("legalaid.review", case.received_on)),
              request_id=request_id)
    return case


@transaction.atomic
def aid_refuse(*, actor, case: AidCase, on: datetime.date, reason: str, request_id: str = "") -> AidCase:
    """第四十三条: a refusal is written and states its reasons."""
    _require_write(actor, case.organization)
    if not can_proceed(case.refuse_art43):
        raise ValidationError(f"当前状态为“{case.get_status_display()}”，不能作出不予法律援助的决定（法律援助法第四十三条）。")
    if not (reason or "").strip():
        raise ValidationError({"reason": "决定不给予法律援助的，应当书面告知申请人并说明理由（法律援助法第四十三条）。"})
    _not_future(on, "on", "决定日期")
    _not_before(on, case.received_on, "on", "决定日期不能早于收到申请日期（法律援助法第四十三条）。")
    before = _snap(case, STEP_FIELDS)
    case.refuse_art43(on, reason.strip())
    case.full_clean()
    case.save()
    _close_deadline(actor, case, "legalaid.review", request_id)
    audit_log(actor=actor, action="legalservice.aid.refuse", target=case,
              data=_step_data(case, before), request_id=request_id)
    return case


AID_EDITABLE = ["applicant_name", "applicant_id_number", "applicant_phone", "applicant_address", "matter",
                "hardship_note", "notice_number", "severe_penalty"]


@transaction.atomic
def aid_update(*, actor, case: AidCase, data: dict, request_id: str = "") -> AidCase:
    """Correct the particulars of a case (not its dates or workflow) until it is archived."""
    _require_write(actor, case.organization)
    if case.status == AidStatus.ARCHIVED:
        raise ValidationError("已归档的案件不能修改。")
    before = _snap(case, AID_EDITABLE)
    for key, value in data.items():
        if key not in AID_EDITABLE:
            raise ValidationError({key: "该字段不可修改。"})
        if key == "applicant_id_number" and (value or case.source == AidSource.APPLICATION):
            try:
                value = validate_id_number(value or "")
            except ValidationError as exc:
                raise ValidationError({"applicant_id_number": exc.messages}) from exc
        setattr(case, key, value.strip() if isinstance(value, str) else value)
    if case.severe_penalty and case.lawyer_id and case.lawyer.years_practice < 3:
        raise ValidationError({"severe_penalty": "已指派的律师执业不满三年，可能判处无期徒刑、死刑的案件须改派"
                                                 "具有三年以上相关执业经历的律师（法律援助法第二十六条）。"})
    case.full_clean()
    case.save()
    audit_log(actor=actor, action="legalservice.aid.update", target=case,
              data={"changes": diff(before, _snap(case, AID_EDITABLE))}, request_id=request_id)
    return case


@transaction.atomic
def aid_request_materials(*, actor, case: AidCase, on: datetime.date, items: str, request_id: str = "") -> AidCase:
    """第四十三条第二款: missing materials are listed ONCE (一次性告知)."""
    _require_write(actor, case.organization)
    if case.status != AidStatus.RECEIVED:
        raise ValidationError(f"当前状态为“{case.get_status_display()}”，审查已结束，不能再要求补充材料（法律援助法第四十三条第二款）。")
    if case.materials_requested_on:
        raise ValidationError("需要补充的材料应当一次性告知（法律援助法第四十三条第二款），"
                              f"本案已于{case.materials_requested_on:%Y年%m月%d日}告知。")
    if not (items or "").strip():
        raise ValidationError({"items": "请列明需要补充的全部材料（法律援助法第四十三条第二款：一次性告知）。"})
    _not_future(on, "on", "告知日期")
    _not_before(on, case.received_on, "on", "告知日期不能早于收到申请日期。")
    before = _snap(case, STEP_FIELDS)
    case.materials_requested_on = on
    case.materials_requested = items.strip()
    case.full_clean()
    case.save()
    audit_log(actor=actor, action="legalservice.aid.request_materials", target=case,
              data=_step_data(case, before), request_id=request_id)
    return case


@transaction.atomic
def aid_withdraw(*, actor, case: AidCase, on: datetime.date, request_id: str = "") -> AidCase:
    """第四十三条第二款: the applicant did not supply the materials after being told → 视为撤回."""
    _require_write(actor, case.organization)
    if not can_proceed(case.withdraw_art43):
        raise ValidationError(f"当前状态为“{case.get_status_display()}”，不能按撤回处理（法律援助法第四十三条第二款）。")
    if not case.materials_requested_on:
        raise ValidationError("只有一次性告知补充材料后申请人未按要求补充的，才视为撤回申请（法律援助法第四十三条第二款）。")
    _not_future(on, "on", "撤回日期")
    _not_before(on, case.materials_requested_on, "on", "视为撤回的日期不能早于告知补充材料的日期。")
    before = _snap(case, STEP_FIELDS)
    case.withdraw_art43(on)
    case.full_clean()
    case.save()
    _close_deadline(actor, case, "legalaid.review", request_id)
    audit_log(actor=actor, action="legalservice.aid.withdraw", target=case, data=_step_data(case, before),
              request_id=request_id)
    return case


@transaction.atomic
def aid_terminate(*, actor, case: AidCase, on: datetime.date, ground: str, note: str = "",
                  request_id: str = "") -> AidCase:
    """第四十八条: termination on a statutory ground (the applicant may object, 第四十九条)."""
    _require_write(actor, case.organization)
    if not can_proceed(case.terminate_art48):
        raise ValidationError(f"当前状态为“{case.get_status_display()}”，不能终止法律援助（法律援助法第四十八条）。")
    if ground not in TerminationGround.values:
        raise ValidationError({"ground": "请选择法律援助法第四十八条规定的终止事由。"})
    if ground == TerminationGround.OTHER and not (note or "").strip():
        raise ValidationError({"note": "“其他情形”须写明所依据的法律法规（法律援助法第四十八条第八项）。"})
    _not_future(on, "on", "终止日期")
    _not_before(on, case.accepted_on, "on", "终止日期不能早于受理日期。")
    before = _snap(case, STEP_FIELDS)
    case.terminate_art48(on, ground, (note or "").strip())
    case.full_clean()
    case.save()
    for rule in ("legalaid.assign", "legalaid.criminal_assign"):
        _close_deadline(actor, case, rule, request_id)
    audit_log(actor=actor, action="legalservice.aid.terminate", target=case,
              data=_step_data(case, before),
              request_id=request_id)
    return case


@transaction.atomic
def aid_assign(*, actor, case: AidCase, lawyer: Lawyer, on: datetime.date, request_id: str = "") -> AidCase:
    """第四十三条 / 第三十六条: assign a lawyer from the roster."""
    _require_write(actor, case.organization)
    article = "第三十六条" if case.source == AidSource.NOTICE else "第四十三条"
    if not can_proceed(case.assign_lawyer):
        raise ValidationError(f"当前状态为“{case.get_status_display()}”，不能指派律师（法律援助法{article}）。")
    if lawyer is None or not lawyer.is_active:
        raise ValidationError({"lawyer": "请从在册律师名单中选择承办律师。"})
    if not (lawyer.organization_id == case.organization_id
            or case.organization.path.startswith(lawyer.organization.path)
            or lawyer.organization.path.startswith(case.organization.path)):
        raise ValidationError({"lawyer": "该律师不在本单位的律师名册中。"})
    if case.severe_penalty and lawyer.years_practice < 3:
        raise ValidationError({"lawyer": "可能被判处无期徒刑、死刑的案件，应当指派具有三年以上相关执业经历的律师"
                                         "（法律援助法第二十六条）。"})
    _not_future(on, "on", "指派日期")
    _not_before(on, case.accepted_on, "on", f"指派日期不能早于受理日期（法律援助法{article}）。")
    before = _snap(case, STEP_FIELDS)
    case.assign_lawyer(lawyer, on)
    case.full_clean()
    case.save()
    _close_deadline(actor, case, "legalaid.criminal_assign" if case.source == AidSource.NOTICE else "legalaid.assign",
                    request_id)
    audit_log(actor=actor, action="legalservice.aid.assign", target=case,
              data=_step_data(case, before), request_id=request_id)
    return case


@transaction.atomic
def aid_close(*, actor, case: AidCase, on: datetime.date, outcome: str, money_recovered: Decimal | None = None,
              request_id: str = "") -> AidCase:
    """结案: the archiving clock (30 days, 《办理法律援助案件程序规定》) starts."""
    _require_write(actor, case.organization)
    if not can_proceed(case.close):
        raise ValidationError(f"当前状态为“{case.get_status_display()}”，未指派律师的案件不能结案。")
    if not (outcome or "").strip():
        raise ValidationError({"outcome": "请填写办理结果。"})
    _not_future(on, "on", "结案日期")
    _not_before(on, case.assigned_on, "on", "结案日期不能早于指派日期。")
    before = _snap(case, STEP_FIELDS)
    case.close(on, outcome.strip(), money_recovered)
    case.archive_due = compute_due(ARCHIVE_RULE, on)
    case.full_clean()
    case.save()
    deadline_register(actor=actor, organization=case.organization, rule_code=ARCHIVE_RULE, target=case,
                      title=f"法律援助案件归档：{case.number}", url=_url("aid_detail", case), start_date=on,
                      request_id=request_id)
    audit_log(actor=actor, action="legalservice.aid.close", target=case,
              data=_step_data(case, before), request_id=request_id)
    return case


@transaction.atomic
def aid_archive(*, actor, case: AidCase, on: datetime.date, quality_score: int, request_id: str = "") -> AidCase:
    """归档 and 质量评估 (法律援助法 第五十九条: the office checks the quality of the service)."""
    _require_write(actor, case.organization)
    if not can_proceed(case.archive):
        raise ValidationError(f"当前状态为“{case.get_status_display()}”，未结案的案件不能归档。")
    if quality_score is None or not 0 <= int(quality_score) <= 100:
        raise ValidationError({"quality_score": "质量评估得分应为0–100的整数（法律援助法第五十九条）。"})
    _not_future(on, "on", "归档日期")
    _not_before(on, case.closed_on, "on", "归档日期不能早于结案日期。")
    before = _snap(case, STEP_FIELDS)
    case.archive(on, int(quality_score))
    case.full_clean()
    case.save()
    _close_deadline(actor, case, ARCHIVE_RULE, request_id)
    audit_log(actor=actor, action="legalservice.aid.archive", target=case,
              data=_step_data(case, before), request_id=request_id)
    return case


# -- notarizations, consultations ----------------------------------------------------------------

@transaction.atomic
def notarization_create(*, actor, organization: Organization, number: str, matter_type: str, applicant_name: str,
                        notary: str, issued_on: datetime.date, accepted_on: datetime.date | None = None,
                        fee: Decimal | None = None, note: str = "", request_id: str = "") -> Notarization:
    _require_write(actor, organization)
    _not_future(issued_on, "issued_on", "出证日期")
    obj = Notarization(organization=organization, number=number.strip(), matter_type=matter_type,
                       applicant_name=applicant_name.strip(), notary=notary.strip(), issued_on=issued_on,
                       accepted_on=accepted_on, fee=fee, note=note.strip())
    obj.full_clean()
    obj.save()
    audit_log(actor=actor, action="legalservice.notarization.create", target=obj,
              data={"after": _created(obj, _fields(Notarization))}, request_id=request_id)
    return obj


@transaction.atomic
def consultation_create(*, actor, organization: Organization, channel: str, consulted_on: datetime.date, topic: str,
                        question: str, answer: str = "", follow_up: str = "", person_name: str = "",
                        phone: str = "", persons: int = 1, request_id: str = "") -> Consultation:
    _require_write(actor, organization)
    _not_future(consulted_on, "consulted_on", "咨询日期")
    obj = Consultation(organization=organization, channel=channel, consulted_on=consulted_on, topic=topic,
                       question=question.strip(), answer=answer.strip(), follow_up=follow_up.strip(),
                       person_name=person_name.strip(), phone=phone.strip(), persons=persons)
    obj.full_clean()
    obj.save()
    audit_log(actor=actor, action="legalservice.consultation.create", target=obj,
              data={"after": _created(obj, _fields(Consultation))}, request_id=request_id)
    return obj


NOTARIZATION_FIELDS = ["number", "matter_type", "applicant_name", "notary", "accepted_on", "issued_on", "fee", "note"]
CONSULTATION_FIELDS = ["channel", "consulted_on", "topic", "person_name", "phone", "question", "answer", "follow_up",
                       "persons"]


def _update(actor, obj, data, allowed, action, request_id, date_fields=()):
    _require_write(actor, obj.organization)
    before = _snap(obj, allowed)
    for key, value in data.items():
        if key not in allowed:
            raise ValidationError({key: "该字段不可修改。"})
        setattr(obj, key, value.strip() if isinstance(value, str) else value)
    for field, label in date_fields:
        if getattr(obj, field):
            _not_future(getattr(obj, field), field, label)
    obj.full_clean()
    obj.save()
    audit_log(actor=actor, action=action, target=obj, data={"changes": diff(before, _snap(obj, allowed))},
              request_id=request_id)
    return obj


@transaction.atomic
def notarization_update(*, actor, notarization: Notarization, data: dict, request_id: str = "") -> Notarization:
    return _update(actor, notarization, data, NOTARIZATION_FIELDS, "legalservice.notarization.update", request_id,
                   [("issued_on", "出证日期")])


@transaction.atomic
def consultation_update(*, actor, consultation: Consultation, data: dict, request_id: str = "") -> Consultation:
    return _update(actor, consultation, data, CONSULTATION_FIELDS, "legalservice.consultation.update", request_id,
                   [("consulted_on", "咨询日期")])


# -- activity kinds (data) and activities --------------------------------------------------------

def _require_kind_admin(actor) -> None:
    if actor is not None and not (getattr(actor, "is_superuser", False) or has_role(actor, Role.ADMIN)):
        raise PermissionDenied("只有法治办管理员可以维护活动类别。")


KIND_FIELDS = ["key", "name", "category", "count_unit", "amount_label", "reach_label", "description", "is_active",
               "sort_order"]


@transaction.atomic
def activity_kind_create(*, actor, key: str, name: str, category: str, count_unit: str = "场次",
                         amount_label: str = "", reach_label: str = "", description: str = "",
                         is_active: bool = True, sort_order: int = 0, request_id: str = "") -> ActivityKind:
    _require_kind_admin(actor)
    kind = ActivityKind(key=key.strip(), name=name.strip(), category=category, count_unit=count_unit.strip() or "场次",
                        amount_label=amount_label.strip(), reach_label=reach_label.strip(),
                        description=description.strip(), is_active=is_active, sort_order=sort_order)
    kind.full_clean()
    kind.save()
    audit_log(actor=actor, action="legalservice.activity_kind.create", target=kind,
              data={"after": _created(kind, KIND_FIELDS)}, request_id=request_id)
    return kind


@transaction.atomic
def activity_kind_update(*, actor, kind: ActivityKind, data: dict, request_id: str = "") -> ActivityKind:
    _require_kind_admin(actor)
    before = _snap(kind, KIND_FIELDS)
    for key, value in data.items():
        if key not in KIND_FIELDS or key == "key":
            raise ValidationError({key: "该字段不可修改。"})
        setattr(kind, key, value)
    if kind.activities.exists():
        if not kind.amount_label and kind.activities.exclude(amount=None).exists():
            raise ValidationError({"amount_label": "已有活动登记了金额，不能取消金额项。"})
        if not kind.reach_label and kind.activities.exclude(reach=None).exists():
            raise ValidationError({"reach_label": "已有活动登记了覆盖人次，不能取消该项。"})
    kind.full_clean()
    kind.save()
    audit_log(actor=actor, action="legalservice.activity_kind.update", target=kind,
              data={"changes": diff(before, _snap(kind, KIND_FIELDS))}, request_id=request_id)
    return kind


ACTIVITY_FIELDS = ["kind", "title", "held_on", "end_on", "place", "count", "amount", "reach", "note"]


def _build_activity(organization, kind, title, held_on, end_on, place, count, amount, reach, note) -> Activity:
    if kind is None or not kind.is_active:
        raise ValidationError({"kind": "请选择启用的活动类别。"})
    _not_future(held_on, "held_on", "活动日期")
    return Activity(organization=organization, kind=kind, title=title.strip(), held_on=held_on, end_on=end_on,
                    place=place.strip(), count=count, amount=amount, reach=reach, note=note.strip())


@transaction.atomic
def activity_create(*, actor, organization: Organization, kind: ActivityKind, title: str, held_on: datetime.date,
                    count: int = 1, end_on: datetime.date | None = None, place: str = "",
                    amount: Decimal | None = None, reach: int | None = None, note: str = "",
                    request_id: str = "") -> Activity:
    _require_write(actor, organization)
    obj = _build_activity(organization, kind, title, held_on, end_on, place, count, amount, reach, note)
    obj.full_clean()
    obj.save()
    audit_log(actor=actor, action="legalservice.activity.create", target=obj,
              data={"after": _created(obj, ACTIVITY_FIELDS)}, request_id=request_id)
    return obj


@transaction.atomic
def activity_update(*, actor, activity: Activity, data: dict, request_id: str = "") -> Activity:
    _require_write(actor, activity.organization)
    before = _snap(activity, ACTIVITY_FIELDS)
    for key, value in data.items():
        if key not in ACTIVITY_FIELDS:
            raise ValidationError({key: "该字段不可修改。"})
        setattr(activity, key, value)
    if not activity.kind.is_active and "kind" in data:
        raise ValidationError({"kind": "请选择启用的活动类别。"})
    activity.full_clean()
    activity.save()
    audit_log(actor=actor, action="legalservice.activity.update", target=activity,
              data={"changes": diff(before, _snap(activity, ACTIVITY_FIELDS))}, request_id=request_id)
    return activity


# -- service points (三大平台) --------------------------------------------------------------------

POINT_FIELDS = ["name", "level", "address", "phone", "hours", "services", "is_public", "sort_order"]


@transaction.atomic
def point_create(*, actor, organization: Organization, name: str, level: str, services: str, address: str = "",
                 phone: str = "", hours: str = "", is_public: bool = True, sort_order: int = 0,
                 request_id: str = "") -> ServicePoint:
    _require_write(actor, organization)
    point = ServicePoint(organization=organization, name=name.strip(), level=level, services=services.strip(),
                         address=address.strip(), phone=phone.strip(), hours=hours.strip(), is_public=is_public,
                         sort_order=sort_order)
    point.full_clean()
    point.save()
    audit_log(actor=actor, action="legalservice.point.create", target=point,
              data={"after": _created(point, POINT_FIELDS)}, request_id=request_id)
    return point


@transaction.atomic
def point_update(*, actor, point: ServicePoint, data: dict, request_id: str = "") -> ServicePoint:
    _require_write(actor, point.organization)
    before = _snap(point, POINT_FIELDS)
    for key, value in data.items():
        if key not in POINT_FIELDS:
            raise ValidationError({key: "该字段不可修改。"})
        setattr(point, key, value)
    point.full_clean()
    point.save()
    audit_log(actor=actor, action="legalservice.point.update", target=point,
              data={"changes": diff(before, _snap(point, POINT_FIELDS))}, request_id=request_id)
    return point
