"""Load the demo county 同心县 through the real core services (``actor=None`` = the system).

- One transaction: either the whole county is loaded or nothing is.
- Idempotent: if the demo's 同心县人民政府 already exists the loader does nothing and says so
  (audit events are append-only, so there is deliberately no "wipe and reload").
- Regions that already exist (same code) are reused, so a database that holds part of the region
  tree (e.g. the test fixture's 豫海镇 / 东关村) still loads.
- Passwords: the shared demo password is hashed ONCE (Argon2 in production settings is deliberately
  slow) and that hash is given to every demo user after ``user_create`` (which leaves the password
  unusable when none is passed). Each such assignment is recorded as ``core.user.set_password``
  in the audit trail, in the same transaction, so the trail stays honest.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from fazhi.core.audit import audit_log
from fazhi.core.choices import OrgKind, RegionLevel
from fazhi.core.models import Organization, Region, User
from fazhi.core.services import membership_set_reads_county, organization_create, region_create, user_create
from fazhi.demo.data import tongxin as data

GOV_NAME = "同心县人民政府"


class DemoAlreadyLoaded(Exception):
    """The demo county is already in the database."""


@dataclass
class LoadResult:
    loaded: bool
    counts: dict[str, int] = field(default_factory=dict)
    users: list[str] = field(default_factory=list)
    message: str = ""


def demo_exists() -> bool:
    """The demo's 同心县人民政府 (recognised by its generated credit code) is already there."""
    return Organization.objects.filter(kind=OrgKind.GOVERNMENT, credit_code=data.credit_code(GOV_NAME)).exists()


def _region(code: str, name: str, level: str, parent: Region | None) -> Region:
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return region_create(code=code, name=name, level=level, parent=parent)


def _org(*, name: str, kind: str, region: Region, parent: Organization | None, short_name: str = "",
         credit_code: str = "", sort_order: int = 0) -> Organization:
    return organization_create(actor=None, name=name, kind=kind, region=region, parent=parent,
                               short_name=short_name, credit_code=credit_code, sort_order=sort_order)


def county_counts() -> dict[str, int]:
    """Organizations of the demo county by kind (what the seed report's 34/12/142/11 counts)."""
    qs = Organization.objects.filter(region__path__startswith=f"/{data.PROVINCE[0]}/{data.CITY[0]}/{data.COUNTY[0]}/")
    out = {k: 0 for k in OrgKind.values}
    for kind in qs.values_list("kind", flat=True):
        out[kind] += 1
    return out


@transaction.atomic
def load_demo() -> LoadResult:
    """Create the 同心县 region tree, organizations and demo logins. Returns what was done."""
    if demo_exists():
        return LoadResult(loaded=False, counts=county_counts(), message="示范县数据已存在")

    # Regions ------------------------------------------------------------------------------
    province = _region(data.PROVINCE[0], data.PROVINCE[1], RegionLevel.PROVINCE, None)
    city = _region(data.CITY[0], data.CITY[1], RegionLevel.CITY, province)
    county = _region(data.COUNTY[0], data.COUNTY[1], RegionLevel.COUNTY, city)

    # Top bodies (party committee, 依法治县办, government, 人大, court, procuratorate) ------------
    by_key: dict[str, Organization] = {}
    for i, body in enumerate(data.TOP_BODIES):
        by_key[body["key"]] = _org(
            name=body["name"], kind=body["kind"], region=county,
            parent=by_key[body["parent"]] if body["parent"] else None,
            short_name=body["short"], credit_code=data.credit_code(body["name"], body["type"]), sort_order=i,
        )
    gov = by_key["gov"]

    # The 34 departments (units) under the county government ------------------------------------
    for i, dept in enumerate(data.DEPARTMENTS):
        by_key[dept["key"]] = _org(
            name=dept["name"], kind=OrgKind.DEPARTMENT, region=county, parent=gov, short_name=dept["short"],
            credit_code=data.credit_code(dept["name"], dept.get("type", "11")), sort_order=100 + i,
        )

    # Townships, their enforcement offices, communities and villages ---------------------------
    for i, town in enumerate(data.TOWNSHIPS):
        t_region = _region(town["code"], town["name"], RegionLevel.TOWNSHIP, county)
        t_org = _org(name=town["org"], kind=OrgKind.TOWNSHIP, region=t_region, parent=gov, short_name=town["name"],
                     credit_code=data.credit_code(town["org"]), sort_order=200 + i)
        by_key[f"town:{town['code']}"] = t_org
        _org(name=town["name"] + data.ENFORCEMENT_OFFICE_SUFFIX, kind=OrgKind.OTHER, region=t_region, parent=t_org,
             short_name=town["name"][:4] + "执法办", sort_order=0)
        for j, name in enumerate(data.COMMUNITIES.get(town["code"], []), start=1):
            region = _region(f"{town['code']}{j:03d}", name, RegionLevel.VILLAGE, t_region)
            _org(name=f"{name}居民委员会", kind=OrgKind.COMMUNITY, region=region, parent=t_org, short_name=name,
                 sort_order=j)
        for j, name in enumerate(data.VILLAGES[town["code"]], start=201):
            region = _region(f"{town['code']}{j:03d}", name, RegionLevel.VILLAGE, t_region)
            _org(name=f"{name}村民委员会", kind=OrgKind.VILLAGE, region=region, parent=t_org, short_name=name,
                 sort_order=j)

    # Demo logins ---------------------------------------------------------------------------
    probe = User(username="demo")
    validate_password(data.DEMO_PASSWORD, probe)
    password_hash = make_password(data.DEMO_PASSWORD)  # hashed once, shared by every demo user
    usernames = []
    for spec in data.USERS:
        user = user_create(actor=None, username=spec["username"], name=spec["name"],
                           organization=by_key[spec["org"]], roles=[spec["role"]])
        user.password = password_hash
        user.save(update_fields=["password"])
        audit_log(actor=None, action="core.user.set_password", target=user, organization=by_key[spec["org"]],
                  data={"note": "示范县演示密码"})
        if spec.get("reads_county"):
            # 司法局 reviewers and advisers review material of every unit (全县查阅, read-only).
            membership_set_reads_county(actor=None, membership=user.memberships.get(), reads_county=True)
        usernames.append(user.username)

    return LoadResult(loaded=True, counts=county_counts(), users=usernames, message="示范县数据已载入")


def demo_logins() -> list[dict]:
    """Rows for the login table: username, password, role label, organization (only users that exist)."""
    rows = []
    users = {u.username: u for u in User.objects.filter(username__in=[s["username"] for s in data.USERS])
             .prefetch_related("memberships__organization")}
    for spec in data.USERS:
        user = users.get(spec["username"])
        if user is None:
            continue
        for m in user.memberships.all():
            rows.append({"username": user.username, "name": user.name, "password": data.DEMO_PASSWORD,
                         "role": m.get_role_display(), "organization": m.organization.name})
    return rows
