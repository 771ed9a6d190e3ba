"""Excel ledgers (台账) of 公共法律服务: notarizations, consultations, activities, lawyers.

Each row goes through the module's create service (ServiceLedger), so the rules, permission
checks and audit events are those of the forms. Legal-aid cases are not imported: they run a
workflow with statutory deadlines and are entered on the pages."""
from __future__ import annotations

from functools import partial

from fazhi.core.ledgers import Column, OrgLedger, RowProblem, ServiceLedger, register_ledger
from fazhi.core.scoping import scope
from fazhi.legalservice import services
from fazhi.legalservice.choices import (AidCaseType, AidSource, AidStatus, ConsultChannel, ConsultTopic, Eligibility,
                                        NotaryMatter, NotifyingAuthority, QualityGrade)
from fazhi.legalservice.models import Activity, ActivityKind, AidCase, Consultation, Lawyer, Notarization
from fazhi.lib import xlsx

ORG_HELP = "单位全称，须为已有单位且您有登记权限。"
DATE_HELP = "可写作 2021-03-05、2021/3/5 或 2021年3月5日"


def _org_column(example="同心县司法局"):
    return Column("所属单位", "organization", required=True, width=30, example=example, help=ORG_HELP)


def _date(header, field, required=True, example="2021-03-05"):
    return Column(header, field, required=required, parser=xlsx.parse_date, example=example,
                  number_format="yyyy-mm-dd", help=DATE_HELP)


class NotarizationLedger(OrgLedger):
    name = "legalservice_notarizations"
    title = "公证事项"
    model_label = "legalservice.notarization"
    columns = [
        Column("公证书编号", "number", required=True, example="（2021）宁同证字第1号"),
        Column("公证事项", "matter_type", required=True, choices=NotaryMatter.choices, example="继承"),
        Column("申请人", "applicant_name", required=True, example="马某某"),
        Column("承办公证员", "notary", required=True, example="杨某"),
        _date("受理日期", "accepted_on", required=False),
        _date("出证日期", "issued_on"),
        Column("收费（元）", "fee", parser=partial(xlsx.parse_decimal, places=2), example="200"),
        Column("备注", "note"),
        _org_column(),
    ]

    def create(self, actor, data, *, request_id=""):
        return services.notarization_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(Notarization.objects.select_related("organization"), actor).order_by("issued_on", "id")

    def export_values(self, o):
        return [o.number, self.columns[1].label_of(o.matter_type), o.applicant_name, o.notary, o.accepted_on,
                o.issued_on, o.fee, o.note, o.organization.name]


class ConsultationLedger(OrgLedger):
    name = "legalservice_consultations"
    title = "法律咨询"
    model_label = "legalservice.consultation"
    columns = [
        Column("咨询渠道", "channel", required=True, choices=ConsultChannel.choices, example="12348热线电话"),
        _date("咨询日期", "consulted_on"),
        Column("咨询类别", "topic", required=True, choices=ConsultTopic.choices, example="劳动争议与劳动报酬"),
        Column("咨询内容", "question", required=True, width=40, example="包工头拖欠工资怎么办？"),
        Column("解答意见", "answer", width=40),
        Column("后续处理", "follow_up"),
        Column("咨询人", "person_name"),
        Column("联系电话", "phone", parser=xlsx.clean_code),
        Column("人次", "persons", parser=partial(xlsx.parse_int, min_value=1, max_value=100000), example=1,
               help="留空按1人次。"),
        _org_column(),
    ]

    def create(self, actor, data, *, request_id=""):
        data = dict(data)
        data["persons"] = data.get("persons") or 1
        return services.consultation_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(Consultation.objects.select_related("organization"), actor).order_by("consulted_on", "id")

    def export_values(self, o):
        return [self.columns[0].label_of(o.channel), o.consulted_on, self.columns[2].label_of(o.topic), o.question,
                o.answer, o.follow_up, o.person_name, o.phone, o.persons, o.organization.name]


class ActivityLedger(OrgLedger):
    """Activities of every kind; the kind is named in a column (kinds are data, so new kinds import too)."""

    name = "legalservice_activities"
    title = "活动台账"
    model_label = "legalservice.activity"
    columns = [
        Column("活动类别", "kind", required=True, width=26, example="《民法典》等法律法规宣传",
               help="活动类别名称，须为“活动类别”页面中已启用的类别。"),
        Column("活动名称", "title", required=True, width=36, example="《民法典》宣传进社区"),
        _date("日期", "held_on"),
        _date("截止日期", "end_on", required=False, example=""),
        Column("地点/对象", "place"),
        Column("数量", "count", parser=partial(xlsx.parse_int, min_value=0, max_value=10_000_000), example=1,
               help="按类别的数量单位填写；留空按1。"),
        Column("金额（元）", "amount", parser=partial(xlsx.parse_decimal, places=2), help="仅有金额项的类别填写。"),
        Column("覆盖人次", "reach", parser=partial(xlsx.parse_int, min_value=0), help="仅有覆盖人次项的类别填写。"),
        Column("备注", "note"),
        _org_column(),
    ]

    def resolve(self, actor, data, cache):
        data = super().resolve(actor, data, cache)
        kinds = cache.get("kinds")
        if kinds is None:
            kinds = cache["kinds"] = {k.name: k for k in ActivityKind.objects.filter(is_active=True)}
        kind = kinds.get(data["kind"])
        if kind is None:
            raise RowProblem("活动类别", f"活动类别“{data['kind']}”不存在或已停用。")
        return {**data, "kind": kind}

    def create(self, actor, data, *, request_id=""):
        data = dict(data)
        data["count"] = 1 if data.get("count") is None else data["count"]
        return services.activity_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(Activity.objects.select_related("organization", "kind"), actor).order_by("held_on", "id")

    def export_values(self, o):
        return [o.kind.name, o.title, o.held_on, o.end_on, o.place, o.count, o.amount, o.reach, o.note,
                o.organization.name]


class LawyerLedger(OrgLedger):
    name = "legalservice_lawyers"
    title = "法律援助律师名册"
    model_label = "legalservice.lawyer"
    columns = [
        Column("姓名", "name", required=True, example="马某"),
        Column("执业机构", "firm", required=True, width=28, example="宁夏同心律师事务所"),
        Column("执业证号", "license_no", required=True, parser=xlsx.clean_code, width=22, example="16403201510000001"),
        Column("联系电话", "phone", parser=xlsx.clean_code),
        Column("执业年限", "years_practice", parser=partial(xlsx.parse_int, min_value=0, max_value=70), example=5),
        _org_column(),
    ]

    def create(self, actor, data, *, request_id=""):
        data = dict(data)
        data["years_practice"] = data.get("years_practice") or 0
        return services.lawyer_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(Lawyer.objects.select_related("organization"), actor).order_by("name", "id")

    def export_values(self, o):
        return [o.name, o.firm, o.license_no, o.phone, o.years_practice, o.organization.name]


class AidCaseLedger(ServiceLedger):
    """Export only: cases are received, reviewed and assigned in the system (the statutory deadlines
    are registered by those steps), so there is no import."""

    name = "legalservice_aid_cases"
    title = "法律援助案件"
    model_label = "legalservice.aidcase"
    notes = ["法律援助案件只导出、不导入：受理、审查、指派、结案、归档须在系统中办理，以登记法定期限。"]
    columns = [
        Column("案件编号", "number"), Column("来源", "source", choices=AidSource.choices),
        Column("案件类型", "case_type", choices=AidCaseType.choices),
        Column("通知机关", "notifying_authority", choices=NotifyingAuthority.choices),
        Column("受援人", "applicant_name"), Column("案由/援助事项", "matter", width=28),
        Column("援助条件", "eligibility", choices=Eligibility.choices, width=30),
        _date("收到申请/通知日期", "received_on"), _date("受理日期", "accepted_on", required=False),
        Column("承办律师", "lawyer"), _date("指派日期", "assigned_on", required=False),
        _date("结案日期", "closed_on", required=False), _date("归档日期", "archived_on", required=False),
        Column("质量评估得分", "quality_score"), Column("质量等级", "quality_grade", choices=QualityGrade.choices),
        Column("状态", "status", choices=AidStatus.choices), _org_column(),
    ]

    def can_import(self, actor) -> bool:
        return False

    def create(self, actor, data, *, request_id=""):
        raise RowProblem(None, "法律援助案件不能导入。")

    def export_queryset(self, actor):
        return scope(AidCase.objects.select_related("organization", "lawyer"), actor).order_by("received_on", "id")

    def export_values(self, c):
        col = {x.field: x for x in self.columns}
        return [c.number, col["source"].label_of(c.source), col["case_type"].label_of(c.case_type),
                col["notifying_authority"].label_of(c.notifying_authority) if c.notifying_authority else "",
                c.applicant_name, c.matter, col["eligibility"].label_of(c.eligibility), c.received_on, c.accepted_on,
                c.lawyer.name if c.lawyer else "", c.assigned_on, c.closed_on, c.archived_on, c.quality_score,
                col["quality_grade"].label_of(c.quality_grade) if c.quality_grade else "",
                col["status"].label_of(c.status), c.organization.name]


register_ledger(AidCaseLedger())
register_ledger(NotarizationLedger())
register_ledger(ConsultationLedger())
register_ledger(ActivityLedger())
register_ledger(LawyerLedger())
