"""Forms of the 政府职能 pages (validation only; the services do the writing)."""
from __future__ import annotations

import datetime

from django import forms

from fazhi.core.choices import OrgKind
from fazhi.core.forms import OrgChoiceField
from fazhi.core.models import Organization
from fazhi.core.workyear import working_year
from fazhi.functions import credit_fields as cf
from fazhi.functions.choices import (
    RESPONSIBILITY_STAGES,
    AdjustmentKind,
    ApplicantKind,
    CreditActivityKind,
    CreditKind,
    CreditStatus,
    DisclosureArea,
    PowerCategory,
    ReplyType,
    RequestChannel,
    RequestState,
    ServiceItemType,
    ServiceLevel,
)
from fazhi.functions.models import (
    AnnualReport,
    CreditActivity,
    Disclosure,
    NewMediaAccount,
    ServiceItem,
)


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


def _date_widgets(model, names):
    return {n: DateInput() for n in names}


class OrgFormMixin(forms.Form):
    organization = OrgChoiceField(label="所属单位", queryset=Organization.objects.none(), empty_label="请选择单位",
                                  error_messages={"required": "请选择所属单位。",
                                                  "invalid_choice": "所选单位无效或您没有该单位的权限。"})

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
            if len(organizations) == 1 and not self.is_bound:
                self.initial.setdefault("organization", organizations[0].code)


# -- 权责清单 ---------------------------------------------------------------------------------------

def _stage_key(i):
    return f"stage_{i}"


class PowerFieldsForm(forms.Form):
    power_code = forms.CharField(label="职权编码", max_length=40)
    name = forms.CharField(label="职权名称", max_length=200, help_text="命名规则如“对××××的处罚”。")
    category = forms.ChoiceField(label="职权类型", choices=_choices(PowerCategory.choices))
    legal_basis = forms.CharField(label="实施依据", widget=forms.Textarea(attrs={"rows": 3}))
    subject = forms.CharField(label="实施主体", max_length=100)
    counterpart = forms.CharField(label="行政相对人类别", max_length=60, required=False)
    accountability = forms.CharField(label="追责情形", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, stage in enumerate(RESPONSIBILITY_STAGES):
            self.fields[_stage_key(i)] = forms.CharField(label=f"责任事项：{stage}", max_length=500, required=False)

    @staticmethod
    def initial_of(item) -> dict:
        data = {k: getattr(item, k) for k in ("power_code", "name", "category", "legal_basis", "subject",
                                              "counterpart", "accountability")}
        for i, stage in enumerate(RESPONSIBILITY_STAGES):
            data[_stage_key(i)] = (item.responsibilities or {}).get(stage, "")
        return data

    def power_data(self) -> dict:
        d = dict(self.cleaned_data)
        resp = {}
        for i, stage in enumerate(RESPONSIBILITY_STAGES):
            text = (d.pop(_stage_key(i), "") or "").strip()
            if text:
                resp[stage] = text
        d["responsibilities"] = resp
        for k in ("organization", "adjusted_on", "document", "reason", "valid_from"):
            d.pop(k, None)
        return d


class AdjustmentMetaForm(forms.Form):
    adjusted_on = date_field("调整日期")
    document = forms.CharField(label="调整依据文件（名称及文号）", max_length=200)
    reason = forms.CharField(label="调整理由", max_length=300, required=False)


class PowerAddForm(OrgFormMixin, AdjustmentMetaForm, PowerFieldsForm):
    field_order = ["organization", "adjusted_on", "document", "reason"]


class PowerChangeForm(AdjustmentMetaForm, PowerFieldsForm):
    field_order = ["adjusted_on", "document", "reason"]


class PowerCancelForm(AdjustmentMetaForm):
    reason = forms.CharField(label="取消理由", max_length=300)


class PowerDelegateForm(AdjustmentMetaForm):
    kind = forms.ChoiceField(label="调整类型", choices=_choices([(AdjustmentKind.EMPOWER, "赋权乡镇"),
                                                                (AdjustmentKind.DELEGATE, "下放执法事项")]))
    township = forms.ModelChoiceField(label="承接乡镇", queryset=Organization.objects.none(), to_field_name="code",
                                      empty_label="请选择乡镇", error_messages={"required": "请选择承接乡镇。",
                                                                          "invalid_choice": "所选乡镇无效。"})
    field_order = ["kind", "township", "adjusted_on", "document", "reason"]

    def __init__(self, *args, townships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships if townships is not None else Organization.objects.filter(
            kind=OrgKind.TOWNSHIP)


class PowerFilterForm(forms.Form):
    on = date_field("清单日期", required=False, help_text="显示该日有效的权责清单；留空为今天。")
    q = forms.CharField(label="关键词", required=False, max_length=50)
    category = forms.ChoiceField(label="职权类型", required=False, choices=_choices(PowerCategory.choices, "全部"))
    organization = OrgChoiceField(label="单位", required=False, queryset=Organization.objects.none(), empty_label="全部")
    delegated = forms.ChoiceField(label="赋权/下放", required=False,
                                  choices=[("", "全部"), ("yes", "已赋权/下放乡镇"), ("no", "未赋权/下放")])

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100,
                              error_messages={"invalid": "请输入年份。", "min_value": "年份不能早于2000年。",
                                              "max_value": "年份不能晚于2100年。"})


def year_of(form: YearForm, default=None) -> int:
    if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
        return form.cleaned_data["year"]
    return default or working_year()


class AdjustmentFilterForm(YearForm):
    kind = forms.ChoiceField(label="调整类型", required=False, choices=_choices(AdjustmentKind.choices, "全部"))
    q = forms.CharField(label="关键词", required=False, max_length=50)


# -- ModelForm-based ledgers --------------------------------------------------------------------------

class _OrgModelForm(forms.ModelForm):
    organization = OrgChoiceField(label="所属单位", queryset=Organization.objects.none(), empty_label="请选择单位",
                                  error_messages={"required": "请选择所属单位。",
                                                  "invalid_choice": "所选单位无效或您没有该单位的权限。"})

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
            if len(organizations) == 1 and not self.is_bound:
                self.initial.setdefault("organization", organizations[0].code)
        for f in self.fields.values():
            if isinstance(f, forms.DateField):
                f.error_messages["invalid"] = "请输入有效日期，如 2021-03-05。"

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ServiceItemForm(_OrgModelForm):
    class Meta:
        model = ServiceItem
        fields = ["organization", "item_code", "name", "item_type", "department", "agency", "basis", "level", "parent",
                  "online", "depth", "in_force", "time_limit_days"]
        widgets = {"basis": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else ServiceItem.objects.none()
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = "（无：主项）"
        self.fields["parent"].label_from_instance = lambda o: f"{o.item_code} {o.name}"

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | {"organization", "parent"}


class DisclosureForm(_OrgModelForm):
    class Meta:
        model = Disclosure
        fields = ["organization", "title", "area", "doc_number", "formed_on", "published_on", "channel", "url"]
        widgets = _date_widgets(Disclosure, ["formed_on", "published_on"])
        help_texts = {"formed_on": "自形成或者变更之日起20个工作日内公开（政府信息公开条例第二十六条）。",
                      "published_on": "尚未公开的留空，期限将列入期限看板。"}


class MediaForm(_OrgModelForm):
    class Meta:
        model = NewMediaAccount
        fields = ["organization", "name", "platform", "account_id", "opened_on", "closed_on", "operator", "filed_on"]
        widgets = _date_widgets(NewMediaAccount, ["opened_on", "closed_on", "filed_on"])


class ActivityForm(_OrgModelForm):
    class Meta:
        model = CreditActivity
        fields = ["organization", "kind", "name", "enterprise", "held_on", "medium", "note"]
        widgets = _date_widgets(CreditActivity, ["held_on"])


class ReportForm(_OrgModelForm):
    year = forms.IntegerField(label="报告年度", min_value=2019, max_value=2100)

    class Meta:
        model = AnnualReport
        fields = ["organization", "year", "proactive_count", "requests_received", "requests_carried",
                  "requests_replied", "reconsiderations", "lawsuits", "problems", "other", "submitted_on",
                  "published_on"]
        widgets = {**_date_widgets(AnnualReport, ["submitted_on", "published_on"]),
                   "problems": forms.Textarea(attrs={"rows": 3}), "other": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"published_on": "部门于次年1月31日前、县人民政府于次年3月31日前公布（条例第四十九条）。"}

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | {"organization", "year", "due_on"}


class ListFilterForm(YearForm):
    q = forms.CharField(label="关键词", required=False, max_length=50)


class DisclosureFilterForm(ListFilterForm):
    area = forms.ChoiceField(label="公开领域", required=False, choices=_choices(DisclosureArea.choices, "全部"))
    late = forms.ChoiceField(label="及时性", required=False, choices=[("", "全部"), ("late", "超期公开"),
                                                                   ("open", "尚未公开")])


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=50)
    item_type = forms.ChoiceField(label="事项类型", required=False, choices=_choices(ServiceItemType.choices, "全部"))
    level = forms.ChoiceField(label="层级", required=False, choices=_choices(ServiceLevel.choices, "全部"))
    online = forms.ChoiceField(label="网上可办", required=False, choices=[("", "全部"), ("yes", "是"), ("no", "否")])


# -- 依申请公开 --------------------------------------------------------------------------------------

class RequestForm(OrgFormMixin):
    number = forms.CharField(label="申请编号", max_length=40, required=False, help_text="留空自动编号。")
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=_choices(ApplicantKind.choices))
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    applicant_id = forms.CharField(label="身份证件号码/统一社会信用代码", max_length=24, required=False)
    applicant_phone = forms.CharField(label="联系电话", max_length=32, required=False)
    applicant_address = forms.CharField(label="通信地址", max_length=200, required=False)
    channel = forms.ChoiceField(label="提交方式", choices=_choices(RequestChannel.choices))
    submitted_on = date_field("提交日期")
    received_on = date_field("签收/确认日期", required=False,
                             help_text="邮寄的填签收日期；平常信函填与申请人确认的日期；互联网、传真填双方确认的日期；"
                                       "当面提交的留空（条例第三十一条）。")
    content = forms.CharField(label="申请公开的政府信息内容", widget=forms.Textarea(attrs={"rows": 3}))


class RequestEditForm(forms.Form):
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=_choices(ApplicantKind.choices))
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    applicant_id = forms.CharField(label="身份证件号码/统一社会信用代码", max_length=24, required=False)
    applicant_phone = forms.CharField(label="联系电话", max_length=32, required=False)
    applicant_address = forms.CharField(label="通信地址", max_length=200, required=False)
    content = forms.CharField(label="申请公开的政府信息内容", widget=forms.Textarea(attrs={"rows": 3}))


class StepDateForm(forms.Form):
    on = date_field("日期")


class CorrectionForm(forms.Form):
    on = date_field("补正告知日期")
    items = forms.CharField(label="需要补正的事项和补正期限", max_length=300)


class ConsultForm(forms.Form):
    on = date_field("发出征求意见书日期")
    consultee = forms.CharField(label="被征求意见的第三方/机关", max_length=100)


class ExtendForm(forms.Form):
    on = date_field("延期告知日期")
    approver = forms.CharField(label="批准延期的负责人", max_length=60)
    reason = forms.CharField(label="延期理由", max_length=300)


class ReplyForm(forms.Form):
    on = date_field("答复日期")
    reply_type = forms.ChoiceField(label="答复类型", choices=_choices(ReplyType.choices))
    reply_text = forms.CharField(label="答复内容/理由", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reply_document = forms.CharField(label="答复书文号", max_length=60, required=False)


class RequestFilterForm(ListFilterForm):
    state = forms.ChoiceField(label="状态", required=False, choices=_choices(RequestState.choices, "全部"))


# -- 双公示 ---------------------------------------------------------------------------------------

def _field_id(i: int) -> str:
    return f"f{i}"


class CreditForm(OrgFormMixin):
    """One input per standard field (ANCHORS.md §3.3–3.4), labelled with its exact name."""

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        names, required, *_ = cf.SPEC[kind]
        for i, name in enumerate(names):
            if name == "行政相对人类别":
                field = forms.ChoiceField(label=name, choices=_choices([(c, c) for c in cf.SUBJECT_CATEGORIES]))
            elif name in cf.DATE_FIELDS:
                field = date_field(name, required=name in required)
            else:
                field = forms.CharField(label=name, max_length=500, required=name in required,
                                        widget=forms.Textarea(attrs={"rows": 2}) if name in ("违法事实", "处罚依据",
                                                                                             "许可内容", "处罚内容") else None)
            field.error_messages["required"] = f"“{name}”为必填字段。"
            self.fields[_field_id(i)] = field

    @staticmethod
    def initial_of(kind: str, fields: dict) -> dict:
        names = cf.SPEC[kind][0]
        out = {}
        for i, name in enumerate(names):
            value = fields.get(name, "")
            if name in cf.DATE_FIELDS and value:
                value = datetime.date.fromisoformat(value)
            out[_field_id(i)] = value
        return out

    def standard_fields(self) -> dict:
        names = cf.SPEC[self.kind][0]
        return {name: self.cleaned_data.get(_field_id(i)) for i, name in enumerate(names)
                if self.cleaned_data.get(_field_id(i)) not in (None, "")}

    def add_error(self, field, error):
        if field == "fields":
            field = None
        super().add_error(field, error)


class CreditWithdrawForm(forms.Form):
    on = date_field("决定被撤销/变更日期")
    reason = forms.CharField(label="撤下理由", max_length=300)


class CreditFilterForm(ListFilterForm):
    kind = forms.ChoiceField(label="类别", required=False, choices=_choices(CreditKind.choices, "全部"))
    status = forms.ChoiceField(label="状态", required=False, choices=_choices(CreditStatus.choices, "全部"))
    late = forms.ChoiceField(label="及时性", required=False, choices=[("", "全部"), ("late", "超期报送")])


class ActivityFilterForm(YearForm):
    kind = forms.ChoiceField(label="类别", required=False, choices=_choices(CreditActivityKind.choices, "全部"))
