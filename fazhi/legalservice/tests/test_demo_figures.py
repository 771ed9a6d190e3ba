"""The demo county's 2021 records reproduce the seed report's figures (figures.md, 一(六) and the
义警 row of 一(七)). The expected numbers are hard-coded from figures.md: they are the spec."""
from decimal import Decimal

import pytest

from fazhi.core.indicators import compute_all
from fazhi.core.models import Organization
from fazhi.demo.loader import load_demo
from fazhi.legalservice import demo_records

EXPECTED = {
    "legalservice.aid_accepted": 708,
    "legalservice.aid_closed": 563,
    "legalservice.criminal_assigned": 524,
    "legalservice.criminal_defense_rate": Decimal("100.0"),
    "legalservice.notarizations": 1154,
    "legalservice.consult_hotline": 413,
    "legalservice.consult_onsite": 110,
    "legalservice.consult_terminal": 1000,
    "legalservice.consult_video": 430,
    "legalservice.publicity_events": 30,
    "legalservice.enterprise_checkups": 56,
    "legalservice.micro_videos": 20,
    "legalservice.micro_video_views": Decimal("700"),     # 万人次
    "legalservice.people_served": 5000,
    "legalservice.migrant_documents": 200,
    "legalservice.migrant_wages": Decimal("250"),         # 万元
    "legalservice.patrol_members": 10,
    "legalservice.patrol_vehicles": 2,
    "legalservice.night_patrols": 168,
    "legalservice.school_traffic": 145,
    "legalservice.law_to_school": 36,
    "legalservice.law_to_community": 30,
    "legalservice.labour_group_trainings": 6,
    "legalservice.labour_group_returns": 20,
    "legalservice.labour_group_contractors": 54,
    "legalservice.labour_group_amount": Decimal("4.97"),
}


@pytest.mark.django_db
def test_demo_reproduces_figures():
    load_demo()
    summary = demo_records.load()
    assert summary.startswith("已载入")
    gov = Organization.objects.get(name="同心县人民政府", kind="government")
    values = {row["code"]: row["value"] for row in compute_all(gov, 2021) if row["code"].startswith("legalservice.")}
    assert values == EXPECTED
    # Idempotent.
    assert demo_records.load() == "已存在"
    # The figures come from records: none counted in 2020.
    values_2020 = {row["code"]: row["value"] for row in compute_all(gov, 2020) if row["code"].startswith("legalservice.")}
    assert all(v == 0 for v in values_2020.values())
