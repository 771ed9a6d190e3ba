"""Scale hook (``fazhi generate``): ``factor`` × the demo's 政府职能 records in ``county``.

Copies of the demo county's records (:func:`fazhi.core.scale.clone_records`). Codes that must stay
unique get a ``-S<k>`` suffix (职权编码, 事项编码, 申请编号, 决定文书号); dated ledgers (disclosures,
requests, 双公示, activities) are re-drawn by season with their other dates moved alike. 权责清单
versions and their adjustments keep their dates (a version chain must stay contiguous). Self links
(a version's ``previous``, a service item's ``parent``) are not carried into copies. Annual reports
are one per unit and year: copied into a new county only.
"""
from __future__ import annotations

import random

from fazhi.core.models import Organization
from fazhi.core.scale import Spec, clone_records, unique_suffix
from fazhi.functions.models import (
    AnnualReport,
    CreditActivity,
    CreditRecord,
    Disclosure,
    InfoRequest,
    NewMediaAccount,
    PowerAdjustment,
    PowerItem,
    ServiceItem,
    UpperServiceItem,
)


def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
    return clone_records(county, factor, rng, [
        Spec(PowerItem, unique=unique_suffix(PowerItem, "power_code")),
        Spec(PowerAdjustment, unique=unique_suffix(PowerAdjustment, "power_code")),
        Spec(ServiceItem, unique=unique_suffix(ServiceItem, "item_code")),
        Spec(UpperServiceItem, unique=unique_suffix(UpperServiceItem, "item_code")),
        Spec(Disclosure, date_field="formed_on"),
        Spec(InfoRequest, date_field="received_on", unique=unique_suffix(InfoRequest, "number")),
        Spec(AnnualReport, per_year=True),
        Spec(NewMediaAccount),
        Spec(CreditRecord, date_field="decided_on", unique=unique_suffix(CreditRecord, "document_number")),
        Spec(CreditActivity, date_field="held_on"),
    ])
