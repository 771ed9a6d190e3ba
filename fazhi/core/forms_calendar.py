"""Forms of the calendar pages: board filter, holidays, CSV import, rule count, calculator."""
from __future__ import annotations

import datetime

from django import forms

from fazhi.core.choices import HolidayKind
from fazhi.core.models import DeadlineRule

DATE_HELP = "格式：YYYY-MM-DD"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), input_formats=["%Y-%m-%d"],
                           error_messages={"invalid": "日期格式不正确，应为 YYYY-MM-DD。", "required": f"请填写{label}。"})


class BoardFilterForm(forms.Form):
    within = forms.IntegerField(label="黄灯范围（工作日）", min_value=0, max_value=60, required=False, initial=3,
                                error_messages={"invalid": "请输入整数。", "min_value": "不能小于 0。", "max_value": "不能超过 60。"})
    org = forms.ChoiceField(label="单位", required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.code): o for o in organizations}
        self.fields["org"].choices = [("", "全部可见单位")] + [(str(o.code), o.name) for o in organizations]
        self.fields["org"].error_messages["invalid_choice"] = "请选择可见范围内的单位。"

    def cleaned_org(self):
        code = self.cleaned_data.get("org") or ""
        return self.organizations.get(code)

    def cleaned_within(self) -> int:
        value = self.cleaned_data.get("within")
        return 3 if value is None else value


class HolidayForm(forms.Form):
    date = _date_field("日期")
    kind = forms.ChoiceField(label="类型", choices=HolidayKind.choices)
    name = forms.CharField(label="节日名称", max_length=32, required=False)


class HolidayImportForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100,
                              error_messages={"required": "请填写年份。", "invalid": "年份应为四位数字。",
                                              "min_value": "年份不能早于 2000 年。", "max_value": "年份不能晚于 2100 年。"})
    notice = forms.CharField(label="通知文号/来源", max_length=128,
                             help_text="如：国办发明电〔2026〕X号（国务院办公厅关于2027年部分节假日安排的通知）",
                             error_messages={"required": "请填写国务院办公厅通知的文号或来源。"})
    file = forms.FileField(label="CSV 文件", required=False,
                           help_text="每行：日期,类型,节日名称；类型为“放假”或“上班”。第一行可为表头 date,kind,name。")
    # Preview → commit: the checked CSV text travels back in a hidden field and is checked again.
    csv_text = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("csv_text") and not data.get("file"):
            self.add_error("file", "请选择要上传的 CSV 文件。")
        return data


class RuleCountForm(forms.Form):
    count = forms.IntegerField(label="期限", min_value=1, max_value=3650,
                               error_messages={"required": "请填写期限。", "invalid": "期限应为整数。",
                                               "min_value": "期限至少为 1。", "max_value": "期限不能超过 3650。"})
    notes = forms.CharField(label="说明（本省依据）", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ComputeForm(forms.Form):
    rule = forms.ModelChoiceField(label="期限规则", queryset=DeadlineRule.objects.order_by("code"), to_field_name="code",
                                  error_messages={"required": "请选择期限规则。", "invalid_choice": "未知的期限规则。"})
    start = _date_field("起算日")
    pause_from = _date_field("中止开始日", required=False)
    pause_to = _date_field("中止结束日", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].label_from_instance = lambda r: f"{r.code}　{r.name}"
        self.fields["start"].help_text = "起算事件发生之日，当日不计入期间。"
        self.fields["pause_to"].help_text = "中止期间含首尾两日；不中止则留空。"

    def clean(self):
        data = super().clean()
        a, b = data.get("pause_from"), data.get("pause_to")
        if (a is None) != (b is None) and not self.errors.get("pause_from") and not self.errors.get("pause_to"):
            self.add_error("pause_to" if a else "pause_from", "中止期间须同时填写开始日和结束日。")
        if a and b and b < a:
            self.add_error("pause_to", "中止结束日不能早于开始日。")
        return data

    def pauses(self) -> list[tuple[datetime.date, datetime.date]]:
        a, b = self.cleaned_data.get("pause_from"), self.cleaned_data.get("pause_to")
        return [(a, b)] if a and b else []
