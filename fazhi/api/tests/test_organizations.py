import pytest

from fazhi.core.models import AuditEvent, Organization

pytestmark = pytest.mark.django_db


def test_list_is_scoped_paginated_and_filtered(county, token_client):
    api = token_client(county.liaison_scj)
    body = api.get("/api/organizations").json()
    assert body["count"] == 2
    assert {o["name"] for o in body["items"]} == {county.scj.name, county.suo.name}
    admin = token_client(county.admin)
    body = admin.get("/api/organizations", {"limit": 3, "offset": 2}).json()
    assert body["count"] == Organization.objects.count() == 7
    assert (body["limit"], body["offset"], len(body["items"])) == (3, 2, 3)
    body = admin.get("/api/organizations", {"parent": str(county.gov.code), "kind": "department"}).json()
    assert {o["name"] for o in body["items"]} == {county.sfj.name, county.scj.name}
    body = admin.get("/api/organizations", {"kind": "village"}).json()
    assert [o["name"] for o in body["items"]] == [county.village.name]
    assert body["items"][0]["kind_label"] == "村"
    # Filtering by a parent shows only the children one may see (not the sibling 司法局).
    body = api.get("/api/organizations", {"parent": str(county.gov.code)}).json()
    assert [o["name"] for o in body["items"]] == [county.scj.name]


def test_get_by_code(county, token_client):
    r = token_client(county.liaison_scj).get(f"/api/organizations/{county.suo.code}")
    assert r.status_code == 200
    body = r.json()
    assert body["parent"] == {"code": str(county.scj.code), "name": county.scj.name}
    assert body["region"] == {"code": "640324100", "name": "豫海镇"}
    assert "id" not in body and "path" not in body


def test_sub_unit_cannot_read_parent(county, token_client):
    assert token_client(county.liaison_suo).get(f"/api/organizations/{county.scj.code}").status_code == 404


def test_create_under_own_org_and_audit(county, token_client):
    api = token_client(county.liaison_scj)
    r = api.post("/api/organizations", {"name": "同心县市场监督管理局韦州市场监管所", "kind": "department",
                                        "region": "640324", "parent": str(county.scj.code),
                                        "credit_code": " 91110000600037341l "})
    assert r.status_code == 201, r.content
    org = Organization.objects.get(code=r.json()["code"])
    assert org.parent == county.scj and org.path.startswith(county.scj.path)
    assert org.credit_code == "91110000600037341L"
    event = AuditEvent.objects.filter(action="core.org.create", target_id=str(org.code)).get()
    assert event.actor == county.liaison_scj


def test_leader_cannot_create_or_patch(county, token_client):
    api = token_client(county.leader)
    before = AuditEvent.objects.count()
    r = api.post("/api/organizations", {"name": "领导新设", "kind": "department", "region": "640324",
                                        "parent": str(county.scj.code)})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"
    r = api.patch(f"/api/organizations/{county.scj.code}", {"short_name": "改"})
    assert r.status_code == 403
    assert Organization.objects.get(pk=county.scj.pk).short_name == ""
    assert AuditEvent.objects.count() == before


def test_top_level_org_needs_admin(county, token_client):
    r = token_client(county.liaison_scj).post("/api/organizations", {"name": "顶级", "kind": "other", "region": "640324"})
    assert r.status_code == 403
    r = token_client(county.admin).post("/api/organizations", {"name": "顶级", "kind": "other", "region": "640324"})
    assert r.status_code == 201


def test_parent_outside_scope_is_a_field_error(county, token_client):
    r = token_client(county.liaison_scj).post("/api/organizations", {
        "name": "挂到司法局下", "kind": "department", "region": "640324", "parent": str(county.sfj.code)})
    assert r.status_code == 400
    assert r.json()["error"]["fields"] == {"parent": ["未找到该单位，或您无权访问。"]}


def test_patch(county, token_client):
    api = token_client(county.liaison_scj)
    r = api.patch(f"/api/organizations/{county.suo.code}", {"short_name": "豫海所", "sort_order": 3})
    assert r.status_code == 200, r.content
    assert (r.json()["short_name"], r.json()["sort_order"]) == ("豫海所", 3)
    event = AuditEvent.objects.filter(action="core.org.update").last()
    assert event.data["changes"]["short_name"] == {"before": "", "after": "豫海所"}
    r = api.patch(f"/api/organizations/{county.suo.code}", {"name": None})
    assert r.status_code == 400
    assert r.json()["error"]["fields"] == {"name": ["不能为空。"]}
    r = api.patch(f"/api/organizations/{county.sfj.code}", {"short_name": "越权"})
    assert r.status_code == 404
    r = api.patch(f"/api/organizations/{county.scj.code}", {"parent": str(county.suo.code)})
    assert r.status_code == 400  # cannot move under its own sub-unit
