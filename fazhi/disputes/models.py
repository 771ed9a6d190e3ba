"""矛盾纠纷化解: 行政复议, 行政应诉, 人民调解 / 诉前调解 / 婚姻家庭纠纷调解 / 公共法律服务中心调解, 劳动仲裁,
and the yearly external counts behind "一升两降"."""
from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_fsm import FSMField, transition

from fazhi.core.models import OrgOwnedModel

from .choices import (
    CORRECTIVE_DECISIONS, HEAD_APPEARANCES, LOST_OUTCOMES, AgreementForm, ApplyChannel, Appearance, Appellant,
    ArbitrationResult, DecisionType, DisputeType, Instance, LawVersion, LitigationOutcome, MediationKind,
    MediationStatus, PreMediation, Procedure, ReviewOutcome, ReviewState, RoomKind,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


# ---------------------------------------------------------------------------------------------
# 行政复议
class ReviewCase(OrgOwnedModel):
    """One 行政复议 application. ``organization`` is the 行政复议机关 (the county government)."""

    number = models.CharField("案号", max_length=60, blank=True)
    applicant = models.CharField("申请人", max_length=200)
    third_party = models.CharField("第三人", max_length=200, blank=True)
    respondent = models.ForeignKey("core.Organization", verbose_name="被申请人", on_delete=models.PROTECT,
                                   related_name="+")
    act = models.CharField("被申请复议的行政行为", max_length=500)
    act_known_on = models.DateField("知道或者应当知道该行政行为之日")
    rights_notified = models.BooleanField("行政机关已告知复议权利和期限", default=True)
    received_on = models.DateField("收到申请日期", db_index=True)
    channel = models.CharField("申请方式", max_length=10, choices=ApplyChannel.choices, default=ApplyChannel.WRITTEN)
    law_version = models.CharField("适用法律", max_length=4, choices=LawVersion.choices, editable=False)
    procedure = models.CharField("审理程序", max_length=10, choices=Procedure.choices, default=Procedure.ORDINARY)
    application_due = models.DateField("申请期限届满日", null=True, blank=True)
    late_application = models.BooleanField("超过申请期限", default=False)
    late_reason = models.CharField("耽误申请期限的正当理由", max_length=500, blank=True)
    state = FSMField("状态", max_length=12, choices=ReviewState.choices, default=ReviewState.RECEIVED)

    # 补正
    correction_items = models.TextField("需要补正的事项（一次性载明）", blank=True)
    correction_noticed_on = models.DateField("补正通知日期", null=True, blank=True)
    correction_supply_due = models.DateField("补正期限", null=True, blank=True)
    correction_supplied_on = models.DateField("收到补正材料日期", null=True, blank=True)

    # 受理
    acceptance_due = models.DateField("受理审查期限", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True, db_index=True)
    deemed_accepted = models.BooleanField("视为受理", default=False)
    rejected_on = models.DateField("不予受理决定日期", null=True, blank=True)
    rejection_reason = models.CharField("不予受理理由", max_length=500, blank=True)

    # 答复
    copy_due = models.DateField("发送副本期限", null=True, blank=True)
    copy_sent_on = models.DateField("发送申请书副本日期", null=True, blank=True)
    copy_received_on = models.DateField("被申请人收到副本日期", null=True, blank=True)
    reply_due = models.DateField("答复期限", null=True, blank=True)
    reply_received_on = models.DateField("收到书面答复日期", null=True, blank=True)
    reply_late = models.BooleanField("逾期答复", default=False)

    # 听证
    hearing_noticed_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)

    # 中止
    suspended_on = models.DateField("中止日期", null=True, blank=True)
    suspension_reason = models.CharField("中止事由", max_length=300, blank=True)
    resumed_on = models.DateField("恢复审理日期", null=True, blank=True)
    suspended_days = models.PositiveIntegerField("累计中止天数", default=0)

    # 调解 / 和解
    pre_mediation = models.CharField("前置调解", max_length=10, choices=PreMediation.choices, blank=True, default="")

    # 决定
    decision_due = models.DateField("复议决定期限", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(
        "延长天数", default=0, validators=[MaxValueValidator(30)])
    extension_approved_by = models.CharField("延长批准人", max_length=60, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    decision_type = models.CharField("决定类型", max_length=20, choices=DecisionType.choices, blank=True)
    outcome = models.CharField("程序性结果", max_length=20, choices=ReviewOutcome.choices, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    summary = models.TextField("结案情况", blank=True)

    # 行政复议意见书 (第七十六条)
    opinion_issued_on = models.DateField("制发行政复议意见书日期", null=True, blank=True)
    opinion_recipient = models.ForeignKey("core.Organization", verbose_name="意见书接收机关", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    opinion_due = models.DateField("意见书落实报告期限", null=True, blank=True)
    opinion_reported_on = models.DateField("收到落实情况报告日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政复议案件"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.number or f"{self.applicant}申请复议（{self.received_on}）"

    # The choice labels cite the 2023 revision; a case under the 2017 law cites that law's article.
    DECISION_ARTICLES_2017 = {
        DecisionType.UPHOLD: "第二十八条第一款第（一）项", DecisionType.ORDER_PERFORM: "第二十八条第一款第（二）项",
        DecisionType.REVOKE: "第二十八条第一款第（三）项", DecisionType.REVOKE_PARTIAL: "第二十八条第一款第（三）项",
        DecisionType.CHANGE: "第二十八条第一款第（三）项", DecisionType.CONFIRM_ILLEGAL: "第二十八条第一款第（三）项",
        DecisionType.DISMISS_CLAIM: "《行政复议法实施条例》第四十八条", DecisionType.COMPENSATION: "第二十九条",
    }

    @property
    def decision_label(self) -> str:
        """决定类型 with the article of the case's law version."""
        if not self.decision_type:
            return ""
        label = self.get_decision_type_display()
        if self.law_version != LawVersion.V2017:
            return label
        art = self.DECISION_ARTICLES_2017.get(self.decision_type, "第二十八条")
        art = art if art.startswith("《") else f"2017年《行政复议法》{art}"
        return f"{label.split('（')[0]}（{art}）"

    # -- transitions (django-fsm), named after the article that requires them. Services guard them
    # with Chinese messages naming the article of the case's law version.
    S = ReviewState

    @transition(field=state, source=S.RECEIVED, target=S.CORRECTING)
    def notify_correction_art31(self):
        """2023 第三十一条 (2017: 实施条例第二十九条): 补正通知."""

    @transition(field=state, source=S.CORRECTING, target=S.RECEIVED)
    def supply_correction_art31(self):
        """补正材料收到: the acceptance review restarts."""

    @transition(field=state, source=S.CORRECTING, target=S.ABANDONED)
    def abandon_art31(self):
        """无正当理由逾期不补正的，视为放弃."""

    @transition(field=state, source=S.RECEIVED, target=S.ACCEPTED)
    def accept_art30(self):
        """受理, or 视为受理 when the review period lapsed (2023 第三十条; 2017 第十七条)."""

    @transition(field=state, source=S.RECEIVED, target=S.REJECTED)
    def reject_art30(self):
        """不予受理 within the review period."""

    @transition(field=state, source=S.ACCEPTED, target=S.SUSPENDED)
    def suspend_art39(self):
        """中止 (2023 第三十九条; 2017 实施条例第四十一条): the decision clock stops."""

    @transition(field=state, source=S.SUSPENDED, target=S.ACCEPTED)
    def resume_art39(self):
        """恢复审理: the decision clock restarts."""

    @transition(field=state, source=S.ACCEPTED, target=S.DECIDED)
    def decide_art62(self):
        """行政复议决定 (第六十三条至第七十二条) within the period of 第六十二条."""

    @transition(field=state, source=[S.ACCEPTED, S.SUSPENDED], target=S.MEDIATED)
    def mediate_art73(self):
        """行政复议调解书 (第七十三条)."""

    @transition(field=state, source=[S.ACCEPTED, S.SUSPENDED], target=S.TERMINATED)
    def terminate_art41(self):
        """终止 (第四十一条), including withdrawal after 和解 (第七十四条)."""

    @transition(field=state, source=S.ACCEPTED, target=S.DISMISSED)
    def dismiss_art33(self):
        """驳回申请 (第三十三条)."""

    @property
    def corrected(self) -> bool:
        return self.state == ReviewState.DECIDED and self.decision_type in CORRECTIVE_DECISIONS

    @property
    def closed_by_mediation(self) -> bool:
        return self.outcome in (ReviewOutcome.MEDIATION, ReviewOutcome.SETTLEMENT)

    @property
    def is_2023(self) -> bool:
        return self.law_version == LawVersion.V2023


# ---------------------------------------------------------------------------------------------
# 行政应诉
class LitigationCase(OrgOwnedModel):
    """A 行政诉讼 in which ``organization`` is the defendant (被告)."""

    case_number = models.CharField("案号", max_length=60, unique=True)
    court = models.CharField("受理法院", max_length=100)
    instance = models.CharField("审级", max_length=10, choices=Instance.choices, default=Instance.FIRST)
    plaintiff = models.CharField("原告", max_length=200)
    act = models.CharField("被诉行政行为", max_length=500)
    complaint_received_on = models.DateField("收到起诉状副本日期", db_index=True)
    answer_due = models.DateField("答辩举证期限", null=True, blank=True)
    answer_filed_on = models.DateField("提交答辩状和证据日期", null=True, blank=True)
    outcome = models.CharField("裁判结果", max_length=20, choices=LitigationOutcome.choices, blank=True, default="")
    judged_on = models.DateField("裁判日期", null=True, blank=True)
    appellant = models.CharField("上诉情况", max_length=10, choices=Appellant.choices, blank=True, default="")
    appealed_on = models.DateField("上诉日期", null=True, blank=True)
    notes = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政应诉案件"
        ordering = ["-complaint_received_on", "-id"]

    def __str__(self) -> str:
        return self.case_number

    @property
    def lost(self) -> bool:
        return self.outcome in LOST_OUTCOMES


class LitigationHearing(OrgOwnedModel):
    """One 开庭 and who appeared for the defendant (负责人出庭应诉)."""

    case = models.ForeignKey(LitigationCase, verbose_name="应诉案件", on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField("开庭日期", db_index=True)
    appearance = models.CharField("出庭情况", max_length=12, choices=Appearance.choices)
    head_name = models.CharField("出庭负责人姓名", max_length=60, blank=True)
    head_post = models.CharField("出庭负责人职务", max_length=60, blank=True)
    delegate_name = models.CharField("受委托工作人员", max_length=60, blank=True)
    lawyer_name = models.CharField("代理律师", max_length=60, blank=True)
    absence_reason = models.CharField("负责人不能出庭的理由", max_length=500, blank=True)
    reason_in_writing = models.BooleanField("已书面说明理由并由主要负责人签字或盖章", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "开庭及出庭应诉"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.case_number} {self.held_on}"

    @property
    def head_appeared(self) -> bool:
        return self.appearance in HEAD_APPEARANCES

    @property
    def lawyer_only(self) -> bool:
        return self.appearance == Appearance.LAWYER_ONLY


# ---------------------------------------------------------------------------------------------
# 调解
class MediationRoom(OrgOwnedModel):
    """A mediation body: 人民调解委员会, 诉前调解室 (at a court's 派出法庭), 婚姻家庭纠纷人民调解室, 公共法律服务中心调解室."""

    name = models.CharField("名称", max_length=120)
    kind = models.CharField("类别", max_length=10, choices=RoomKind.choices)
    court = models.CharField("所在派出法庭", max_length=100, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    members = models.CharField("调解员", max_length=500, blank=True)
    is_public = models.BooleanField("在门户公开", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "调解组织"
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="disputes_room_org_name")]

    def __str__(self) -> str:
        return self.name


ROOM_TO_KIND = {
    RoomKind.PEOPLE: MediationKind.PEOPLE, RoomKind.PRESUIT: MediationKind.PRESUIT,
    RoomKind.MARRIAGE: MediationKind.MARRIAGE, RoomKind.PLSC: MediationKind.PLSC,
}


class MediationCase(OrgOwnedModel):
    room = models.ForeignKey(MediationRoom, verbose_name="调解组织", on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField("调解类别", max_length=10, choices=MediationKind.choices, editable=False, db_index=True)
    dispute_type = models.CharField("纠纷类型", max_length=20, choices=DisputeType.choices)
    parties = models.CharField("当事人", max_length=300)
    summary = models.TextField("纠纷简要情况", blank=True)
    mediator = models.CharField("调解员", max_length=60)
    complex_case = models.BooleanField("疑难复杂", default=False)
    received_on = models.DateField("受理日期", db_index=True)
    settle_due = models.DateField("一般调结期限", null=True, blank=True)
    status = models.CharField("调解结果", max_length=10, choices=MediationStatus.choices, default=MediationStatus.OPEN)
    closed_on = models.DateField("调结日期", null=True, blank=True, db_index=True)
    agreement_form = models.CharField("协议形式", max_length=10, choices=AgreementForm.choices, blank=True, default="")
    amount = models.DecimalField("涉及金额（元）", null=True, blank=True, **MONEY)
    performed = models.BooleanField("协议已履行", default=False)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    confirmed = models.BooleanField("法院已确认有效", default=False)
    followup_on = models.DateField("回访日期", null=True, blank=True)
    followup_note = models.CharField("回访情况", max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "调解案件"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["kind", "status", "closed_on"], name="disputes_med_kind_closed"),
                   # covering index of the 调解 figures (resolved per organization, kind and year; amounts, courts)
                   models.Index(fields=["organization", "kind", "status", "closed_on", "complex_case", "amount", "room"],
                                name="disputes_med_org_figures")]

    def __str__(self) -> str:
        return f"{self.get_dispute_type_display()}（{self.parties}）"


class MediationConsultation(OrgOwnedModel):
    """法律咨询 answered by a mediation room (logged with it; 人次)."""

    room = models.ForeignKey(MediationRoom, verbose_name="调解组织", on_delete=models.PROTECT,
                             related_name="consultations")
    on = models.DateField("日期", db_index=True)
    people = models.PositiveIntegerField("人次", validators=[MinValueValidator(1)])
    topic = models.CharField("咨询事项", max_length=300, blank=True)
    answered_by = models.CharField("解答人", max_length=60, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "调解室法律咨询"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.room} {self.on} {self.people}人次"


# ---------------------------------------------------------------------------------------------
# 劳动仲裁
class ArbitrationCase(OrgOwnedModel):
    number = models.CharField("案号", max_length=60)
    applicant = models.CharField("申请人（劳动者）", max_length=200)
    workers = models.PositiveIntegerField("涉及劳动者人数", default=1, validators=[MinValueValidator(1)])
    migrant_workers = models.BooleanField("农民工案件", default=False)
    employer = models.CharField("被申请人（用人单位）", max_length=200)
    claim = models.CharField("仲裁请求", max_length=500)
    received_on = models.DateField("受理日期", db_index=True)
    result = models.CharField("结案方式", max_length=15, choices=ArbitrationResult.choices, blank=True, default="")
    closed_on = models.DateField("结案日期", null=True, blank=True)
    amount_recovered = models.DecimalField("为劳动者挽回金额（元）", null=True, blank=True, **MONEY)
    documents_written = models.PositiveIntegerField("为农民工代写法律文书（份）", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "劳动仲裁案件"
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "number"], name="disputes_arb_org_number")]

    def __str__(self) -> str:
        return self.number


# ---------------------------------------------------------------------------------------------
# 一升两降: counts that come from outside (法院诉讼量, 信访案件总量), entered per year.
class YearlyExternalCount(OrgOwnedModel):
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    lawsuits = models.PositiveIntegerField("法院诉讼案件量")
    petitions = models.PositiveIntegerField("信访案件总量")
    mediations_manual = models.PositiveIntegerField(
        "人民调解化解纠纷数（平台启用前年度手工填报）", null=True, blank=True)
    source = models.CharField("数据来源", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "一升两降年度外部数据"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="disputes_yearly_org_year")]

    def __str__(self) -> str:
        return f"{self.year}年"
