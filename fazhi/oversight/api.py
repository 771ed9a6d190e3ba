"""/api/oversight — work-plan tasks (scoped list) and an assessment's ranking with breakdown."""
from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Query, Router, Schema, Status

from fazhi.api.routers.common import actor_of
from fazhi.api.schemas import ErrorOut, FilterSchema

from . import selectors as sel
from .scoring import ranking

router = Router(tags=["统筹督察"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class TaskOut(Schema):
    code: UUID
    number: str
    title: str
    kind: str
    organization: str
    due_on: datetime.date
    progress: int
    status: str


class TaskFilters(FilterSchema):  # refuses NUL characters (PostgreSQL cannot compare them)
    kind: str = ""
    status: str = ""


@router.get("/tasks", response={200: list[TaskOut], **ERRORS}, url_name="oversight_task_list", summary="工作要点任务")
def task_list(request, filters: Query[TaskFilters]):
    qs = sel.tasks(actor_of(request), kind=filters.kind[:32], status=filters.status[:32])[:1000]
    return Status(200, [TaskOut(code=t.code, number=t.number, title=t.title, kind=t.kind, organization=t.organization.name,
                         due_on=t.due_on, progress=t.progress, status=t.status) for t in qs])


class GroupOut(Schema):
    number: str
    name: str
    earned: Decimal
    possible: Decimal


class LeafOut(Schema):
    number: str
    state: str
    points: Decimal | None
    caveat: str


class RankOut(Schema):
    rank: int
    organization: str
    score: Decimal
    earned: Decimal
    possible: Decimal
    groups: list[GroupOut]
    leaves: list[LeafOut]
    caveats: list[str]


@router.get("/assessments/{uuid:code}/ranking", response={200: list[RankOut], **ERRORS},
            url_name="oversight_ranking", summary="考评得分与排名")
def assessment_ranking(request, code: UUID):
    a = sel.assessment_get(actor_of(request), code)
    return Status(200, [RankOut(rank=r.rank, organization=r.target.organization.name, score=r.score, earned=r.earned,
                         possible=r.possible, caveats=r.caveats,
                         groups=[GroupOut(number=g["item"].number, name=g["item"].name, earned=g["earned"],
                                          possible=g["possible"]) for g in r.groups if g["item"]],
                         leaves=[LeafOut(number=lf.item.number, state=lf.state, points=lf.points, caveat=lf.caveat)
                                 for lf in r.leaves])
                 for r in ranking(a)])
