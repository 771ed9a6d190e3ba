import datetime
import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from fazhi.decisions import services as sv
from fazhi.decisions import views_portal
from fazhi.decisions.models import Comment
from fazhi.decisions.tests.factories import started

pytestmark = pytest.mark.django_db


def _open(county):
    d = started(county.gov, county.admin)
    sv.decision_open_consultation(actor=county.admin, decision=d, opens_on=datetime.date.today())
    return d


def _token(age=10):
    """A form token rendered ``age`` seconds ago."""
    signer = signing.TimestampSigner(salt=views_portal.SALT)
    ts = signing.b62_encode(int(time.time()) - age)
    value = f"comment{signer.sep}{ts}"
    return f"{value}{signer.sep}{signer.signature(value)}"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_comment_waits_for_moderation_then_shows(county, login):
    d = _open(county)
    c = Client()
    page = c.get(reverse("decisions_public:decision", args=[d.code]))
    assert page.status_code == 200 and "提交意见" in page.content.decode()
    resp = c.post(reverse("decisions_public:comment", args=[d.code]),
                  {"body": "建议分阶段调整价格，照顾低保家庭。", "name": "马建军", "contact": "13995340000", "ts": _token()})
    assert resp.status_code == 302
    com = Comment.objects.get()
    assert com.status == "pending" and com.client_hash and com.client_hash != "127.0.0.1"
    body = c.get(reverse("decisions_public:decision", args=[d.code])).content.decode()
    assert "照顾低保家庭" not in body and "已公开 0 条" in body
    # Moderation: reject needs a reason; publish shows it with the name masked and without the contact.
    staff = login(county.admin)
    staff.post(reverse("decisions:comment_moderate", args=[com.code]), {"action": "reject"})
    com.refresh_from_db()
    assert com.status == "pending"
    staff.post(reverse("decisions:comment_moderate", args=[com.code]), {"action": "publish"})
    body = c.get(reverse("decisions_public:decision", args=[d.code])).content.decode()
    assert "照顾低保家庭" in body and "已公开 1 条" in body
    assert "马建军" not in body and "13995340000" not in body and "马某" in body


def test_honeypot_too_fast_and_rate_limit(county, settings):
    d = _open(county)
    c = Client()
    url = reverse("decisions_public:comment", args=[d.code])
    # Honeypot filled: pretends success, saves nothing.
    resp = c.post(url, {"body": "机器人提交的意见内容", "website": "http://spam", "ts": _token()})
    assert resp.status_code == 302 and Comment.objects.count() == 0
    # Too fast.
    resp = c.post(url, {"body": "很快提交的意见内容", "ts": _token(age=0)})
    assert resp.status_code == 400 and "提交过快" in resp.content.decode()
    # Forged token.
    resp = c.post(url, {"body": "伪造表单的意见内容", "ts": "x:y:z"})
    assert resp.status_code == 400 and "表单已失效" in resp.content.decode()
    assert Comment.objects.count() == 0
    settings.DECISIONS_COMMENT_RATE = 2
    for i in range(2):
        assert c.post(url, {"body": f"第{i}条正常的意见内容", "ts": _token()}).status_code == 302
    resp = c.post(url, {"body": "第三条正常的意见内容", "ts": _token()})
    assert resp.status_code == 429 and "过于频繁" in resp.content.decode()
    assert Comment.objects.count() == 2
    # The same text twice is refused (from another address).
    resp = Client(REMOTE_ADDR="10.0.0.9").post(url, {"body": "第0条正常的意见内容", "ts": _token()})
    assert resp.status_code == 400 and "请勿重复提交" in resp.content.decode()


def test_closed_or_unpublished_consultation(county):
    d = started(county.gov, county.admin)
    c = Client()
    assert c.get(reverse("decisions_public:decision", args=[d.code])).status_code == 404
    sv.decision_open_consultation(actor=county.admin, decision=d, opens_on=datetime.date(2021, 3, 5))
    assert c.get(reverse("decisions_public:decision", args=[d.code])).status_code == 200
    resp = c.post(reverse("decisions_public:comment", args=[d.code]), {"body": "过期后提交的意见", "ts": _token()})
    assert resp.status_code == 400 and "不在公开征求意见期内" in resp.content.decode()
    assert Comment.objects.count() == 0
    assert c.get(reverse("decisions_public:index")).status_code == 200


def test_moderation_next_is_not_an_open_redirect(county, login):
    d = _open(county)
    com = sv.comment_submit(decision=d, body="一条需要审核的意见")
    resp = login(county.admin).post(reverse("decisions:comment_moderate", args=[com.code]),
                                    {"action": "publish", "next": "https://evil.example/"})
    assert resp.status_code == 302 and resp["Location"] == reverse("decisions:comment_list")


def test_published_decision_without_consultation_shows_reason(county):
    d = started(county.gov, county.admin)
    for step in ("consultation", "expert", "risk"):
        sv.decision_skip(actor=county.admin, decision=d, step=step, reason="依法不予公开的决策事项")
    sv.decision_submit_legality(actor=county.admin, decision=d, on=datetime.date(2021, 4, 1))
    from fazhi.decisions.tests.factories import adviser
    sv.decision_conclude_legality(actor=county.admin, decision=d, on=datetime.date(2021, 4, 15), reviewer="司法局",
                                  adviser=adviser(county.gov), opinion="合法", conclusion="lawful")
    sv.decision_decide(actor=county.admin, decision=d, kind="plenary", name="全体会议", on=datetime.date(2021, 4, 20),
                       outcome="adopted", head_decision="同意")
    sv.decision_report_party(actor=county.admin, decision=d, on=datetime.date(2021, 4, 21))
    sv.decision_publish(actor=county.admin, decision=d, on=datetime.date(2021, 4, 22), channel="政府网站")
    body = Client().get(reverse("decisions_public:decision", args=[d.code])).content.decode()
    assert "依法不予公开的决策事项" in body and "征求意见期限" not in body and "提交意见" not in body
