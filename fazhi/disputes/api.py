"""/api/disputes — scoped reads of 行政复议, 行政应诉 and 调解 records, and the year's figures."""
from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Query, Router, Schema
from ninja.schema import Field

from fazhi.api.routers.common import actor_of, paginate
from fazhi.api.schemas import ErrorOut, PageMeta, PageParams
from fazhi.core.indicators import year_bounds
from fazhi.core.scoping import scope

from . import selectors as S
from .models import MediationCase, MediationConsultation

router = Router(tags=["矛盾纠纷化解"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ReviewOut(Schema):
    code: UUID
    number: str
    organization: str = Field(..., alias="organization.name")
    applicant: str
    respondent: str = Field(..., alias="respondent.name")
    act: str
    received_on: datetime.date
    law_version: str
    procedure: str
    state: str
    acceptance_due: datetime.date | None
    accepted_on: datetime.date | None
    deemed_accepted: bool
    reply_due: datetime.date | None
    reply_late: bool
    decision_due: datetime.date | None
    suspended_days: int
    decided_on: datetime.date | None
    decision_type: str
    outcome: str


class ReviewPage(PageMeta):
    items: list[ReviewOut]


class LitigationOut(Schema):
    code: UUID
    case_number: str
    organization: str = Field(..., alias="organization.name")
    court: str
    plaintiff: str
    complaint_received_on: datetime.date
    answer_due: datetime.date | None
    answer_filed_on: datetime.date | None
    outcome: str
    head: bool
    lawyer_only: bool


class LitigationPage(PageMeta):
    items: list[LitigationOut]


class MediationOut(Schema):
    code: UUID
    kind: str
    room: str = Field(..., alias="room.name")
    dispute_type: str
    complex_case: bool
    received_on: datetime.date
    status: str
    closed_on: datetime.date | None
    amount: Decimal | None


class MediationPage(PageMeta):
    items: list[MediationOut]


class MediationFilters(Schema):
    kind: str = ""
    status: str = ""
    year: int | None = Field(None, ge=2000, le=2100)


class YearFilter(Schema):
    # Bounded: an unbounded int reached date(year, 1, 1) (ValueError / OverflowError → 500).
    year: int | None = Field(None, ge=2000, le=2100)


class YearParam(Schema):
    year: int = Field(..., ge=2000, le=2100)


@router.get("/reviews", response={200: ReviewPage, **ERRORS}, url_name="disputes_review_list", summary="行政复议案件")
def review_list(request, page: Query[PageParams], filters: Query[YearFilter]):
    return paginate(S.review_list(actor_of(request), year=filters.year), page)


@router.get("/reviews/{uuid:code}", response={200: ReviewOut, **ERRORS}, url_name="disputes_review_get",
            summary="行政复议案件详情")
def review_get(request, code: UUID):
    return S.review_get(actor_of(request), code)


@router.get("/litigation", response={200: LitigationPage, **ERRORS}, url_name="disputes_litigation_list",
            summary="行政应诉案件")
def litigation_list(request, page: Query[PageParams], filters: Query[YearFilter]):
    return paginate(S.litigation_list(actor_of(request), year=filters.year), page)


@router.get("/mediation", response={200: MediationPage, **ERRORS}, url_name="disputes_mediation_list",
            summary="调解案件")
def mediation_list(request, filters: Query[MediationFilters], page: Query[PageParams]):
    return paginate(S.mediation_list(actor_of(request), kind=filters.kind, status=filters.status, year=filters.year),
                    page)


@router.get("/figures", response={200: dict, **ERRORS}, url_name="disputes_figures", summary="年度化解矛盾纠纷数据")
def figures(request, params: Query[YearParam]):
    user = actor_of(request)
    start, end = year_bounds(params.year)
    med = S.mediation_figures(scope(MediationCase.objects.all(), user),
                              scope(MediationConsultation.objects.all(), user), start, end)
    oneup = S.one_up_two_down(user, params.year)
    return {
        "year": params.year,
        "review": {k: str(v) if isinstance(v, Decimal) else v for k, v in S.review_figures(S.review_list(user), start, end).items()},
        "litigation": {k: str(v) if isinstance(v, Decimal) else v
                       for k, v in S.litigation_figures(scope(S.LitigationCase.objects.all(), user), start, end).items()},
        "mediation": [{**r, "amount": str(r["amount"])} for r in med],
        "one_up_two_down": {k: v for k, v in oneup.items() if k not in ("current", "previous")},
    }
