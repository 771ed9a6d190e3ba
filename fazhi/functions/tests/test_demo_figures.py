"""The demo county's 2021 records reproduce section 一(二) of figures.md (hard-coded: the spec)."""
from decimal import Decimal

import pytest

from fazhi.core.indicators import compute_all
from fazhi.core.models import Organization
from fazhi.demo.loader import load_demo
from fazhi.functions import demo_records
from fazhi.functions import selectors as sel
from fazhi.functions.models import InfoRequest, ServiceItem

EXPECTED = {
    "functions.power_list_agencies": 23,
    "functions.power_items": 3414,
    "functions.township_empowered": 79,
    "functions.enforcement_delegated": 70,
    "functions.power_adjustments": 456,
    "functions.service_items_consistent": 1426,
    "functions.network_departments": 34,
    "functions.network_townships": 12,
    "functions.network_villages": 142,
    "functions.network_communities": 11,
    "functions.disclosures": 16594,
    "functions.new_media_accounts": 31,
    "functions.credit_entrepreneurs": 10,
    "functions.credit_model_units": 15,
    "functions.dual_publicity_records": 2900,
}


@pytest.mark.django_db
def test_demo_reproduces_figures():
    load_demo()
    assert demo_records.load().startswith("已载入")
    gov = Organization.objects.get(name="同心县人民政府", kind="government")
    values = {r["code"]: r["value"] for r in compute_all(gov, 2021) if r["code"].startswith("functions.")}
    assert {k: values[k] for k in EXPECTED} == EXPECTED
    # “超过86%”: the online-available rate is a percentage above 86.
    assert Decimal(86) < values["functions.online_service_rate"] < Decimal(100)
    # The 四级四同 check lists exactly the in-force items that are not consistent.
    in_force = ServiceItem.objects.filter(in_force=True).count()
    assert len(sel.consistency_check(ServiceItem.objects.all())) == in_force - 1426
    assert InfoRequest.objects.filter(state="replied").exists()
    assert demo_records.load() == "已存在"
    values_2020 = {r["code"]: r["value"] for r in compute_all(gov, 2020) if r["code"].startswith("functions.")}
    for code in ("functions.township_empowered", "functions.power_adjustments", "functions.disclosures",
                 "functions.dual_publicity_records", "functions.credit_entrepreneurs"):
        assert values_2020[code] == 0
