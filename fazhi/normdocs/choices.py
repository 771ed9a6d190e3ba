"""Choices of 行政规范性文件 (国办发〔2018〕37号, 国办发〔2018〕115号)."""
from django.db import models


class DocState(models.TextChoices):
    """The issue's statuses, plus 已印发 (三统一: 登记、编号、印发 done, not yet published)."""
    DRAFTING = "drafting", "起草"
    CONSULTING = "consulting", "征求意见"
    LEGALITY = "legality", "合法性审核"
    DELIBERATION = "deliberation", "集体审议"
    REGISTERED = "registered", "已印发（三统一）"
    PUBLISHED = "published", "已公布"
    FILED = "filed", "已备案"
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"
    REJECTED = "rejected", "审议未通过"


class LegalityConclusion(models.TextChoices):
    """115号 二(六): the written opinion is 合法、不合法 or 应当予以修改."""
    LAWFUL = "lawful", "合法"
    REVISE = "revise", "应当予以修改"
    UNLAWFUL = "unlawful", "不合法"


class DeliberationOutcome(models.TextChoices):
    ADOPTED = "adopted", "审议通过"
    REJECTED = "rejected", "审议未通过"


class EvaluationConclusion(models.TextChoices):
    CONTINUE = "continue", "继续施行（重新公布）"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    LAPSE = "lapse", "到期失效"


class DocClass(models.TextChoices):
    """清理 funnel: which documents were selected for review, and as what."""
    UNCLASSIFIED = "", "未分类"
    POLICY = "policy", "政策性文件"
    NORMATIVE = "normative", "规范性文件"


class Outcome(models.TextChoices):
    """清理结果."""
    NONE = "", "未处理"
    KEEP = "keep", "保留"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    EXPIRE = "expire", "宣布失效"


class FlagKind(models.TextChoices):
    """Automatic pre-screening reasons (proposals only; a reviewer decides)."""
    CITES_REPEALED = "cites_repealed", "引用的法律法规已废止"
    CITES_OLD_VERSION = "cites_old_version", "引用的法律法规已修订（有更新版本）"
    AGENCY_ABOLISHED = "agency_abolished", "制定机关已在机构改革中撤销或更名"
    VALIDITY_PASSED = "validity_passed", "有效期已届满"
    NOT_PUBLISHED = "not_published", "未向社会公开发布"
    NEAR_DUPLICATE = "near_duplicate", "与其他文件内容高度重复"
