"""The demo county's 2021 records reproduce section 一(五) of figures.md (hard-coded: the spec)."""
import datetime

import pytest

from fazhi.core.indicators import compute_all
from fazhi.core.models import Organization
from fazhi.demo.loader import load_demo
from fazhi.normdocs import demo_records
from fazhi.normdocs.models import Flag, NormDoc

EXPECTED = {
    "normdocs.cleanup_criteria": 11,
    "normdocs.cleanup_screened": 20984,
    "normdocs.cleanup_reviewed_policy": 260,
    "normdocs.cleanup_reviewed_normative": 122,
    "normdocs.cleanup_repealed": 158,
    "normdocs.cleanup_expired": 76,
    "normdocs.cleanup_amended": 29,
    "normdocs.cleanup_kept": 119,
    "normdocs.issued_since_2020": 15,
}


@pytest.mark.django_db
def test_demo_reproduces_figures():
    load_demo()
    assert demo_records.load().startswith("已载入")
    gov = Organization.objects.get(name="同心县人民政府", kind="government")
    values = {r["code"]: r["value"] for r in compute_all(gov, 2021) if r["code"].startswith("normdocs.")}
    rate = values.pop("normdocs.filing_timely_rate")
    assert values == EXPECTED
    assert float(rate) == 100.0
    # The 15 went through the whole lifecycle, numbered without gaps per year, published and filed in 2020–2021.
    docs = NormDoc.objects.filter(reg_number__gt="")
    assert docs.count() == 15
    for d in docs:
        assert d.evaluated_on and d.comment_closed_on and d.reviewed_on and d.decided_on and d.filed_npc_on
        assert datetime.date(2020, 1, 1) <= d.published_on <= datetime.date(2021, 12, 31)
    for year in (2020, 2021):
        seqs = sorted(docs.filter(reg_year=year).values_list("reg_seq", flat=True))
        assert seqs == list(range(1, len(seqs) + 1))
    # The pre-screening proposed candidates for each kind of reason.
    kinds = set(Flag.objects.values_list("kind", flat=True))
    assert {"cites_repealed", "cites_old_version", "agency_abolished", "validity_passed", "not_published"} <= kinds
    assert demo_records.load() == "已存在"
    values_2020 = {r["code"]: r["value"] for r in compute_all(gov, 2020) if r["code"].startswith("normdocs.cleanup")}
    assert all(v == 0 for v in values_2020.values())
