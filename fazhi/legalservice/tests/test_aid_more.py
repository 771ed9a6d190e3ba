import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core.models import Deadline
from fazhi.legalservice import services
from fazhi.legalservice.choices import AidStatus, TerminationGround
from fazhi.legalservice.tests.factories import application, lawyer, notice

pytestmark = pytest.mark.django_db
D = datetime.date


def _dl(case, rule):
    return Deadline.objects.get(rule__code=rule, target_id=str(case.code))


def test_materials_told_once_then_withdrawn_art43_2(county):
    actor = county.liaison_sfj
    case = application(county.sfj, actor)
    with pytest.raises(ValidationError) as exc:
        services.aid_withdraw(actor=actor, case=case, on=D(2021, 10, 1))
    assert "第四十三条第二款" in str(exc.value)
    services.aid_request_materials(actor=actor, case=case, on=D(2021, 9, 29), items="劳动合同、欠条")
    with pytest.raises(ValidationError) as exc:
        services.aid_request_materials(actor=actor, case=case, on=D(2021, 9, 30), items="工资流水")
    assert "一次性告知" in str(exc.value) and "第四十三条第二款" in str(exc.value)
    services.aid_withdraw(actor=actor, case=case, on=D(2021, 10, 20))
    case.refresh_from_db()
    assert case.status == AidStatus.WITHDRAWN and case.materials_requested == "劳动合同、欠条"
    assert _dl(case, "legalaid.review").done_at is not None


def test_terminate_art48(county):
    actor = county.liaison_sfj
    case = notice(county.sfj, actor)
    with pytest.raises(ValidationError) as exc:
        services.aid_terminate(actor=actor, case=case, on=D(2021, 9, 30), ground=TerminationGround.OTHER, note="")
    assert "第四十八条" in str(exc.value)
    services.aid_terminate(actor=actor, case=case, on=D(2021, 9, 30), ground=TerminationGround.OWN_LAWYER)
    case.refresh_from_db()
    assert case.status == AidStatus.TERMINATED
    assert _dl(case, "legalaid.criminal_assign").done_at is not None
    with pytest.raises(ValidationError) as exc:
        services.aid_assign(actor=actor, case=case, lawyer=lawyer(county.sfj), on=D(2021, 9, 30))
    assert "第三十六条" in str(exc.value)


def test_cannot_terminate_before_grant_art48(county):
    case = application(county.sfj, county.liaison_sfj)
    with pytest.raises(ValidationError) as exc:
        services.aid_terminate(actor=county.liaison_sfj, case=case, on=D(2021, 9, 30),
                               ground=TerminationGround.REQUESTED)
    assert "第四十八条" in str(exc.value)


def test_materials_and_terminate_through_pages(county, login):
    client = login(county.liaison_sfj)
    case = application(county.sfj, county.liaison_sfj)
    url = lambda step: reverse("legalservice:aid_step", args=[case.code, step])  # noqa: E731
    page = client.get(reverse("legalservice:aid_detail", args=[case.code])).content.decode()
    assert "一次性告知" in page
    resp = client.post(url("materials"), {"materials-on": "2021-09-29", "materials-items": ""})
    assert resp.status_code == 400 and "一次性告知" in resp.content.decode()
    assert client.post(url("materials"), {"materials-on": "2021-09-29", "materials-items": "欠条"}).status_code == 302
    assert client.post(url("decide"), {"decide-decision": "grant", "decide-on": "2021-09-30"}).status_code == 302
    resp = client.post(url("terminate"), {"terminate-ground": "requested", "terminate-on": "2021-10-01"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.status == AidStatus.TERMINATED
    assert client.post(url("nonsense"), {}).status_code == 404


def test_edit_particulars_revalidates_and_guards_art26(county, login):
    case = notice(county.sfj, county.liaison_sfj)
    services.aid_assign(actor=county.liaison_sfj, case=case, lawyer=lawyer(county.sfj, years_practice=1),
                        on=D(2021, 9, 30))
    client = login(county.liaison_sfj)
    url = reverse("legalservice:aid_edit", args=[case.code])
    body = {"applicant_name": "李某某", "matter": "涉嫌抢劫罪", "applicant_id_number": "12345"}
    resp = client.post(url, body)
    assert resp.status_code == 400 and "身份证号应为18位" in resp.content.decode()
    body.update(applicant_id_number="", severe_penalty="on")
    resp = client.post(url, body)
    assert resp.status_code == 400 and "第二十六条" in resp.content.decode()
    del body["severe_penalty"]
    assert client.post(url, body).status_code == 302
    case.refresh_from_db()
    assert case.matter == "涉嫌抢劫罪" and case.applicant_name == "李某某" and not case.severe_penalty
