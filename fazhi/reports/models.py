"""The annual 法治政府建设 report: editable prose blocks per year with figures bound to indicators.

Law: 《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号), cited as 督察工作规定: the report states
(1) 主要举措和成效, (2) 存在的不足和原因, (3) 党政主要负责人履行推进法治建设第一责任人职责情况,
(4) 下一年度主要安排; it is reported to the Party committee and the 人大常委会 before 3月1日 and
published before 4月1日 (第二十四条). The workflow is django-fsm-2; each transition names its basis.

Figures are never stored in the prose: a block's text carries placeholders ``{{code}}`` (the value
of indicator ``code``), ``{{code|floor}}`` (rounded down, for "超过86%") and ``{{titles:code}}``
(the 《titles》 of the records behind ``code``), resolved at rendering time from the records.
"""
from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, transition

from fazhi.core.models import OrgOwnedModel
from fazhi.reports.choices import Level, Part, ReportState, SuggestionSource, SuggestionStatus

S = ReportState
DCGD = "《法治政府建设与责任落实督察工作规定》"


class AnnualReport(OrgOwnedModel):
    year = models.PositiveSmallIntegerField("报告年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField("标题", max_length=120)
    issuer = models.CharField("落款单位", max_length=120)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    state = FSMField("状态", max_length=16, choices=ReportState.choices, default=S.DRAFT, protected=False)
    submitted_to = models.CharField("报送对象", max_length=120, default="县委、县人大常委会")
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = verbose_name
        ordering = ["-year", "organization__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="rep_report_org_year_uniq")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.code])

    # -- workflow (督察工作规定) ------------------------------------------------------------
    @transition(field=state, source=S.DRAFT, target=S.REVIEW)
    def send_to_review(self):
        """起草完成，送审核（法治办/分管领导审核）。"""

    @transition(field=state, source=S.REVIEW, target=S.DRAFT)
    def return_to_draft(self):
        """审核退回修改。"""

    @transition(field=state, source=S.REVIEW, target=S.SUBMITTED)
    def submit(self):
        """报送同级党委、人大常委会（督察工作规定：每年3月1日之前）。"""

    @transition(field=state, source=S.SUBMITTED, target=S.PUBLISHED)
    def publish(self):
        """通过门户网站向社会公开（督察工作规定第二十四条：每年4月1日之前）。"""


class ReportBlock(OrgOwnedModel):
    report = models.ForeignKey(AnnualReport, verbose_name="年度报告", on_delete=models.CASCADE, related_name="blocks")
    part = models.CharField("所属部分", max_length=16, choices=Part.choices)
    seq = models.PositiveSmallIntegerField("顺序", default=0)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices, default=Level.PARAGRAPH)
    heading = models.CharField("标题", max_length=200, blank=True)
    body = models.TextField("正文（数字用占位符）", blank=True)

    class Meta:
        verbose_name = "报告文字段落"
        verbose_name_plural = verbose_name
        ordering = ["report", "seq", "id"]

    def __str__(self) -> str:
        text = self.heading or self.body
        return f"{self.report}·{text[:20]}"


class Suggestion(OrgOwnedModel):
    """A point for section 二 found by the platform (overdue deadlines, low rates, repeated findings).

    Its text carries placeholders like the blocks: the figure is computed from records, never typed."""

    report = models.ForeignKey(AnnualReport, verbose_name="年度报告", on_delete=models.CASCADE,
                               related_name="suggestions")
    source = models.CharField("来源", max_length=16, choices=SuggestionSource.choices)
    key = models.CharField("来源标识", max_length=120)
    text = models.TextField("建议内容")
    status = models.CharField("处理情况", max_length=16, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.PENDING)
    decided_by = models.CharField("处理人", max_length=60, blank=True)
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "不足之处建议"
        verbose_name_plural = verbose_name
        ordering = ["report", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="rep_suggestion_key_uniq")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}：{self.key}"
