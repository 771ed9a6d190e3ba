"""Staff pages of 行政执法: validate (Form) → scoped fetch → one service call → respond."""
from __future__ import annotations


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from fazhi.core.viewutils import page as _page, posted as _post, request_id as _rid
from fazhi.core.forms import apply_validation_error
from fazhi.core.indicators import year_bounds
from fazhi.core.models import Deadline
from fazhi.core.scoping import can_write, writable_orgs
from fazhi.core.workyear import working_year

from . import dossier, rules
from . import forms as F
from . import selectors as S
from . import services as sv
from .choices import CaseState, Category, Procedure, ReviewConclusion

ST = CaseState


def _year(request) -> int:
    form = F.YearForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"]
    return working_year()


def _form_page(request, form, *, title, back_url, intro="", status=None):
    return render(request, "enforcement/form.html", {"form": form, "title": title, "back_url": back_url,
                                                     "intro": intro}, status=status or (400 if form.errors else 200))


def _can_create(user) -> bool:
    return writable_orgs(user).exists()


# ---------------------------------------------------------------------------------------------- overview
@login_required
@require_safe
def index(request):
    year = _year(request)
    start, end = year_bounds(year)
    qs = S.cases(request.user).filter(filed_on__range=(start, end))
    stats = S.statistics(qs, min(timezone.localdate(), end))
    return render(request, "enforcement/index.html", {
        "year": year, "stats": stats,
        "officers_new": S.officers(request.user).filter(first_certified_on__range=(start, end)).count(),
        "officers": S.officers(request.user).filter(status="active").count(),
        "bodies": S.bodies(request.user).count(),
        "offices": S.bodies(request.user).filter(kind="township_office").count(),
        "lists": S.lists(request.user).filter(published_on__range=(start, end)).count(),
        "plans": S.plans(request.user).filter(issued_on__range=(start, end)).count(),
        "can_write": _can_create(request.user),
    })


# ---------------------------------------------------------------------------------------------- registries
REGISTRIES = {
    # key: (title, selector, form, service, instance kwarg, columns [(label, attr)])
    "body": ("执法主体", S.bodies, F.BodyForm, sv.body_save, "body",
             [("执法主体", "name"), ("类别", "get_kind_display"), ("所属单位", "organization"), ("职权来源", "legal_basis")]),
    "officer": ("执法人员", S.officers, F.OfficerForm, sv.officer_save, "officer",
                [("姓名", "name"), ("执法证号", "cert_no"), ("所属单位", "organization"), ("执法领域", "field"),
                 ("有效期至", "expires_on"), ("状态", "get_status_display"), ("培训学时", "training_hours")]),
    "item": ("执法事项清单", S.items, F.ItemForm, sv.item_save, "item",
             [("执法事项", "name"), ("类别", "get_category_display"), ("实施主体", "body"), ("职权编码", "power_code"),
              ("重大执法决定法制审核目录", "major_review")]),
    "list": ("执法清单", S.lists, F.ListForm, sv.list_save, "enforcement_list",
             [("清单名称", "title"), ("类别", "get_kind_display"), ("年度", "year"), ("公布日期", "published_on"),
              ("所属单位", "organization")]),
    "plan": ("乡镇综合执法工作方案", S.plans, F.PlanForm, sv.plan_save, "plan",
             [("方案名称", "title"), ("文号", "doc_number"), ("印发日期", "issued_on"), ("所属单位", "organization")]),
    "target": ("检查对象名录库", S.targets, F.TargetForm, sv.target_save, "target",
               [("检查对象", "name"), ("统一社会信用代码", "credit_code"), ("行业类别", "category"), ("所属单位", "organization")]),
}
GETTERS = {"body": S.body, "officer": S.officer, "item": S.item, "list": S.enforcement_list, "plan": S.plan}


def _registry_list(request, key):
    title, selector, _form, _svc, _kw, columns = REGISTRIES[key]
    qs = selector(request.user)
    q = (request.GET.get("q") or "").replace("\x00", "").strip()[:50]
    if q and key == "officer":
        qs = S.officers(request.user, q=q)
    page = _page(request, qs)
    rows = []
    for obj in page:
        cells = []
        for _label, attr in columns:
            v = getattr(obj, attr)
            v = v() if callable(v) else v
            cells.append("是" if v is True else ("否" if v is False else v))
        rows.append((obj, cells))
    return render(request, "enforcement/registry_list.html", {
        "key": key, "title": title, "columns": [c[0] for c in columns], "rows": rows, "page": page, "q": q,
        "can_create": _can_create(request.user), "create_url": reverse(f"enforcement:{key}_create"),
        "editable": key in GETTERS, "export": {"officer": "enforcement_officers"}.get(key)})


def _registry_form(request, key, code=None):
    title, _sel, form_class, service, kw, _cols = REGISTRIES[key]
    obj = GETTERS[key](request.user, code, write=True) if code else None
    if obj is None and not _can_create(request.user):
        raise PermissionDenied("您没有登记权限。")
    initial = None
    if obj is not None:
        initial = {f: getattr(obj, f) for f in form_class.base_fields if hasattr(obj, f)}
        for f in ("organization", "body"):
            if initial.get(f) is not None:
                initial[f] = initial[f].code
    form = form_class(_post(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, request_id=_rid(request), **({kw: obj} if obj else {}), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已保存{title}。")
            return redirect(f"enforcement:{key}_list")
    return _form_page(request, form, title=f"{'修改' if obj else '登记'}{title}", back_url=reverse(f"enforcement:{key}_list"))


def _make_registry_views(key):
    @login_required
    @require_safe
    def list_view(request):
        return _registry_list(request, key)

    @login_required
    @require_http_methods(["GET", "POST"])
    def create_view(request):
        return _registry_form(request, key)

    @login_required
    @require_http_methods(["GET", "POST"])
    def edit_view(request, code):
        return _registry_form(request, key, code)

    return list_view, create_view, edit_view


body_list, body_create, body_edit = _make_registry_views("body")
officer_list, officer_create, officer_edit = _make_registry_views("officer")
item_list, item_create, item_edit = _make_registry_views("item")
list_list, list_create, list_edit = _make_registry_views("list")
plan_list, plan_create, plan_edit = _make_registry_views("plan")
target_list, target_create, _unused = _make_registry_views("target")


# ---------------------------------------------------------------------------------------------- cases
@login_required
@require_safe
def case_list(request):
    f = F.CaseFilterForm(request.GET or None)
    d = f.cleaned_data if f.is_valid() else {}
    qs = S.cases(request.user, q=d.get("q") or "", kind=d.get("kind") or "", state=d.get("state") or "",
                 year=d.get("year"), overdue=bool(d.get("overdue")), today=timezone.localdate())
    return render(request, "enforcement/case_list.html", {"filters": f, "page": _page(request, qs),
                                                          "can_create": _can_create(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    if not _can_create(request.user):
        raise PermissionDenied("您没有立案权限。")
    form = F.CaseCreateForm(_post(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            case = sv.case_file(actor=request.user, request_id=_rid(request), **d)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已立案：{case.number}。" + (f"决定期限至 {case.decision_due:%Y年%m月%d日}。"
                                                                   if case.decision_due else ""))
            if case.limitation_note:
                messages.warning(request, case.limitation_note)
            return redirect("enforcement:case_detail", code=case.code)
    return _form_page(request, form, title="立案登记", back_url=reverse("enforcement:case_list"),
                      intro="行政处罚普通程序自立案之日起九十日内作出决定（《行政处罚法》第六十条）；立案时检查追责时效（第三十六条）。")


@login_required
@require_http_methods(["GET", "POST"])
def case_simple_create(request):
    if not _can_create(request.user):
        raise PermissionDenied("您没有登记权限。")
    form = F.SimpleCaseForm(_post(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = sv.case_simple(actor=request.user, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已登记当场处罚：{case.decision_number}。")
            return redirect("enforcement:case_detail", code=case.code)
    return _form_page(request, form, title="简易程序（当场处罚）", back_url=reverse("enforcement:case_list"),
                      intro="违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的，"
                            "可以当场作出行政处罚决定（《行政处罚法》第五十一条）。")


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, code):
    case = S.case(request.user, code, write=True)
    fields = F.CaseEditForm.base_fields
    form = F.CaseEditForm(_post(request), initial={k: getattr(case, k) for k in fields})
    if request.method == "POST" and form.is_valid():
        try:
            sv.case_update(actor=request.user, case=case, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已修改案件信息。")
            return redirect("enforcement:case_detail", code=case.code)
    return _form_page(request, form, title=f"修改案件信息：{case}", back_url=sv.case_url(case))


STEP_ACTIONS = {
    "investigate": ("调查取证", F.InvestigateForm, sv.case_investigate),
    "examine": ("审查（调查终结）", F.StepForm, sv.case_examine),
    "notify": ("告知（事先告知书）", F.NotifyForm, sv.case_notify),
    "hear": ("陈述申辩/听证", F.HearForm, sv.case_hear),
    "review": ("法制审核", F.ReviewForm, sv.case_legal_review),
    "discuss": ("集体讨论", F.DiscussForm, sv.case_discuss),
    "decide": ("作出决定", F.DecideForm, sv.case_decide),
    "serve": ("送达", F.ServeForm, sv.case_serve),
    "execute": ("执行", F.ExecuteForm, sv.case_execute),
    "close": ("结案", F.StepForm, sv.case_close),
    "archive": ("归档", F.ArchiveForm, sv.case_archive),
    "extend": ("延长办案期限", F.ExtendForm, sv.case_extend),
    "remedy": ("登记复议/诉讼", F.RemedyForm, sv.case_remedy),
    "publish": ("公示", F.OnForm, sv.case_publish),
    "revoke": ("撤销/变更决定", F.RevokeForm, sv.case_revoke),
    "withdraw": ("撤回公示信息", F.OnForm, sv.case_withdraw),
}


def case_actions(case) -> list[tuple[str, str]]:
    ordinary_penalty = case.kind == Category.PENALTY and case.procedure == Procedure.ORDINARY
    keys = {
        ST.FILED: ["investigate"] if ordinary_penalty else ["decide"],
        ST.INVESTIGATING: ["examine"], ST.EXAMINED: ["notify"], ST.NOTIFIED: ["hear"],
        ST.HEARD: ["review", "discuss", "decide"],
        ST.REVIEWED: (["review"] if case.review_conclusion == ReviewConclusion.PROBLEMS else ["discuss", "decide"]),
        ST.DISCUSSED: ["decide"],
        ST.DECIDED: ["serve"] if ordinary_penalty else ["close"] if case.kind != Category.PENALTY else ["serve", "close"],
        ST.SERVED: ["execute", "close"] if case.fine_amount else ["close"],
        ST.EXECUTED: ["close"], ST.CLOSED: ["archive"],
    }.get(case.state, [])
    keys = list(keys)
    if ordinary_penalty and not case.decided_on and not case.extension_approved_on:
        keys.append("extend")
    if case.decided_on:
        if not case.published_on:
            keys.append("publish")
        if not case.revoked_on:
            keys += ["remedy", "revoke"]
        elif case.published_on and not case.withdrawn_on:
            keys.append("withdraw")
    return [(k, STEP_ACTIONS[k][0]) for k in keys]


@login_required
@require_safe
def case_detail(request, code):
    case = S.case(request.user, code)
    today = timezone.localdate()
    surcharge = rules.case_surcharge(case, today) if case.payment_due else None
    deadlines = Deadline.objects.filter(target_type="enforcement.case", target_id=str(case.code)).select_related("rule") \
        .order_by("due_date")
    problems = []
    if case.state in (ST.HEARD, ST.REVIEWED, ST.DISCUSSED, ST.NOTIFIED):
        problems = rules.decide_problems(case, today)
    return render(request, "enforcement/case_detail.html", {
        "case": case, "obj": case, "steps": case.steps.prefetch_related("officers"), "officers": case.officers.all(),
        "can_write": can_write(request.user, case.organization), "actions": case_actions(case),
        "deadlines": deadlines, "surcharge": surcharge, "decide_problems": problems,
        "review_required": rules.review_required(case), "today": today,
        "pdf_available": dossier.pdf_available(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_step(request, code, step):
    if step not in STEP_ACTIONS:
        raise Http404("未找到该操作。")
    case = S.case(request.user, code, write=True)
    label, form_class, service = STEP_ACTIONS[step]
    form = form_class(_post(request), case=case, user=request.user)
    back = sv.case_url(case)
    if request.method == "POST" and form.is_valid():
        try:
            result = service(actor=request.user, case=case, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已办理：{label}。")
            for warning in getattr(result, "credit_warnings", []):
                messages.warning(request, warning + "（请补登单位统一社会信用代码后在“双公示”中补报）")
            return redirect(back)
    intro = ""
    if step == "decide":
        problems = rules.decide_problems(case, timezone.localdate())
        intro = "；".join(problems)
    return render(request, "enforcement/form.html", {"form": form, "title": f"{label}：{case}", "back_url": back,
                                                     "intro": intro, "case": case},
                  status=400 if form.errors else 200)


@login_required
@require_safe
def case_dossier(request, code):
    case = S.case(request.user, code)
    fmt = request.GET.get("format", "pdf")
    if fmt == "docx":
        data = dossier.dossier_docx(case)
        resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''dossier-{case.code}.docx"
        return resp
    pdf = dossier.dossier_pdf(case)
    if pdf is None:
        messages.error(request, "服务器未安装 LibreOffice，无法生成 PDF 卷宗；请下载 Word 版卷宗。")
        return redirect("enforcement:case_detail", code=case.code)
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''dossier-{case.code}.pdf"
    return resp


# ---------------------------------------------------------------------------------------------- 双随机
@login_required
@require_safe
def draw_list(request):
    return render(request, "enforcement/draw_list.html", {"page": _page(request, S.draws(request.user)),
                                                          "can_create": _can_create(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def draw_create(request):
    if not _can_create(request.user):
        raise PermissionDenied("您没有抽查权限。")
    form = F.DrawForm(_post(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            draw = sv.draw_random(actor=request.user, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已抽取，随机种子 {draw.seed}。")
            return redirect("enforcement:draw_detail", code=draw.code)
    return _form_page(request, form, title="双随机抽取", back_url=reverse("enforcement:draw_list"),
                      intro="从检查对象名录库随机抽取检查对象、从执法人员名录库随机选派执法检查人员，记录随机种子，任何人可复核。")


@login_required
@require_http_methods(["GET", "POST"])
def draw_detail(request, code):
    draw = S.draw(request.user, code, write=request.method == "POST")
    form = F.OpenInspectionsForm(_post(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                cases = sv.draw_open_inspections(actor=request.user, draw=draw, request_id=_rid(request),
                                                 filed_on=form.cleaned_data["filed_on"])
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, f"已建立 {len(cases)} 件行政检查案件。")
                return redirect("enforcement:draw_detail", code=draw.code)
    from .models import InspectionTarget, Officer
    targets = {str(t.code): t for t in InspectionTarget.objects.filter(code__in=[r["target"] for r in draw.result])}
    officer_codes = {c for r in draw.result for c in r["officers"]}
    officers = {str(o.code): o for o in Officer.objects.filter(code__in=officer_codes)}
    rows = [(targets.get(r["target"]), [officers.get(c) for c in r["officers"]]) for r in draw.result]
    from .models import Case
    opened = Case.objects.filter(organization=draw.organization, number__startswith=str(draw.code).upper()[:8])
    return render(request, "enforcement/draw_detail.html", {
        "draw": draw, "obj": draw, "rows": rows, "verified": sv.draw_verify(draw), "form": form,
        "opened": opened, "can_write": can_write(request.user, draw.organization)},
        status=400 if form.errors else 200)


# ---------------------------------------------------------------------------------------------- 案卷评查
@login_required
@require_safe
def campaign_list(request):
    return render(request, "enforcement/campaign_list.html", {"campaigns": S.campaigns(request.user),
                                                              "rubrics": S.rubrics(request.user)})


@login_required
@require_safe
def campaign_detail(request, code):
    camp = S.campaign(request.user, code)
    reviews = camp.reviews.select_related("case__organization", "reviewer_org").order_by("case__organization__sort_order", "id")
    by_org: dict = {}
    for r in reviews:
        row = by_org.setdefault(r.case.organization.name, {"n": 0, "scored": 0, "sum": 0, "fail": 0})
        row["n"] += 1
        if r.score is not None:
            row["scored"] += 1
            row["sum"] += r.score
            row["fail"] += r.grade == "fail"
    results = [(k, v["n"], v["scored"], round(v["sum"] / v["scored"], 1) if v["scored"] else None, v["fail"])
               for k, v in by_org.items()]
    return render(request, "enforcement/campaign_detail.html", {"camp": camp, "obj": camp, "reviews": reviews,
                                                                "results": results})


@login_required
@require_http_methods(["GET", "POST"])
def review_score(request, code):
    rev = S.review(request.user, code, write=request.method == "POST")
    form = F.ScoreForm(_post(request), user=request.user, review=rev)
    back = reverse("enforcement:campaign_detail", args=[rev.campaign.code])
    if request.method == "POST" and form.is_valid():
        try:
            sv.review_score(actor=request.user, review=rev, reviewer_org=form.cleaned_data["reviewer_org"],
                            vetoes=form.vetoes(), deductions=form.deductions(), on=form.cleaned_data["on"],
                            comment=form.cleaned_data["comment"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已评查打分。")
            return redirect(back)
    return _form_page(request, form, title=f"案卷评查：{rev.case}", back_url=back,
                      intro="任一否决项成立，该案卷为0分、不合格；其余按扣分项扣分。≥90分优秀，60–89分合格，<60分不合格。")


# ---------------------------------------------------------------------------------------------- statistics
@login_required
@require_safe
def stats(request):
    year = _year(request)
    start, end = year_bounds(year)
    qs = S.cases(request.user).filter(filed_on__range=(start, end))
    return render(request, "enforcement/stats.html", {"year": year, "as_of": min(timezone.localdate(), end),
                                                      "stats": S.statistics(qs, min(timezone.localdate(), end))})


