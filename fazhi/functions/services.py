"""Writes of 政府职能. One code path for forms, API, Excel imports, the enforcement signal and the demo.

Each service: keyword-only, ``@transaction.atomic``, permission (``can_write`` on the owning
organization; ``actor=None`` is the system), ``full_clean()``, save, ``audit_log``. Rules:

- 权责清单: every adjustment (新增, 变更, 取消, 赋权乡镇, 下放执法事项) is a PowerAdjustment with its
  document and date; 变更/赋权/下放 close the current version and open a new one, so the list as of any
  date is exact. A clerk's correction of a typo (no adjustment) edits the version in place, audited.
- 主动公开: 条例第二十六条 — within 20 working days of forming (``disclosure.proactive``).
- 依申请公开: receipt date by 条例第三十一条; 补正 notice within 7 working days (第三十条) and the reply
  period restarts on receipt of the 补正; reply within 20 working days (第三十三条第二款,
  ``disclosure.reply``), one extension of at most 20 working days approved by the 工作机构负责人
  (``disclosure.reply_extension``); consulting a third party or another agency stops the clock
  (第三十三条第三款, a pause on the deadline); reply types of 第三十六条.
- 年度报告: departments by 1月31日, the government by 3月31日 (第四十九条).
- 双公示: 行政许可/行政处罚 decision information within 7 working days (国办发〔2018〕118号（六）,
  ``publicity.double``); a decision revoked or changed is taken down (118号: “及时”; counted as 3 working
  days, ``publicity.samr_withdraw``, 《市场监督管理行政处罚信息公示规定》第十一条); a 警告-only penalty is
  flagged as not published on the 国家企业信用信息公示系统 (同规定第二条第二款).
"""
from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.choices import OrgKind
from fazhi.core.deadlines import (
    MissingHolidayData,
    UnknownRule,
    deadline_done,
    deadline_pause,
    deadline_register,
    deadline_resume,
)
from fazhi.core.deadlines import compute_due as _compute_due
from fazhi.core.models import Deadline, Organization
from fazhi.core.scoping import can_write
from fazhi.functions import credit_fields as cf
from fazhi.functions.choices import (
    DELEGATION_KINDS,
    ENFORCEMENT_CATEGORIES,
    RECEIPT_BASIS,
    AdjustmentKind,
    CreditKind,
    CreditSource,
    CreditStatus,
    ReplyType,
    RequestChannel,
    RequestState,
    SubjectCategory,
)
from fazhi.functions.models import (
    AnnualReport,
    CreditActivity,
    CreditRecord,
    Disclosure,
    InfoRequest,
    NewMediaAccount,
    PowerAdjustment,
    PowerItem,
    ServiceItem,
    UpperServiceItem,
)
from fazhi.lib import validators

GKTL = "《政府信息公开条例》"
SXZD = "国办发〔2018〕118号"

register_actions({
    "functions.power.register": "登记权责事项（初始清单）",
    "functions.power.adjust": "调整权责清单",
    "functions.power.correct": "更正权责事项",
    "functions.service_item.create": "登记政务服务事项",
    "functions.service_item.update": "修改政务服务事项",
    "functions.upper_item.create": "登记上级政务服务事项",
    "functions.disclosure.create": "登记主动公开信息",
    "functions.disclosure.update": "修改主动公开信息",
    "functions.request.receive": "登记政府信息公开申请",
    "functions.request.update": "更正政府信息公开申请",
    "functions.request.correction": "告知补正",
    "functions.request.correction_received": "收到补正申请",
    "functions.request.abandon": "申请视为放弃",
    "functions.request.consult_start": "征求第三方/其他机关意见（暂停计时）",
    "functions.request.consult_end": "收到意见（恢复计时）",
    "functions.request.extend": "延长答复期限",
    "functions.request.reply": "答复申请",
    "functions.annual_report.save": "保存政府信息公开工作年度报告",
    "functions.media.create": "登记政务新媒体",
    "functions.media.update": "修改政务新媒体",
    "functions.credit.create": "登记双公示信息",
    "functions.credit.update": "更正双公示信息",
    "functions.credit.report": "报送双公示信息",
    "functions.credit.withdraw": "决定被撤销，撤下双公示信息",
    "functions.credit.taken_down": "双公示信息已撤下",
    "functions.credit_activity.create": "登记诚信建设活动",
    "functions.credit_activity.update": "修改诚信建设活动",
    "functions.bulk_load": "批量载入政府职能记录",
})


def compute_due(rule_code: str, start: datetime.date, pauses=()) -> datetime.date:
    """``core.deadlines.compute_due`` with its failures as a Chinese ValidationError (never a 500)."""
    try:
        return _compute_due(rule_code, start, pauses)
    except (MissingHolidayData, UnknownRule) as exc:
        raise ValidationError(str(exc)) from exc


def _register(**kw) -> Deadline:
    try:
        return deadline_register(**kw)
    except (MissingHolidayData, UnknownRule) as exc:
        raise ValidationError(str(exc)) from exc


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有在该单位办理政府职能事项的权限。")


def _fields(model) -> list[str]:
    skip = {"id", "code", "created_at", "updated_at"}
    return [f.name for f in model._meta.concrete_fields if f.name not in skip]


def _text(value, field: str, msg: str) -> str:
    value = (value or "").strip() if isinstance(value, str) else value
    if not value:
        raise ValidationError({field: msg})
    return value


def _date(value, field: str, label: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ValidationError({field: f"请填写{label}。"})
    return value


def _create(model, actor, action: str, request_id: str, **values):
    obj = model(**values)
    obj.full_clean()
    obj.save()
    audit_log(actor=actor, action=action, target=obj, request_id=request_id,
              data={"after": snapshot(obj, _fields(model))})
    return obj


def _update(obj, actor, action: str, data: dict, editable: set[str], request_id: str, extra: dict | None = None):
    _require_write(actor, obj.organization)
    model = type(obj)
    fresh = model.objects.select_for_update().get(pk=obj.pk)
    before = snapshot(fresh, _fields(model))
    for key, value in data.items():
        if key not in editable:
            raise ValidationError(f"字段“{key}”不能在此修改。")
        if key == "organization" and value != fresh.organization:
            _require_write(actor, value)
        setattr(fresh, key, value)
    fresh.full_clean()
    fresh.save()
    changes = diff(before, snapshot(fresh, _fields(model)))
    if changes:
        audit_log(actor=actor, action=action, target=fresh, request_id=request_id, data={"changes": changes, **(extra or {})})
    return fresh


# ==================================================================================================
# 权责清单
# ==================================================================================================

POWER_FIELDS = {"power_code", "name", "category", "legal_basis", "subject", "counterpart", "responsibilities",
                "accountability"}


def _clean_power_data(data: dict) -> dict:
    out = {k: v for k, v in data.items() if k in POWER_FIELDS}
    for key in ("power_code", "name", "subject"):
        if key in out and isinstance(out[key], str):
            out[key] = out[key].strip()
    resp = out.get("responsibilities")
    if resp is not None and not isinstance(resp, dict):
        raise ValidationError({"responsibilities": "责任事项格式错误。"})
    return out


def _no_duplicate_code(organization, code: str, exclude_pk=None) -> None:
    qs = PowerItem.objects.filter(organization=organization, power_code=code, valid_to__isnull=True)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"power_code": f"本单位已有现行有效的职权编码“{code}”。"})


@transaction.atomic
def power_register(*, actor, organization: Organization, valid_from: datetime.date, request_id: str = "",
                   **data) -> PowerItem:
    """An item of the list as first published (the baseline; later changes are adjustments)."""
    _require_write(actor, organization)
    _date(valid_from, "valid_from", "生效日期")
    data = _clean_power_data(data)
    _no_duplicate_code(organization, data.get("power_code", ""))
    return _create(PowerItem, actor, "functions.power.register", request_id, organization=organization,
                   valid_from=valid_from, **data)


def _adjustment(actor, request_id, *, organization, kind, adjusted_on, document, reason, before=None, after=None,
                township=None) -> PowerAdjustment:
    ref = after or before
    adj = PowerAdjustment(organization=organization, kind=kind, adjusted_on=adjusted_on, document=document,
                          reason=(reason or "").strip(), power_code=ref.power_code, power_name=ref.name,
                          item_before=before, item_after=after, township=township)
    adj.full_clean()
    adj.save()
    audit_log(actor=actor, action="functions.power.adjust", target=adj, request_id=request_id,
              data={"kind": kind, "document": document, "adjusted_on": adjusted_on,
                    "before": str(before.code) if before else None, "after": str(after.code) if after else None,
                    "township": township.name if township else None})
    return adj


def _adjust_common(document, adjusted_on):
    document = _text(document, "document", "权责清单调整须载明依据文件（名称及文号）。")
    _date(adjusted_on, "adjusted_on", "调整日期")
    return document


def _current(item: PowerItem, adjusted_on: datetime.date) -> PowerItem:
    item = PowerItem.objects.select_for_update().get(pk=item.pk)
    if item.valid_to is not None:
        raise ValidationError(f"该事项已于 {item.valid_to:%Y-%m-%d} 失效（已被调整或取消），请对现行版本办理调整。")
    if adjusted_on <= item.valid_from:
        raise ValidationError({"adjusted_on": f"调整日期应晚于该版本的生效日期 {item.valid_from:%Y-%m-%d}。"})
    return item


@transaction.atomic
def power_add(*, actor, organization: Organization, adjusted_on: datetime.date, document: str, reason: str = "",
              request_id: str = "", **data) -> PowerAdjustment:
    """新增 an item to the list from ``adjusted_on``."""
    _require_write(actor, organization)
    document = _adjust_common(document, adjusted_on)
    data = _clean_power_data(data)
    _no_duplicate_code(organization, data.get("power_code", ""))
    item = PowerItem(organization=organization, valid_from=adjusted_on, **data)
    item.full_clean()
    item.save()
    return _adjustment(actor, request_id, organization=organization, kind=AdjustmentKind.ADD, adjusted_on=adjusted_on,
                       document=document, reason=reason, after=item)


def _successor(item: PowerItem, adjusted_on, **changes) -> PowerItem:
    values = {f: getattr(item, f) for f in POWER_FIELDS}
    values.update(delegated_to=item.delegated_to, delegation_kind=item.delegation_kind)
    values.update(changes)
    new = PowerItem(organization=item.organization, valid_from=adjusted_on, previous=item, **values)
    item.valid_to = adjusted_on
    item.full_clean()
    item.save(update_fields=["valid_to", "updated_at"])
    new.full_clean()
    new.save()
    return new


@transaction.atomic
def power_change(*, actor, item: PowerItem, adjusted_on: datetime.date, document: str, reason: str = "",
                 request_id: str = "", **data) -> PowerAdjustment:
    """变更: the current version ends the day before ``adjusted_on``; a new version holds the changes."""
    _require_write(actor, item.organization)
    document = _adjust_common(document, adjusted_on)
    item = _current(item, adjusted_on)
    data = _clean_power_data(data)
    if not any(getattr(item, k) != v for k, v in data.items()):
        raise ValidationError("没有需要变更的内容。")
    if data.get("power_code") and data["power_code"] != item.power_code:
        _no_duplicate_code(item.organization, data["power_code"], exclude_pk=item.pk)
    new = _successor(item, adjusted_on, **data)
    return _adjustment(actor, request_id, organization=item.organization, kind=AdjustmentKind.CHANGE,
                       adjusted_on=adjusted_on, document=document, reason=reason, before=item, after=new)


@transaction.atomic
def power_cancel(*, actor, item: PowerItem, adjusted_on: datetime.date, document: str, reason: str = "",
                 request_id: str = "") -> PowerAdjustment:
    _require_write(actor, item.organization)
    document = _adjust_common(document, adjusted_on)
    item = _current(item, adjusted_on)
    _text(reason, "reason", "取消权责事项须说明理由。")
    item.valid_to = adjusted_on
    item.full_clean()
    item.save(update_fields=["valid_to", "updated_at"])
    return _adjustment(actor, request_id, organization=item.organization, kind=AdjustmentKind.CANCEL,
                       adjusted_on=adjusted_on, document=document, reason=reason, before=item)


@transaction.atomic
def power_delegate(*, actor, item: PowerItem, kind: str, township: Organization, adjusted_on: datetime.date,
                   document: str, reason: str = "", request_id: str = "") -> PowerAdjustment:
    """赋权乡镇 / 下放执法事项 (基层整合审批服务执法力量改革): the township exercises the power from
    ``adjusted_on``; the item stays on its department's list, marked with the township."""
    _require_write(actor, item.organization)
    if kind not in DELEGATION_KINDS:
        raise ValidationError({"kind": "调整类型应为“赋权乡镇”或“下放执法事项”。"})
    document = _adjust_common(document, adjusted_on)
    if township is None or township.kind != OrgKind.TOWNSHIP:
        raise ValidationError({"township": "承接单位须为乡镇（街道）人民政府。"})
    item = _current(item, adjusted_on)
    if kind == AdjustmentKind.DELEGATE and item.category not in ENFORCEMENT_CATEGORIES:
        raise ValidationError({"kind": "下放执法事项限于行政处罚、行政强制、行政检查、行政征收类事项；"
                                       "其他事项请按“赋权乡镇”办理。"})
    if item.delegated_to_id == township.id:
        raise ValidationError({"township": f"该事项已由{township.name}行使。"})
    new = _successor(item, adjusted_on, delegated_to=township, delegation_kind=kind)
    return _adjustment(actor, request_id, organization=item.organization, kind=kind, adjusted_on=adjusted_on,
                       document=document, reason=reason, before=item, after=new, township=township)


@transaction.atomic
def power_correct(*, actor, item: PowerItem, data: dict, request_id: str = "") -> PowerItem:
    """Correct a mistake in a version (no adjustment: the list did not change, the record was wrong)."""
    data = _clean_power_data(data)
    if "power_code" in data and data["power_code"] != item.power_code and item.valid_to is None:
        _no_duplicate_code(item.organization, data["power_code"], exclude_pk=item.pk)
    return _update(item, actor, "functions.power.correct", data, POWER_FIELDS, request_id)


# ==================================================================================================
# 政务服务事项
# ==================================================================================================

SERVICE_EDITABLE = {"item_code", "name", "item_type", "department", "agency", "basis", "level", "parent", "online", "depth",
                    "in_force", "time_limit_days"}


def _strip(data: dict, keys=("item_code", "name", "department", "agency", "basis")) -> dict:
    return {k: (v.strip() if k in keys and isinstance(v, str) else v) for k, v in data.items()}


@transaction.atomic
def service_item_create(*, actor, organization: Organization, request_id: str = "", **data) -> ServiceItem:
    _require_write(actor, organization)
    data = _strip(data)
    parent = data.get("parent")
    if parent is not None and parent.organization_id != organization.id:
        raise ValidationError({"parent": "上级事项须属于同一单位。"})
    if ServiceItem.objects.filter(organization=organization, item_code=data.get("item_code", "")).exists():
        raise ValidationError({"item_code": f"本单位已有事项编码“{data.get('item_code')}”。"})
    return _create(ServiceItem, actor, "functions.service_item.create", request_id, organization=organization, **data)


@transaction.atomic
def service_item_update(*, actor, item: ServiceItem, data: dict, request_id: str = "") -> ServiceItem:
    data = _strip(data)
    if "item_code" in data and ServiceItem.objects.filter(organization=item.organization,
                                                          item_code=data["item_code"]).exclude(pk=item.pk).exists():
        raise ValidationError({"item_code": f"本单位已有事项编码“{data['item_code']}”。"})
    if data.get("parent") is not None and data["parent"].pk == item.pk:
        raise ValidationError({"parent": "上级事项不能是本事项。"})
    return _update(item, actor, "functions.service_item.update", data, SERVICE_EDITABLE, request_id)


@transaction.atomic
def upper_item_create(*, actor, organization: Organization, request_id: str = "", **data) -> UpperServiceItem:
    _require_write(actor, organization)
    data = _strip(data)
    if UpperServiceItem.objects.filter(organization=organization, item_code=data.get("item_code", "")).exists():
        raise ValidationError({"item_code": f"上级目录中已有事项编码“{data.get('item_code')}”。"})
    return _create(UpperServiceItem, actor, "functions.upper_item.create", request_id, organization=organization,
                   **data)


# ==================================================================================================
# 主动公开
# ==================================================================================================

PROACTIVE_RULE = "disclosure.proactive"
DISCLOSURE_EDITABLE = {"title", "area", "doc_number", "formed_on", "published_on", "channel", "url"}


def _disclosure_deadline(actor, d: Disclosure, request_id: str):
    from django.urls import reverse
    dl = _register(actor=actor, organization=d.organization, rule_code=PROACTIVE_RULE, target=d,
                   title=f"主动公开：{d.title}"[:200], url=reverse("functions:disclosure_edit", args=[d.code]),
                   start_date=d.formed_on, request_id=request_id)
    if d.published_on:
        deadline_done(actor=actor, deadline=dl, request_id=request_id)
    return dl


@transaction.atomic
def disclosure_create(*, actor, organization: Organization, request_id: str = "", **data) -> Disclosure:
    """Register an item; its 20-working-day clock (条例第二十六条) runs from the day it was formed."""
    _require_write(actor, organization)
    d = Disclosure(organization=organization, **_strip(data, ("title", "doc_number", "url")))
    _date(d.formed_on, "formed_on", "形成日期")
    d.due_on = compute_due(PROACTIVE_RULE, d.formed_on)
    d.full_clean()
    d.save()
    audit_log(actor=actor, action="functions.disclosure.create", target=d, request_id=request_id,
              data={"after": snapshot(d, _fields(Disclosure))})
    _disclosure_deadline(actor, d, request_id)
    return d


@transaction.atomic
def disclosure_update(*, actor, disclosure: Disclosure, data: dict, request_id: str = "") -> Disclosure:
    if "formed_on" in data:
        _date(data["formed_on"], "formed_on", "形成日期")
    d = _update(disclosure, actor, "functions.disclosure.update", data, DISCLOSURE_EDITABLE, request_id)
    due = compute_due(PROACTIVE_RULE, d.formed_on)
    if due != d.due_on:
        d.due_on = due
        d.save(update_fields=["due_on", "updated_at"])
    _disclosure_deadline(actor, d, request_id)
    return d


# ==================================================================================================
# 依申请公开
# ==================================================================================================

REPLY_RULE = "disclosure.reply"
EXTENSION_RULE = "disclosure.reply_extension"
CORRECTION_RULE = "disclosure.correction_notice"
REQUEST_EDITABLE = {"applicant_kind", "applicant_name", "applicant_id", "applicant_phone", "applicant_address",
                    "content"}
# 条例第三十六条: replies that must state reasons or name the competent agency.
REASONED_REPLIES = {ReplyType.REFUSE: "不予公开的，应当告知申请人不予公开并说明理由（条例第三十六条第三项）。",
                    ReplyType.NOT_OURS: "不属于本机关负责公开的，应当告知申请人并说明理由；能够确定负责公开机关的，"
                                        "告知其名称、联系方式（条例第三十六条第五项）。",
                    ReplyType.NOT_EXIST: "经检索没有所申请公开信息的，告知申请人该政府信息不存在（条例第三十六条第四项）。",
                    ReplyType.PARTIAL: "部分公开的，应当说明不予公开部分的理由（条例第三十七条）。"}


def receipt_date(channel: str, submitted_on: datetime.date, confirmed_on: datetime.date | None) -> datetime.date:
    """条例第三十一条: 当面 = submission day; post = 签收 day; ordinary letter = confirmation with the
    applicant (on the day it arrives); internet / fax = the day both sides confirmed."""
    if channel == RequestChannel.IN_PERSON:
        if confirmed_on and confirmed_on != submitted_on:
            raise ValidationError({"received_on": "当面提交的，以提交之日为收到申请之日（条例第三十一条第一项）。"})
        return submitted_on
    if confirmed_on is None:
        label = {"registered_post": "签收日期", "ordinary_post": "与申请人确认日期"}.get(channel, "双方确认日期")
        raise ValidationError({"received_on": f"请填写{label}：以该日为收到申请之日（条例第三十一条）。"})
    if confirmed_on < submitted_on:
        raise ValidationError({"received_on": "收到申请之日不能早于提交日期。"})
    return confirmed_on


def request_deadline(req: InfoRequest) -> Deadline | None:
    """The running reply clock: the extension if there is one, else the reply deadline."""
    qs = Deadline.objects.filter(target_type="functions.inforequest", target_id=str(req.code)).select_related("rule")
    ext = qs.filter(rule__code=EXTENSION_RULE).first()
    return ext or qs.filter(rule__code=REPLY_RULE).first()


def _reply_deadline(actor, req, request_id):
    from django.urls import reverse
    dl = _register(actor=actor, organization=req.organization, rule_code=REPLY_RULE, target=req,
                   title=f"依申请公开答复：{req.number}", url=reverse("functions:request_detail", args=[req.code]),
                   start_date=req.reply_start, request_id=request_id)
    req.reply_due = dl.due_date
    return dl


def _next_number(organization, year: int) -> str:
    n = InfoRequest.objects.filter(organization=organization, number__startswith=f"依申请〔{year}〕").count() + 1
    while InfoRequest.objects.filter(organization=organization, number=f"依申请〔{year}〕{n}号").exists():
        n += 1
    return f"依申请〔{year}〕{n}号"


@transaction.atomic
def request_receive(*, actor, organization: Organization, applicant_kind: str, applicant_name: str, channel: str,
                    submitted_on: datetime.date, content: str, received_on: datetime.date | None = None,
                    number: str = "", applicant_id: str = "", applicant_phone: str = "", applicant_address: str = "",
                    request_id: str = "") -> InfoRequest:
    _require_write(actor, organization)
    _date(submitted_on, "submitted_on", "提交日期")
    if channel not in RequestChannel.values:
        raise ValidationError({"channel": "请选择提交方式。"})
    received = receipt_date(channel, submitted_on, received_on)
    applicant_id = validators.normalize_ascii(applicant_id or "").upper()
    if applicant_id:
        try:
            (validators.validate_id_number if applicant_kind == "citizen" else validators.validate_credit_code)(
                applicant_id)
        except ValidationError as exc:
            raise ValidationError({"applicant_id": exc.messages}) from exc
    number = (number or "").strip() or _next_number(organization, received.year)
    if InfoRequest.objects.filter(organization=organization, number=number).exists():
        raise ValidationError({"number": f"申请编号“{number}”已存在。"})
    req = InfoRequest(organization=organization, number=number, applicant_kind=applicant_kind,
                      applicant_name=(applicant_name or "").strip(), applicant_id=applicant_id,
                      applicant_phone=applicant_phone, applicant_address=applicant_address, channel=channel,
                      submitted_on=submitted_on, received_on=received, receipt_basis=RECEIPT_BASIS[channel],
                      content=(content or "").strip(), reply_start=received)
    req.full_clean(exclude=["reply_due"])
    req.save()
    _reply_deadline(actor, req, request_id)
    req.save(update_fields=["reply_due"])
    audit_log(actor=actor, action="functions.request.receive", target=req, request_id=request_id,
              data={"received_on": received, "basis": req.receipt_basis, "reply_due": req.reply_due})
    return req


@transaction.atomic
def request_update(*, actor, req: InfoRequest, data: dict, request_id: str = "") -> InfoRequest:
    if data.get("applicant_id"):
        value = validators.normalize_ascii(data["applicant_id"]).upper()
        kind = data.get("applicant_kind", req.applicant_kind)
        try:
            (validators.validate_id_number if kind == "citizen" else validators.validate_credit_code)(value)
        except ValidationError as exc:
            raise ValidationError({"applicant_id": exc.messages}) from exc
        data = {**data, "applicant_id": value}
    return _update(req, actor, "functions.request.update", data, REQUEST_EDITABLE, request_id)


def _lock(req: InfoRequest) -> InfoRequest:
    _fresh = InfoRequest.objects.select_for_update().select_related("organization").get(pk=req.pk)
    return _fresh


def _step(req, actor, action, request_id, data):
    req.full_clean()
    req.save()
    audit_log(actor=actor, action=action, target=req, request_id=request_id, data=data)
    return req


@transaction.atomic
def request_correction(*, actor, req: InfoRequest, on: datetime.date, items: str, request_id: str = "") -> InfoRequest:
    """条例第三十条: an unclear application — tell the applicant once, within 7 working days of receipt,
    what to correct. The reply period then runs from receipt of the corrected application."""
    _require_write(actor, req.organization)
    req = _lock(req)
    if req.state != RequestState.RECEIVED or req.correction_notice_on:
        raise ValidationError("补正应在收到申请后一次性告知，且只能告知一次（条例第三十条）。")
    _date(on, "on", "补正告知日期")
    items = _text(items, "items", "请写明需要补正的事项和合理的补正期限（条例第三十条）。")
    if on < req.received_on:
        raise ValidationError({"on": "补正告知日期不能早于收到申请之日。"})
    limit = compute_due(CORRECTION_RULE, req.received_on)
    if on > limit:
        raise ValidationError({"on": f"应当自收到申请之日起7个工作日内（{limit:%Y-%m-%d}前）一次性告知补正（条例第三十条）。"})
    dl = request_deadline(req)
    if dl and on > dl.start_date:
        deadline_pause(actor=actor, deadline=dl, on=on, reason="告知补正，待收到补正申请后重新计算（条例第三十条）")
    req.correction_notice_on, req.correction_items = on, items
    req.state = RequestState.CORRECTION
    return _step(req, actor, "functions.request.correction", request_id, {"on": on, "items": items, "limit": limit})


@transaction.atomic
def request_correction_received(*, actor, req: InfoRequest, on: datetime.date, request_id: str = "") -> InfoRequest:
    """The reply period restarts on the day the corrected application arrives (条例第三十条)."""
    _require_write(actor, req.organization)
    req = _lock(req)
    if req.state != RequestState.CORRECTION:
        raise ValidationError("该申请不在待补正状态。")
    _date(on, "on", "收到补正日期")
    if on < req.correction_notice_on:
        raise ValidationError({"on": "收到补正日期不能早于补正告知日期。"})
    dl = request_deadline(req)
    if dl is not None:
        from fazhi.core.deadlines import open_pause
        if open_pause(dl) and on > datetime.date.fromisoformat(open_pause(dl)["from"]):
            deadline_resume(actor=actor, deadline=dl, on=on)
    req.correction_received_on = on
    req.reply_start = on
    req.state = RequestState.RECEIVED
    _reply_deadline(actor, req, request_id)
    return _step(req, actor, "functions.request.correction_received", request_id, {"on": on, "reply_due": req.reply_due})


@transaction.atomic
def request_abandon(*, actor, req: InfoRequest, on: datetime.date, request_id: str = "") -> InfoRequest:
    """条例第三十条: 申请人无正当理由逾期不补正的，视为放弃申请."""
    _require_write(actor, req.organization)
    req = _lock(req)
    if req.state != RequestState.CORRECTION:
        raise ValidationError("只有告知补正后逾期未补正的申请才能视为放弃（条例第三十条）。")
    _date(on, "on", "日期")
    if on <= req.correction_notice_on:
        raise ValidationError({"on": "视为放弃的日期应晚于补正告知日期。"})
    dl = request_deadline(req)
    if dl:
        deadline_done(actor=actor, deadline=dl)
    req.state = RequestState.ABANDONED
    req.replied_on = on
    return _step(req, actor, "functions.request.abandon", request_id, {"on": on})


@transaction.atomic
def request_consult_start(*, actor, req: InfoRequest, on: datetime.date, consultee: str, request_id: str = "") -> InfoRequest:
    """条例第三十二条、第三十四条: consult a third party / the co-producing agency; 第三十三条第三款: the time
    it takes does not count towards the reply period (the clock pauses from ``on``)."""
    _require_write(actor, req.organization)
    req = _lock(req)
    if req.state != RequestState.RECEIVED:
        raise ValidationError(f"当前状态为“{req.get_state_display()}”，不能征求意见。")
    _date(on, "on", "发出征求意见书日期")
    consultee = _text(consultee, "consultee", "请填写被征求意见的第三方或机关。")
    dl = request_deadline(req)
    if on <= dl.start_date:
        raise ValidationError({"on": "征求意见日期应晚于答复期限起算日。"})
    if on > dl.due_date:
        raise ValidationError({"on": f"答复期限已于 {dl.due_date:%Y-%m-%d} 届满，不能再以征求意见暂停计时。"})
    deadline_pause(actor=actor, deadline=dl, on=on,
                   reason=f"征求{consultee}意见，所需时间不计算在答复期限内（条例第三十三条第三款）")
    req.consultee, req.state = consultee, RequestState.CONSULTING
    return _step(req, actor, "functions.request.consult_start", request_id, {"on": on, "consultee": consultee})


@transaction.atomic
def request_consult_end(*, actor, req: InfoRequest, on: datetime.date, request_id: str = "") -> InfoRequest:
    """The opinion arrived (or the 15 working days of 第三十二条 passed): the clock restarts on ``on``."""
    _require_write(actor, req.organization)
    req = _lock(req)
    if req.state != RequestState.CONSULTING:
        raise ValidationError("该申请未处于征求意见状态。")
    _date(on, "on", "收到意见日期")
    dl = request_deadline(req)
    dl = deadline_resume(actor=actor, deadline=dl, on=on)
    req.reply_due = dl.due_date
    req.state = RequestState.RECEIVED
    return _step(req, actor, "functions.request.consult_end", request_id, {"on": on, "reply_due": req.reply_due})


@transaction.atomic
def request_extend(*, actor, req: InfoRequest, on: datetime.date, approver: str, reason: str,
                   request_id: str = "") -> InfoRequest:
    """条例第三十三条第二款: extended once, by at most 20 working days, approved by the head of the
    政府信息公开工作机构 and notified to the applicant, before the period runs out."""
    _require_write(actor, req.organization)
    req = _lock(req)
    if req.state != RequestState.RECEIVED:
        raise ValidationError(f"当前状态为“{req.get_state_display()}”，不能延长答复期限。")
    if req.extended_on:
        raise ValidationError("答复期限已经延长过一次，延长的期限最长不得超过20个工作日（条例第三十三条第二款）。")
    _date(on, "on", "延期告知日期")
    approver = _text(approver, "approver", "延长答复期限应当经政府信息公开工作机构负责人同意（条例第三十三条第二款）。")
    reason = _text(reason, "reason", "请写明延长答复期限的理由。")
    dl = request_deadline(req)
    if on < req.reply_start:
        raise ValidationError({"on": "延期日期不能早于答复期限起算日。"})
    if on > dl.due_date:
        raise ValidationError({"on": f"答复期限已于 {dl.due_date:%Y-%m-%d} 届满，应在届满前决定延期并告知申请人。"})
    from django.urls import reverse
    ext = _register(actor=actor, organization=req.organization, rule_code=EXTENSION_RULE, target=req,
                    title=f"依申请公开延期答复：{req.number}", url=reverse("functions:request_detail", args=[req.code]),
                    start_date=dl.due_date, request_id=request_id)
    deadline_done(actor=actor, deadline=dl)
    req.extended_on, req.extension_approver, req.extension_reason = on, approver, reason
    req.reply_due = ext.due_date
    return _step(req, actor, "functions.request.extend", request_id,
                 {"on": on, "approver": approver, "reply_due": req.reply_due})


@transaction.atomic
def request_reply(*, actor, req: InfoRequest, on: datetime.date, reply_type: str, reply_text: str = "",
                  reply_document: str = "", request_id: str = "") -> InfoRequest:
    _require_write(actor, req.organization)
    req = _lock(req)
    if req.state == RequestState.CORRECTION:
        raise ValidationError("申请待补正，收到补正申请后再答复（条例第三十条）。")
    if req.state == RequestState.CONSULTING:
        raise ValidationError("正在征求意见，请先登记收到意见（恢复计时）后再答复。")
    if req.state != RequestState.RECEIVED:
        raise ValidationError(f"当前状态为“{req.get_state_display()}”，不能答复。")
    _date(on, "on", "答复日期")
    if reply_type not in ReplyType.values:
        raise ValidationError({"reply_type": "请选择答复类型（条例第三十六条）。"})
    if on < req.reply_start:
        raise ValidationError({"on": "答复日期不能早于收到申请之日。"})
    if reply_type in REASONED_REPLIES and not (reply_text or "").strip():
        raise ValidationError({"reply_text": REASONED_REPLIES[reply_type]})
    dl = request_deadline(req)
    if dl:
        deadline_done(actor=actor, deadline=dl)
    req.replied_on, req.reply_type = on, reply_type
    req.reply_text, req.reply_document = (reply_text or "").strip(), (reply_document or "").strip()
    req.state = RequestState.REPLIED
    return _step(req, actor, "functions.request.reply", request_id,
                 {"on": on, "reply_type": reply_type, "on_time": on <= req.reply_due})


# ==================================================================================================
# 政府信息公开工作年度报告, 政务新媒体
# ==================================================================================================

REPORT_EDITABLE = {"proactive_count", "requests_received", "requests_carried", "requests_replied", "replies_by_type",
                   "reconsiderations", "lawsuits", "problems", "other", "submitted_on", "published_on"}


def report_rule(organization: Organization) -> str:
    """条例第四十九条: a 部门 by 1月31日; the 县级人民政府 (its 主管部门 publishes) by 3月31日."""
    return "disclosure.annual_report_gov" if organization.kind == OrgKind.GOVERNMENT else "disclosure.annual_report_dept"


def annual_figures(organization: Organization, year: int) -> dict:
    """Figures for the report, from the records (the government's report counts the whole county)."""
    from fazhi.core.indicators import org_scope
    orgs = org_scope(organization)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    reqs = InfoRequest.objects.filter(organization__in=orgs)
    replied = reqs.filter(state=RequestState.REPLIED, replied_on__range=(start, end))
    by_type = {}
    for value, _label in ReplyType.choices:
        n = replied.filter(reply_type=value).count()
        if n:
            by_type[value] = n
    return {
        "proactive_count": Disclosure.objects.filter(organization__in=orgs, published_on__range=(start, end)).count(),
        "requests_received": reqs.filter(received_on__range=(start, end)).count(),
        "requests_carried": reqs.filter(received_on__lt=start).exclude(replied_on__lt=start).count(),
        "requests_replied": replied.count(),
        "replies_by_type": by_type,
    }


@transaction.atomic
def annual_report_save(*, actor, organization: Organization, year: int, request_id: str = "", **data) -> AnnualReport:
    """Create or update the year's report. Publication after the deadline is recorded (and shown late)."""
    _require_write(actor, organization)
    if not isinstance(year, int) or not 2019 <= year <= 2100:
        raise ValidationError({"year": "请填写有效的报告年度（2019年以后）。"})
    due = compute_due(report_rule(organization), datetime.date(year, 12, 31))
    for key in ("submitted_on", "published_on"):
        if data.get(key) and data[key] <= datetime.date(year, 12, 31):
            raise ValidationError({key: "年度报告应在报告年度结束后报送、公布。"})
    existing = AnnualReport.objects.filter(organization=organization, year=year).first()
    if existing:
        return _update(existing, actor, "functions.annual_report.save", data, REPORT_EDITABLE, request_id)
    return _create(AnnualReport, actor, "functions.annual_report.save", request_id, organization=organization,
                   year=year, due_on=due, **data)


MEDIA_EDITABLE = {"name", "platform", "account_id", "opened_on", "closed_on", "operator", "filed_on"}


@transaction.atomic
def media_create(*, actor, organization: Organization, request_id: str = "", **data) -> NewMediaAccount:
    _require_write(actor, organization)
    return _create(NewMediaAccount, actor, "functions.media.create", request_id, organization=organization,
                   **_strip(data, ("name", "account_id", "operator")))


@transaction.atomic
def media_update(*, actor, account: NewMediaAccount, data: dict, request_id: str = "") -> NewMediaAccount:
    return _update(account, actor, "functions.media.update", _strip(data, ("name", "account_id", "operator")),
                   MEDIA_EDITABLE, request_id)


# ==================================================================================================
# 双公示
# ==================================================================================================

DOUBLE_RULE = "publicity.double"
WITHDRAW_RULE = "publicity.samr_withdraw"
CATEGORY_BY_LABEL = {label: value for value, label in SubjectCategory.choices}


def _field_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip()


def normalize_fields(kind: str, fields: dict) -> dict:
    """Check a record's standard fields (ANCHORS.md §3.3–3.4) and return them as strings (dates ISO).

    Unknown names are refused (the upload template has exactly these columns); required ones must be
    filled; 行政相对人类别 is one of the three values; codes and ID numbers pass their check digit."""
    if kind not in cf.SPEC:
        raise ValidationError({"kind": "类别应为行政许可或行政处罚。"})
    names, required, _doc, _date_field, _auth = cf.SPEC[kind]
    unknown = [k for k in fields if k not in names]
    if unknown:
        raise ValidationError({"fields": f"不是标准字段：{'、'.join(unknown)}。"})
    out: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for name in names:
        raw = fields.get(name)
        if name in cf.DATE_FIELDS and raw not in (None, "") and not isinstance(raw, datetime.date):
            try:
                raw = datetime.date.fromisoformat(str(raw).strip())
            except ValueError:
                errors.setdefault("fields", []).append(f"“{name}”应为日期（如 2021-03-05）。")
                continue
        if name in cf.AMOUNT_FIELDS and raw not in (None, ""):
            try:
                raw = Decimal(str(raw).strip())
                if raw < 0:
                    raise InvalidOperation
            except InvalidOperation:
                errors.setdefault("fields", []).append(f"“{name}”应为不小于0的数字（万元）。")
                continue
        text = _field_text(raw)
        if text:
            out[name] = text
    for name in required:
        if not out.get(name):
            errors.setdefault("fields", []).append(f"“{name}”为必填字段。")
    cat = out.get("行政相对人类别")
    if cat and cat not in cf.SUBJECT_CATEGORIES:
        errors.setdefault("fields", []).append(f"“行政相对人类别”应为：{'、'.join(cf.SUBJECT_CATEGORIES)}。")
    for name in ("统一社会信用代码", f"{cf.SPEC[kind][4]}统一社会信用代码", "数据来源单位统一社会信用代码"):
        if out.get(name):
            try:
                out[name] = validators.validate_credit_code(out[name])
            except ValidationError as exc:
                errors.setdefault("fields", []).append(f"“{name}”：{exc.messages[0]}")
    if cat == "法人及非法人组织" and not out.get("统一社会信用代码"):
        errors.setdefault("fields", []).append("行政相对人为法人及非法人组织的，须填写统一社会信用代码。")
    if out.get("证件号码") and out.get("证件类型", "身份证") in ("身份证", "居民身份证"):
        try:
            out["证件号码"] = validators.validate_id_number(out["证件号码"])
        except ValidationError as exc:
            errors.setdefault("fields", []).append(f"“证件号码”：{exc.messages[0]}")
    if errors:
        raise ValidationError(errors)
    return out


def _credit_values(kind: str, fields: dict) -> dict:
    _names, _req, doc, date_field, _auth = cf.SPEC[kind]
    return {
        "document_number": fields[doc], "subject_name": fields["行政相对人名称"],
        "subject_category": CATEGORY_BY_LABEL[fields["行政相对人类别"]],
        "decided_on": datetime.date.fromisoformat(fields[date_field]),
        "warning_only": kind == CreditKind.PENALTY and cf.is_warning_only(fields.get("处罚类别", "")),
    }


def _credit_deadline(actor, rec: CreditRecord, request_id: str):
    from django.urls import reverse
    dl = _register(actor=actor, organization=rec.organization, rule_code=DOUBLE_RULE, target=rec,
                   title=f"双公示：{rec.get_kind_display()} {rec.document_number}"[:200],
                   url=reverse("functions:credit_detail", args=[rec.code]), start_date=rec.decided_on,
                   request_id=request_id)
    rec.due_on = dl.due_date
    return dl


@transaction.atomic
def credit_record_create(*, actor, organization: Organization, kind: str, fields: dict,
                         source: str = CreditSource.MANUAL, source_type: str = "", source_id: str = "",
                         reported_on: datetime.date | None = None, request_id: str = "") -> CreditRecord:
    """A decision becomes a 双公示 record due within 7 working days (118号（六）)."""
    _require_write(actor, organization)
    fields = normalize_fields(kind, fields or {})
    values = _credit_values(kind, fields)
    if CreditRecord.objects.filter(organization=organization, kind=kind,
                                   document_number=values["document_number"]).exists():
        raise ValidationError({"fields": f"文书号“{values['document_number']}”的{dict(CreditKind.choices)[kind]}"
                                         "信息已登记。"})
    rec = CreditRecord(organization=organization, kind=kind, source=source, source_type=source_type,
                       source_id=source_id, fields=fields, due_on=values["decided_on"], **values)
    rec.full_clean()
    rec.save()
    dl = _credit_deadline(actor, rec, request_id)
    if reported_on:
        if reported_on < rec.decided_on:
            raise ValidationError({"reported_on": "报送日期不能早于决定日期。"})
        rec.reported_on, rec.status = reported_on, CreditStatus.REPORTED
        deadline_done(actor=actor, deadline=dl)
    rec.save()
    audit_log(actor=actor, action="functions.credit.create", target=rec, request_id=request_id,
              data={"kind": kind, "source": source, "due_on": rec.due_on, "warning_only": rec.warning_only,
                    "source_id": source_id})
    return rec


@transaction.atomic
def credit_record_update(*, actor, record: CreditRecord, fields: dict, request_id: str = "") -> CreditRecord:
    """Correct a record before it is reported (after reporting, the platform's correction process applies)."""
    _require_write(actor, record.organization)
    rec = CreditRecord.objects.select_for_update().get(pk=record.pk)
    if rec.status != CreditStatus.PENDING:
        raise ValidationError("已报送的信息不能在此修改；如决定被撤销或变更，请办理撤下。")
    fields = normalize_fields(rec.kind, fields)
    values = _credit_values(rec.kind, fields)
    if CreditRecord.objects.filter(organization=rec.organization, kind=rec.kind,
                                   document_number=values["document_number"]).exclude(pk=rec.pk).exists():
        raise ValidationError({"fields": f"文书号“{values['document_number']}”已登记。"})
    before = dict(rec.fields)
    for k, v in values.items():
        setattr(rec, k, v)
    rec.fields = fields
    _credit_deadline(actor, rec, request_id)
    rec.full_clean()
    rec.save()
    changed = {k: {"before": before.get(k, ""), "after": fields.get(k, "")} for k in set(before) | set(fields)
               if before.get(k) != fields.get(k)}
    audit_log(actor=actor, action="functions.credit.update", target=rec, request_id=request_id,
              data={"changes": changed})
    return rec


def _credit_dl(rec, rule):
    return Deadline.objects.filter(rule__code=rule, target_type="functions.creditrecord",
                                   target_id=str(rec.code)).first()


@transaction.atomic
def credit_record_report(*, actor, record: CreditRecord, on: datetime.date, request_id: str = "") -> CreditRecord:
    _require_write(actor, record.organization)
    rec = CreditRecord.objects.select_for_update().get(pk=record.pk)
    if rec.status != CreditStatus.PENDING:
        raise ValidationError(f"当前状态为“{rec.get_status_display()}”，不能报送。")
    _date(on, "on", "报送日期")
    if on < rec.decided_on:
        raise ValidationError({"on": "报送日期不能早于决定日期。"})
    rec.reported_on, rec.status = on, CreditStatus.REPORTED
    rec.save(update_fields=["reported_on", "status", "updated_at"])
    dl = _credit_dl(rec, DOUBLE_RULE)
    if dl:
        deadline_done(actor=actor, deadline=dl)
    audit_log(actor=actor, action="functions.credit.report", target=rec, request_id=request_id,
              data={"on": on, "due_on": rec.due_on, "on_time": on <= rec.due_on})
    return rec


@transaction.atomic
def credit_record_withdraw(*, actor, record: CreditRecord, on: datetime.date, reason: str,
                           request_id: str = "") -> CreditRecord:
    """The decision was revoked, changed, found unlawful or void: 118号（六） “及时从信息公示平台撤下”,
    counted as 3 working days (《市场监督管理行政处罚信息公示规定》第十一条; ``publicity.samr_withdraw``).
    A record not yet reported is simply not reported."""
    _require_write(actor, record.organization)
    rec = CreditRecord.objects.select_for_update().get(pk=record.pk)
    if rec.status in (CreditStatus.WITHDRAW_PENDING, CreditStatus.WITHDRAWN):
        raise ValidationError("该信息已办理撤下。")
    _date(on, "on", "决定被撤销/变更日期")
    if on < rec.decided_on:
        raise ValidationError({"on": "撤销/变更日期不能早于原决定日期。"})
    reason = _text(reason, "reason", "请写明撤下理由（决定被撤销、变更、确认违法或确认无效）。")
    rec.withdrawn_on, rec.withdraw_reason = on, reason
    if rec.status == CreditStatus.PENDING:
        dl = _credit_dl(rec, DOUBLE_RULE)
        if dl:
            deadline_done(actor=actor, deadline=dl)
        rec.status, rec.taken_down_on = CreditStatus.WITHDRAWN, on
    else:
        from django.urls import reverse
        wdl = _register(actor=actor, organization=rec.organization, rule_code=WITHDRAW_RULE, target=rec,
                        title=f"撤下双公示信息：{rec.document_number}"[:200],
                        url=reverse("functions:credit_detail", args=[rec.code]), start_date=on, request_id=request_id)
        rec.withdraw_due, rec.status = wdl.due_date, CreditStatus.WITHDRAW_PENDING
    rec.full_clean()
    rec.save()
    audit_log(actor=actor, action="functions.credit.withdraw", target=rec, request_id=request_id,
              data={"on": on, "reason": reason, "status": rec.status, "withdraw_due": rec.withdraw_due})
    return rec


@transaction.atomic
def credit_record_taken_down(*, actor, record: CreditRecord, on: datetime.date, request_id: str = "") -> CreditRecord:
    _require_write(actor, record.organization)
    rec = CreditRecord.objects.select_for_update().get(pk=record.pk)
    if rec.status != CreditStatus.WITHDRAW_PENDING:
        raise ValidationError("该信息不在待撤下状态。")
    _date(on, "on", "撤下日期")
    if on < rec.withdrawn_on:
        raise ValidationError({"on": "撤下日期不能早于决定被撤销/变更日期。"})
    rec.taken_down_on, rec.status = on, CreditStatus.WITHDRAWN
    rec.save(update_fields=["taken_down_on", "status", "updated_at"])
    dl = _credit_dl(rec, WITHDRAW_RULE)
    if dl:
        deadline_done(actor=actor, deadline=dl)
    audit_log(actor=actor, action="functions.credit.taken_down", target=rec, request_id=request_id,
              data={"on": on, "withdraw_due": rec.withdraw_due})
    return rec


KIND_BY_SIGNAL = {"许可": CreditKind.LICENSE, "处罚": CreditKind.PENALTY}


def on_credit_decision(sender, *, source, kind, action, decided_on, organization, fields, actor=None, **kwargs):
    """Receiver of ``fazhi.core.signals.credit_decision`` (sent by the enforcement module).

    ``made``: create the record (idempotent per source: a second signal for the same case returns the
    existing record). ``withdrawn``: withdraw the record of that source on ``decided_on``."""
    ckind = KIND_BY_SIGNAL.get(kind, kind)
    source_type = source._meta.label_lower
    source_id = str(getattr(source, "code", None) or source.pk)
    existing = CreditRecord.objects.filter(source=CreditSource.ENFORCEMENT, source_type=source_type,
                                           source_id=source_id, kind=ckind).first()
    if action == "made":
        if existing:
            return existing
        data = dict(fields or {})
        date_field = cf.SPEC[ckind][3]
        data.setdefault(date_field, decided_on)
        return credit_record_create(actor=actor, organization=organization, kind=ckind, fields=data,
                                    source=CreditSource.ENFORCEMENT, source_type=source_type, source_id=source_id)
    if action == "withdrawn":
        if existing is None:
            raise ValidationError("未找到该决定的双公示信息，无法撤下。")
        if existing.status in (CreditStatus.WITHDRAW_PENDING, CreditStatus.WITHDRAWN):
            return existing
        return credit_record_withdraw(actor=actor, record=existing, on=decided_on,
                                      reason=(fields or {}).get("备注") or "行政执法决定被撤销")
    raise ValueError(f"unknown credit_decision action {action!r}")


# ==================================================================================================
# 诚信建设活动
# ==================================================================================================

ACTIVITY_EDITABLE = {"kind", "name", "enterprise", "held_on", "medium", "note"}


@transaction.atomic
def credit_activity_create(*, actor, organization: Organization, request_id: str = "", **data) -> CreditActivity:
    _require_write(actor, organization)
    return _create(CreditActivity, actor, "functions.credit_activity.create", request_id, organization=organization,
                   **_strip(data, ("name", "enterprise", "medium", "note")))


@transaction.atomic
def credit_activity_update(*, actor, activity: CreditActivity, data: dict, request_id: str = "") -> CreditActivity:
    return _update(activity, actor, "functions.credit_activity.update",
                   _strip(data, ("name", "enterprise", "medium", "note")), ACTIVITY_EDITABLE, request_id)
