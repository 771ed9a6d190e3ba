"""Forms of the Excel pages: the upload and the commit confirmation. Validation only."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from fazhi.core.ledgers import import_max_bytes


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Excel文件（.xlsx）", help_text="请使用本台账的导入模板填写；上传后先校验，确认无误再导入。",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
                           error_messages={"required": "请选择要上传的Excel文件。", "empty": "上传的文件为空。"})

    def clean_file(self):
        f = self.cleaned_data["file"]
        limit = import_max_bytes()
        if f.size > limit:
            raise ValidationError(f"文件过大（{f.size / 1048576:.1f} MB），上限为 {limit / 1048576:.0f} MB。")
        return f


class ImportCommitForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, validators=[RegexValidator(r"^[0-9a-f]{64}$", "文件标识无效。")])
