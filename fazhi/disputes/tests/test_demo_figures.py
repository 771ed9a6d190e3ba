"""The demo county's 2021 records reproduce figures.md rows of 一(七) and the dispute rows of 一(六)."""
from decimal import Decimal

import pytest

from fazhi.core.indicators import get_indicator, org_scope
from fazhi.core.models import Organization
from fazhi.demo.loader import load_demo
from fazhi.disputes import demo_records

# figures.md — the spec (where the seed says 余, the number as written).
EXPECTED = {
    "disputes.review_applied": 5,
    "disputes.review_accepted": 3,
    "disputes.review_mediated_first": 3,
    "disputes.review_resolved_by_mediation": 1,
    "disputes.review_decided": 2,
    "disputes.review_corrected": 1,
    "disputes.review_correction_rate": Decimal("50.0"),
    "disputes.litigation_head_appeared": 34,
    "disputes.litigation_appearance_rate": Decimal("100.0"),
    "disputes.people_mediation": 3890,
    "disputes.people_mediation_complex": 1327,
    "disputes.people_mediation_amount": Decimal("5830"),
    "disputes.presuit_mediation": 767,
    "disputes.presuit_amount": Decimal("970"),
    "disputes.presuit_courts": 4,
    "disputes.marriage_mediation": 265,
    "disputes.marriage_consultations": 697,
    "disputes.plsc_mediation": 50,
    "disputes.labour_arbitration": 25,
}


@pytest.mark.django_db(transaction=False)
def test_demo_reproduces_the_seed_figures():
    load_demo()
    assert "已载入" in demo_records.load()
    assert "已存在" in demo_records.load()          # idempotent
    orgs = org_scope(Organization.objects.get(name="同心县人民政府"))
    import datetime

    start, end = datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)
    got = {code: get_indicator(code).compute(orgs, start, end) for code in EXPECTED}
    assert got == EXPECTED
    # Nothing of it falls into 2020.
    assert get_indicator("disputes.people_mediation").compute(orgs, datetime.date(2020, 1, 1),
                                                              datetime.date(2020, 12, 31)) == 0
    # The 司法局 handles the government's 复议 cases as its 行政复议机构 (行政复议法第四条): its reviewer
    # sees all five of them.
    from fazhi.core.models import Membership
    from fazhi.disputes import selectors

    reviewer = Membership.objects.filter(organization__name="同心县司法局", role="reviewer").first().user
    assert selectors.review_list(reviewer, year=2021).count() == 5
