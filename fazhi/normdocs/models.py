"""行政规范性文件: the registry with its lifecycle, the 三统一 numbering, and the cleanup campaign (清理).

Law: 《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》(国办发〔2018〕37号, "37号") and
《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》(国办发〔2018〕115号, "115号");
see LEGAL-RULES.md §5. The lifecycle is a django-fsm workflow; the guards live in ``problems_*``
methods whose Chinese messages name their basis, so services refuse with the exact reason and
templates show it.
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django_fsm import FSMField, transition

from fazhi.core.models import BaseModel, OrgOwnedModel
from fazhi.normdocs.choices import (
    DeliberationOutcome,
    DocClass,
    DocState,
    EvaluationConclusion,
    FlagKind,
    LegalityConclusion,
    Outcome,
)

S = DocState
N37 = "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"
N115 = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"

# States in which the document has been published (公开发布): only these may ever be in force.
PUBLISHED_STATES = (S.PUBLISHED, S.FILED, S.IN_FORCE, S.AMENDED, S.REPEALED, S.EXPIRED)


class NormDoc(OrgOwnedModel):
    """One 行政规范性文件; ``organization`` is the drafting (起草) organization."""

    title = models.CharField("文件名称", max_length=200)
    issuer = models.CharField("制定机关", max_length=100, help_text="以其名义印发的机关，如“同心县人民政府”。")
    doc_number = models.CharField("发文字号", max_length=60, blank=True)
    reg_number = models.CharField("统一登记编号", max_length=40, blank=True, db_index=True,
                                  help_text="三统一（统一登记、统一编号、统一印发）编号，如“同政规〔2021〕1号”；印发时自动取号。")
    reg_year = models.PositiveSmallIntegerField("登记年度", null=True, blank=True)
    reg_seq = models.PositiveIntegerField("登记序号", null=True, blank=True)
    legal_basis = models.TextField("制定依据", blank=True, help_text="所依据的法律、法规、规章，用书名号，如《中华人民共和国行政处罚法》。")
    text = models.TextField("正文", blank=True)
    concerns_market = models.BooleanField("与市场主体生产经营活动密切相关", default=False,
                                          help_text="《优化营商环境条例》第六十二条：征求意见期限一般不少于30日。")
    state = FSMField("状态", default=S.DRAFTING, choices=S.choices, protected=False)

    drafted_on = models.DateField("起草日期")
    evaluated_on = models.DateField("评估论证日期", null=True, blank=True)
    evaluation_summary = models.TextField("评估论证情况", blank=True)

    comment_opens_on = models.DateField("征求意见开始", null=True, blank=True)
    comment_min_close_on = models.DateField("征求意见最短期限届满日", null=True, blank=True)
    comment_closed_on = models.DateField("征求意见结束", null=True, blank=True)
    comment_summary = models.TextField("意见采纳情况", blank=True)

    submitted_on = models.DateField("送审日期", null=True, blank=True)
    legality_earliest_on = models.DateField("最短审核时间届满日", null=True, blank=True)
    legality_due_on = models.DateField("审核期限", null=True, blank=True)
    reviewed_on = models.DateField("审核完成日期", null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="法制审核员", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    legality_opinion = models.TextField("合法性审核意见", blank=True)
    legality_conclusion = models.CharField("审核结论", max_length=10, choices=LegalityConclusion.choices, blank=True)
    urgent_reason = models.CharField("紧急情形说明", max_length=300, blank=True,
                                     help_text="115号二（五）：为预防、应对和处置突发事件或执行上级紧急命令的，可少于5个工作日。")

    decided_on = models.DateField("集体审议日期", null=True, blank=True)
    meeting_name = models.CharField("审议会议", max_length=100, blank=True)
    deliberation_outcome = models.CharField("审议结果", max_length=10, choices=DeliberationOutcome.choices, blank=True)

    registered_on = models.DateField("登记日期", null=True, blank=True)
    printed_on = models.DateField("印发日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publish_channel = models.CharField("公布载体", max_length=100, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    validity_years = models.PositiveSmallIntegerField("有效期（年）", null=True, blank=True)
    expires_on = models.DateField("有效期届满日", null=True, blank=True)

    filing_due_on = models.DateField("备案期限", null=True, blank=True)
    filed_gov_on = models.DateField("报上级政府备案日期", null=True, blank=True)
    filed_gov_ref = models.CharField("上级政府备案号", max_length=60, blank=True)
    filed_npc_on = models.DateField("报县人大常委会备案日期", null=True, blank=True)
    filed_npc_ref = models.CharField("人大备案号", max_length=60, blank=True)
    in_force_on = models.DateField("生效日期", null=True, blank=True)

    review_evaluated_on = models.DateField("有效期届满前评估日期", null=True, blank=True)
    review_conclusion = models.CharField("评估结论", max_length=10, choices=EvaluationConclusion.choices, blank=True)
    review_report = models.TextField("评估报告", blank=True)
    ended_on = models.DateField("修改/废止/失效日期", null=True, blank=True)
    end_reason = models.CharField("修改/废止/失效理由", max_length=300, blank=True)

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = verbose_name
        ordering = ["-drafted_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["reg_number"], condition=~models.Q(reg_number=""),
                                    name="normdoc_reg_number_uniq"),
            models.CheckConstraint(
                condition=~models.Q(state__in=["in_force", "filed", "published"], published_on__isnull=True),
                name="normdoc_in_force_published"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.reg_number}）" if self.reg_number else self.title

    def clean(self):
        if self.state in PUBLISHED_STATES and not self.published_on:
            raise ValidationError(f"未向社会公开发布的行政规范性文件不得作为行政管理依据，不能生效（{N37}）。")
        for a, b, msg in (("effective_on", "published_on", "施行日期不能早于公布日期。"),
                          ("expires_on", "effective_on", "有效期届满日不能早于施行日期。")):
            if getattr(self, a) and getattr(self, b) and getattr(self, a) < getattr(self, b):
                raise ValidationError({a: msg})

    # -- guards (each message names its basis) -----------------------------------------------------
    def problems_close_comment(self, on) -> list[str]:
        out = []
        if self.comment_min_close_on and on < self.comment_min_close_on:
            basis = ("《优化营商环境条例》第六十二条第二款：与市场主体生产经营活动密切相关的，一般不少于30日"
                     if self.concerns_market else "《市县法治政府建设示范指标体系》第24项：一般不少于7个工作日")
            out.append(f"征求意见期限未届满（最早 {self.comment_min_close_on:%Y-%m-%d} 结束；{basis}）。")
        return out

    def problems_conclude_legality(self, on, urgent_reason="") -> list[str]:
        out = []
        if self.legality_earliest_on and on < self.legality_earliest_on and not urgent_reason.strip():
            out.append(f"合法性审核时间一般不少于5个工作日（最早 {self.legality_earliest_on:%Y-%m-%d}），"
                       f"突发事件或执行上级紧急命令的须说明情形（{N115}二（五））。")
        return out

    def problems_deliberate(self) -> list[str]:
        if not self.reviewed_on or not self.legality_opinion.strip():
            return [f"未经合法性审核的，不得提交集体审议（{N115}二（七））。"]
        if self.legality_conclusion == LegalityConclusion.UNLAWFUL:
            return [f"经审核不合法的，不得提交集体审议（{N115}二（七））。"]
        return []

    def can_deliberate(self) -> bool:
        return not self.problems_deliberate()

    def problems_in_force(self, on) -> list[str]:
        out = []
        if not self.published_on:
            out.append(f"未向社会公开发布的行政规范性文件不得作为行政管理依据（{N37}；"
                       "《中华人民共和国政府信息公开条例》第二十条第一项）。")
        elif self.effective_on and on < self.effective_on:
            out.append(f"施行日期为 {self.effective_on:%Y-%m-%d}，此前不能生效。")
        return out

    def is_published(self) -> bool:
        return bool(self.published_on)

    # -- transitions -------------------------------------------------------------------------------
    @transition(field=state, source=S.DRAFTING, target=S.CONSULTING)
    def open_comment(self, opens_on, min_close_on):
        self.comment_opens_on, self.comment_min_close_on = opens_on, min_close_on

    @transition(field=state, source=S.CONSULTING, target=S.LEGALITY)
    def submit_legality(self, *, closed_on, summary, submitted_on, earliest, due):
        self.comment_closed_on, self.comment_summary = closed_on, summary
        self.submitted_on, self.legality_earliest_on, self.legality_due_on = submitted_on, earliest, due

    @transition(field=state, source=S.LEGALITY, target=S.DELIBERATION)
    def conclude_legality(self, *, on, reviewer, opinion, conclusion, urgent_reason=""):
        self.reviewed_on, self.reviewer, self.legality_opinion = on, reviewer, opinion
        self.legality_conclusion, self.urgent_reason = conclusion, urgent_reason

    @transition(field=state, source=S.LEGALITY, target=S.DRAFTING)
    def fail_legality(self, *, on, reviewer, opinion, urgent_reason=""):
        """Unlawful (115号 二(七)): back to the drafter; it gets no registration number."""
        self.reviewed_on, self.reviewer, self.legality_opinion = on, reviewer, opinion
        self.legality_conclusion, self.urgent_reason = LegalityConclusion.UNLAWFUL, urgent_reason
        self.comment_opens_on = self.comment_min_close_on = self.comment_closed_on = None
        self.submitted_on = self.legality_earliest_on = self.legality_due_on = None

    @transition(field=state, source=S.DELIBERATION, target=S.REGISTERED, conditions=[can_deliberate])
    def adopt_and_register(self, *, on, meeting, registered_on, printed_on, doc_number, year, seq, reg_number):
        self.decided_on, self.meeting_name, self.deliberation_outcome = on, meeting, DeliberationOutcome.ADOPTED
        self.registered_on, self.printed_on, self.doc_number = registered_on, printed_on, doc_number
        self.reg_year, self.reg_seq, self.reg_number = year, seq, reg_number

    @transition(field=state, source=S.DELIBERATION, target=S.REJECTED, conditions=[can_deliberate])
    def reject(self, *, on, meeting):
        self.decided_on, self.meeting_name, self.deliberation_outcome = on, meeting, DeliberationOutcome.REJECTED

    @transition(field=state, source=S.REGISTERED, target=S.PUBLISHED)
    def publish(self, *, on, channel, effective_on, validity_years, expires_on, filing_due_on):
        self.published_on, self.publish_channel, self.effective_on = on, channel, effective_on
        self.validity_years, self.expires_on, self.filing_due_on = validity_years, expires_on, filing_due_on

    @transition(field=state, source=S.PUBLISHED, target=S.FILED)
    def file(self):
        """Both filings recorded (政府 and 人大常委会)."""

    @transition(field=state, source=[S.PUBLISHED, S.FILED], target=S.IN_FORCE)
    def enter_force(self, on):
        self.in_force_on = on

    @transition(field=state, source=S.IN_FORCE, target=S.IN_FORCE)
    def evaluate(self, *, on, conclusion, report):
        self.review_evaluated_on, self.review_conclusion, self.review_report = on, conclusion, report

    @transition(field=state, source=[S.IN_FORCE, S.FILED, S.PUBLISHED], target=S.AMENDED)
    def amend(self, *, on, reason):
        self.ended_on, self.end_reason = on, reason

    @transition(field=state, source=[S.IN_FORCE, S.FILED, S.PUBLISHED], target=S.REPEALED)
    def repeal(self, *, on, reason):
        self.ended_on, self.end_reason = on, reason

    @transition(field=state, source=[S.IN_FORCE, S.FILED, S.PUBLISHED], target=S.EXPIRED)
    def lapse(self, *, on, reason):
        self.ended_on, self.end_reason = on, reason


class RegistrationSequence(OrgOwnedModel):
    """The 三统一 numbering: one row per registering government, prefix and year; ``last`` is the
    last number given. Incremented under a row lock in the registering transaction, so numbers are
    unique and gapless (a rolled-back registration gives its number back)."""

    prefix = models.CharField("编号代字", max_length=20)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用最大序号", default=0)

    class Meta:
        verbose_name = "三统一编号序列"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["organization", "prefix", "year"], name="normdoc_seq_uniq")]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕（已编至 {self.last} 号）"


class Comment(OrgOwnedModel):
    """A public comment on a draft put out for 征求意见 on the portal; shown after moderation."""

    doc = models.ForeignKey(NormDoc, verbose_name="文件", on_delete=models.CASCADE, related_name="comments")
    body = models.TextField("意见内容", max_length=3000)
    name = models.CharField("姓名", max_length=32, blank=True)
    submitted_at = models.DateTimeField("提交时间")

    class Meta:
        verbose_name = "规范性文件公众意见"
        verbose_name_plural = verbose_name
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"公众意见 {self.submitted_at:%Y-%m-%d}：{self.doc.title}"


# -- cleanup (清理) ----------------------------------------------------------------------------------

class Campaign(OrgOwnedModel):
    """A 清理 campaign: a corpus screened against criteria; selected documents reviewed with an outcome."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("清理工作名称", max_length=150)
    basis = models.CharField("清理依据", max_length=300, blank=True)
    corpus_since = models.PositiveSmallIntegerField("清理范围起始年份", default=1983)
    started_on = models.DateField("开始日期", null=True, blank=True)
    finished_on = models.DateField("完成日期", null=True, blank=True)
    results_published_on = models.DateField("清理结果公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "文件清理工作"
        verbose_name_plural = verbose_name
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class Criterion(OrgOwnedModel):
    """One cleanup standard (the region's 11, editable)."""

    campaign = models.ForeignKey(Campaign, verbose_name="清理工作", on_delete=models.CASCADE, related_name="criteria")
    seq = models.PositiveSmallIntegerField("序号")
    text = models.CharField("清理标准", max_length=300)
    suggests = models.CharField("对应处理", max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = "清理标准"
        verbose_name_plural = verbose_name
        ordering = ["campaign", "seq", "id"]

    def __str__(self) -> str:
        return f"{self.seq}. {self.text}"


class CorpusDoc(OrgOwnedModel):
    """A document in a campaign's corpus (screened), selected as 政策性/规范性 and reviewed with an outcome."""

    campaign = models.ForeignKey(Campaign, verbose_name="清理工作", on_delete=models.CASCADE, related_name="docs")
    title = models.CharField("文件名称", max_length=200)
    issuer = models.CharField("制定机关", max_length=100)
    doc_number = models.CharField("发文字号", max_length=60, blank=True)
    issued_on = models.DateField("印发日期")
    text = models.TextField("正文", blank=True)
    published = models.BooleanField("已公开发布", default=True)
    expires_on = models.DateField("有效期届满日", null=True, blank=True)
    source = models.CharField("来源", max_length=200, blank=True)
    fingerprint = models.BigIntegerField("文本指纹（simhash）", null=True, blank=True)
    doc_class = models.CharField("清理类别", max_length=10, choices=DocClass.choices, blank=True, db_index=True)
    criterion = models.ForeignKey(Criterion, verbose_name="适用清理标准", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="docs")
    outcome = models.CharField("清理结果", max_length=10, choices=Outcome.choices, blank=True, db_index=True)
    outcome_reason = models.CharField("清理理由", max_length=300, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    reviewed_on = models.DateField("审查日期", null=True, blank=True)

    class Meta:
        verbose_name = "清理文件"
        verbose_name_plural = verbose_name
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["campaign", "doc_class", "outcome"]),
                   # covering index of the 清理 figures (per organization and campaign)
                   models.Index(fields=["organization", "campaign", "doc_class", "outcome"], name="nd_corpus_org_figures")]

    def __str__(self) -> str:
        return self.title


class Flag(OrgOwnedModel):
    """A pre-screening proposal with its reason. It never decides: a reviewer accepts or dismisses it."""

    doc = models.ForeignKey(CorpusDoc, verbose_name="清理文件", on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField("初筛理由", max_length=20, choices=FlagKind.choices)
    detail = models.CharField("说明", max_length=400)
    evidence = models.CharField("依据", max_length=200, blank=True)
    dismissed = models.BooleanField("已排除", default=False)

    class Meta:
        verbose_name = "自动初筛提示"
        verbose_name_plural = verbose_name
        ordering = ["doc", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["doc", "kind", "evidence"], name="normdoc_flag_uniq")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.doc.title}"


class AgencyReform(BaseModel):
    """Institutional reform mapping (机构改革): an abolished or renamed agency and its successor."""

    old_name = models.CharField("原机构（简称或关键词）", max_length=60, unique=True)
    new_name = models.CharField("现机构", max_length=60)
    reform_on = models.DateField("改革日期", null=True, blank=True)
    basis = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "机构改革对照"
        verbose_name_plural = verbose_name
        ordering = ["old_name"]

    def __str__(self) -> str:
        return f"{self.old_name} → {self.new_name}"
