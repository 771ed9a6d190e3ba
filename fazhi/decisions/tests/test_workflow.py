import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent
from fazhi.decisions import services as sv
from fazhi.decisions.choices import DecisionState as S
from fazhi.decisions.models import AdviserWork, CatalogChange, Decision
from fazhi.decisions.tests.factories import adviser, started, to_discussion

D = datetime.date
pytestmark = pytest.mark.django_db


def test_comment_period_is_30_days_from_publication(county):
    d = started(county.gov, county.admin)
    sv.decision_open_consultation(actor=county.admin, decision=d, opens_on=D(2021, 9, 10))
    # Day 1 is 9-11; 30 calendar days (National Day inside does not matter for calendar days).
    assert d.comment_closes_on == D(2021, 10, 10)
    assert d.state == S.CONSULTING


def test_shorter_comment_period_needs_a_reason(county):
    d = started(county.gov, county.admin)
    with pytest.raises(ValidationError) as e:
        sv.decision_open_consultation(actor=county.admin, decision=d, opens_on=D(2021, 3, 5), closes_on=D(2021, 3, 20))
    assert "第十五条" in str(e.value)
    d.refresh_from_db()
    assert d.state == S.STARTED
    sv.decision_open_consultation(actor=county.admin, decision=d, opens_on=D(2021, 3, 5), closes_on=D(2021, 3, 20),
                                  shortened_reason="疫情防控紧急")
    assert d.comment_shortened_reason == "疫情防控紧急"


def test_consultation_cannot_close_early_or_without_summary(county):
    d = started(county.gov, county.admin)
    sv.decision_open_consultation(actor=county.admin, decision=d, opens_on=D(2021, 3, 5))
    with pytest.raises(ValidationError) as e:
        sv.decision_close_consultation(actor=county.admin, decision=d, on=D(2021, 3, 20), summary="采纳情况")
    assert "第十五条" in str(e.value)
    with pytest.raises(ValidationError) as e:
        sv.decision_close_consultation(actor=county.admin, decision=d, on=D(2021, 4, 5), summary="  ")
    assert "第十八条" in str(e.value)
    d.refresh_from_db()
    assert d.state == S.CONSULTING and d.adoption_summary == ""


def test_legality_review_needs_seven_working_days_across_national_day(county):
    d = to_discussion(county.gov, county.admin)
    assert d.legality_earliest_on == D(2021, 4, 22)  # 4-13 + 7 working days
    d2 = started(county.gov, county.admin, title="第二项")
    sv.decision_skip(actor=county.admin, decision=d2, step="consultation", reason="依法不予公开的决策事项（第十四条）")
    sv.decision_skip(actor=county.admin, decision=d2, step="expert", reason="不涉及专业技术问题")
    sv.decision_skip(actor=county.admin, decision=d2, step="risk", reason="不涉及社会稳定、公共安全")
    sv.decision_submit_legality(actor=county.admin, decision=d2, on=D(2021, 9, 29))
    # 9-30 (1), 10-1..10-7 holiday, 10-9 (Sat, 调休上班) (2), 10-8 Fri is a workday? 2021: 10-8 workday.
    assert d2.legality_earliest_on > D(2021, 10, 8)
    with pytest.raises(ValidationError) as e:
        sv.decision_conclude_legality(actor=county.admin, decision=d2, on=D(2021, 10, 8), reviewer="县司法局",
                                      adviser=adviser(county.gov), opinion="合法", conclusion="lawful")
    assert "第二十六条第二款" in str(e.value)
    d2.refresh_from_db()
    assert d2.state == S.LEGALITY


def test_legality_review_needs_an_adviser(county):
    d = started(county.gov, county.admin)
    for step in ("consultation", "expert", "risk"):
        sv.decision_skip(actor=county.admin, decision=d, step=step, reason="法定理由")
    sv.decision_submit_legality(actor=county.admin, decision=d, on=D(2021, 4, 1))
    with pytest.raises(ValidationError) as e:
        sv.decision_conclude_legality(actor=county.admin, decision=d, on=D(2021, 4, 30), reviewer="县司法局",
                                      adviser=None, opinion="合法", conclusion="lawful")
    assert "第二十八条" in str(e.value)


def test_skip_needs_reason_and_mandatory_steps_cannot_be_skipped(county):
    d = started(county.gov, county.admin)
    with pytest.raises(ValidationError) as e:
        sv.decision_skip(actor=county.admin, decision=d, step="consultation", reason=" ")
    assert "第十四条" in str(e.value)
    with pytest.raises(ValidationError) as e:
        sv.decision_skip(actor=county.admin, decision=d, step="legality", reason="x")
    assert "第二十五条" in str(e.value)


def test_no_collective_decision_without_legality_review(county):
    d = started(county.gov, county.admin)
    problems = d.problems_decide()
    assert any("第二十五条第二款" in p for p in problems)
    assert any("第二十九条" in p for p in problems)
    d.state = S.DISCUSSION  # even if it were at the meeting stage
    with pytest.raises(ValidationError) as e:
        sv.decision_decide(actor=county.admin, decision=d, kind="standing", name="常务会议", on=D(2021, 5, 1),
                           outcome="adopted", head_decision="同意")
    assert "第二十五条第二款" in str(e.value)


def test_unlawful_conclusion_blocks_the_meeting(county):
    d = started(county.gov, county.admin)
    for step in ("consultation", "expert", "risk"):
        sv.decision_skip(actor=county.admin, decision=d, step=step, reason="法定理由")
    sv.decision_submit_legality(actor=county.admin, decision=d, on=D(2021, 4, 1))
    sv.decision_conclude_legality(actor=county.admin, decision=d, on=D(2021, 4, 15), reviewer="县司法局",
                                  adviser=adviser(county.gov), opinion="与上位法抵触", conclusion="unlawful")
    with pytest.raises(ValidationError) as e:
        sv.decision_decide(actor=county.admin, decision=d, kind="standing", name="常务会议", on=D(2021, 5, 1),
                           outcome="adopted", head_decision="同意")
    assert "不合法" in str(e.value) and "第二十五条第二款" in str(e.value)
    sv.decision_return_for_revision(actor=county.admin, decision=d)
    assert d.state == S.LEGALITY_READY


def test_art29_materials_fair_competition(county):
    d = to_discussion(county.gov, county.admin, concerns_market=True)
    with pytest.raises(ValidationError) as e:
        sv.decision_decide(actor=county.admin, decision=d, kind="standing", name="常务会议", on=D(2021, 5, 1),
                           outcome="adopted", head_decision="同意")
    assert "公平竞争审查" in str(e.value) and "第二十九条" in str(e.value)


def test_full_procedure_to_post_evaluation(county):
    d = to_discussion(county.gov, county.admin)
    # The legality opinion is also in the adviser's work log, linked to the decision.
    w = AdviserWork.objects.get(decision=d)
    assert w.kind == "opinion" and w.subject_kind == "decision"
    with pytest.raises(ValidationError):
        sv.decision_decide(actor=county.admin, decision=d, kind="other", name="x", on=D(2021, 5, 1),
                           outcome="adopted", head_decision="同意")
    sv.decision_decide(actor=county.admin, decision=d, kind="standing", name="县政府第20次常务会议", on=D(2021, 5, 1),
                       outcome="adopted", head_decision="同意实施", dissent="张某某：建议分步实施")
    assert d.state == S.DECIDED and d.dissent
    with pytest.raises(ValidationError) as e:
        sv.decision_publish(actor=county.admin, decision=d, on=D(2021, 5, 10), channel="政府网站")
    assert "第三十一条" in str(e.value)
    sv.decision_report_party(actor=county.admin, decision=d, on=D(2021, 5, 5), reply="同意")
    sv.decision_publish(actor=county.admin, decision=d, on=D(2021, 5, 10), channel="同心县人民政府网站")
    sv.decision_file_npc(actor=county.admin, decision=d, on=D(2021, 5, 20), number="同政备〔2021〕1号")
    sv.implementation_report_add(actor=county.admin, decision=d, on=D(2021, 8, 1), unit="发改局", progress="已实施")
    assert d.state == S.EXECUTING
    with pytest.raises(ValidationError) as e:
        sv.decision_evaluate(actor=county.admin, decision=d, trigger="many_opinions", evaluator="县委政法委",
                             third_party=True, report="评估", on=D(2021, 12, 1))
    assert "第三十六条第二款" in str(e.value)
    sv.decision_evaluate(actor=county.admin, decision=d, trigger="many_opinions", evaluator="宁夏大学法学院",
                         third_party=True, report="效果良好", on=D(2021, 12, 1))
    d.refresh_from_db()
    assert d.state == S.EVALUATED and d.npc_filed_on == D(2021, 5, 20)
    actions = set(AuditEvent.objects.filter(target_id=str(d.code)).values_list("action", flat=True))
    assert {"decisions.decision.decide", "decisions.decision.publish", "decisions.decision.npc_file"} <= actions


def test_permission_and_leader_read_only(county):
    with pytest.raises(PermissionDenied):
        started(county.gov, county.liaison_scj)
    with pytest.raises(PermissionDenied):
        started(county.scj, county.leader)
    assert Decision.objects.count() == 0


def test_catalog_publish_requires_party_and_changes_are_recorded(county):
    cat = sv.catalog_create(actor=county.admin, organization=county.gov, year=2021)
    item = sv.catalog_item_add(actor=county.admin, catalog=cat, title="工业园区总体规划", deciding_organ="县人民政府",
                               undertaking_unit="工信商务局", category="plan")
    with pytest.raises(ValidationError) as e:
        sv.catalog_publish(actor=county.admin, catalog=cat, party_approved_on=None, published_on=D(2021, 3, 1))
    assert "第三条第三款" in str(e.value)
    sv.catalog_publish(actor=county.admin, catalog=cat, party_approved_on=D(2021, 2, 20), published_on=D(2021, 3, 1))
    with pytest.raises(ValidationError) as e:
        sv.catalog_item_update(actor=county.admin, item=item, data={"undertaking_unit": "发改局"}, changed_on=D(2021, 6, 1))
    assert "理由" in str(e.value)
    sv.catalog_item_update(actor=county.admin, item=item, data={"undertaking_unit": "发改局"}, changed_on=D(2021, 6, 1),
                           reason="机构职能调整")
    ch = CatalogChange.objects.get(item=item)
    assert ch.kind == "modify" and "发改局" in ch.summary


def test_missing_holiday_year_is_a_chinese_error(county):
    d = started(county.gov, county.admin, started_on=D(2021, 1, 5))
    for step in ("consultation", "expert", "risk"):
        sv.decision_skip(actor=county.admin, decision=d, step=step, reason="法定理由")
    with pytest.raises(ValidationError) as e:
        sv.decision_submit_legality(actor=county.admin, decision=d, on=D(2099, 12, 28))
    assert "节假日" in str(e.value)
    d.refresh_from_db()
    assert d.state == S.LEGALITY_READY


def test_hearing_papers_seven_days_before_and_signed_record(county):
    d = started(county.gov, county.admin)
    sv.decision_open_consultation(actor=county.admin, decision=d, opens_on=D(2021, 3, 5))
    kw = dict(held_on=D(2021, 3, 20), place="县政府三楼会议室", announced_on=D(2021, 3, 6),
              participants_published_on=D(2021, 3, 10), papers_sent_on=D(2021, 3, 14), participants="居民代表5人",
              record="听证记录", record_signed=True)
    with pytest.raises(ValidationError) as e:
        sv.hearing_add(actor=county.admin, decision=d, **kw)
    assert "7日前" in str(e.value) and "第十六条第三款" in str(e.value)
    with pytest.raises(ValidationError) as e:
        sv.hearing_add(actor=county.admin, decision=d, **{**kw, "papers_sent_on": D(2021, 3, 13), "record_signed": False})
    assert "第十七条" in str(e.value)
    h = sv.hearing_add(actor=county.admin, decision=d, **{**kw, "papers_sent_on": D(2021, 3, 13)})
    assert d.hearings.get() == h
