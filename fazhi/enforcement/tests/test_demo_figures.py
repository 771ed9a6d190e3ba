"""The demo county's 2021 records reproduce section 一(四) of figures.md (hard-coded: the spec)."""
import pytest

from fazhi.core.indicators import compute_all
from fazhi.core.models import Organization
from fazhi.demo.loader import load_demo
from fazhi.enforcement import demo_records
from fazhi.enforcement.models import Case, Officer

EXPECTED = {
    "enforcement.township_work_plans": 4,
    "enforcement.township_offices": 12,
    "enforcement.lists_published": 6,
    "enforcement.cases_filed": 547,
    "enforcement.officers_qualified": 239,
}


@pytest.mark.django_db
def test_demo_reproduces_figures():
    load_demo()
    assert demo_records.load().startswith("已载入")
    gov = Organization.objects.get(name="同心县人民政府", kind="government")
    values = {r["code"]: r["value"] for r in compute_all(gov, 2021) if r["code"] in EXPECTED}
    assert values == EXPECTED
    rates = {r["code"]: r["value"] for r in compute_all(gov, 2021) if r["code"].startswith("enforcement.")}
    assert rates["enforcement.legality_review_rate"] == 100
    assert rates["enforcement.two_officer_rate"] == 100
    assert 0 < rates["enforcement.publicity_timely_rate"] < 100  # a few late publications, shown as such
    # The officers are the oversight module's trainees (same 执法证号).
    assert Officer.objects.filter(cert_no="64032420210000").exists()
    # Every demo case has two officers whose certificates were valid on the filing date.
    case = Case.objects.filter(filed_on__year=2021).order_by("id").last()
    assert all(o.valid_on(case.filed_on) for o in case.officers.all()) and case.officers.count() == 2
    assert demo_records.load() == "已存在"
    values_2020 = {r["code"]: r["value"] for r in compute_all(gov, 2020) if r["code"] in EXPECTED}
    # Nothing of 2021 counts in 2020 (officers first certified in 2020 do, and only they).
    assert {k: v for k, v in values_2020.items() if k != "enforcement.officers_qualified"} == \
        {k: 0 for k in EXPECTED if k != "enforcement.officers_qualified"}
    assert values_2020["enforcement.officers_qualified"] == Officer.objects.filter(first_certified_on__year=2020).count()
