"""政府职能: 权责清单 (versioned), 政务服务事项 and the 四级四同 check, 政务公开 (主动公开, 依申请公开,
年度报告, 政务新媒体), 双公示 credit records and credit activities.

Law: 《政府信息公开条例》(国务院令第711号, 2019) cited as 条例; 国办发〔2018〕118号 (三项制度) (六);
《市场监督管理行政处罚信息公示规定》(总局令第45号).
"""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.models import OrgOwnedModel
from fazhi.functions.choices import (
    AdjustmentKind,
    ApplicantKind,
    CreditActivityKind,
    CreditKind,
    CreditSource,
    CreditStatus,
    DisclosureArea,
    DisclosureChannel,
    MediaPlatform,
    OnlineDepth,
    PowerCategory,
    ReplyType,
    RequestChannel,
    RequestState,
    ServiceItemType,
    ServiceLevel,
    SubjectCategory,
)

# -- 权责清单 ------------------------------------------------------------------------------------------

class PowerItem(OrgOwnedModel):
    """One version of a 权责事项. A 变更/赋权/下放 closes the version (``valid_to``) and opens a new one;
    the list as of a date is every version with ``valid_from <= date < valid_to``."""

    power_code = models.CharField("职权编码", max_length=40, db_index=True)
    name = models.CharField("职权名称", max_length=200)
    category = models.CharField("职权类型", max_length=16, choices=PowerCategory.choices)
    legal_basis = models.TextField("实施依据")
    subject = models.CharField("实施主体", max_length=100)
    counterpart = models.CharField("行政相对人类别", max_length=60, blank=True)
    responsibilities = models.JSONField("责任事项", default=dict, blank=True,
                                        help_text="各环节的责任事项：{环节: 责任}。")
    accountability = models.TextField("追责情形", blank=True)
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True, help_text="自该日起不再有效（不含当日）。")
    delegated_to = models.ForeignKey("core.Organization", verbose_name="赋权/下放至", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    delegation_kind = models.CharField("赋权方式", max_length=10, blank=True,
                                       choices=[(AdjustmentKind.EMPOWER, "赋权乡镇"),
                                                (AdjustmentKind.DELEGATE, "下放执法事项")])
    previous = models.ForeignKey("self", verbose_name="上一版本", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name = "权责事项"
        verbose_name_plural = verbose_name
        ordering = ["organization__sort_order", "power_code", "valid_from", "id"]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="fn_power_validity"),
                   # covering index of the 权责清单 figures (items in force per organization on a day)
                   models.Index(fields=["organization", "valid_from", "valid_to"], name="fn_power_org_validity")]

    def __str__(self) -> str:
        return f"{self.power_code} {self.name}"

    def in_force_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to > day)

    def responsibility_lines(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in (self.responsibilities or {}).items() if v]

    def clean(self):
        if self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": "失效日期应晚于生效日期。"})


class PowerAdjustment(OrgOwnedModel):
    """One dynamic adjustment of the 权责清单, with its document and date."""

    kind = models.CharField("调整类型", max_length=10, choices=AdjustmentKind.choices)
    adjusted_on = models.DateField("调整日期")
    document = models.CharField("调整依据文件（名称及文号）", max_length=200)
    reason = models.CharField("调整理由", max_length=300, blank=True)
    power_code = models.CharField("职权编码", max_length=40, db_index=True)
    power_name = models.CharField("职权名称", max_length=200)
    item_before = models.ForeignKey(PowerItem, verbose_name="调整前版本", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="closed_by")
    item_after = models.ForeignKey(PowerItem, verbose_name="调整后版本", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="opened_by")
    township = models.ForeignKey("core.Organization", verbose_name="承接乡镇", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "权责清单调整记录"
        verbose_name_plural = verbose_name
        ordering = ["-adjusted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.power_code} {self.power_name}"


# -- 政务服务事项 --------------------------------------------------------------------------------------

class UpperServiceItem(OrgOwnedModel):
    """An item of the upper-level (自治区) 政务服务事项 catalog, imported from its Excel list.
    ``organization`` is the unit that imported it (usually the 审批服务管理局)."""

    item_code = models.CharField("事项编码", max_length=60, db_index=True)
    name = models.CharField("事项名称", max_length=200)
    item_type = models.CharField("事项类型", max_length=16, choices=ServiceItemType.choices)
    department = models.CharField("主管部门", max_length=100)
    agency = models.CharField("实施机关", max_length=100)
    basis = models.TextField("设定和实施依据")
    level = models.CharField("事项层级", max_length=10, choices=ServiceLevel.choices, default=ServiceLevel.MAIN)
    catalog_version = models.CharField("目录版本", max_length=60, blank=True)

    class Meta:
        verbose_name = "上级政务服务事项"
        verbose_name_plural = verbose_name
        ordering = ["item_code", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "item_code"], name="fn_upper_code_uniq")]

    def __str__(self) -> str:
        return f"{self.item_code} {self.name}"


class ServiceItem(OrgOwnedModel):
    """A local 政务服务事项 with the six basic elements, its place in the hierarchy and online depth."""

    item_code = models.CharField("事项编码", max_length=60, db_index=True)
    name = models.CharField("事项名称", max_length=200)
    item_type = models.CharField("事项类型", max_length=16, choices=ServiceItemType.choices)
    department = models.CharField("主管部门", max_length=100)
    agency = models.CharField("实施机关", max_length=100)
    basis = models.TextField("设定和实施依据")
    level = models.CharField("事项层级", max_length=10, choices=ServiceLevel.choices, default=ServiceLevel.MAIN)
    parent = models.ForeignKey("self", verbose_name="上级事项", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    online = models.BooleanField("网上可办", default=False)
    depth = models.CharField("网办深度", max_length=12, choices=OnlineDepth.choices, default=OnlineDepth.NONE)
    in_force = models.BooleanField("在用", default=True)
    time_limit_days = models.PositiveSmallIntegerField("承诺办结时限（工作日）", null=True, blank=True)

    class Meta:
        verbose_name = "政务服务事项"
        verbose_name_plural = verbose_name
        ordering = ["item_code", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "item_code"], name="fn_service_code_uniq")]

    def __str__(self) -> str:
        return f"{self.item_code} {self.name}"

    def clean(self):
        errors = {}
        if self.level == ServiceLevel.MAIN and self.parent_id:
            errors["parent"] = "主项没有上级事项。"
        if self.level != ServiceLevel.MAIN and not self.parent_id:
            errors["parent"] = "子项、办理项须指明上级事项。"
        if self.parent_id and self.parent is not None:
            expected = {ServiceLevel.SUB: ServiceLevel.MAIN, ServiceLevel.HANDLING: (ServiceLevel.MAIN, ServiceLevel.SUB)}
            want = expected.get(self.level)
            if want and self.parent.level not in (want if isinstance(want, tuple) else (want,)):
                errors["parent"] = "子项的上级须为主项，办理项的上级须为主项或子项。"
        if self.online and self.depth in ("", OnlineDepth.NONE):
            errors["depth"] = "网上可办的事项须选择网办深度。"
        if not self.online and self.depth not in ("", OnlineDepth.NONE, OnlineDepth.INFO, OnlineDepth.DOWNLOAD):
            errors["depth"] = "网上预审、全程网办的事项应标为网上可办。"
        if errors:
            raise ValidationError(errors)


# -- 政务公开 --------------------------------------------------------------------------------------

class Disclosure(OrgOwnedModel):
    """A proactively disclosed item (条例第十九条至第二十六条): formed on a date, published within
    20 working days (条例第二十六条)."""

    title = models.CharField("信息标题", max_length=200)
    area = models.CharField("公开领域", max_length=16, choices=DisclosureArea.choices)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    formed_on = models.DateField("形成（变更）日期")
    published_on = models.DateField("公开日期", null=True, blank=True)
    due_on = models.DateField("公开期限届满日", null=True, blank=True, editable=False)
    channel = models.CharField("公开渠道", max_length=12, choices=DisclosureChannel.choices,
                               default=DisclosureChannel.WEBSITE)
    url = models.CharField("链接", max_length=300, blank=True)

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = verbose_name
        ordering = ["-published_on", "-formed_on", "-id"]
        indexes = [models.Index(fields=["published_on"], name="fn_disclosure_pub"),
                   # covering index of the 一(二) figures (counts and timeliness per organization and year)
                   models.Index(fields=["organization", "published_on", "due_on"], name="fn_disclosure_org_figures")]

    def __str__(self) -> str:
        return self.title

    @property
    def on_time(self) -> bool | None:
        if not self.published_on or not self.due_on:
            return None
        return self.published_on <= self.due_on

    def clean(self):
        if self.published_on and self.published_on < self.formed_on:
            raise ValidationError({"published_on": "公开日期不能早于信息形成日期。"})


class InfoRequest(OrgOwnedModel):
    """An application for disclosure (依申请公开, 条例第二十七条至第四十五条)."""

    number = models.CharField("申请编号", max_length=40)
    applicant_kind = models.CharField("申请人类型", max_length=10, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人姓名/名称", max_length=100)
    applicant_id = models.CharField("身份证件号码/统一社会信用代码", max_length=24, blank=True)
    applicant_phone = models.CharField("联系电话", max_length=32, blank=True)
    applicant_address = models.CharField("通信地址", max_length=200, blank=True)
    channel = models.CharField("提交方式", max_length=16, choices=RequestChannel.choices)
    submitted_on = models.DateField("提交日期")
    received_on = models.DateField("收到申请之日", help_text="按条例第三十一条确定。")
    receipt_basis = models.CharField("收到日期依据", max_length=100, editable=False)
    content = models.TextField("申请公开的政府信息内容")
    state = models.CharField("状态", max_length=12, choices=RequestState.choices, default=RequestState.RECEIVED)
    reply_start = models.DateField("答复期限起算日", help_text="收到申请之日；补正的，为收到补正申请之日（条例第三十条）。")
    reply_due = models.DateField("答复期限届满日", null=True, blank=True)
    correction_notice_on = models.DateField("补正告知日期", null=True, blank=True)
    correction_items = models.CharField("需要补正的事项", max_length=300, blank=True)
    correction_received_on = models.DateField("收到补正日期", null=True, blank=True)
    extended_on = models.DateField("延长答复期限日期", null=True, blank=True)
    extension_approver = models.CharField("批准延期的负责人", max_length=60, blank=True)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    consultee = models.CharField("被征求意见的第三方/机关", max_length=100, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_type = models.CharField("答复类型", max_length=12, choices=ReplyType.choices, blank=True)
    reply_text = models.TextField("答复内容/理由", blank=True)
    reply_document = models.CharField("答复书文号", max_length=60, blank=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = verbose_name
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "number"], name="fn_request_number_uniq")]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_state_display()}）"

    @property
    def on_time(self) -> bool | None:
        if not self.replied_on or not self.reply_due:
            return None
        return self.replied_on <= self.reply_due


class AnnualReport(OrgOwnedModel):
    """政府信息公开工作年度报告 (条例第四十九条、第五十条): departments submit and publish by 1月31日,
    the county government publishes by 3月31日."""

    year = models.PositiveSmallIntegerField("报告年度")
    proactive_count = models.PositiveIntegerField("主动公开政府信息（条）", default=0)
    requests_received = models.PositiveIntegerField("本年新收政府信息公开申请（件）", default=0)
    requests_carried = models.PositiveIntegerField("上年结转申请（件）", default=0)
    requests_replied = models.PositiveIntegerField("本年办结申请（件）", default=0)
    replies_by_type = models.JSONField("答复结果分类", default=dict, blank=True)
    reconsiderations = models.PositiveIntegerField("因政府信息公开申请被申请行政复议（件）", default=0)
    lawsuits = models.PositiveIntegerField("因政府信息公开申请被提起行政诉讼（件）", default=0)
    problems = models.TextField("存在的主要问题及改进情况", blank=True)
    other = models.TextField("其他需要报告的事项", blank=True)
    due_on = models.DateField("报告期限", editable=False)
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    published_on = models.DateField("向社会公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = verbose_name
        ordering = ["-year", "organization__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="fn_annual_report_uniq")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年度政府信息公开工作年度报告"

    @property
    def on_time(self) -> bool | None:
        if not self.published_on:
            return None
        return self.published_on <= self.due_on


class NewMediaAccount(OrgOwnedModel):
    """A government new-media account (政务新媒体) in the registry."""

    name = models.CharField("账号名称", max_length=100)
    platform = models.CharField("平台", max_length=12, choices=MediaPlatform.choices)
    account_id = models.CharField("账号ID", max_length=100, blank=True)
    opened_on = models.DateField("开设日期")
    closed_on = models.DateField("关停（注销）日期", null=True, blank=True)
    operator = models.CharField("运维单位/责任人", max_length=100, blank=True)
    filed_on = models.DateField("备案日期", null=True, blank=True)

    class Meta:
        verbose_name = "政务新媒体账号"
        verbose_name_plural = verbose_name
        ordering = ["organization__sort_order", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_platform_display()}）"

    def clean(self):
        if self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": "关停日期不能早于开设日期。"})


# -- 双公示与信用 -----------------------------------------------------------------------------------

class CreditRecord(OrgOwnedModel):
    """A 行政许可 or 行政处罚 decision's credit-disclosure record (双公示): due within 7 working days of
    the decision (国办发〔2018〕118号 （六）); ``fields`` holds the standard field set (ANCHORS.md §3.3–3.4)."""

    kind = models.CharField("类别", max_length=10, choices=CreditKind.choices)
    source = models.CharField("来源", max_length=12, choices=CreditSource.choices)
    source_type = models.CharField("来源记录类型", max_length=60, blank=True)
    source_id = models.CharField("来源记录编码", max_length=64, blank=True, db_index=True)
    document_number = models.CharField("决定文书号", max_length=100)
    subject_name = models.CharField("行政相对人名称", max_length=200)
    subject_category = models.CharField("行政相对人类别", max_length=12, choices=SubjectCategory.choices)
    decided_on = models.DateField("决定日期")
    due_on = models.DateField("公示期限届满日")
    reported_on = models.DateField("报送公示日期", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=CreditStatus.choices, default=CreditStatus.PENDING)
    warning_only = models.BooleanField("仅警告", default=False,
                                       help_text="仅受警告处罚：不在国家企业信用信息公示系统公示"
                                                 "（《市场监督管理行政处罚信息公示规定》第二条第二款）。")
    withdrawn_on = models.DateField("决定被撤销/变更日期", null=True, blank=True)
    withdraw_due = models.DateField("撤下期限届满日", null=True, blank=True)
    withdraw_reason = models.CharField("撤下理由", max_length=300, blank=True)
    taken_down_on = models.DateField("撤下日期", null=True, blank=True)
    fields = models.JSONField("标准字段", default=dict)

    class Meta:
        verbose_name = "双公示信息"
        verbose_name_plural = verbose_name
        ordering = ["-decided_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "kind", "document_number"],
                                               name="fn_credit_doc_uniq")]
        indexes = [models.Index(fields=["reported_on"], name="fn_credit_reported"),
                   # covering index of the 双公示 figures (counts and timeliness per organization and year)
                   models.Index(fields=["organization", "reported_on", "due_on"], name="fn_credit_org_figures")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document_number}"

    @property
    def on_time(self) -> bool | None:
        if not self.reported_on:
            return None
        return self.reported_on <= self.due_on


class CreditActivity(OrgOwnedModel):
    """A 诚信建设 activity: an honest entrepreneur publicized, a model unit cultivated, a campaign."""

    kind = models.CharField("类别", max_length=14, choices=CreditActivityKind.choices)
    name = models.CharField("企业家/单位/活动名称", max_length=200)
    enterprise = models.CharField("所在企业", max_length=200, blank=True)
    held_on = models.DateField("日期")
    medium = models.CharField("发布媒体/认定文件", max_length=200, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        verbose_name = "诚信建设活动"
        verbose_name_plural = verbose_name
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.name}"
