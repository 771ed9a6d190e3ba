"""Organization pages: list (scoped, filtered, tree), detail (with history), create, edit."""
import uuid

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent, Organization

pytestmark = pytest.mark.django_db

# 91110000600037341L: a valid 统一社会信用代码 (GB 32100 check character).
GOOD_USCC = "91110000600037341L"


def _names(response):
    return [row.org.name for row in response.context["rows"]]


def test_it_requires_login(client, county):
    r = client.get(reverse("core:org_list"))
    assert r.status_code == 302 and reverse("core:login") in r["Location"]


def test_admin_lists_whole_county_in_tree_order(county, login):
    r = login(county.admin).get(reverse("core:org_list"))
    assert r.status_code == 200
    names = _names(r)
    assert len(names) == 7
    # Children follow their parent: 市场监管所 right after 市场监督管理局, 村 after 镇.
    assert names.index("同心县市场监督管理局豫海市场监管所") == names.index("同心县市场监督管理局") + 1
    assert names.index("东关村民委员会") == names.index("豫海镇人民政府") + 1
    depth = {row.org.name: row.depth for row in r.context["rows"]}
    assert depth["同心县人民政府"] == 0 and depth["同心县司法局"] == 1 and depth["东关村民委员会"] == 2
    assert 'class="tree-name depth-2"' in r.content.decode()


def test_liaison_lists_own_subtree_only(county, login):
    r = login(county.liaison_scj).get(reverse("core:org_list"))
    assert _names(r) == ["同心县市场监督管理局", "同心县市场监督管理局豫海市场监管所"]
    assert r.context["rows"][0].depth == 0


def test_filter_by_kind_and_search(county, login):
    client = login(county.admin)
    assert _names(client.get(reverse("core:org_list"), {"kind": "township"})) == ["豫海镇人民政府"]
    assert _names(client.get(reverse("core:org_list"), {"q": "司法"})) == ["同心县司法局"]
    assert _names(client.get(reverse("core:org_list"), {"kind": "bogus"})) != []  # bad filter ignored, no 500


def test_detail_shows_info_children_members_and_history(county, login):
    r = login(county.admin).get(reverse("core:org_detail", kwargs={"code": county.scj.code}))
    assert r.status_code == 200
    html = r.content.decode()
    assert "同心县市场监督管理局豫海市场监管所" in html  # sub-unit
    assert "市场监管局联络员" in html and "领导" in html  # members with roles
    assert "新增单位" in html  # history: the creation event
    assert [ev.action for ev in r.context["history"]] == ["core.org.create"]


def test_detail_lists_attachments_with_upload_form_for_writers(county, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.attachments import attachment_upload

    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    attachment_upload(actor=county.liaison_scj, organization=county.scj, target=county.scj,
                      file=SimpleUploadedFile("三定方案.pdf", pdf))
    url = reverse("core:org_detail", kwargs={"code": county.scj.code})
    html = login(county.liaison_scj).get(url).content.decode()
    assert "三定方案.pdf" in html and 'name="file"' in html  # the unit's own liaison may upload
    html = login(county.leader).get(url).content.decode()
    assert "三定方案.pdf" in html and 'name="file"' not in html  # read-only: listed, no upload form


def test_detail_of_other_org_is_404(county, login):
    r = login(county.liaison_sfj).get(reverse("core:org_detail", kwargs={"code": county.scj.code}))
    assert r.status_code == 404
    r = login(county.liaison_sfj).get(reverse("core:org_detail", kwargs={"code": uuid.uuid4()}))
    assert r.status_code == 404


def test_admin_creates_org_under_parent(county, login):
    client = login(county.admin)
    r = client.get(reverse("core:org_create"), {"parent": str(county.gov.code)})
    assert r.status_code == 200
    assert r.context["form"].initial["parent"] == county.gov.code
    r = client.post(reverse("core:org_create"), {
        "name": "同心县教育局", "kind": "department", "parent": str(county.gov.code),
        "region": county.county.code, "credit_code": GOOD_USCC.lower(), "sort_order": "5",
    })
    org = Organization.objects.get(name="同心县教育局")
    assert r.status_code == 302 and r["Location"] == reverse("core:org_detail", kwargs={"code": org.code})
    assert org.parent == county.gov and org.credit_code == GOOD_USCC and org.path == f"{county.gov.path}{org.pk}/"
    ev = AuditEvent.objects.filter(action="core.org.create", target_id=str(org.code)).get()
    assert ev.actor == county.admin


def test_bad_credit_code_shows_chinese_error_and_keeps_values(county, login):
    client = login(county.admin)
    r = client.post(reverse("core:org_create"), {
        "name": "同心县教育局", "kind": "department", "parent": str(county.gov.code),
        "region": county.county.code, "credit_code": "91110000600037341X",
    })
    assert r.status_code == 400
    html = r.content.decode()
    assert "统一社会信用代码校验位错误" in html
    assert 'value="同心县教育局"' in html  # entered values kept
    assert not Organization.objects.filter(name="同心县教育局").exists()


def test_duplicate_credit_code_and_name_are_refused(county, login):
    client = login(county.admin)
    from fazhi.core.services import organization_update

    organization_update(actor=None, org=county.sfj, data={"credit_code": GOOD_USCC})
    r = client.post(reverse("core:org_create"), {
        "name": "同心县司法局", "kind": "department", "parent": str(county.gov.code),
        "region": county.county.code, "credit_code": GOOD_USCC,
    })
    assert r.status_code == 400
    html = r.content.decode()
    assert "该统一社会信用代码已被其他单位使用" in html
    r = client.post(reverse("core:org_create"), {
        "name": "同心县司法局", "kind": "department", "parent": str(county.gov.code), "region": county.county.code,
    })
    assert r.status_code == 400
    assert Organization.objects.filter(name="同心县司法局").count() == 1


def test_liaison_creates_under_own_org_only(county, login):
    client = login(county.liaison_scj)
    r = client.post(reverse("core:org_create"), {
        "name": "豫海市场监管所二所", "kind": "department", "parent": str(county.scj.code),
        "region": county.town_region.code,
    })
    assert r.status_code == 302
    # A parent outside the liaison's writable orgs is not a valid choice.
    r = client.post(reverse("core:org_create"), {
        "name": "越权单位", "kind": "department", "parent": str(county.gov.code), "region": county.county.code,
    })
    assert r.status_code == 400
    assert not Organization.objects.filter(name="越权单位").exists()
    # No top-level units for a liaison.
    r = client.post(reverse("core:org_create"), {"name": "顶级单位", "kind": "other", "region": county.county.code})
    assert r.status_code == 400 and "请选择上级单位" in r.content.decode()


def test_leader_cannot_create_or_edit(county, login):
    client = login(county.leader)
    assert client.get(reverse("core:org_create")).status_code == 403
    r = client.get(reverse("core:org_edit", kwargs={"code": county.scj.code}))
    assert r.status_code == 403
    assert "无权访问" in r.content.decode()
    r = client.post(reverse("core:org_edit", kwargs={"code": county.scj.code}), {"name": "改名"})
    assert r.status_code == 403
    county.scj.refresh_from_db()
    assert county.scj.name == "同心县市场监督管理局"


def test_edit_other_org_is_404(county, login):
    r = login(county.liaison_sfj).post(reverse("core:org_edit", kwargs={"code": county.scj.code}), {"name": "x"})
    assert r.status_code == 404


def test_edit_updates_through_service_with_audit(county, login):
    client = login(county.liaison_scj)
    url = reverse("core:org_edit", kwargs={"code": county.suo.code})
    r = client.get(url)
    assert r.status_code == 200 and r.context["form"].initial["name"] == county.suo.name
    r = client.post(url, {
        "name": county.suo.name, "short_name": "豫海所", "kind": "department", "parent": str(county.scj.code),
        "region": county.town_region.code, "credit_code": "", "sort_order": "0", "is_active": "on",
    })
    assert r.status_code == 302
    county.suo.refresh_from_db()
    assert county.suo.short_name == "豫海所"
    ev = AuditEvent.objects.filter(action="core.org.update", target_id=str(county.suo.code)).get()
    assert ev.data["changes"]["short_name"]["after"] == "豫海所"
    detail = client.get(reverse("core:org_detail", kwargs={"code": county.suo.code})).content.decode()
    assert "简称：（空） → 豫海所" in detail


def test_edit_cannot_move_under_own_descendant(county, login):
    client = login(county.admin)
    r = client.post(reverse("core:org_edit", kwargs={"code": county.scj.code}), {
        "name": county.scj.name, "kind": "department", "parent": str(county.suo.code),
        "region": county.county.code, "is_active": "on",
    })
    assert r.status_code == 400
    county.scj.refresh_from_db()
    assert county.scj.parent == county.gov


def test_list_query_count_does_not_grow_with_rows(county, login, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.services import organization_create

    client = login(county.admin)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("core:org_list"))
    for i in range(10):
        organization_create(actor=None, name=f"测试村{i}", kind="village", region=county.village_region, parent=county.town)
    with django_assert_max_num_queries(len(before.captured_queries)):
        r = client.get(reverse("core:org_list"))
    assert len(r.context["rows"]) == 17
