"""/api/enforcement — officers (read), cases (list, detail, 立案, workflow steps), statistics. Scoped by
``fazhi.core.scoping``: another organization's record is a 404; refusals are structured 4xx in Chinese."""
from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field

from fazhi.api.routers.common import actor_of, org_ref, paginate, request_id
from fazhi.api.schemas import ErrorOut, FilterSchema, InSchema, PageParams
from fazhi.core.indicators import year_bounds
from fazhi.enforcement import selectors as sel
from fazhi.enforcement import services as sv
from fazhi.enforcement.choices import (
    CaseState,
    Category,
    PartyType,
    PenaltyKind,
    StatementKind,
)

router = Router(tags=["行政执法"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class OrgRef(Schema):
    code: UUID
    name: str


class OfficerOut(Schema):
    code: UUID
    name: str
    cert_no: str
    field: str
    unit: str
    first_certified_on: datetime.date
    issued_on: datetime.date
    expires_on: datetime.date
    status: str
    training_hours: int
    is_legal_reviewer: bool
    organization: OrgRef


class CaseOut(Schema):
    code: UUID
    number: str
    kind: str
    procedure: str
    title: str
    state: str
    party_type: str
    party_name: str
    filed_on: datetime.date
    decision_due: datetime.date | None
    limitation_note: str
    notified_on: datetime.date | None
    hearing_request_due: datetime.date | None
    reviewed_on: datetime.date | None
    decided_on: datetime.date | None
    decision_number: str
    penalty_kind: str
    fine_amount: Decimal | None
    service_due: datetime.date | None
    served_on: datetime.date | None
    payment_due: datetime.date | None
    publicity_due: datetime.date | None
    published_on: datetime.date | None
    closed_on: datetime.date | None
    archived_on: datetime.date | None
    organization: OrgRef
    officers: list[str] = []

    @staticmethod
    def resolve_officers(obj):
        return [o.cert_no for o in obj.officers.all()]


class CaseFilters(FilterSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="立案年度")
    kind: Category | None = None
    state: CaseState | None = None


class CaseIn(InSchema):
    organization: UUID
    kind: Category = Category.PENALTY
    title: str = Field(min_length=1, max_length=200)
    number: str = Field("", max_length=80)
    undertaking_unit: str = Field("", max_length=64)
    party_type: PartyType
    party_name: str = Field(min_length=1, max_length=128)
    party_id_number: str = Field("", max_length=18)
    party_credit_code: str = Field("", max_length=18)
    party_address: str = Field("", max_length=200)
    facts: str = Field("", max_length=5000)
    violation_on: datetime.date | None = None
    limitation_extended: bool = False
    filed_on: datetime.date
    is_major: bool = False
    is_complex: bool = False
    officers: list[str] = Field(description="执法证号（至少两名，《行政处罚法》第四十二条）", max_length=20)


class StepIn(InSchema):
    step: str = Field(description="investigate / examine / notify / hear / discuss / decide / serve / execute / close / "
                                  "archive / publish")
    on: datetime.date
    officers: list[str] = Field([], max_length=20, description="执法证号")
    document_number: str = Field("", max_length=80)
    content: str = Field("", max_length=10000)
    proposed_penalty: str = Field("", max_length=300)
    hearing_right: bool = False
    kind: StatementKind | None = None
    summary: str = Field("", max_length=5000)
    decision_number: str = Field("", max_length=80)
    penalty_kind: PenaltyKind | None = None
    fine_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    paid_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    archive_number: str = Field("", max_length=60)


def _officers(actor, org, certs):
    certs = [c.strip().upper() for c in certs]
    found = list(sel.officers(actor).filter(cert_no__in=certs, organization__path__startswith=org.path))
    missing = sorted(set(certs) - {o.cert_no for o in found})
    if missing:
        raise ValidationError({"officers": f"执法证号 {'、'.join(missing)} 未在本单位登记。"})
    return found


@router.get("/officers", response={200: dict, **ERRORS}, url_name="enf_officer_list", summary="执法人员")
def officer_list(request, page: Query[PageParams]):
    data = paginate(sel.officers(actor_of(request)).order_by("organization__sort_order", "name", "id"), page)
    data["items"] = [OfficerOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.get("/cases", response={200: dict, **ERRORS}, url_name="enf_case_list", summary="执法案件列表")
def case_list(request, filters: Query[CaseFilters], page: Query[PageParams]):
    qs = sel.cases(actor_of(request), kind=filters.kind or "", state=filters.state or "", year=filters.year)
    data = paginate(qs.prefetch_related("officers"), page)
    data["items"] = [CaseOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.get("/cases/{uuid:code}", response={200: CaseOut, **ERRORS}, url_name="enf_case_get", summary="案件详情")
def case_get(request, code: UUID):
    return sel.case(actor_of(request), code)


@router.post("/cases", response={201: CaseOut, **ERRORS}, url_name="enf_case_create", summary="立案")
def case_create(request, payload: CaseIn):
    actor = actor_of(request)
    data = payload.dict()
    org = data["organization"] = org_ref(actor, payload.organization, "organization")
    officers = _officers(actor, org, data.pop("officers"))
    return Status(201, sv.case_file(actor=actor, officers=officers, request_id=request_id(request), **data))


@router.post("/cases/{uuid:code}/step", response={200: CaseOut, **ERRORS}, url_name="enf_case_step",
             summary="办理执法环节（各环节的法定要求由服务校验并引用条文）")
def case_step(request, code: UUID, payload: StepIn):
    actor = actor_of(request)
    case = sel.case(actor, code, write=True)
    p = payload
    rid = request_id(request)
    officers = _officers(actor, case.organization, p.officers) if p.officers else []
    common = {"actor": actor, "case": case, "on": p.on, "request_id": rid}
    doc = {"document_number": p.document_number, "content": p.content}
    if p.step == "investigate":
        return sv.case_investigate(**common, officers=officers, **doc)
    if p.step == "examine":
        return sv.case_examine(**common, **doc)
    if p.step == "notify":
        return sv.case_notify(**common, proposed_penalty=p.proposed_penalty, hearing_right=p.hearing_right,
                              officers=officers, **doc)
    if p.step == "hear":
        return sv.case_hear(**common, kind=p.kind or "", **doc)
    if p.step == "discuss":
        return sv.case_discuss(**common, summary=p.summary, document_number=p.document_number)
    if p.step == "decide":
        return sv.case_decide(**common, decision_number=p.decision_number, penalty_kind=p.penalty_kind or "",
                              fine_amount=p.fine_amount, decision_content=p.content, officers=officers)
    if p.step == "serve":
        return sv.case_serve(**common, officers=officers, **doc)
    if p.step == "execute":
        return sv.case_execute(**common, paid_amount=p.paid_amount, **doc)
    if p.step == "close":
        return sv.case_close(**common, **doc)
    if p.step == "archive":
        return sv.case_archive(**common, archive_number=p.archive_number)
    if p.step == "publish":
        return sv.case_publish(actor=actor, case=case, on=p.on, request_id=rid)
    raise ValidationError({"step": "未知的办理环节。"})


@router.get("/statistics", response={200: dict, **ERRORS}, url_name="enf_statistics", summary="执法统计")
def statistics(request, params: Query[CaseFilters]):
    year = params.year or datetime.date.today().year
    start, end = year_bounds(year)
    qs = sel.cases(actor_of(request)).filter(filed_on__range=(start, end))
    return {"year": year, **sel.statistics(qs, min(datetime.date.today(), end))}
