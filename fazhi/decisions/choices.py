"""Choices of 重大行政决策 (《重大行政决策程序暂行条例》, 国务院令第713号, 2019)."""
from django.db import models


class DecisionCategory(models.TextChoices):
    """条例 第三条第一款 (the five categories of major decisions)."""
    POLICY = "policy", "重大公共政策和措施"
    PLAN = "plan", "经济和社会发展等方面的重要规划"
    RESOURCES = "resources", "开发利用、保护重要自然资源和文化资源的重大公共政策和措施"
    PROJECT = "project", "重大公共建设项目"
    OTHER = "other", "其他重大事项"


class CatalogStatus(models.TextChoices):
    DRAFT = "draft", "编制中"
    PUBLISHED = "published", "已公布"


class ChangeKind(models.TextChoices):
    ADD = "add", "增加事项"
    MODIFY = "modify", "调整事项"
    REMOVE = "remove", "删除事项"


class DecisionState(models.TextChoices):
    STARTED = "started", "决策启动"
    CONSULTING = "consulting", "公众参与"
    EXPERT = "expert", "专家论证"
    RISK = "risk", "风险评估"
    LEGALITY_READY = "legality_ready", "待送合法性审查"
    LEGALITY = "legality", "合法性审查"
    DISCUSSION = "discussion", "待集体讨论"
    DECIDED = "decided", "集体讨论决定"
    REPORTED = "reported", "已向党委请示报告"
    PUBLISHED = "published", "决策公布"
    EXECUTING = "executing", "执行中"
    EVALUATED = "evaluated", "已后评估"
    NOT_ADOPTED = "not_adopted", "未通过"


class LegalityConclusion(models.TextChoices):
    LAWFUL = "lawful", "合法"
    REVISE = "revise", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"


class RiskLevel(models.TextChoices):
    LOW = "low", "低风险"
    MEDIUM = "medium", "中风险"
    HIGH = "high", "高风险"


class MeetingKind(models.TextChoices):
    STANDING = "standing", "常务会议"
    PLENARY = "plenary", "全体会议"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", "通过"
    ADOPTED_REVISED = "adopted_revised", "修改后通过"
    NOT_ADOPTED = "not_adopted", "不予通过"


class EvaluationTrigger(models.TextChoices):
    """条例 第三十六条第一款."""
    NOT_EFFECTIVE = "not_effective", "实施后明显未达到预期效果"
    MANY_OPINIONS = "many_opinions", "公民、法人或者其他组织提出较多意见"
    NECESSARY = "necessary", "决策机关认为有必要"


class CommentStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已公开"
    REJECTED = "rejected", "不予公开"


class Adoption(models.TextChoices):
    UNDECIDED = "", "未处理"
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"


class AdviserKind(models.TextChoices):
    PUBLIC_LAWYER = "public_lawyer", "公职律师"
    LEGAL_ADVISER = "legal_adviser", "法律顾问"


class WorkKind(models.TextChoices):
    MEETING = "meeting", "列席会议"
    SUIT = "suit", "代理诉讼"
    OPINION = "opinion", "合法性审核意见"


class OpinionSubject(models.TextChoices):
    DECISION = "decision", "重大行政决策"
    CONTRACT = "contract", "合同协议"
    NORMDOC = "normdoc", "行政规范性文件"
    PETITION = "petition", "重大信访事项"
    LEGAL_AFFAIR = "legal_affair", "其他涉法事务"


# Steps that may be skipped, each only with a recorded legal reason.
SKIPPABLE_STEPS = {
    "consultation": "公众参与",
    "expert": "专家论证",
    "risk": "风险评估",
}
