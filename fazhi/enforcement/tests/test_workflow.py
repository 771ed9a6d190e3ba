"""The 普通程序 workflow, its guards (each naming its article) and its deadlines across holidays."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import Deadline
from fazhi.core.signals import credit_decision
from fazhi.enforcement import rules
from fazhi.enforcement import services as sv
from fazhi.enforcement.models import Case

from . import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def _msgs(exc) -> str:
    return " ".join(exc.value.messages)


@pytest.fixture
def team(county):
    a = f.officer(county.scj, name="马明")
    b = f.officer(county.scj, name="李强")
    return [a, b]


@pytest.fixture
def reviewer(county):
    return f.officer(county.scj, name="杨审核", unit="法制科", reviewer=True, qualified=True)


def test_full_ordinary_procedure(county, team, reviewer):
    got = []
    credit_decision.connect(lambda **kw: got.append(kw), weak=False, dispatch_uid="t-enf")
    try:
        case = f.file_case(county.scj, team, item=f.item(county.scj, major=True))
        assert case.decision_due == D(2021, 11, 30)  # 90 calendar days (第六十条)
        f.to_heard(case, team)
        sv.case_legal_review(actor=None, case=case, on=D(2021, 9, 15), reviewer=reviewer, conclusion="agree",
                             opinion="主体合法，事实清楚")
        sv.case_discuss(actor=None, case=case, on=D(2021, 9, 16), summary="局长办公会集体讨论同意")
        sv.case_decide(actor=None, case=case, on=D(2021, 9, 17), decision_number="同市监罚〔2021〕1号",
                       penalty_kind="fine", fine_amount=Decimal(5000))
        assert case.service_due and case.publicity_due
        sv.case_serve(actor=None, case=case, on=D(2021, 9, 18), officers=team, document_number="送达回证1")
        assert case.payment_due == D(2021, 10, 8)  # 15 days → 10-03 in 国庆, rolled to 10-08 (第六十七条)
        sv.case_execute(actor=None, case=case, on=D(2021, 9, 30), paid_amount=Decimal(5000), content="银行缴款凭证")
        sv.case_close(actor=None, case=case, on=D(2021, 10, 8), content="结案审批表")
        sv.case_archive(actor=None, case=case, on=D(2021, 10, 9), archive_number="2021-市监-001")
    finally:
        credit_decision.disconnect(dispatch_uid="t-enf")
    case.refresh_from_db()
    assert case.state == "archived"
    docs = list(case.steps.values_list("document", flat=True))
    assert docs[0] == "立案审批表" and docs[-1] == "卷宗归档登记" and "法制审核意见书" in docs and len(docs) == 12
    assert got and got[0]["kind"] == "处罚" and got[0]["action"] == "made"
    assert got[0]["fields"]["行政处罚决定书文号"] == "同市监罚〔2021〕1号"
    assert got[0]["fields"]["罚款金额(万元)"] == Decimal("0.5")
    open_rules = set(Deadline.objects.filter(target_id=str(case.code), done_at__isnull=True)
                     .values_list("rule__code", flat=True))
    assert open_rules == {"publicity.double"}  # every other clock done


def test_two_officers_required_art42(county, team):
    with pytest.raises(ValidationError) as exc:
        f.file_case(county.scj, team[:1])
    assert "第四十二条" in _msgs(exc) and "不得少于两人" in _msgs(exc)
    assert not Case.objects.exists()


def test_expired_certificate_refused_art42(county, team):
    old = f.officer(county.scj, name="王过期", issued=D(2015, 1, 1), expires=D(2021, 6, 30))
    with pytest.raises(ValidationError) as exc:
        f.file_case(county.scj, [team[0], old])
    assert "王过期" in _msgs(exc) and "第四十二条" in _msgs(exc)
    # Valid on an earlier date: accepted.
    case = f.file_case(county.scj, [team[0], old], filed_on=D(2021, 6, 1), violation_on=D(2021, 5, 20))
    # …but not for an act after the expiry.
    with pytest.raises(ValidationError) as exc:
        sv.case_investigate(actor=None, case=case, on=D(2021, 7, 2), officers=[team[0], old], content="询问")
    assert "第四十二条" in _msgs(exc)


@pytest.mark.parametrize("party,kind,fine,ok", [
    ("citizen", "fine", Decimal(200), True), ("citizen", "fine", Decimal(201), False),
    ("organization", "fine", Decimal(3000), True), ("organization", "fine", Decimal(3001), False),
    ("citizen", "warning", None, True), ("organization", "revoke_license", None, False),
])
def test_simple_procedure_limits_art51(county, team, party, kind, fine, ok):
    data = dict(organization=county.scj, title="占道经营", party_type=party, filed_on=D(2021, 5, 6),
                party_name="马某" if party == "citizen" else "某公司")
    if party == "citizen":
        data["party_id_number"] = f.id_number()
    else:
        data["party_credit_code"] = f.credit_code()
    if ok:
        case = sv.case_simple(actor=None, officers=team, penalty_kind=kind, fine_amount=fine, **data)
        assert case.procedure == "simple" and case.decided_on == D(2021, 5, 6)
    else:
        with pytest.raises(ValidationError) as exc:
            sv.case_simple(actor=None, officers=team, penalty_kind=kind, fine_amount=fine, **data)
        assert "第五十一条" in _msgs(exc)
        assert not Case.objects.exists()


def test_no_decision_before_notice_art44_62(county, team):
    case = f.file_case(county.scj, team)
    f.to_examined(case, team)
    with pytest.raises(ValidationError) as exc:
        sv.case_decide(actor=None, case=case, on=D(2021, 9, 10), decision_number="X1", penalty_kind="warning")
    assert "第四十四条" in _msgs(exc) or "当前环节" in _msgs(exc)
    # The guard itself, called on the same case, names both articles.
    assert "第四十四条、第六十二条" in " ".join(rules.decide_problems(case, D(2021, 9, 10)))
    case.refresh_from_db()
    assert case.decided_on is None


def test_legal_review_required_art58(county, team):
    case = f.file_case(county.scj, team, item=f.item(county.scj, major=True))
    f.to_heard(case, team)
    with pytest.raises(ValidationError) as exc:
        sv.case_decide(actor=None, case=case, on=D(2021, 9, 20), decision_number="X1", penalty_kind="warning")
    assert "第五十八条" in _msgs(exc)
    case.refresh_from_db()
    assert case.state == "heard" and not case.decided_on


def test_reviewer_outside_unit_and_qualified_art58(county, team):
    case = f.file_case(county.scj, team, is_major=True)
    f.to_heard(case, team)
    same_unit = f.officer(county.scj, name="同中队", unit="执法一中队", reviewer=True, qualified=True)
    with pytest.raises(ValidationError) as exc:
        sv.case_legal_review(actor=None, case=case, on=D(2021, 9, 15), reviewer=same_unit, conclusion="agree",
                             opinion="同意")
    assert "承办机构之外" in _msgs(exc)
    first_timer = f.officer(county.scj, name="新审核", unit="法制科", reviewer=True, qualified=False)
    with pytest.raises(ValidationError) as exc:
        sv.case_legal_review(actor=None, case=case, on=D(2021, 9, 15), reviewer=first_timer, conclusion="agree",
                             opinion="同意")
    assert "第五十八条第二款" in _msgs(exc) and "法律职业资格" in _msgs(exc)
    not_reviewer = f.officer(county.scj, name="普通员", unit="法制科")
    with pytest.raises(ValidationError) as exc:
        sv.case_legal_review(actor=None, case=case, on=D(2021, 9, 15), reviewer=not_reviewer, conclusion="agree",
                             opinion="同意")
    assert "不是法制审核人员" in _msgs(exc)
    case.refresh_from_db()
    assert case.reviewed_on is None


def test_review_failed_blocks_decision_art58(county, team, reviewer):
    case = f.file_case(county.scj, team, is_major=True)
    f.to_heard(case, team)
    sv.case_legal_review(actor=None, case=case, on=D(2021, 9, 15), reviewer=reviewer, conclusion="problems",
                         opinion="证据不足")
    with pytest.raises(ValidationError) as exc:
        sv.case_decide(actor=None, case=case, on=D(2021, 9, 20), decision_number="X", penalty_kind="warning")
    assert "审核未通过" in _msgs(exc) and "第五十八条" in _msgs(exc)
    # resubmitted after the fix: the same reviewer (no longer a first-timer) agrees; then decision allowed.
    sv.case_legal_review(actor=None, case=case, on=D(2021, 9, 21), reviewer=reviewer, conclusion="agree",
                         opinion="补正后同意")
    sv.case_decide(actor=None, case=case, on=D(2021, 9, 22), decision_number="X", penalty_kind="warning")


def test_collective_discussion_art57(county, team):
    case = f.file_case(county.scj, team, is_complex=True)
    f.to_heard(case, team)
    with pytest.raises(ValidationError) as exc:
        sv.case_decide(actor=None, case=case, on=D(2021, 9, 20), decision_number="X", penalty_kind="warning")
    assert "第五十七条" in _msgs(exc) and "集体讨论" in _msgs(exc)
    sv.case_discuss(actor=None, case=case, on=D(2021, 9, 20), summary="集体讨论")
    sv.case_decide(actor=None, case=case, on=D(2021, 9, 21), decision_number="X", penalty_kind="warning")


def test_limitation_warns_at_filing_art36(county, team):
    case = f.file_case(county.scj, team, violation_on=D(2019, 3, 1), filed_on=D(2021, 9, 1))
    assert "第三十六条" in case.limitation_note and "2年" in case.limitation_note
    ok = f.file_case(county.scj, team, violation_on=D(2019, 3, 1), filed_on=D(2021, 9, 1), limitation_extended=True)
    assert ok.limitation_note == ""


def test_hearing_request_window_crosses_national_day_art64(county, team):
    """告知 on 2021-09-30: 5 working days skip 国庆 (10-01..07) and count the working Saturday 10-09."""
    case = f.file_case(county.scj, team)
    f.to_examined(case, team)
    sv.case_notify(actor=None, case=case, on=D(2021, 9, 30), proposed_penalty="罚款1万元", hearing_right=True,
                   officers=team, content="告知书")
    assert case.hearing_request_due == D(2021, 10, 13)
    # No statement recorded and window open: no decision (第六十二条), the party may still ask.
    assert any("第六十四条" in p for p in rules.decide_problems(case, D(2021, 10, 13)))
    # A request on 10-14 is late.
    with pytest.raises(ValidationError) as exc:
        sv.case_hear(actor=None, case=case, on=D(2021, 10, 25), kind="hearing", requested_on=D(2021, 10, 14),
                     noticed_on=D(2021, 10, 14), hearing_on=D(2021, 10, 25))
    assert "第六十四条第一项" in _msgs(exc)


def test_hearing_notice_seven_working_days_art64(county, team):
    case = f.file_case(county.scj, team)
    f.to_examined(case, team)
    sv.case_notify(actor=None, case=case, on=D(2021, 9, 22), proposed_penalty="吊销许可证", hearing_right=True,
                   officers=team, content="告知书")
    # Notice 09-24: 09-26 (working Sunday) … 09-30, 10-08, 10-09 → the 7th working day is 10-09.
    with pytest.raises(ValidationError) as exc:
        sv.case_hear(actor=None, case=case, on=D(2021, 10, 8), kind="hearing", requested_on=D(2021, 9, 23),
                     noticed_on=D(2021, 9, 24), hearing_on=D(2021, 10, 8))
    assert "第六十四条第二项" in _msgs(exc) and "2021-10-09" in _msgs(exc)
    sv.case_hear(actor=None, case=case, on=D(2021, 10, 9), kind="hearing", requested_on=D(2021, 9, 23),
                 noticed_on=D(2021, 9, 24), hearing_on=D(2021, 10, 9), content="听证笔录")
    # A hearing case must go to 法制审核 (第五十八条第一款第二项).
    assert rules.review_required(case)


def test_service_and_publicity_deadlines_cross_national_day(county, team):
    case = f.file_case(county.scj, team)
    f.to_heard(case, team)
    sv.case_decide(actor=None, case=case, on=D(2021, 9, 29), decision_number="同市监罚〔2021〕9号",
                   penalty_kind="fine", fine_amount=Decimal(1000))
    # 7 working days (第六十一条; 118号（六）): 09-30, 10-08, 10-09, 10-11, 10-12, 10-13, 10-14.
    assert case.service_due == D(2021, 10, 14)
    assert case.publicity_due == D(2021, 10, 14)


def test_decision_period_extension_recorded(county, team):
    case = f.file_case(county.scj, team, filed_on=D(2021, 3, 1), violation_on=D(2021, 2, 20))
    assert case.decision_due == D(2021, 5, 30)
    with pytest.raises(ValidationError):
        sv.case_extend(actor=None, case=case, approved_by="", approved_on=D(2021, 5, 20), reason="案情复杂")
    sv.case_extend(actor=None, case=case, approved_by="局长马某", approved_on=D(2021, 5, 20), reason="案情复杂")
    case.refresh_from_db()
    assert case.decision_due == D(2021, 6, 29) and case.extension_approved_by == "局长马某"
    assert case.steps.filter(step="extended").exists()


def test_surcharge_three_percent_capped_and_paused_art72_73():
    fine = Decimal(1000)
    due = D(2021, 10, 8)
    assert rules.surcharge(fine, due, D(2021, 10, 18)) == (Decimal("300.00"), 10)
    assert rules.surcharge(fine, due, D(2022, 3, 1))[0] == Decimal("1000.00")  # capped at the fine
    # 复议 from 10-11 to 10-15: those 5 days do not count (第七十三条第三款).
    assert rules.surcharge(fine, due, D(2021, 10, 18), [(D(2021, 10, 11), D(2021, 10, 15))]) == (Decimal("150.00"), 5)


def test_revocation_withdrawal_within_three_working_days_art48(county, team):
    got = []
    credit_decision.connect(lambda **kw: got.append(kw["action"]), weak=False, dispatch_uid="t-enf2")
    try:
        case = sv.case_simple(actor=None, officers=team, penalty_kind="fine", fine_amount=Decimal(100),
                              organization=county.scj, title="占道", party_type="citizen", party_name="马某",
                              party_id_number=f.id_number(), filed_on=D(2021, 9, 27))
        sv.case_publish(actor=None, case=case, on=D(2021, 9, 28))
        sv.case_revoke(actor=None, case=case, on=D(2021, 9, 30), reason="复议撤销")
    finally:
        credit_decision.disconnect(dispatch_uid="t-enf2")
    assert case.withdraw_due == D(2021, 10, 11)  # 10-08, 10-09 (working Saturday), 10-11
    assert got == ["made", "withdrawn"]
    sv.case_withdraw(actor=None, case=case, on=D(2021, 10, 8))
    assert Deadline.objects.get(rule__code="penalty.withdraw_publication", target_id=str(case.code)).done_at


def test_party_identifiers_validated(county, team):
    with pytest.raises(ValidationError) as exc:
        f.file_case(county.scj, team, party_type="citizen", party_id_number="640324198501010000")
    assert "party_id_number" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        good = f.credit_code()
        f.file_case(county.scj, team, party_credit_code=good[:-1] + ("1" if good[-1] != "1" else "2"))
    assert "party_credit_code" in exc.value.message_dict
    assert not Case.objects.exists()


def test_other_department_cannot_write(county, team):
    from django.core.exceptions import PermissionDenied
    with pytest.raises(PermissionDenied):
        f.file_case(county.scj, team, actor=county.liaison_sfj)
    case = f.file_case(county.scj, team, actor=county.liaison_scj)
    with pytest.raises(PermissionDenied):
        sv.case_examine(actor=county.liaison_town, case=case, on=D(2021, 9, 3), content="x")
