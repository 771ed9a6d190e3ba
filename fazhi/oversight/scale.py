"""Scale hook (``fazhi generate``): ``factor`` × the demo's oversight records in ``county``.

Copies of the demo county's records (:func:`fazhi.core.scale.clone_records`): dates re-drawn by
season; 5 % of the closed 督察 findings left open past their 整改时限 (the overdue tail). The year's
work plan and the assessment (one per county and year) are copied into a new county only.
"""
from __future__ import annotations

import random

from fazhi.core.models import Organization
from fazhi.core.scale import Spec, clone_records
from fazhi.oversight.choices import FindingStatus
from fazhi.oversight.models import (AdoptedDocument, Appeal, Assessment, AssessmentTarget, DutyReport, Finding,
                                    Inspection, ManualScore, Meeting, StudySession, Training, TrainingAttendance,
                                    WorkPlan, WorkTask)


def _overdue_finding(finding: Finding, rng: random.Random) -> None:
    if finding.status == FindingStatus.CLOSED and rng.random() < 0.05:
        finding.status = FindingStatus.OPEN
        finding.closed_on = None
        finding._scale_open = True


def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
    return clone_records(county, factor, rng, [
        Spec(Meeting, date_field="held_on"),
        Spec(AdoptedDocument),
        Spec(StudySession, date_field="held_on"),
        Spec(Training, date_field="held_on"),
        Spec(TrainingAttendance),
        Spec(WorkPlan, per_year=True),
        Spec(WorkTask, per_year=True),
        Spec(Inspection, date_field="started_on"),
        Spec(Finding, date_field="due_on", mutate=_overdue_finding),
        Spec(DutyReport, date_field="reported_on"),
        Spec(Assessment, per_year=True),
        Spec(AssessmentTarget, per_year=True),
        Spec(ManualScore, per_year=True),
        Spec(Appeal, per_year=True),
    ])
