import pytest

from fazhi.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db


def test_list_is_scoped(county, token_client):
    body = token_client(county.liaison_scj).get("/api/users").json()
    names = {u["username"] for u in body["items"]}
    assert names == {"liaison_scj", "officer", "leader", "liaison_suo"}
    assert body["count"] == 4
    body = token_client(county.liaison_suo).get("/api/users").json()
    assert {u["username"] for u in body["items"]} == {"liaison_suo"}
    body = token_client(county.admin).get("/api/users", {"role": "leader"}).json()
    assert [u["username"] for u in body["items"]] == ["leader"]
    assert body["items"][0]["memberships"][0]["role_label"] == "领导"
    body = token_client(county.admin).get("/api/users", {"organization": str(county.sfj.code)}).json()
    assert {u["username"] for u in body["items"]} == {"reviewer", "liaison_sfj"}


def test_get_other_orgs_user_is_404(county, token_client):
    api = token_client(county.liaison_scj)
    assert api.get("/api/users/officer").status_code == 200
    assert api.get("/api/users/liaison_sfj").status_code == 404
    assert api.get("/api/users/outsider").status_code == 404
    assert api.get("/api/users/nobody").status_code == 404


def test_memberships_in_invisible_orgs_are_hidden(county, token_client):
    from fazhi.core.services import membership_add

    membership_add(actor=None, user=county.officer, organization=county.sfj, role="officer")
    body = token_client(county.liaison_scj).get("/api/users/officer").json()
    assert [m["organization"]["name"] for m in body["memberships"]] == [county.scj.name]
    body = token_client(county.admin).get("/api/users/officer").json()
    assert len(body["memberships"]) == 2


def test_admin_creates_user(county, token_client):
    r = token_client(county.admin).post("/api/users", {
        "username": "wang_scj", "name": "王某", "organization": str(county.scj.code), "roles": ["officer"],
        "password": "Tongxin-2021-strong"})
    assert r.status_code == 201, r.content
    assert r.json()["memberships"][0]["organization"]["code"] == str(county.scj.code)
    user = User.objects.get(username="wang_scj")
    assert user.check_password("Tongxin-2021-strong")
    assert AuditEvent.objects.filter(action="core.user.create", target_id=str(user.pk)).exists()


@pytest.mark.parametrize("who", ["leader", "liaison_scj"])
def test_non_admin_cannot_create_user(county, token_client, who):
    api = token_client(getattr(county, who))
    before = User.objects.count(), AuditEvent.objects.count()
    r = api.post("/api/users", {
        "username": "x_user", "name": "某", "organization": str(county.scj.code), "roles": ["officer"]})
    assert r.status_code == 403
    assert (User.objects.count(), AuditEvent.objects.count()) == before


def test_create_user_bad_input(county, token_client):
    api = token_client(county.admin)
    r = api.post("/api/users", {"username": "a", "name": "甲", "organization": str(county.scj.code), "roles": []})
    assert r.status_code == 422 and "roles" in r.json()["error"]["fields"]
    r = api.post("/api/users", {"username": "a", "name": "甲", "organization": str(county.scj.code), "roles": ["boss"]})
    assert r.status_code == 422 and r.json()["error"]["fields"]["roles.0"][0].startswith("取值无效")
    r = api.post("/api/users", {"username": "leader", "name": "甲", "organization": str(county.scj.code),
                                "roles": ["officer"]})
    assert r.status_code == 400 and r.json()["error"]["fields"] == {"username": ["该用户名已被使用。"]}
    r = api.post("/api/users", {"username": "b", "name": "乙", "organization": str(county.scj.code),
                                "roles": ["officer"], "password": "12345678"})
    assert r.status_code == 400 and "__all__" in r.json()["error"]["fields"]
    assert not User.objects.filter(username__in=["a", "b"]).exists()


def test_patch_user(county, token_client):
    r = token_client(county.admin).patch("/api/users/officer", {"phone": "0953-8021234"})
    assert r.status_code == 200 and r.json()["phone"] == "0953-8021234"
    r = token_client(county.leader).patch("/api/users/officer", {"phone": "1"})
    assert r.status_code == 403
    r = token_client(county.liaison_sfj).patch("/api/users/officer", {"phone": "1"})
    assert r.status_code == 404
    assert User.objects.get(username="officer").phone == "0953-8021234"


def test_me_and_regions(county, token_client):
    api = token_client(county.officer)
    me = api.get("/api/me").json()
    assert me["name"] == "执法人员" and me["visible_organization_count"] == 2
    body = api.get("/api/regions", {"parent": "640324"}).json()
    assert [r["code"] for r in body["items"]] == ["640324100"]
    assert body["items"][0]["level_label"] == "乡级"
    assert api.post("/api/regions", {}).status_code == 405
