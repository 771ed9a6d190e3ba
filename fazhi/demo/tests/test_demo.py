"""The demo county 同心县: the seed report's organization counts, valid codes, working logins."""
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from fazhi.core.audit import verify_chain
from fazhi.core.choices import OrgKind, RegionLevel, Role
from fazhi.core.models import AuditEvent, Membership, Organization, Region, User
from fazhi.core.scoping import can_write, visible_orgs
from fazhi.demo.data import tongxin as data
from fazhi.demo.loader import county_counts, load_demo
from fazhi.lib.validators import validate_credit_code, validate_region_code

pytestmark = pytest.mark.django_db

LEVEL_DIGITS = {RegionLevel.PROVINCE: 2, RegionLevel.CITY: 4, RegionLevel.COUNTY: 6,
                RegionLevel.TOWNSHIP: 9, RegionLevel.VILLAGE: 12}


@pytest.fixture
def demo():
    result = load_demo()
    assert result.loaded
    return result


def county_orgs():
    return Organization.objects.filter(region__path__startswith="/64/6403/640324/")


def test_counts_match_the_seed_report(demo):
    # 全县 34 个部门（单位）、12 个乡镇（142 个行政村、11 个社区）
    counts = county_counts()
    assert counts[OrgKind.DEPARTMENT] == 34
    assert counts[OrgKind.TOWNSHIP] == 12
    assert counts[OrgKind.VILLAGE] == 142
    assert counts[OrgKind.COMMUNITY] == 11
    assert demo.counts == counts
    towns = county_orgs().filter(kind=OrgKind.TOWNSHIP)
    assert sum(t.name.endswith("镇人民政府") for t in towns) == 7
    assert sum(t.name.endswith("乡人民政府") for t in towns) == 4
    assert sum(t.name.endswith("管理委员会") for t in towns) == 1


def test_every_township_has_an_enforcement_office_that_is_not_a_department(demo):
    # 12个乡镇（管委会）成立了综合执法办公室
    offices = county_orgs().filter(name__endswith="综合执法办公室")
    assert offices.count() == 12
    assert set(offices.values_list("kind", flat=True)) == {OrgKind.OTHER}
    assert {o.parent.kind for o in offices.select_related("parent")} == {OrgKind.TOWNSHIP}
    assert len({o.parent_id for o in offices}) == 12


def test_region_codes_valid_and_consistent_with_parent(demo):
    regions = list(Region.objects.filter(path__startswith="/64/").select_related("parent"))
    assert len(regions) == 3 + 12 + 142 + 11
    for r in regions:
        assert validate_region_code(r.code) == r.code
        assert len(r.code) == LEVEL_DIGITS[r.level], r.code
        if r.parent is not None:
            assert r.code.startswith(r.parent.code), r.code
            assert r.path == f"{r.parent.path}{r.code}/"
    for org in county_orgs().filter(kind__in=[OrgKind.VILLAGE, OrgKind.COMMUNITY]).select_related("region", "parent__region"):
        suffix = int(org.region.code[9:])
        assert org.region.level == RegionLevel.VILLAGE
        assert org.region.parent_id == org.parent.region_id
        # 居委会 001–199, 村委会 200–399 (统计用区划代码 scheme)
        assert (1 <= suffix <= 199) if org.kind == OrgKind.COMMUNITY else (200 <= suffix <= 399)
    # The real township codes (国家统计局 统计用区划代码).
    assert Region.objects.get(code="640324100").name == "豫海镇"
    assert Region.objects.get(code="640324204").name == "兴隆乡"


def test_credit_codes_valid_unique_and_of_the_county(demo):
    codes = list(county_orgs().exclude(credit_code="").values_list("credit_code", flat=True))
    # every government body: 6 top bodies + 34 departments + 12 townships
    assert len(codes) == len(data.TOP_BODIES) + 34 + 12
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert validate_credit_code(code) == code
        assert code[2:8] == "640324"
        assert code[:2] in {"11", "12"}
    assert county_orgs().get(name="同心县司法局").credit_code.startswith("11640324")


def test_credit_code_check_character_is_really_checked():
    good = data.credit_code("同心县司法局")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_credit_code(bad)


def test_every_demo_login_authenticates_and_reaches_the_site(demo, client):
    assert len(data.USERS) >= len(Role.values)
    assert {u["role"] for u in data.USERS} == set(Role.values)
    for spec in data.USERS:
        user = authenticate(username=spec["username"], password=data.DEMO_PASSWORD)
        assert user is not None, spec["username"]
        assert authenticate(username=spec["username"], password="wrong-password") is None
        assert Membership.objects.filter(user=user, role=spec["role"]).count() == 1
        assert client.login(username=spec["username"], password=data.DEMO_PASSWORD)
        response = client.get("/")
        assert response.status_code < 500
        client.logout()


def test_demo_users_scopes(demo):
    admin = User.objects.get(username="fzb_admin")
    leader = User.objects.get(username="xz_leader")
    town = User.objects.get(username="yhz_liaison")
    sfj = Organization.objects.get(name="同心县司法局")
    assert visible_orgs(admin).count() == county_orgs().count()
    assert visible_orgs(leader).filter(kind=OrgKind.DEPARTMENT).count() == 34
    assert not can_write(leader, sfj)  # 领导 is read-only
    assert can_write(admin, sfj)
    # 豫海镇 liaison sees the town, its office, its 12 villages and 7 communities — not 司法局
    assert visible_orgs(town).count() == 1 + 1 + 12 + 7
    assert not visible_orgs(town).filter(pk=sfj.pk).exists()


def test_second_run_is_idempotent_and_audit_chain_verifies(demo):
    orgs, regions, users, events = (Organization.objects.count(), Region.objects.count(),
                                    User.objects.count(), AuditEvent.objects.count())
    again = load_demo()
    assert not again.loaded
    assert again.message == "示范县数据已存在"
    assert (Organization.objects.count(), Region.objects.count(), User.objects.count(),
            AuditEvent.objects.count()) == (orgs, regions, users, events)
    result = verify_chain()
    assert result.ok, result.reason
    # one event per organization + two per user (create, demo password) + one per 全县查阅 grant
    county_readers = sum(1 for u in data.USERS if u.get("reads_county"))
    assert events == orgs + 2 * len(data.USERS) + county_readers


def test_loads_beside_an_existing_partial_region_tree(county):
    # The shared test fixture already created 64 / 6403 / 640324 / 豫海镇 / 东关村: reused, not duplicated.
    result = load_demo()
    assert result.loaded
    assert Region.objects.filter(code="640324100201").count() == 1
    assert Organization.objects.filter(kind=OrgKind.DEPARTMENT, name="同心县司法局").count() == 2  # fixture's + demo's
    assert verify_chain().ok


def test_commands(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "load_demo" in out.getvalue()
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "示范县数据已载入" in text and "政府部门/单位：34" in text and "村：142" in text and "社区：11" in text
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "示范县数据已存在" in out.getvalue()
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    for spec in data.USERS:
        assert spec["username"] in text
    assert "Tongxin@2021" in text and "法治办管理员" in text
