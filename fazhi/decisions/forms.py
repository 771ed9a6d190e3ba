"""Forms of the 重大行政决策 pages (validation only; the services write)."""
from __future__ import annotations

from django import forms

from fazhi.core.forms import OrgChoiceField
from fazhi.decisions.choices import (Adoption, AdviserKind, DecisionCategory, DecisionState, EvaluationTrigger,
                                     LegalityConclusion, MeetingKind, OpinionSubject, Outcome, RiskLevel, WorkKind)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, required=True, **kw):
    return forms.DateField(label=label, required=required, widget=DateInput(),
                           error_messages={"invalid": "请输入有效日期，如 2021-03-05。", "required": f"请填写{label}。"}, **kw)


def text(label, required=True, max_length=300, area=False, **kw):
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.Textarea(attrs={"rows": 3}) if area else None,
                           error_messages={"required": f"请填写{label}。",
                                           "max_length": f"{label}最多 {max_length} 个字。"}, **kw)


def choice(label, choices, required=True, blank="请选择"):
    return forms.ChoiceField(label=label, required=required, choices=[("", blank), *choices],
                             error_messages={"required": f"请选择{label}。", "invalid_choice": f"{label}无效。"})


class OrgFormMixin(forms.Form):
    organization = OrgChoiceField(label="决策机关/所属单位", queryset=None, empty_label="请选择单位",
                                  error_messages={"required": "请选择单位。",
                                                  "invalid_choice": "所选单位无效或您没有该单位的权限。"})

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations is not None and len(organizations) == 1 and not self.is_bound:
            self.initial.setdefault("organization", organizations[0].code)


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2019, max_value=2100,
                              error_messages={"invalid": "请输入有效年度。", "min_value": "年度不能早于2019年。",
                                              "max_value": "年度无效。"})


class CatalogForm(OrgFormMixin):
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100,
                              error_messages={"required": "请填写年度。", "invalid": "请输入有效年度。",
                                              "min_value": "年度不能早于2019年（条例自2019年9月1日施行）。",
                                              "max_value": "年度无效。"})
    title = text("目录名称", required=False, max_length=120)


class CatalogPublishForm(forms.Form):
    party_approved_on = date_field("党委同意日期", help_text="条例第三条第三款：经同级党委同意后向社会公布。")
    published_on = date_field("公布日期")


class ItemForm(forms.Form):
    title = text("决策事项", max_length=200)
    category = choice("事项类别", DecisionCategory.choices)
    deciding_organ = text("决策机关", max_length=100)
    undertaking_unit = text("承办单位", max_length=100)
    planned_start = date_field("计划启动时间", required=False)
    planned_finish = date_field("计划完成时间", required=False)
    notes = text("备注", required=False)
    changed_on = date_field("调整日期", required=False, help_text="目录已公布的，调整须填写日期和理由。")
    reason = text("调整理由", required=False)


class ItemRemoveForm(forms.Form):
    changed_on = date_field("调整日期")
    reason = text("调出理由")


class DecisionForm(OrgFormMixin):
    title = text("决策事项", max_length=200)
    category = choice("事项类别", DecisionCategory.choices)
    undertaking_unit = text("决策承办单位", max_length=100)
    started_on = date_field("启动日期")
    start_basis = text("启动依据", required=False)
    draft = text("决策草案", required=False, max_length=20000, area=True)
    concerns_market = forms.BooleanField(label="涉及市场主体经济活动（须公平竞争审查）", required=False)
    fair_competition_review = text("公平竞争审查意见", required=False, max_length=5000, area=True)


class DecisionEditForm(DecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organization", "started_on"):
            del self.fields[name]


class FilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=50)
    year = forms.IntegerField(label="年度", required=False, min_value=2019, max_value=2100,
                              error_messages={"invalid": "请输入有效年度。"})
    state = choice("程序环节", DecisionState.choices, required=False, blank="全部")


# -- procedure steps --------------------------------------------------------------------------------

class OpenConsultationForm(forms.Form):
    opens_on = date_field("征求意见开始（公布）日期")
    closes_on = date_field("截止日期", required=False, help_text="留空：自公布之次日起算30日（条例第十五条）。")
    shortened_reason = text("缩短期限的说明", required=False)


class SkipForm(forms.Form):
    step = forms.ChoiceField(label="免于履行的程序", choices=[("consultation", "公众参与"), ("expert", "专家论证"),
                                                          ("risk", "风险评估")],
                             error_messages={"invalid_choice": "合法性审查、集体讨论决定是必经程序，不能免于履行。"})
    reason = text("法定理由")


class CloseConsultationForm(forms.Form):
    on = date_field("采纳情况公布日期")
    summary = text("公众意见采纳情况", max_length=5000, area=True)


class HearingForm(forms.Form):
    held_on = date_field("听证日期")
    place = text("地点", max_length=100)
    announced_on = date_field("公布草案及听证时间地点日期")
    participants_published_on = date_field("公布听证参加人名单日期")
    papers_sent_on = date_field("听证材料送达日期", help_text="条例第十六条第三款：应当于召开听证会7日前送达。")
    participants = text("听证参加人", max_length=3000, area=True)
    record = text("听证会记录", max_length=20000, area=True)
    record_signed = forms.BooleanField(label="听证参加人已确认记录并签字", required=False)


class ExpertOpinionForm(forms.Form):
    expert = text("专家姓名", max_length=32)
    affiliation = text("工作单位/职称", required=False, max_length=100)
    opinion = text("论证意见", max_length=5000, area=True)
    given_on = date_field("出具日期")
    signed = forms.BooleanField(label="书面意见已签名", required=False, initial=True)
    adoption = choice("采纳情况", Adoption.choices[1:], required=False, blank="未处理")


class ExpertDoneForm(forms.Form):
    on = date_field("论证完成日期")
    adoption = text("专家意见采纳情况", max_length=5000, area=True)


class RiskForm(forms.Form):
    assessor = text("风险评估单位", max_length=100)
    report = text("风险评估报告", max_length=10000, area=True)
    level = choice("风险等级", RiskLevel.choices)
    on = date_field("完成日期")


class SubmitLegalityForm(forms.Form):
    on = date_field("送请合法性审查日期")


class LegalityForm(forms.Form):
    on = date_field("审查完成日期")
    reviewer = text("审查机构", max_length=100, initial="同心县司法局")
    adviser = forms.ModelChoiceField(label="参与审查的法律顾问/公职律师", queryset=None, to_field_name="code",
                                     required=False, empty_label="请选择",
                                     error_messages={"invalid_choice": "所选法律顾问无效。"})
    opinion = text("合法性审查意见", max_length=10000, area=True)
    conclusion = choice("审查结论", LegalityConclusion.choices)
    short_reason = text("审查时间少于7个工作日的说明", required=False)

    def __init__(self, *args, advisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers


class DecideForm(forms.Form):
    kind = choice("会议", MeetingKind.choices)
    name = text("会议名称", max_length=100)
    on = date_field("会议日期")
    outcome = choice("讨论结果", Outcome.choices)
    head_decision = text("行政首长决定", max_length=5000, area=True)
    differs_reason = text("与多数人意见不一致的理由", required=False)
    dissent = text("不同意见", required=False, max_length=5000, area=True)


class PartyForm(forms.Form):
    on = date_field("请示报告日期")
    reply = text("党委意见", required=False)


class PublishForm(forms.Form):
    on = date_field("公布日期")
    channel = text("公布渠道", max_length=100, initial="同心县人民政府网站")
    number = text("文号", required=False, max_length=60)


class NpcForm(forms.Form):
    on = date_field("备案日期")
    number = text("备案文号", required=False, max_length=60)


class ReportForm(forms.Form):
    on = date_field("报告日期")
    unit = text("执行单位", max_length=100)
    progress = text("执行情况", max_length=5000, area=True)
    problems = text("存在问题", required=False, max_length=5000, area=True)


class EvaluateForm(forms.Form):
    trigger = choice("后评估情形", EvaluationTrigger.choices)
    evaluator = text("评估单位", max_length=100)
    third_party = forms.BooleanField(label="委托第三方评估", required=False)
    report = text("后评估报告", max_length=10000, area=True)
    on = date_field("完成日期")


STEP_FORMS = {
    "open_consultation": OpenConsultationForm, "skip": SkipForm, "hearing": HearingForm, "close_consultation": CloseConsultationForm,
    "expert_opinion": ExpertOpinionForm, "expert_done": ExpertDoneForm, "risk": RiskForm,
    "submit_legality": SubmitLegalityForm, "legality": LegalityForm, "decide": DecideForm, "party": PartyForm,
    "publish": PublishForm, "npc": NpcForm, "report": ReportForm, "evaluate": EvaluateForm,
}


# -- comments, advisers -----------------------------------------------------------------------------

class ModerateForm(forms.Form):
    action = forms.ChoiceField(label="审核", choices=[("publish", "公开"), ("reject", "不予公开")],
                               error_messages={"required": "请选择审核结果。", "invalid_choice": "审核结果无效。"})
    reason = text("说明（不予公开须填写）", required=False)


class AdoptionForm(forms.Form):
    adoption = choice("采纳情况", Adoption.choices[1:])
    note = text("采纳说明", required=False)


class AdviserForm(OrgFormMixin):
    name = text("姓名", max_length=32)
    kind = choice("类别", AdviserKind.choices)
    employer = text("所在单位/律师事务所", required=False, max_length=100)
    license_no = text("执业证号/公职律师证号", required=False, max_length=40)
    contract_no = text("聘用合同编号", required=False, max_length=60)
    term_start = date_field("聘期开始", required=False)
    term_end = date_field("聘期结束", required=False)
    is_active = forms.BooleanField(label="在聘", required=False, initial=True)


class WorkForm(OrgFormMixin):
    adviser = forms.ModelChoiceField(label="法律顾问/公职律师", queryset=None, to_field_name="code", empty_label="请选择",
                                     error_messages={"required": "请选择法律顾问。", "invalid_choice": "所选法律顾问无效。"})
    kind = choice("工作类型", WorkKind.choices)
    on = date_field("日期")
    title = text("事项", max_length=200)
    subject_kind = choice("审核对象类别", OpinionSubject.choices, required=False, blank="（合法性审核意见填写）")
    decision = forms.ModelChoiceField(label="关联决策", queryset=None, to_field_name="code", required=False,
                                      empty_label="（审核对象为重大行政决策时选择）",
                                      error_messages={"invalid_choice": "所选决策无效。"})
    subject_ref = text("审核对象（名称/文号）", required=False, max_length=200)
    case_number = text("案号（代理诉讼）", required=False, max_length=60)
    content = text("意见/工作内容", required=False, max_length=5000, area=True)

    def __init__(self, *args, advisers=None, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers
        self.fields["decision"].queryset = decisions


class WorkFilterForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2019, max_value=2100,
                              error_messages={"invalid": "请输入有效年度。"})
    kind = choice("工作类型", WorkKind.choices, required=False, blank="全部")
