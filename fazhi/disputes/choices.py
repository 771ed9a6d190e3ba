"""Choices of the 矛盾纠纷化解 module (English slugs, Chinese labels from the seed report / the laws)."""
from django.db import models


class LawVersion(models.TextChoices):
    V2017 = "2017", "《行政复议法》（2017年修正）"
    V2023 = "2023", "《行政复议法》（2023年修订）"


class ApplyChannel(models.TextChoices):
    WRITTEN = "written", "书面申请"
    ORAL = "oral", "口头申请"
    ONLINE = "online", "网上申请"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SIMPLE = "simple", "简易程序"


class ReviewState(models.TextChoices):
    RECEIVED = "received", "已收到申请（受理审查中）"
    CORRECTING = "correcting", "补正中"
    ACCEPTED = "accepted", "已受理（审理中）"
    SUSPENDED = "suspended", "中止"
    DECIDED = "decided", "已作出复议决定"
    MEDIATED = "mediated", "调解结案"
    TERMINATED = "terminated", "终止"
    DISMISSED = "dismissed", "驳回申请"
    REJECTED = "rejected", "不予受理"
    ABANDONED = "abandoned", "视为放弃"


OPEN_REVIEW_STATES = (ReviewState.RECEIVED, ReviewState.CORRECTING, ReviewState.ACCEPTED, ReviewState.SUSPENDED)


class DecisionType(models.TextChoices):
    """行政复议法（2023）第六十三条至第七十二条（2017年法第二十八条）."""
    CHANGE = "change", "变更（第六十三条）"
    REVOKE = "revoke", "撤销（第六十四条）"
    REVOKE_PARTIAL = "revoke_partial", "部分撤销（第六十四条）"
    CONFIRM_ILLEGAL = "confirm_illegal", "确认违法（第六十五条）"
    ORDER_PERFORM = "order_perform", "责令履行（第六十六条）"
    CONFIRM_INVALID = "confirm_invalid", "确认无效（第六十七条）"
    UPHOLD = "uphold", "维持（第六十八条）"
    DISMISS_CLAIM = "dismiss_claim", "驳回行政复议请求（第六十九条）"
    AGREEMENT = "agreement", "行政协议责任（第七十一条）"
    COMPENSATION = "compensation", "行政赔偿（第七十二条）"


# 纠错: 撤销 / 变更 / 确认违法 / 责令履行 / 确认无效 (issue 6 §1).
CORRECTIVE_DECISIONS = (
    DecisionType.CHANGE, DecisionType.REVOKE, DecisionType.REVOKE_PARTIAL, DecisionType.CONFIRM_ILLEGAL,
    DecisionType.ORDER_PERFORM, DecisionType.CONFIRM_INVALID,
)


class ReviewOutcome(models.TextChoices):
    """Procedural outcomes (not a decision on the merits)."""
    NOT_ACCEPTED = "not_accepted", "不予受理（第三十条）"
    DISMISSED = "dismissed", "驳回申请（第三十三条）"
    TERMINATED = "terminated", "终止（第四十一条）"
    MEDIATION = "mediation", "行政复议调解书（第七十三条）"
    SETTLEMENT = "settlement", "和解后撤回申请（第七十四条）"
    WITHDRAWN = "withdrawn", "申请人撤回申请"
    ABANDONED = "abandoned", "逾期不补正视为放弃（第三十一条）"


class PreMediation(models.TextChoices):
    NONE = "", "未进行"
    ONGOING = "ongoing", "调解中"
    AGREED = "agreed", "达成协议"
    FAILED = "failed", "未达成协议"


class Instance(models.TextChoices):
    FIRST = "first", "一审"
    SECOND = "second", "二审"
    RETRIAL = "retrial", "再审"


class LitigationOutcome(models.TextChoices):
    PENDING = "", "审理中"
    DISMISS_CLAIM = "dismiss_claim", "驳回原告诉讼请求"
    DISMISS_SUIT = "dismiss_suit", "裁定驳回起诉"
    WITHDRAWN = "withdrawn", "原告撤诉"
    MEDIATED = "mediated", "调解结案"
    REVOKE = "revoke", "判决撤销"
    CONFIRM_ILLEGAL = "confirm_illegal", "判决确认违法"
    CONFIRM_INVALID = "confirm_invalid", "判决确认无效"
    ORDER_PERFORM = "order_perform", "判决履行法定职责"
    CHANGE = "change", "判决变更"
    COMPENSATION = "compensation", "判决赔偿"


LOST_OUTCOMES = (
    LitigationOutcome.REVOKE, LitigationOutcome.CONFIRM_ILLEGAL, LitigationOutcome.CONFIRM_INVALID,
    LitigationOutcome.ORDER_PERFORM, LitigationOutcome.CHANGE, LitigationOutcome.COMPENSATION,
)


class Appearance(models.TextChoices):
    """Who appeared for the defendant (行政诉讼法第三条第三款; 适用解释第一百二十八条至第一百三十二条)."""
    PRINCIPAL = "principal", "正职负责人出庭"
    DEPUTY = "deputy", "副职负责人出庭"
    IN_CHARGE = "in_charge", "分管负责人出庭"
    DELEGATE = "delegate", "委托工作人员出庭"
    LAWYER_ONLY = "lawyer_only", "仅律师出庭"
    NONE = "none", "无人出庭"


HEAD_APPEARANCES = (Appearance.PRINCIPAL, Appearance.DEPUTY, Appearance.IN_CHARGE)


class Appellant(models.TextChoices):
    NONE = "", "未上诉"
    PLAINTIFF = "plaintiff", "原告上诉"
    DEFENDANT = "defendant", "被告上诉"


class RoomKind(models.TextChoices):
    PEOPLE = "people", "人民调解委员会"
    PRESUIT = "presuit", "诉前调解室"
    MARRIAGE = "marriage", "婚姻家庭纠纷人民调解室"
    PLSC = "plsc", "公共法律服务中心调解室"


class MediationKind(models.TextChoices):
    PEOPLE = "people", "人民调解"
    PRESUIT = "presuit", "诉前调解"
    MARRIAGE = "marriage", "婚姻家庭纠纷调解"
    PLSC = "plsc", "公共法律服务中心调解"


class DisputeType(models.TextChoices):
    """Categories of the 人民调解 statistics (司法部人民调解案件统计口径)."""
    MARRIAGE = "marriage", "婚姻家庭纠纷"
    NEIGHBOR = "neighbor", "邻里纠纷"
    PROPERTY = "property", "房屋宅基地纠纷"
    CONTRACT = "contract", "合同纠纷"
    BUSINESS = "business", "生产经营纠纷"
    DAMAGES = "damages", "损害赔偿纠纷"
    LABOUR = "labour", "劳动争议纠纷"
    LAND = "land", "山林土地纠纷"
    DEMOLITION = "demolition", "征地拆迁纠纷"
    ENVIRONMENT = "environment", "环境污染纠纷"
    TRAFFIC = "traffic", "道路交通事故纠纷"
    MEDICAL = "medical", "医疗纠纷"
    PROPERTY_MGMT = "property_mgmt", "物业纠纷"
    OTHER = "other", "其他纠纷"


class MediationStatus(models.TextChoices):
    OPEN = "open", "调解中"
    SUCCESS = "success", "调解成功"
    FAILED = "failed", "调解不成"
    REFUSED = "refused", "当事人拒绝调解"


class AgreementForm(models.TextChoices):
    NONE = "", "无"
    WRITTEN = "written", "书面调解协议（人民调解法第二十九条）"
    ORAL = "oral", "口头协议（人民调解法第二十八条、第三十条）"


class ArbitrationResult(models.TextChoices):
    OPEN = "", "审理中"
    MEDIATED = "mediated", "调解结案"
    AWARD = "award", "裁决结案"
    WITHDRAWN = "withdrawn", "申请人撤回"
    NOT_ACCEPTED = "not_accepted", "不予受理"
