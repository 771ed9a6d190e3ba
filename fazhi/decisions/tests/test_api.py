import pytest

from fazhi.decisions.models import AdviserWork, Decision
from fazhi.decisions.tests.factories import adviser, started

pytestmark = pytest.mark.django_db


def test_decision_start_list_skip_and_scoping(county, login):
    c = login(county.admin)
    body = {"organization": str(county.gov.code), "title": "接口决策", "undertaking_unit": "发改局",
            "started_on": "2021-03-01", "draft": "草案"}
    resp = c.post("/api/decisions/decisions", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    code = resp.json()["code"]
    assert resp.json()["state"] == "started"
    resp = c.post(f"/api/decisions/decisions/{code}/skip", {"step": "consultation", "reason": " "},
                  content_type="application/json")
    assert resp.status_code in (400, 422)
    resp = c.post(f"/api/decisions/decisions/{code}/skip", {"step": "legality", "reason": "x"},
                  content_type="application/json")
    assert resp.status_code == 400 and "必经程序" in resp.content.decode()
    resp = c.post(f"/api/decisions/decisions/{code}/skip", {"step": "consultation", "reason": "依法不予公开"},
                  content_type="application/json")
    assert resp.status_code == 200 and resp.json()["state"] == "expert"
    items = c.get("/api/decisions/decisions", {"year": 2021}).json()["items"]
    assert [i["code"] for i in items] == [code]
    other = started(county.scj, county.liaison_scj, title="市场监管局决策")
    assert login(county.liaison_sfj).get(f"/api/decisions/decisions/{other.code}").status_code == 404
    assert Decision.objects.count() == 2


def test_adviser_work_via_api(county, login):
    a = adviser(county.gov, county.admin)
    c = login(county.admin)
    body = {"organization": str(county.gov.code), "adviser": str(a.code), "kind": "opinion", "on": "2021-05-01",
            "title": "合同审核", "subject_kind": "contract"}
    resp = c.post("/api/decisions/adviser-work", body, content_type="application/json")
    assert resp.status_code == 400 and "名称或文号" in resp.content.decode()
    body["subject_ref"] = "招商引资合作协议"
    resp = c.post("/api/decisions/adviser-work", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    advisers = c.get("/api/decisions/advisers", {"year": 2021}).json()
    assert advisers[0]["opinions"] == 1 and advisers[0]["suits"] == 0
    assert AdviserWork.objects.count() == 1
