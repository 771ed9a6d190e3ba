"""Choices of the core app: slugs are the DB/API contract, labels are Chinese."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")
    VILLAGE = "village", _("村级")


class OrgKind(models.TextChoices):
    PARTY = "party", _("党委机构")
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府部门/单位")
    TOWNSHIP = "township", _("乡镇/管委会")
    VILLAGE = "village", _("村")
    COMMUNITY = "community", _("社区")
    JUDICIAL = "judicial", _("法院/检察院")
    OTHER = "other", _("其他")


class Role(models.TextChoices):
    ADMIN = "admin", _("法治办管理员")
    REVIEWER = "reviewer", _("法制审核员")
    LIAISON = "liaison", _("联络员")
    OFFICER = "officer", _("执法人员")
    ADVISER = "adviser", _("法律顾问")
    LEADER = "leader", _("领导")


# Roles that may only read.
READ_ONLY_ROLES = frozenset({Role.LEADER})


class HolidayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")


class DeadlineUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("自然日")
    WORKING_DAYS = "working_days", _("工作日")
    MONTHS = "months", _("月")
    YEARS = "years", _("年")


class Verification(models.TextChoices):
    VERIFIED = "V", _("已核对条文")
    SECONDARY = "V2", _("转引核对")
    UNVERIFIED = "U", _("未核实（可配置）")
