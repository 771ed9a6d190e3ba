"""/api/legalservice — legal aid (read), figures, consultations and activities (read + create), kinds, points.

Scoped by ``fazhi.core.scoping``: another organization's record is a 404, as everywhere in the API."""
from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Query, Router, Schema, Status
from pydantic import Field

from fazhi.api.routers.common import actor_of, org_ref, paginate, request_id
from fazhi.api.schemas import ErrorOut, FilterSchema, InSchema, PageParams
from fazhi.legalservice import selectors as sel
from fazhi.legalservice import services
from fazhi.legalservice.choices import AidCaseType, AidSource, AidStatus, ConsultChannel, ConsultTopic

router = Router(tags=["公共法律服务"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class OrgRef(Schema):
    code: UUID
    name: str


class AidCaseOut(Schema):
    code: UUID
    number: str
    source: str
    case_type: str
    notifying_authority: str
    matter: str
    status: str
    received_on: datetime.date
    accepted_on: datetime.date | None
    assigned_on: datetime.date | None
    closed_on: datetime.date | None
    archived_on: datetime.date | None
    quality_score: int | None
    quality_grade: str
    organization: OrgRef


class AidCasePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AidCaseOut]


class AidFilters(FilterSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="收到申请/通知的年度")
    status: AidStatus | None = None
    case_type: AidCaseType | None = None
    source: AidSource | None = None


class YearParam(FilterSchema):
    year: int = Field(default_factory=lambda: datetime.date.today().year, ge=2000, le=2100)


class FiguresOut(Schema):
    year: int
    aid_accepted: int
    aid_closed: int
    criminal_notified: int
    criminal_assigned: int
    criminal_rate: Decimal
    notarizations: int
    consultations: dict[str, int]


class ConsultationIn(InSchema):
    organization: UUID
    channel: ConsultChannel
    consulted_on: datetime.date
    topic: ConsultTopic
    question: str = Field(min_length=1, max_length=5000)
    answer: str = Field("", max_length=5000)
    follow_up: str = Field("", max_length=200)
    persons: int = Field(1, ge=1, le=100000)


class ConsultationOut(Schema):
    code: UUID
    channel: str
    consulted_on: datetime.date
    topic: str
    question: str
    answer: str
    follow_up: str
    persons: int
    organization: OrgRef


class KindOut(Schema):
    code: UUID
    key: str
    name: str
    category: str
    count_unit: str
    amount_label: str
    reach_label: str
    is_active: bool


class ActivityIn(InSchema):
    organization: UUID
    kind: str = Field(description="活动类别标识（key）")
    title: str = Field(min_length=1, max_length=128)
    held_on: datetime.date
    end_on: datetime.date | None = None
    place: str = Field("", max_length=128)
    count: int = Field(1, ge=0, le=10_000_000)
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    reach: int | None = Field(None, ge=0, le=10_000_000_000)
    note: str = Field("", max_length=300)


class ActivityOut(Schema):
    code: UUID
    kind: str = Field(alias="kind.key")
    title: str
    held_on: datetime.date
    end_on: datetime.date | None
    place: str
    count: int
    amount: Decimal | None
    reach: int | None
    organization: OrgRef


class ActivityFilters(FilterSchema):
    year: int | None = Field(None, ge=2000, le=2100)
    kind: str | None = Field(None, max_length=48)


class PointOut(Schema):
    code: UUID
    name: str
    level: str
    address: str
    phone: str
    hours: str
    services: str
    is_public: bool
    organization: OrgRef


@router.get("/aid-cases", response={200: AidCasePage, **ERRORS}, url_name="ls_aid_list", summary="法律援助案件列表")
def aid_list(request, filters: Query[AidFilters], page: Query[PageParams]):
    qs = sel.aid_cases(actor_of(request))
    if filters.year:
        qs = qs.filter(received_on__year=filters.year)
    for key in ("status", "case_type", "source"):
        value = getattr(filters, key)
        if value:
            qs = qs.filter(**{key: value})
    return paginate(qs.order_by("received_on", "id"), page)


@router.get("/aid-cases/{uuid:code}", response={200: AidCaseOut, **ERRORS}, url_name="ls_aid_get",
            summary="法律援助案件详情")
def aid_get(request, code: UUID):
    return sel.aid_case(actor_of(request), code)


@router.get("/figures", response={200: FiguresOut, **ERRORS}, url_name="ls_figures", summary="年度数字（可见范围内）")
def figures(request, params: Query[YearParam]):
    user = actor_of(request)
    aid = sel.aid_figures(sel.aid_cases(user), params.year)
    start, end = sel.year_range(params.year)
    consult = sel.consultation_counts(sel.consultations(user), params.year)
    return {"year": params.year, "aid_accepted": aid["accepted"], "aid_closed": aid["closed"],
            "criminal_notified": aid["criminal_notified"], "criminal_assigned": aid["criminal_assigned"],
            "criminal_rate": aid["criminal_rate"],
            "notarizations": sel.notarizations(user).filter(issued_on__range=(start, end)).count(),
            "consultations": {c: consult.get(c, 0) for c in ConsultChannel.values}}


@router.get("/consultations", response={200: dict, **ERRORS}, url_name="ls_consult_list", summary="法律咨询列表")
def consult_list(request, params: Query[YearParam], page: Query[PageParams]):
    qs = sel.consultations(actor_of(request)).filter(consulted_on__year=params.year).order_by("consulted_on", "id")
    data = paginate(qs, page)
    data["items"] = [ConsultationOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.post("/consultations", response={201: ConsultationOut, **ERRORS}, url_name="ls_consult_create",
             summary="登记法律咨询")
def consult_create(request, payload: ConsultationIn):
    actor = actor_of(request)
    data = payload.dict()
    data["organization"] = org_ref(actor, payload.organization, "organization")
    obj = services.consultation_create(actor=actor, request_id=request_id(request), **data)
    return Status(201, obj)


@router.get("/activity-kinds", response={200: list[KindOut], **ERRORS}, url_name="ls_kind_list", summary="活动类别")
def kind_list(request):
    return list(sel.activity_kinds())


@router.get("/activities", response={200: dict, **ERRORS}, url_name="ls_activity_list", summary="活动台账列表")
def activity_list(request, filters: Query[ActivityFilters], page: Query[PageParams]):
    qs = sel.activities(actor_of(request))
    if filters.year:
        qs = qs.filter(held_on__year=filters.year)
    if filters.kind:
        qs = qs.filter(kind__key=filters.kind)
    data = paginate(qs.order_by("held_on", "id"), page)
    data["items"] = [ActivityOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.get("/activities/{uuid:code}", response={200: ActivityOut, **ERRORS}, url_name="ls_activity_get",
            summary="活动详情")
def activity_get(request, code: UUID):
    return sel.activity(actor_of(request), code)


@router.post("/activities", response={201: ActivityOut, **ERRORS}, url_name="ls_activity_create", summary="登记活动")
def activity_create(request, payload: ActivityIn):
    from django.core.exceptions import ValidationError

    actor = actor_of(request)
    data = payload.dict()
    data["organization"] = org_ref(actor, payload.organization, "organization")
    kind = sel.activity_kinds(active_only=True).filter(key=payload.kind).first()
    if kind is None:
        raise ValidationError({"kind": "活动类别不存在或已停用。"})
    data["kind"] = kind
    obj = services.activity_create(actor=actor, request_id=request_id(request), **data)
    return Status(201, obj)


@router.get("/points", response={200: list[PointOut], **ERRORS}, url_name="ls_point_list", summary="公共法律服务平台")
def point_list(request):
    return list(sel.points(actor_of(request)))
