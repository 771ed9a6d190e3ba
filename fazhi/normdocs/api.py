"""/api/normdocs — the registry (list, detail, draft, workflow steps), full-text search, and cleanup campaigns
with their funnel. Scoped by ``fazhi.core.scoping``: another organization's record is a 404."""
from __future__ import annotations

import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field

from fazhi.api.routers.common import actor_of, org_ref, paginate, request_id
from fazhi.api.schemas import ErrorOut, FilterSchema, InSchema, PageParams
from fazhi.core.models import User
from fazhi.normdocs import selectors as sel
from fazhi.normdocs import services as sv
from fazhi.normdocs.choices import DocState, EvaluationConclusion, LegalityConclusion

router = Router(tags=["行政规范性文件"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class OrgRef(Schema):
    code: UUID
    name: str


class DocOut(Schema):
    code: UUID
    title: str
    issuer: str
    doc_number: str
    reg_number: str
    state: str
    legal_basis: str
    concerns_market: bool
    drafted_on: datetime.date
    evaluated_on: datetime.date | None
    comment_opens_on: datetime.date | None
    comment_min_close_on: datetime.date | None
    submitted_on: datetime.date | None
    legality_due_on: datetime.date | None
    reviewed_on: datetime.date | None
    legality_conclusion: str
    decided_on: datetime.date | None
    printed_on: datetime.date | None
    published_on: datetime.date | None
    effective_on: datetime.date | None
    expires_on: datetime.date | None
    filing_due_on: datetime.date | None
    filed_gov_on: datetime.date | None
    filed_npc_on: datetime.date | None
    organization: OrgRef


class DocFilters(FilterSchema):
    year: int | None = Field(None, ge=1983, le=2100)
    state: DocState | None = None


class DocIn(InSchema):
    organization: UUID
    title: str = Field(min_length=1, max_length=200)
    issuer: str = Field(min_length=1, max_length=100)
    drafted_on: datetime.date
    legal_basis: str = Field("", max_length=2000)
    text: str = Field("", max_length=200_000)
    concerns_market: bool = False
    doc_number: str = Field("", max_length=60)


class StepIn(InSchema):
    """One workflow step; fields as on the step forms (unused ones are ignored)."""
    step: str = Field(pattern="^(evaluate_draft|open_comment|submit_legality|legality|deliberate|publish|file|force|evaluate|end)$")
    on: datetime.date | None = None
    opens_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    submitted_on: datetime.date | None = None
    summary: str = Field("", max_length=2000)
    reviewer: str = Field("", max_length=150, description="法制审核员的用户名")
    opinion: str = Field("", max_length=3000)
    conclusion: str = Field("", max_length=20)
    urgent_reason: str = Field("", max_length=300)
    meeting: str = Field("", max_length=100)
    adopted: bool = True
    doc_number: str = Field("", max_length=60)
    printed_on: datetime.date | None = None
    channel: str = Field("", max_length=100)
    effective_on: datetime.date | None = None
    validity_years: int | None = Field(None, ge=1, le=10)
    gov_on: datetime.date | None = None
    gov_ref: str = Field("", max_length=60)
    npc_on: datetime.date | None = None
    npc_ref: str = Field("", max_length=60)
    report: str = Field("", max_length=3000)
    how: str = Field("", max_length=10)
    reason: str = Field("", max_length=300)


class SearchParams(FilterSchema):
    q: str = Field(min_length=1, max_length=100)
    kind: str | None = Field(None, pattern="^(doc|corpus)$")
    state: str | None = Field(None, max_length=20)
    year: int | None = Field(None, ge=1949, le=2100)
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10000)


class CampaignOut(Schema):
    code: UUID
    year: int
    title: str
    corpus_since: int
    organization: OrgRef
    funnel: dict

    @staticmethod
    def resolve_funnel(obj):
        return sel.funnel(obj)


@router.get("/docs", response={200: dict, **ERRORS}, url_name="nd_doc_list", summary="规范性文件登记")
def doc_list(request, filters: Query[DocFilters], page: Query[PageParams]):
    qs = sel.docs(actor_of(request))
    if filters.year:
        qs = qs.filter(drafted_on__year=filters.year)
    if filters.state:
        qs = qs.filter(state=filters.state)
    data = paginate(qs.order_by("drafted_on", "id"), page)
    data["items"] = [DocOut.from_orm(o).dict() for o in data["items"]]
    return data


@router.get("/docs/{uuid:code}", response={200: DocOut, **ERRORS}, url_name="nd_doc_get", summary="文件详情")
def doc_get(request, code: UUID):
    return sel.doc(actor_of(request), code)


@router.post("/docs", response={201: DocOut, **ERRORS}, url_name="nd_doc_create", summary="起草规范性文件")
def doc_create(request, payload: DocIn):
    actor = actor_of(request)
    data = payload.dict()
    data["organization"] = org_ref(actor, payload.organization, "organization")
    return Status(201, sv.normdoc_create(actor=actor, request_id=request_id(request), **data))


@router.post("/docs/{uuid:code}/step", response={200: DocOut, **ERRORS}, url_name="nd_doc_step",
             summary="办理制发程序的一个环节（守卫条件不满足时返回 400 并说明依据）")
def doc_step(request, code: UUID, payload: StepIn):
    actor = actor_of(request)
    d = sel.doc(actor, code, write=True)
    p = payload.dict()
    a = dict(actor=actor, doc=d, request_id=request_id(request))
    step = p["step"]
    if step == "evaluate_draft":
        return sv.normdoc_evaluate_draft(**a, on=p["on"], summary=p["summary"])
    if step == "open_comment":
        return sv.normdoc_open_comment(**a, opens_on=p["opens_on"])
    if step == "submit_legality":
        return sv.normdoc_submit_legality(**a, closed_on=p["closed_on"], summary=p["summary"], submitted_on=p["submitted_on"])
    if step == "legality":
        reviewer = User.objects.filter(username=p["reviewer"]).first() if p["reviewer"] else None
        if reviewer is None:
            raise ValidationError({"reviewer": "法制审核员不存在。"})
        if p["conclusion"] not in LegalityConclusion.values:
            raise ValidationError({"conclusion": "审核结论无效。"})
        return sv.normdoc_conclude_legality(**a, on=p["on"], reviewer=reviewer, opinion=p["opinion"],
                                            conclusion=p["conclusion"], urgent_reason=p["urgent_reason"])
    if step == "deliberate":
        return sv.normdoc_deliberate(**a, on=p["on"], meeting=p["meeting"], adopted=p["adopted"],
                                     doc_number=p["doc_number"], printed_on=p["printed_on"])
    if step == "publish":
        return sv.normdoc_publish(**a, on=p["on"], channel=p["channel"], effective_on=p["effective_on"],
                                  validity_years=p["validity_years"])
    if step == "file":
        return sv.normdoc_file(**a, gov_on=p["gov_on"], gov_ref=p["gov_ref"], npc_on=p["npc_on"], npc_ref=p["npc_ref"])
    if step == "force":
        return sv.normdoc_enter_force(**a, on=p["on"])
    if step == "evaluate":
        if p["conclusion"] not in EvaluationConclusion.values:
            raise ValidationError({"conclusion": "评估结论无效。"})
        return sv.normdoc_evaluate(**a, on=p["on"], conclusion=p["conclusion"], report=p["report"])
    return sv.normdoc_end(**a, how=p["how"], on=p["on"], reason=p["reason"])


@router.get("/search", response={200: dict, **ERRORS}, url_name="nd_search", summary="全文检索（中文分词，按相关度排序）")
def search(request, params: Query[SearchParams]):
    kinds = {"doc": (sel.KIND_DOC,), "corpus": (sel.KIND_CORPUS,)}.get(params.kind or "", (sel.KIND_DOC, sel.KIND_CORPUS))
    total, rows, terms = sel.search_records(actor_of(request), params.q, kinds=kinds, status=params.state or None,
                                            year=params.year, limit=params.limit, offset=params.offset)
    return {"total": total, "terms": terms, "items": [
        {"kind": "normdoc" if k == sel.KIND_DOC else "corpus", "code": str(o.code), "title": o.title,
         "rank": round(r, 4), "snippet": str(s)} for o, r, s, k in rows]}


@router.get("/campaigns", response={200: list[CampaignOut], **ERRORS}, url_name="nd_campaign_list", summary="文件清理工作")
def campaign_list(request):
    return list(sel.campaigns(actor_of(request)))


@router.get("/campaigns/{uuid:code}", response={200: CampaignOut, **ERRORS}, url_name="nd_campaign_get",
            summary="清理工作及统计")
def campaign_get(request, code: UUID):
    return sel.campaign(actor_of(request), code)
