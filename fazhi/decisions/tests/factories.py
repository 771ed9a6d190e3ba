"""Helpers that walk a decision through the procedure with the real services."""
import datetime

from fazhi.decisions import services as sv

D = datetime.date


def adviser(org, actor=None, name="马律师"):
    return sv.adviser_create(actor=actor, organization=org, name=name, kind="public_lawyer", employer="县司法局",
                             license_no="PL-001")


def started(org, actor=None, title="同心县城区供热价格调整", **kw):
    return sv.decision_start(actor=actor, organization=org, title=title, undertaking_unit="同心县发展和改革局",
                             started_on=kw.pop("started_on", D(2021, 3, 1)), draft="供热价格调整方案（草案）", **kw)


def to_discussion(org, actor=None, **kw):
    """Consultation (30 days) → expert → risk → legality (7 working days), ready for the meeting."""
    d = started(org, actor, **kw)
    sv.decision_open_consultation(actor=actor, decision=d, opens_on=D(2021, 3, 5))
    sv.decision_close_consultation(actor=actor, decision=d, on=D(2021, 4, 5), summary="收到意见12条，采纳5条。")
    sv.expert_opinion_add(actor=actor, decision=d, expert="李教授", opinion="方案可行。", given_on=D(2021, 4, 8))
    sv.decision_complete_expert(actor=actor, decision=d, on=D(2021, 4, 9), adoption="专家意见全部采纳。")
    sv.decision_complete_risk(actor=actor, decision=d, assessor="县委政法委", report="风险可控。", level="low",
                              on=D(2021, 4, 12))
    sv.decision_submit_legality(actor=actor, decision=d, on=D(2021, 4, 13))
    sv.decision_conclude_legality(actor=actor, decision=d, on=D(2021, 4, 22), reviewer="县司法局",
                                  adviser=adviser(org, actor), opinion="合法。", conclusion="lawful")
    return d
