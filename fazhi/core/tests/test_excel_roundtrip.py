"""Export → import round trips: an exported file is re-importable and gives back the same records."""
import io

import pytest

from fazhi.core.ledgers import get_ledger, run_export, run_import
from fazhi.core.models import AuditEvent, Membership, Organization, User
from fazhi.core.tests.excel_helpers import USER_HEADERS, read_back, workbook

GOV = "同心县人民政府"


def org_fields(names):
    return sorted(Organization.objects.filter(name__in=names).values_list(
        "name", "short_name", "kind", "parent__name", "region__code", "credit_code", "sort_order"))


def rows_to_book(rows, headers):
    return workbook(rows, headers)


@pytest.mark.django_db
def test_organizations_round_trip(county):
    ledger = get_ledger("organizations")
    rows = [["甲局", "甲", "政府部门/单位", GOV, "640324", "91640324MA7600001M", 5],
            ["甲局一所", "", "政府部门/单位", "甲局", "640324100", "", 0],
            ["=1+1", "", "其他", "甲局", "640324", "", 0]]  # text that looks like a formula stays text
    assert run_import(ledger, workbook(rows), actor=county.admin).committed
    names = ["甲局", "甲局一所", "=1+1"]
    before = org_fields(names)

    out = io.BytesIO()
    assert run_export(ledger, out, actor=county.admin) == Organization.objects.count()
    exported = read_back(out)
    header, data = exported[0], exported[1:]
    mine = [r for r in data if r[0] in names]
    assert [r[0] for r in mine][0] == "甲局" and len(mine) == 3  # parents before children (ordered by path)
    assert mine[0] == ["甲局", "甲", "政府部门/单位", GOV, "640324", "91640324MA7600001M", 5]

    # Remove the imported units (children first), then import the exported rows again.
    for name in ["甲局一所", "=1+1", "甲局"]:
        Organization.objects.filter(name=name).delete()
    again = run_import(ledger, workbook(mine, header), actor=county.admin)
    assert again.committed, again.messages()
    assert org_fields(names) == before


@pytest.mark.django_db
def test_reimporting_an_unchanged_export_reports_duplicates_not_format_errors(county):
    ledger = get_ledger("organizations")
    out = io.BytesIO()
    run_export(ledger, out, actor=county.admin)
    result = run_import(ledger, out, actor=county.admin, dry_run=True)
    assert result.rows == 7
    # Every cell parsed; what fires is only "already exists" (names under a parent are unique) and
    # "which 同心县人民政府?" (the top-level rows would be created again, so parent names turn ambiguous).
    assert result.errors
    assert {e.column for e in result.errors} <= {"单位名称", "上级单位"}
    assert all("同名单位" in e.message or "不止一个" in e.message for e in result.errors), result.messages()


@pytest.mark.django_db
def test_users_round_trip(county):
    ledger = get_ledger("users")
    rows = [["zhang", "张三", county.sfj.name, "联络员、执法人员", "13800000000", "zhang@example.cn"],
            ["li", "李四", county.scj.name, "领导", "", ""]]
    assert run_import(ledger, workbook(rows, USER_HEADERS), actor=county.admin).committed
    out = io.BytesIO()
    run_export(ledger, out, actor=county.admin)
    exported = read_back(out)
    mine = [r for r in exported[1:] if r[0] in ("zhang", "li")]
    assert mine == [["li", "李四", county.scj.name, "领导", None, None],
                    ["zhang", "张三", county.sfj.name, "联络员、执法人员", "13800000000", "zhang@example.cn"]]
    User.objects.filter(username__in=["zhang", "li"]).delete()
    again = run_import(ledger, workbook(mine, exported[0]), actor=county.admin)
    assert again.committed, again.messages()
    assert set(Membership.objects.filter(user__username="zhang").values_list("role", flat=True)) == {"liaison", "officer"}


@pytest.mark.django_db
def test_liaison_scj_exports_only_scj_and_suo(county):
    out = io.BytesIO()
    run_export(get_ledger("organizations"), out, actor=county.liaison_scj)
    assert [r[0] for r in read_back(out)[1:]] == [county.scj.name, county.suo.name]
    out = io.BytesIO()
    run_export(get_ledger("users"), out, actor=county.liaison_scj)
    usernames = {r[0] for r in read_back(out)[1:]}
    assert usernames == {"liaison_scj", "liaison_suo", "officer", "leader"}
    assert AuditEvent.objects.filter(action="core.export", actor=county.liaison_scj).count() == 2
