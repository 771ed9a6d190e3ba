"""Forms of 统筹督察: validation only, no writes."""
from __future__ import annotations

from django import forms

from fazhi.core.choices import OrgKind

from .choices import InspectionScope, InspectorBody, MeetingKind, StudyForm, TaskKind, TaskStatus, TrainingMode


class OrgChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.name


class _OrgForm(forms.Form):
    organization = OrgChoiceField(label="所属单位", queryset=None, error_messages={
        "required": "请选择所属单位。", "invalid_choice": "请选择您有权登记的单位。"})

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "organization" in self.fields:
            self.fields["organization"].queryset = orgs


def _date_widget():
    """<input type=date> takes only YYYY-MM-DD: without an explicit format the locale's format is rendered
    and the browser drops the initial value of an edit form."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


DATE = {"required": "请填写日期。", "invalid": "日期格式应为 YYYY-MM-DD。"}


class MeetingForm(_OrgForm):
    kind = forms.ChoiceField(label="会议类型", choices=MeetingKind.choices)
    title = forms.CharField(label="会议名称", max_length=200, error_messages={"required": "请填写会议名称。"})
    held_on = forms.DateField(label="召开日期", error_messages=DATE, widget=_date_widget())
    topics = forms.CharField(label="议题（每行一项）", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    documents = forms.CharField(label="审议通过的文件（每行一件）", required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))


class StudyForm_(_OrgForm):
    form = forms.ChoiceField(label="学法形式", choices=StudyForm.choices)
    held_on = forms.DateField(label="学习日期", error_messages=DATE, widget=_date_widget())
    topics = forms.CharField(label="学习专题（每行一项）", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请至少填写一个学习专题。"})
    attendees = forms.CharField(label="参学人员（每行一人或一类）", required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    attendee_count = forms.IntegerField(label="参学人数", min_value=0, required=False,
                                        error_messages={"invalid": "参学人数应为整数。", "min_value": "参学人数不能为负数。"})


class TrainingForm(_OrgForm):
    title = forms.CharField(label="培训名称", max_length=200, error_messages={"required": "请填写培训名称。"})
    held_on = forms.DateField(label="培训日期", error_messages=DATE, widget=_date_widget())
    mode = forms.ChoiceField(label="培训方式", choices=TrainingMode.choices)
    lecturer = forms.CharField(label="主讲人", max_length=100, required=False)
    person_times = forms.IntegerField(label="参训人次", min_value=0, error_messages={
        "required": "请填写参训人次。", "invalid": "参训人次应为整数。", "min_value": "参训人次不能为负数。"})
    attendees = forms.CharField(label="参训人员（每行：姓名,执法证号；可留空）", required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))

    def clean_attendees(self):
        rows = []
        for line in (self.cleaned_data.get("attendees") or "").splitlines():
            line = line.replace("，", ",").strip()
            if not line:
                continue
            name, _, cert = line.partition(",")
            rows.append((name.strip(), cert.strip()))
        return rows


class InspectionForm(_OrgForm):
    title = forms.CharField(label="督察名称", max_length=200, error_messages={"required": "请填写督察名称。"})
    scope = forms.ChoiceField(label="督察范围", choices=InspectionScope.choices)
    inspector = forms.ChoiceField(label="督察主体", choices=InspectorBody.choices)
    subject = forms.CharField(label="督察内容", max_length=300, required=False)
    started_on = forms.DateField(label="开始日期", error_messages=DATE, widget=_date_widget())
    ended_on = forms.DateField(label="结束日期", required=False, error_messages=DATE,
                               widget=_date_widget())


class FindingForm(forms.Form):
    owner = OrgChoiceField(label="整改责任单位", queryset=None, error_messages={
        "required": "请选择整改责任单位。", "invalid_choice": "请选择有效的整改责任单位。"})
    category = forms.CharField(label="问题类别", max_length=64, error_messages={"required": "请填写问题类别。"})
    description = forms.CharField(label="问题描述", widget=forms.Textarea(attrs={"rows": 3}),
                                  error_messages={"required": "请填写问题描述。"})
    due_on = forms.DateField(label="整改时限", error_messages=DATE, widget=_date_widget())

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = orgs


class RectifyForm(forms.Form):
    rectification = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 3}),
                                    error_messages={"required": "请填写整改情况。"})
    evidence_link = forms.CharField(label="佐证记录链接（或先上传附件）", max_length=255, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="退回理由", max_length=500, error_messages={"required": "请填写退回理由。"})


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, error_messages={
        "required": "请填写完成进度。", "invalid": "完成进度应为0到100之间的整数。",
        "min_value": "完成进度应为0到100之间的整数。", "max_value": "完成进度应为0到100之间的整数。"})
    note = forms.CharField(label="进展情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_link = forms.CharField(label="佐证记录链接（完成时必填，或上传附件）", max_length=255, required=False)


class TaskFilterForm(forms.Form):
    kind = forms.ChoiceField(label="任务类型", choices=[("", "全部")] + TaskKind.choices, required=False)
    status = forms.ChoiceField(label="状态", choices=[("", "全部")] + TaskStatus.choices, required=False)


class ScoreForm(forms.Form):
    item = forms.ChoiceField(label="指标", choices=())
    points = forms.DecimalField(label="得分", max_digits=6, decimal_places=2, error_messages={
        "required": "请填写得分。", "invalid": "得分应为数字。"})
    evidence_attachment = forms.ChoiceField(label="佐证附件", choices=(), required=False)
    evidence_link = forms.CharField(label="佐证记录链接", max_length=255, required=False)
    note = forms.CharField(label="评分说明", max_length=500, required=False)

    def __init__(self, *args, items=(), attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(str(i.id), f"{i.number} {i.name}（{i.points}分）") for i in items]
        self.fields["evidence_attachment"].choices = [("", "（无）")] + [(str(a.code), a.filename) for a in attachments]


class AppealForm(forms.Form):
    item = forms.ChoiceField(label="申诉指标（可不选）", choices=(), required=False)
    reason = forms.CharField(label="申诉理由", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写申诉理由。"})

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "（整体）")] + [(str(i.id), f"{i.number} {i.name}") for i in items]


class DecideForm(forms.Form):
    upheld = forms.ChoiceField(label="复核结论", choices=[("1", "申诉成立"), ("0", "申诉不成立")])
    response = forms.CharField(label="复核意见", max_length=1000, error_messages={"required": "请填写复核意见。"})


class AssessmentKindFilter(forms.Form):
    kind = forms.ChoiceField(label="单位类型", required=False, choices=[("", "全部"), (OrgKind.DEPARTMENT, "部门"),
                                                                    (OrgKind.TOWNSHIP, "乡镇")])


class AssessmentCreateForm(forms.Form):
    organization = OrgChoiceField(label="考评单位", queryset=None, error_messages={
        "required": "请选择考评单位。", "invalid_choice": "请选择您有权登记的单位。"})
    year = forms.IntegerField(label="考评年度", min_value=2000, max_value=2100, error_messages={
        "required": "请填写考评年度。", "invalid": "考评年度应为四位数年份。", "min_value": "考评年度应为四位数年份。",
        "max_value": "考评年度应为四位数年份。"})
    title = forms.CharField(label="名称", max_length=200, error_messages={"required": "请填写考评名称。"})
    kinds = forms.MultipleChoiceField(label="被考评单位类型", widget=forms.CheckboxSelectMultiple,
                                      choices=[(OrgKind.DEPARTMENT, "政府部门/单位"), (OrgKind.TOWNSHIP, "乡镇/管委会")],
                                      error_messages={"required": "请至少选择一类被考评单位。"})

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = orgs


class DutyReportForm(_OrgForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, error_messages={
        "required": "请填写年度。", "invalid": "年度应为四位数年份。", "min_value": "年度应为四位数年份。",
        "max_value": "年度应为四位数年份。"})
    person_name = forms.CharField(label="述职人", max_length=64, error_messages={"required": "请填写述职人。"})
    position = forms.CharField(label="职务", max_length=100, error_messages={"required": "请填写职务。"})
    reported_on = forms.DateField(label="述职日期", error_messages=DATE, widget=_date_widget())
    occasion = forms.CharField(label="述职场合", max_length=100, initial="年终述职")
    summary = forms.CharField(label="述职要点", widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": "请填写述职要点。"})
    rating = forms.CharField(label="评议结果", max_length=32, required=False)


# ---- corrections (edit pages): the owning organization does not change --------------------------
class MeetingEditForm(MeetingForm):
    organization = None
    notes = forms.CharField(label="会议纪要", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    documents = forms.CharField(label="审议通过的文件（每行一件；按顺序改名，删去末行即删除）", required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))


class StudyEditForm(StudyForm_):
    organization = None


class InspectionEditForm(InspectionForm):
    organization = None
    summary = forms.CharField(label="督察情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))


# ---- the yearly work plan ----------------------------------------------------------------------
class PlanForm(_OrgForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, error_messages={
        "required": "请填写年度。", "invalid": "年度应为四位数年份。", "min_value": "年度应为四位数年份。",
        "max_value": "年度应为四位数年份。"})
    title = forms.CharField(label="名称", max_length=200, error_messages={"required": "请填写工作要点名称。"})


class TaskCreateForm(forms.Form):
    owner = OrgChoiceField(label="责任单位", queryset=None, error_messages={
        "required": "请选择责任单位。", "invalid_choice": "请选择您有权登记的责任单位。"})
    number = forms.CharField(label="序号", max_length=16, error_messages={"required": "请填写序号。"})
    title = forms.CharField(label="任务", max_length=300, error_messages={"required": "请填写任务内容。"})
    kind = forms.ChoiceField(label="任务类型", choices=TaskKind.choices)
    due_on = forms.DateField(label="完成时限", error_messages=DATE, widget=_date_widget())

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = orgs


class TrainingEditForm(TrainingForm):
    organization = None
    attendees = None
    content = forms.CharField(label="培训内容", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DutyReportEditForm(DutyReportForm):
    organization = None


class TaskEditForm(TaskCreateForm):
    owner = None

    def __init__(self, *args, **kwargs):
        forms.Form.__init__(self, *args, **kwargs)


class FindingEditForm(FindingForm):
    owner = None

    def __init__(self, *args, **kwargs):
        forms.Form.__init__(self, *args, **kwargs)
