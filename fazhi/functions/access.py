"""Access-matrix registrations of 政府职能 (see fazhi/core/access_registry.py)."""
from __future__ import annotations

import datetime

from fazhi.core.access_registry import (
    marker,
    register_create_route,
    register_factory,
    register_list_route,
    register_object_route,
    register_public_route,
    register_unscoped_route,
)
from fazhi.functions import services as sv
from fazhi.functions.models import (
    AnnualReport,
    CreditActivity,
    CreditRecord,
    Disclosure,
    InfoRequest,
    NewMediaAccount,
    PowerAdjustment,
    PowerItem,
    ServiceItem,
    UpperServiceItem,
)

DAY = datetime.date(2021, 6, 1)


def _code(prefix: str) -> str:
    return prefix + marker("")[-12:]


def _power(org, actor):
    return sv.power_register(actor=actor, organization=org, valid_from=datetime.date(2020, 6, 30),
                             power_code=_code("QL-"), name=marker("对违法行为的处罚"), category="penalty",
                             legal_basis="《行政处罚法》", subject=org.name)


def _adjustment(org, actor):
    return sv.power_add(actor=actor, organization=org, adjusted_on=DAY, document="同政办发〔2021〕1号",
                        power_code=_code("QA-"), name=marker("新增事项"), category="license", legal_basis="某法",
                        subject=org.name)


def _service(org, actor):
    return sv.service_item_create(actor=actor, organization=org, item_code=_code("XK"), name=marker("许可事项"),
                                  item_type="license", department="县级主管部门", agency=org.name, basis="某法")


def _upper(org, actor):
    return sv.upper_item_create(actor=actor, organization=org, item_code=_code("UP"), name=marker("上级事项"),
                                item_type="license", department="主管部门", agency="实施机关", basis="某法")


def _disclosure(org, actor):
    return sv.disclosure_create(actor=actor, organization=org, title=marker("公开信息"), area="finance",
                                formed_on=DAY, published_on=datetime.date(2021, 6, 3))


def _request(org, actor):
    return sv.request_receive(actor=actor, organization=org, applicant_kind="citizen", applicant_name=marker("申请人"),
                              channel="in_person", submitted_on=DAY, content="某文件")


def _report(org, actor):
    year = 2030 + AnnualReport.objects.filter(organization=org).count()
    return sv.annual_report_save(actor=actor, organization=org, year=year, problems=marker("问题"))


def _media(org, actor):
    return sv.media_create(actor=actor, organization=org, name=marker("公众号"), platform="wechat", opened_on=DAY)


def _credit(org, actor):
    from fazhi.demo.data.tongxin import credit_code
    code = org.credit_code or credit_code(org.name)
    return sv.credit_record_create(actor=actor, organization=org, kind="penalty", fields={
        "行政相对人名称": marker("某商行"), "行政相对人类别": "自然人", "行政处罚决定书文号": _code("罚字"),
        "违法行为类型": "无照经营", "违法事实": "无照经营", "处罚依据": "《无证无照经营查处办法》", "处罚类别": "罚款",
        "处罚内容": "罚款500元", "处罚决定日期": DAY, "处罚有效期": datetime.date(2022, 6, 1), "处罚机关": org.name,
        "处罚机关统一社会信用代码": code, "数据来源单位": org.name, "数据来源单位统一社会信用代码": code},
        reported_on=datetime.date(2021, 6, 2))


def _activity(org, actor):
    return sv.credit_activity_create(actor=actor, organization=org, kind="entrepreneur", name=marker("企业家"),
                                     held_on=DAY)


register_factory(PowerItem, _power)
register_factory(PowerAdjustment, _adjustment)
register_factory(ServiceItem, _service)
register_factory(UpperServiceItem, _upper)
register_factory(Disclosure, _disclosure)
register_factory(InfoRequest, _request)
register_factory(AnnualReport, _report)
register_factory(NewMediaAccount, _media)
register_factory(CreditRecord, _credit)
register_factory(CreditActivity, _activity)

register_object_route("functions:power_detail", PowerItem)
register_object_route("functions:power_change", PowerItem)
register_object_route("functions:power_correct", PowerItem)
register_object_route("functions:power_adjust", PowerItem, kwargs=lambda p: {"code": p.code, "kind": "cancel"},
                      body={"cancel-adjusted_on": "2021-07-01", "cancel-document": "同政办发〔2021〕9号",
                            "cancel-reason": "职权取消"})
register_object_route("functions:service_edit", ServiceItem)
register_object_route("functions:disclosure_edit", Disclosure)
register_object_route("functions:request_detail", InfoRequest)
register_object_route("functions:request_edit", InfoRequest)
register_object_route("functions:request_step", InfoRequest, kwargs=lambda r: {"code": r.code, "step": "reply"},
                      body={"reply-on": "2021-06-10", "reply-reply_type": "disclose"})
register_object_route("functions:report_edit", AnnualReport)
register_object_route("functions:media_edit", NewMediaAccount)
register_object_route("functions:credit_detail", CreditRecord)
register_object_route("functions:credit_edit", CreditRecord)
register_object_route("functions:credit_step", CreditRecord, kwargs=lambda r: {"code": r.code, "step": "withdraw"},
                      body={"withdraw-on": "2021-07-01", "withdraw-reason": "原决定被撤销"})
register_object_route("functions:activity_edit", CreditActivity)

register_list_route("functions:power_list", PowerItem, markers=lambda o: [o.name], query={"on": "2021-07-01"})
register_list_route("functions:adjustment_list", PowerAdjustment, markers=lambda o: [o.power_name],
                    query={"year": "2021"})
register_list_route("functions:service_list", ServiceItem, markers=lambda o: [o.name])
register_list_route("functions:upper_list", UpperServiceItem, markers=lambda o: [o.name])
register_list_route("functions:disclosure_list", Disclosure, markers=lambda o: [o.title], query={"year": "2021"})
register_list_route("functions:request_list", InfoRequest, markers=lambda o: [o.applicant_name],
                    query={"year": "2021"})
register_list_route("functions:report_list", AnnualReport, markers=lambda o: [o.problems], owner_sees=False)
register_list_route("functions:media_list", NewMediaAccount, markers=lambda o: [o.name])
register_list_route("functions:credit_list", CreditRecord, markers=lambda o: [o.subject_name],
                    query={"year": "2021"})
register_list_route("functions:activity_list", CreditActivity, markers=lambda o: [o.name], query={"year": "2021"})
register_list_route("functions:credit_csv#license", CreditRecord, kwargs={"kind": "license"},
                    markers=lambda o: [o.subject_name], owner_sees=False, query={"year": "2021"})
register_list_route("functions:credit_csv#penalty", CreditRecord, kwargs={"kind": "penalty"},
                    markers=lambda o: [o.subject_name], query={"year": "2021"})


def _org(org) -> str:
    return str(org.code)


register_create_route("functions:power_add", PowerAdjustment, body=lambda org: {
    "organization": _org(org), "adjusted_on": "2021-06-01", "document": "同政办发〔2021〕2号",
    "power_code": _code("QN-"), "name": marker("新增职权"), "category": "license", "legal_basis": "某法",
    "subject": "某局"})
register_create_route("functions:service_create", ServiceItem, body=lambda org: {
    "organization": _org(org), "item_code": _code("QR"), "name": marker("确认事项"), "item_type": "confirmation",
    "department": "主管部门", "agency": "实施机关", "basis": "某法", "level": "main", "depth": "none",
    "in_force": "on"})
register_create_route("functions:disclosure_create", Disclosure, body=lambda org: {
    "organization": _org(org), "title": marker("公开信息"), "area": "finance", "formed_on": "2021-06-01",
    "channel": "website"})
register_create_route("functions:request_create", InfoRequest, body=lambda org: {
    "organization": _org(org), "applicant_kind": "citizen", "applicant_name": marker("申请人"),
    "channel": "in_person", "submitted_on": "2021-06-01", "content": "某文件"})
register_create_route("functions:report_create", AnnualReport, body=lambda org: {
    "organization": _org(org), "year": "2040", "proactive_count": "1", "requests_received": "0",
    "requests_carried": "0", "requests_replied": "0", "reconsiderations": "0", "lawsuits": "0"})
register_create_route("functions:media_create", NewMediaAccount, body=lambda org: {
    "organization": _org(org), "name": marker("公众号"), "platform": "wechat", "opened_on": "2021-06-01"})
register_create_route("functions:activity_create", CreditActivity, body=lambda org: {
    "organization": _org(org), "kind": "model_unit", "name": marker("示范单位"), "held_on": "2021-06-01"})
register_unscoped_route("functions:credit_create", "新登记页：类别（许可/处罚）不是某单位的记录；所属单位在表单中限于可写单位",
                        kwargs={"kind": "license"})

register_public_route("functions_public:*",
                      "公众门户：权责清单（任一日期）、已公开的政府信息、已报送的双公示信息（自然人姓名去标识化）、已公布的年度报告；"
                      "依申请公开的申请人信息不在门户出现",
                      shows=(PowerItem, Disclosure, CreditRecord, AnnualReport))
register_unscoped_route("functions:credit_csv", "双公示CSV导出：类别参数不指向某单位的记录；内容按用户范围筛选（上面的列表登记逐条检查）",
                        kwargs={"kind": "penalty"})

# Excel exports of this module's ledgers (cell-by-cell check by the matrix).
for _name, _model, _markers in (
        ("functions_power", PowerItem, lambda o: [o.name]),
        ("functions_adjustments", PowerAdjustment, lambda o: [o.power_name]),
        ("functions_services", ServiceItem, lambda o: [o.name]),
        ("functions_upper", UpperServiceItem, lambda o: [o.name]),
        ("functions_disclosures", Disclosure, lambda o: [o.title]),
        ("functions_requests", InfoRequest, lambda o: [o.applicant_name]),
        ("functions_media", NewMediaAccount, lambda o: [o.name])):
    register_list_route(f"excel:export#{_name}", _model, kwargs={"ledger": _name}, markers=_markers)
register_list_route("excel:export#functions_credit_penalty", CreditRecord, kwargs={"ledger": "functions_credit_penalty"},
                    markers=lambda o: [o.subject_name])
register_list_route("excel:export#functions_credit_license", CreditRecord, kwargs={"ledger": "functions_credit_license"},
                    markers=lambda o: [o.subject_name], owner_sees=False)

# API (/api/functions/...).
register_object_route("api:fn_power_get", PowerItem)
register_object_route("api:fn_power_cancel", PowerItem, body={"adjusted_on": "2021-07-01", "document": "同政办发〔2021〕9号",
                                                             "reason": "职权取消"})
register_object_route("api:fn_request_get", InfoRequest)
register_object_route("api:fn_request_reply", InfoRequest, body={"on": "2021-06-10", "reply_type": "disclose"})
register_object_route("api:fn_credit_get", CreditRecord)
register_object_route("api:fn_credit_report", CreditRecord, body={"on": "2021-06-10"})
register_list_route("api:fn_power_list", PowerItem, markers=lambda o: [o.name])
register_list_route("api:fn_service_check", ServiceItem, markers=lambda o: [o.name], owner_sees=False)
register_list_route("api:fn_request_list", InfoRequest, markers=lambda o: [o.applicant_name])
register_list_route("api:fn_credit_list", CreditRecord, markers=lambda o: [o.subject_name])
register_create_route("api:fn_power_add", PowerAdjustment, body=lambda org: {
    "organization": str(org.code), "adjusted_on": "2021-06-01", "document": "同政办发〔2021〕3号",
    "power_code": _code("QP-"), "name": marker("接口新增职权"), "category": "license", "legal_basis": "某法",
    "subject": "某局"})
register_create_route("api:fn_request_create", InfoRequest, body=lambda org: {
    "organization": str(org.code), "applicant_kind": "citizen", "applicant_name": marker("接口申请人"),
    "channel": "in_person", "submitted_on": "2021-06-01", "content": "某文件"})
