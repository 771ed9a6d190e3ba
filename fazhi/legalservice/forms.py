"""Forms of the 公共法律服务 pages (validation only; the services do the writing)."""
from __future__ import annotations


from django import forms

from fazhi.core.forms import OrgChoiceField
from fazhi.legalservice.choices import (ActivityCategory, AidCaseType, AidSource, AidStatus, ConsultChannel,
                                        ConsultTopic, Eligibility, NotaryMatter, NotifyingAuthority, PointLevel,
                                        TerminationGround)
from fazhi.legalservice.models import ActivityKind, Lawyer
from fazhi.core.workyear import working_year


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, required=True, **kw):
    return forms.DateField(label=label, required=required, widget=DateInput(),
                           error_messages={"invalid": "请输入有效日期，如 2021-03-05。", "required": f"请填写{label}。"},
                           **kw)


def _choices(choices, blank="请选择"):
    return [("", blank), *choices]


class OrgFormMixin(forms.Form):
    organization = OrgChoiceField(label="所属单位", queryset=None, empty_label="请选择单位",
                                  error_messages={"required": "请选择所属单位。",
                                                  "invalid_choice": "所选单位无效或您没有该单位的权限。"})

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations is not None and len(organizations) == 1 and not self.is_bound:
            self.initial.setdefault("organization", organizations[0].code)


class AidApplicationForm(OrgFormMixin):
    number = forms.CharField(label="案件编号", max_length=40, required=False, help_text="留空自动编号。")
    case_type = forms.ChoiceField(label="案件类型", choices=_choices(AidCaseType.choices))
    applicant_name = forms.CharField(label="申请人（受援人）姓名", max_length=32)
    applicant_id_number = forms.CharField(label="身份证号", max_length=24)
    applicant_phone = forms.CharField(label="联系电话", max_length=32, required=False)
    applicant_address = forms.CharField(label="住址", max_length=200, required=False)
    matter = forms.CharField(label="案由/援助事项", max_length=200)
    eligibility = forms.ChoiceField(label="援助条件", choices=_choices(
        [c for c in Eligibility.choices if c[0] != Eligibility.NOTICE]))
    hardship_note = forms.CharField(label="经济困难审查情况", max_length=200, required=False,
                                    help_text="因经济困难申请的，写明核查方式与结论（法律援助法第四十一条）。")
    received_on = date_field("收到申请日期")
    severe_penalty = forms.BooleanField(label="可能被判处无期徒刑、死刑", required=False)


class AidNoticeForm(OrgFormMixin):
    number = forms.CharField(label="案件编号", max_length=40, required=False, help_text="留空自动编号。")
    notifying_authority = forms.ChoiceField(label="通知机关", choices=_choices(NotifyingAuthority.choices))
    notice_number = forms.CharField(label="通知书文号", max_length=64, required=False)
    applicant_name = forms.CharField(label="犯罪嫌疑人/被告人姓名", max_length=32)
    applicant_id_number = forms.CharField(label="身份证号（可选）", max_length=24, required=False)
    matter = forms.CharField(label="涉嫌罪名/案由", max_length=200)
    received_on = date_field("收到通知日期")
    severe_penalty = forms.BooleanField(label="可能被判处无期徒刑、死刑", required=False)


class AidEditForm(forms.Form):
    applicant_name = forms.CharField(label="受援人姓名", max_length=32)
    applicant_id_number = forms.CharField(label="身份证号", max_length=24, required=False)
    applicant_phone = forms.CharField(label="联系电话", max_length=32, required=False)
    applicant_address = forms.CharField(label="住址", max_length=200, required=False)
    matter = forms.CharField(label="案由/援助事项", max_length=200)
    hardship_note = forms.CharField(label="经济困难审查情况", max_length=200, required=False)
    notice_number = forms.CharField(label="通知书文号", max_length=64, required=False)
    severe_penalty = forms.BooleanField(label="可能被判处无期徒刑、死刑", required=False)


class AidDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="审查决定", choices=[("grant", "给予法律援助"), ("refuse", "不予法律援助")])
    on = date_field("决定日期")
    reason = forms.CharField(label="不予援助的理由", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AidMaterialsForm(forms.Form):
    on = date_field("告知日期")
    items = forms.CharField(label="需补充的全部材料（一次性告知）", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class AidWithdrawForm(forms.Form):
    on = date_field("视为撤回日期")


class AidTerminateForm(forms.Form):
    ground = forms.ChoiceField(label="终止事由（第四十八条）", choices=_choices(TerminationGround.choices))
    on = date_field("终止日期")
    note = forms.CharField(label="说明", max_length=300, required=False)


class AidAssignForm(forms.Form):
    lawyer = forms.ModelChoiceField(label="承办律师", queryset=Lawyer.objects.none(), to_field_name="code",
                                    empty_label="请选择在册律师",
                                    error_messages={"required": "请选择承办律师。", "invalid_choice": "所选律师不在名册中。"})
    on = date_field("指派日期")

    def __init__(self, *args, lawyers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lawyers is not None:
            self.fields["lawyer"].queryset = lawyers


class AidCloseForm(forms.Form):
    on = date_field("结案日期")
    outcome = forms.CharField(label="办理结果", max_length=300)
    money_recovered = forms.DecimalField(label="挽回经济损失（元）", required=False, min_value=0, max_digits=14,
                                         decimal_places=2)


class AidArchiveForm(forms.Form):
    on = date_field("归档日期")
    quality_score = forms.IntegerField(label="质量评估得分（0–100）", min_value=0, max_value=100)


# The year filter of the aid list, by which date: the overview's figures link here with the date
# they count by (受理 = accepted_on, 办结 = closed_on), so the list shows the records behind them.
AID_YEAR_BASIS = [("", "收到日期"), ("accepted", "受理日期"), ("closed", "结案日期")]
AID_YEAR_FIELD = {"": "received_on", "accepted": "accepted_on", "closed": "closed_on"}


class AidFilterForm(forms.Form):
    q = forms.CharField(label="关键字", required=False)
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    by = forms.ChoiceField(label="年度按", required=False, choices=AID_YEAR_BASIS,
                           help_text="受理日期、结案日期与概览中的受理数、办结数对应。")
    status = forms.ChoiceField(label="状态", required=False, choices=_choices(AidStatus.choices, "全部"))
    case_type = forms.ChoiceField(label="案件类型", required=False, choices=_choices(AidCaseType.choices, "全部"))
    source = forms.ChoiceField(label="来源", required=False, choices=_choices(AidSource.choices, "全部"))


class LawyerForm(OrgFormMixin):
    name = forms.CharField(label="姓名", max_length=32)
    firm = forms.CharField(label="执业机构", max_length=128)
    license_no = forms.CharField(label="执业证号", max_length=32)
    phone = forms.CharField(label="联系电话", max_length=32, required=False)
    years_practice = forms.IntegerField(label="执业年限", min_value=0, max_value=70, initial=0)
    is_active = forms.BooleanField(label="在册（可被指派）", required=False, initial=True)


class NotarizationForm(OrgFormMixin):
    number = forms.CharField(label="公证书编号", max_length=48)
    matter_type = forms.ChoiceField(label="公证事项", choices=_choices(NotaryMatter.choices))
    applicant_name = forms.CharField(label="申请人", max_length=64)
    notary = forms.CharField(label="承办公证员", max_length=32)
    accepted_on = date_field("受理日期", required=False)
    issued_on = date_field("出证日期")
    fee = forms.DecimalField(label="收费（元）", required=False, min_value=0, max_digits=10, decimal_places=2)
    note = forms.CharField(label="备注", max_length=200, required=False)


class ConsultationForm(OrgFormMixin):
    channel = forms.ChoiceField(label="咨询渠道", choices=_choices(ConsultChannel.choices))
    consulted_on = date_field("咨询日期")
    topic = forms.ChoiceField(label="咨询类别", choices=_choices(ConsultTopic.choices))
    person_name = forms.CharField(label="咨询人", max_length=32, required=False)
    phone = forms.CharField(label="联系电话", max_length=32, required=False)
    question = forms.CharField(label="咨询内容", widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(label="解答意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.CharField(label="后续处理", max_length=200, required=False)
    persons = forms.IntegerField(label="人次", min_value=1, max_value=100000, initial=1)


class ActivityForm(OrgFormMixin):
    kind = forms.ModelChoiceField(label="活动类别", queryset=ActivityKind.objects.none(), to_field_name="code",
                                  empty_label="请选择活动类别",
                                  error_messages={"required": "请选择活动类别。", "invalid_choice": "所选活动类别无效。"})
    title = forms.CharField(label="活动名称", max_length=128)
    held_on = date_field("日期")
    end_on = date_field("截止日期（按期间汇总时填写）", required=False)
    place = forms.CharField(label="地点/对象", max_length=128, required=False)
    count = forms.IntegerField(label="数量", min_value=0, max_value=10_000_000, initial=1)
    amount = forms.DecimalField(label="金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2)
    reach = forms.IntegerField(label="覆盖人次/点击量", required=False, min_value=0, max_value=10_000_000_000)
    note = forms.CharField(label="备注", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = ActivityKind.objects.filter(is_active=True)


class ActivityFilterForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    kind = forms.ModelChoiceField(label="活动类别", required=False, queryset=ActivityKind.objects.all(),
                                  to_field_name="key", empty_label="全部")
    q = forms.CharField(label="关键字", required=False)


class ActivityKindForm(forms.Form):
    key = forms.SlugField(label="标识（英文）", max_length=48,
                          error_messages={"invalid": "标识只能包含英文字母、数字、下划线或连字符。"})
    name = forms.CharField(label="名称", max_length=64)
    category = forms.ChoiceField(label="类别", choices=_choices(ActivityCategory.choices))
    count_unit = forms.CharField(label="数量单位", max_length=8, initial="场次")
    amount_label = forms.CharField(label="金额项名称（不记金额请留空）", max_length=32, required=False)
    reach_label = forms.CharField(label="覆盖人次项名称（不记请留空）", max_length=32, required=False)
    description = forms.CharField(label="说明", max_length=200, required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=0)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["key"]


class ServicePointForm(OrgFormMixin):
    name = forms.CharField(label="名称", max_length=128)
    level = forms.ChoiceField(label="平台层级", choices=_choices(PointLevel.choices))
    address = forms.CharField(label="地址/网址", max_length=200, required=False)
    phone = forms.CharField(label="服务电话", max_length=32, required=False)
    hours = forms.CharField(label="服务时间", max_length=64, required=False)
    services = forms.CharField(label="服务项目", max_length=300, help_text="用顿号分隔，如：法律咨询、法律援助、人民调解。")
    is_public = forms.BooleanField(label="在门户公开", required=False, initial=True)
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=0)


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)


def year_of(form: forms.Form, default: int | None = None) -> int:
    if form.is_valid() and form.cleaned_data.get("year"):
        return form.cleaned_data["year"]
    return default or working_year()
