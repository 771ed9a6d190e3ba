import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.deadlines import deadline_board
from fazhi.core.models import AuditEvent, Deadline
from fazhi.legalservice import services
from fazhi.legalservice.choices import AidCaseType, AidStatus, Eligibility, QualityGrade
from fazhi.legalservice.models import AidCase, grade_for
from fazhi.legalservice.tests.factories import application, id_number, lawyer, notice

pytestmark = pytest.mark.django_db


def _deadline(case, rule):
    return Deadline.objects.get(rule__code=rule, target_type="legalservice.aidcase", target_id=str(case.code))


def test_application_starts_7_day_review_crossing_national_day(county):
    # Received 2021-09-28; 7 calendar days (art. 43, day type unverified → calendar, the stricter) → 10-05,
    # inside the National Day holiday: the Act's own period does not roll forward.
    case = application(county.sfj, county.liaison_sfj)
    dl = _deadline(case, "legalaid.review")
    assert dl.due_date == datetime.date(2021, 10, 5)
    assert "第四十三条" in dl.rule.legal_basis
    assert case.status == AidStatus.RECEIVED
    assert case.number == "法援〔2021〕1号"
    assert AuditEvent.objects.filter(action="legalservice.aid.receive", target_id=str(case.code)).exists()


def test_review_and_assign_deadlines_on_board(county):
    case = application(county.sfj, county.liaison_sfj, received_on=datetime.date(2021, 2, 8))
    board = deadline_board(county.liaison_sfj, today=datetime.date(2021, 2, 12))
    assert any(d.target_id == str(case.code) for d in board["yellow"] + board["red"])
    # Spring Festival 2021 (02-11..02-17): calendar days, due 02-15.
    assert _deadline(case, "legalaid.review").due_date == datetime.date(2021, 2, 15)
    services.aid_grant(actor=county.liaison_sfj, case=case, on=datetime.date(2021, 2, 10))
    assert _deadline(case, "legalaid.review").done_at is not None
    assign = _deadline(case, "legalaid.assign")
    assert assign.due_date == datetime.date(2021, 2, 13) and assign.done_at is None
    board = deadline_board(county.liaison_sfj, today=datetime.date(2021, 2, 16))
    assert any(d.pk == assign.pk for d in board["red"])


def test_full_workflow_and_quality_grade(county):
    actor = county.liaison_sfj
    case = application(county.sfj, actor)
    services.aid_grant(actor=actor, case=case, on=datetime.date(2021, 9, 30))
    services.aid_assign(actor=actor, case=case, lawyer=lawyer(county.sfj), on=datetime.date(2021, 10, 2))
    assert _deadline(case, "legalaid.assign").done_at is not None
    services.aid_close(actor=actor, case=case, on=datetime.date(2021, 11, 1), outcome="调解结案",
                       money_recovered=12000)
    assert case.archive_due == datetime.date(2021, 12, 1)
    assert _deadline(case, "legalaid.archive").done_at is None
    services.aid_archive(actor=actor, case=case, on=datetime.date(2021, 11, 20), quality_score=85)
    case.refresh_from_db()
    assert case.status == AidStatus.ARCHIVED
    assert case.quality_grade == QualityGrade.EXCELLENT and not case.archived_late
    assert _deadline(case, "legalaid.archive").done_at is not None


def test_late_archiving_is_fail_whatever_the_score(county):
    actor = county.liaison_sfj
    case = notice(county.sfj, actor)
    services.aid_assign(actor=actor, case=case, lawyer=lawyer(county.sfj), on=datetime.date(2021, 9, 30))
    services.aid_close(actor=actor, case=case, on=datetime.date(2021, 11, 1), outcome="判决")
    services.aid_archive(actor=actor, case=case, on=datetime.date(2021, 12, 2), quality_score=95)
    case.refresh_from_db()
    assert case.archived_late and case.quality_grade == QualityGrade.FAIL


@pytest.mark.parametrize("score,grade", [(100, "excellent"), (80, "excellent"), (79, "pass"), (60, "pass"),
                                         (59, "fail"), (0, "fail")])
def test_grade_boundaries(score, grade):
    assert grade_for(score, False) == grade
    assert grade_for(score, True) == QualityGrade.FAIL


def test_criminal_notice_assignment_within_3_days(county):
    case = notice(county.sfj, county.liaison_sfj)
    assert case.status == AidStatus.GRANTED and case.accepted_on == case.received_on
    dl = _deadline(case, "legalaid.criminal_assign")
    assert dl.due_date == datetime.date(2021, 10, 2) and "第三十六条" in dl.rule.legal_basis
    services.aid_assign(actor=county.liaison_sfj, case=case, lawyer=lawyer(county.sfj), on=datetime.date(2021, 10, 1))
    assert _deadline(case, "legalaid.criminal_assign").done_at is not None


def test_notice_is_criminal_only_art36(county):
    with pytest.raises(ValidationError) as exc:
        notice(county.sfj, county.liaison_sfj, case_type=AidCaseType.CIVIL)
    assert "第三十六条" in str(exc.value)
    assert not AidCase.objects.exists()


def test_invalid_id_number_refused_nothing_saved(county):
    with pytest.raises(ValidationError) as exc:
        application(county.sfj, county.liaison_sfj, applicant_id_number="640324198001011234")
    assert "校验码" in str(exc.value)
    assert not AidCase.objects.exists() and not Deadline.objects.exists()


def test_hardship_needs_a_note_art41_exempt_categories_do_not(county):
    with pytest.raises(ValidationError) as exc:
        application(county.sfj, county.liaison_sfj, hardship_note="")
    assert "第四十一条" in str(exc.value)
    case = application(county.sfj, county.liaison_sfj, hardship_note="", eligibility=Eligibility.ART42_MIGRANT)
    assert case.pk
    case2 = application(county.sfj, county.liaison_sfj, hardship_note="", eligibility=Eligibility.ART32_ABUSE,
                        applicant_id_number=id_number(seq="456"))
    assert case2.pk


def test_application_cannot_claim_notice_eligibility(county):
    with pytest.raises(ValidationError) as exc:
        application(county.sfj, county.liaison_sfj, eligibility=Eligibility.NOTICE)
    assert "第三十二条" in str(exc.value)


def test_refusal_needs_reasons_art43(county):
    case = application(county.sfj, county.liaison_sfj)
    with pytest.raises(ValidationError) as exc:
        services.aid_refuse(actor=county.liaison_sfj, case=case, on=datetime.date(2021, 9, 30), reason=" ")
    assert "第四十三条" in str(exc.value)
    services.aid_refuse(actor=county.liaison_sfj, case=case, on=datetime.date(2021, 9, 30), reason="不符合经济困难标准")
    assert case.status == AidStatus.REFUSED
    assert _deadline(case, "legalaid.review").done_at is not None
    with pytest.raises(ValidationError) as exc:
        services.aid_grant(actor=county.liaison_sfj, case=case, on=datetime.date(2021, 10, 1))
    assert "第四十三条" in str(exc.value)


def test_cannot_assign_before_decision_art43(county):
    case = application(county.sfj, county.liaison_sfj)
    with pytest.raises(ValidationError) as exc:
        services.aid_assign(actor=county.liaison_sfj, case=case, lawyer=lawyer(county.sfj), on=datetime.date(2021, 10, 1))
    assert "第四十三条" in str(exc.value)
    case.refresh_from_db()
    assert case.lawyer is None


def test_severe_penalty_needs_3_years_art26(county):
    case = notice(county.sfj, county.liaison_sfj, severe_penalty=True)
    junior = lawyer(county.sfj, years_practice=2, license_no="x1")
    with pytest.raises(ValidationError) as exc:
        services.aid_assign(actor=county.liaison_sfj, case=case, lawyer=junior, on=datetime.date(2021, 9, 30))
    assert "第二十六条" in str(exc.value)
    services.aid_assign(actor=county.liaison_sfj, case=case, lawyer=lawyer(county.sfj, license_no="x2"),
                        on=datetime.date(2021, 9, 30))


def test_decision_before_receipt_refused(county):
    case = application(county.sfj, county.liaison_sfj)
    with pytest.raises(ValidationError):
        services.aid_grant(actor=county.liaison_sfj, case=case, on=datetime.date(2021, 9, 1))
    case.refresh_from_db()
    assert case.status == AidStatus.RECEIVED


def test_permissions(county):
    with pytest.raises(PermissionDenied):
        application(county.sfj, county.liaison_scj)
    with pytest.raises(PermissionDenied):
        application(county.sfj, county.leader)
    case = application(county.sfj, county.liaison_sfj)
    with pytest.raises(PermissionDenied):
        services.aid_grant(actor=county.liaison_scj, case=case, on=datetime.date(2021, 9, 30))
    # The county's 法治办管理员 may write every organization of the county.
    services.aid_grant(actor=county.admin, case=case, on=datetime.date(2021, 9, 30))
