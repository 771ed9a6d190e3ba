"""Records of 公共法律服务: legal aid (法律援助), the lawyer roster, notarizations (公证),
consultations by channel, a generic activity ledger whose kinds are data, and service points."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_fsm import FSMField, transition

from fazhi.core.models import BaseModel, OrgOwnedModel
from fazhi.legalservice.choices import (ActivityCategory, AidCaseType, AidSource, AidStatus, ConsultChannel,
                                        ConsultTopic, Eligibility, NotaryMatter, NotifyingAuthority, PointLevel,
                                        QualityGrade, TerminationGround)


def grade_for(score: int, archived_late: bool) -> str:
    """Quality grade: ≥80 优良, 60–79 合格, <60 不合格; archiving after the due date is 不合格."""
    if archived_late:
        return QualityGrade.FAIL
    if score >= 80:
        return QualityGrade.EXCELLENT
    if score >= 60:
        return QualityGrade.PASS
    return QualityGrade.FAIL


class Lawyer(OrgOwnedModel):
    """The roster of lawyers (and 基层法律服务工作者) a legal-aid office assigns cases to."""

    name = models.CharField("姓名", max_length=32)
    firm = models.CharField("执业机构", max_length=128)
    license_no = models.CharField("执业证号", max_length=32)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    years_practice = models.PositiveSmallIntegerField("执业年限", default=0, validators=[MaxValueValidator(70)])
    is_active = models.BooleanField("在册", default=True)

    class Meta:
        verbose_name = "法律援助律师"
        verbose_name_plural = verbose_name
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "license_no"], name="ls_lawyer_license_uniq")]

    def __str__(self) -> str:
        return f"{self.name}（{self.firm}）"


class AidCase(OrgOwnedModel):
    """A legal-aid matter: an application (申请) or a notice from court/procuratorate/police (通知辩护)."""

    number = models.CharField("案件编号", max_length=40)
    source = models.CharField("来源", max_length=16, choices=AidSource.choices)
    case_type = models.CharField("案件类型", max_length=20, choices=AidCaseType.choices)
    notifying_authority = models.CharField("通知机关", max_length=16, choices=NotifyingAuthority.choices, blank=True)
    notice_number = models.CharField("通知书文号", max_length=64, blank=True)
    applicant_name = models.CharField("受援人姓名", max_length=32)
    applicant_id_number = models.CharField("受援人身份证号", max_length=18, blank=True)
    applicant_phone = models.CharField("联系电话", max_length=32, blank=True)
    applicant_address = models.CharField("住址", max_length=200, blank=True)
    matter = models.CharField("案由/援助事项", max_length=200)
    eligibility = models.CharField("援助条件", max_length=20, choices=Eligibility.choices)
    hardship_note = models.CharField("经济困难审查情况", max_length=200, blank=True)
    severe_penalty = models.BooleanField("可能被判处无期徒刑、死刑", default=False,
                                         help_text="法律援助法第二十六条：须指派具有三年以上相关执业经历的律师。")
    received_on = models.DateField("收到申请/通知日期", db_index=True)
    status = FSMField("状态", default=AidStatus.RECEIVED, choices=AidStatus.choices)
    accepted_on = models.DateField("受理日期", null=True, blank=True, db_index=True,
                                   help_text="申请：决定给予法律援助之日；通知辩护：收到通知之日。")
    materials_requested_on = models.DateField("一次性告知补充材料日期", null=True, blank=True)
    materials_requested = models.CharField("需补充的材料", max_length=300, blank=True)
    withdrawn_on = models.DateField("视为撤回日期", null=True, blank=True)
    terminated_on = models.DateField("终止援助日期", null=True, blank=True)
    termination_ground = models.CharField("终止事由", max_length=24, choices=TerminationGround.choices, blank=True)
    termination_note = models.CharField("终止说明", max_length=300, blank=True)
    refused_on = models.DateField("不予援助决定日期", null=True, blank=True)
    refusal_reason = models.CharField("不予援助理由", max_length=300, blank=True)
    lawyer = models.ForeignKey(Lawyer, verbose_name="承办律师", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="cases")
    assigned_on = models.DateField("指派日期", null=True, blank=True, db_index=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    outcome = models.CharField("办理结果", max_length=300, blank=True)
    money_recovered = models.DecimalField("挽回经济损失（元）", max_digits=14, decimal_places=2, null=True, blank=True,
                                          validators=[MinValueValidator(0)])
    archive_due = models.DateField("归档期限", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    quality_score = models.PositiveSmallIntegerField("质量评估得分", null=True, blank=True,
                                                     validators=[MaxValueValidator(100)])
    quality_grade = models.CharField("质量等级", max_length=12, choices=QualityGrade.choices, blank=True)
    archived_late = models.BooleanField("逾期归档", default=False)

    class Meta:
        verbose_name = "法律援助案件"
        verbose_name_plural = verbose_name
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "number"], name="ls_aid_number_uniq")]
        indexes = [models.Index(fields=["organization", "case_type", "source"])]

    def __str__(self) -> str:
        return f"{self.number} {self.matter}"

    # -- workflow (django-fsm); services check permission, dates and deadlines -------------------
    @transition(field=status, source=AidStatus.RECEIVED, target=AidStatus.GRANTED)
    def grant_art43(self, on):
        """法律援助法 第四十三条: decision to give aid (within 7 days of the application)."""
        self.accepted_on = on

    @transition(field=status, source=AidStatus.RECEIVED, target=AidStatus.REFUSED)
    def refuse_art43(self, on, reason):
        """法律援助法 第四十三条: refusal in writing, with reasons."""
        self.refused_on = on
        self.refusal_reason = reason

    @transition(field=status, source=AidStatus.RECEIVED, target=AidStatus.WITHDRAWN)
    def withdraw_art43(self, on):
        """法律援助法 第四十三条第二款: materials not supplied after notice → 视为撤回."""
        self.withdrawn_on = on

    @transition(field=status, source=[AidStatus.GRANTED, AidStatus.ASSIGNED], target=AidStatus.TERMINATED)
    def terminate_art48(self, on, ground, note):
        """法律援助法 第四十八条: termination on one of the statutory grounds."""
        self.terminated_on = on
        self.termination_ground = ground
        self.termination_note = note

    @transition(field=status, source=AidStatus.GRANTED, target=AidStatus.ASSIGNED)
    def assign_lawyer(self, lawyer, on):
        """法律援助法 第四十三条 (3 days after the decision) / 第三十六条 (3 days after the notice)."""
        self.lawyer = lawyer
        self.assigned_on = on

    @transition(field=status, source=AidStatus.ASSIGNED, target=AidStatus.CLOSED)
    def close(self, on, outcome, money_recovered=None):
        self.closed_on = on
        self.outcome = outcome
        self.money_recovered = money_recovered

    @transition(field=status, source=AidStatus.CLOSED, target=AidStatus.ARCHIVED)
    def archive(self, on, score):
        """归档 with the quality assessment (法律援助法 第五十九条); late archiving is 不合格."""
        self.archived_on = on
        self.quality_score = score
        self.archived_late = bool(self.archive_due and on > self.archive_due)
        self.quality_grade = grade_for(score, self.archived_late)

    @property
    def is_criminal_notice(self) -> bool:
        return self.source == AidSource.NOTICE and self.case_type == AidCaseType.CRIMINAL

    def clean(self):
        errors = {}
        if self.source == AidSource.NOTICE:
            if not self.notifying_authority:
                errors["notifying_authority"] = "通知辩护/代理须填写通知机关（法律援助法第三十六条）。"
            if self.eligibility != Eligibility.NOTICE:
                errors["eligibility"] = "通知辩护/代理无需经济困难审查，援助条件应为“通知辩护/代理”。"
        else:
            if self.notifying_authority:
                errors["notifying_authority"] = "当事人申请的案件不填写通知机关。"
            if self.eligibility == Eligibility.NOTICE:
                errors["eligibility"] = "当事人申请须经经济困难审查或属于免予审查的情形（法律援助法第三十二条、第四十二条）。"
            if not self.applicant_id_number:
                errors["applicant_id_number"] = "当事人申请须填写受援人身份证号，用于核查申请人身份。"
        if self.eligibility == Eligibility.HARDSHIP and not self.hardship_note.strip():
            errors["hardship_note"] = "经济困难的，须写明审查情况（法律援助法第四十一条）。"
        if errors:
            raise ValidationError(errors)


class Notarization(OrgOwnedModel):
    """公证 ledger: one row per notarial certificate issued."""

    number = models.CharField("公证书编号", max_length=48)
    matter_type = models.CharField("公证事项", max_length=16, choices=NotaryMatter.choices)
    applicant_name = models.CharField("申请人", max_length=64)
    notary = models.CharField("承办公证员", max_length=32)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    issued_on = models.DateField("出证日期", db_index=True)
    fee = models.DecimalField("收费（元）", max_digits=10, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(0)])
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "公证事项"
        verbose_name_plural = verbose_name
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "number"], name="ls_notary_number_uniq")]
        indexes = [models.Index(fields=["organization", "issued_on"], name="ls_notary_org_issued")]

    def __str__(self) -> str:
        return f"{self.number} {self.get_matter_type_display()}"

    def clean(self):
        if self.accepted_on and self.issued_on and self.accepted_on > self.issued_on:
            raise ValidationError({"issued_on": "出证日期不能早于受理日期。"})


class Consultation(OrgOwnedModel):
    """A legal consultation by channel (12348 hotline, on site, smart terminal, video)."""

    channel = models.CharField("咨询渠道", max_length=16, choices=ConsultChannel.choices)
    consulted_on = models.DateField("咨询日期", db_index=True)
    topic = models.CharField("咨询类别", max_length=16, choices=ConsultTopic.choices)
    person_name = models.CharField("咨询人", max_length=32, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    question = models.TextField("咨询内容")
    answer = models.TextField("解答意见", blank=True)
    follow_up = models.CharField("后续处理", max_length=200, blank=True,
                                 help_text="如：引导申请法律援助、转人民调解、转12345。")
    persons = models.PositiveIntegerField("人次", default=1, validators=[MinValueValidator(1), MaxValueValidator(100000)])

    class Meta:
        verbose_name = "法律咨询"
        verbose_name_plural = verbose_name
        ordering = ["-consulted_on", "-id"]
        # covering index of the consultation figures (persons per organization, channel and year)
        indexes = [models.Index(fields=["organization", "channel", "consulted_on", "persons"],
                                name="ls_consult_org_figures")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.consulted_on:%Y-%m-%d} {self.get_topic_display()}"


class ActivityKind(BaseModel):
    """A kind of countable activity. Kinds are data: the 法治办管理员 adds new ones without code."""

    key = models.SlugField("标识", max_length=48, unique=True,
                           help_text="英文字母、数字、下划线或连字符，用于统计指标和接口。")
    name = models.CharField("名称", max_length=64, unique=True)
    category = models.CharField("类别", max_length=16, choices=ActivityCategory.choices)
    count_unit = models.CharField("数量单位", max_length=8, default="场次", help_text="如：场次、家、个、次、名、台。")
    amount_label = models.CharField("金额项名称", max_length=32, blank=True, help_text="留空表示该类活动不记金额。")
    reach_label = models.CharField("覆盖人次项名称", max_length=32, blank=True,
                                   help_text="如：点击量、受众人数；留空表示不记。")
    description = models.CharField("说明", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "活动类别"
        verbose_name_plural = verbose_name
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class Activity(OrgOwnedModel):
    """One countable event (or a period's total) of a kind: 普法活动, 法治体检, 微视频, 义警巡逻…"""

    kind = models.ForeignKey(ActivityKind, verbose_name="活动类别", on_delete=models.PROTECT, related_name="activities")
    title = models.CharField("活动名称", max_length=128)
    held_on = models.DateField("日期", db_index=True)
    end_on = models.DateField("截止日期", null=True, blank=True, help_text="按期间汇总登记时填写。")
    place = models.CharField("地点/对象", max_length=128, blank=True)
    count = models.PositiveIntegerField("数量", default=1, validators=[MaxValueValidator(10_000_000)])
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    reach = models.PositiveBigIntegerField("覆盖人次", null=True, blank=True,
                                           validators=[MaxValueValidator(10_000_000_000)])
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        verbose_name = "活动"
        verbose_name_plural = "活动台账"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organization", "kind", "held_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.end_on and self.held_on and self.end_on < self.held_on:
            errors["end_on"] = "截止日期不能早于开始日期。"
        kind = self.kind if self.kind_id else None
        if kind is not None:
            if self.amount is not None and not kind.amount_label:
                errors["amount"] = f"“{kind.name}”类活动不登记金额。"
            if self.reach is not None and not kind.reach_label:
                errors["reach"] = f"“{kind.name}”类活动不登记覆盖人次。"
        if errors:
            raise ValidationError(errors)


class ServicePoint(OrgOwnedModel):
    """A point of the 三大平台: physical points (county centre, township stations, village rooms),
    the hotline and the online platform."""

    name = models.CharField("名称", max_length=128)
    level = models.CharField("平台层级", max_length=16, choices=PointLevel.choices)
    address = models.CharField("地址/网址", max_length=200, blank=True)
    phone = models.CharField("服务电话", max_length=32, blank=True)
    hours = models.CharField("服务时间", max_length=64, blank=True)
    services = models.CharField("服务项目", max_length=300, help_text="用顿号或逗号分隔，如：法律咨询、法律援助、人民调解。")
    is_public = models.BooleanField("在门户公开", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "公共法律服务平台"
        verbose_name_plural = verbose_name
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def service_list(self) -> list[str]:
        import re
        return [s for s in re.split(r"[、,，;；\s]+", self.services) if s]
