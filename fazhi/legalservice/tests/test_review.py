"""Found by driving the pages as a 司法局 clerk: the case history must read as Chinese (unit and
lawyer by name, workflow fields by their labels), and a year without criminal notices has no
辩护率 rather than “0%”."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.legalservice import services
from fazhi.legalservice.tests.factories import application, lawyer, notice

pytestmark = pytest.mark.django_db


def _history(page: str) -> str:
    return page[page.index("修改记录"):]


def test_case_history_names_unit_and_lawyer_and_labels_steps(county, login):
    actor = county.liaison_sfj
    case = application(county.sfj, actor)
    lw = lawyer(county.sfj, actor)
    services.aid_grant(actor=actor, case=case, on=datetime.date(2021, 9, 30))
    services.aid_assign(actor=actor, case=case, lawyer=lw, on=datetime.date(2021, 10, 2))
    services.aid_close(actor=actor, case=case, on=datetime.date(2021, 11, 1), outcome="调解结案")
    services.aid_archive(actor=actor, case=case, on=datetime.date(2021, 11, 5), quality_score=85)

    receive = AuditEvent.objects.get(action="legalservice.aid.receive", target_id=str(case.code))
    assert receive.data["after"]["organization"] == county.sfj.name
    assign = AuditEvent.objects.get(action="legalservice.aid.assign", target_id=str(case.code))
    assert assign.data["changes"]["lawyer"] == {"before": None, "after": str(lw)}
    assert assign.data["changes"]["status"] == {"before": "granted", "after": "assigned"}

    history = _history(login(actor).get(reverse("legalservice:aid_detail", args=[case.code])).content.decode())
    assert county.sfj.name in history and str(lw) in history
    for label in ("承办律师", "指派日期", "结案日期", "归档期限", "质量评估得分", "质量等级", "优良", "审查决定期限"):
        assert label in history, label
    for raw in ("assigned_on", "archived_on", "quality_score", "review_due", "closed_on"):
        assert raw not in history, raw
    assert f"<td>{county.sfj.pk}</td>" not in history


def test_activity_history_names_its_kind(county, login):
    from fazhi.legalservice.models import ActivityKind

    kind = ActivityKind.objects.get(key="civil_code_publicity")
    act = services.activity_create(actor=county.liaison_sfj, organization=county.sfj, kind=kind,
                                   title="民法典进社区", held_on=datetime.date(2021, 5, 1))
    event = AuditEvent.objects.get(action="legalservice.activity.create", target_id=str(act.code))
    assert event.data["after"]["kind"] == kind.name


def test_rate_shown_only_when_there_are_notices(county, login, client):
    client_sfj = login(county.liaison_sfj)
    index = reverse("legalservice:index") + "?year=2021"
    page = client_sfj.get(index).content.decode()
    assert "本年度无通知辩护" in page and "0%" not in page
    portal = client.get(reverse("legalservice_public:points") + "?year=2021").content.decode()
    assert "辩护率" not in portal

    case = notice(county.sfj, county.liaison_sfj)
    services.aid_assign(actor=county.liaison_sfj, case=case, lawyer=lawyer(county.sfj),
                        on=datetime.date(2021, 9, 30))
    page = client_sfj.get(index).content.decode()
    assert "100.0%" in page and "本年度无通知辩护" not in page
    assert "辩护率 100.0%" in client.get(reverse("legalservice_public:points") + "?year=2021").content.decode()


def test_edit_pages_cancel_back_to_the_record(county, login):
    case = application(county.sfj, county.liaison_sfj)
    page = login(county.liaison_sfj).get(reverse("legalservice:aid_edit", args=[case.code])).content.decode()
    detail = reverse("legalservice:aid_detail", args=[case.code])
    assert f'<a class="btn" href="{detail}">取消</a>' in page


def test_overview_figures_link_to_the_records_behind_them(county, login):
    """受理 counts by the decision date, 办结 by the closing date: the list reached from each figure
    shows exactly those cases (an application received in 2021 but refused is neither)."""
    actor = county.liaison_sfj
    granted = application(county.sfj, actor, received_on=datetime.date(2021, 12, 28))
    services.aid_grant(actor=actor, case=granted, on=datetime.date(2022, 1, 2))   # accepted in 2022
    refused = application(county.sfj, actor, received_on=datetime.date(2021, 12, 20))
    services.aid_refuse(actor=actor, case=refused, on=datetime.date(2021, 12, 22), reason="不符合经济困难标准")
    closed = notice(county.sfj, actor, received_on=datetime.date(2021, 12, 1))
    services.aid_assign(actor=actor, case=closed, lawyer=lawyer(county.sfj), on=datetime.date(2021, 12, 2))
    services.aid_close(actor=actor, case=closed, on=datetime.date(2022, 1, 3), outcome="判决")
    client = login(actor)

    index = client.get(reverse("legalservice:index") + "?year=2022").content.decode()
    assert "?year=2022&amp;by=accepted" in index and "?year=2022&amp;by=closed" in index
    listing = lambda q: client.get(reverse("legalservice:aid_list") + q).content.decode()  # noqa: E731
    accepted_2022 = listing("?year=2022&by=accepted")
    assert granted.number in accepted_2022 and closed.number not in accepted_2022 and refused.number not in accepted_2022
    closed_2022 = listing("?year=2022&by=closed")
    assert closed.number in closed_2022 and granted.number not in closed_2022
    received_2021 = listing("?year=2021")
    assert all(c.number in received_2021 for c in (granted, refused, closed))
    assert client.get(reverse("legalservice:aid_list") + "?year=2021&by=bogus").status_code == 200


def test_creation_snapshot_leaves_out_empty_fields(county):
    case = application(county.sfj, county.liaison_sfj)
    after = AuditEvent.objects.get(action="legalservice.aid.receive", target_id=str(case.code)).data["after"]
    assert after["applicant_name"] == "马某某" and after["status"] == "received"
    assert "closed_on" not in after and "refusal_reason" not in after and "lawyer" not in after


def test_assignment_only_from_the_units_active_roster(county):
    from django.core.exceptions import ValidationError

    from fazhi.legalservice.choices import AidStatus

    actor = county.liaison_sfj
    case = notice(county.sfj, actor)
    other = lawyer(county.scj, license_no="16403201510000077")        # 市场监管局's list, not 司法局's
    with pytest.raises(ValidationError, match="不在本单位的律师名册"):
        services.aid_assign(actor=actor, case=case, lawyer=other, on=datetime.date(2021, 9, 30))
    retired = lawyer(county.sfj, license_no="16403201510000078", is_active=False)
    with pytest.raises(ValidationError, match="在册律师"):
        services.aid_assign(actor=actor, case=case, lawyer=retired, on=datetime.date(2021, 9, 30))
    case.refresh_from_db()
    assert case.status == AidStatus.GRANTED and case.lawyer_id is None
    county_lawyer = lawyer(county.gov, license_no="16403201510000079")   # the parent unit's roster serves it
    services.aid_assign(actor=actor, case=case, lawyer=county_lawyer, on=datetime.date(2021, 9, 30))
    assert case.lawyer == county_lawyer


def test_a_step_sent_twice_explains_why_it_was_refused(county, login):
    """Two tabs, or the back button: the second 给予援助 arrives when the case is already waiting for
    a lawyer. The decision form is no longer on the page, so the refusal must still be shown."""
    case = application(county.sfj, county.liaison_sfj)
    client = login(county.liaison_sfj)
    url = reverse("legalservice:aid_step", args=[case.code, "decide"])
    body = {"decide-decision": "grant", "decide-on": "2021-09-30"}
    assert client.post(url, body).status_code == 302
    resp = client.post(url, body)
    assert resp.status_code == 400
    assert "不能作出给予法律援助的决定" in resp.content.decode()
