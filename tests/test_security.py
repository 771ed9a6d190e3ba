"""Security settings that must hold in production, checked against the running code."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.core.testing import PASSWORD, make_county

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def county(db):
    return make_county()


def _production_settings(code: str) -> str:
    """Import fazhi.settings the way production does (no pytest, DEBUG off) and run ``code``."""
    env = {k: v for k, v in os.environ.items() if k not in ("FAZHI_TESTING", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update({"DEBUG": "False", "SECRET_KEY": "production-like-test-key-" + "x" * 40, "FAZHI_TESTING": "False"})
    out = subprocess.run([sys.executable, "-c", "import fazhi.settings as s\n" + code], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_argon2_is_the_default_hasher_in_production():
    assert _production_settings("print(s.TESTING, s.PASSWORD_HASHERS[0])") == (
        "False fazhi.core.hashers.Argon2PasswordHasher")


def test_argon2_parameters_are_owasps_and_old_hashes_are_upgraded_at_login():
    """Argon2id at 19 MiB / 2 passes / 1 lane (fazhi.core.hashers); a hash made with Django's heavier
    defaults (100 MiB, 8 lanes) still verifies and is re-hashed with ours at the next login."""
    from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2

    from fazhi.core.hashers import Argon2PasswordHasher

    ours = Argon2PasswordHasher()
    encoded = ours.encode("Fazhi-2021-secret", ours.salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert ours.verify("Fazhi-2021-secret", encoded) and not ours.must_update(encoded)
    old = DjangoArgon2().encode("Fazhi-2021-secret", ours.salt())
    assert "m=102400,t=2,p=8" in old
    assert ours.verify("Fazhi-2021-secret", old) and ours.must_update(old)


def test_argon2_is_installed_and_works():
    encoded = make_password("Fazhi-2021-secret", hasher="argon2")
    assert encoded.startswith("argon2$argon2id$")
    assert check_password("Fazhi-2021-secret", encoded)
    assert not check_password("wrong", encoded)


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("FAZHI_TESTING", "DEBUG", "SECRET_KEY", "SECRET_KEY_FILE")}
    env.update({"DEBUG": "False", "FAZHI_TESTING": "False"})
    out = subprocess.run([sys.executable, "-c", "import fazhi.settings"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0 and "SECRET_KEY" in out.stderr


@pytest.mark.django_db
def test_csrf_is_enforced_on_a_post_without_token(county):
    client = Client(enforce_csrf_checks=True)
    r = client.post(reverse("core:login"), {"username": county.admin.username, "password": PASSWORD})
    assert r.status_code == 403
    assert "_auth_user_id" not in client.session
    client.force_login(county.admin)
    r = client.post(reverse("core:org_create"), {"name": "无令牌提交", "kind": "department"})
    assert r.status_code == 403


def _walk(resolver=None, namespaces=()):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, namespaces + ((entry.namespace,) if entry.namespace else ()))
        elif isinstance(entry, URLPattern):
            yield namespaces, entry


@pytest.mark.django_db
def test_no_page_accepts_a_post_without_csrf_token(county):
    """Pages are CSRF-protected by the middleware. A view marked csrf_exempt (e.g. one that must
    check the upload size before the body is read, then calls a csrf_protect'ed inner view) must
    still refuse a logged-in POST without token. The API's views are exempt at Django level:
    fazhi.api.auth.SessionAuth checks CSRF itself for session calls (tested in fazhi/api/tests)."""
    exempt = [(ns, p) for ns, p in _walk() if getattr(p.callback, "csrf_exempt", False) and "api" not in ns]
    client = Client(enforce_csrf_checks=True)
    client.force_login(county.admin)
    for ns, p in exempt:
        name = ":".join(ns + (p.name or "",))
        assert p.name and not getattr(p.pattern, "converters", None), f"无法验证带参数的免 CSRF 页面：{name}"
        r = client.post(reverse(name), {})
        assert r.status_code in (403, 405), f"{name} 接受了没有 CSRF 令牌的提交（{r.status_code}）"


@pytest.mark.django_db
def test_security_headers_on_pages():
    r = Client().get(reverse("core:login"))
    assert r.status_code == 200
    csp = {d.split()[0]: d.split()[1:] for d in (x.strip() for x in r["Content-Security-Policy"].split(";")) if d}
    script_src = csp.get("script-src", csp.get("default-src"))
    assert script_src == ["'self'"], csp
    assert "'unsafe-inline'" not in csp.get("style-src", []) and "'unsafe-eval'" not in script_src
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert not [v for vals in csp.values() for v in vals if v.startswith("http")], "CSP 不应允许外部来源（CDN）"
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    # The login page itself carries no inline script.
    assert b"<script>" not in r.content and b"onclick=" not in r.content.lower()


@pytest.mark.django_db
def test_session_cookie_is_httponly_samesite_and_expires(county):
    client = Client()
    r = client.post(reverse("core:login"), {"username": county.admin.username, "password": PASSWORD})
    assert r.status_code == 302, r.content[:500]
    cookie = r.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 24 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert client.session.get_expire_at_browser_close()
    assert 0 < client.session.get_expiry_age() <= 24 * 3600
    csrf = r.cookies.get(settings.CSRF_COOKIE_NAME)
    if csrf is not None:
        assert csrf["samesite"] == "Lax"


def test_secure_cookies_can_be_switched_on():
    assert _production_settings("print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)") == "False False"
    env_code = "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    env = {k: v for k, v in os.environ.items() if k not in ("FAZHI_TESTING", "DEBUG")}
    env.update({"DEBUG": "False", "SECRET_KEY": "k" * 50, "FAZHI_TESTING": "False", "SECURE_COOKIES": "True"})
    out = subprocess.run([sys.executable, "-c", "import fazhi.settings as s\n" + env_code], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "True True", out.stderr


@pytest.mark.django_db
def test_api_docs_are_served_offline():
    r = Client().get("/api/docs")
    assert r.status_code == 200
    html = r.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower() and "https://" not in html and "http://" not in html
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        resp = Client().get(settings.STATIC_URL + asset)
        assert resp.status_code == 200, asset
    schema = Client().get("/api/openapi.json").json()
    assert "/api/organizations/{code}" in schema["paths"]
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
