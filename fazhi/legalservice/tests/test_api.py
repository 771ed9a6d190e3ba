import datetime

import pytest

from fazhi.legalservice import services
from fazhi.legalservice.models import Activity
from fazhi.legalservice.tests.factories import notice

pytestmark = pytest.mark.django_db


def test_figures_and_aid_list(county, login):
    case = notice(county.sfj, county.liaison_sfj)
    client = login(county.liaison_sfj)
    data = client.get("/api/legalservice/figures", {"year": 2021}).json()
    assert data["criminal_notified"] == 1 and data["criminal_assigned"] == 0 and data["aid_accepted"] == 1
    items = client.get("/api/legalservice/aid-cases", {"year": 2021}).json()["items"]
    assert [i["code"] for i in items] == [str(case.code)]
    assert login(county.liaison_scj).get(f"/api/legalservice/aid-cases/{case.code}").status_code == 404


def test_activity_create_via_api(county, login):
    client = login(county.liaison_sfj)
    body = {"organization": str(county.sfj.code), "kind": "micro_video", "title": "普法微视频", "held_on": "2021-04-01",
            "reach": 5000}
    resp = client.post("/api/legalservice/activities", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    assert resp.json()["kind"] == "micro_video" and Activity.objects.get().reach == 5000
    body.update(kind="nope")
    resp = client.post("/api/legalservice/activities", body, content_type="application/json")
    assert resp.status_code == 400 and "活动类别" in resp.content.decode()
    body.update(kind="night_patrol", amount="10")
    resp = client.post("/api/legalservice/activities", body, content_type="application/json")
    assert resp.status_code == 400 and "不登记金额" in resp.content.decode()
    assert Activity.objects.count() == 1


def test_consultation_create_via_api_other_org_refused(county, login):
    body = {"organization": str(county.sfj.code), "channel": "hotline", "consulted_on": "2021-04-01",
            "topic": "labour", "question": "欠薪"}
    assert login(county.liaison_scj).post("/api/legalservice/consultations", body,
                                          content_type="application/json").status_code == 400
    resp = login(county.liaison_sfj).post("/api/legalservice/consultations", body, content_type="application/json")
    assert resp.status_code == 201
    services.consultation_create(actor=None, organization=county.sfj, channel="video",
                                 consulted_on=datetime.date(2021, 5, 1), topic="other", question="x")
    assert login(county.liaison_sfj).get("/api/legalservice/consultations", {"year": 2021}).json()["count"] == 2
