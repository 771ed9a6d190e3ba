"""Choices of 行政执法: slugs are the DB/API contract, labels are Chinese."""
from django.db import models


class BodyKind(models.TextChoices):
    ORGAN = "organ", "行政机关"
    AUTHORIZED = "authorized", "法律法规授权组织"
    ENTRUSTED = "entrusted", "受委托组织"
    TOWNSHIP_OFFICE = "township_office", "乡镇综合执法办公室"


class Category(models.TextChoices):
    """The ten standard kinds of 执法事项 (权责清单 categories)."""

    LICENSE = "license", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    PAYMENT = "payment", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    RULING = "ruling", "行政裁决"
    OTHER = "other", "其他行政权力"


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class Procedure(models.TextChoices):
    SIMPLE = "simple", "简易程序"
    ORDINARY = "ordinary", "普通程序"


class PartyType(models.TextChoices):
    CITIZEN = "citizen", "公民"
    ORGANIZATION = "organization", "法人或其他组织"


class PenaltyKind(models.TextChoices):
    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATION = "confiscation", "没收违法所得、没收非法财物"
    SUSPEND_LICENSE = "suspend_license", "暂扣许可证件、降低资质等级"
    REVOKE_LICENSE = "revoke_license", "吊销许可证件"
    STOP = "stop", "责令停产停业、责令关闭"
    RESTRICT = "restrict", "限制开展生产经营活动、限制从业"
    OTHER = "other", "其他行政处罚"


class CaseState(models.TextChoices):
    FILED = "filed", "立案"
    INVESTIGATING = "investigating", "调查取证"
    EXAMINED = "examined", "审查"
    NOTIFIED = "notified", "告知"
    HEARD = "heard", "陈述申辩/听证"
    REVIEWED = "reviewed", "法制审核"
    DISCUSSED = "discussed", "集体讨论"
    DECIDED = "decided", "决定"
    SERVED = "served", "送达"
    EXECUTED = "executed", "执行"
    CLOSED = "closed", "结案"
    ARCHIVED = "archived", "归档"


class StatementKind(models.TextChoices):
    WAIVED = "waived", "放弃陈述、申辩和听证"
    STATEMENT = "statement", "陈述、申辩"
    HEARING = "hearing", "听证"


class ReviewConclusion(models.TextChoices):
    AGREE = "agree", "同意"
    PROBLEMS = "problems", "存在问题（退回补正）"


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class ListKind(models.TextChoices):
    BODIES = "bodies", "执法主体清单"
    OFFICERS = "officers", "执法人员清单"
    ITEMS = "items", "执法事项清单"
    RANDOM = "random", "随机抽查事项清单"
    MAJOR = "major", "重大执法决定法制审核目录清单"
    PROCESS = "process", "执法流程与服务指南"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class RubricItemKind(models.TextChoices):
    VETO = "veto", "否决项"
    DEDUCT = "deduct", "扣分项"


# Which 文书 each step of the 普通程序 requires (全过程记录, 《行政处罚法》第四十七条).
STEP_DOCUMENTS: dict[str, str] = {
    "filed": "立案审批表",
    "investigating": "询问笔录/现场检查笔录",
    "examined": "案件调查终结报告",
    "notified": "行政处罚事先告知书",
    "heard": "陈述申辩笔录/听证笔录",
    "reviewed": "法制审核意见书",
    "discussed": "集体讨论记录",
    "decided": "行政处罚决定书",
    "served": "送达回证",
    "executed": "罚没款缴纳凭证/执行记录",
    "closed": "结案审批表",
    "archived": "卷宗归档登记",
    "extended": "延长办案期限审批表",
    "simple": "当场行政处罚决定书",
    "other_decision": "执法决定书",
    "inspection": "检查记录",
    "revoked": "撤销决定",
}

# Kinds whose decisions go to 双公示 within 7 working days (118号（六）).
DOUBLE_PUBLICITY_KINDS = (Category.PENALTY, Category.LICENSE)
