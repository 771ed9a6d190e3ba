"""/api/functions — 权责清单 (list as of a date; 新增 and 取消 adjustments), the 四级四同 check, 依申请公开
(receive, reply) and 双公示 (create, report). Scoped by ``fazhi.core.scoping``: another organization's
record is a 404; refusals are structured 4xx with the Chinese message of the service."""
from __future__ import annotations

import datetime
from uuid import UUID

from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from fazhi.api.routers.common import actor_of, org_ref, paginate, request_id
from fazhi.api.schemas import ErrorOut, FilterSchema, InSchema, PageParams
from fazhi.functions import selectors as sel
from fazhi.functions import services as sv
from fazhi.functions.choices import (
    ApplicantKind,
    CreditKind,
    CreditStatus,
    PowerCategory,
    ReplyType,
    RequestChannel,
    RequestState,
)

router = Router(tags=["政府职能"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class OrgRef(Schema):
    code: UUID
    name: str


class PowerOut(Schema):
    code: UUID
    power_code: str
    name: str
    category: str
    legal_basis: str
    subject: str
    responsibilities: dict
    accountability: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    delegated_to: str | None = None
    delegation_kind: str
    organization: OrgRef

    @staticmethod
    def resolve_delegated_to(obj):
        return obj.delegated_to.name if obj.delegated_to_id else None


class PowerFilters(FilterSchema):
    on: datetime.date | None = Field(None, description="清单日期（默认今天）")
    category: PowerCategory | None = None
    power_code: str | None = Field(None, max_length=40, description="职权编码（执法事项按此关联）")


class PowerIn(InSchema):
    organization: UUID
    adjusted_on: datetime.date
    document: str = Field(min_length=1, max_length=200)
    reason: str = Field("", max_length=300)
    power_code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    category: PowerCategory
    legal_basis: str = Field(min_length=1, max_length=5000)
    subject: str = Field(min_length=1, max_length=100)
    counterpart: str = Field("", max_length=60)
    responsibilities: dict[str, str] = {}
    accountability: str = Field("", max_length=5000)


class CancelIn(InSchema):
    adjusted_on: datetime.date
    document: str = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=300)


class AdjustmentOut(Schema):
    code: UUID
    kind: str
    adjusted_on: datetime.date
    document: str
    power_code: str
    power_name: str


class DiffOut(Schema):
    field: str
    label: str
    local: str
    upper: str


class CheckOut(Schema):
    item_code: str
    name: str
    organization: str
    diffs: list[DiffOut]


class RequestIn(InSchema):
    organization: UUID
    applicant_kind: ApplicantKind
    applicant_name: str = Field(min_length=1, max_length=100)
    applicant_id: str = Field("", max_length=24)
    applicant_phone: str = Field("", max_length=32)
    applicant_address: str = Field("", max_length=200)
    channel: RequestChannel
    submitted_on: datetime.date
    received_on: datetime.date | None = None
    content: str = Field(min_length=1, max_length=5000)
    number: str = Field("", max_length=40)


class RequestOut(Schema):
    code: UUID
    number: str
    applicant_kind: str
    applicant_name: str
    channel: str
    submitted_on: datetime.date
    received_on: datetime.date
    receipt_basis: str
    state: str
    reply_start: datetime.date
    reply_due: datetime.date | None
    replied_on: datetime.date | None
    reply_type: str
    organization: OrgRef


class ReplyIn(InSchema):
    on: datetime.date
    reply_type: ReplyType
    reply_text: str = Field("", max_length=5000)
    reply_document: str = Field("", max_length=60)


class RequestFilters(FilterSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="收到申请年度")
    state: RequestState | None = None


class CreditIn(InSchema):
    organization: UUID
    kind: CreditKind
    fields: dict[str, str | float | int | None] = Field(description="标准字段（ANCHORS §3.3 许可 / §3.4 处罚），键为中文字段名")


class CreditOut(Schema):
    code: UUID
    kind: str
    source: str
    document_number: str
    subject_name: str
    decided_on: datetime.date
    due_on: datetime.date
    reported_on: datetime.date | None
    status: str
    warning_only: bool
    fields: dict
    organization: OrgRef


class CreditFilters(FilterSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="决定年度")
    kind: CreditKind | None = None
    status: CreditStatus | None = None


class DateIn(InSchema):
    on: datetime.date


@router.get("/power", response={200: dict, **ERRORS}, url_name="fn_power_list", summary="权责清单（某日有效）")
def power_list(request, filters: Query[PowerFilters], page: Query[PageParams]):
    qs = sel.power_list(actor_of(request), filters.on or timezone.localdate())
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.power_code:
        qs = qs.filter(power_code=filters.power_code)
    data = paginate(qs.order_by("organization__sort_order", "power_code", "id"), page)
    data["items"] = [PowerOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.get("/power/{uuid:code}", response={200: PowerOut, **ERRORS}, url_name="fn_power_get", summary="权责事项")
def power_get(request, code: UUID):
    return sel.power_item(actor_of(request), code)


@router.post("/power", response={201: AdjustmentOut, **ERRORS}, url_name="fn_power_add", summary="新增权责事项（调整）")
def power_add(request, payload: PowerIn):
    actor = actor_of(request)
    data = payload.dict()
    data["organization"] = org_ref(actor, payload.organization, "organization")
    return Status(201, sv.power_add(actor=actor, request_id=request_id(request), **data))


@router.post("/power/{uuid:code}/cancel", response={200: AdjustmentOut, **ERRORS}, url_name="fn_power_cancel",
             summary="取消权责事项（调整）")
def power_cancel(request, code: UUID, payload: CancelIn):
    actor = actor_of(request)
    item = sel.power_item(actor, code, write=True)
    return sv.power_cancel(actor=actor, item=item, request_id=request_id(request), **payload.dict())


@router.get("/services/check", response={200: list[CheckOut], **ERRORS}, url_name="fn_service_check",
            summary="四级四同核对：与上级目录六要素不一致的事项")
def service_check(request):
    rows = sel.consistency_check(sel.service_items(actor_of(request)))
    return [{"item_code": r["item"].item_code, "name": r["item"].name, "organization": r["item"].organization.name,
             "diffs": [{k: str(v) for k, v in d.items()} for d in r["diffs"]]} for r in rows]


@router.get("/requests", response={200: dict, **ERRORS}, url_name="fn_request_list", summary="政府信息公开申请")
def request_list(request, filters: Query[RequestFilters], page: Query[PageParams]):
    qs = sel.requests(actor_of(request))
    if filters.year:
        qs = qs.filter(received_on__year=filters.year)
    if filters.state:
        qs = qs.filter(state=filters.state)
    data = paginate(qs.order_by("received_on", "id"), page)
    data["items"] = [RequestOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.get("/requests/{uuid:code}", response={200: RequestOut, **ERRORS}, url_name="fn_request_get", summary="申请详情")
def request_get(request, code: UUID):
    return sel.request(actor_of(request), code)


@router.post("/requests", response={201: RequestOut, **ERRORS}, url_name="fn_request_create", summary="登记申请")
def request_create(request, payload: RequestIn):
    actor = actor_of(request)
    data = payload.dict()
    data["organization"] = org_ref(actor, payload.organization, "organization")
    return Status(201, sv.request_receive(actor=actor, request_id=request_id(request), **data))


@router.post("/requests/{uuid:code}/reply", response={200: RequestOut, **ERRORS}, url_name="fn_request_reply",
             summary="答复申请（条例第三十六条）")
def request_reply(request, code: UUID, payload: ReplyIn):
    actor = actor_of(request)
    req = sel.request(actor, code, write=True)
    return sv.request_reply(actor=actor, req=req, request_id=request_id(request), **payload.dict())


@router.get("/credit", response={200: dict, **ERRORS}, url_name="fn_credit_list", summary="双公示信息")
def credit_list(request, filters: Query[CreditFilters], page: Query[PageParams]):
    qs = sel.credit_records(actor_of(request))
    if filters.year:
        qs = qs.filter(decided_on__year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    data = paginate(qs.order_by("decided_on", "id"), page)
    data["items"] = [CreditOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.get("/credit/{uuid:code}", response={200: CreditOut, **ERRORS}, url_name="fn_credit_get", summary="双公示信息详情")
def credit_get(request, code: UUID):
    return sel.credit_record(actor_of(request), code)


@router.post("/credit", response={201: CreditOut, **ERRORS}, url_name="fn_credit_create", summary="登记双公示信息")
def credit_create(request, payload: CreditIn):
    actor = actor_of(request)
    org = org_ref(actor, payload.organization, "organization")
    fields = {k: ("" if v is None else str(v)) for k, v in payload.fields.items()}
    return Status(201, sv.credit_record_create(actor=actor, organization=org, kind=payload.kind, fields=fields,
                                               request_id=request_id(request)))


@router.post("/credit/{uuid:code}/report", response={200: CreditOut, **ERRORS}, url_name="fn_credit_report",
             summary="登记报送公示")
def credit_report(request, code: UUID, payload: DateIn):
    actor = actor_of(request)
    rec = sel.credit_record(actor, code, write=True)
    return sv.credit_record_report(actor=actor, record=rec, on=payload.on, request_id=request_id(request))
