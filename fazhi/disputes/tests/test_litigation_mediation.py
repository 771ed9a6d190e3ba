"""行政应诉, 调解, 劳动仲裁 and 一升两降: guards with their articles, deadlines, figures."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.indicators import get_indicator, org_scope
from fazhi.core.models import Deadline
from fazhi.disputes import selectors as S
from fazhi.disputes import services as svc
from fazhi.disputes.models import LitigationCase, MediationCase

D = datetime.date
YEAR = (D(2021, 1, 1), D(2021, 12, 31))


def suit(county, number="(2021)宁0324行初12号", received=D(2021, 9, 20), org=None):
    return svc.litigation_create(actor=None, organization=org or county.scj, case_number=number, court="同心县人民法院",
                                 plaintiff="马某", act="行政处罚决定", complaint_received_on=received)


@pytest.mark.django_db
class TestLitigation:
    def test_case_number_is_validated_and_normalized(self, county):
        with pytest.raises(ValidationError) as exc:
            suit(county, number="2021行初12")
        assert "法院案号格式" in str(exc.value)
        assert not LitigationCase.objects.exists()
        case = suit(county, number="（2021）宁0324行初12号")
        assert case.case_number == "(2021)宁0324行初12号"
        with pytest.raises(ValidationError, match="已登记"):
            suit(county, number="(2021)宁0324行初12号")

    def test_answer_due_fifteen_days_rolled_over_national_day(self, county):
        case = suit(county)
        # 9-20 + 15 = 10-05 (国庆 2021) → 10-08 (行政诉讼法第六十七条、第一百零一条; 民诉法第八十五条).
        assert case.answer_due == D(2021, 10, 8)
        dl = Deadline.objects.get(rule__code="litigation.answer", target_id=str(case.code))
        assert dl.due_date == D(2021, 10, 8)
        svc.litigation_file_answer(actor=None, case=case, filed_on=D(2021, 10, 8))
        dl.refresh_from_db()
        assert dl.done_at is not None

    def test_head_must_be_named_and_delegation_needs_a_written_reason(self, county):
        case = suit(county)
        with pytest.raises(ValidationError, match="第一百二十八条"):
            svc.litigation_add_hearing(actor=None, case=case, held_on=D(2021, 11, 1), appearance="principal")
        with pytest.raises(ValidationError, match="第一百二十九条"):
            svc.litigation_add_hearing(actor=None, case=case, held_on=D(2021, 11, 1), appearance="delegate",
                                       delegate_name="法制股长")
        with pytest.raises(ValidationError, match="第三条第三款"):
            svc.litigation_add_hearing(actor=None, case=case, held_on=D(2021, 11, 1), appearance="delegate",
                                       absence_reason="需要履行他人不能代替的公务")
        h = svc.litigation_add_hearing(actor=None, case=case, held_on=D(2021, 11, 1), appearance="delegate",
                                       delegate_name="法制股长", absence_reason="需要履行他人不能代替的公务",
                                       reason_in_writing=True)
        assert not h.head_appeared and h.reason_in_writing

    def test_appearance_rate_and_lawyer_only_flag(self, county):
        a, b, c = (suit(county, number=f"(2021)宁0324行初{n}号") for n in (1, 2, 3))
        svc.litigation_add_hearing(actor=None, case=a, held_on=D(2021, 11, 1), appearance="deputy",
                                   head_name="李某", head_post="副局长")
        svc.litigation_add_hearing(actor=None, case=b, held_on=D(2021, 11, 2), appearance="lawyer_only",
                                   lawyer_name="王律师", absence_reason="出差")
        svc.litigation_add_hearing(actor=None, case=c, held_on=D(2021, 11, 3), appearance="in_charge",
                                   head_name="丁某", head_post="分管副局长")
        orgs = org_scope(county.gov)
        assert get_indicator("disputes.litigation_head_appeared").compute(orgs, *YEAR) == 2
        assert get_indicator("disputes.litigation_appearance_rate").compute(orgs, *YEAR) == Decimal("66.7")
        figs = S.litigation_figures(LitigationCase.objects.all(), *YEAR)
        assert figs["lawyer_only"] == 1 and figs["heard"] == 3
        assert [x.case_number for x in S.litigation_list(county.admin, flag="lawyer_only")] == [b.case_number]

    def test_lawyer_only_is_recorded_without_an_excuse_and_flagged(self, county):
        # No reason makes "仅律师出庭" lawful (解释第一百二十八条第二款): it must be recordable as it happened.
        case = suit(county)
        with pytest.raises(ValidationError, match="出庭律师"):
            svc.litigation_add_hearing(actor=None, case=case, held_on=D(2021, 11, 1), appearance="lawyer_only")
        h = svc.litigation_add_hearing(actor=None, case=case, held_on=D(2021, 11, 1), appearance="lawyer_only",
                                       lawyer_name="王律师")
        assert h.lawyer_only and not h.head_appeared and not h.reason_in_writing
        with pytest.raises(ValidationError, match="开庭日期不能晚于今天"):
            svc.litigation_add_hearing(actor=None, case=case, held_on=datetime.date.today() + datetime.timedelta(days=2),
                                       appearance="principal", head_name="李某", head_post="局长")
        assert [x.case_number for x in S.litigation_list(county.admin, flag="lawyer_only")] == [case.case_number]

    def test_outcome_loss_and_appeal(self, county):
        case = suit(county)
        with pytest.raises(ValidationError, match="上诉日期"):
            svc.litigation_set_outcome(actor=None, case=case, outcome="revoke", judged_on=D(2021, 12, 1),
                                       appellant="defendant", appealed_on=None)
        case = svc.litigation_set_outcome(actor=None, case=case, outcome="revoke", judged_on=D(2021, 12, 1),
                                          appellant="defendant", appealed_on=D(2021, 12, 10))
        assert case.lost
        assert S.litigation_figures(LitigationCase.objects.all(), *YEAR)["loss_rate"] == Decimal("100.0")


@pytest.mark.django_db
class TestMediation:
    def room(self, county, kind="people", **kw):
        return svc.room_create(actor=None, organization=county.town, name=f"豫海镇{kind}调解室", kind=kind, **kw)

    def test_open_case_gets_one_month_handling_period(self, county):
        case = svc.mediation_create(actor=None, room=self.room(county), data={
            "dispute_type": "neighbor", "parties": "马某与李某", "mediator": "调解员甲", "received_on": D(2021, 1, 31)})
        assert case.settle_due == D(2021, 2, 28)             # one month, month end (人民调解工作若干规定第三十三条)
        assert Deadline.objects.filter(rule__code="mediation.settle", target_id=str(case.code)).exists()

    def test_success_needs_an_agreement_and_failure_has_none(self, county):
        case = svc.mediation_create(actor=None, room=self.room(county), data={
            "dispute_type": "neighbor", "parties": "马某与李某", "mediator": "调解员甲", "received_on": D(2021, 3, 1)})
        with pytest.raises(ValidationError, match="第二十八条"):
            svc.mediation_close(actor=None, case=case, status="success", closed_on=D(2021, 3, 5))
        with pytest.raises(ValidationError, match="第二十六条"):
            svc.mediation_close(actor=None, case=case, status="failed", closed_on=D(2021, 3, 5), agreement_form="oral")
        case = svc.mediation_close(actor=None, case=case, status="success", closed_on=D(2021, 3, 5),
                                   agreement_form="written", amount=Decimal("12000"))
        assert Deadline.objects.get(rule__code="mediation.settle", target_id=str(case.code)).done_at is not None

    def test_judicial_confirmation_within_thirty_days(self, county):
        case = svc.mediation_create(actor=None, room=self.room(county), data={
            "dispute_type": "contract", "parties": "马某与李某", "mediator": "调解员甲", "received_on": D(2021, 9, 1),
            "status": "success", "closed_on": D(2021, 9, 5), "agreement_form": "written"})
        # 9-05 + 30 = 10-05 (国庆) → 10-08.
        assert svc.confirmation_due(case) == D(2021, 10, 8)
        with pytest.raises(ValidationError, match="第三十三条"):
            svc.mediation_confirmation(actor=None, case=case, applied_on=D(2021, 10, 9))
        case = svc.mediation_confirmation(actor=None, case=case, applied_on=D(2021, 10, 8), confirmed=True)
        assert case.confirmed

    def test_presuit_room_needs_its_court_and_bulk_rows_are_checked(self, county):
        with pytest.raises(ValidationError, match="派出法庭"):
            self.room(county, kind="presuit")
        room = self.room(county, kind="presuit", court="派出法庭1")
        bad = [{"dispute_type": "contract", "parties": "甲与乙", "mediator": "调解员", "received_on": D(2021, 3, 1),
                "status": "success", "closed_on": D(2021, 2, 1), "agreement_form": "written"}]
        with pytest.raises(ValidationError, match="第1条"):
            svc.mediation_bulk_create(actor=None, room=room, rows=bad)
        assert not MediationCase.objects.exists()

    def test_marriage_consultations_are_counted_in_people(self, county):
        room = self.room(county, kind="marriage", established_on=D(2021, 4, 1))
        svc.consultation_create(actor=None, room=room, on=D(2021, 5, 1), people=3)
        svc.consultation_create(actor=None, room=room, on=D(2021, 6, 1), people=4)
        with pytest.raises(ValidationError):
            svc.consultation_create(actor=None, room=room, on=D(2021, 6, 1), people=0)
        assert get_indicator("disputes.marriage_consultations").compute(org_scope(county.gov), *YEAR) == 7
        with pytest.raises(ValidationError, match="成立日期"):
            svc.mediation_create(actor=None, room=room, data={
                "dispute_type": "marriage", "parties": "甲与乙", "mediator": "调解员", "received_on": D(2021, 3, 1)})


@pytest.mark.django_db
class TestArbitrationAndOneUpTwoDown:
    def test_arbitration_ledger(self, county):
        svc.arbitration_create(actor=None, organization=county.sfj, data={
            "number": "同劳人仲案字〔2021〕1号", "applicant": "马某", "employer": "某公司", "claim": "工资",
            "received_on": D(2021, 3, 1), "result": "mediated", "closed_on": D(2021, 3, 20),
            "amount_recovered": Decimal("30000")})
        with pytest.raises(ValidationError, match="已登记"):
            svc.arbitration_create(actor=None, organization=county.sfj, data={
                "number": "同劳人仲案字〔2021〕1号", "applicant": "马某", "employer": "某公司", "claim": "工资",
                "received_on": D(2021, 3, 1)})
        assert get_indicator("disputes.labour_arbitration").compute(org_scope(county.gov), *YEAR) == 1

    def test_one_up_two_down(self, county):
        room = svc.room_create(actor=None, organization=county.town, name="豫海镇人民调解委员会", kind="people")
        rows = [{"dispute_type": "neighbor", "parties": "甲与乙", "mediator": "调解员", "received_on": D(2021, 3, 1),
                 "status": "success", "closed_on": D(2021, 3, 2), "agreement_form": "oral"}] * 3
        svc.mediation_bulk_create(actor=None, room=room, rows=rows)
        out = S.one_up_two_down(county.admin, 2021)
        assert not out["complete"] and not out["achieved"]
        svc.yearly_count_set(actor=county.admin, organization=county.gov, year=2020, lawsuits=900, petitions=120,
                             mediations_manual=2)
        svc.yearly_count_set(actor=county.admin, organization=county.gov, year=2021, lawsuits=850, petitions=100)
        out = S.one_up_two_down(county.admin, 2021)
        assert out["mediations"] == 3 and out["mediations_prev"] == 2
        assert out["achieved"]
        svc.yearly_count_set(actor=county.admin, organization=county.gov, year=2021, lawsuits=950, petitions=100)
        out = S.one_up_two_down(county.admin, 2021)
        assert out["complete"] and not out["lawsuits_down"] and not out["achieved"]
