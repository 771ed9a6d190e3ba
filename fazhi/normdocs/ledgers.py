"""Excel ledgers of 行政规范性文件: the registry (export; drafts may be imported as 起草 records) and a cleanup
campaign's corpus (import + export). Rows go through the module's services (ServiceLedger)."""
from __future__ import annotations

from fazhi.core.ledgers import (
    Column,
    OrgLedger,
    RowProblem,
    ServiceLedger,
    register_ledger,
)
from fazhi.core.scoping import scope, visible_orgs
from fazhi.lib import xlsx
from fazhi.normdocs import services as sv
from fazhi.normdocs.choices import DocClass, DocState, Outcome
from fazhi.normdocs.models import Campaign, CorpusDoc, NormDoc

DATE_HELP = "可写作 2021-03-05、2021/3/5 或 2021年3月5日"


def _date(header, field, required=True, example="2021-03-05"):
    return Column(header, field, required=required, parser=xlsx.parse_date, example=example,
                  number_format="yyyy-mm-dd", help=DATE_HELP)


class DocLedger(OrgLedger):
    name = "normdocs_docs"
    title = "行政规范性文件登记台账"
    model_label = "normdocs.normdoc"
    notes = ["导入的文件登记为“起草”状态；征求意见、审核、审议、登记编号、公布、备案须在系统中逐步办理。"]
    columns = [
        Column("文件名称", "title", required=True, width=40, example="同心县城区养犬管理办法"),
        Column("制定机关", "issuer", required=True, width=24, example="同心县人民政府"),
        Column("发文字号", "doc_number", width=20, example="同政发〔2021〕12号"),
        _date("起草日期", "drafted_on"),
        Column("制定依据", "legal_basis", width=30),
        Column("正文", "text", width=40),
        Column("起草单位", "organization", required=True, width=28, example="同心县司法局",
               help="单位全称，须为已有单位且您有登记权限。"),
        Column("统一登记编号", "reg_number", width=20, help="导出用，导入时忽略。"),
        Column("状态", "state", choices=DocState.choices, help="导出用，导入时忽略。"),
        _date("公布日期", "published_on", required=False), _date("备案期限", "filing_due_on", required=False),
        _date("报上级政府备案日期", "filed_gov_on", required=False), _date("报人大常委会备案日期", "filed_npc_on", required=False),
        _date("有效期至", "expires_on", required=False),
    ]
    permission_column = "起草单位"

    def create(self, actor, data, *, request_id=""):
        keep = ("title", "issuer", "doc_number", "drafted_on", "legal_basis", "text", "organization")
        return sv.normdoc_create(actor=actor, request_id=request_id, **{k: data.get(k) or ("" if k not in (
            "drafted_on", "organization") else data.get(k)) for k in keep})

    def export_queryset(self, actor):
        return scope(NormDoc.objects.select_related("organization"), actor).order_by("-drafted_on", "-id")

    def export_values(self, o):
        return [o.title, o.issuer, o.doc_number, o.drafted_on, o.legal_basis, o.text[:30000], o.organization.name,
                o.reg_number, o.get_state_display(), o.published_on, o.filing_due_on, o.filed_gov_on, o.filed_npc_on,
                o.expires_on]


class CorpusLedger(ServiceLedger):
    """清理文件库: metadata and text of each document of a campaign (all-or-nothing, errors by row and column)."""
    name = "normdocs_corpus"
    title = "规范性文件清理文件库"
    model_label = "normdocs.corpusdoc"
    permission_column = "清理工作"
    columns = [
        Column("清理工作", "campaign", required=True, width=30, example="同心县2021年行政规范性文件清理",
               help="清理工作名称，须为已建立的清理工作。"),
        Column("文件名称", "title", required=True, width=40, example="同心县人民政府关于加强城市管理的通知"),
        Column("制定机关", "issuer", required=True, width=24, example="同心县人民政府"),
        Column("发文字号", "doc_number", width=20, example="同政发〔2015〕12号"),
        _date("印发日期", "issued_on", example="2015-03-05"),
        _date("有效期至", "expires_on", required=False, example=""),
        Column("已公开发布", "published", choices=[("yes", "是"), ("no", "否")], example="是"),
        Column("正文", "text", width=40),
        Column("清理类别", "doc_class", choices=[c for c in DocClass.choices if c[0]], help="导出用，导入时忽略。"),
        Column("清理结果", "outcome", choices=[c for c in Outcome.choices if c[0]], help="导出用，导入时忽略。"),
        Column("清理理由", "outcome_reason", help="导出用，导入时忽略。"),
    ]

    def resolve(self, actor, data, cache):
        index = cache.get("campaigns")
        if index is None:
            qs = Campaign.objects.all() if actor is None else Campaign.objects.filter(organization__in=visible_orgs(actor))
            index = {}
            for c in qs:
                index.setdefault(c.title, []).append(c)
            cache["campaigns"] = index
        found = index.get(data["campaign"], [])
        if not found:
            raise RowProblem("清理工作", f"清理工作“{data['campaign']}”不存在或您无权查看。")
        if len(found) > 1:
            raise RowProblem("清理工作", f"名称为“{data['campaign']}”的清理工作不止一个，无法确定。")
        return {**data, "campaign": found[0]}

    def create(self, actor, data, *, request_id=""):
        return sv.corpus_add(actor=actor, campaign=data["campaign"], request_id=request_id, title=data["title"],
                             issuer=data["issuer"], doc_number=data["doc_number"], issued_on=data["issued_on"],
                             expires_on=data["expires_on"], published=data["published"] != "no", text=data["text"],
                             source="Excel")

    def export_queryset(self, actor):
        return scope(CorpusDoc.objects.select_related("campaign"), actor).order_by("campaign", "-issued_on", "id")

    def export_values(self, o):
        return [o.campaign.title, o.title, o.issuer, o.doc_number, o.issued_on, o.expires_on, "yes" if o.published else "no",
                o.text[:30000], o.doc_class, o.outcome, o.outcome_reason]


register_ledger(DocLedger())
register_ledger(CorpusLedger())
