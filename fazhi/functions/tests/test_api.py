"""/api/functions: scoped reads, service writes with structured Chinese 4xx."""
import datetime

import pytest

from fazhi.functions import services as sv
from fazhi.functions.models import InfoRequest, PowerAdjustment

pytestmark = pytest.mark.django_db


def _client(client, user):
    from django.test import Client
    c = Client()
    c.force_login(user)
    return lambda method, url, **kw: getattr(c, method)(url, content_type="application/json", **kw)


def test_power_list_as_of_date_and_add(county, client):
    api = _client(client, county.liaison_scj)
    item = sv.power_register(actor=None, organization=county.scj, valid_from=datetime.date(2020, 6, 30),
                             power_code="SCJ-CF-1", name="对无照经营的处罚", category="penalty", legal_basis="某法",
                             subject="市场监管局")
    r = api("post", "/api/functions/power", data={
        "organization": str(county.scj.code), "adjusted_on": "2021-06-01", "document": "同政办发〔2021〕3号",
        "power_code": "SCJ-XK-9", "name": "新设许可", "category": "license", "legal_basis": "新法", "subject": "市场监管局"})
    assert r.status_code == 201, r.content
    data = api("get", "/api/functions/power?on=2021-05-31").json()
    assert [i["power_code"] for i in data["items"]] == ["SCJ-CF-1"]
    data = api("get", "/api/functions/power?on=2021-06-01&power_code=SCJ-XK-9").json()
    assert data["count"] == 1
    r = api("post", f"/api/functions/power/{item.code}/cancel", data={"adjusted_on": "2021-06-01", "document": "文件",
                                                                      "reason": ""})
    assert r.status_code == 422
    r = api("post", f"/api/functions/power/{item.code}/cancel", data={"adjusted_on": "2020-01-01", "document": "文件",
                                                                      "reason": "废止"})
    assert r.status_code == 400 and "晚于" in r.content.decode()
    assert PowerAdjustment.objects.count() == 1
    other = _client(client, county.liaison_sfj)
    assert other("get", f"/api/functions/power/{item.code}").status_code == 404


def test_request_and_reply(county, client):
    api = _client(client, county.liaison_scj)
    r = api("post", "/api/functions/requests", data={
        "organization": str(county.scj.code), "applicant_kind": "citizen", "applicant_name": "马某", "channel": "online",
        "submitted_on": "2021-09-28", "content": "某文件"})
    assert r.status_code == 400 and "双方确认" in r.content.decode()
    r = api("post", "/api/functions/requests", data={
        "organization": str(county.scj.code), "applicant_kind": "citizen", "applicant_name": "马某", "channel": "online",
        "submitted_on": "2021-09-28", "received_on": "2021-09-28", "content": "某文件"})
    assert r.status_code == 201 and r.json()["reply_due"] == "2021-11-01"
    code = r.json()["code"]
    r = api("post", f"/api/functions/requests/{code}/reply", data={"on": "2021-10-20", "reply_type": "refuse"})
    assert r.status_code == 400 and "说明理由" in r.content.decode()
    r = api("post", f"/api/functions/requests/{code}/reply", data={"on": "2021-10-20", "reply_type": "disclose"})
    assert r.status_code == 200 and r.json()["state"] == "replied"
    assert InfoRequest.objects.get().replied_on == datetime.date(2021, 10, 20)
