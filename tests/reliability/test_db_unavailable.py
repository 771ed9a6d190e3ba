"""The database goes away (PostgreSQL restarting): 503 with a Chinese page or the API's JSON error, fast,
and the user's session survives. The long variant (a real restart under 50 users) is ``make soak``."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from fazhi.core.testing import make_county

ROOT = Path(__file__).resolve().parents[2]

OUTAGE = """
import json, os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
import django
django.setup()
from django.conf import settings
from django.test import Client
out = {"options": settings.DATABASES["default"].get("OPTIONS", {})}
client = Client(raise_request_exception=False)
for path in ("/portal/oversight/", "/portal/legalservice/", "/api/me"):
    start = time.monotonic()
    r = client.get(path, HTTP_AUTHORIZATION="Bearer some-token" if path.startswith("/api/") else "")
    out[path] = {"status": r.status_code, "seconds": time.monotonic() - start, "retry": r.get("Retry-After"),
                 "type": r["Content-Type"], "body": r.content.decode()}
print(json.dumps(out, ensure_ascii=False))
"""


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: connections are refused


def test_postgresql_down_answers_503_fast_in_chinese_never_a_traceback():
    """Production settings, PostgreSQL unreachable (a real psycopg connection error, nothing mocked)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FAZHI_TESTING", "DJANGO_SETTINGS_MODULE")}
    env.update({"DEBUG": "False", "FAZHI_TESTING": "False", "SECRET_KEY": "outage-test-" + "x" * 40,
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{_closed_port()}/fazhi_down", "LOG_LEVEL": "CRITICAL"})
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", OUTAGE], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["options"]["connect_timeout"] == 5  # a connect never hangs longer than this
    for path in ("/portal/oversight/", "/portal/legalservice/"):
        page = out[path]
        assert page["status"] == 503, (path, page["status"], page["body"][:300])
        assert page["retry"] == "10" and page["type"].startswith("text/html")
        assert "服务暂时不可用" in page["body"] and "数据库暂时无法连接" in page["body"]
        assert "Traceback" not in page["body"] and "OperationalError" not in page["body"]
    api = out["/api/me"]
    assert api["status"] == 503 and api["retry"] == "10" and api["type"].startswith("application/json")
    assert json.loads(api["body"])["error"]["code"] == "service_unavailable"
    assert time.monotonic() - started < 60


def test_connect_timeout_from_the_url_wins():
    env = {k: v for k, v in os.environ.items() if k not in ("FAZHI_TESTING", "DJANGO_SETTINGS_MODULE")}
    env.update({"DEBUG": "True", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x?connect_timeout=2",
                "DATABASE_CONNECT_TIMEOUT": "9"})
    code = "import fazhi.settings as s; print(s.DATABASES['default']['OPTIONS']['connect_timeout'])"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
                         check=False)
    assert run.stdout.strip() == "2", run.stderr[-2000:]


@pytest.mark.django_db
def test_a_logged_in_user_keeps_the_session_through_an_outage(monkeypatch):
    """The session load fails while the database is down: 503, the session cookie is kept, and once the
    database is back the same cookie is still logged in (no redirect to the login page)."""
    county = make_county()
    client = Client(raise_request_exception=False)
    client.force_login(county.admin)
    cookie = client.cookies["sessionid"].value
    assert client.get("/").status_code == 200

    real_load = SessionStore.load

    def down(self):
        raise OperationalError("connection failed: server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", down)
    r = client.get("/")
    assert r.status_code == 503 and "服务暂时不可用" in r.content.decode()
    assert "sessionid" not in r.cookies or r.cookies["sessionid"].value == cookie  # not deleted
    r = client.get("/api/me")
    assert r.status_code == 503 and r.json()["error"]["code"] == "service_unavailable"

    monkeypatch.setattr(SessionStore, "load", real_load)
    assert client.cookies["sessionid"].value == cookie
    r = client.get("/")
    assert r.status_code == 200 and "退出" in r.content.decode()
    assert client.get("/api/me").json()["username"] == county.admin.username


@pytest.mark.django_db
def test_other_errors_still_answer_the_500_page(rf):
    from fazhi.core.unavailable import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        r = server_error(rf.get("/"))
    assert r.status_code == 500 and "系统暂时出现错误" in r.content.decode()
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        r = server_error(rf.get("/api/organizations"))
    assert r.status_code == 503 and json.loads(r.content)["error"]["message"] == "数据库暂时无法连接，请稍后重试。"
