"""Staff pages: scoping (other org → 404, leader → 403), bad input → Chinese error and nothing saved,
workflow buttons, lists and filters; the portal and the API."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.disputes import services as svc
from fazhi.disputes.choices import ReviewState
from fazhi.disputes.models import LitigationCase, MediationCase, MediationRoom, ReviewCase

D = datetime.date


def review(county, org=None):
    return svc.review_receive(actor=None, organization=org or county.scj, respondent=county.scj, applicant="马某",
                              act="罚款决定", act_known_on=D(2024, 9, 20), received_on=D(2024, 9, 27), number="同政复〔2024〕9号")


@pytest.mark.django_db
class TestReviewPages:
    def test_create_form_bad_input_saves_nothing(self, county, login):
        c = login(county.liaison_scj)
        resp = c.post(reverse("disputes:review_create"), {
            "organization": str(county.scj.code), "applicant": "马某", "respondent": str(county.scj.code),
            "act": "罚款", "act_known_on": "2023-12-20", "received_on": "2023-12-28", "channel": "written",
            "procedure": "simple"})
        assert resp.status_code == 400
        assert "没有简易程序" in resp.content.decode()
        assert not ReviewCase.objects.exists()
        resp = c.post(reverse("disputes:review_create"), {"organization": str(county.scj.code)})
        assert resp.status_code == 400 and "这个字段是必填项" in resp.content.decode()

    def test_create_and_workflow_through_the_pages(self, county, login):
        c = login(county.liaison_scj)
        resp = c.post(reverse("disputes:review_create"), {
            "organization": str(county.scj.code), "applicant": "马某", "respondent": str(county.scj.code),
            "act": "罚款", "act_known_on": "2024-09-20", "received_on": "2024-09-27", "channel": "written",
            "procedure": "ordinary", "rights_notified": "on"})
        case = ReviewCase.objects.get()
        assert resp.status_code == 302 and resp["Location"].endswith(f"/reviews/{case.code}/")
        page = c.get(resp["Location"]).content.decode()
        assert "收到申请" in page and "视为受理" in page             # the 视为受理 button is offered
        url = reverse("disputes:review_action", kwargs={"code": case.code, "action": "accept"})
        resp = c.post(url, {"accepted_on": "2024-10-11", "procedure": "ordinary"})
        assert resp.status_code == 400 and "第三十条" in resp.content.decode()
        resp = c.post(url, {"accepted_on": "2024-10-08", "procedure": "ordinary"})
        assert resp.status_code == 302
        case.refresh_from_db()
        assert case.state == ReviewState.ACCEPTED and case.decision_due == D(2024, 12, 9)  # 10-08 + 60 = 12-07 (Saturday) → 12-09

    def test_other_org_404_and_leader_403(self, county, login):
        case = review(county)
        detail = reverse("disputes:review_detail", kwargs={"code": case.code})
        action = reverse("disputes:review_action", kwargs={"code": case.code, "action": "reject"})
        assert login(county.liaison_sfj).get(detail).status_code == 404
        assert login(county.liaison_town).post(action, {"rejected_on": "2024-09-30", "reason": "x"}).status_code == 404
        leader = login(county.leader)
        assert leader.get(detail).status_code == 200
        assert leader.post(action, {"rejected_on": "2024-09-30", "reason": "x"}).status_code == 403
        assert ReviewCase.objects.get().state == ReviewState.RECEIVED

    def test_unknown_action_is_404(self, county, login):
        case = review(county)
        url = reverse("disputes:review_action", kwargs={"code": case.code, "action": "explode"})
        assert login(county.liaison_scj).get(url).status_code == 404

    def test_list_filters(self, county, login):
        review(county)
        c = login(county.liaison_scj)
        assert "同政复〔2024〕9号" in c.get(reverse("disputes:review_list")).content.decode()
        assert "同政复〔2024〕9号" not in c.get(reverse("disputes:review_list"), {"state": "decided"}).content.decode()
        assert c.get(reverse("disputes:review_list"), {"year": "abc"}).status_code == 200


@pytest.mark.django_db
class TestOtherPages:
    def test_litigation_create_validates_case_number(self, county, login):
        c = login(county.liaison_scj)
        data = {"organization": str(county.scj.code), "case_number": "行初12号", "court": "同心县人民法院",
                "instance": "first", "plaintiff": "马某", "act": "罚款", "complaint_received_on": "2021-09-20"}
        resp = c.post(reverse("disputes:litigation_create"), data)
        assert resp.status_code == 400 and "法院案号格式" in resp.content.decode()
        assert not LitigationCase.objects.exists()
        resp = c.post(reverse("disputes:litigation_create"), {**data, "case_number": "(2021)宁0324行初7号"})
        assert resp.status_code == 302
        case = LitigationCase.objects.get()
        url = reverse("disputes:litigation_action", kwargs={"code": case.code, "action": "hearing"})
        resp = c.post(url, {"held_on": "2021-11-01", "appearance": "delegate", "delegate_name": "法制股长"})
        assert resp.status_code == 400 and "书面说明理由" in resp.content.decode()
        resp = c.post(url, {"held_on": "2021-11-01", "appearance": "lawyer_only"})
        assert resp.status_code == 400 and "请填写出庭律师" in resp.content.decode()
        assert not case.hearings.exists()
        # "仅律师出庭" has no lawful excuse: it is recorded as it happened, without a reason, and flagged.
        resp = c.post(url, {"held_on": "2021-11-01", "appearance": "lawyer_only", "lawyer_name": "王律师"})
        assert resp.status_code == 302
        page = c.get(reverse("disputes:litigation_detail", kwargs={"code": case.code})).content.decode()
        assert "不得仅委托律师出庭（行诉法解释第一百二十八条第二款" in page

    def test_mediation_pages(self, county, login):
        c = login(county.liaison_town)
        resp = c.post(reverse("disputes:room_create"), {"organization": str(county.town.code), "name": "东关村调委会",
                                                        "kind": "people", "is_public": "on"})
        assert resp.status_code == 302
        room = MediationRoom.objects.get()
        resp = c.post(reverse("disputes:mediation_create"), {
            "room": str(room.code), "dispute_type": "neighbor", "parties": "马某与李某", "mediator": "调解员",
            "received_on": "2021-03-01"})
        assert resp.status_code == 302
        case = MediationCase.objects.get()
        url = reverse("disputes:mediation_action", kwargs={"code": case.code, "action": "close"})
        resp = c.post(url, {"status": "success", "closed_on": "2021-03-05"})
        assert resp.status_code == 400 and "第二十八条" in resp.content.decode()
        resp = c.post(url, {"status": "success", "closed_on": "2021-03-05", "agreement_form": "oral", "amount": "500"})
        assert resp.status_code == 302
        assert c.get(reverse("disputes:mediation_list"), {"kind": "people"}).status_code == 200
        assert login(county.liaison_scj).get(reverse("disputes:mediation_detail", kwargs={"code": case.code})).status_code == 404
        c = login(county.liaison_town)  # the fixture's client is shared: log the owner in again
        resp = c.post(reverse("disputes:room_detail", kwargs={"code": room.code}), {"on": "2021-03-05", "people": "0"})
        assert resp.status_code == 400

    def test_index_stats_and_portal(self, county, login):
        c = login(county.admin)
        assert c.get(reverse("disputes:index"), {"year": "2021"}).status_code == 200
        resp = c.post(reverse("disputes:stats"), {"organization": str(county.gov.code), "year": "2021",
                                                  "lawsuits": "-1", "petitions": "3"})
        assert resp.status_code == 400
        resp = c.post(reverse("disputes:stats"), {"organization": str(county.gov.code), "year": "2021",
                                                  "lawsuits": "10", "petitions": "3", "source": "县法院"})
        assert resp.status_code == 302
        assert AuditEvent.objects.filter(action="disputes.yearly.set").count() == 1
        assert login(county.leader).post(reverse("disputes:stats"), {"year": "2021"}).status_code == 403
        from django.test import Client

        resp = Client().get(reverse("disputes_public:index"), {"year": "2021"})
        assert resp.status_code == 200 and "矛盾纠纷化解" in resp.content.decode()

    def test_api_is_scoped(self, county, login):
        case = review(county)
        own = login(county.liaison_scj).get(f"/api/disputes/reviews/{case.code}")
        assert own.status_code == 200 and own.json()["state"] == "received"
        other = login(county.liaison_sfj).get(f"/api/disputes/reviews/{case.code}")
        assert other.status_code == 404
        figs = login(county.admin).get("/api/disputes/figures", {"year": 2024})
        assert figs.status_code == 200 and figs.json()["review"]["applied"] == 1


@pytest.mark.django_db
def test_edit_changes_descriptive_fields_only(county, login):
    case = review(county)
    c = login(county.liaison_scj)
    url = reverse("disputes:review_edit", kwargs={"code": case.code})
    assert c.get(url).status_code == 200
    resp = c.post(url, {"number": "同政复〔2024〕10号", "applicant": "", "act": "罚款", "channel": "written"})
    assert resp.status_code == 400
    resp = c.post(url, {"number": "同政复〔2024〕10号", "applicant": "马某某", "act": "罚款决定", "channel": "oral",
                        "received_on": "2020-01-01"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.applicant == "马某某" and case.channel == "oral" and case.received_on == D(2024, 9, 27)
    assert AuditEvent.objects.filter(action="disputes.review.update", target_id=str(case.code)).count() == 1
    assert login(county.leader).post(url, {"applicant": "x", "act": "x", "channel": "written"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("action", [
    "correction", "supply", "abandon", "accept", "reject", "copy", "reply", "hearing", "suspend", "resume",
    "premediation", "extend", "decide", "mediate", "terminate", "dismiss", "opinion", "opinion_report"])
def test_every_review_action_page_answers_bad_input_without_500(county, login, action):
    case = review(county)
    c = login(county.liaison_scj)
    url = reverse("disputes:review_action", kwargs={"code": case.code, "action": action})
    assert c.get(url).status_code == 200
    resp = c.post(url, {})
    assert resp.status_code == 400
    # A well-formed form in the wrong state: a Chinese error, nothing changes.
    resp = c.post(url, {"on": "2024-09-30", "noticed_on": "2024-09-30", "supplied_on": "2024-09-30",
                        "accepted_on": "2024-09-30", "rejected_on": "2024-09-30", "sent_on": "2024-09-30",
                        "received_on": "2024-09-30", "hearing_on": "2024-12-30", "reason": "理由",
                        "items": "材料", "status": "agreed", "days": "10", "approved_by": "李四",
                        "decided_on": "2024-09-30", "decision_type": "uphold", "summary": "情况",
                        "outcome": "withdrawn", "issued_on": "2024-09-30", "recipient": str(county.scj.code),
                        "procedure": "ordinary"})
    assert resp.status_code in (302, 400)
    if resp.status_code == 400:
        assert "errors" in resp.content.decode() or "请" in resp.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["answer", "hearing", "outcome"])
def test_litigation_action_pages(county, login, action):
    case = svc.litigation_create(actor=None, organization=county.scj, case_number="(2021)宁0324行初3号",
                                 court="同心县人民法院", plaintiff="马某", act="罚款", complaint_received_on=D(2021, 9, 20))
    c = login(county.liaison_scj)
    url = reverse("disputes:litigation_action", kwargs={"code": case.code, "action": action})
    assert c.get(url).status_code == 200
    assert c.post(url, {}).status_code == 400
