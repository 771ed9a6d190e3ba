import json

import pytest
from django.core.management import call_command

from fazhi.core.indicators import _REGISTRY, compute_all, org_scope, pct, register_indicator
from fazhi.core.models import Organization


@pytest.fixture
def org_count_indicator():
    ind = register_indicator(
        code="core.test_org_count", name="测试：单位数", unit="个", section="测试",
        definition="范围内单位数（测试用）。",
        records=lambda orgs, start, end: Organization.objects.filter(pk__in=orgs.values("pk")),
    )
    yield ind
    _REGISTRY.pop(ind.code, None)


@pytest.mark.django_db
def test_county_scope_counts_whole_region_department_scope_its_units(county, org_count_indicator):
    assert set(org_scope(county.gov)) == set(Organization.objects.all())
    assert set(org_scope(county.scj)) == {county.scj, county.suo}
    rows = {r["code"]: r for r in compute_all(county.scj, 2021)}
    assert rows["core.test_org_count"]["value"] == 2


@pytest.mark.django_db
def test_cli_json(county, org_count_indicator, capsys):
    call_command("indicators", "--org", county.gov.name, "--year", "2021", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert {"code": "core.test_org_count", "name": "测试：单位数", "unit": "个", "section": "测试",
            "value": Organization.objects.count()} in rows


def test_pct():
    assert str(pct(524, 524)) == "100.0"
    assert str(pct(1, 3)) == "33.3"
    assert pct(0, 0) == 0
