"""Forms of the staff pages (validation only; the services do the writing)."""
from __future__ import annotations

from django import forms

from fazhi.core.models import Organization
from fazhi.core.scoping import writable_orgs

from .choices import (
    AgreementForm, ApplyChannel, Appearance, Appellant, ArbitrationResult, DecisionType, DisputeType, Instance,
    LitigationOutcome, MediationKind, MediationStatus, PreMediation, Procedure, ReviewOutcome, ReviewState, RoomKind,
)

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _d(label, required=True, **kw):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}), **kw)


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _org_field(user, label="所属单位"):
    return OrgChoiceField(label=label, queryset=writable_orgs(user).order_by("sort_order", "id"), to_field_name="code",
                          error_messages={"invalid_choice": "请选择您有权登记的单位。", "required": "请选择单位。"})


def _county_orgs():
    return Organization.objects.filter(is_active=True, kind__in=["department", "township", "government", "other"]) \
        .order_by("sort_order", "id")


# ------------------------------------------------------------------------------------------ filters
class ReviewFilterForm(forms.Form):
    q = forms.CharField(label="申请人/案号/行政行为", required=False, max_length=50)
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + ReviewState.choices)
    year = forms.IntegerField(label="收到年度", required=False, min_value=2000, max_value=2100)


class LitigationFilterForm(forms.Form):
    q = forms.CharField(label="案号/原告", required=False, max_length=50)
    year = forms.IntegerField(label="收到年度", required=False, min_value=2000, max_value=2100)
    flag = forms.ChoiceField(label="出庭", required=False, choices=[
        ("", "全部"), ("head", "负责人出庭"), ("no_head", "负责人未出庭"), ("lawyer_only", "仅律师出庭")])


class MediationFilterForm(forms.Form):
    kind = forms.ChoiceField(label="调解类别", required=False, choices=[("", "全部")] + MediationKind.choices)
    status = forms.ChoiceField(label="调解结果", required=False, choices=[("", "全部")] + MediationStatus.choices)
    dispute_type = forms.ChoiceField(label="纠纷类型", required=False, choices=[("", "全部")] + DisputeType.choices)
    complex_case = forms.BooleanField(label="仅疑难复杂", required=False)
    year = forms.IntegerField(label="受理年度", required=False, min_value=2000, max_value=2100)


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)


# ------------------------------------------------------------------------------------------ 行政复议
class ReviewCreateForm(forms.Form):
    organization = None  # set in __init__
    number = forms.CharField(label="案号", required=False, max_length=60)
    applicant = forms.CharField(label="申请人", max_length=200)
    third_party = forms.CharField(label="第三人", required=False, max_length=200)
    respondent = OrgChoiceField(label="被申请人", queryset=Organization.objects.none(), to_field_name="code",
                                error_messages={"invalid_choice": "请选择被申请人。"})
    act = forms.CharField(label="被申请复议的行政行为", max_length=500)
    act_known_on = _d("知道或者应当知道该行政行为之日")
    rights_notified = forms.BooleanField(label="行政机关已告知申请复议的权利和期限", required=False, initial=True)
    received_on = _d("收到申请日期")
    channel = forms.ChoiceField(label="申请方式", choices=ApplyChannel.choices)
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices,
                                  help_text="简易程序仅适用于2024年1月1日起收到的申请（2023年修订第五十三条）。")
    late_reason = forms.CharField(label="耽误申请期限的正当理由（超期申请时填写）", required=False, max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"organization": _org_field(user, "承办单位（行政复议机关或其行政复议机构）"), **self.fields}
        self.fields["respondent"].queryset = _county_orgs()


class CorrectionNoticeForm(forms.Form):
    noticed_on = _d("补正通知日期")
    items = forms.CharField(label="需要补正的全部事项（一次性载明）", widget=forms.Textarea(attrs={"rows": 3}))
    supply_due = _d("补正期限（2017年法：通知载明的合理期限）", required=False)


class CorrectionSupplyForm(forms.Form):
    supplied_on = _d("收到补正材料日期")
    good_reason = forms.CharField(label="逾期补正的正当理由", required=False, max_length=300)


class OnDateForm(forms.Form):
    on = _d("日期")


class AcceptForm(forms.Form):
    accepted_on = _d("受理日期")
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices)


class RejectForm(forms.Form):
    rejected_on = _d("不予受理决定日期")
    reason = forms.CharField(label="不予受理理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class CopyForm(forms.Form):
    sent_on = _d("发送副本日期")
    received_on = _d("被申请人收到日期（不填按发送当日）", required=False)


class ReplyForm(forms.Form):
    received_on = _d("收到书面答复日期")


class HearingNoticeForm(forms.Form):
    noticed_on = _d("听证通知日期")
    hearing_on = _d("听证日期")


class SuspendForm(forms.Form):
    on = _d("中止日期")
    reason = forms.CharField(label="中止事由", max_length=300)


class PreMediationForm(forms.Form):
    status = forms.ChoiceField(label="前置调解情况", choices=[c for c in PreMediation.choices if c[0]])


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长天数（最多30日）", min_value=1, max_value=30,
                              error_messages={"max_value": "延长期限最多不得超过三十日。"})
    approved_by = forms.CharField(label="批准人（行政复议机构负责人）", max_length=60)
    on = _d("批准日期")


class DecideForm(forms.Form):
    decided_on = _d("决定日期")
    decision_type = forms.ChoiceField(label="决定类型", choices=DecisionType.choices)
    summary = forms.CharField(label="决定要旨", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    third_party_evidence = forms.BooleanField(label="涉及第三人合法权益且第三人提供了证据", required=False)


class MediateForm(forms.Form):
    on = _d("调解书生效日期")
    summary = forms.CharField(label="调解情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TerminateForm(forms.Form):
    on = _d("终止日期")
    outcome = forms.ChoiceField(label="终止情形", choices=[
        (ReviewOutcome.SETTLEMENT, ReviewOutcome.SETTLEMENT.label), (ReviewOutcome.WITHDRAWN, ReviewOutcome.WITHDRAWN.label),
        (ReviewOutcome.TERMINATED, ReviewOutcome.TERMINATED.label)])
    summary = forms.CharField(label="终止事由", widget=forms.Textarea(attrs={"rows": 2}))


class DismissForm(forms.Form):
    on = _d("驳回日期")
    reason = forms.CharField(label="驳回理由", widget=forms.Textarea(attrs={"rows": 2}))


class OpinionForm(forms.Form):
    issued_on = _d("制发日期")
    recipient = OrgChoiceField(label="接收机关", queryset=Organization.objects.none(), to_field_name="code",
                               error_messages={"invalid_choice": "请选择接收机关。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = _county_orgs()


# ------------------------------------------------------------------------------------------ 行政应诉
class LitigationCreateForm(forms.Form):
    case_number = forms.CharField(label="案号", max_length=60, help_text="如：(2021)宁0324行初12号")
    court = forms.CharField(label="受理法院", max_length=100)
    instance = forms.ChoiceField(label="审级", choices=Instance.choices)
    plaintiff = forms.CharField(label="原告", max_length=200)
    act = forms.CharField(label="被诉行政行为", max_length=500)
    complaint_received_on = _d("收到起诉状副本日期")
    notes = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"organization": _org_field(user, "被告（本单位）"), **self.fields}


class AnswerForm(forms.Form):
    filed_on = _d("提交答辩状和证据日期")


class LitigationHearingForm(forms.Form):
    held_on = _d("开庭日期")
    appearance = forms.ChoiceField(label="出庭情况", choices=Appearance.choices)
    head_name = forms.CharField(label="出庭负责人姓名", required=False, max_length=60)
    head_post = forms.CharField(label="出庭负责人职务", required=False, max_length=60)
    delegate_name = forms.CharField(label="受委托工作人员", required=False, max_length=60)
    lawyer_name = forms.CharField(label="代理律师", required=False, max_length=60)
    absence_reason = forms.CharField(label="负责人不能出庭的理由", required=False, max_length=500)
    reason_in_writing = forms.BooleanField(label="已书面说明理由并由主要负责人签字或盖章", required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="裁判结果", choices=[c for c in LitigationOutcome.choices if c[0]])
    judged_on = _d("裁判日期")
    appellant = forms.ChoiceField(label="上诉情况", choices=Appellant.choices, required=False)
    appealed_on = _d("上诉日期", required=False)


# ------------------------------------------------------------------------------------------ 调解
class RoomForm(forms.Form):
    name = forms.CharField(label="名称", max_length=120)
    kind = forms.ChoiceField(label="类别", choices=RoomKind.choices)
    court = forms.CharField(label="所在派出法庭（诉前调解室）", required=False, max_length=100)
    established_on = _d("成立日期", required=False)
    members = forms.CharField(label="调解员", required=False, max_length=500)
    is_public = forms.BooleanField(label="在门户公开", required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"organization": _org_field(user), **self.fields}


class MediationCreateForm(forms.Form):
    room = forms.ModelChoiceField(label="调解组织", queryset=None, to_field_name="code",
                                  error_messages={"invalid_choice": "请选择调解组织。"})
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=DisputeType.choices)
    parties = forms.CharField(label="当事人", max_length=300)
    summary = forms.CharField(label="纠纷简要情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    mediator = forms.CharField(label="调解员", max_length=60)
    complex_case = forms.BooleanField(label="疑难复杂", required=False)
    received_on = _d("受理日期")

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms


class MediationCloseForm(forms.Form):
    status = forms.ChoiceField(label="调解结果", choices=[c for c in MediationStatus.choices if c[0] != "open"])
    closed_on = _d("调结日期")
    agreement_form = forms.ChoiceField(label="协议形式", choices=AgreementForm.choices, required=False)
    amount = forms.DecimalField(label="涉及金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2)
    performed = forms.BooleanField(label="协议已履行", required=False)


class ConfirmationForm(forms.Form):
    applied_on = _d("申请司法确认日期")
    confirmed = forms.BooleanField(label="法院已裁定确认有效", required=False)


class FollowupForm(forms.Form):
    on = _d("回访日期")
    note = forms.CharField(label="回访情况", max_length=500)
    performed = forms.BooleanField(label="协议已履行", required=False)


class ConsultationForm(forms.Form):
    on = _d("日期")
    people = forms.IntegerField(label="人次", min_value=1, max_value=100000)
    topic = forms.CharField(label="咨询事项", required=False, max_length=300)
    answered_by = forms.CharField(label="解答人", required=False, max_length=60)


# ------------------------------------------------------------------------------------------ 劳动仲裁
class ArbitrationForm(forms.Form):
    number = forms.CharField(label="案号", max_length=60)
    applicant = forms.CharField(label="申请人（劳动者）", max_length=200)
    workers = forms.IntegerField(label="涉及劳动者人数", min_value=1, initial=1)
    migrant_workers = forms.BooleanField(label="农民工案件", required=False)
    employer = forms.CharField(label="被申请人（用人单位）", max_length=200)
    claim = forms.CharField(label="仲裁请求", max_length=500)
    received_on = _d("受理日期")
    result = forms.ChoiceField(label="结案方式", choices=ArbitrationResult.choices, required=False)
    closed_on = _d("结案日期", required=False)
    amount_recovered = forms.DecimalField(label="为劳动者挽回金额（元）", required=False, min_value=0, max_digits=14,
                                          decimal_places=2)
    documents_written = forms.IntegerField(label="为农民工代写法律文书（份）", min_value=0, initial=0, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"organization": _org_field(user), **self.fields}


class YearlyCountForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    lawsuits = forms.IntegerField(label="法院诉讼案件量", min_value=0)
    petitions = forms.IntegerField(label="信访案件总量", min_value=0)
    mediations_manual = forms.IntegerField(label="人民调解化解纠纷数（仅平台启用前年度填写）", min_value=0, required=False)
    source = forms.CharField(label="数据来源", required=False, max_length=300)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"organization": _org_field(user), **self.fields}


class ReviewEditForm(forms.Form):
    number = forms.CharField(label="案号", required=False, max_length=60)
    applicant = forms.CharField(label="申请人", max_length=200)
    third_party = forms.CharField(label="第三人", required=False, max_length=200)
    act = forms.CharField(label="被申请复议的行政行为", max_length=500)
    channel = forms.ChoiceField(label="申请方式", choices=ApplyChannel.choices)


class LitigationEditForm(forms.Form):
    court = forms.CharField(label="受理法院", max_length=100)
    instance = forms.ChoiceField(label="审级", choices=Instance.choices)
    plaintiff = forms.CharField(label="原告", max_length=200)
    act = forms.CharField(label="被诉行政行为", max_length=500)
    notes = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MediationEditForm(forms.Form):
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=DisputeType.choices)
    parties = forms.CharField(label="当事人", max_length=300)
    summary = forms.CharField(label="纠纷简要情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    mediator = forms.CharField(label="调解员", max_length=60)
    complex_case = forms.BooleanField(label="疑难复杂", required=False)
