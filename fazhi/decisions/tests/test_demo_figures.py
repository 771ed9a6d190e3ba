"""The demo county's 2021 records reproduce section 一(三) of figures.md (hard-coded: the spec)."""
import pytest

from fazhi.core.indicators import compute_all
from fazhi.core.models import Organization
from fazhi.decisions import demo_records
from fazhi.decisions.models import Decision
from fazhi.demo.loader import load_demo

EXPECTED = {
    "decisions.catalog_items": 11,
    "decisions.adviser_meetings": 8,
    "decisions.adviser_suits": 34,
    "decisions.adviser_opinions": 148,
}


@pytest.mark.django_db
def test_demo_reproduces_figures():
    load_demo()
    assert demo_records.load().startswith("已载入")
    gov = Organization.objects.get(name="同心县人民政府", kind="government")
    values = {r["code"]: r["value"] for r in compute_all(gov, 2021) if r["code"].startswith("decisions.")}
    assert values == EXPECTED
    # The two decisions the seed names, each through the procedure and filed with the 人大常委会.
    titles = set(Decision.objects.values_list("title", flat=True))
    assert "宁夏同心工业园区总体规划（2020-2035）" in titles
    assert "中核（宁夏）同心防护科技有限公司服装生产线加工项目（二期）" in titles
    assert not Decision.objects.filter(npc_filed_on__isnull=True).exists()
    assert not Decision.objects.filter(legality_done_on__isnull=True).exists()
    assert demo_records.load() == "已存在"
    values_2020 = {r["code"]: r["value"] for r in compute_all(gov, 2020) if r["code"].startswith("decisions.")}
    assert all(v == 0 for v in values_2020.values())
