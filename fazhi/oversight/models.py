"""统筹督察: meetings, study, trainings, the yearly work plan, inspections, 述职 and the assessment (考评)."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_fsm import FSMField, transition

from fazhi.core.models.base import BaseModel, OrgOwnedModel

from .choices import (AppealStatus, AssessmentStatus, FindingStatus, InspectionScope, InspectorBody, ItemMethod,
                      MeetingKind, StudyForm, TaskKind, TaskStatus, TrainingMode)

DCGD = "《法治政府建设与责任落实督察工作规定》"
KPBF = "《同心县法治政府建设考评办法》"


# ------------------------------------------------------------------ meetings, study, trainings
class Meeting(OrgOwnedModel):
    """A meeting on 法治 matters (委员会会议, 推进会, 常务会议 …) held by ``organization``."""

    kind = models.CharField("会议类型", max_length=16, choices=MeetingKind.choices)
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("召开日期", db_index=True)
    topics = models.TextField("议题（每行一项）", blank=True)
    notes = models.TextField("会议纪要", blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "会议"

    def __str__(self) -> str:
        return self.title

    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.splitlines() if t.strip()]


class AdoptedDocument(OrgOwnedModel):
    """A document (规划/方案/要点/办法) adopted at a meeting."""

    meeting = models.ForeignKey(Meeting, verbose_name="审议会议", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField("文件名称", max_length=200)
    doc_number = models.CharField("文号", max_length=64, blank=True)
    link = models.CharField("文件链接", max_length=255, blank=True, help_text="平台内记录或政府网站地址")

    class Meta:
        ordering = ["id"]
        verbose_name = "审议通过的文件"

    def __str__(self) -> str:
        return self.title


class StudySession(OrgOwnedModel):
    """学法: a study session (常务会议学法, 中心组学法 …) with its topics and attendees."""

    form = models.CharField("学法形式", max_length=16, choices=StudyForm.choices)
    held_on = models.DateField("学习日期", db_index=True)
    meeting = models.ForeignKey(Meeting, verbose_name="所在会议", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="studies")
    topics = models.TextField("学习专题（每行一项）")
    attendees = models.TextField("参学人员（每行一人或一类）", blank=True)
    attendee_count = models.PositiveIntegerField("参学人数", default=0)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "学法"

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.held_on}"

    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.splitlines() if t.strip()]


class Training(OrgOwnedModel):
    """One training session (场次): in person or online; ``person_times`` = attendance (人次)."""

    title = models.CharField("培训名称", max_length=200)
    held_on = models.DateField("培训日期", db_index=True)
    mode = models.CharField("培训方式", max_length=16, choices=TrainingMode.choices)
    content = models.TextField("培训内容", blank=True)
    lecturer = models.CharField("主讲人", max_length=100, blank=True)
    person_times = models.PositiveIntegerField("参训人次", default=0)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "培训"

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(OrgOwnedModel):
    """A named attendee of a training; ``officer_cert`` links an enforcement officer by 执法证号."""

    training = models.ForeignKey(Training, verbose_name="培训", on_delete=models.CASCADE, related_name="attendances")
    person_name = models.CharField("姓名", max_length=64)
    officer_cert = models.CharField("执法证号", max_length=32, blank=True, db_index=True)
    staff_key = models.CharField("人员标识", max_length=64, db_index=True,
                                 help_text="同一人多次参训用同一标识（执法证号或单位+姓名）")

    class Meta:
        ordering = ["id"]
        verbose_name = "参训人员"
        constraints = [models.UniqueConstraint(fields=["training", "staff_key"], name="oversight_attend_once")]

    def __str__(self) -> str:
        return self.person_name


# ------------------------------------------------------------------ yearly work plan
class WorkPlan(OrgOwnedModel):
    """依法治县工作要点 of one year."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=200)
    document = models.ForeignKey(AdoptedDocument, verbose_name="审议通过的文件", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = "工作要点"

    def __str__(self) -> str:
        return self.title


class WorkTask(OrgOwnedModel):
    """A task of the plan; ``organization`` is the owner (牵头单位)."""

    plan = models.ForeignKey(WorkPlan, verbose_name="工作要点", on_delete=models.PROTECT, related_name="tasks")
    number = models.CharField("序号", max_length=16)
    title = models.CharField("任务", max_length=300)
    kind = models.CharField("任务类型", max_length=16, choices=TaskKind.choices, default=TaskKind.ROUTINE)
    due_on = models.DateField("完成时限", db_index=True)
    progress = models.PositiveSmallIntegerField("完成进度（%）", default=0,
                                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    progress_note = models.TextField("进展情况", blank=True)
    evidence_link = models.CharField("佐证记录链接", max_length=255, blank=True)
    status = FSMField("状态", max_length=16, choices=TaskStatus.choices, default=TaskStatus.PENDING)
    completed_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        ordering = ["plan", "number", "id"]
        verbose_name = "工作任务"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @transition(field=status, source=[TaskStatus.PENDING, TaskStatus.IN_PROGRESS], target=TaskStatus.IN_PROGRESS)
    def report_progress(self):
        pass

    @transition(field=status, source=[TaskStatus.PENDING, TaskStatus.IN_PROGRESS], target=TaskStatus.DONE)
    def complete(self):
        pass


# ------------------------------------------------------------------ inspections
class Inspection(OrgOwnedModel):
    """督察: ``organization`` is the inspecting body (依法治县办, 人大常委会 …)."""

    title = models.CharField("督察名称", max_length=200)
    scope = models.CharField("督察范围", max_length=16, choices=InspectionScope.choices)
    inspector = models.CharField("督察主体", max_length=32, choices=InspectorBody.choices)
    subject = models.CharField("督察内容", max_length=300, blank=True)
    started_on = models.DateField("开始日期", db_index=True)
    ended_on = models.DateField("结束日期", null=True, blank=True)
    summary = models.TextField("督察情况", blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "督察"

    def __str__(self) -> str:
        return self.title


class Finding(OrgOwnedModel):
    """A problem found by an inspection = a rectification task; ``organization`` owns the rectification."""

    inspection = models.ForeignKey(Inspection, verbose_name="督察", on_delete=models.PROTECT, related_name="findings")
    category = models.CharField("问题类别", max_length=64, help_text="用于识别重复问题，如“三项制度落实”")
    description = models.TextField("问题描述")
    due_on = models.DateField("整改时限")
    repeat_of = models.ForeignKey("self", verbose_name="重复出现（前次问题）", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="repeats")
    status = FSMField("整改状态", max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    rectification = models.TextField("整改情况", blank=True)
    evidence_link = models.CharField("佐证记录链接", max_length=255, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)

    class Meta:
        ordering = ["inspection", "id"]
        verbose_name = "督察问题"

    def __str__(self) -> str:
        return f"{self.category}：{self.description[:30]}"

    @property
    def is_repeat(self) -> bool:
        return self.repeat_of_id is not None

    # 督察工作规定: 督察发现的问题应当整改并报告整改情况（条款号未核实，见 LEGAL-RULES §8）。
    @transition(field=status, source=[FindingStatus.OPEN], target=FindingStatus.SUBMITTED)
    def submit_rectification_dcgd(self):
        pass

    @transition(field=status, source=[FindingStatus.SUBMITTED], target=FindingStatus.CLOSED)
    def close_dcgd(self):
        pass

    @transition(field=status, source=[FindingStatus.SUBMITTED], target=FindingStatus.OPEN)
    def return_dcgd(self):
        pass


class DutyReport(OrgOwnedModel):
    """第一责任人述职: the principal leader's report on 推进法治建设 duties."""

    year = models.PositiveSmallIntegerField("年度")
    person_name = models.CharField("述职人", max_length=64)
    position = models.CharField("职务", max_length=100)
    reported_on = models.DateField("述职日期")
    occasion = models.CharField("述职场合", max_length=100, default="年终述职")
    summary = models.TextField("述职要点")
    rating = models.CharField("评议结果", max_length=32, blank=True)

    class Meta:
        ordering = ["-year", "-reported_on", "id"]
        verbose_name = "第一责任人述职"

    def __str__(self) -> str:
        return f"{self.person_name} {self.year}年述职"


# ------------------------------------------------------------------ assessment (考评)
class AssessmentScheme(BaseModel):
    """A versioned indicator tree, loaded from a JSON file (reference data, not org-owned)."""

    key = models.CharField("方案标识", max_length=64)
    version = models.CharField("版本", max_length=32)
    name = models.CharField("名称", max_length=200)
    source = models.CharField("来源文件", max_length=200)
    basis = models.TextField("依据", blank=True)
    min_records = models.PositiveSmallIntegerField("数据可信最少记录数", default=5)
    config = models.JSONField("原始配置", default=dict)

    class Meta:
        ordering = ["key", "-version"]
        verbose_name = "考评指标体系"
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="oversight_scheme_version")]

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）"


class SchemeItem(models.Model):
    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    number = models.CharField("编号", max_length=16)
    name = models.CharField("指标", max_length=300)
    level = models.PositiveSmallIntegerField("层级")
    sort = models.PositiveIntegerField(default=0)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2, null=True, blank=True)
    method = models.CharField("评分方式", max_length=8, choices=ItemMethod.choices, blank=True)
    applies_to = models.JSONField("适用单位类型", default=list, blank=True)
    evidence = models.CharField("佐证材料要求", max_length=300, blank=True)
    formula = models.JSONField("自动计算公式", default=dict, blank=True)
    basis = models.CharField("依据", max_length=300, blank=True)

    class Meta:
        ordering = ["scheme", "sort"]
        verbose_name = "考评指标"
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="oversight_item_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def is_leaf(self) -> bool:
        return self.points is not None

    def applies(self, org_kind: str) -> bool:
        return not self.applies_to or org_kind in self.applies_to


class Assessment(OrgOwnedModel):
    """One year's 考评 run by ``organization`` (the assessor, 依法治县办)."""

    year = models.PositiveSmallIntegerField("考评年度")
    title = models.CharField("名称", max_length=200)
    scheme = models.ForeignKey(AssessmentScheme, verbose_name="指标体系", on_delete=models.PROTECT, related_name="+")
    status = FSMField("状态", max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    published_on = models.DateField("公示日期", null=True, blank=True)
    appeal_until = models.DateField("申诉截止日", null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = "考评"

    def __str__(self) -> str:
        return self.title

    # 考评办法: 考评结果公示，接受申诉（县级考评办法；申诉期可配置）。
    @transition(field=status, source=[AssessmentStatus.DRAFT], target=AssessmentStatus.PUBLISHED)
    def publish_kpbf(self):
        pass

    @transition(field=status, source=[AssessmentStatus.PUBLISHED], target=AssessmentStatus.FINAL)
    def finalize_kpbf(self):
        pass


class AssessmentTarget(OrgOwnedModel):
    """An assessed organization (``organization``) of an assessment."""

    assessment = models.ForeignKey(Assessment, verbose_name="考评", on_delete=models.CASCADE, related_name="targets")

    class Meta:
        ordering = ["assessment", "organization__sort_order", "id"]
        verbose_name = "被考评单位"
        constraints = [models.UniqueConstraint(fields=["assessment", "organization"], name="oversight_target_once")]

    def __str__(self) -> str:
        return f"{self.assessment} - {self.organization}"


class ManualScore(OrgOwnedModel):
    """A reviewer's score of one manual leaf for one assessed organization; ``organization`` = the assessor."""

    target = models.ForeignKey(AssessmentTarget, verbose_name="被考评单位", on_delete=models.CASCADE,
                               related_name="scores")
    item = models.ForeignKey(SchemeItem, verbose_name="指标", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("得分", max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    evidence_attachment = models.ForeignKey("core.Attachment", verbose_name="佐证附件", null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    evidence_link = models.CharField("佐证记录链接", max_length=255, blank=True)
    note = models.CharField("评分说明", max_length=500, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评分人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["target", "item__sort"]
        verbose_name = "人工评分"
        constraints = [models.UniqueConstraint(fields=["target", "item"], name="oversight_score_once")]

    def __str__(self) -> str:
        return f"{self.target}：{self.item} {self.points}分"


class Appeal(OrgOwnedModel):
    """申诉 by the assessed organization (``organization``) within the appeal window."""

    target = models.ForeignKey(AssessmentTarget, verbose_name="被考评单位", on_delete=models.CASCADE,
                               related_name="appeals")
    item = models.ForeignKey(SchemeItem, verbose_name="申诉指标", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    reason = models.TextField("申诉理由")
    filed_on = models.DateField("申诉日期")
    status = FSMField("状态", max_length=16, choices=AppealStatus.choices, default=AppealStatus.FILED)
    response = models.TextField("复核意见", blank=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = "申诉"

    def __str__(self) -> str:
        return f"{self.target}的考评申诉（{self.filed_on}）"

    @transition(field=status, source=[AppealStatus.FILED], target=AppealStatus.UPHELD)
    def uphold_kpbf(self):
        pass

    @transition(field=status, source=[AppealStatus.FILED], target=AppealStatus.REJECTED)
    def reject_kpbf(self):
        pass
