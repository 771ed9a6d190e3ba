from django.db import models


class ReportState(models.TextChoices):
    DRAFT = "draft", "起草中"
    REVIEW = "review", "审核中"
    SUBMITTED = "submitted", "已报送"
    PUBLISHED = "published", "已公开"


class Part(models.TextChoices):
    """The parts of the annual report the 《法治政府建设与责任落实督察工作规定》 requires."""

    INTRO = "intro", "导语"
    ACHIEVEMENTS = "achievements", "主要举措和成效"
    SHORTCOMINGS = "shortcomings", "存在的不足和原因"
    PLANS = "plans", "下一年度主要安排"
    DUTIES = "duties", "党政主要负责人履行推进法治建设第一责任人职责情况"
    OTHER = "other", "其他需要报告的情况"


REQUIRED_PARTS = (Part.ACHIEVEMENTS, Part.SHORTCOMINGS, Part.PLANS, Part.DUTIES)


class Level(models.IntegerChoices):
    PARAGRAPH = 0, "正文段落"
    HEADING = 1, "一级标题（一、）"
    ITEM = 2, "二级标题段（（一））"


class SuggestionSource(models.TextChoices):
    OVERDUE = "overdue", "逾期期限事项"
    LOW_RATE = "low_rate", "比率偏低"
    REPEATED = "repeated", "督察问题重复出现"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "待处理"
    ACCEPTED = "accepted", "已采纳"
    REJECTED = "rejected", "未采纳"
