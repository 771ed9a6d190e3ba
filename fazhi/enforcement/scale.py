"""Scale hook (``fazhi generate``): ``factor`` × the demo's enforcement volumes in ``county``.

``factor`` × 441 officers and ``factor`` × 547 cases of 2021 over the county's departments, townships
and their units, written by the same bulk generator as the demo (``generate.py``): two certified
officers per case, decisions, publicity and due dates from the working-day calendar, a 1 % tail of
decisions after the 90-day period and ~3 % of late publications. Cases get their 立案/决定/结案 文书.
"""
from __future__ import annotations

import random

from fazhi.core.models import Organization
from fazhi.core.scale import county_orgs, deferred_indexes
from fazhi.enforcement import generate as gen
from fazhi.enforcement.demo_records import CASES, NEW_OFFICERS, OFFICERS
from fazhi.enforcement.models import Case, CaseStep, Officer

YEAR = 2021


def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
    orgs = list(county_orgs(county).filter(kind__in=["department", "township", "other"]).order_by("id"))
    if not orgs:
        orgs = [county]
    before_steps = CaseStep.objects.count()
    prefix = f"G{county.pk}-{Officer.objects.count()}-"
    officers = gen.build_officers(orgs=orgs, count=OFFICERS * factor, year=YEAR, first_in_year=NEW_OFFICERS * factor,
                                  rng=rng, cert_prefix=prefix)
    by_org: dict = {}
    for o in officers:
        by_org.setdefault(o.organization, []).append(o)
    with deferred_indexes([Case, CaseStep, Case.officers.through, CaseStep.officers.through]):
        n = gen.build_cases(officers_by_org=by_org, count=CASES * factor, year=YEAR, rng=rng,
                            number_prefix=f"S{Case.objects.count()}-")
    return {"enforcement.Officer": len(officers), "enforcement.Case": n,
            "enforcement.CaseStep": CaseStep.objects.count() - before_steps}
