"""政务公开: the 20-working-day rule (条例第二十六条) and the 依申请公开 clocks (第三十条至第三十六条),
pauses included, across 国庆 2021 (10月1日–7日 off; 9月26日 and 10月9日 working Saturdays/Sundays)."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import Deadline
from fazhi.functions import services as sv
from fazhi.functions.models import AnnualReport, Disclosure, InfoRequest

pytestmark = pytest.mark.django_db
D = datetime.date


def test_proactive_disclosure_20_working_days_across_national_day(county):
    d = sv.disclosure_create(actor=county.liaison_scj, organization=county.scj, title="抽检信息公告", area="market",
                             formed_on=D(2021, 9, 24))
    # 9/26 (working Sunday) … 9/30 = 5, 10/8 = 6, 10/9 (working Saturday) = 7, …, 10/27 = 20.
    assert d.due_on == D(2021, 10, 27)
    dl = Deadline.objects.get(target_id=str(d.code))
    assert dl.rule.code == "disclosure.proactive" and dl.done_at is None
    d = sv.disclosure_update(actor=county.liaison_scj, disclosure=d, data={"published_on": D(2021, 10, 28)})
    assert d.on_time is False
    assert Deadline.objects.get(target_id=str(d.code)).done_at is not None
    with pytest.raises(ValidationError):
        sv.disclosure_update(actor=county.liaison_scj, disclosure=d, data={"published_on": D(2021, 9, 1)})


def _receive(county, **kw):
    data = dict(actor=county.liaison_scj, organization=county.scj, applicant_kind="citizen", applicant_name="马晓明",
                channel="in_person", submitted_on=D(2021, 9, 28), content="某企业的营业执照信息")
    data.update(kw)
    return sv.request_receive(**data)


def test_receipt_date_by_channel(county):
    assert _receive(county).received_on == D(2021, 9, 28)
    # 邮寄: the 签收 day; 平常信函 / 网络 / 传真: the day both sides confirmed (第三十一条).
    req = _receive(county, channel="registered_post", received_on=D(2021, 9, 30))
    assert req.received_on == D(2021, 9, 30) and "签收" in req.receipt_basis
    with pytest.raises(ValidationError) as e:
        _receive(county, channel="online")
    assert "双方确认日期" in str(e.value)
    with pytest.raises(ValidationError):
        _receive(county, channel="ordinary_post", received_on=D(2021, 9, 27))
    with pytest.raises(ValidationError) as e:
        _receive(county, applicant_id="640324198001011234")
    assert "applicant_id" in e.value.message_dict
    assert InfoRequest.objects.count() == 2


def test_reply_due_20_working_days_and_consultation_pause(county):
    req = _receive(county)
    # 9/29, 9/30, 10/8, 10/9, 10/11–15, 10/18–22, 10/25–29, 11/1 = 20 working days.
    assert req.reply_due == D(2021, 11, 1)
    req = sv.request_consult_start(actor=county.liaison_scj, req=req, on=D(2021, 10, 12), consultee="某公司（第三方）")
    assert req.state == "consulting"
    with pytest.raises(ValidationError) as e:
        sv.request_reply(actor=county.liaison_scj, req=req, on=D(2021, 10, 20), reply_type="disclose")
    assert "征求意见" in str(e.value)
    req = sv.request_consult_end(actor=county.liaison_scj, req=req, on=D(2021, 10, 26))
    # 10/12–10/25 paused: 10 working days do not count (第三十三条第三款) → 11/15.
    assert req.reply_due == D(2021, 11, 15)
    dl = sv.request_deadline(req)
    assert dl.pauses[0]["from"] == "2021-10-12" and dl.pauses[0]["to"] == "2021-10-25"
    # Extension: once, by 20 working days from the (paused) due date, approved by the head (第三十三条第二款).
    with pytest.raises(ValidationError) as e:
        sv.request_extend(actor=county.liaison_scj, req=req, on=D(2021, 11, 10), approver="", reason="资料多")
    assert "负责人同意" in str(e.value)
    req = sv.request_extend(actor=county.liaison_scj, req=req, on=D(2021, 11, 10), approver="办公室主任", reason="资料多")
    assert req.reply_due == D(2021, 12, 13)
    with pytest.raises(ValidationError) as e:
        sv.request_extend(actor=county.liaison_scj, req=req, on=D(2021, 11, 11), approver="主任", reason="再延")
    assert "已经延长过一次" in str(e.value)
    # 第三十六条: a refusal must state its reasons.
    with pytest.raises(ValidationError) as e:
        sv.request_reply(actor=county.liaison_scj, req=req, on=D(2021, 12, 1), reply_type="refuse")
    assert "说明理由" in str(e.value)
    req = sv.request_reply(actor=county.liaison_scj, req=req, on=D(2021, 12, 13), reply_type="refuse",
                           reply_text="涉及商业秘密，第三方不同意公开（条例第三十二条）。")
    assert req.state == "replied" and req.on_time is True
    assert not Deadline.objects.filter(target_id=str(req.code), done_at__isnull=True).exists()


def test_extension_must_come_before_the_period_ends(county):
    req = _receive(county)
    with pytest.raises(ValidationError) as e:
        sv.request_extend(actor=county.liaison_scj, req=req, on=D(2021, 11, 2), approver="主任", reason="资料多")
    assert "已于 2021-11-01 届满" in str(e.value)
    req = sv.request_reply(actor=county.liaison_scj, req=req, on=D(2021, 11, 2), reply_type="disclose")
    assert req.on_time is False


def test_correction_within_7_working_days_restarts_the_period(county):
    req = _receive(county)
    # 9/29, 9/30, 10/8, 10/9, 10/11, 10/12, 10/13 = 7 working days (第三十条).
    with pytest.raises(ValidationError) as e:
        sv.request_correction(actor=county.liaison_scj, req=req, on=D(2021, 10, 14), items="写明文号")
    assert "2021-10-13前" in str(e.value)
    req = sv.request_correction(actor=county.liaison_scj, req=req, on=D(2021, 10, 13), items="写明文号")
    assert req.state == "correction"
    with pytest.raises(ValidationError):
        sv.request_reply(actor=county.liaison_scj, req=req, on=D(2021, 10, 15), reply_type="disclose")
    req = sv.request_correction_received(actor=county.liaison_scj, req=req, on=D(2021, 10, 20))
    # The 20 working days run again from 10/20: 10/21 … 11/17.
    assert req.reply_start == D(2021, 10, 20) and req.reply_due == D(2021, 11, 17)
    assert sv.request_deadline(req).due_date == D(2021, 11, 17)
    with pytest.raises(ValidationError):
        sv.request_correction(actor=county.liaison_scj, req=req, on=D(2021, 10, 21), items="再补正")


def test_no_correction_means_abandoned(county):
    req = _receive(county)
    req = sv.request_correction(actor=county.liaison_scj, req=req, on=D(2021, 9, 29), items="写明文号")
    req = sv.request_abandon(actor=county.liaison_scj, req=req, on=D(2021, 11, 1))
    assert req.state == "abandoned"
    assert not Deadline.objects.filter(target_id=str(req.code), done_at__isnull=True).exists()


def test_request_pages(county, login):
    client = login(county.liaison_scj)
    r = client.post("/functions/requests/new/", {"organization": str(county.scj.code), "applicant_kind": "citizen",
                                                 "applicant_name": "马晓明", "channel": "online",
                                                 "submitted_on": "2021-09-28", "content": "某文件"})
    assert r.status_code == 400 and "双方确认日期" in r.content.decode()
    assert InfoRequest.objects.count() == 0
    r = client.post("/functions/requests/new/", {"organization": str(county.scj.code), "applicant_kind": "citizen",
                                                 "applicant_name": "马晓明", "channel": "in_person",
                                                 "submitted_on": "2021-09-28", "content": "某文件"})
    req = InfoRequest.objects.get()
    assert r.status_code == 302
    page = client.get(f"/functions/requests/{req.code}/").content.decode()
    assert "2021-11-01" in page and "依申请公开答复期限" in page
    r = client.post(f"/functions/requests/{req.code}/step/consult/", {"consult-on": "2021-10-12",
                                                                     "consult-consultee": "某公司"})
    assert r.status_code == 302
    assert InfoRequest.objects.get().state == "consulting"
    # Another department: 404; the portal never shows the applicant.
    assert login(county.liaison_sfj).get(f"/functions/requests/{req.code}/").status_code == 404
    anon = client.__class__()
    for url in ("/portal/functions/", "/portal/functions/disclosures/", "/portal/functions/credit/",
                "/portal/functions/reports/", "/portal/functions/power/"):
        resp = anon.get(url)
        assert resp.status_code == 200 and "马晓明" not in resp.content.decode()


def test_annual_report_deadlines(county):
    dept = sv.annual_report_save(actor=None, organization=county.scj, year=2021, published_on=D(2022, 1, 20))
    gov = sv.annual_report_save(actor=None, organization=county.gov, year=2021, published_on=D(2022, 4, 2))
    # 第四十九条: departments by 1月31日 (2022-01-31 falls in the 春节 holiday: rolled to the next working day
    # if the rule rolls forward), the government by 3月31日.
    assert dept.due_on >= D(2022, 1, 31) and dept.on_time is True
    assert gov.due_on == D(2022, 3, 31) and gov.on_time is False
    with pytest.raises(ValidationError):
        sv.annual_report_save(actor=None, organization=county.sfj, year=2021, published_on=D(2021, 12, 30))
    assert AnnualReport.objects.count() == 2
    figures = sv.annual_figures(county.gov, 2021)
    assert figures["proactive_count"] == Disclosure.objects.filter(published_on__year=2021).count()
