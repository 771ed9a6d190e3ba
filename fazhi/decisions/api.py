"""/api/decisions — catalogs, decisions (read; start; skip a step with its legal reason), advisers and
their work log (read + create). Scoped by ``fazhi.core.scoping``: another organization's record is a 404."""
from __future__ import annotations

import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field

from fazhi.api.routers.common import actor_of, org_ref, paginate, request_id
from fazhi.api.schemas import ErrorOut, FilterSchema, InSchema, PageParams
from fazhi.decisions import selectors as sel
from fazhi.decisions import services as sv
from fazhi.decisions.choices import DecisionCategory, DecisionState, OpinionSubject, WorkKind

router = Router(tags=["重大行政决策"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class OrgRef(Schema):
    code: UUID
    name: str


class ItemOut(Schema):
    code: UUID
    seq: int
    title: str
    category: str
    deciding_organ: str
    undertaking_unit: str
    planned_start: datetime.date | None
    planned_finish: datetime.date | None
    removed: bool


class CatalogOut(Schema):
    code: UUID
    year: int
    title: str
    status: str
    party_approved_on: datetime.date | None
    published_on: datetime.date | None
    organization: OrgRef
    items: list[ItemOut] = []

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class DecisionOut(Schema):
    code: UUID
    title: str
    category: str
    undertaking_unit: str
    state: str
    started_on: datetime.date
    comment_opens_on: datetime.date | None
    comment_closes_on: datetime.date | None
    consultation_skip_reason: str
    expert_skip_reason: str
    risk_skip_reason: str
    risk_level: str
    legality_submitted_on: datetime.date | None
    legality_earliest_on: datetime.date | None
    legality_done_on: datetime.date | None
    legality_conclusion: str
    meeting_kind: str
    meeting_on: datetime.date | None
    outcome: str
    party_reported_on: datetime.date | None
    published_on: datetime.date | None
    npc_filed_on: datetime.date | None
    evaluated_on: datetime.date | None
    organization: OrgRef


class DecisionFilters(FilterSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="启动年度")
    state: DecisionState | None = None


class DecisionIn(InSchema):
    organization: UUID
    title: str = Field(min_length=1, max_length=200)
    category: DecisionCategory = DecisionCategory.POLICY
    undertaking_unit: str = Field(min_length=1, max_length=100)
    started_on: datetime.date
    start_basis: str = Field("", max_length=300)
    draft: str = Field("", max_length=20000)
    concerns_market: bool = False
    fair_competition_review: str = Field("", max_length=5000)


class SkipIn(InSchema):
    step: str = Field(description="consultation / expert / risk")
    reason: str = Field(min_length=1, max_length=300)


class AdviserOut(Schema):
    code: UUID
    name: str
    kind: str
    employer: str
    contract_no: str
    term_start: datetime.date | None
    term_end: datetime.date | None
    is_active: bool
    meetings: int
    suits: int
    opinions: int
    organization: OrgRef


class YearParam(FilterSchema):
    year: int | None = Field(None, ge=2000, le=2100)


class WorkFilters(FilterSchema):
    year: int | None = Field(None, ge=2000, le=2100)
    kind: WorkKind | None = None


class WorkIn(InSchema):
    organization: UUID
    adviser: UUID
    kind: WorkKind
    on: datetime.date
    title: str = Field(min_length=1, max_length=200)
    subject_kind: OpinionSubject | None = None
    decision: UUID | None = None
    subject_ref: str = Field("", max_length=200)
    case_number: str = Field("", max_length=60)
    content: str = Field("", max_length=5000)


class WorkOut(Schema):
    code: UUID
    adviser: str = Field(alias="adviser.name")
    kind: str
    on: datetime.date
    title: str
    subject_kind: str
    decision: UUID | None = None
    subject_ref: str
    case_number: str
    organization: OrgRef

    @staticmethod
    def resolve_decision(obj):
        return obj.decision.code if obj.decision_id else None


@router.get("/catalogs", response={200: list[CatalogOut], **ERRORS}, url_name="dec_catalog_list", summary="决策事项目录")
def catalog_list(request, params: Query[YearParam]):
    qs = sel.catalogs(actor_of(request)).prefetch_related("items")
    if params.year:
        qs = qs.filter(year=params.year)
    return list(qs)


@router.get("/catalogs/{uuid:code}", response={200: CatalogOut, **ERRORS}, url_name="dec_catalog_get",
            summary="目录详情")
def catalog_get(request, code: UUID):
    return sel.catalog(actor_of(request), code)


@router.get("/decisions", response={200: dict, **ERRORS}, url_name="dec_decision_list", summary="决策列表")
def decision_list(request, filters: Query[DecisionFilters], page: Query[PageParams]):
    qs = sel.decisions(actor_of(request))
    if filters.year:
        qs = qs.filter(started_on__year=filters.year)
    if filters.state:
        qs = qs.filter(state=filters.state)
    data = paginate(qs.order_by("started_on", "id"), page)
    data["items"] = [DecisionOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.get("/decisions/{uuid:code}", response={200: DecisionOut, **ERRORS}, url_name="dec_decision_get",
            summary="决策详情")
def decision_get(request, code: UUID):
    return sel.decision(actor_of(request), code)


@router.post("/decisions", response={201: DecisionOut, **ERRORS}, url_name="dec_decision_create", summary="决策启动")
def decision_create(request, payload: DecisionIn):
    actor = actor_of(request)
    data = payload.dict()
    data["organization"] = org_ref(actor, payload.organization, "organization")
    return Status(201, sv.decision_start(actor=actor, request_id=request_id(request), **data))


@router.post("/decisions/{uuid:code}/skip", response={200: DecisionOut, **ERRORS}, url_name="dec_decision_skip",
             summary="免于履行程序（记录法定理由）")
def decision_skip(request, code: UUID, payload: SkipIn):
    actor = actor_of(request)
    d = sel.decision(actor, code, write=True)
    return sv.decision_skip(actor=actor, decision=d, step=payload.step, reason=payload.reason,
                            request_id=request_id(request))


@router.get("/advisers", response={200: list[AdviserOut], **ERRORS}, url_name="dec_adviser_list",
            summary="法律顾问名册与工作量")
def adviser_list(request, params: Query[YearParam]):
    return list(sel.advisers_with_workload(actor_of(request), params.year))


@router.get("/adviser-work", response={200: dict, **ERRORS}, url_name="dec_work_list", summary="法律顾问工作台账")
def work_list(request, filters: Query[WorkFilters], page: Query[PageParams]):
    qs = sel.work(actor_of(request))
    if filters.year:
        qs = qs.filter(on__year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    data = paginate(qs.order_by("on", "id"), page)
    data["items"] = [WorkOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.post("/adviser-work", response={201: WorkOut, **ERRORS}, url_name="dec_work_create", summary="登记法律顾问工作")
def work_create(request, payload: WorkIn):
    actor = actor_of(request)
    org = org_ref(actor, payload.organization, "organization")
    adviser = sel.advisers(actor).filter(code=payload.adviser, organization=org).first()
    if adviser is None:
        raise ValidationError({"adviser": "法律顾问不存在或不属于该单位。"})
    decision = None
    if payload.decision:
        decision = sel.decisions(actor).filter(code=payload.decision, organization=org).first()
        if decision is None:
            raise ValidationError({"decision": "关联决策不存在或不属于该单位。"})
    obj = sv.adviser_work_add(actor=actor, organization=org, adviser=adviser, kind=payload.kind, on=payload.on,
                              title=payload.title, subject_kind=payload.subject_kind or "", decision=decision,
                              subject_ref=payload.subject_ref, case_number=payload.case_number,
                              content=payload.content, request_id=request_id(request))
    return Status(201, obj)
