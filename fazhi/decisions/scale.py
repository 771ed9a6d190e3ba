"""Scale hook (``fazhi generate``): ``factor`` × the demo's major-decision records in ``county``.

Copies of the demo county's records (:func:`fazhi.core.scale.clone_records`): each decision with
its catalog item, expert opinions, comments, hearings, reports and the advisers' work, dates
re-drawn by season. The yearly catalog (one per organ and year) is copied into a new county only;
in the same county the copied items join the existing catalog.
"""
from __future__ import annotations

import random

from fazhi.core.models import Organization
from fazhi.core.scale import Spec, clone_records
from fazhi.decisions.models import (Adviser, AdviserWork, Catalog, CatalogChange, CatalogItem, Comment, Decision,
                                    ExpertOpinion, Hearing, ImplementationReport)


def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
    return clone_records(county, factor, rng, [
        Spec(Catalog, per_year=True),
        Spec(CatalogItem, date_field="planned_start"),
        Spec(CatalogChange, date_field="changed_on"),
        Spec(Adviser),
        Spec(Decision, date_field="started_on"),
        Spec(ExpertOpinion, date_field="given_on"),
        Spec(Comment),
        Spec(Hearing, date_field="held_on"),
        Spec(ImplementationReport, date_field="reported_on"),
        Spec(AdviserWork, date_field="on"),
    ])
