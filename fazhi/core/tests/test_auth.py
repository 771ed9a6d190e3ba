"""Login, logout, throttling, session settings, password change, Argon2."""
import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher
from django.core.cache import cache
from django.urls import reverse

from fazhi.core import auth as throttle
from fazhi.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("core:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_page_is_chinese_with_labels(client):
    r = client.get(reverse("core:login"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "用户登录" in html and '<label for="id_username">用户名' in html and '<label for="id_password">密码' in html


def test_login_success_is_audited_and_redirects_home(client, county, password):
    r = _login(client, "liaison_sfj", password)
    assert r.status_code == 302 and r["Location"] == reverse("core:home")
    ev = AuditEvent.objects.filter(action="core.auth.login").get()
    assert ev.actor == county.liaison_sfj and ev.organization == county.sfj and ev.data["ip"] == "10.0.0.1"
    assert client.get("/").status_code == 200


def test_wrong_password_is_chinese_error_and_audited(client, county):
    r = _login(client, "liaison_sfj", "wrong-password")
    assert r.status_code == 200
    assert "用户名或密码错误" in r.content.decode()
    ev = AuditEvent.objects.filter(action="core.auth.login_failed").get()
    assert ev.actor is None and ev.data["username"] == "liaison_sfj" and ev.data["reason"] == "credentials"
    assert ev.organization == county.sfj  # visible to the organization's admins
    assert "password" not in str(ev.data).lower().replace("reason", "")


def test_unknown_username_failure_is_audited(client, county):
    _login(client, "nobody", "x")
    ev = AuditEvent.objects.filter(action="core.auth.login_failed").get()
    assert ev.target_repr == "nobody" and ev.organization is None


def test_lockout_after_max_failures_even_with_right_password(client, county, password):
    assert settings.LOGIN_MAX_FAILURES == 5
    for _ in range(5):
        assert "用户名或密码错误" in _login(client, "liaison_sfj", "wrong").content.decode()
    r = _login(client, "liaison_sfj", password)
    html = r.content.decode()
    assert r.status_code == 200
    assert "登录失败次数过多，请15分钟后再试" in html
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="core.auth.login_failed", data__reason="locked").count() == 1
    assert not AuditEvent.objects.filter(action="core.auth.login").exists()
    # Another user from another address is not affected.
    assert _login(client, "liaison_scj", password, ip="10.0.0.2").status_code == 302


def test_wrong_password_warns_before_and_at_lockout(client, county):
    texts = [_login(client, "liaison_sfj", "wrong").content.decode() for _ in range(5)]
    assert all("用户名或密码错误" in t for t in texts)
    assert not any("再输错" in t for t in texts[:2])
    assert "再输错2次，账号将锁定15分钟" in texts[2] and "再输错1次，账号将锁定15分钟" in texts[3]
    assert "失败次数已达上限，账号已暂时锁定，请15分钟后再试" in texts[4]  # the 5th failure says so at once


def test_lockout_ends_after_the_window(client, county, password, monkeypatch):
    start = 1_800_000_000.0
    monkeypatch.setattr(throttle, "_now", lambda: start)
    for _ in range(5):
        _login(client, "liaison_sfj", "wrong")
    assert "登录失败次数过多" in _login(client, "liaison_sfj", password).content.decode()
    monkeypatch.setattr(throttle, "_now", lambda: start + settings.LOGIN_LOCKOUT_SECONDS - 61)
    assert "请2分钟后再试" in _login(client, "liaison_sfj", password).content.decode()
    monkeypatch.setattr(throttle, "_now", lambda: start + settings.LOGIN_LOCKOUT_SECONDS + 1)
    assert _login(client, "liaison_sfj", password).status_code == 302


def test_lockout_ends_when_cache_cleared(client, county, password):
    for _ in range(5):
        _login(client, "liaison_sfj", "wrong")
    assert _login(client, "liaison_sfj", password).status_code == 200
    cache.clear()
    assert _login(client, "liaison_sfj", password).status_code == 302


def test_success_resets_username_failures(client, county, password):
    for _ in range(4):
        _login(client, "liaison_sfj", "wrong")
    assert _login(client, "liaison_sfj", password).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "liaison_sfj", "wrong")
    assert _login(client, "liaison_sfj", password).status_code == 302


def test_per_ip_lockout_across_usernames(client, county, password, settings):
    settings.LOGIN_MAX_FAILURES_PER_IP = 6
    for i in range(6):
        _login(client, f"guess{i}", "wrong", ip="10.9.9.9")
    r = _login(client, "liaison_sfj", password, ip="10.9.9.9")
    assert "登录失败次数过多" in r.content.decode()
    assert _login(client, "liaison_sfj", password, ip="10.9.9.10").status_code == 302


def test_logout_is_post_only_and_audited(client, county, password):
    _login(client, "liaison_sfj", password)
    assert client.get(reverse("core:logout")).status_code == 405
    assert client.get("/").status_code == 200  # still logged in
    r = client.post(reverse("core:logout"))
    assert r.status_code == 302 and r["Location"] == reverse("core:login")
    assert AuditEvent.objects.filter(action="core.auth.logout", actor=county.liaison_sfj).exists()
    assert client.get("/").status_code == 302


def test_login_requires_csrf(county, password):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    r = client.post(reverse("core:login"), {"username": "liaison_sfj", "password": password})
    assert r.status_code == 403


def test_session_expiry_settings():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_passwords_are_hashed_with_argon2_in_production_settings(county):
    assert "fazhi.core.hashers.Argon2PasswordHasher" in settings.PASSWORD_HASHERS
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("Fazhi-secret-1", hasher.salt())
    assert encoded.startswith("argon2$") and identify_hasher(encoded).algorithm == "argon2"
    assert hasher.verify("Fazhi-secret-1", encoded)


def test_password_change(client, county, password, login):
    client = login(county.liaison_sfj)
    url = reverse("core:password_change")
    r = client.post(url, {"old_password": "wrong", "new_password1": "Xin-mima-2026", "new_password2": "Xin-mima-2026"})
    assert r.status_code == 400 and "原密码不正确" in r.content.decode()
    r = client.post(url, {"old_password": password, "new_password1": "123", "new_password2": "123"})
    assert r.status_code == 400
    r = client.post(url, {"old_password": password, "new_password1": "Xin-mima-2026", "new_password2": "Xin-mima-2026"})
    assert r.status_code == 302
    county.liaison_sfj.refresh_from_db()
    assert county.liaison_sfj.check_password("Xin-mima-2026")
    assert client.get("/").status_code == 200  # session kept after the change
    ev = AuditEvent.objects.filter(action="core.auth.login").exists()
    assert not ev  # force_login is not a form login
    assert AuditEvent.objects.filter(action="core.user.set_password", actor=county.liaison_sfj).exists()


def test_password_change_requires_login(client):
    r = client.get(reverse("core:password_change"))
    assert r.status_code == 302
