import datetime

import pytest
from django.urls import reverse

from fazhi.core.models import Deadline
from fazhi.legalservice import services
from fazhi.legalservice.choices import AidStatus, QualityGrade
from fazhi.legalservice.models import Activity, ActivityKind, AidCase, Consultation, ServicePoint
from fazhi.legalservice.tests.factories import application, id_number, lawyer, notice

pytestmark = pytest.mark.django_db


def _apply_body(org, **kw):
    body = {"organization": str(org.code), "case_type": "civil", "applicant_name": "马某某",
            "applicant_id_number": id_number(), "matter": "追索劳动报酬", "eligibility": "art42_migrant",
            "received_on": "2021-09-28"}
    body.update(kw)
    return body


def test_apply_page_creates_case_and_deadline(county, login):
    client = login(county.liaison_sfj)
    assert client.get(reverse("legalservice:aid_apply")).status_code == 200
    resp = client.post(reverse("legalservice:aid_apply"), _apply_body(county.sfj))
    case = AidCase.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("legalservice:aid_detail", args=[case.code])
    assert Deadline.objects.filter(rule__code="legalaid.review", target_id=str(case.code)).exists()
    page = client.get(resp["Location"])
    assert "第四十三条" in page.content.decode()


def test_apply_bad_id_number_rerenders_in_chinese(county, login):
    client = login(county.liaison_sfj)
    resp = client.post(reverse("legalservice:aid_apply"), _apply_body(county.sfj, applicant_id_number="123"))
    assert resp.status_code == 400
    assert "身份证号应为18位" in resp.content.decode()
    assert not AidCase.objects.exists()


def test_apply_for_another_org_refused(county, login):
    client = login(county.liaison_scj)
    resp = client.post(reverse("legalservice:aid_apply"), _apply_body(county.sfj))
    assert resp.status_code == 400 and not AidCase.objects.exists()


def test_workflow_through_pages(county, login):
    client = login(county.liaison_sfj)
    case = application(county.sfj, county.liaison_sfj)
    lw = lawyer(county.sfj)
    url = lambda step: reverse("legalservice:aid_step", args=[case.code, step])  # noqa: E731
    assert client.post(url("decide"), {"decide-decision": "grant", "decide-on": "2021-09-30"}).status_code == 302
    assert client.post(url("assign"), {"assign-lawyer": str(lw.code), "assign-on": "2021-10-02"}).status_code == 302
    assert client.post(url("close"), {"close-on": "2021-11-01", "close-outcome": "调解结案"}).status_code == 302
    assert client.post(url("archive"), {"archive-on": "2021-11-05", "archive-quality_score": "70"}).status_code == 302
    case.refresh_from_db()
    assert case.status == AidStatus.ARCHIVED and case.quality_grade == QualityGrade.PASS
    page = client.get(reverse("legalservice:aid_detail", args=[case.code])).content.decode()
    assert "合格" in page and "马律师" in page


def test_refusal_without_reason_shows_article(county, login):
    client = login(county.liaison_sfj)
    case = application(county.sfj, county.liaison_sfj)
    resp = client.post(reverse("legalservice:aid_step", args=[case.code, "decide"]),
                       {"decide-decision": "refuse", "decide-on": "2021-09-30", "decide-reason": ""})
    assert resp.status_code == 400 and "第四十三条" in resp.content.decode()
    case.refresh_from_db()
    assert case.status == AidStatus.RECEIVED


def test_scoping_other_org_404_leader_403(county, login):
    case = application(county.sfj, county.liaison_sfj)
    assert login(county.liaison_scj).get(reverse("legalservice:aid_detail", args=[case.code])).status_code == 404
    scj_case = application(county.scj, county.liaison_scj, applicant_id_number=id_number(seq="777"))
    resp = login(county.leader).post(reverse("legalservice:aid_step", args=[scj_case.code, "decide"]),
                                     {"decide-decision": "grant", "decide-on": "2021-09-30"})
    assert resp.status_code == 403
    scj_case.refresh_from_db()
    assert scj_case.status == AidStatus.RECEIVED


def test_notice_page(county, login):
    client = login(county.liaison_sfj)
    resp = client.post(reverse("legalservice:aid_notice"), {
        "organization": str(county.sfj.code), "notifying_authority": "procuratorate", "applicant_name": "李某",
        "matter": "涉嫌盗窃罪", "received_on": "2021-09-29"})
    assert resp.status_code == 302
    case = AidCase.objects.get()
    assert case.status == AidStatus.GRANTED
    assert Deadline.objects.get(rule__code="legalaid.criminal_assign").due_date == datetime.date(2021, 10, 2)


def test_admin_adds_activity_kind_end_to_end(county, login):
    admin = login(county.admin)
    resp = admin.post(reverse("legalservice:kind_create"), {
        "key": "anti_fraud", "name": "反电信诈骗宣传", "category": "publicity", "count_unit": "场次",
        "reach_label": "受众人数", "sort_order": "5", "is_active": "on"})
    assert resp.status_code == 302
    kind = ActivityKind.objects.get(key="anti_fraud")
    liaison = login(county.liaison_sfj)
    resp = liaison.post(reverse("legalservice:activity_create"), {
        "organization": str(county.sfj.code), "kind": str(kind.code), "title": "反诈宣传进校园", "held_on": "2021-05-10",
        "count": "3", "reach": "1200"})
    assert resp.status_code == 302
    act = Activity.objects.get(kind=kind)
    assert act.count == 3 and act.reach == 1200
    # The kind has no amount: an amount is refused with the kind's name.
    resp = liaison.post(reverse("legalservice:activity_create"), {
        "organization": str(county.sfj.code), "kind": str(kind.code), "title": "又一场", "held_on": "2021-05-11",
        "count": "1", "amount": "100"})
    assert resp.status_code == 400 and "反电信诈骗宣传" in resp.content.decode()
    page = liaison.get(reverse("legalservice:activity_list"), {"year": 2021}).content.decode()
    assert "反电信诈骗宣传" in page and "1200" in page
    detail = liaison.get(reverse("legalservice:activity_detail", args=[act.code])).content.decode()
    assert "受众人数" in detail


def test_only_admin_maintains_kinds(county, login):
    resp = login(county.liaison_sfj).post(reverse("legalservice:kind_create"), {
        "key": "x", "name": "某类", "category": "other", "count_unit": "次", "sort_order": "0"})
    assert resp.status_code == 403
    assert not ActivityKind.objects.filter(key="x").exists()


def test_consultation_counts_by_channel(county, login):
    for ch, n in [("hotline", 2), ("video", 1)]:
        for _ in range(n):
            services.consultation_create(actor=county.liaison_sfj, organization=county.sfj, channel=ch,
                                         consulted_on=datetime.date(2021, 3, 1), topic="labour", question="欠薪")
    page = login(county.liaison_sfj).get(reverse("legalservice:consult_list"), {"year": 2021}).content.decode()
    assert Consultation.objects.count() == 3
    assert "12348热线电话" in page


def test_portal_shows_public_points_only_and_no_names(county, client):
    services.point_create(actor=None, organization=county.sfj, name="同心县公共法律服务中心", level="county",
                          services="法律咨询、法律援助", phone="0953-8021348")
    services.point_create(actor=None, organization=county.sfj, name="内部试点工作室", level="village",
                          services="法律咨询", is_public=False)
    application(county.sfj, county.liaison_sfj, applicant_name="马秘密")
    resp = client.get(reverse("legalservice_public:points"), {"year": 2021})
    text = resp.content.decode()
    assert resp.status_code == 200
    assert "同心县公共法律服务中心" in text and "内部试点工作室" not in text and "马秘密" not in text
    assert ServicePoint.objects.count() == 2


def test_index_and_lists_render(county, login):
    notice(county.sfj, county.liaison_sfj)
    client = login(county.liaison_sfj)
    for name in ("index", "aid_list", "lawyer_list", "notary_list", "consult_list", "activity_list", "kind_list",
                 "point_list", "lawyer_create", "notary_create", "consult_create", "activity_create", "point_create"):
        assert client.get(reverse(f"legalservice:{name}")).status_code == 200, name
    page = client.get(reverse("legalservice:index"), {"year": 2021}).content.decode()
    assert "0 / 1" in page   # criminal: assigned / notified


def test_notarization_and_consultation_edit(county, login):
    n = services.notarization_create(actor=None, organization=county.sfj, number="（2021）宁同证字第1号",
                                     matter_type="kinship", applicant_name="马某", notary="杨某",
                                     issued_on=datetime.date(2021, 3, 1))
    client = login(county.liaison_sfj)
    url = reverse("legalservice:notary_edit", args=[n.code])
    body = {"organization": str(county.sfj.code), "number": n.number, "matter_type": "inheritance",
            "applicant_name": "马某", "notary": "杨某", "issued_on": "2021-03-01", "accepted_on": "2021-03-05"}
    resp = client.post(url, body)
    assert resp.status_code == 400 and "出证日期不能早于受理日期" in resp.content.decode()
    body["accepted_on"] = "2021-02-26"
    assert client.post(url, body).status_code == 302
    n.refresh_from_db()
    assert n.matter_type == "inheritance"
    assert login(county.leader).get(url).status_code == 404  # leader of scj: not visible
    client = login(county.liaison_sfj)
    c = services.consultation_create(actor=None, organization=county.sfj, channel="hotline",
                                     consulted_on=datetime.date(2021, 3, 1), topic="labour", question="欠薪")
    resp = client.post(reverse("legalservice:consult_edit", args=[c.code]), {
        "organization": str(county.sfj.code), "channel": "video", "consulted_on": "2021-03-01", "topic": "labour",
        "question": "欠薪", "answer": "可申请法律援助", "persons": "2"})
    assert resp.status_code == 302
    c.refresh_from_db()
    assert c.channel == "video" and c.persons == 2


def test_detail_shows_timeliness(county, login):
    case = notice(county.sfj, county.liaison_sfj)   # received 2021-09-29, due 10-02
    services.aid_assign(actor=county.liaison_sfj, case=case, lawyer=lawyer(county.sfj), on=datetime.date(2021, 10, 4))
    page = login(county.liaison_sfj).get(reverse("legalservice:aid_detail", args=[case.code])).content.decode()
    assert "用时 5 日" in page and "超过法定期限" in page and "第三十六条" in page
