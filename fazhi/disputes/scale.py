"""Scale hook (``fazhi generate``): ``factor`` × the demo's dispute records in ``county``.

Copies of the demo county's records (:func:`fazhi.core.scale.clone_records`): dates re-drawn by
season; the 复议 respondent redistributed over the county's departments by size (a few large
departments answer most applications); 3 % of the settled mediation cases left open past their
settle-by date (the overdue tail). Yearly figures (one row per unit and year) are copied into a
new county only.
"""
from __future__ import annotations

import random

from fazhi.core.choices import OrgKind
from fazhi.core.models import Organization
from fazhi.core.scale import Spec, clone_records, unique_suffix
from fazhi.disputes.choices import AgreementForm, MediationStatus
from fazhi.disputes.models import (ArbitrationCase, LitigationCase, LitigationHearing, MediationCase,
                                   MediationConsultation, MediationRoom, ReviewCase, YearlyExternalCount)


def _overdue_mediation(case: MediationCase, rng: random.Random) -> None:
    if case.status == MediationStatus.SUCCESS and case.settle_due and rng.random() < 0.03:
        case.status = MediationStatus.OPEN
        case.closed_on = None
        case.agreement_form = AgreementForm.NONE
        case.performed = case.confirmed = False
        case.confirmation_applied_on = case.followup_on = None
        case.followup_note = ""
        case._scale_open = True


def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
    return clone_records(county, factor, rng, [
        Spec(MediationRoom, unique=unique_suffix(MediationRoom, "name")),
        Spec(MediationCase, date_field="received_on", mutate=_overdue_mediation),
        Spec(MediationConsultation, date_field="on"),
        Spec(ReviewCase, date_field="received_on", spread={"respondent": OrgKind.DEPARTMENT}),
        Spec(LitigationCase, date_field="complaint_received_on", unique=unique_suffix(LitigationCase, "case_number")),
        Spec(LitigationHearing, date_field="held_on"),
        Spec(ArbitrationCase, date_field="received_on", unique=unique_suffix(ArbitrationCase, "number")),
        Spec(YearlyExternalCount, per_year=True),
    ])
