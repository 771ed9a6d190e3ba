"""Reads of 统筹督察, always through fazhi.core.scoping."""
from __future__ import annotations

from collections import defaultdict

from fazhi.core.scoping import access, scope

from .choices import TaskStatus
from .models import (Appeal, Assessment, AssessmentTarget, DutyReport, Finding, Inspection, Meeting, StudySession,
                     Training, WorkPlan, WorkTask)


def meetings(user, *, kind="", year=None):
    qs = scope(Meeting.objects.select_related("organization").prefetch_related("documents"), user)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(held_on__year=year)
    return qs


def meeting_get(user, code, write=False):
    return access(Meeting.objects.select_related("organization"), user, write=write, code=code)


def studies(user, *, year=None):
    qs = scope(StudySession.objects.select_related("organization", "meeting"), user)
    return qs.filter(held_on__year=year) if year else qs


def study_get(user, code, write=False):
    return access(StudySession.objects.select_related("organization"), user, write=write, code=code)


def trainings(user, *, mode="", year=None):
    qs = scope(Training.objects.select_related("organization"), user)
    if mode:
        qs = qs.filter(mode=mode)
    if year:
        qs = qs.filter(held_on__year=year)
    return qs


def training_get(user, code, write=False):
    return access(Training.objects.select_related("organization"), user, write=write, code=code)


def plans(user):
    return scope(WorkPlan.objects.select_related("organization"), user)


def plan_get(user, code, write=False):
    return access(WorkPlan.objects.select_related("organization"), user, write=write, code=code)


def tasks(user, *, plan=None, org=None, kind="", status=""):
    qs = scope(WorkTask.objects.select_related("organization", "plan"), user)
    if plan is not None:
        qs = qs.filter(plan=plan)
    if org is not None:
        qs = qs.filter(organization=org)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs


def task_get(user, code, write=False):
    return access(WorkTask.objects.select_related("organization", "plan"), user, write=write, code=code)


def completion_by_org(task_qs) -> list[dict]:
    """% done per owner organization (Decidim accountability-style)."""
    agg: dict[int, dict] = defaultdict(lambda: {"org": None, "total": 0, "done": 0, "progress": 0})
    for t in task_qs:
        row = agg[t.organization_id]
        row["org"] = t.organization
        row["total"] += 1
        row["done"] += t.status == TaskStatus.DONE
        row["progress"] += t.progress
    rows = []
    for row in agg.values():
        row["pct"] = round(row["done"] * 100 / row["total"], 1)
        row["avg_progress"] = round(row["progress"] / row["total"], 1)
        rows.append(row)
    rows.sort(key=lambda r: (-r["pct"], r["org"].sort_order, r["org"].name))
    return rows


def inspections(user, *, scope_kind="", year=None):
    qs = scope(Inspection.objects.select_related("organization"), user)
    if scope_kind:
        qs = qs.filter(scope=scope_kind)
    if year:
        qs = qs.filter(started_on__year=year)
    return qs


def inspection_get(user, code, write=False):
    return access(Inspection.objects.select_related("organization"), user, write=write, code=code)


def findings(user, *, inspection=None, status="", repeated=False):
    qs = scope(Finding.objects.select_related("organization", "inspection", "repeat_of__inspection"), user)
    if inspection is not None:
        qs = qs.filter(inspection=inspection)
    if status:
        qs = qs.filter(status=status)
    if repeated:
        qs = qs.exclude(repeat_of=None)
    return qs


def finding_get(user, code, write=False):
    return access(Finding.objects.select_related("organization", "inspection__organization", "repeat_of__inspection"),
                  user, write=write, code=code)


def duty_reports(user, *, year=None):
    qs = scope(DutyReport.objects.select_related("organization"), user)
    return qs.filter(year=year) if year else qs


def duty_get(user, code, write=False):
    return access(DutyReport.objects.select_related("organization"), user, write=write, code=code)


def assessments(user):
    return scope(Assessment.objects.select_related("organization", "scheme"), user)


def assessment_get(user, code, write=False):
    return access(Assessment.objects.select_related("organization", "scheme"), user, write=write, code=code)


def my_targets(user):
    return scope(AssessmentTarget.objects.select_related("assessment", "organization"), user)


def target_get(user, code, write=False):
    return access(AssessmentTarget.objects.select_related("assessment__scheme", "assessment__organization",
                                                          "organization__region"), user, write=write, code=code)


def appeals(user, *, assessment=None):
    qs = scope(Appeal.objects.select_related("organization", "target__assessment", "item"), user)
    return qs.filter(target__assessment=assessment) if assessment is not None else qs


def appeal_get(user, code):
    return access(Appeal.objects.select_related("target__assessment__organization", "item"), user, code=code)
