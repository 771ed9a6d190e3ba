"""Access-matrix registrations of 公共法律服务 (see fazhi/core/access_registry.py)."""
from __future__ import annotations

import datetime
import uuid

from fazhi.core.access_registry import (marker, register_create_route, register_factory, register_list_route,
                                        register_object_route, register_public_route, register_unscoped_route)
from fazhi.legalservice import services
from fazhi.legalservice.models import Activity, ActivityKind, AidCase, Consultation, Lawyer, Notarization, ServicePoint

DAY = datetime.date(2021, 6, 1)


def _id_number() -> str:
    from stdnum.cn import ric
    base = "64032419800101" + f"{uuid.uuid4().int % 1000:03d}"
    return base + ric.calc_check_digit(base + "0")


def _aid(org, actor):
    return services.aid_application_receive(
        actor=actor, organization=org, case_type="civil", applicant_name=marker("受援人")[:12],
        applicant_id_number=_id_number(), matter=marker("援助事项"), eligibility="art42_migrant", received_on=DAY)


def _lawyer(org, actor):
    m = marker("律师")
    return services.lawyer_create(actor=actor, organization=org, name=m[:16], firm=marker("律所"), license_no=m[-10:])


def _notary(org, actor):
    return services.notarization_create(actor=actor, organization=org, number=marker("公证"), matter_type="kinship",
                                        applicant_name="申请人", notary="公证员", issued_on=DAY)


def _consult(org, actor):
    return services.consultation_create(actor=actor, organization=org, channel="hotline", consulted_on=DAY,
                                        topic="labour", question=marker("咨询内容"))


def _kind():
    kind = ActivityKind.objects.filter(key="night_patrol").first()
    return kind or services.activity_kind_create(actor=None, key="night_patrol", name="夜间沿街巡逻",
                                                 category="volunteer", count_unit="次")


def _activity(org, actor):
    # A volunteer-patrol kind: the portal lists only publicity activities (titles, published on purpose).
    return services.activity_create(actor=actor, organization=org, kind=_kind(), title=marker("巡逻活动"), held_on=DAY)


def _point(org, actor):
    # Not published: public points are shown on the portal to everyone on purpose.
    return services.point_create(actor=actor, organization=org, name=marker("服务站"), level="township",
                                 services="法律咨询、人民调解", is_public=False)


register_factory(AidCase, _aid)
register_factory(Lawyer, _lawyer)
register_factory(Notarization, _notary)
register_factory(Consultation, _consult)
register_factory(Activity, _activity)
register_factory(ServicePoint, _point)

register_object_route("legalservice:aid_detail", AidCase)
register_object_route("legalservice:aid_edit", AidCase)
register_object_route("legalservice:aid_step", AidCase, kwargs=lambda c: {"code": c.code, "step": "decide"},
                      body={"decide-decision": "grant", "decide-on": "2021-06-02"})
register_object_route("legalservice:lawyer_edit", Lawyer)
register_object_route("legalservice:notary_detail", Notarization)
register_object_route("legalservice:consult_detail", Consultation)
register_object_route("legalservice:notary_edit", Notarization)
register_object_route("legalservice:consult_edit", Consultation)
register_object_route("legalservice:activity_detail", Activity)
register_object_route("legalservice:activity_edit", Activity)
register_object_route("legalservice:point_detail", ServicePoint)
register_object_route("legalservice:point_edit", ServicePoint)

register_list_route("legalservice:aid_list", AidCase)
register_list_route("legalservice:lawyer_list", Lawyer)
register_list_route("legalservice:notary_list", Notarization)
register_list_route("legalservice:consult_list", Consultation)
register_list_route("legalservice:activity_list", Activity)
register_list_route("legalservice:point_list", ServicePoint)

register_unscoped_route("legalservice:kind_edit", "活动类别是全县共用的参考数据，只有法治办管理员可修改",
                        kwargs={"code": uuid.UUID(int=1)})


def _org_code(org) -> str:
    return str(org.code)


register_create_route("legalservice:aid_apply", AidCase, body=lambda org: {
    "organization": _org_code(org), "case_type": "civil", "applicant_name": "马某", "applicant_id_number": _id_number(),
    "matter": marker("追索劳动报酬"), "eligibility": "art42_migrant", "received_on": "2021-06-01"})
register_create_route("legalservice:aid_notice", AidCase, body=lambda org: {
    "organization": _org_code(org), "notifying_authority": "court", "applicant_name": "李某", "matter": marker("盗窃"),
    "received_on": "2021-06-01"})
register_create_route("legalservice:lawyer_create", Lawyer, body=lambda org: {
    "organization": _org_code(org), "name": "王律师", "firm": "某律所", "license_no": marker("证")[-12:],
    "years_practice": "3", "is_active": "on"})
register_create_route("legalservice:notary_create", Notarization, body=lambda org: {
    "organization": _org_code(org), "number": marker("公证"), "matter_type": "kinship", "applicant_name": "申请人",
    "notary": "公证员", "issued_on": "2021-06-01"})
register_create_route("legalservice:consult_create", Consultation, body=lambda org: {
    "organization": _org_code(org), "channel": "hotline", "consulted_on": "2021-06-01", "topic": "labour",
    "question": marker("咨询"), "persons": "1"})
register_create_route("legalservice:activity_create", Activity, body=lambda org: {
    "organization": _org_code(org), "kind": str(_kind().code), "title": marker("活动"), "held_on": "2021-06-01",
    "count": "1"})
register_create_route("legalservice:point_create", ServicePoint, body=lambda org: {
    "organization": _org_code(org), "name": marker("工作站"), "level": "township", "services": "法律咨询",
    "sort_order": "0"})

register_public_route("legalservice_public:*", "公众门户：公开的服务平台与年度汇总数字，不含个人信息")

# Excel exports of this module's ledgers (cell-by-cell check by the matrix).
register_list_route("excel:export#legalservice_activities", Activity, kwargs={"ledger": "legalservice_activities"},
                    markers=lambda o: [o.title])
register_list_route("excel:export#legalservice_notarizations", Notarization,
                    kwargs={"ledger": "legalservice_notarizations"}, markers=lambda o: [o.number])
register_list_route("excel:export#legalservice_consultations", Consultation,
                    kwargs={"ledger": "legalservice_consultations"}, markers=lambda o: [o.question])
register_list_route("excel:export#legalservice_lawyers", Lawyer, kwargs={"ledger": "legalservice_lawyers"},
                    markers=lambda o: [o.license_no])

register_list_route("excel:export#legalservice_aid_cases", AidCase, kwargs={"ledger": "legalservice_aid_cases"},
                    markers=lambda o: [o.number])

# API (/api/legalservice/...).
register_object_route("api:ls_aid_get", AidCase)
register_object_route("api:ls_activity_get", Activity)
register_list_route("api:ls_aid_list", AidCase)
register_list_route("api:ls_activity_list", Activity, markers=lambda o: [o.title, str(o.code)])
register_list_route("api:ls_consult_list", Consultation, markers=lambda o: [o.question], query={"year": 2021})
register_list_route("api:ls_point_list", ServicePoint, markers=lambda o: [o.name])
register_create_route("api:ls_consult_create", Consultation, body=lambda org: {
    "organization": str(org.code), "channel": "video", "consulted_on": "2021-06-01", "topic": "land",
    "question": marker("接口咨询")})
register_create_route("api:ls_activity_create", Activity, body=lambda org: {
    "organization": str(org.code), "kind": _kind().key, "title": marker("接口活动"), "held_on": "2021-06-01", "count": 2})
