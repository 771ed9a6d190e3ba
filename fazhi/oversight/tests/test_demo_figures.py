"""The demo county's 2021 records reproduce figures.md (rows of 一(一), 一(二), 一(四) held here)."""
import pytest

from fazhi.core.choices import OrgKind
from fazhi.core.indicators import compute_all
from fazhi.core.models import Organization
from fazhi.demo.loader import load_demo
from fazhi.oversight import demo_records
from fazhi.oversight.models import AdoptedDocument, Assessment, MeetingKind, StudySession
from fazhi.oversight.scoring import ranking

# figures.md — the spec, hard-coded.
EXPECTED = {
    "oversight.committee_meetings": 3,
    "oversight.adopted_documents": 3,
    "oversight.promotion_meetings": 2,
    "oversight.county_inspections": 2,
    "oversight.congress_inspections": 1,
    "oversight.study_topics": 5,
    "oversight.key_reform_tasks": 33,
    "oversight.training_sessions": 14,
    "oversight.training_person_times": 650,
    "oversight.online_trained_staff": 441,
}
DOCS = {"《法治同心建设规划（2021-2025 年）》", "《同心县法治社会建设实施方案（2021-2025 年）》",
        "《同心县 2021 年依法治县工作要点》"}
TOPICS = {"习近平法治思想", "《民法典》", "《行政处罚法》", "《安全生产法》", "《土地管理法实施条例》"}


@pytest.mark.django_db
def test_demo_reproduces_figures():
    load_demo()
    assert demo_records.load() != "已存在"
    assert demo_records.load() == "已存在"
    gov = Organization.objects.get(name="同心县人民政府")
    values = {f["code"]: f["value"] for f in compute_all(gov, 2021)}
    for code, expected in EXPECTED.items():
        assert values[code] == expected, code
    titles = set(AdoptedDocument.objects.filter(meeting__kind=MeetingKind.COMMITTEE).values_list("title", flat=True))
    assert titles == DOCS
    topics = {t for s in StudySession.objects.all() for t in s.topic_list()}
    assert topics == TOPICS

    a = Assessment.objects.get(year=2021)
    results = ranking(a)
    kinds = [r.target.organization.kind for r in results]
    assert kinds.count(OrgKind.DEPARTMENT) == 34 and kinds.count(OrgKind.TOWNSHIP) == 12
    assert results[0].rank == 1 and all(r.score > 0 for r in results)
    # an indicator no module has registered yet is flagged, not counted
    leaf = next(lf for lf in results[0].leaves if lf.item.number == "4.1")
    assert leaf.state in ("missing", "no_data", "ok", "few")
