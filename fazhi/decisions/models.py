"""重大行政决策: the yearly catalog, each decision's statutory procedure, public comments, legal advisers.

Law: 《重大行政决策程序暂行条例》(国务院令第713号, in force 2019-09-01), cited below as 条例.
The procedure is a django-fsm workflow; each transition is named after the article that requires
it. Guards live in ``problems_*`` methods (Chinese messages naming the article) so that services
can refuse with the exact reason and templates can show which buttons apply.
"""
from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django_fsm import FSMField, transition

from fazhi.core.models import OrgOwnedModel
from fazhi.decisions.choices import (Adoption, AdviserKind, CatalogStatus, ChangeKind, CommentStatus,
                                     DecisionCategory, DecisionState, EvaluationTrigger, LegalityConclusion,
                                     MeetingKind, OpinionSubject, Outcome, RiskLevel, WorkKind)

S = DecisionState


class Catalog(OrgOwnedModel):
    """A year's 重大行政决策事项目录 (条例 第三条第三款: 经同级党委同意后向社会公布)."""

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2019)])
    title = models.CharField("目录名称", max_length=120)
    status = models.CharField("状态", max_length=16, choices=CatalogStatus.choices, default=CatalogStatus.DRAFT)
    party_approved_on = models.DateField("党委同意日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = verbose_name
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="dec_catalog_year_uniq")]

    def __str__(self) -> str:
        return self.title


class CatalogItem(OrgOwnedModel):
    catalog = models.ForeignKey(Catalog, verbose_name="目录", on_delete=models.PROTECT, related_name="items")
    seq = models.PositiveSmallIntegerField("序号", default=1)
    title = models.CharField("决策事项", max_length=200)
    category = models.CharField("事项类别", max_length=16, choices=DecisionCategory.choices,
                                default=DecisionCategory.POLICY)
    deciding_organ = models.CharField("决策机关", max_length=100)
    undertaking_unit = models.CharField("承办单位", max_length=100)
    planned_start = models.DateField("计划启动时间", null=True, blank=True)
    planned_finish = models.DateField("计划完成时间", null=True, blank=True)
    notes = models.CharField("备注", max_length=300, blank=True)
    removed = models.BooleanField("已调出目录", default=False)

    class Meta:
        verbose_name = "目录事项"
        verbose_name_plural = verbose_name
        ordering = ["catalog", "seq", "id"]

    def __str__(self) -> str:
        return f"{self.seq}. {self.title}"

    def clean(self):
        from django.core.exceptions import ValidationError
        if self.planned_start and self.planned_finish and self.planned_finish < self.planned_start:
            raise ValidationError({"planned_finish": "计划完成时间不能早于计划启动时间。"})


class CatalogChange(OrgOwnedModel):
    """A recorded adjustment of a published catalog (条例 第三条第三款: 根据实际情况调整)."""

    catalog = models.ForeignKey(Catalog, verbose_name="目录", on_delete=models.PROTECT, related_name="changes")
    item = models.ForeignKey(CatalogItem, verbose_name="事项", on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField("调整类型", max_length=10, choices=ChangeKind.choices)
    changed_on = models.DateField("调整日期")
    reason = models.CharField("调整理由", max_length=300)
    summary = models.CharField("调整内容", max_length=500, blank=True)

    class Meta:
        verbose_name = "目录调整记录"
        verbose_name_plural = verbose_name
        ordering = ["changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.item.title}"


class Adviser(OrgOwnedModel):
    """A 公职律师 (internal) or an external 法律顾问, with the contract and its term."""

    name = models.CharField("姓名", max_length=32)
    kind = models.CharField("类别", max_length=16, choices=AdviserKind.choices)
    employer = models.CharField("所在单位/律师事务所", max_length=100, blank=True)
    license_no = models.CharField("执业证号/公职律师证号", max_length=40, blank=True)
    contract_no = models.CharField("聘用合同编号", max_length=60, blank=True)
    term_start = models.DateField("聘期开始", null=True, blank=True)
    term_end = models.DateField("聘期结束", null=True, blank=True)
    is_active = models.BooleanField("在聘", default=True)

    class Meta:
        verbose_name = "法律顾问/公职律师"
        verbose_name_plural = verbose_name
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    def clean(self):
        from django.core.exceptions import ValidationError
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": "聘期结束不能早于聘期开始。"})
        if self.kind == AdviserKind.LEGAL_ADVISER and not self.contract_no:
            raise ValidationError({"contract_no": "外聘法律顾问须登记聘用合同编号。"})


class Decision(OrgOwnedModel):
    """One major administrative decision and its procedure (条例 第二章)."""

    catalog_item = models.OneToOneField(CatalogItem, verbose_name="目录事项", on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="decision")
    title = models.CharField("决策事项", max_length=200)
    category = models.CharField("事项类别", max_length=16, choices=DecisionCategory.choices,
                                default=DecisionCategory.POLICY)
    undertaking_unit = models.CharField("决策承办单位", max_length=100)
    state = FSMField("程序环节", default=S.STARTED, choices=S.choices, protected=False)
    started_on = models.DateField("启动日期")
    start_basis = models.CharField("启动依据", max_length=300, blank=True, help_text="条例第十条：决策启动的依据与建议来源。")
    draft = models.TextField("决策草案", blank=True)
    concerns_market = models.BooleanField("涉及市场主体经济活动", default=False,
                                          help_text="条例第二十九条：须附公平竞争审查意见。")
    fair_competition_review = models.TextField("公平竞争审查意见", blank=True)

    # 公众参与 (条例 第十四条至第十八条)
    comment_opens_on = models.DateField("征求意见开始", null=True, blank=True)
    comment_closes_on = models.DateField("征求意见截止", null=True, blank=True)
    comment_shortened_reason = models.CharField("缩短征求意见期限的说明", max_length=300, blank=True)
    adoption_summary = models.TextField("公众意见采纳情况", blank=True)
    adoption_published_on = models.DateField("采纳情况公布日期", null=True, blank=True)

    # 专家论证 (条例 第十九条至第二十一条)
    expert_done_on = models.DateField("专家论证完成日期", null=True, blank=True)
    expert_adoption = models.TextField("专家意见采纳情况", blank=True)

    # 风险评估 (条例 第二十二条至第二十四条)
    risk_assessor = models.CharField("风险评估单位", max_length=100, blank=True)
    risk_report = models.TextField("风险评估报告", blank=True)
    risk_level = models.CharField("风险等级", max_length=8, choices=RiskLevel.choices, blank=True)
    risk_done_on = models.DateField("风险评估完成日期", null=True, blank=True)

    # 步骤免于进行的法定理由
    consultation_skip_reason = models.CharField("免于公众参与的法定理由", max_length=300, blank=True)
    expert_skip_reason = models.CharField("免于专家论证的理由", max_length=300, blank=True)
    risk_skip_reason = models.CharField("免于风险评估的理由", max_length=300, blank=True)

    # 合法性审查 (条例 第二十五条至第二十八条)
    legality_submitted_on = models.DateField("送请合法性审查日期", null=True, blank=True)
    legality_earliest_on = models.DateField("最短审查时间届满日", null=True, blank=True)
    legality_reviewer = models.CharField("审查机构", max_length=100, blank=True)
    legality_adviser = models.ForeignKey(Adviser, verbose_name="参与审查的法律顾问/公职律师", on_delete=models.PROTECT,
                                         null=True, blank=True, related_name="reviewed_decisions")
    legality_opinion = models.TextField("合法性审查意见", blank=True)
    legality_conclusion = models.CharField("审查结论", max_length=10, choices=LegalityConclusion.choices, blank=True)
    legality_done_on = models.DateField("审查完成日期", null=True, blank=True)
    legality_short_reason = models.CharField("审查时间少于7个工作日的说明", max_length=300, blank=True)

    # 集体讨论决定 (条例 第三十条)
    meeting_kind = models.CharField("会议", max_length=10, choices=MeetingKind.choices, blank=True)
    meeting_name = models.CharField("会议名称", max_length=100, blank=True)
    meeting_on = models.DateField("会议日期", null=True, blank=True)
    outcome = models.CharField("讨论结果", max_length=16, choices=Outcome.choices, blank=True)
    head_decision = models.TextField("行政首长决定", blank=True)
    differs_from_majority_reason = models.CharField("与多数意见不一致的理由", max_length=300, blank=True)
    dissent = models.TextField("不同意见", blank=True)

    # 请示报告 (条例 第三十一条)
    party_reported_on = models.DateField("向党委请示报告日期", null=True, blank=True)
    party_reply = models.CharField("党委意见", max_length=300, blank=True)

    # 决策公布 (条例 第三十二条)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publish_channel = models.CharField("公布渠道", max_length=100, blank=True)
    document_number = models.CharField("文号", max_length=60, blank=True)

    # 人大常委会备案
    npc_filed_on = models.DateField("向县人大常委会备案日期", null=True, blank=True)
    npc_filing_number = models.CharField("备案文号", max_length=60, blank=True)

    # 后评估 (条例 第三十六条)
    evaluation_trigger = models.CharField("后评估情形", max_length=16, choices=EvaluationTrigger.choices, blank=True)
    evaluator = models.CharField("评估单位", max_length=100, blank=True)
    evaluation_third_party = models.BooleanField("委托第三方评估", default=False)
    evaluation_report = models.TextField("后评估报告", blank=True)
    evaluated_on = models.DateField("后评估完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = verbose_name
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title

    # -- guards (each message names its article) ---------------------------------------------------
    def problems_close_consultation(self, on) -> list[str]:
        out = []
        if self.comment_closes_on and on < self.comment_closes_on:
            out.append(f"征求意见期限未届满（截止 {self.comment_closes_on:%Y-%m-%d}），不得提前结束"
                       "（《重大行政决策程序暂行条例》第十五条：一般不少于30日）。")
        if not self.adoption_summary.strip():
            out.append("须汇总公众意见并公布采纳情况（《重大行政决策程序暂行条例》第十八条）。")
        if self.comments.filter(status=CommentStatus.PENDING).exists():
            out.append("尚有待审核的公众意见，请先审核（《重大行政决策程序暂行条例》第十八条：对公众意见研究论证）。")
        return out

    def problems_legality_conclude(self, on, short_reason="") -> list[str]:
        out = []
        if self.legality_earliest_on and on < self.legality_earliest_on and not short_reason.strip():
            out.append(f"合法性审查时间一般不少于7个工作日（最早 {self.legality_earliest_on:%Y-%m-%d}），"
                       "少于的须说明理由（《重大行政决策程序暂行条例》第二十六条第二款）。")
        return out

    def materials_missing(self) -> list[str]:
        """条例 第二十九条: the materials that must go to the collective discussion."""
        out = []
        art29 = "（《重大行政决策程序暂行条例》第二十九条）"
        if not self.draft.strip():
            out.append("缺少决策草案" + art29 + "。")
        if self.concerns_market and not self.fair_competition_review.strip():
            out.append("决策事项涉及市场主体经济活动，缺少公平竞争审查意见" + art29 + "。")
        if not self.consultation_skip_reason and not self.adoption_summary.strip():
            out.append("缺少公众意见采纳情况" + art29 + "。")
        if not self.expert_skip_reason and not self.expert_adoption.strip():
            out.append("缺少专家论证意见采纳情况（或免于专家论证的理由）" + art29 + "。")
        if not self.risk_skip_reason and not self.risk_report.strip():
            out.append("缺少风险评估报告（或免于风险评估的理由）" + art29 + "。")
        return out

    def problems_decide(self) -> list[str]:
        out = []
        if not self.legality_done_on or not self.legality_opinion.strip():
            out.append("未经合法性审查的，不得提交决策机关讨论（《重大行政决策程序暂行条例》第二十五条第二款）。")
        elif self.legality_conclusion == LegalityConclusion.UNLAWFUL:
            out.append("经合法性审查认为不合法的，不得提交决策机关讨论（《重大行政决策程序暂行条例》第二十五条第二款）。")
        return out + self.materials_missing()

    def can_decide(self) -> bool:
        return not self.problems_decide()

    # -- transitions -------------------------------------------------------------------------------
    @transition(field=state, source=S.STARTED, target=S.CONSULTING)
    def open_consultation_art15(self, opens_on, closes_on, shortened_reason=""):
        self.comment_opens_on = opens_on
        self.comment_closes_on = closes_on
        self.comment_shortened_reason = shortened_reason

    @transition(field=state, source=S.STARTED, target=S.EXPERT)
    def skip_consultation_art14(self, reason):
        self.consultation_skip_reason = reason

    @transition(field=state, source=S.CONSULTING, target=S.EXPERT)
    def close_consultation_art18(self, summary, on):
        self.adoption_summary = summary
        self.adoption_published_on = on

    @transition(field=state, source=S.EXPERT, target=S.RISK)
    def complete_expert_art19(self, adoption, on):
        self.expert_adoption = adoption
        self.expert_done_on = on

    @transition(field=state, source=S.EXPERT, target=S.RISK)
    def skip_expert_art19(self, reason):
        self.expert_skip_reason = reason

    @transition(field=state, source=S.RISK, target=S.LEGALITY_READY)
    def complete_risk_art22(self, assessor, report, level, on):
        self.risk_assessor, self.risk_report, self.risk_level, self.risk_done_on = assessor, report, level, on

    @transition(field=state, source=S.RISK, target=S.LEGALITY_READY)
    def skip_risk_art22(self, reason):
        self.risk_skip_reason = reason

    @transition(field=state, source=S.LEGALITY_READY, target=S.LEGALITY)
    def submit_legality_art25(self, on, earliest):
        self.legality_submitted_on = on
        self.legality_earliest_on = earliest

    @transition(field=state, source=S.LEGALITY, target=S.DISCUSSION)
    def conclude_legality_art26(self, *, on, reviewer, adviser, opinion, conclusion, short_reason=""):
        self.legality_done_on, self.legality_reviewer, self.legality_adviser = on, reviewer, adviser
        self.legality_opinion, self.legality_conclusion, self.legality_short_reason = opinion, conclusion, short_reason

    @transition(field=state, source=S.DISCUSSION, target=S.LEGALITY_READY)
    def return_for_revision_art26(self):
        """Unlawful: revise the draft and submit it again (条例 第二十五条第二款)."""

    @transition(field=state, source=S.DISCUSSION, target=S.DECIDED, conditions=[can_decide])
    def decide_art30(self, *, kind, name, on, outcome, head_decision, dissent="", differs_reason=""):
        self.meeting_kind, self.meeting_name, self.meeting_on = kind, name, on
        self.outcome, self.head_decision, self.dissent = outcome, head_decision, dissent
        self.differs_from_majority_reason = differs_reason

    @transition(field=state, source=S.DISCUSSION, target=S.NOT_ADOPTED, conditions=[can_decide])
    def reject_art30(self, *, kind, name, on, head_decision, dissent="", differs_reason=""):
        self.meeting_kind, self.meeting_name, self.meeting_on = kind, name, on
        self.outcome, self.head_decision, self.dissent = Outcome.NOT_ADOPTED, head_decision, dissent
        self.differs_from_majority_reason = differs_reason

    @transition(field=state, source=S.DECIDED, target=S.REPORTED)
    def report_party_art31(self, on, reply=""):
        self.party_reported_on, self.party_reply = on, reply

    @transition(field=state, source=S.REPORTED, target=S.PUBLISHED)
    def publish_art32(self, on, channel, number=""):
        self.published_on, self.publish_channel, self.document_number = on, channel, number

    @transition(field=state, source=[S.PUBLISHED, S.EXECUTING], target=S.EXECUTING)
    def report_execution_art34(self):
        """条例 第三十四条: the executing unit reports on implementation."""

    @transition(field=state, source=[S.PUBLISHED, S.EXECUTING], target=S.EVALUATED)
    def evaluate_art36(self, *, trigger, evaluator, third_party, report, on):
        self.evaluation_trigger, self.evaluator, self.evaluation_third_party = trigger, evaluator, third_party
        self.evaluation_report, self.evaluated_on = report, on


class ExpertOpinion(OrgOwnedModel):
    """条例 第二十条: experts' written opinions, signed; experts with a direct interest are excluded."""

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="expert_opinions")
    expert = models.CharField("专家姓名", max_length=32)
    affiliation = models.CharField("工作单位/职称", max_length=100, blank=True)
    opinion = models.TextField("论证意见")
    given_on = models.DateField("出具日期")
    signed = models.BooleanField("书面意见已签名", default=True)
    adoption = models.CharField("采纳情况", max_length=16, choices=Adoption.choices, blank=True)

    class Meta:
        verbose_name = "专家论证意见"
        verbose_name_plural = verbose_name
        ordering = ["given_on", "id"]

    def __str__(self) -> str:
        return f"{self.expert}：{self.decision.title}"


class Comment(OrgOwnedModel):
    """A public comment submitted on the portal; shown only after moderation."""

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="comments")
    body = models.TextField("意见内容", max_length=3000)
    name = models.CharField("姓名", max_length=32, blank=True)
    contact = models.CharField("联系方式", max_length=64, blank=True)
    submitted_at = models.DateTimeField("提交时间")
    client_hash = models.CharField("来源摘要", max_length=64, blank=True)
    status = models.CharField("状态", max_length=12, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    moderation_reason = models.CharField("审核说明", max_length=300, blank=True)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    adoption = models.CharField("采纳情况", max_length=16, choices=Adoption.choices, blank=True)
    adoption_note = models.CharField("采纳说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = verbose_name
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"公众意见 {self.submitted_at:%Y-%m-%d}：{self.decision.title}"


class ImplementationReport(OrgOwnedModel):
    """条例 第三十四条、第三十五条: the executing unit's report on implementation."""

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField("报告日期")
    unit = models.CharField("执行单位", max_length=100)
    progress = models.TextField("执行情况")
    problems = models.TextField("存在问题", blank=True)

    class Meta:
        verbose_name = "决策执行情况报告"
        verbose_name_plural = verbose_name
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.reported_on:%Y-%m-%d} 执行报告：{self.decision.title}"


class AdviserWork(OrgOwnedModel):
    """The legal advisers' work log: meetings attended, suits represented, legality opinions."""

    adviser = models.ForeignKey(Adviser, verbose_name="法律顾问/公职律师", on_delete=models.PROTECT, related_name="work")
    kind = models.CharField("工作类型", max_length=10, choices=WorkKind.choices)
    on = models.DateField("日期", db_index=True)
    title = models.CharField("事项", max_length=200)
    subject_kind = models.CharField("审核对象类别", max_length=16, choices=OpinionSubject.choices, blank=True)
    decision = models.ForeignKey(Decision, verbose_name="关联决策", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="adviser_work")
    subject_ref = models.CharField("审核对象（名称/文号）", max_length=200, blank=True)
    case_number = models.CharField("案号", max_length=60, blank=True)
    content = models.TextField("意见/工作内容", blank=True)

    class Meta:
        verbose_name = "法律顾问工作记录"
        verbose_name_plural = verbose_name
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["organization", "kind", "on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"

    def clean(self):
        from django.core.exceptions import ValidationError
        if self.kind == WorkKind.OPINION:
            if not self.subject_kind:
                raise ValidationError({"subject_kind": "合法性审核意见须注明审核对象类别。"})
            if self.subject_kind == OpinionSubject.DECISION and not self.decision_id:
                raise ValidationError({"decision": "对重大行政决策的审核意见须关联该决策。"})
            if self.subject_kind != OpinionSubject.DECISION and not self.subject_ref.strip():
                raise ValidationError({"subject_ref": "须填写审核对象的名称或文号。"})
        if self.kind == WorkKind.SUIT and not self.case_number.strip():
            raise ValidationError({"case_number": "代理诉讼须填写案号。"})


class Hearing(OrgOwnedModel):
    """A hearing during public participation (条例 第十六条、第十七条; optional: "可以召开听证会")."""

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField("听证日期")
    place = models.CharField("地点", max_length=100)
    announced_on = models.DateField("公布草案及听证时间地点日期")
    participants_published_on = models.DateField("公布听证参加人名单日期")
    papers_sent_on = models.DateField("听证材料送达日期")
    participants = models.TextField("听证参加人")
    record = models.TextField("听证会记录")
    record_signed = models.BooleanField("听证参加人已确认记录并签字", default=False)

    class Meta:
        verbose_name = "听证会"
        verbose_name_plural = verbose_name
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} 听证会：{self.decision.title}"
