"""Security headers on every kind of answer, not only on pages: the portal, the API (JSON), errors, files."""
from __future__ import annotations

import pytest
from django.test import Client

from fazhi.core.testing import make_county

pytestmark = pytest.mark.django_db

URLS = ["/login/", "/portal/", "/portal/does-not-exist/", "/api/openapi.json", "/api/not-a-route",
        "/api/organizations", "/excel/", "/files/"]


@pytest.mark.parametrize("logged_in", [False, True])
def test_every_answer_carries_the_security_headers(logged_in):
    client = Client()
    if logged_in:
        client.force_login(make_county().admin)
    for url in URLS:
        resp = client.get(url)
        assert resp.status_code < 500, url
        assert resp["X-Content-Type-Options"] == "nosniff", url
        assert resp["X-Frame-Options"] == "DENY", url
        assert resp["Referrer-Policy"] == "same-origin", url
        csp = resp.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, url
        assert "'unsafe-inline'" not in csp.split("script-src", 1)[-1].split(";", 1)[0], url
