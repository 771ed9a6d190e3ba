"""Excel ledgers (台账) of 重大行政决策: the advisers' roster and work log (import + export), and the
decisions (export only: the procedure runs in the system, where its guards apply).

Rows go through the module's services (ServiceLedger), so rules, permission and audit are the forms'."""
from __future__ import annotations

from collections import defaultdict

from fazhi.core.ledgers import Column, OrgLedger, RowProblem, ServiceLedger, register_ledger
from fazhi.core.scoping import scope
from fazhi.decisions import services as sv
from fazhi.decisions.choices import AdviserKind, DecisionState, OpinionSubject, WorkKind
from fazhi.decisions.models import Adviser, AdviserWork, Decision
from fazhi.lib import xlsx

DATE_HELP = "可写作 2021-03-05、2021/3/5 或 2021年3月5日"


def _org_column(example="同心县人民政府"):
    return Column("所属单位", "organization", required=True, width=30, example=example,
                  help="单位全称，须为已有单位且您有登记权限。")


def _date(header, field, required=True, example="2021-03-05"):
    return Column(header, field, required=required, parser=xlsx.parse_date, example=example,
                  number_format="yyyy-mm-dd", help=DATE_HELP)


class AdviserLedger(OrgLedger):
    name = "decisions_advisers"
    title = "法律顾问和公职律师名册"
    model_label = "decisions.adviser"
    columns = [
        Column("姓名", "name", required=True, example="马某"),
        Column("类别", "kind", required=True, choices=AdviserKind.choices, example="法律顾问"),
        Column("所在单位/律师事务所", "employer", width=28, example="宁夏同心律师事务所"),
        Column("执业证号/公职律师证号", "license_no", parser=xlsx.clean_code, width=22),
        Column("聘用合同编号", "contract_no", width=22, example="同政法顾〔2021〕1号"),
        _date("聘期开始", "term_start", required=False), _date("聘期结束", "term_end", required=False),
        _org_column(),
    ]

    def create(self, actor, data, *, request_id=""):
        data = {k: (v if v is not None else "") if k not in ("term_start", "term_end") else v for k, v in data.items()}
        return sv.adviser_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(Adviser.objects.select_related("organization"), actor).order_by("kind", "name", "id")

    def export_values(self, o):
        return [o.name, self.columns[1].label_of(o.kind), o.employer, o.license_no, o.contract_no, o.term_start,
                o.term_end, o.organization.name]


class WorkLedger(OrgLedger):
    name = "decisions_adviser_work"
    title = "法律顾问工作台账"
    model_label = "decisions.adviserwork"
    notes = ["法律顾问按姓名在所属单位的名册中查找；对重大行政决策的审核意见请在决策程序中出具（自动登记）。"]
    columns = [
        Column("法律顾问", "adviser", required=True, example="马某"),
        Column("工作类型", "kind", required=True, choices=WorkKind.choices, example="合法性审核意见"),
        _date("日期", "on"),
        Column("事项", "title", required=True, width=36, example="对招商引资合作协议出具合法性审核意见"),
        Column("审核对象类别", "subject_kind", choices=[c for c in OpinionSubject.choices if c[0] != "decision"],
               example="合同协议"),
        Column("审核对象（名称/文号）", "subject_ref", width=28, example="招商引资合作协议"),
        Column("案号", "case_number", width=24),
        Column("意见/工作内容", "content", width=40),
        _org_column(),
    ]

    def resolve(self, actor, data, cache):
        data = super().resolve(actor, data, cache)
        org = data["organization"]
        key = ("advisers", org.pk)
        if key not in cache:
            cache[key] = defaultdict(list)
            for a in Adviser.objects.filter(organization=org):
                cache[key][a.name].append(a)
        found = cache[key].get(data["adviser"], [])
        if len(found) != 1:
            raise RowProblem("法律顾问", f"所属单位的名册中{'没有' if not found else '不止一个'}名为“{data['adviser']}”的法律顾问。")
        return {**data, "adviser": found[0]}

    def create(self, actor, data, *, request_id=""):
        data = {k: ("" if v is None else v) for k, v in data.items()}
        return sv.adviser_work_add(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(AdviserWork.objects.select_related("organization", "adviser", "decision"), actor).order_by("on", "id")

    def export_values(self, w):
        col = {x.field: x for x in self.columns}
        subject = OpinionSubject(w.subject_kind).label if w.subject_kind else ""
        return [w.adviser.name, col["kind"].label_of(w.kind), w.on, w.title, subject,
                w.decision.title if w.decision_id else w.subject_ref, w.case_number, w.content, w.organization.name]


class DecisionLedger(ServiceLedger):
    """Export only: each step runs in the system, where the 条例's guards apply."""

    name = "decisions_decisions"
    title = "重大行政决策程序台账"
    model_label = "decisions.decision"
    notes = ["重大行政决策只导出、不导入：各程序环节须在系统中办理，以执行条例规定的程序要求。"]
    columns = [
        Column("决策事项", "title", width=36), Column("承办单位", "undertaking_unit", width=24),
        Column("程序环节", "state", choices=DecisionState.choices),
        _date("启动日期", "started_on"), _date("征求意见开始", "comment_opens_on", required=False),
        _date("征求意见截止", "comment_closes_on", required=False),
        Column("免于公众参与理由", "consultation_skip_reason"), Column("免于专家论证理由", "expert_skip_reason"),
        Column("风险等级", "risk_level"), Column("免于风险评估理由", "risk_skip_reason"),
        _date("合法性审查完成", "legality_done_on", required=False), Column("审查结论", "legality_conclusion"),
        _date("集体讨论日期", "meeting_on", required=False), Column("会议名称", "meeting_name", width=28),
        _date("请示报告日期", "party_reported_on", required=False), _date("公布日期", "published_on", required=False),
        _date("人大常委会备案日期", "npc_filed_on", required=False), _date("后评估日期", "evaluated_on", required=False),
        _org_column(),
    ]

    def can_import(self, actor) -> bool:
        return False

    def create(self, actor, data, *, request_id=""):
        raise RowProblem(None, "重大行政决策不能导入。")

    def export_queryset(self, actor):
        return scope(Decision.objects.select_related("organization"), actor).order_by("started_on", "id")

    def export_values(self, d):
        return [d.title, d.undertaking_unit, d.get_state_display(), d.started_on, d.comment_opens_on, d.comment_closes_on,
                d.consultation_skip_reason, d.expert_skip_reason, d.get_risk_level_display() if d.risk_level else "",
                d.risk_skip_reason, d.legality_done_on,
                d.get_legality_conclusion_display() if d.legality_conclusion else "", d.meeting_on, d.meeting_name,
                d.party_reported_on, d.published_on, d.npc_filed_on, d.evaluated_on, d.organization.name]


register_ledger(DecisionLedger())
register_ledger(AdviserLedger())
register_ledger(WorkLedger())
