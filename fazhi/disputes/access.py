"""Access-matrix registration of the 矛盾纠纷化解 routes (see fazhi/core/access_registry.py)."""
from __future__ import annotations

import datetime
import random

from fazhi.core.access_registry import (
    marker, register_create_route, register_factory, register_list_route, register_object_route,
    register_public_route,
)

from . import services
from .models import ArbitrationCase, LitigationCase, MediationCase, MediationRoom, ReviewCase, YearlyExternalCount

D = datetime.date(2021, 3, 1)


def _review(org, actor=None):
    return services.review_receive(actor=None, organization=org, respondent=org, applicant=marker("申请人"),
                                   act="行政处罚决定", act_known_on=D, received_on=D, number=marker("复议"))


def _case_number() -> str:
    return f"(2021)宁0324行初{random.randint(1000, 999999)}号"


def _litigation(org, actor=None):
    return services.litigation_create(actor=None, organization=org, case_number=_case_number(), court="同心县人民法院",
                                      plaintiff=marker("原告"), act="行政处罚决定", complaint_received_on=D)


def _room(org, actor=None):
    # Not public: the portal lists public rooms by design.
    return services.room_create(actor=None, organization=org, name=marker("调解室"), kind="people", is_public=False)


def _mediation(org, actor=None):
    return services.mediation_create(actor=None, room=_room(org), data={
        "dispute_type": "neighbor", "parties": marker("当事人"), "mediator": "调解员", "received_on": D})


def _arbitration(org, actor=None):
    return services.arbitration_create(actor=None, organization=org, data={
        "number": marker("仲裁"), "applicant": marker("劳动者"), "employer": "某公司", "claim": "支付工资",
        "received_on": D})


def _yearly(org, actor=None):
    return services.yearly_count_set(actor=None, organization=org, year=2001, lawsuits=987651, petitions=987652,
                                     source=marker("来源"))


register_factory(ReviewCase, _review)
register_factory(LitigationCase, _litigation)
register_factory(MediationRoom, _room)
register_factory(MediationCase, _mediation)
register_factory(ArbitrationCase, _arbitration)
register_factory(YearlyExternalCount, _yearly)

register_public_route("disputes_public:*", "公众门户：只有统计数字和公开的调解组织，不含个人信息")

register_object_route("disputes:review_detail", ReviewCase)
register_object_route("disputes:review_action", ReviewCase, kwargs=lambda c: {"code": c.code, "action": "accept"},
                      body={"accepted_on": "2021-03-02", "procedure": "ordinary"})
register_object_route("disputes:litigation_detail", LitigationCase)
register_object_route("disputes:litigation_action", LitigationCase,
                      kwargs=lambda c: {"code": c.code, "action": "answer"}, body={"filed_on": "2021-03-05"})
register_object_route("disputes:mediation_detail", MediationCase)
register_object_route("disputes:mediation_action", MediationCase, kwargs=lambda c: {"code": c.code, "action": "close"},
                      body={"status": "failed", "closed_on": "2021-03-05"})
register_object_route("disputes:room_detail", MediationRoom, body={"on": "2021-03-05", "people": "3"})
register_object_route("disputes:arbitration_detail", ArbitrationCase)
register_object_route("api:disputes_review_get", ReviewCase)
register_object_route("disputes:review_edit", ReviewCase, body={"applicant": "改名", "act": "改", "channel": "written"})
register_object_route("disputes:litigation_edit", LitigationCase,
                      body={"court": "某法院", "instance": "first", "plaintiff": "改名", "act": "改"})
register_object_route("disputes:mediation_edit", MediationCase,
                      body={"dispute_type": "other", "parties": "改名", "mediator": "改"})

register_list_route("disputes:review_list", ReviewCase, markers=lambda c: [c.number, c.applicant])
register_list_route("disputes:litigation_list", LitigationCase, markers=lambda c: [c.case_number, c.plaintiff])
register_list_route("disputes:mediation_list", MediationCase, markers=lambda c: [c.parties])
register_list_route("disputes:room_list", MediationRoom, markers=lambda r: [r.name])
register_list_route("disputes:arbitration_list", ArbitrationCase, markers=lambda c: [c.number, c.applicant])
register_list_route("disputes:stats", YearlyExternalCount, markers=lambda r: [r.source], query={"year": "2001"})
register_list_route("api:disputes_review_list", ReviewCase, markers=lambda c: [c.number])
register_list_route("api:disputes_litigation_list", LitigationCase, markers=lambda c: [c.case_number])
register_list_route("api:disputes_mediation_list", MediationCase, markers=lambda c: [str(c.code)])


def _org_code(org) -> str:
    return str(org.code)


register_create_route("disputes:review_create", ReviewCase, body=lambda org: {
    "organization": _org_code(org), "applicant": marker("新申请人"), "respondent": _org_code(org), "act": "行政处罚",
    "act_known_on": "2021-03-01", "received_on": "2021-03-02", "channel": "written", "procedure": "ordinary",
    "rights_notified": "on", "number": marker("新复议")})
register_create_route("disputes:litigation_create", LitigationCase, body=lambda org: {
    "organization": _org_code(org), "case_number": _case_number(), "court": "同心县人民法院", "instance": "first",
    "plaintiff": marker("新原告"), "act": "行政处罚", "complaint_received_on": "2021-03-02"})
register_create_route("disputes:room_create", MediationRoom, body=lambda org: {
    "organization": _org_code(org), "name": marker("新调解室"), "kind": "people"})
register_create_route("disputes:arbitration_create", ArbitrationCase, body=lambda org: {
    "organization": _org_code(org), "number": marker("新仲裁"), "applicant": "劳动者", "workers": "1",
    "employer": "某公司", "claim": "工资", "received_on": "2021-03-02"})

# Excel exports of this module's ledgers (the parameter is the ledger's name).
register_list_route("excel:export#mediation_cases", MediationCase, kwargs={"ledger": "mediation_cases"},
                    markers=lambda c: [c.parties])
register_list_route("excel:export#labour_arbitration", ArbitrationCase, kwargs={"ledger": "labour_arbitration"},
                    markers=lambda c: [c.number])
