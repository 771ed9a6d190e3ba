"""Scale hook (``fazhi generate``): ``factor`` × the demo's legal-service records in ``county``.

Copies of the demo county's records (:func:`fazhi.core.scale.clone_records`): dates re-drawn by
season; 2 % of the archived aid cases left closed but not archived past their 30-day archive limit
(the overdue tail on the deadline board). Service points are structure, copied into a new county
only.
"""
from __future__ import annotations

import random

from fazhi.core.models import Organization
from fazhi.core.scale import Spec, clone_records, unique_suffix
from fazhi.legalservice.choices import AidStatus
from fazhi.legalservice.models import Activity, AidCase, Consultation, Lawyer, Notarization, ServicePoint


def _overdue_archive(case: AidCase, rng: random.Random) -> None:
    if case.status == AidStatus.ARCHIVED and rng.random() < 0.02:
        case.status = AidStatus.CLOSED
        case.archived_on = None
        case.archived_late = False
        case.quality_score = None
        case.quality_grade = ""
        case._scale_open = True


def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
    return clone_records(county, factor, rng, [
        Spec(Lawyer, unique=unique_suffix(Lawyer, "license_no")),
        Spec(AidCase, date_field="received_on", unique=unique_suffix(AidCase, "number"), mutate=_overdue_archive),
        Spec(Notarization, date_field="issued_on", unique=unique_suffix(Notarization, "number")),
        Spec(Consultation, date_field="consulted_on"),
        Spec(Activity, date_field="held_on"),
        Spec(ServicePoint, per_year=True),
    ])
