"""行政执法: registries (执法主体, 执法人员, 执法事项), cases under the 三项制度, 双随机一公开, 案卷评查.

Law: 《中华人民共和国行政处罚法》(2021) cited as 处罚法; 国办发〔2018〕118号 (三项制度) cited as 118号.
The 普通程序 is a django-fsm workflow (立案 → … → 归档); guards live in ``fazhi/enforcement/rules.py``
(Chinese messages naming the article) so that services refuse with the exact reason.
"""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django_fsm import FSMField, transition

from fazhi.core.models import OrgOwnedModel
from fazhi.enforcement.choices import (
    BodyKind,
    CaseState,
    Category,
    Grade,
    ListKind,
    OfficerStatus,
    PartyType,
    PenaltyKind,
    Procedure,
    RemedyKind,
    ReviewConclusion,
    RubricItemKind,
    StatementKind,
)

S = CaseState


# -- registries ------------------------------------------------------------------------------------
class EnforcementBody(OrgOwnedModel):
    """执法主体 (118号（四）: 公开行政执法主体、职责、权限、依据)."""

    name = models.CharField("执法主体名称", max_length=128)
    kind = models.CharField("主体类别", max_length=20, choices=BodyKind.choices, default=BodyKind.ORGAN)
    legal_basis = models.TextField("职权来源（法律依据）")
    duties = models.TextField("主要职责", blank=True)
    established_on = models.DateField("设立日期", null=True, blank=True)
    published = models.BooleanField("已公示", default=True)

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = verbose_name
        ordering = ["organization__sort_order", "name", "id"]

    def __str__(self) -> str:
        return self.name


class Officer(OrgOwnedModel):
    """执法人员 with the 行政执法证 (处罚法 第四十二条: 具有行政执法资格)."""

    body = models.ForeignKey(EnforcementBody, verbose_name="执法主体", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="officers")
    name = models.CharField("姓名", max_length=32)
    id_number = models.CharField("身份证号", max_length=18)
    cert_no = models.CharField("执法证号", max_length=32, unique=True)
    field = models.CharField("执法领域", max_length=64, blank=True)
    unit = models.CharField("内设机构", max_length=64, blank=True, help_text="所在科室/中队；法制审核员须不在案件承办机构。")
    first_certified_on = models.DateField("首次取得执法资格日期")
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至")
    status = models.CharField("证件状态", max_length=12, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE)
    training_hours = models.PositiveSmallIntegerField("年度培训学时", default=0)
    is_legal_reviewer = models.BooleanField("法制审核员", default=False)
    has_legal_qualification = models.BooleanField("具有法律职业资格", default=False)

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = verbose_name
        ordering = ["organization__sort_order", "name", "id"]
        indexes = [models.Index(fields=["organization", "first_certified_on"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.cert_no}）"

    def clean(self):
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": "有效期至不能早于发证日期。"})
        if self.first_certified_on and self.issued_on and self.issued_on < self.first_certified_on:
            raise ValidationError({"issued_on": "发证日期不能早于首次取得执法资格日期。"})

    def valid_on(self, day: datetime.date) -> bool:
        return self.status == OfficerStatus.ACTIVE and self.issued_on <= day <= self.expires_on


class EnforcementList(OrgOwnedModel):
    """A published 执法清单 (118号（四）: 执法主体、人员、职责、权限、依据、程序、随机抽查事项清单)."""

    title = models.CharField("清单名称", max_length=128)
    kind = models.CharField("清单类别", max_length=12, choices=ListKind.choices)
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000)])
    published_on = models.DateField("公布日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "执法清单"
        verbose_name_plural = verbose_name
        ordering = ["-year", "kind", "id"]

    def __str__(self) -> str:
        return self.title


class EnforcementItem(OrgOwnedModel):
    """执法事项清单 row; ``power_code`` (职权编码) links it to the 权责清单 of the functions module."""

    name = models.CharField("执法事项", max_length=200)
    category = models.CharField("事项类别", max_length=16, choices=Category.choices)
    legal_basis = models.TextField("法律依据")
    body = models.ForeignKey(EnforcementBody, verbose_name="实施主体", on_delete=models.PROTECT, related_name="items")
    power_code = models.CharField("职权编码", max_length=40, blank=True, db_index=True)
    major_review = models.BooleanField("列入重大执法决定法制审核目录", default=False)
    random_inspection = models.BooleanField("列入随机抽查事项清单", default=False)
    enforcement_list = models.ForeignKey(EnforcementList, verbose_name="所属清单", on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="items")

    class Meta:
        verbose_name = "执法事项"
        verbose_name_plural = verbose_name
        ordering = ["category", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_category_display()}）"


class WorkPlan(OrgOwnedModel):
    """A township's 综合行政执法工作方案 (the seed's 4 township work plans)."""

    title = models.CharField("方案名称", max_length=200)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    issued_on = models.DateField("印发日期")
    summary = models.TextField("主要内容", blank=True)

    class Meta:
        verbose_name = "乡镇综合执法工作方案"
        verbose_name_plural = verbose_name
        ordering = ["-issued_on", "id"]

    def __str__(self) -> str:
        return self.title


# -- cases -----------------------------------------------------------------------------------------
class Case(OrgOwnedModel):
    """One enforcement case (处罚/许可/强制/检查/征收 …). ``organization`` is the deciding agency."""

    number = models.CharField("案号", max_length=80, blank=True, db_index=True)
    kind = models.CharField("执法类别", max_length=16, choices=Category.choices, default=Category.PENALTY)
    procedure = models.CharField("程序", max_length=10, choices=Procedure.choices, default=Procedure.ORDINARY)
    item = models.ForeignKey(EnforcementItem, verbose_name="执法事项", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="cases")
    title = models.CharField("案由", max_length=200)
    undertaking_unit = models.CharField("承办机构", max_length=64, blank=True)
    state = FSMField("办理环节", default=S.FILED, choices=S.choices, protected=False)
    officers = models.ManyToManyField(Officer, verbose_name="承办执法人员", related_name="cases", blank=True)
    # Party (当事人)
    party_type = models.CharField("当事人类别", max_length=14, choices=PartyType.choices)
    party_name = models.CharField("当事人", max_length=128)
    party_id_number = models.CharField("身份证号", max_length=18, blank=True)
    party_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    party_address = models.CharField("住所/地址", max_length=200, blank=True)
    facts = models.TextField("违法事实/事项概述", blank=True)
    # 立案
    violation_on = models.DateField("违法行为发生（终了）日期", null=True, blank=True)
    limitation_extended = models.BooleanField("涉及生命健康安全、金融安全且有危害后果", default=False,
                                              help_text="《行政处罚法》第三十六条：追责时效延长至五年。")
    limitation_note = models.CharField("追责时效提示", max_length=300, blank=True)
    filed_on = models.DateField("立案（受理）日期", db_index=True)
    is_major = models.BooleanField("重大执法决定", default=False,
                                   help_text="《行政处罚法》第五十八条：涉及重大公共利益、经过听证、疑难复杂等。")
    is_complex = models.BooleanField("情节复杂或重大违法行为", default=False,
                                     help_text="《行政处罚法》第五十七条：须集体讨论决定。")
    decision_due = models.DateField("决定期限", null=True, blank=True)
    extension_approved_by = models.CharField("延期批准人", max_length=64, blank=True)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    # 告知 / 陈述申辩 / 听证
    proposed_penalty = models.CharField("拟处罚内容", max_length=300, blank=True)
    hearing_right = models.BooleanField("告知听证权利", default=False)
    notified_on = models.DateField("告知日期", null=True, blank=True)
    hearing_request_due = models.DateField("要求听证期限", null=True, blank=True)
    statement_kind = models.CharField("陈述申辩/听证", max_length=10, choices=StatementKind.choices, blank=True)
    hearing_requested_on = models.DateField("要求听证日期", null=True, blank=True)
    hearing_noticed_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    heard_on = models.DateField("陈述申辩/听证完成日期", null=True, blank=True)
    # 法制审核
    legal_reviewer = models.ForeignKey(Officer, verbose_name="法制审核人员", on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="reviewed_cases")
    reviewed_on = models.DateField("法制审核日期", null=True, blank=True)
    review_conclusion = models.CharField("审核意见", max_length=10, choices=ReviewConclusion.choices, blank=True)
    review_opinion = models.TextField("法制审核意见", blank=True)
    # 集体讨论
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True)
    discussion_summary = models.TextField("集体讨论意见", blank=True)
    # 决定
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    penalty_kind = models.CharField("处罚种类", max_length=16, choices=PenaltyKind.choices, blank=True)
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    confiscation_amount = models.DecimalField("没收金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    decision_content = models.TextField("决定内容", blank=True)
    # 送达 / 执行
    service_due = models.DateField("送达期限", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    payment_due = models.DateField("缴纳罚款期限", null=True, blank=True)
    paid_on = models.DateField("缴纳/履行日期", null=True, blank=True)
    paid_amount = models.DecimalField("实缴金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    surcharge_amount = models.DecimalField("加处罚款（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    remedy_kind = models.CharField("复议/诉讼", max_length=16, choices=RemedyKind.choices, blank=True)
    remedy_started_on = models.DateField("复议/诉讼开始日期", null=True, blank=True)
    remedy_ended_on = models.DateField("复议/诉讼终结日期", null=True, blank=True)
    executed_on = models.DateField("执行完毕日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    archive_number = models.CharField("档案号", max_length=60, blank=True)
    # 公示 (118号（六）)
    publicity_due = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    revoked_on = models.DateField("决定被撤销/变更日期", null=True, blank=True)
    revoke_reason = models.CharField("撤销/变更理由", max_length=300, blank=True)
    withdraw_due = models.DateField("撤回公示期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤回公示日期", null=True, blank=True)
    imported = models.BooleanField("历史案件导入", default=False)

    class Meta:
        verbose_name = "行政执法案件"
        verbose_name_plural = verbose_name
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["organization", "filed_on"]), models.Index(fields=["kind", "filed_on"])]

    def __str__(self) -> str:
        return self.number or self.title

    @property
    def party_id(self) -> str:
        return self.party_id_number if self.party_type == PartyType.CITIZEN else self.party_credit_code

    @property
    def handling_days(self) -> int | None:
        end = self.closed_on or self.decided_on
        return (end - self.filed_on).days if end else None

    # -- transitions (普通程序); each names its article, the guards are in rules.py ----------------
    @transition(field=state, source=S.FILED, target=S.INVESTIGATING)
    def investigate_art55(self):
        """处罚法 第五十五条: 调查或者检查时出示执法证件, 执法人员不少于两人 (第四十二条)."""

    @transition(field=state, source=S.INVESTIGATING, target=S.EXAMINED)
    def examine_art57(self):
        """处罚法 第五十七条: 调查终结, 行政机关负责人对调查结果进行审查."""

    @transition(field=state, source=S.EXAMINED, target=S.NOTIFIED)
    def notify_art44(self, on, proposed, hearing_right, due):
        self.notified_on, self.proposed_penalty, self.hearing_right, self.hearing_request_due = on, proposed, hearing_right, due

    @transition(field=state, source=S.NOTIFIED, target=S.HEARD)
    def hear_art45(self, on, kind):
        self.heard_on, self.statement_kind = on, kind

    @transition(field=state, source=[S.HEARD], target=S.REVIEWED)
    def review_art58(self, on, reviewer, conclusion, opinion):
        self.reviewed_on, self.legal_reviewer, self.review_conclusion, self.review_opinion = on, reviewer, conclusion, opinion

    @transition(field=state, source=[S.HEARD, S.REVIEWED], target=S.DISCUSSED)
    def discuss_art57(self, on, summary):
        self.discussed_on, self.discussion_summary = on, summary

    @transition(field=state, source=[S.FILED, S.HEARD, S.REVIEWED, S.DISCUSSED], target=S.DECIDED)
    def decide_art57(self):
        """处罚法 第五十七条: 行政机关负责人作出决定 (guards: 第四十四条、第五十七条、第五十八条、第六十二条)."""

    @transition(field=state, source=S.DECIDED, target=S.SERVED)
    def serve_art61(self, on):
        self.served_on = on

    @transition(field=state, source=S.SERVED, target=S.EXECUTED)
    def execute_art67(self, on):
        self.executed_on = on

    @transition(field=state, source=[S.SERVED, S.EXECUTED, S.DECIDED], target=S.CLOSED)
    def close(self, on):
        self.closed_on = on

    @transition(field=state, source=S.CLOSED, target=S.ARCHIVED)
    def archive_art47(self, on, number):
        """处罚法 第四十七条: 全过程记录, 归档保存."""
        self.archived_on, self.archive_number = on, number


class CaseStep(OrgOwnedModel):
    """全过程记录: one step of a case with its 文书 (处罚法 第四十七条; 118号（七）)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="steps")
    step = models.CharField("环节", max_length=16)
    on = models.DateField("日期")
    document = models.CharField("文书", max_length=60)
    document_number = models.CharField("文书编号", max_length=80, blank=True)
    content = models.TextField("文书内容/摘要", blank=True)
    officers = models.ManyToManyField(Officer, verbose_name="执法人员", related_name="steps", blank=True)
    seq = models.PositiveIntegerField("卷内序号", default=1)

    class Meta:
        verbose_name = "执法文书（全过程记录）"
        verbose_name_plural = verbose_name
        ordering = ["case", "seq", "id"]

    def __str__(self) -> str:
        return f"{self.document}（{self.on:%Y-%m-%d}）"


# -- 双随机一公开 ---------------------------------------------------------------------------------
class InspectionTarget(OrgOwnedModel):
    """检查对象名录库: a market entity or other inspected party."""

    name = models.CharField("检查对象", max_length=128)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    category = models.CharField("行业类别", max_length=64, blank=True)
    address = models.CharField("经营场所", max_length=200, blank=True)
    is_active = models.BooleanField("在册", default=True)

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = verbose_name
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class RandomDraw(OrgOwnedModel):
    """A 双随机 draw: the pools (as ordered code lists), the seed, and what was drawn.

    Anyone can re-verify: ``random.Random(seed)`` over the recorded pools gives the same result."""

    title = models.CharField("抽查任务", max_length=200)
    item = models.ForeignKey(EnforcementItem, verbose_name="抽查事项", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="draws")
    drawn_on = models.DateField("抽取日期")
    seed = models.CharField("随机种子", max_length=64)
    target_pool = models.JSONField("检查对象名录（抽取时）", default=list)
    officer_pool = models.JSONField("执法人员名录（抽取时）", default=list)
    target_count = models.PositiveIntegerField("抽取对象数", validators=[MinValueValidator(1)])
    officers_per_target = models.PositiveSmallIntegerField("每个对象执法人员数", default=2,
                                                           validators=[MinValueValidator(2)])
    result = models.JSONField("抽取结果", default=list)
    published_on = models.DateField("公示日期", null=True, blank=True)

    class Meta:
        verbose_name = "双随机抽查"
        verbose_name_plural = verbose_name
        ordering = ["-drawn_on", "-id"]

    def __str__(self) -> str:
        return self.title


# -- 案卷评查 --------------------------------------------------------------------------------------
class Rubric(OrgOwnedModel):
    """A 案卷评查标准 of one year and version (data, not code)."""

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000)])
    version = models.PositiveSmallIntegerField("版本", default=1)
    title = models.CharField("评查标准", max_length=128)
    excellent_from = models.PositiveSmallIntegerField("优秀分数线", default=90)
    pass_from = models.PositiveSmallIntegerField("合格分数线", default=60)

    class Meta:
        verbose_name = "案卷评查标准"
        verbose_name_plural = verbose_name
        ordering = ["-year", "-version"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "version"], name="enf_rubric_uniq")]

    def __str__(self) -> str:
        return f"{self.title}（{self.year}年第{self.version}版）"


class RubricItem(OrgOwnedModel):
    rubric = models.ForeignKey(Rubric, verbose_name="评查标准", on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveSmallIntegerField("序号", default=1)
    kind = models.CharField("类别", max_length=8, choices=RubricItemKind.choices)
    text = models.CharField("评查内容", max_length=300)
    points = models.DecimalField("分值/最高扣分", max_digits=5, decimal_places=1, default=Decimal(0))

    class Meta:
        verbose_name = "评查项目"
        verbose_name_plural = verbose_name
        ordering = ["rubric", "seq", "id"]

    def __str__(self) -> str:
        return f"{self.seq}. {self.text}"


class ReviewCampaign(OrgOwnedModel):
    """An 案卷评查 campaign: closed cases drawn at random per organization."""

    title = models.CharField("评查活动", max_length=128)
    rubric = models.ForeignKey(Rubric, verbose_name="评查标准", on_delete=models.PROTECT, related_name="campaigns")
    year = models.PositiveSmallIntegerField("评查年度")
    per_org = models.PositiveSmallIntegerField("每单位抽取案卷数", default=3, validators=[MinValueValidator(1)])
    seed = models.CharField("随机种子", max_length=64)
    started_on = models.DateField("开始日期")

    class Meta:
        verbose_name = "案卷评查活动"
        verbose_name_plural = verbose_name
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CaseReview(OrgOwnedModel):
    """One drawn case file and its score. ``organization`` is the campaign's; the case's own is ``case.organization``."""

    campaign = models.ForeignKey(ReviewCampaign, verbose_name="评查活动", on_delete=models.CASCADE, related_name="reviews")
    case = models.ForeignKey(Case, verbose_name="案卷", on_delete=models.PROTECT, related_name="file_reviews")
    reviewer = models.ForeignKey("core.User", verbose_name="评查人", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    reviewer_org = models.ForeignKey("core.Organization", verbose_name="评查人单位", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    vetoes = models.JSONField("触发的否决项", default=list, blank=True)
    deductions = models.JSONField("扣分", default=dict, blank=True)
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等次", max_length=10, choices=Grade.choices, blank=True)
    scored_on = models.DateField("评查日期", null=True, blank=True)
    comment = models.TextField("评查意见", blank=True)

    class Meta:
        verbose_name = "案卷评查结果"
        verbose_name_plural = verbose_name
        ordering = ["campaign", "case__organization__sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.campaign}：{self.case}"
