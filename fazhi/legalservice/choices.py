"""Choices of the 公共法律服务 module (English slugs, Chinese labels)."""
from django.db import models


class AidSource(models.TextChoices):
    APPLICATION = "application", "当事人申请"
    NOTICE = "notice", "通知辩护/代理"


class AidCaseType(models.TextChoices):
    CRIMINAL = "criminal", "刑事辩护/代理"
    CIVIL = "civil", "民事"
    ADMINISTRATIVE = "administrative", "行政"
    NON_LITIGATION = "non_litigation", "非诉讼事项"
    DUTY_LAWYER = "duty_lawyer", "值班律师法律帮助"


class NotifyingAuthority(models.TextChoices):
    """法律援助法 第三十六条: 人民法院、人民检察院、公安机关."""
    COURT = "court", "人民法院"
    PROCURATORATE = "procuratorate", "人民检察院"
    POLICE = "police", "公安机关"


class Eligibility(models.TextChoices):
    """How the applicant qualifies: economic hardship checked, or a category exempt from the check."""
    HARDSHIP = "hardship", "经济困难（已审查）"
    # 法律援助法 第三十二条: 不受经济困难条件限制
    ART32_MARTYR = "art32_martyr", "英雄烈士近亲属维护英雄烈士权益（第三十二条）"
    ART32_HERO = "art32_hero", "见义勇为行为主张相关民事权益（第三十二条）"
    ART32_RETRIAL = "art32_retrial", "再审改判无罪请求国家赔偿（第三十二条）"
    ART32_ABUSE = "art32_abuse", "遭受虐待、遗弃或者家庭暴力的受害人主张相关权益（第三十二条）"
    # 法律援助法 第四十二条: 免予核查经济困难状况
    ART42_DEPENDANT = "art42_dependant", "无固定生活来源的未成年人、老年人、残疾人等特定群体（第四十二条）"
    ART42_RELIEF = "art42_relief", "社会救助、司法救助或者优抚对象（第四十二条）"
    ART42_MIGRANT = "art42_migrant", "申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员（第四十二条）"
    # 法律援助法 第二十五条、第三十六条: 通知辩护不审查经济状况
    NOTICE = "notice", "通知辩护/代理，无需经济困难审查（第二十五条、第三十六条）"


EXEMPT_ELIGIBILITY = {c for c in Eligibility.values if c.startswith(("art32", "art42"))}


class AidStatus(models.TextChoices):
    RECEIVED = "received", "待审查"
    GRANTED = "granted", "已决定给予援助，待指派"
    REFUSED = "refused", "不予法律援助"
    ASSIGNED = "assigned", "已指派，办理中"
    CLOSED = "closed", "已结案，待归档"
    ARCHIVED = "archived", "已归档"
    WITHDRAWN = "withdrawn", "视为撤回"
    TERMINATED = "terminated", "已终止援助"


class TerminationGround(models.TextChoices):
    """法律援助法 第四十八条 (一)–(八)."""
    DECEIT = "deceit", "受援人以欺骗或者其他不正当手段获得法律援助"
    CONCEALMENT = "concealment", "受援人故意隐瞒与案件有关的重要事实或者提供虚假证据"
    ILLEGAL_USE = "illegal_use", "受援人利用法律援助从事违法活动"
    NO_LONGER_ELIGIBLE = "no_longer_eligible", "受援人的经济状况发生变化，不再符合法律援助条件"
    CASE_ENDED = "case_ended", "案件终止审理或者已经被撤销"
    OWN_LAWYER = "own_lawyer", "受援人自行委托律师或者其他代理人"
    REQUESTED = "requested", "受援人有正当理由要求终止法律援助"
    OTHER = "other", "法律法规规定的其他情形"


class QualityGrade(models.TextChoices):
    EXCELLENT = "excellent", "优良"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class NotaryMatter(models.TextChoices):
    INHERITANCE = "inheritance", "继承"
    ENTRUSTMENT = "entrustment", "委托"
    DECLARATION = "declaration", "声明"
    GIFT = "gift", "赠与"
    CONTRACT = "contract", "合同（协议）"
    EDUCATION = "education", "学历、学位"
    KINSHIP = "kinship", "身份、亲属关系"
    EVIDENCE = "evidence", "保全证据"
    OTHER = "other", "其他"


class ConsultChannel(models.TextChoices):
    HOTLINE = "hotline", "12348热线电话"
    ONSITE = "onsite", "现场咨询"
    TERMINAL = "terminal", "智能终端机"
    VIDEO = "video", "可视电话/视频咨询"


class ConsultTopic(models.TextChoices):
    MARRIAGE = "marriage", "婚姻家庭"
    LABOUR = "labour", "劳动争议与劳动报酬"
    LAND = "land", "土地与房产"
    CONTRACT = "contract", "合同与债务"
    TORT = "tort", "侵权与损害赔偿"
    CRIMINAL = "criminal", "刑事"
    ADMINISTRATIVE = "administrative", "行政"
    AID = "aid", "法律援助申请"
    OTHER = "other", "其他"


class ActivityCategory(models.TextChoices):
    PUBLICITY = "publicity", "普法宣传"
    CHECKUP = "checkup", "企业法治体检"
    MEDIA = "media", "新媒体普法"
    SERVICE = "service", "法律服务"
    VOLUNTEER = "volunteer", "志愿服务（义警）"
    TASK = "task", "专项工作"
    OTHER = "other", "其他"


class PointLevel(models.TextChoices):
    """三大平台: 实体平台 (县中心、乡镇工作站、村居工作室), 热线平台, 网络平台."""
    COUNTY = "county", "县公共法律服务中心"
    TOWNSHIP = "township", "乡镇公共法律服务工作站"
    VILLAGE = "village", "村（社区）公共法律服务工作室"
    HOTLINE = "hotline", "热线平台"
    ONLINE = "online", "网络平台"


PHYSICAL_LEVELS = {PointLevel.COUNTY, PointLevel.TOWNSHIP, PointLevel.VILLAGE}
