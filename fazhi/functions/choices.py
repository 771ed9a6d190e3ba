"""Choices of 政府职能: slugs are the DB/API contract, labels are Chinese (the seed report's terms)."""
from django.db import models


class PowerCategory(models.TextChoices):
    """The ten standard kinds of 行政职权 in a 权责清单 (ANCHORS.md §3.1)."""

    LICENSE = "license", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    PAYMENT = "payment", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"


# Categories whose items are 执法事项 (linked by 职权编码 to the enforcement module's items).
ENFORCEMENT_CATEGORIES = frozenset({PowerCategory.PENALTY, PowerCategory.COERCION, PowerCategory.INSPECTION,
                                    PowerCategory.LEVY})

# The stages of 责任事项 (ANCHORS.md §3.1): one responsibility text per stage.
RESPONSIBILITY_STAGES = ["受理（立案）", "审查（调查取证）", "决定（审理）", "告知", "送达", "执行", "事后监管", "其他"]


class AdjustmentKind(models.TextChoices):
    ADD = "add", "新增"
    CHANGE = "change", "变更"
    CANCEL = "cancel", "取消"
    EMPOWER = "empower", "赋权乡镇"
    DELEGATE = "delegate", "下放执法事项"


DELEGATION_KINDS = (AdjustmentKind.EMPOWER, AdjustmentKind.DELEGATE)


class ServiceLevel(models.TextChoices):
    """政务服务事项 hierarchy (ANCHORS.md §2.7): 主项 → 子项 → 业务办理项."""

    MAIN = "main", "主项"
    SUB = "sub", "子项"
    HANDLING = "handling", "办理项"


class ServiceItemType(models.TextChoices):
    LICENSE = "license", "行政许可"
    PAYMENT = "payment", "行政给付"
    CONFIRMATION = "confirmation", "行政确认"
    LEVY = "levy", "行政征收"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    FILING = "filing", "行政备案"
    OTHER = "other", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"


class OnlineDepth(models.TextChoices):
    """网办深度 (common four-level scale; the province's scale may differ)."""

    NONE = "none", "不可网办"
    INFO = "info", "一级：网上咨询（信息公开）"
    DOWNLOAD = "download", "二级：表格下载"
    PREAPPROVE = "preapprove", "三级：网上预审（最多跑一次）"
    FULL = "full", "四级：全程网办（零跑动）"


# The six basic elements kept identical across levels (ANCHORS.md §2.7), field → Chinese label.
SIX_ELEMENTS = {"name": "事项名称", "item_code": "事项编码", "item_type": "事项类型", "department": "主管部门",
                "agency": "实施机关", "basis": "设定和实施依据"}


class DisclosureArea(models.TextChoices):
    PLANNING = "planning", "规划"
    MARKET = "market", "市场监管"
    FINANCE = "finance", "财政"
    EPIDEMIC = "epidemic", "疫情防控"
    EDUCATION = "education", "教育"
    POLICY = "policy", "政策文件"
    SOCIAL = "social", "社会救助"
    LAND = "land", "土地征收与房屋征收"
    PROJECTS = "projects", "重大建设项目"
    PUBLIC_HEALTH = "health", "医疗卫生"
    ENVIRONMENT = "environment", "生态环境"
    ENFORCEMENT = "enforcement", "行政执法"
    PERSONNEL = "personnel", "人事信息"
    OTHER = "other", "其他"


class DisclosureChannel(models.TextChoices):
    WEBSITE = "website", "政府网站"
    NEW_MEDIA = "new_media", "政务新媒体"
    GAZETTE = "gazette", "政府公报"
    SITE = "site", "政务公开专区"
    OTHER = "other", "其他"


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", "公民"
    ORG = "org", "法人或者其他组织"


class RequestChannel(models.TextChoices):
    """How the application arrived; the receipt date follows from it (条例第三十一条)."""

    IN_PERSON = "in_person", "当面提交"
    REGISTERED_POST = "registered_post", "邮政特快专递、挂号信"
    ORDINARY_POST = "ordinary_post", "平常信函"
    ONLINE = "online", "互联网渠道"
    FAX = "fax", "传真"


RECEIPT_BASIS = {
    RequestChannel.IN_PERSON: "当面提交：以提交之日为收到申请之日（条例第三十一条第一项）",
    RequestChannel.REGISTERED_POST: "邮寄：以签收之日为收到申请之日（条例第三十一条第二项）",
    RequestChannel.ORDINARY_POST: "平常信函：以与申请人确认之日为收到申请之日（条例第三十一条第二项）",
    RequestChannel.ONLINE: "互联网渠道：以双方确认之日为收到申请之日（条例第三十一条第三项）",
    RequestChannel.FAX: "传真：以双方确认之日为收到申请之日（条例第三十一条第三项）",
}


class RequestState(models.TextChoices):
    RECEIVED = "received", "办理中"
    CORRECTION = "correction", "待补正"
    CONSULTING = "consulting", "征求意见中（暂停计时）"
    REPLIED = "replied", "已答复"
    ABANDONED = "abandoned", "视为放弃"


class ReplyType(models.TextChoices):
    """条例第三十六条: the seven kinds of reply."""

    PUBLISHED = "published", "已主动公开（告知获取方式和途径）"
    DISCLOSE = "disclose", "予以公开（提供信息或告知获取方式）"
    REFUSE = "refuse", "不予公开（说明理由）"
    NOT_EXIST = "not_exist", "信息不存在（告知申请人）"
    NOT_OURS = "not_ours", "不属于本机关负责公开（告知负责机关）"
    REPEAT = "repeat", "重复申请（告知不予重复处理）"
    SPECIAL = "special", "另有规定（告知依照有关规定办理）"
    PARTIAL = "partial", "部分公开（区分处理，条例第三十七条）"


class MediaPlatform(models.TextChoices):
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    DOUYIN = "douyin", "抖音"
    TOUTIAO = "toutiao", "今日头条"
    KUAISHOU = "kuaishou", "快手"
    APP = "app", "移动客户端"
    OTHER = "other", "其他"


class CreditKind(models.TextChoices):
    LICENSE = "license", "行政许可"
    PENALTY = "penalty", "行政处罚"


class CreditSource(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法模块"
    IMPORT = "import", "Excel导入"
    MANUAL = "manual", "手工登记"


class CreditStatus(models.TextChoices):
    PENDING = "pending", "待报送"
    REPORTED = "reported", "已报送公示"
    WITHDRAW_PENDING = "withdraw_pending", "待撤下"
    WITHDRAWN = "withdrawn", "已撤下"


class SubjectCategory(models.TextChoices):
    """行政相对人类别 (ANCHORS.md §3.3: the three values of the 信用中国 template)."""

    LEGAL = "legal", "法人及非法人组织"
    NATURAL = "natural", "自然人"
    INDIVIDUAL = "individual", "个体工商户"


class CreditActivityKind(models.TextChoices):
    ENTREPRENEUR = "entrepreneur", "诚信企业家宣传"
    MODEL_UNIT = "model_unit", "诚信经营示范单位"
    CAMPAIGN = "campaign", "诚信主题宣传活动"
