"""Forms of the 行政规范性文件 pages (validation only; the services write).

The small field helpers (date_field, text, choice) are the decisions module's, reused rather than copied."""
from __future__ import annotations

from django import forms

from fazhi.core.forms import OrgChoiceField
from fazhi.decisions.forms import choice, date_field, text
from fazhi.normdocs.choices import (
    DocClass,
    DocState,
    EvaluationConclusion,
    FlagKind,
    LegalityConclusion,
    Outcome,
)


class DocForm(forms.Form):
    organization = OrgChoiceField(label="起草单位", queryset=None, empty_label="请选择单位",
                                  error_messages={"required": "请选择单位。",
                                                  "invalid_choice": "所选单位无效或您没有该单位的权限。"})
    title = text("文件名称", max_length=200)
    issuer = text("制定机关", max_length=100)
    doc_number = text("发文字号", required=False, max_length=60,
                      help_text="印发时填写，如“同政发〔2021〕12号”；可稍后在集体审议环节填写。")
    drafted_on = date_field("起草日期")
    concerns_market = forms.BooleanField(label="与市场主体生产经营活动密切相关（征求意见不少于30日）", required=False)
    legal_basis = text("制定依据", required=False, max_length=2000, area=True)
    text = forms.CharField(label="正文", required=False, max_length=200_000, widget=forms.Textarea(attrs={"rows": 12}),
                           error_messages={"max_length": "正文过长。"})

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
            if len(organizations) == 1 and not self.is_bound:
                self.initial.setdefault("organization", organizations[0].code)


class FilterForm(forms.Form):
    q = forms.CharField(label="全文检索", required=False, max_length=100)
    state = choice("状态", DocState.choices, required=False, blank="全部")
    year = forms.IntegerField(label="年度", required=False, min_value=1983, max_value=2100,
                              error_messages={"invalid": "请输入有效年度。", "min_value": "年度无效。", "max_value": "年度无效。"})


class EvaluateDraftForm(forms.Form):
    on = date_field("评估论证日期")
    summary = text("评估论证情况", max_length=2000, area=True)


class OpenCommentForm(forms.Form):
    opens_on = date_field("征求意见开始日期")


class SubmitLegalityForm(forms.Form):
    closed_on = date_field("征求意见结束日期")
    summary = text("征求意见及采纳情况", max_length=2000, area=True)
    submitted_on = date_field("送审日期")


class LegalityForm(forms.Form):
    on = date_field("审核完成日期")
    reviewer = forms.ModelChoiceField(label="法制审核员", queryset=None, empty_label="请选择",
                                      error_messages={"required": "请选择法制审核员。", "invalid_choice": "法制审核员无效。"})
    conclusion = choice("审核结论", LegalityConclusion.choices)
    opinion = text("书面审核意见", max_length=3000, area=True)
    urgent_reason = text("紧急情形说明（审核少于5个工作日时填写）", required=False)

    def __init__(self, *args, reviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda u: u.display_name if hasattr(u, "display_name") else str(u)


class DeliberateForm(forms.Form):
    on = date_field("审议日期")
    meeting = text("审议会议", max_length=100)
    adopted = forms.TypedChoiceField(label="审议结果", choices=[("1", "审议通过（统一登记、编号、印发）"), ("0", "审议未通过")],
                                     coerce=lambda v: v == "1", error_messages={"required": "请选择审议结果。"})
    doc_number = text("发文字号", required=False, max_length=60)
    printed_on = date_field("印发日期", required=False)


class PublishForm(forms.Form):
    on = date_field("公布日期")
    channel = text("公布载体", max_length=100)
    effective_on = date_field("施行日期", required=False)
    validity_years = forms.IntegerField(label="有效期（年，默认按期限规则 normdoc.validity）", required=False, min_value=1,
                                        max_value=10, error_messages={"invalid": "请输入整数。", "min_value": "有效期至少1年。",
                                                                      "max_value": "有效期最多10年。"})


class FileForm(forms.Form):
    gov_on = date_field("报上级政府备案日期", required=False)
    gov_ref = text("上级政府备案号", required=False, max_length=60)
    npc_on = date_field("报县人大常委会备案日期", required=False)
    npc_ref = text("人大备案号", required=False, max_length=60)


class ForceForm(forms.Form):
    on = date_field("生效日期")


class EvaluateForm(forms.Form):
    on = date_field("评估日期")
    conclusion = choice("评估结论", EvaluationConclusion.choices)
    report = text("评估报告", max_length=3000, area=True)


class EndForm(forms.Form):
    how = choice("处理", [("amend", "已修改"), ("repeal", "已废止"), ("lapse", "已失效（有效期届满）")])
    on = date_field("日期")
    reason = text("理由", max_length=300)


STEP_FORMS = {"evaluate_draft": EvaluateDraftForm, "open_comment": OpenCommentForm, "submit_legality": SubmitLegalityForm,
              "legality": LegalityForm, "deliberate": DeliberateForm, "publish": PublishForm, "file": FileForm,
              "force": ForceForm, "evaluate": EvaluateForm, "end": EndForm}


# -- cleanup --------------------------------------------------------------------------------------

class CampaignForm(forms.Form):
    organization = OrgChoiceField(label="牵头单位", queryset=None, empty_label="请选择单位",
                                  error_messages={"required": "请选择单位。", "invalid_choice": "所选单位无效或您没有该单位的权限。"})
    year = forms.IntegerField(label="年度", min_value=1983, max_value=2100,
                              error_messages={"required": "请填写年度。", "invalid": "请输入有效年度。",
                                              "min_value": "年度无效。", "max_value": "年度无效。"})
    title = text("清理工作名称", max_length=150)
    basis = text("清理依据", required=False)
    corpus_since = forms.IntegerField(label="清理范围起始年份", initial=1983, min_value=1949, max_value=2100,
                                      error_messages={"required": "请填写起始年份。", "invalid": "请输入有效年份。",
                                                      "min_value": "年份无效。", "max_value": "年份无效。"})
    started_on = date_field("开始日期", required=False)
    finished_on = date_field("完成日期", required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class PublishResultsForm(forms.Form):
    on = date_field("公布日期")


class CriterionForm(forms.Form):
    text = text("清理标准", max_length=300)
    suggests = choice("对应处理", [c for c in Outcome.choices if c[0]], required=False, blank="（不限）")


class CorpusFilterForm(forms.Form):
    q = forms.CharField(label="标题包含", required=False, max_length=100)
    doc_class = choice("清理类别", [("none", "未分类"), ("policy", "政策性文件"), ("normative", "规范性文件")],
                       required=False, blank="全部")
    outcome = choice("清理结果", [("none", "未处理"), *[c for c in Outcome.choices if c[0]]], required=False, blank="全部")
    flag = choice("初筛提示", [("any", "有初筛提示"), *FlagKind.choices],
                  required=False, blank="全部")


class ReviewForm(forms.Form):
    doc_class = choice("清理类别", [c for c in DocClass.choices if c[0]])
    outcome = choice("清理结果", [c for c in Outcome.choices if c[0]])
    criterion = forms.ModelChoiceField(label="适用清理标准", queryset=None, required=False, empty_label="（无）",
                                       error_messages={"invalid_choice": "清理标准无效。"})
    reason = text("清理理由", max_length=300, area=True)
    reviewed_on = date_field("审查日期")

    def __init__(self, *args, criteria=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=100)
    kind = choice("范围", [("doc", "规范性文件登记"), ("corpus", "清理文件库")], required=False, blank="全部")
    state = choice("状态", DocState.choices, required=False, blank="全部")
    year = forms.IntegerField(label="年度", required=False, min_value=1949, max_value=2100,
                              error_messages={"invalid": "请输入有效年度。", "min_value": "年度无效。", "max_value": "年度无效。"})
    organization = forms.UUIDField(label="单位", required=False, error_messages={"invalid": "单位无效。"},
                                   widget=forms.HiddenInput)
