"""Regions (GB/T 2260), organizations, users and their roles."""
from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from fazhi.core.choices import OrgKind, RegionLevel, Role
from fazhi.core.models.base import BaseModel
from fazhi.lib import validators


class Region(models.Model):
    """An administrative division. ``code`` is the GB/T 2260 code (villages: 12-digit 统计用区划代码)."""

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # Materialized path of codes, "/64/6403/640324/", for subtree queries without recursion.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validators.validate_region_code(self.code)


class Organization(BaseModel):
    name = models.CharField("名称", max_length=128)
    short_name = models.CharField("简称", max_length=32, blank=True)
    kind = models.CharField("类别", max_length=16, choices=OrgKind.choices)
    parent = models.ForeignKey("self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    region = models.ForeignKey(Region, verbose_name="所在区划", on_delete=models.PROTECT, related_name="organizations")
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validators.validate_credit_code]
    )
    is_active = models.BooleanField("在用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    # Materialized path of primary keys, "/1/5/9/": a supervising org sees path__startswith its own.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = verbose_name
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~models.Q(credit_code=""), name="core_org_unique_credit_code"
            ),
            models.UniqueConstraint(fields=["parent", "name"], name="core_org_unique_name_under_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Chinese names are kept whole in ``name``."""

    name = models.CharField("姓名", max_length=64, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name or self.username

    @property
    def display_name(self) -> str:
        return self.name or self.username


class Membership(models.Model):
    """A user's role in an organization. A user may hold several."""

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    reads_county = models.BooleanField(
        "全县查阅", default=False,
        help_text="可查阅全县各单位的记录（只读），如司法局的法制审核员、法律顾问审查各单位的材料。",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "任职角色"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="core_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"
