from django.db import models


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", "委员会会议"
    PROMOTION = "promotion", "推进会"
    EXECUTIVE = "executive", "政府常务会议"
    CENTER_GROUP = "center_group", "理论学习中心组"
    OTHER = "other", "其他会议"


class StudyForm(models.TextChoices):
    EXECUTIVE = "executive", "政府常务会议学法"
    CENTER_GROUP = "center_group", "党组理论学习中心组学法"
    CADRE = "cadre", "干部学法"
    OTHER = "other", "其他学法"


class TrainingMode(models.TextChoices):
    IN_PERSON = "in_person", "线下"
    ONLINE = "online", "线上"


class TaskKind(models.TextChoices):
    KEY_REFORM = "key_reform", "重点改革"
    ROUTINE = "routine", "常规工作"
    SYSTEM = "system", "制度建设"


class TaskStatus(models.TextChoices):
    PENDING = "pending", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"


class InspectionScope(models.TextChoices):
    COUNTY = "county", "全县"
    SPECIAL = "special", "专项"


class InspectorBody(models.TextChoices):
    COMMITTEE_OFFICE = "committee_office", "县委依法治县办"
    PEOPLES_CONGRESS = "peoples_congress", "县人大常委会"
    GOVERNMENT = "government", "县人民政府"
    PARTY = "party", "县委"


class FindingStatus(models.TextChoices):
    OPEN = "open", "整改中"
    SUBMITTED = "submitted", "已报整改"
    CLOSED = "closed", "已销号"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "评分中"
    PUBLISHED = "published", "已公示（申诉期）"
    FINAL = "final", "已定档"


class AppealStatus(models.TextChoices):
    FILED = "filed", "待复核"
    UPHELD = "upheld", "申诉成立"
    REJECTED = "rejected", "申诉不成立"


class ItemMethod(models.TextChoices):
    AUTO = "auto", "自动计算"
    MANUAL = "manual", "人工评分"
