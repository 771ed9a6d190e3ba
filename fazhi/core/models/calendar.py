"""Holiday calendar overrides and deadline rules (rules are data)."""
from __future__ import annotations

from django.db import models

from fazhi.core.choices import DeadlineUnit, HolidayKind, Verification
from fazhi.core.models.base import BaseModel


class Holiday(models.Model):
    """A day the State Council's yearly notice makes a rest day (放假) or a working day (调休上班).

    Where this table has a year (a ``HolidayYear`` row), it wins over the chinese-calendar package.
    """

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=HolidayKind.choices)
    name = models.CharField("节日", max_length=32, blank=True)

    class Meta:
        verbose_name = "节假日"
        verbose_name_plural = verbose_name
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class HolidayYear(models.Model):
    """A year whose holiday arrangement has been entered in full from the notice."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    notice = models.CharField("通知文号/来源", max_length=128, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "节假日年度"
        verbose_name_plural = verbose_name
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class DeadlineRule(models.Model):
    """A statutory time limit. ``count`` may be changed where a province sets it; the national default stays."""

    code = models.CharField("规则编码", max_length=64, unique=True)
    name = models.CharField("名称", max_length=128)
    legal_basis = models.CharField("法律依据", max_length=255)
    count = models.PositiveIntegerField("期限")
    national_default = models.PositiveIntegerField("全国默认期限")
    unit = models.CharField("单位", max_length=16, choices=DeadlineUnit.choices)
    start_event = models.CharField("起算事件", max_length=128)
    roll_forward = models.BooleanField("末日遇休息日顺延", default=False)
    verification = models.CharField("核实状态", max_length=2, choices=Verification.choices, default=Verification.VERIFIED)
    province_configurable = models.BooleanField("可由省级配置", default=False)
    warn_working_days = models.PositiveSmallIntegerField("提前预警（工作日）", default=3)
    notes = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "期限规则"
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Deadline(BaseModel):
    """A due date registered by any module, shown on the deadline board (黄灯/红灯)."""

    organization = models.ForeignKey("core.Organization", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(DeadlineRule, verbose_name="期限规则", on_delete=models.PROTECT, related_name="deadlines")
    module = models.CharField("模块", max_length=32)
    target_type = models.CharField("对象类型", max_length=64)
    target_id = models.CharField("对象编码", max_length=64)
    title = models.CharField("事项", max_length=255)
    url = models.CharField("链接", max_length=255, blank=True)
    start_date = models.DateField("起算日")
    due_date = models.DateField("届满日", db_index=True)
    pauses = models.JSONField("中止期间", default=list, blank=True)
    done_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = verbose_name
        ordering = ["due_date"]
        indexes = [
            # Used by the deadline board: open deadlines by due date.
            models.Index(fields=["due_date"], condition=models.Q(done_at__isnull=True), name="core_deadline_open_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["rule", "target_type", "target_id"], name="core_deadline_one_per_target_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.due_date}）"
