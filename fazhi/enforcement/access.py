"""Access-matrix registrations of 行政执法 (see fazhi/core/access_registry.py)."""
from __future__ import annotations

import datetime
import itertools
import uuid

from stdnum.cn import ric, uscc

from fazhi.core.access_registry import (
    marker,
    register_create_route,
    register_factory,
    register_list_route,
    register_object_route,
    register_public_route,
)
from fazhi.enforcement import services as sv
from fazhi.enforcement.models import (
    Case,
    CaseReview,
    EnforcementBody,
    EnforcementItem,
    EnforcementList,
    InspectionTarget,
    Officer,
    RandomDraw,
    ReviewCampaign,
    Rubric,
    WorkPlan,
)

DAY = datetime.date(2021, 6, 1)
_n = itertools.count(1)


def _id_number() -> str:
    body = f"64032419800101{(uuid.uuid4().int + next(_n)) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def _credit_code() -> str:
    body = "91640324" + uuid.uuid4().hex[:9].upper().replace("I", "1").replace("O", "0")
    body = "".join(c if c not in "SVZ" else "1" for c in body)
    return body + uscc.calc_check_digit(body)


def _body(org, actor=None):
    return sv.body_save(actor=actor, organization=org, name=marker("执法主体"), kind="organ",
                        legal_basis="《中华人民共和国行政处罚法》第十八条")


def _officer(org, actor=None, **kw):
    n = uuid.uuid4().int % 10**8
    return sv.officer_save(actor=actor, organization=org, name=marker("执法员")[:30], id_number=_id_number(),
                           cert_no=f"M{n:08d}", field="市场监管", unit="一中队", first_certified_on=DAY,
                           issued_on=DAY, expires_on=datetime.date(2030, 12, 31), status="active", training_hours=0,
                           is_legal_reviewer=kw.get("reviewer", False), has_legal_qualification=kw.get("reviewer", False))


def _item(org, actor=None):
    return sv.item_save(actor=actor, organization=org, name=marker("执法事项"), category="penalty",
                        legal_basis="某法第一条", body=_body(org, actor), power_code="X001", random_inspection=True)


def _list(org, actor=None):
    return sv.list_save(actor=actor, organization=org, title=marker("执法清单"), kind="items", year=2021,
                        published_on=DAY)


def _plan(org, actor=None):
    return sv.plan_save(actor=actor, organization=org, title=marker("工作方案"), issued_on=DAY)


def _target(org, actor=None):
    return sv.target_save(actor=actor, organization=org, name=marker("检查对象"), credit_code=_credit_code())


def _case(org, actor=None):
    team = [_officer(org, actor), _officer(org, actor)]
    return sv.case_file(actor=actor, officers=team, organization=org, kind="penalty", title=marker("执法案件"),
                        party_type="organization", party_name=marker("当事人"), party_credit_code=_credit_code(),
                        filed_on=DAY)


def _closed_case(org, actor=None):
    team = [_officer(org, actor), _officer(org, actor)]
    case = sv.case_simple(actor=actor, officers=team, organization=org, title=marker("当场处罚"), party_type="citizen",
                          party_name="马某", party_id_number=_id_number(), filed_on=DAY, penalty_kind="warning",
                          decision_number=marker("决定书"))
    return sv.case_close(actor=actor, case=case, on=DAY, content="结案")


def _draw(org, actor=None):
    _target(org, actor)
    _officer(org, actor)
    _officer(org, actor)
    return sv.draw_random(actor=actor, organization=org, title=marker("抽查任务"), drawn_on=DAY, target_count=1)


def _rubric(org, actor=None):
    return sv.rubric_create(actor=actor, organization=org, year=2021, title=marker("评查标准"),
                            items=[{"kind": "veto", "text": "执法人员少于2人"}, {"kind": "deduct", "text": "文书不规范",
                                                                          "points": 10}])


def _campaign(org, actor=None):
    _closed_case(org, actor)
    return sv.campaign_start(actor=actor, organization=org, rubric=_rubric(org, actor), title=marker("评查活动"),
                             year=2021, per_org=1, started_on=DAY, seed="matrix")


def _review(org, actor=None):
    return _campaign(org, actor).reviews.first()


register_factory(EnforcementBody, _body, sweep=False, reason="执法主体依118号（四）事前公开，门户和登记表单可列出")
register_factory(Officer, _officer, sweep=False, reason="执法人员及执法证号依118号（四）事前公开（不含身份证号）")
register_factory(EnforcementItem, _item, sweep=False, reason="执法事项清单依118号（四）事前公开")
register_factory(EnforcementList, _list)
register_factory(WorkPlan, _plan)
register_factory(InspectionTarget, _target)
register_factory(Case, _case)
register_factory(RandomDraw, _draw)
register_factory(Rubric, _rubric)
register_factory(ReviewCampaign, _campaign)
register_factory(CaseReview, _review)

register_object_route("enforcement:body_edit", EnforcementBody)
register_object_route("enforcement:officer_edit", Officer)
register_object_route("enforcement:item_edit", EnforcementItem)
register_object_route("enforcement:list_edit", EnforcementList)
register_object_route("enforcement:plan_edit", WorkPlan)
register_object_route("enforcement:case_detail", Case)
register_object_route("enforcement:case_edit", Case)
register_object_route("enforcement:case_dossier", Case, kwargs=lambda c: {"code": c.code})
register_object_route("enforcement:case_step", Case, kwargs=lambda c: {"code": c.code, "step": "extend"},
                      body={"approved_by": "局长", "approved_on": "2021-06-20", "reason": "案情复杂"})
register_object_route("enforcement:draw_detail", RandomDraw)
register_object_route("enforcement:campaign_detail", ReviewCampaign)
register_object_route("enforcement:review_score", CaseReview)

register_list_route("enforcement:body_list", EnforcementBody, markers=lambda o: [o.name])
register_list_route("enforcement:officer_list", Officer, markers=lambda o: [o.name])
register_list_route("enforcement:item_list", EnforcementItem, markers=lambda o: [o.name])
register_list_route("enforcement:list_list", EnforcementList, markers=lambda o: [o.title])
register_list_route("enforcement:plan_list", WorkPlan, markers=lambda o: [o.title])
register_list_route("enforcement:target_list", InspectionTarget, markers=lambda o: [o.name])
register_list_route("enforcement:case_list", Case, markers=lambda o: [o.title])
register_list_route("enforcement:draw_list", RandomDraw, markers=lambda o: [o.title])
register_list_route("enforcement:campaign_list", ReviewCampaign, markers=lambda o: [o.title])


def _org(org) -> str:
    return str(org.code)


register_create_route("enforcement:body_create", EnforcementBody, body=lambda org: {
    "organization": _org(org), "name": marker("执法主体"), "kind": "organ", "legal_basis": "某法第一条"})
register_create_route("enforcement:list_create", EnforcementList, body=lambda org: {
    "organization": _org(org), "title": marker("清单"), "kind": "items", "year": "2021"})
register_create_route("enforcement:plan_create", WorkPlan, body=lambda org: {
    "organization": _org(org), "title": marker("方案"), "issued_on": "2021-03-01"})
register_create_route("enforcement:target_create", InspectionTarget, body=lambda org: {
    "organization": _org(org), "name": marker("对象"), "is_active": "on"})
register_create_route("enforcement:officer_create", Officer, body=lambda org: {
    "organization": _org(org), "name": "马某", "id_number": _id_number(), "cert_no": f"C{uuid.uuid4().int % 10**9}",
    "first_certified_on": "2021-01-05", "issued_on": "2021-01-05", "expires_on": "2026-01-04", "status": "active",
    "training_hours": "10"})

register_public_route("enforcement_public:*", "公众门户：执法主体、执法人员（执法证号）、执法事项清单、公布的清单、已公示的执法决定（当事人信息去标识化）、公示的双随机抽查结果",
                      shows=(EnforcementBody, Officer, EnforcementItem, EnforcementList))

# API (/api/enforcement/...).
register_object_route("api:enf_case_get", Case)
register_object_route("api:enf_case_step", Case, body={"step": "examine", "on": "2021-06-02", "content": "调查终结"})
register_list_route("api:enf_case_list", Case, markers=lambda o: [o.title])
register_list_route("api:enf_officer_list", Officer, markers=lambda o: [o.name])


def _existing_certs(org):
    """Two officers of ``org`` made earlier by the factories (so building the body writes nothing)."""
    certs = list(Officer.objects.filter(organization=org).order_by("id").values_list("cert_no", flat=True)[:2])
    while len(certs) < 2:  # test fixture only: plain rows, no audit event
        o = Officer.objects.create(organization=org, name=marker("执法员")[:30], id_number=_id_number(),
                                   cert_no=f"F{uuid.uuid4().int % 10**9}", first_certified_on=DAY, issued_on=DAY,
                                   expires_on=datetime.date(2030, 1, 1))
        certs.append(o.cert_no)
    return certs


register_create_route("api:enf_case_create", Case, body=lambda org: {
    "organization": str(org.code), "title": marker("接口立案"), "party_type": "organization", "party_name": "某公司",
    "party_credit_code": _credit_code(), "filed_on": "2021-06-01", "officers": _existing_certs(org)})

# Excel exports of this module's ledgers (cell-by-cell check by the matrix).
register_list_route("excel:export#enforcement_officers", Officer, kwargs={"ledger": "enforcement_officers"},
                    markers=lambda o: [o.name])
register_list_route("excel:export#enforcement_cases", Case, kwargs={"ledger": "enforcement_cases"},
                    markers=lambda o: [o.title])
register_list_route("excel:export#enforcement_credit_penalty", Case, make=_closed_case,
                    kwargs={"ledger": "enforcement_credit_penalty"}, markers=lambda o: [o.decision_number])
