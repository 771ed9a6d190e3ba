"""Forms of the reports pages (validation only; the services write)."""
from __future__ import annotations

from django import forms

from fazhi.core.forms import OrgChoiceField
from fazhi.reports.choices import Part


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, required=True):
    return forms.DateField(label=label, required=required, widget=DateInput(),
                           error_messages={"invalid": "请输入有效日期，如 2022-02-28。", "required": f"请填写{label}。"})


YEAR_ERRORS = {"required": "请填写年度。", "invalid": "请输入有效年度。", "min_value": "年度不能早于2000年。",
               "max_value": "年度不能晚于2100年。"}


class FilterForm(forms.Form):
    """?org=&year=&month= of the indicator, records and dashboard pages."""

    org = forms.UUIDField(required=False, error_messages={"invalid": "单位编码无效。"})
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)
    month = forms.IntegerField(required=False, min_value=1, max_value=12,
                               error_messages={"invalid": "月份无效。", "min_value": "月份无效。", "max_value": "月份无效。"})


class ReportCreateForm(forms.Form):
    organization = OrgChoiceField(label="报告单位", queryset=None, empty_label="请选择单位",
                                  error_messages={"required": "请选择单位。",
                                                  "invalid_choice": "所选单位无效或您没有该单位的权限。"})
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class ReportMetaForm(forms.Form):
    title = forms.CharField(label="标题", max_length=120, error_messages={"required": "请填写标题。",
                                                                         "max_length": "标题最多120个字。"})
    issuer = forms.CharField(label="落款单位", max_length=120, error_messages={"required": "请填写落款单位。",
                                                                              "max_length": "落款单位最多120个字。"})
    signed_on = date_field("成文日期", required=False)
    submitted_to = forms.CharField(label="报送对象", max_length=120,
                                   error_messages={"required": "请填写报送对象。", "max_length": "报送对象最多120个字。"})


BODY_HELP = ("数字一律用指标占位符，不要直接填写数字：{{指标代码}}（如 {{legalservice.aid_accepted}}），"
             "{{指标代码|floor}}（取整，如“超过{{functions.online_service_rate|floor}}%”），"
             "{{titles:指标代码}}（列出记录的名称）。“余”“近”“超过”等字写在占位符前后。")


class BlockForm(forms.Form):
    heading = forms.CharField(label="标题", max_length=200, required=False,
                              error_messages={"max_length": "标题最多200个字。"})
    body = forms.CharField(label="正文", required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=BODY_HELP, error_messages={"max_length": "正文过长。"})


class BlockAddForm(forms.Form):
    part = forms.ChoiceField(label="所属部分", choices=[("", "请选择"), *Part.choices],
                             error_messages={"required": "请选择所属部分。", "invalid_choice": "所属部分无效。"})
    body = forms.CharField(label="正文", max_length=20000, widget=forms.Textarea(attrs={"rows": 5}), help_text=BODY_HELP,
                           error_messages={"required": "请填写正文。", "max_length": "正文过长。"})


class SubmitForm(forms.Form):
    submitted_on = date_field("报送日期")


class PublishForm(forms.Form):
    published_on = date_field("公开日期")


class ReturnForm(forms.Form):
    reason = forms.CharField(label="退回理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "请填写退回修改的理由。", "max_length": "理由最多300个字。"})
