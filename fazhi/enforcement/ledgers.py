"""Excel ledgers (台账) of 行政执法: officers (import + export), cases (historical import + ledger export),
and the 双公示 field sets (ANCHORS.md §3.3 行政许可, §3.4 行政处罚; export only, citizen names masked).

Rows go through the module's services (ServiceLedger), so rules, permission and audit are the forms'."""
from __future__ import annotations

from fazhi.core.ledgers import Column, OrgLedger, RowProblem, register_ledger
from fazhi.core.scoping import scope
from fazhi.enforcement import services as sv
from fazhi.enforcement.choices import (
    Category,
    OfficerStatus,
    PartyType,
    PenaltyKind,
    Procedure,
)
from fazhi.enforcement.models import Case, Officer
from fazhi.lib import xlsx
from fazhi.lib.masking import mask_name

DATE_HELP = "可写作 2021-03-05、2021/3/5 或 2021年3月5日"
YES_NO = [("yes", "是"), ("no", "否")]


def _org_column(example="同心县市场监督管理局"):
    return Column("所属单位", "organization", required=True, width=30, example=example,
                  help="单位全称，须为已有单位且您有登记权限。")


def _date(header, field, required=True, example="2021-03-05"):
    return Column(header, field, required=required, parser=xlsx.parse_date, example=example,
                  number_format="yyyy-mm-dd", help=DATE_HELP)


def _money(header, field):
    return Column(header, field, parser=lambda v: xlsx.parse_decimal(v, places=2), number_format="0.00")


class OfficerLedger(OrgLedger):
    name = "enforcement_officers"
    title = "行政执法人员名册"
    model_label = "enforcement.officer"
    notes = ["执法证号全县唯一；身份证号须通过校验；有效期至不能早于发证日期。"]
    columns = [
        Column("姓名", "name", required=True, example="马某"),
        Column("身份证号", "id_number", required=True, parser=xlsx.clean_code, width=22),
        Column("执法证号", "cert_no", required=True, parser=xlsx.clean_code, width=18, example="64032400001"),
        Column("执法领域", "field", example="市场监管"), Column("内设机构", "unit", example="执法一中队"),
        _date("首次取得执法资格日期", "first_certified_on"), _date("发证日期", "issued_on"),
        _date("有效期至", "expires_on", example="2026-03-04"),
        Column("证件状态", "status", required=True, choices=OfficerStatus.choices, example="有效"),
        Column("年度培训学时", "training_hours", parser=lambda v: xlsx.parse_int(v, min_value=0, max_value=1000),
               example=60),
        Column("法制审核员", "is_legal_reviewer", choices=YES_NO, example="否"),
        Column("具有法律职业资格", "has_legal_qualification", choices=YES_NO, example="否"),
        _org_column(),
    ]

    def create(self, actor, data, *, request_id=""):
        data = dict(data)
        for k in ("is_legal_reviewer", "has_legal_qualification"):
            data[k] = data.get(k) == "yes"
        data["training_hours"] = data.get("training_hours") or 0
        return sv.officer_save(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(Officer.objects.select_related("organization"), actor).order_by("organization__sort_order", "name", "id")

    def export_values(self, o):
        yn = {True: "是", False: "否"}
        return [o.name, o.id_number, o.cert_no, o.field, o.unit, o.first_certified_on, o.issued_on, o.expires_on,
                o.get_status_display(), o.training_hours, yn[o.is_legal_reviewer], yn[o.has_legal_qualification],
                o.organization.name]


class CaseLedger(OrgLedger):
    name = "enforcement_cases"
    title = "行政执法案件台账"
    model_label = "enforcement.case"
    notes = ["导入用于平台启用前的历史案件（已作出决定或已结案）；新案件请在系统中立案办理，以执行法定程序要求。",
             "执法人员填执法证号，多个用顿号分隔，须已在本单位登记。"]
    columns = [
        Column("案号", "number", required=True, width=26, example="同市监罚〔2021〕1号"),
        Column("执法类别", "kind", required=True, choices=Category.choices, example="行政处罚"),
        Column("程序", "procedure", choices=Procedure.choices, example="普通程序"),
        Column("案由", "title", required=True, width=30, example="销售过期食品案"),
        Column("当事人类别", "party_type", required=True, choices=PartyType.choices, example="法人或其他组织"),
        Column("当事人", "party_name", required=True, width=26, example="同心县某商贸有限公司"),
        Column("身份证号", "party_id_number", parser=xlsx.clean_code, width=22),
        Column("统一社会信用代码", "party_credit_code", parser=xlsx.clean_code, width=22),
        _date("立案日期", "filed_on"), _date("决定日期", "decided_on", required=False),
        Column("决定书文号", "decision_number", width=26),
        Column("处罚种类", "penalty_kind", choices=PenaltyKind.choices),
        _money("罚款金额（元）", "fine_amount"),
        Column("重大执法决定", "is_major", choices=YES_NO, example="否"),
        _date("法制审核日期", "reviewed_on", required=False),
        _date("公示日期", "published_on", required=False), _date("结案日期", "closed_on", required=False),
        Column("执法人员执法证号", "officer_certs", parser=xlsx.split_multi, width=30, blank=[]),
        _org_column(),
    ]

    def create(self, actor, data, *, request_id=""):
        data = {k: ("" if v is None and k in ("party_id_number", "party_credit_code", "decision_number", "penalty_kind",
                                               "procedure") else v) for k, v in data.items()}
        data["is_major"] = data.get("is_major") == "yes"
        certs = data.pop("officer_certs", None) or []
        if isinstance(certs, str):
            certs = xlsx.split_multi(certs)
        return sv.case_import(actor=actor, request_id=request_id, officer_certs=certs, **data)

    def export_queryset(self, actor):
        return scope(Case.objects.select_related("organization").prefetch_related("officers"), actor) \
            .order_by("filed_on", "id")

    def export_values(self, c):
        return [c.number, c.get_kind_display(), c.get_procedure_display(), c.title, c.get_party_type_display(),
                c.party_name, c.party_id_number, c.party_credit_code, c.filed_on, c.decided_on, c.decision_number,
                c.get_penalty_kind_display() if c.penalty_kind else "", c.fine_amount, "是" if c.is_major else "否",
                c.reviewed_on, c.published_on, c.closed_on, "、".join(o.cert_no for o in c.officers.all()),
                c.organization.name]


class _CreditLedger(OrgLedger):
    """Export only: decisions in the 双公示 field set; natural persons masked (张某), no ID numbers."""

    kind = ""

    def can_import(self, actor) -> bool:
        return False

    def create(self, actor, data, *, request_id=""):
        raise RowProblem(None, "双公示信息由执法决定生成，不能导入。")

    def export_queryset(self, actor):
        return scope(Case.objects.select_related("organization", "item"), actor).filter(
            kind=self.kind, decided_on__isnull=False, withdrawn_on__isnull=True).order_by("decided_on", "id")

    def export_values(self, c):
        f = sv._credit_fields(c)
        if c.party_type == PartyType.CITIZEN:
            f["行政相对人名称"] = mask_name(c.party_name)
        return [f.get(col.header, "") for col in self.columns]


def _cols(headers):
    return [Column(h, h, width=20) for h in headers]


class CreditPenaltyLedger(_CreditLedger):
    name = "enforcement_credit_penalty"
    title = "双公示：行政处罚信息"
    model_label = "enforcement.case"
    kind = Category.PENALTY
    columns = _cols(["行政相对人名称", "行政相对人类别", "统一社会信用代码", "行政处罚决定书文号", "违法行为类型", "违法事实",
                     "处罚依据", "处罚类别", "处罚内容", "罚款金额(万元)", "没收违法所得、没收非法财物的金额(万元)",
                     "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位",
                     "数据来源单位统一社会信用代码", "备注"])


class CreditLicenseLedger(_CreditLedger):
    name = "enforcement_credit_license"
    title = "双公示：行政许可信息"
    model_label = "enforcement.case"
    kind = Category.LICENSE
    columns = _cols(["行政相对人名称", "行政相对人类别", "统一社会信用代码", "行政许可决定文书名称", "行政许可决定文书号",
                     "许可类别", "许可内容", "许可决定日期", "有效期自", "许可机关", "许可机关统一社会信用代码", "当前状态",
                     "数据来源单位", "数据来源单位统一社会信用代码", "备注"])


register_ledger(OfficerLedger())
register_ledger(CaseLedger())
register_ledger(CreditPenaltyLedger())
register_ledger(CreditLicenseLedger())
