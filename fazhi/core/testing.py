"""Test fixtures shared by every app's tests (and the benchmarks): a small county.

    宁夏回族自治区 64 → 吴忠市 6403 → 同心县 640324 → 豫海镇 640324100 → 村 640324100201

Organizations (path tree):
    中共同心县委依法治县委员会办公室 (party)            ← admin  (法治办管理员)
    同心县人民政府 (government)
      ├─ 同心县司法局 (department)                     ← reviewer, liaison_sfj
      ├─ 同心县市场监督管理局 (department)              ← liaison_scj, officer, leader (read-only)
      │    └─ 同心县市场监督管理局豫海市场监管所 (department, below it)  ← liaison_suo
      └─ 豫海镇人民政府 (township)                      ← liaison_town
           └─ 东关村民委员会 (village)
Users without membership: outsider.
"""
from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.choices import OrgKind, RegionLevel, Role
from fazhi.core.models import Organization, Region, User
from fazhi.core.services import organization_create, region_create, user_create

PASSWORD = "Fazhi-test-2021"


@dataclass
class County:
    province: Region
    city: Region
    county: Region
    town_region: Region
    village_region: Region
    fzb: Organization          # 依法治县办
    gov: Organization          # 县人民政府
    sfj: Organization          # 司法局
    scj: Organization          # 市场监管局
    suo: Organization          # 市场监管所 (below scj)
    town: Organization         # 豫海镇
    village: Organization      # 村
    admin: User
    reviewer: User
    liaison_sfj: User
    liaison_scj: User
    liaison_suo: User
    liaison_town: User
    officer: User
    leader: User
    outsider: User

    def users(self) -> dict[str, User]:
        return {k: getattr(self, k) for k in (
            "admin", "reviewer", "liaison_sfj", "liaison_scj", "liaison_suo", "liaison_town", "officer", "leader", "outsider")}


def make_county(prefix: str = "") -> County:
    """Build the county through the real services (so the audit trail is exercised too)."""
    province = Region.objects.filter(code="64").first() or region_create(code="64", name="宁夏回族自治区", level=RegionLevel.PROVINCE)
    city = Region.objects.filter(code="6403").first() or region_create(code="6403", name="吴忠市", level=RegionLevel.CITY, parent=province)
    county = Region.objects.filter(code="640324").first() or region_create(code="640324", name="同心县", level=RegionLevel.COUNTY, parent=city)
    town_r = Region.objects.filter(code="640324100").first() or region_create(code="640324100", name="豫海镇", level=RegionLevel.TOWNSHIP, parent=county)
    vil_r = Region.objects.filter(code="640324100201").first() or region_create(code="640324100201", name="东关村", level=RegionLevel.VILLAGE, parent=town_r)

    def org(name, kind, region, parent=None):
        return organization_create(actor=None, name=prefix + name, kind=kind, region=region, parent=parent)

    fzb = org("中共同心县委依法治县委员会办公室", OrgKind.PARTY, county)
    gov = org("同心县人民政府", OrgKind.GOVERNMENT, county)
    sfj = org("同心县司法局", OrgKind.DEPARTMENT, county, gov)
    scj = org("同心县市场监督管理局", OrgKind.DEPARTMENT, county, gov)
    suo = org("同心县市场监督管理局豫海市场监管所", OrgKind.DEPARTMENT, town_r, scj)
    town = org("豫海镇人民政府", OrgKind.TOWNSHIP, town_r, gov)
    village = org("东关村民委员会", OrgKind.VILLAGE, vil_r, town)

    def user(username, name, organization, *roles):
        return user_create(actor=None, username=prefix + username, name=name, organization=organization,
                           roles=list(roles), password=PASSWORD)

    outsider = User.objects.create_user(username=prefix + "outsider", password=PASSWORD, name="无单位用户")
    return County(
        province=province, city=city, county=county, town_region=town_r, village_region=vil_r,
        fzb=fzb, gov=gov, sfj=sfj, scj=scj, suo=suo, town=town, village=village,
        admin=user("admin", "法治办管理员", fzb, Role.ADMIN),
        reviewer=user("reviewer", "法制审核员", sfj, Role.REVIEWER),
        liaison_sfj=user("liaison_sfj", "司法局联络员", sfj, Role.LIAISON),
        liaison_scj=user("liaison_scj", "市场监管局联络员", scj, Role.LIAISON),
        liaison_suo=user("liaison_suo", "监管所联络员", suo, Role.LIAISON),
        liaison_town=user("liaison_town", "豫海镇联络员", town, Role.LIAISON),
        officer=user("officer", "执法人员", scj, Role.OFFICER),
        leader=user("leader", "市场监管局领导", scj, Role.LEADER),
        outsider=outsider,
    )


def replay_seed_migrations() -> None:
    """Put back what data migrations seeded (deadline rules, activity kinds …).

    Live-server tests run on committed data and flush the database afterwards, which also wipes the
    rows data migrations created. By convention a Fazhi data migration names its forward function
    ``seed`` and keeps it idempotent (get_or_create), so every one of them can simply run again.
    (Django's serialized rollback would do this too, but it collides with content types that an
    earlier flush re-created under new ids.)
    """
    import importlib

    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app_label, _name), migration in sorted(loader.disk_migrations.items()):
        if not apps.get_app_config(app_label).name.startswith("fazhi."):
            continue
        module = importlib.import_module(migration.__module__)
        if callable(getattr(module, "seed", None)):
            module.seed(apps, None)
