import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client

from fazhi.api.services import api_token_create, api_token_revoke
from fazhi.api.tests.conftest import ApiClient
from fazhi.core.audit import verify_chain
from fazhi.core.models import ApiToken, AuditEvent

pytestmark = pytest.mark.django_db


def test_it_stores_only_the_hash_and_prefix(county):
    token, key = api_token_create(actor=county.admin, user=county.liaison_scj, name="省平台对接")
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    assert key not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    event = AuditEvent.objects.filter(action="core.token.create").get()
    assert event.data["prefix"] == token.prefix and key not in str(event.data)
    assert event.organization == county.scj
    assert verify_chain().ok


def test_it_authenticates_with_a_bearer_token_and_records_last_use(county):
    token, key = api_token_create(actor=None, user=county.liaison_scj, name="对接")
    assert token.last_used_at is None
    r = ApiClient(Client(), key).get("/api/me")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["username"] == county.liaison_scj.username
    assert body["auth"] == "token"
    assert {o["name"] for o in body["organizations"]} == {county.scj.name}
    assert body["roles"][0]["role"] == "liaison" and body["roles"][0]["role_label"] == "联络员"
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer wrong-key", "Token abc", "Basic YTpi"])
def test_it_refuses_missing_or_bad_credentials_with_401(county, header):
    headers = {"Authorization": header} if header else {}
    r = Client().get("/api/organizations", headers=headers)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert "令牌" in r.json()["error"]["message"]


def test_revoked_token_gets_401(county):
    token, key = api_token_create(actor=None, user=county.liaison_scj, name="对接")
    api = ApiClient(Client(), key)
    assert api.get("/api/me").status_code == 200
    api_token_revoke(actor=county.liaison_scj, token=token)
    r = api.get("/api/me")
    assert r.status_code == 401
    assert AuditEvent.objects.filter(action="core.token.revoke", target_id=str(token.code)).exists()


def test_inactive_users_token_gets_401(county):
    _, key = api_token_create(actor=None, user=county.liaison_scj, name="对接")
    county.liaison_scj.is_active = False
    county.liaison_scj.save(update_fields=["is_active"])
    assert ApiClient(Client(), key).get("/api/me").status_code == 401


def test_only_owner_admin_or_system_manage_tokens(county):
    with pytest.raises(PermissionDenied):
        api_token_create(actor=county.liaison_sfj, user=county.liaison_scj, name="越权")
    token, _ = api_token_create(actor=county.liaison_scj, user=county.liaison_scj, name="自用")
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=county.leader, token=token)
    api_token_revoke(actor=county.admin, token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_token_of_liaison_scj_cannot_read_sfj(county, token_client):
    api = token_client(county.liaison_scj)
    r = api.get(f"/api/organizations/{county.sfj.code}")
    assert r.status_code == 404
    assert r.json() == {"error": {"code": "not_found", "message": "未找到该记录。"}}
    assert api.get(f"/api/organizations/{county.scj.code}").status_code == 200


def test_session_writes_require_csrf_but_tokens_do_not(county, token_client):
    client = Client(enforce_csrf_checks=True)
    client.force_login(county.admin)
    payload = {"name": "新设单位", "kind": "department", "region": "640324", "parent": str(county.gov.code)}
    r = client.post("/api/organizations", payload, content_type="application/json")
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "csrf_failed"
    # Reads through the session need no token.
    assert client.get("/api/me").json()["auth"] == "session"
    # With the CSRF cookie + header the same write goes through.
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    r = client.post("/api/organizations", payload, content_type="application/json",
                    headers={"X-CSRFToken": _mask_cipher_secret(secret)})
    assert r.status_code == 201, r.content
    # An API token needs no CSRF token.
    api = token_client(county.admin)
    api.client = Client(enforce_csrf_checks=True)
    r = api.post("/api/organizations", {**payload, "name": "另一新设单位"})
    assert r.status_code == 201, r.content


def test_cli_creates_and_revokes_a_token(county):
    out = io.StringIO()
    call_command("token", "create", county.liaison_scj.username, "省平台对接", stdout=out)
    key = [line for line in out.getvalue().splitlines() if line.strip() and " " not in line.strip()][-1].strip()
    token = ApiToken.objects.get(key_hash=hashlib.sha256(key.encode()).hexdigest())
    assert ApiClient(Client(), key).get("/api/me").status_code == 200
    call_command("token", "revoke", token.prefix, stdout=io.StringIO())
    assert ApiClient(Client(), key).get("/api/me").status_code == 401
    event = AuditEvent.objects.filter(action="core.token.revoke").get()
    assert event.actor is None and event.actor_name == "系统"


def test_cli_lists_tokens_without_keys_and_reports_errors_in_chinese(county):
    from django.core.management.base import CommandError

    token, key = api_token_create(actor=None, user=county.officer, name="执法平台")
    out = io.StringIO()
    call_command("token", "list", county.officer.username, stdout=out)
    assert token.prefix in out.getvalue() and "有效" in out.getvalue() and key not in out.getvalue()
    with pytest.raises(CommandError, match="没有前缀为"):
        call_command("token", "revoke", "nope1234", stdout=io.StringIO())
    with pytest.raises(CommandError, match="用户不存在"):
        call_command("token", "create", "nobody", "x", stdout=io.StringIO())
    api_token_revoke(actor=None, token=token)
    with pytest.raises(CommandError, match="已撤销"):
        call_command("token", "revoke", token.prefix, stdout=io.StringIO())
