"""Excel ledgers (台账) of 政府职能.

Rows go through the module's services (ServiceLedger), so rules, permissions and audit events are
those of the forms; an import is all-or-nothing with errors by row and column (core framework).

- ``functions_power``: the 权责清单 as first published (import: baseline items with their 生效日期;
  later changes are adjustments made on the pages); export: the list in force today.
- ``functions_adjustments``, ``functions_requests``: export only (they are workflow records).
- ``functions_services`` / ``functions_upper``: the local catalog and the upper-level (自治区) catalog.
- ``functions_credit_license`` / ``functions_credit_penalty``: 双公示 in the standard field set of
  ANCHORS.md §3.3 / §3.4 — exactly those columns, in that order, on export and import (the unit is the
  one named in 数据来源单位).
"""
from __future__ import annotations

from functools import partial

from django.utils import timezone

from fazhi.core.ledgers import (
    Column,
    OrgLedger,
    RowProblem,
    ServiceLedger,
    register_ledger,
    resolve_org,
)
from fazhi.core.scoping import scope
from fazhi.functions import credit_fields as cf
from fazhi.functions import selectors as sel
from fazhi.functions import services as sv
from fazhi.functions.choices import (
    RESPONSIBILITY_STAGES,
    AdjustmentKind,
    ApplicantKind,
    CreditKind,
    CreditSource,
    CreditStatus,
    DisclosureArea,
    DisclosureChannel,
    MediaPlatform,
    OnlineDepth,
    PowerCategory,
    ReplyType,
    RequestChannel,
    RequestState,
    ServiceItemType,
    ServiceLevel,
)
from fazhi.functions.models import (
    CreditRecord,
    Disclosure,
    InfoRequest,
    NewMediaAccount,
    PowerAdjustment,
    PowerItem,
    ServiceItem,
    UpperServiceItem,
)
from fazhi.lib import xlsx

ORG_HELP = "单位全称，须为已有单位且您有登记权限。"
DATE_HELP = "可写作 2021-03-05、2021/3/5 或 2021年3月5日"


def _org_column(example="同心县市场监督管理局", header="所属单位"):
    return Column(header, "organization", required=True, width=30, example=example, help=ORG_HELP)


def _date(header, field, required=True, example="2021-03-05"):
    return Column(header, field, required=required, parser=xlsx.parse_date, example=example,
                  number_format="yyyy-mm-dd", help=DATE_HELP)


def _bool(value):
    text = xlsx.clean_text(value)
    if text in ("是", "Y", "y", "1", "TRUE", "True", "true", "√"):
        return True
    if text in ("否", "N", "n", "0", "FALSE", "False", "false", ""):
        return False
    raise xlsx.CellError("请填写“是”或“否”。")


def _stage_columns():
    return [Column(f"责任事项-{s}", f"stage:{s}", width=30) for s in RESPONSIBILITY_STAGES]


class PowerLedger(OrgLedger):
    name = "functions_power"
    title = "权责清单"
    model_label = "functions.poweritem"
    notes = ["导入为清单初始版本（生效日期即清单公布日期）；此后的新增、变更、取消、赋权、下放请在系统中逐项办理，以保留调整记录。",
             "导出为今天有效的清单。"]
    columns = [
        Column("职权编码", "power_code", required=True, parser=xlsx.clean_code, example="640324-SCJ-CF-0001"),
        Column("职权名称", "name", required=True, width=36, example="对无照经营行为的处罚"),
        Column("职权类型", "category", required=True, choices=PowerCategory.choices, example="行政处罚"),
        Column("实施依据", "legal_basis", required=True, width=40, example="《无证无照经营查处办法》第十三条"),
        Column("实施主体", "subject", required=True, width=24, example="同心县市场监督管理局"),
        Column("行政相对人类别", "counterpart", example="公民、法人和其他组织"),
        *_stage_columns(),
        Column("追责情形", "accountability", width=40),
        _date("生效日期", "valid_from", example="2020-06-30"),
        _org_column(),
    ]

    def create(self, actor, data, *, request_id=""):
        data = dict(data)
        resp = {}
        for s in RESPONSIBILITY_STAGES:
            text = data.pop(f"stage:{s}", "")
            if text:
                resp[s] = text
        return sv.power_register(actor=actor, request_id=request_id, responsibilities=resp, **data)

    def export_queryset(self, actor):
        return sel.in_force_on(scope(PowerItem.objects.select_related("organization"), actor),
                               timezone.localdate()).order_by("organization__sort_order", "power_code", "id")

    def export_values(self, p):
        return [p.power_code, p.name, p.get_category_display(), p.legal_basis, p.subject, p.counterpart,
                *[(p.responsibilities or {}).get(s, "") for s in RESPONSIBILITY_STAGES], p.accountability,
                p.valid_from, p.organization.name]


class _ExportOnly(ServiceLedger):
    def can_import(self, actor) -> bool:
        return False

    def create(self, actor, data, *, request_id=""):
        raise RowProblem(None, f"{self.title}只导出、不导入，请在系统中办理。")


class AdjustmentLedger(_ExportOnly):
    name = "functions_adjustments"
    title = "权责清单调整记录"
    model_label = "functions.poweradjustment"
    notes = ["调整记录只导出、不导入：每项调整须在系统中办理并载明依据文件。"]
    columns = [_date("调整日期", "adjusted_on"), Column("调整类型", "kind", choices=AdjustmentKind.choices),
               Column("职权编码", "power_code"), Column("职权名称", "power_name", width=36),
               Column("承接乡镇", "township"), Column("依据文件", "document", width=40), Column("调整理由", "reason"),
               _org_column()]

    def export_queryset(self, actor):
        return scope(PowerAdjustment.objects.select_related("organization", "township"), actor).order_by(
            "adjusted_on", "id")

    def export_values(self, a):
        return [a.adjusted_on, a.get_kind_display(), a.power_code, a.power_name, a.township.name if a.township else "",
                a.document, a.reason, a.organization.name]


def _service_columns(with_hierarchy: bool):
    cols = [
        Column("事项编码", "item_code", required=True, parser=xlsx.clean_code, example="XK00001000"),
        Column("事项名称", "name", required=True, width=36, example="食品经营许可"),
        Column("事项类型", "item_type", required=True, choices=ServiceItemType.choices, example="行政许可"),
        Column("主管部门", "department", required=True, width=24, example="县级市场监督管理部门"),
        Column("实施机关", "agency", required=True, width=24, example="同心县市场监督管理局"),
        Column("设定和实施依据", "basis", required=True, width=40, example="《中华人民共和国食品安全法》第三十五条"),
        Column("事项层级", "level", required=True, choices=ServiceLevel.choices, example="主项"),
    ]
    if with_hierarchy:
        cols += [Column("上级事项编码", "parent", parser=xlsx.clean_code, help="子项、办理项填写；上级事项须在文件中排在前面或已登记。"),
                 Column("网上可办", "online", parser=_bool, blank=False, example="是"),
                 Column("网办深度", "depth", choices=OnlineDepth.choices, example="四级：全程网办（零跑动）"),
                 Column("在用", "in_force", parser=_bool, blank=True, example="是"),
                 Column("承诺办结时限（工作日）", "time_limit_days", parser=partial(xlsx.parse_int, min_value=0, max_value=3650))]
    return cols


class ServiceLedger_(OrgLedger):
    name = "functions_services"
    title = "政务服务事项目录"
    model_label = "functions.serviceitem"
    columns = [*_service_columns(True), _org_column()]

    def resolve(self, actor, data, cache):
        data = super().resolve(actor, data, cache)
        parent = data.get("parent")
        if parent:
            obj = ServiceItem.objects.filter(organization=data["organization"], item_code=parent).first()
            if obj is None:
                raise RowProblem("上级事项编码", f"本单位没有事项编码为“{parent}”的事项。")
            data["parent"] = obj
        else:
            data["parent"] = None
        if not data.get("depth"):
            data["depth"] = OnlineDepth.NONE
        return data

    def create(self, actor, data, *, request_id=""):
        return sv.service_item_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(ServiceItem.objects.select_related("organization", "parent"), actor).order_by("item_code", "id")

    def export_values(self, s):
        return [s.item_code, s.name, s.get_item_type_display(), s.department, s.agency, s.basis, s.get_level_display(),
                s.parent.item_code if s.parent else "", "是" if s.online else "否", s.get_depth_display(),
                "是" if s.in_force else "否", s.time_limit_days, s.organization.name]


class UpperLedger(OrgLedger):
    name = "functions_upper"
    title = "上级政务服务事项目录"
    model_label = "functions.upperserviceitem"
    notes = ["自治区下发的政务服务事项目录（六个基本要素）；导入后在“四级四同核对”页面与本级事项比对。",
             "所属单位填写导入目录的单位（一般为审批服务管理局）。"]
    columns = [*_service_columns(False), Column("目录版本", "catalog_version", example="宁夏政务服务事项基本目录（2021年版）"),
               _org_column("同心县审批服务管理局")]

    def create(self, actor, data, *, request_id=""):
        return sv.upper_item_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(UpperServiceItem.objects.select_related("organization"), actor).order_by("item_code", "id")

    def export_values(self, u):
        return [u.item_code, u.name, u.get_item_type_display(), u.department, u.agency, u.basis, u.get_level_display(),
                u.catalog_version, u.organization.name]


class DisclosureLedger(OrgLedger):
    name = "functions_disclosures"
    title = "主动公开政府信息"
    model_label = "functions.disclosure"
    columns = [
        Column("信息标题", "title", required=True, width=40, example="同心县2021年部门预算公开说明"),
        Column("公开领域", "area", required=True, choices=DisclosureArea.choices, example="财政"),
        Column("文号", "doc_number"),
        _date("形成（变更）日期", "formed_on"),
        _date("公开日期", "published_on", required=False, example="2021-03-10"),
        Column("公开渠道", "channel", choices=DisclosureChannel.choices, example="政府网站"),
        Column("链接", "url", width=30),
        _org_column(),
    ]

    def create(self, actor, data, *, request_id=""):
        data = dict(data)
        data["channel"] = data.get("channel") or DisclosureChannel.WEBSITE
        return sv.disclosure_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(Disclosure.objects.select_related("organization"), actor).order_by("formed_on", "id")

    def export_values(self, d):
        return [d.title, d.get_area_display(), d.doc_number, d.formed_on, d.published_on, d.get_channel_display(),
                d.url, d.organization.name]


class RequestLedger(_ExportOnly):
    name = "functions_requests"
    title = "政府信息公开申请办理台账"
    model_label = "functions.inforequest"
    notes = ["依申请公开只导出、不导入：各办理环节的期限须在系统中计算（政府信息公开条例第三十条至第三十六条）。"]
    columns = [Column("申请编号", "number"), Column("申请人类型", "applicant_kind", choices=ApplicantKind.choices),
               Column("申请人", "applicant_name"), Column("提交方式", "channel", choices=RequestChannel.choices),
               _date("收到申请之日", "received_on"), Column("申请内容", "content", width=40),
               _date("答复期限", "reply_due"), Column("状态", "state", choices=RequestState.choices),
               _date("答复日期", "replied_on", required=False), Column("答复类型", "reply_type", choices=ReplyType.choices),
               _org_column()]

    def export_queryset(self, actor):
        return scope(InfoRequest.objects.select_related("organization"), actor).order_by("received_on", "id")

    def export_values(self, r):
        return [r.number, r.get_applicant_kind_display(), r.applicant_name, r.get_channel_display(), r.received_on,
                r.content, r.reply_due, r.get_state_display(), r.replied_on,
                r.get_reply_type_display() if r.reply_type else "", r.organization.name]


class MediaLedger(OrgLedger):
    name = "functions_media"
    title = "政务新媒体"
    model_label = "functions.newmediaaccount"
    columns = [Column("账号名称", "name", required=True, example="平安同心"),
               Column("平台", "platform", required=True, choices=MediaPlatform.choices, example="微信公众号"),
               Column("账号ID", "account_id"), _date("开设日期", "opened_on"),
               _date("关停（注销）日期", "closed_on", required=False), Column("运维单位/责任人", "operator"),
               _date("备案日期", "filed_on", required=False), _org_column("同心县公安局")]

    def create(self, actor, data, *, request_id=""):
        return sv.media_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(NewMediaAccount.objects.select_related("organization"), actor).order_by("opened_on", "id")

    def export_values(self, m):
        return [m.name, m.get_platform_display(), m.account_id, m.opened_on, m.closed_on, m.operator, m.filed_on,
                m.organization.name]


def _credit_column(name: str, required: set[str]) -> Column:
    if name in cf.DATE_FIELDS:
        return _date(name, name, required=name in required)
    if name in cf.AMOUNT_FIELDS:
        return Column(name, name, parser=partial(xlsx.parse_decimal, places=6), help="单位：万元。")
    if name == "行政相对人类别":
        return Column(name, name, required=True, choices=[(c, c) for c in cf.SUBJECT_CATEGORIES])
    if name in ("统一社会信用代码", "证件号码") or name.endswith("统一社会信用代码"):
        return Column(name, name, required=name in required, parser=xlsx.clean_code, width=22)
    return Column(name, name, required=name in required, width=30 if name in ("违法事实", "处罚依据", "许可内容") else 18)


class CreditLedger(ServiceLedger):
    """双公示 in the standard field set: exactly the template's columns, nothing else."""

    kind = ""
    permission_column = "数据来源单位"

    def resolve(self, actor, data, cache):
        return {"organization": resolve_org(actor, data["数据来源单位"], cache, "数据来源单位"),
                "fields": {k: v for k, v in data.items() if v not in (None, "")}}

    def create(self, actor, data, *, request_id=""):
        return sv.credit_record_create(actor=actor, organization=data["organization"], kind=self.kind,
                                       fields=data["fields"], source=CreditSource.IMPORT, request_id=request_id)

    def errors_from(self, number, exc, default_column=None):
        errors = super().errors_from(number, exc, default_column)
        out = []
        for e in errors:        # "“处罚类别”为必填字段。" → the 处罚类别 column
            column = next((n for n in cf.fields_of(self.kind) if e.message.startswith(f"“{n}”")), e.column)
            out.append(type(e)(e.row, column, e.message))
        return out

    def export_queryset(self, actor):
        return scope(CreditRecord.objects.select_related("organization"), actor).filter(kind=self.kind).exclude(
            status=CreditStatus.WITHDRAWN).order_by("decided_on", "id")

    def export_values(self, r):
        out = []
        for name in cf.fields_of(self.kind):
            value = r.fields.get(name, "")
            if name in cf.DATE_FIELDS and value:
                value = xlsx.parse_date(value)
            out.append(value)
        return out


class CreditLicenseLedger(CreditLedger):
    name = "functions_credit_license"
    title = "双公示行政许可信息"
    model_label = "functions.creditrecord"
    kind = CreditKind.LICENSE
    notes = ["列名与“信用中国”行政许可信息报送模板一致（标准字段），导出后可直接上传；已撤下的信息不导出。"]
    columns = [_credit_column(n, set(cf.LICENSE_REQUIRED)) for n in cf.LICENSE_FIELDS]


class CreditPenaltyLedger(CreditLedger):
    name = "functions_credit_penalty"
    title = "双公示行政处罚信息"
    model_label = "functions.creditrecord"
    kind = CreditKind.PENALTY
    notes = ["列名与“信用中国”行政处罚信息报送模板一致（标准字段），导出后可直接上传；已撤下的信息不导出。"]
    columns = [_credit_column(n, set(cf.PENALTY_REQUIRED)) for n in cf.PENALTY_FIELDS]


for _ledger in (PowerLedger(), AdjustmentLedger(), ServiceLedger_(), UpperLedger(), DisclosureLedger(), RequestLedger(),
                MediaLedger(), CreditLicenseLedger(), CreditPenaltyLedger()):
    register_ledger(_ledger)
