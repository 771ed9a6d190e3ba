"""行政复议: procedure version by date, deadlines across holidays, art. 88 day types, deemed acceptance,
the paused clock during 中止, and the article-naming guards."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.deadlines import deadline_board, open_pause
from fazhi.core.models import AuditEvent, Deadline
from fazhi.disputes import services as svc
from fazhi.disputes.choices import LawVersion, ReviewOutcome, ReviewState
from fazhi.disputes.models import ReviewCase

D = datetime.date


def receive(county, received_on, *, known=None, actor=None, **kw):
    return svc.review_receive(actor=actor, organization=county.gov, respondent=county.scj, applicant="张三",
                              act="罚款决定", act_known_on=known or received_on - datetime.timedelta(days=3),
                              received_on=received_on, **kw)


def deadline(case, rule):
    return Deadline.objects.get(rule__code=rule, target_id=str(case.code))


@pytest.mark.django_db
class TestVersionAndWindow:
    def test_version_is_chosen_by_the_application_date(self, county):
        assert receive(county, D(2023, 12, 29)).law_version == LawVersion.V2017
        assert receive(county, D(2024, 1, 2)).law_version == LawVersion.V2023

    def test_simple_procedure_does_not_exist_before_2024(self, county):
        with pytest.raises(ValidationError, match="第五十三条"):
            receive(county, D(2023, 12, 29), procedure="simple")
        assert not ReviewCase.objects.exists()

    def test_sixty_day_window_is_calendar_days_rolled_forward(self, county):
        # Known 2024-08-02: day 60 is 2024-10-01 (国庆), rolled to the first working day 10-08.
        case = receive(county, D(2024, 10, 8), known=D(2024, 8, 2))
        assert case.application_due == D(2024, 10, 8)
        assert not case.late_application
        late = receive(county, D(2024, 10, 9), known=D(2024, 8, 2))
        assert late.late_application

    def test_late_application_cannot_be_accepted_without_a_reason(self, county):
        case = receive(county, D(2024, 10, 9), known=D(2024, 8, 2))
        with pytest.raises(ValidationError, match="第二十条"):
            svc.review_accept(actor=None, case=case, accepted_on=D(2024, 10, 10))
        assert ReviewCase.objects.get(pk=case.pk).state == ReviewState.RECEIVED
        ok = receive(county, D(2024, 10, 9), known=D(2024, 8, 2), late_reason="住院治疗（不可抗力）")
        assert svc.review_accept(actor=None, case=ok, accepted_on=D(2024, 10, 10)).state == ReviewState.ACCEPTED


@pytest.mark.django_db
class TestAcceptance:
    def test_review_period_is_five_working_days_across_national_day_2024(self, county):
        # Fri 2024-09-27: 9-29 (Sunday, 调休上班) 1, 9-30 2, 10-08 3, 10-09 4, 10-10 5.
        case = receive(county, D(2024, 9, 27))
        assert case.acceptance_due == D(2024, 10, 10)
        assert deadline(case, "review.acceptance").due_date == D(2024, 10, 10)

    def test_review_period_across_spring_festival_2021(self, county):
        # Fri 2021-02-05: 2-07 (Sunday, 上班) 1, 2-08 2, 2-09 3, 2-10 4, 春节 2-11..2-17, 2-18 5.
        case = receive(county, D(2021, 2, 5))
        assert case.law_version == LawVersion.V2017
        assert case.acceptance_due == D(2021, 2, 18)

    def test_deemed_acceptance_2023_starts_the_clock_when_the_review_period_expires(self, county):
        case = receive(county, D(2024, 9, 27))
        with pytest.raises(ValidationError, match="第三十条"):
            svc.review_deem_accepted(actor=None, case=case, today=D(2024, 10, 10))
        case = svc.review_deem_accepted(actor=None, case=case, today=D(2024, 10, 11))
        assert case.state == ReviewState.ACCEPTED and case.deemed_accepted
        assert case.accepted_on == D(2024, 10, 10)           # 第三十条第二款: 自审查期限届满之日起视为受理
        assert case.decision_due == D(2024, 12, 9)           # + 60 calendar days (第六十二条)
        assert deadline(case, "review.acceptance").done_at is not None
        assert deadline(case, "review.decision").due_date == D(2024, 12, 9)

    def test_deemed_acceptance_2017_counts_from_receipt(self, county):
        # 2017 第十七条第二款: accepted as of the day the application was received.
        case = receive(county, D(2021, 9, 28))
        assert case.acceptance_due == D(2021, 10, 11)         # 5 WD over 国庆 2021 (10-09 Saturday 上班)
        case = svc.review_deem_accepted(actor=None, case=case, today=D(2021, 10, 12))
        assert case.accepted_on == D(2021, 9, 28)
        assert case.decision_due == D(2021, 11, 29)           # day 60 = 11-27 (Saturday) → Monday

    def test_sweep_deems_only_lapsed_applications(self, county):
        lapsed = receive(county, D(2024, 9, 27))
        running = receive(county, D(2024, 10, 9))
        assert svc.review_sweep_deemed(today=D(2024, 10, 11)) == 1
        assert ReviewCase.objects.get(pk=lapsed.pk).deemed_accepted
        assert ReviewCase.objects.get(pk=running.pk).state == ReviewState.RECEIVED

    def test_rejection_after_the_review_period_is_refused(self, county):
        case = receive(county, D(2024, 9, 27))
        with pytest.raises(ValidationError, match="第三十条"):
            svc.review_reject(actor=None, case=case, rejected_on=D(2024, 10, 11), reason="不属于受案范围")
        with pytest.raises(ValidationError, match="第三十条"):
            svc.review_accept(actor=None, case=case, accepted_on=D(2024, 10, 11))
        case = svc.review_reject(actor=None, case=case, rejected_on=D(2024, 10, 10), reason="不属于受案范围")
        assert case.state == ReviewState.REJECTED and case.outcome == ReviewOutcome.NOT_ACCEPTED


@pytest.mark.django_db
class TestCorrection:
    def test_notice_within_five_working_days_listing_all_at_once(self, county):
        case = receive(county, D(2024, 9, 27))
        with pytest.raises(ValidationError, match="第三十一条"):
            svc.review_correction_notice(actor=None, case=case, noticed_on=D(2024, 10, 11), items="身份证明")
        with pytest.raises(ValidationError, match="第三十一条"):
            svc.review_correction_notice(actor=None, case=case, noticed_on=D(2024, 9, 30), items="  ")
        case = svc.review_correction_notice(actor=None, case=case, noticed_on=D(2024, 9, 30), items="身份证明；行政行为文书")
        # 10 working days from 9-30: 10-08..10-12 (Saturday 上班) = 5, 10-14..10-18 = 10.
        assert case.correction_supply_due == D(2024, 10, 18)
        assert case.state == ReviewState.CORRECTING

    def test_second_notice_is_refused(self, county):
        case = receive(county, D(2024, 9, 27))
        case = svc.review_correction_notice(actor=None, case=case, noticed_on=D(2024, 9, 30), items="身份证明")
        case = svc.review_correction_supply(actor=None, case=case, supplied_on=D(2024, 10, 9))
        with pytest.raises(ValidationError, match="一次性"):
            svc.review_correction_notice(actor=None, case=case, noticed_on=D(2024, 10, 9), items="再补")

    def test_supply_restarts_the_review_and_late_supply_is_abandonment(self, county):
        case = receive(county, D(2024, 9, 27))
        case = svc.review_correction_notice(actor=None, case=case, noticed_on=D(2024, 9, 30), items="身份证明")
        with pytest.raises(ValidationError, match="视为申请人放弃"):
            svc.review_correction_supply(actor=None, case=case, supplied_on=D(2024, 10, 21))
        with pytest.raises(ValidationError, match="尚未届满"):
            svc.review_abandon(actor=None, case=case, on=D(2024, 10, 18))
        abandoned = svc.review_abandon(actor=None, case=case, on=D(2024, 10, 21))
        assert abandoned.state == ReviewState.ABANDONED

        other = receive(county, D(2024, 9, 27))
        other = svc.review_correction_notice(actor=None, case=other, noticed_on=D(2024, 9, 30), items="身份证明")
        other = svc.review_correction_supply(actor=None, case=other, supplied_on=D(2024, 10, 9))
        assert other.state == ReviewState.RECEIVED
        assert other.acceptance_due == D(2024, 10, 15)       # 5 WD from 10-09: 10-10, 10-11, 10-12 (Saturday 上班), 10-14, 10-15


@pytest.mark.django_db
class TestTrialClocks:
    def accepted(self, county, received_on, accepted_on, **kw):
        case = receive(county, received_on, **kw)
        return svc.review_accept(actor=None, case=case, accepted_on=accepted_on)

    def test_reply_is_ten_working_days_under_2023_and_ten_calendar_days_under_2017(self, county):
        """行政复议法（2023）第八十八条: 十日 = working days; 2017 第四十条: only 五日/七日 are working days."""
        new = self.accepted(county, D(2024, 9, 23), D(2024, 9, 24))
        new = svc.review_send_copy(actor=None, case=new, sent_on=D(2024, 9, 25))
        assert new.reply_due == D(2024, 10, 14)               # 10 WD across 国庆 2024
        old = self.accepted(county, D(2021, 9, 22), D(2021, 9, 23))
        old = svc.review_send_copy(actor=None, case=old, sent_on=D(2021, 9, 25))
        assert old.reply_due == D(2021, 10, 8)                # 9-25 + 10 = 10-05 (国庆) → 10-08

    def test_copy_is_seven_working_days_and_decision_sixty_calendar_days(self, county):
        case = self.accepted(county, D(2024, 9, 26), D(2024, 9, 27))
        # 7 WD from 9-27: 9-29 (Sunday 上班), 9-30, 10-08, 10-09, 10-10, 10-11, 10-12 (Saturday 上班).
        assert case.copy_due == D(2024, 10, 12)
        assert case.decision_due == D(2024, 11, 26)           # 9-27 + 60, a Tuesday

    def test_simple_procedure_thirty_days_and_no_extension(self, county):
        case = receive(county, D(2024, 9, 2))
        case = svc.review_accept(actor=None, case=case, accepted_on=D(2024, 9, 3), procedure="simple")
        assert case.decision_due == D(2024, 10, 8)            # 9-03 + 30 = 10-03 (国庆) → 10-08
        assert case.copy_due == D(2024, 9, 6)                 # 3 WD (第五十四条)
        with pytest.raises(ValidationError, match="第五十五条"):
            svc.review_extend(actor=None, case=case, days=10, approved_by="李四", on=D(2024, 9, 20))

    def test_extension_at_most_thirty_days(self, county):
        case = self.accepted(county, D(2024, 3, 1), D(2024, 3, 1))
        assert case.decision_due == D(2024, 4, 30)
        with pytest.raises(ValidationError, match="第六十二条"):
            svc.review_extend(actor=None, case=case, days=31, approved_by="李四", on=D(2024, 4, 1))
        with pytest.raises(ValidationError, match="第六十二条"):
            svc.review_extend(actor=None, case=case, days=30, approved_by="", on=D(2024, 4, 1))
        case = svc.review_extend(actor=None, case=case, days=30, approved_by="李四", on=D(2024, 4, 1))
        assert case.decision_due == D(2024, 5, 30)
        with pytest.raises(ValidationError, match="三十日"):
            svc.review_extend(actor=None, case=case, days=1, approved_by="李四", on=D(2024, 4, 2))

    def test_late_reply_is_flagged_and_bars_upholding(self, county):
        case = self.accepted(county, D(2024, 9, 23), D(2024, 9, 24))
        case = svc.review_send_copy(actor=None, case=case, sent_on=D(2024, 9, 25))
        assert svc.reply_overdue(case, D(2024, 10, 15))
        assert not svc.reply_overdue(case, D(2024, 10, 14))
        case = svc.review_record_reply(actor=None, case=case, received_on=D(2024, 10, 15))
        assert case.reply_late
        with pytest.raises(ValidationError, match="第七十条"):
            svc.review_decide(actor=None, case=case, decided_on=D(2024, 11, 1), decision_type="uphold")
        case = svc.review_decide(actor=None, case=case, decided_on=D(2024, 11, 1), decision_type="revoke")
        assert case.corrected and case.state == ReviewState.DECIDED
        assert not Deadline.objects.filter(target_id=str(case.code), done_at__isnull=True).exists()

    def test_hearing_notice_five_working_days_ahead(self, county):
        case = self.accepted(county, D(2024, 9, 23), D(2024, 9, 24))
        # Noticed 9-27: 5 WD later is 10-10 (国庆 between).
        with pytest.raises(ValidationError, match="第五十条"):
            svc.review_notice_hearing(actor=None, case=case, noticed_on=D(2024, 9, 27), hearing_on=D(2024, 10, 9))
        case = svc.review_notice_hearing(actor=None, case=case, noticed_on=D(2024, 9, 27), hearing_on=D(2024, 10, 10))
        assert case.hearing_on == D(2024, 10, 10)


@pytest.mark.django_db
class TestSuspension:
    def test_clock_is_paused_during_suspension(self, county):
        case = receive(county, D(2024, 2, 26))
        case = svc.review_accept(actor=None, case=case, accepted_on=D(2024, 3, 1))
        assert case.decision_due == D(2024, 4, 30)
        case = svc.review_suspend(actor=None, case=case, on=D(2024, 3, 11), reason="申请人死亡，近亲属尚未确定是否参加")
        assert case.state == ReviewState.SUSPENDED
        dl = deadline(case, "review.decision")
        assert open_pause(dl) is not None
        board = deadline_board(county.admin, today=D(2024, 4, 29))
        assert dl in board["paused"] and dl not in board["yellow"] + board["red"]
        with pytest.raises(ValidationError, match="中止的请先恢复"):
            svc.review_decide(actor=None, case=case, decided_on=D(2024, 3, 15), decision_type="uphold")
        case = svc.review_resume(actor=None, case=case, on=D(2024, 3, 21))
        # Paused 3-11 .. 3-20 = 10 days: the decision date moves from 4-30 to 5-10.
        assert case.decision_due == D(2024, 5, 10)
        assert case.suspended_days == 10
        assert deadline(case, "review.decision").due_date == D(2024, 5, 10)

    def test_no_suspension_after_the_decision_date(self, county):
        case = receive(county, D(2024, 2, 26))
        case = svc.review_accept(actor=None, case=case, accepted_on=D(2024, 3, 1))   # due 4-30
        with pytest.raises(ValidationError, match="2024年4月30日届满"):
            svc.review_suspend(actor=None, case=case, on=D(2024, 5, 6), reason="等待其他案件结果")
        case = svc.review_suspend(actor=None, case=case, on=D(2024, 4, 30), reason="等待其他案件结果")
        assert case.state == ReviewState.SUSPENDED

    def test_suspension_needs_a_reason(self, county):
        case = receive(county, D(2024, 2, 26))
        case = svc.review_accept(actor=None, case=case, accepted_on=D(2024, 3, 1))
        with pytest.raises(ValidationError, match="第三十九条"):
            svc.review_suspend(actor=None, case=case, on=D(2024, 3, 11), reason="")


@pytest.mark.django_db
class TestOutcomesAndFigures:
    def test_mediation_settlement_and_opinion_letter(self, county):
        a = svc.review_accept(actor=None, case=receive(county, D(2021, 3, 1)), accepted_on=D(2021, 3, 2))
        a = svc.review_pre_mediation(actor=None, case=a, status="ongoing")
        a = svc.review_mediate(actor=None, case=a, on=D(2021, 3, 20), summary="双方达成调解协议")
        assert a.state == ReviewState.MEDIATED and a.closed_by_mediation
        b = svc.review_accept(actor=None, case=receive(county, D(2021, 3, 1)), accepted_on=D(2021, 3, 2))
        with pytest.raises(ValidationError, match="终止的事由"):
            svc.review_terminate(actor=None, case=b, on=D(2021, 3, 10), outcome="settlement", summary="")
        b = svc.review_terminate(actor=None, case=b, on=D(2021, 3, 10), outcome="settlement", summary="和解后撤回")
        assert b.state == ReviewState.TERMINATED and b.closed_by_mediation
        c = svc.review_accept(actor=None, case=receive(county, D(2021, 3, 1)), accepted_on=D(2021, 3, 2))
        c = svc.review_decide(actor=None, case=c, decided_on=D(2021, 4, 1), decision_type="uphold")
        with pytest.raises(ValidationError, match="没有该决定类型"):
            d2 = svc.review_accept(actor=None, case=receive(county, D(2021, 3, 1)), accepted_on=D(2021, 3, 2))
            svc.review_decide(actor=None, case=d2, decided_on=D(2021, 4, 1), decision_type="confirm_invalid")
        c = svc.review_issue_opinion(actor=None, case=c, issued_on=D(2021, 4, 2), recipient=county.scj)
        assert c.opinion_due == D(2021, 6, 1)                  # 60 days from 4-02
        c = svc.review_opinion_reported(actor=None, case=c, on=D(2021, 5, 20))
        assert c.opinion_reported_on == D(2021, 5, 20)

    def test_correction_rate_from_records(self, county):
        from fazhi.core.indicators import get_indicator, org_scope

        for t in ("revoke", "uphold", "confirm_illegal", "dismiss_claim"):
            c = svc.review_accept(actor=None, case=receive(county, D(2021, 5, 6)), accepted_on=D(2021, 5, 7))
            svc.review_decide(actor=None, case=c, decided_on=D(2021, 6, 1), decision_type=t)
        orgs = org_scope(county.gov)
        rate = get_indicator("disputes.review_correction_rate").compute(orgs, D(2021, 1, 1), D(2021, 12, 31))
        assert str(rate) == "50.0"
        assert get_indicator("disputes.review_corrected").compute(orgs, D(2021, 1, 1), D(2021, 12, 31)) == 2


@pytest.mark.django_db
class TestPermissions:
    def test_read_only_leader_and_other_org_cannot_write(self, county):
        case = receive(county, D(2021, 3, 1))
        with pytest.raises(PermissionDenied):
            svc.review_accept(actor=county.leader, case=case, accepted_on=D(2021, 3, 2))
        with pytest.raises(PermissionDenied):
            receive(county, D(2021, 3, 1), actor=county.liaison_scj)

    def test_every_write_is_audited(self, county):
        case = receive(county, D(2021, 3, 1), actor=county.admin)
        svc.review_accept(actor=county.admin, case=case, accepted_on=D(2021, 3, 2))
        actions = list(AuditEvent.objects.filter(target_id=str(case.code)).values_list("action", flat=True))
        assert "disputes.review.receive" in actions and "disputes.review.accept" in actions

    def test_history_names_the_respondent_and_the_opinion_recipient(self, county):
        case = receive(county, D(2021, 3, 1), actor=county.admin)
        ev = AuditEvent.objects.get(action="disputes.review.receive", target_id=str(case.code))
        assert ev.data["after"]["respondent"] == county.scj.name
        case = svc.review_accept(actor=None, case=case, accepted_on=D(2021, 3, 2))
        case = svc.review_decide(actor=None, case=case, decided_on=D(2021, 4, 1), decision_type="revoke")
        svc.review_issue_opinion(actor=county.admin, case=case, issued_on=D(2021, 4, 2), recipient=county.scj)
        ev = AuditEvent.objects.get(action="disputes.review.opinion", target_id=str(case.code))
        assert ev.data["changes"]["opinion_recipient"] == {"before": None, "after": county.scj.name}


@pytest.mark.django_db
def test_deem_command(county):
    from io import StringIO

    from django.core.management import call_command

    receive(county, D(2024, 9, 27))
    out = StringIO()
    call_command("disputes_deem", "--today", "2024-10-11", stdout=out)
    assert "视为受理 1 件" in out.getvalue()
    assert ReviewCase.objects.get().deemed_accepted


@pytest.mark.django_db
def test_suspension_after_an_approved_extension_moves_the_extended_date(county):
    case = receive(county, D(2024, 2, 26))
    case = svc.review_accept(actor=None, case=case, accepted_on=D(2024, 3, 1))   # due 4-30
    case = svc.review_extend(actor=None, case=case, days=20, approved_by="李四", on=D(2024, 4, 10))
    assert case.decision_due == D(2024, 5, 20)                                    # 4-30 + 20
    case = svc.review_suspend(actor=None, case=case, on=D(2024, 4, 15), reason="等待其他案件结果")
    case = svc.review_resume(actor=None, case=case, on=D(2024, 4, 25))            # 10 paused days
    assert case.decision_due == D(2024, 5, 30)
    assert Deadline.objects.get(rule__code="review.decision_extension", target_id=str(case.code)).start_date == \
        D(2024, 5, 10)


@pytest.mark.django_db
def test_decision_cites_the_article_of_the_case_law_version(county, login):
    from django.urls import reverse

    old = svc.review_accept(actor=None, case=receive(county, D(2021, 5, 6)), accepted_on=D(2021, 5, 7))
    old = svc.review_decide(actor=None, case=old, decided_on=D(2021, 6, 1), decision_type="revoke")
    assert old.decision_label == "撤销（2017年《行政复议法》第二十八条第一款第（三）项）"
    new = svc.review_accept(actor=None, case=receive(county, D(2024, 5, 6)), accepted_on=D(2024, 5, 7))
    new = svc.review_decide(actor=None, case=new, decided_on=D(2024, 6, 3), decision_type="revoke")
    assert new.decision_label == "撤销（第六十四条）"
    page = login(county.admin).get(reverse("disputes:review_detail", kwargs={"code": old.code})).content.decode()
    assert "<dt>决定</dt><dd>2021年6月1日 撤销（2017年《行政复议法》第二十八条第一款第（三）项）" in page
