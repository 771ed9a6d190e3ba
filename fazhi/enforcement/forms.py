"""Forms of the staff pages (validation only; the services do the writing)."""
from __future__ import annotations

from django import forms

from fazhi.core.scoping import scope, writable_orgs
from fazhi.enforcement.choices import (
    BodyKind,
    CaseState,
    Category,
    ListKind,
    OfficerStatus,
    PartyType,
    PenaltyKind,
    RemedyKind,
    ReviewConclusion,
    StatementKind,
)
from fazhi.enforcement.models import EnforcementBody, EnforcementItem, Officer


def _d(label, required=True, **kw):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}), **kw)


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OfficerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.cert_no}，有效期至 {obj.expires_on:%Y-%m-%d}）"


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.unit or '—'}，{obj.cert_no}）"


def _org_field(user, label="所属单位"):
    return OrgChoiceField(label=label, queryset=writable_orgs(user).order_by("sort_order", "id"), to_field_name="code",
                          error_messages={"invalid_choice": "请选择您有权登记的单位。", "required": "请选择单位。"})


def _officers_field(user, org=None, label="执法人员", required=True):
    qs = scope(Officer.objects.select_related("organization"), user)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    return OfficerChoices(label=label, queryset=qs.order_by("name", "id"), to_field_name="code", required=required,
                          help_text="《行政处罚法》第四十二条：执法人员不得少于两人，须持有效执法证。",
                          error_messages={"invalid_choice": "请选择本单位登记的执法人员。", "required": "请选择执法人员。"})


class OrgScopedForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "organization" in self.fields:
            self.fields["organization"] = _org_field(user)
            self.order_fields(["organization"])


# ------------------------------------------------------------------------------------------ registries
class BodyForm(OrgScopedForm):
    organization = forms.Field()
    name = forms.CharField(label="执法主体名称", max_length=128)
    kind = forms.ChoiceField(label="主体类别", choices=BodyKind.choices)
    legal_basis = forms.CharField(label="职权来源（法律依据）", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    duties = forms.CharField(label="主要职责", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    established_on = _d("设立日期", required=False)
    published = forms.BooleanField(label="在门户公示", required=False, initial=True)


class OfficerForm(OrgScopedForm):
    organization = forms.Field()
    name = forms.CharField(label="姓名", max_length=32)
    id_number = forms.CharField(label="身份证号", max_length=18)
    cert_no = forms.CharField(label="执法证号", max_length=32)
    field = forms.CharField(label="执法领域", max_length=64, required=False)
    unit = forms.CharField(label="内设机构", max_length=64, required=False, help_text="所在科室/中队")
    first_certified_on = _d("首次取得执法资格日期")
    issued_on = _d("发证日期")
    expires_on = _d("有效期至")
    status = forms.ChoiceField(label="证件状态", choices=OfficerStatus.choices)
    training_hours = forms.IntegerField(label="年度培训学时", min_value=0, max_value=1000, initial=0)
    is_legal_reviewer = forms.BooleanField(label="法制审核员", required=False)
    has_legal_qualification = forms.BooleanField(label="具有法律职业资格", required=False)


class ItemForm(OrgScopedForm):
    organization = forms.Field()
    name = forms.CharField(label="执法事项", max_length=200)
    category = forms.ChoiceField(label="事项类别", choices=Category.choices)
    legal_basis = forms.CharField(label="法律依据", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    body = forms.ModelChoiceField(label="实施主体", queryset=EnforcementBody.objects.none(), to_field_name="code",
                                  error_messages={"invalid_choice": "请选择本单位的执法主体。"})
    power_code = forms.CharField(label="职权编码", max_length=40, required=False, help_text="与权责清单的职权编码一致")
    major_review = forms.BooleanField(label="列入重大执法决定法制审核目录", required=False)
    random_inspection = forms.BooleanField(label="列入随机抽查事项清单", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["body"].queryset = scope(EnforcementBody.objects.all(), user)


class ListForm(OrgScopedForm):
    organization = forms.Field()
    title = forms.CharField(label="清单名称", max_length=128)
    kind = forms.ChoiceField(label="清单类别", choices=ListKind.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    published_on = _d("公布日期", required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)


class PlanForm(OrgScopedForm):
    organization = forms.Field()
    title = forms.CharField(label="方案名称", max_length=200)
    doc_number = forms.CharField(label="文号", max_length=60, required=False)
    issued_on = _d("印发日期")
    summary = forms.CharField(label="主要内容", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class TargetForm(OrgScopedForm):
    organization = forms.Field()
    name = forms.CharField(label="检查对象", max_length=128)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    category = forms.CharField(label="行业类别", max_length=64, required=False)
    address = forms.CharField(label="经营场所", max_length=200, required=False)
    is_active = forms.BooleanField(label="在册", required=False, initial=True)


# ------------------------------------------------------------------------------------------ cases
class CaseFilterForm(forms.Form):
    q = forms.CharField(label="案号/案由/当事人", required=False, max_length=50)
    kind = forms.ChoiceField(label="执法类别", required=False, choices=[("", "全部")] + Category.choices)
    state = forms.ChoiceField(label="办理环节", required=False, choices=[("", "全部")] + CaseState.choices)
    year = forms.IntegerField(label="立案年度", required=False, min_value=2000, max_value=2100)
    overdue = forms.BooleanField(label="仅超期", required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)


class _PartyMixin(forms.Form):
    party_type = forms.ChoiceField(label="当事人类别", choices=PartyType.choices)
    party_name = forms.CharField(label="当事人", max_length=128)
    party_id_number = forms.CharField(label="身份证号（公民）", max_length=18, required=False)
    party_credit_code = forms.CharField(label="统一社会信用代码（法人或其他组织）", max_length=18, required=False)
    party_address = forms.CharField(label="住所/地址", max_length=200, required=False)


class CaseCreateForm(OrgScopedForm, _PartyMixin):
    organization = forms.Field()
    kind = forms.ChoiceField(label="执法类别", choices=Category.choices, initial=Category.PENALTY)
    item = forms.ModelChoiceField(label="执法事项", queryset=EnforcementItem.objects.none(), to_field_name="code",
                                  required=False, error_messages={"invalid_choice": "请选择本单位清单中的执法事项。"})
    title = forms.CharField(label="案由", max_length=200)
    number = forms.CharField(label="案号", max_length=80, required=False, help_text="不填则自动编号")
    undertaking_unit = forms.CharField(label="承办机构", max_length=64, required=False)
    facts = forms.CharField(label="违法事实/事项概述", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    violation_on = _d("违法行为发生（终了）日期", required=False)
    limitation_extended = forms.BooleanField(label="涉及生命健康安全、金融安全且有危害后果（时效五年）", required=False)
    filed_on = _d("立案（受理）日期")
    is_major = forms.BooleanField(label="重大执法决定（须法制审核）", required=False)
    is_complex = forms.BooleanField(label="情节复杂或重大违法行为（须集体讨论）", required=False)
    officers = forms.Field()
    document_number = forms.CharField(label="立案审批表编号", max_length=80, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["item"].queryset = scope(EnforcementItem.objects.all(), user)
        self.fields["officers"] = _officers_field(user, label="承办执法人员")


class CaseEditForm(_PartyMixin):
    title = forms.CharField(label="案由", max_length=200)
    undertaking_unit = forms.CharField(label="承办机构", max_length=64, required=False)
    facts = forms.CharField(label="违法事实/事项概述", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    violation_on = _d("违法行为发生（终了）日期", required=False)
    limitation_extended = forms.BooleanField(label="涉及生命健康安全、金融安全且有危害后果（时效五年）", required=False)
    is_major = forms.BooleanField(label="重大执法决定（须法制审核）", required=False)
    is_complex = forms.BooleanField(label="情节复杂或重大违法行为（须集体讨论）", required=False)


class SimpleCaseForm(OrgScopedForm, _PartyMixin):
    organization = forms.Field()
    title = forms.CharField(label="案由", max_length=200)
    filed_on = _d("处罚日期")
    penalty_kind = forms.ChoiceField(label="处罚种类", choices=[(PenaltyKind.WARNING, "警告"), (PenaltyKind.FINE, "罚款")])
    fine_amount = forms.DecimalField(label="罚款金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2,
                                     help_text="《行政处罚法》第五十一条：公民200元以下、法人或其他组织3000元以下。")
    decision_number = forms.CharField(label="当场处罚决定书编号", max_length=80)
    decision_content = forms.CharField(label="违法事实及处罚依据", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=5000)
    officers = forms.Field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["officers"] = _officers_field(user)


# -- step forms (one per workflow step); ``case`` narrows the officers offered ----------------------
class StepForm(forms.Form):
    on = _d("日期")
    document_number = forms.CharField(label="文书编号", max_length=80, required=False)
    content = forms.CharField(label="文书内容/摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if "officers" in self.fields:
            self.fields["officers"] = _officers_field(user, case.organization, required=self.officers_required)
            self.order_fields(["on", "officers"])

    officers_required = True


class InvestigateForm(StepForm):
    officers = forms.Field()


class NotifyForm(StepForm):
    proposed_penalty = forms.CharField(label="拟处罚内容及事实、理由、依据", max_length=300)
    hearing_right = forms.BooleanField(label="告知听证权利（《行政处罚法》第六十三条情形）", required=False)
    officers = forms.Field()


class HearForm(StepForm):
    kind = forms.ChoiceField(label="陈述申辩/听证", choices=StatementKind.choices)
    requested_on = _d("要求听证日期", required=False)
    noticed_on = _d("听证通知日期", required=False)
    hearing_on = _d("听证日期", required=False)


class ReviewForm(forms.Form):
    on = _d("审核日期")
    reviewer = OfficerChoice(label="法制审核人员", queryset=Officer.objects.none(), to_field_name="code")
    conclusion = forms.ChoiceField(label="审核意见", choices=ReviewConclusion.choices)
    opinion = forms.CharField(label="法制审核意见", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    document_number = forms.CharField(label="法制审核意见书编号", max_length=80, required=False)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = scope(Officer.objects.filter(is_legal_reviewer=True), user)


class DiscussForm(forms.Form):
    on = _d("讨论日期")
    summary = forms.CharField(label="集体讨论意见", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    document_number = forms.CharField(label="集体讨论记录编号", max_length=80, required=False)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)


class DecideForm(forms.Form):
    on = _d("决定日期")
    decision_number = forms.CharField(label="决定书文号", max_length=80)
    penalty_kind = forms.ChoiceField(label="处罚种类（行政处罚）", choices=[("", "—")] + PenaltyKind.choices, required=False)
    fine_amount = forms.DecimalField(label="罚款金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2)
    confiscation_amount = forms.DecimalField(label="没收金额（元）", required=False, min_value=0, max_digits=14,
                                             decimal_places=2)
    decision_content = forms.CharField(label="决定内容", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=5000)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)


class ServeForm(StepForm):
    officers = forms.Field()
    officers_required = False


class ExecuteForm(StepForm):
    paid_amount = forms.DecimalField(label="实缴金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2)


class ArchiveForm(forms.Form):
    on = _d("归档日期")
    archive_number = forms.CharField(label="档案号", max_length=60)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)


class ExtendForm(forms.Form):
    approved_by = forms.CharField(label="批准人（行政机关负责人）", max_length=64)
    approved_on = _d("批准日期")
    reason = forms.CharField(label="延长理由", max_length=300)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=RemedyKind.choices)
    started_on = _d("开始日期")
    ended_on = _d("终结日期", required=False)

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)


class OnForm(forms.Form):
    on = _d("日期")

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)


class RevokeForm(OnForm):
    reason = forms.CharField(label="撤销/变更理由", max_length=300)


# ------------------------------------------------------------------------------------------ 双随机 / 评查
class DrawForm(OrgScopedForm):
    organization = forms.Field()
    title = forms.CharField(label="抽查任务", max_length=200)
    item = forms.ModelChoiceField(label="抽查事项", queryset=EnforcementItem.objects.none(), to_field_name="code",
                                  required=False)
    drawn_on = _d("抽取日期")
    target_count = forms.IntegerField(label="抽取对象数", min_value=1, max_value=10000)
    officers_per_target = forms.IntegerField(label="每个对象执法人员数", min_value=2, max_value=10, initial=2)
    seed = forms.CharField(label="随机种子", max_length=64, required=False, help_text="不填则随机生成并记录")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["item"].queryset = scope(EnforcementItem.objects.filter(random_inspection=True), user)


class OpenInspectionsForm(forms.Form):
    filed_on = _d("检查日期")


class ScoreForm(forms.Form):
    reviewer_org = forms.Field()
    on = _d("评查日期")
    comment = forms.CharField(label="评查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, user, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer_org"] = _org_field(user, "评查人单位")
        for it in review.campaign.rubric.items.all():
            if it.kind == "veto":
                self.fields[f"veto_{it.seq}"] = forms.BooleanField(label=f"【否决】{it.text}", required=False)
            else:
                self.fields[f"deduct_{it.seq}"] = forms.DecimalField(
                    label=f"{it.text}（最多扣 {it.points} 分）", required=False, min_value=0, max_value=it.points,
                    max_digits=5, decimal_places=1)

    def vetoes(self):
        return [int(k[5:]) for k, v in self.cleaned_data.items() if k.startswith("veto_") and v]

    def deductions(self):
        return {int(k[7:]): v for k, v in self.cleaned_data.items() if k.startswith("deduct_") and v}
