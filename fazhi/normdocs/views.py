"""Staff pages of 行政规范性文件: validate (form) → scoped fetch → one service call → respond."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from fazhi.core.choices import Role
from fazhi.core.forms import apply_validation_error
from fazhi.core.models import User
from fazhi.core.scoping import _county_region_path, can_write, writable_orgs
from fazhi.core.viewutils import page as _page
from fazhi.core.viewutils import query_without_page as _query
from fazhi.core.viewutils import request_id as _rid
from fazhi.core.viewutils import try_service as _try
from fazhi.core.viewutils import writable_orgs_or_403
from fazhi.normdocs import forms as f
from fazhi.normdocs import selectors as sel
from fazhi.normdocs import services as sv
from fazhi.normdocs.choices import DocState as S
from fazhi.normdocs.choices import FlagKind
from fazhi.normdocs.lifecycle import lifecycle_steps
from fazhi.normdocs.models import Flag


def _orgs_or_403(user):
    return writable_orgs_or_403(user, "您没有办理行政规范性文件事项的权限。")


def _form_page(request, form, *, title, crumbs, cancel, cancel_args=(), intro=""):
    return render(request, "normdocs/form.html", {"form": form, "title": title, "crumbs": crumbs, "cancel": cancel,
                                                   "cancel_args": cancel_args, "intro": intro},
                  status=400 if form.errors else 200)


# -- registry ---------------------------------------------------------------------------------------

@login_required
@require_safe
def doc_list(request):
    filters = f.FilterForm(request.GET or None)
    qs = sel.docs(request.user)
    hits = None
    if filters.is_valid():
        d = filters.cleaned_data
        if d["state"]:
            qs = qs.filter(state=d["state"])
        if d["year"]:
            qs = qs.filter(Q(published_on__year=d["year"]) | Q(published_on__isnull=True, drafted_on__year=d["year"]))
        if d["q"]:
            total, rows, _terms = sel.search_records(request.user, d["q"], kinds=(sel.KIND_DOC,), status=d["state"] or None,
                                                     year=None, limit=200)
            ids = [o.id for o, *_ in rows]
            hits = {o.id: snip for o, _r, snip, _k in rows}
            qs = qs.filter(id__in=ids)
    page = _page(request, qs)
    if hits is not None:
        page.object_list = sorted(page.object_list, key=lambda o: list(hits).index(o.id))
        for o in page.object_list:
            o.snippet = hits.get(o.id)
    return render(request, "normdocs/doc_list.html", {
        "page": page, "filters": filters, "query": _query(request), "can_create": writable_orgs(request.user).exists()})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def doc_create(request):
    orgs = _orgs_or_403(request.user)
    form = f.DocForm(request.POST or None, organizations=orgs, initial={"drafted_on": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.normdoc_create(actor=request.user, request_id=_rid(request), **form.cleaned_data))
        if obj:
            messages.success(request, "已登记文件草案。")
            return redirect("normdocs:doc_detail", code=obj.code)
    return _form_page(request, form, title="起草行政规范性文件", crumbs=[("行政规范性文件", "normdocs:doc_list")],
                      cancel="normdocs:doc_list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def doc_edit(request, code):
    d = sel.doc(request.user, code, write=True)
    form = f.DocForm(request.POST or None, initial={k: getattr(d, k) for k in sv.DOC_EDITABLE})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: sv.normdoc_update(actor=request.user, doc=d, data=form.cleaned_data,
                                                request_id=_rid(request))):
            messages.success(request, "已保存。")
            return redirect("normdocs:doc_detail", code=d.code)
    return _form_page(request, form, title=f"修改：{d.title}", crumbs=[("行政规范性文件", "normdocs:doc_list")],
                      cancel="normdocs:doc_detail", cancel_args=(d.code,),
                      intro="送合法性审核后，正文和基本信息不能再修改（115号二（七））；发文字号可以更正。")


def reviewers_for(doc):
    return User.objects.filter(memberships__role=Role.REVIEWER, is_active=True,
                               memberships__organization__region__path__startswith=_county_region_path(doc.organization)
                               ).distinct().order_by("username")


def _step_forms(doc, data=None, step=None):
    today = datetime.date.today()
    out = {}
    for name, cls in f.STEP_FORMS.items():
        kw = {"prefix": name}
        if name == "legality":
            kw["reviewers"] = reviewers_for(doc)
            kw["initial"] = {"on": today}
        elif name == "open_comment":
            kw["initial"] = {"opens_on": today}
        elif name == "submit_legality":
            kw["initial"] = {"closed_on": doc.comment_min_close_on or today, "submitted_on": doc.comment_min_close_on or today}
        elif name == "deliberate":
            kw["initial"] = {"on": today, "doc_number": doc.doc_number, "adopted": "1"}
        elif name == "publish":
            kw["initial"] = {"on": today, "channel": "同心县人民政府网站", "validity_years": sv.default_validity_years()}
        elif name in ("evaluate_draft", "force", "evaluate", "end"):
            kw["initial"] = {"on": today}
        out[name] = cls(data if step == name else None, **kw)
    return out


def shown_steps(d) -> set[str]:
    """The step forms doc_detail.html shows for ``d``'s state (keep in step with the template)."""
    by_state = {S.DRAFTING: {"evaluate_draft", "open_comment"}, S.CONSULTING: {"submit_legality"},
                S.LEGALITY: {"legality"}, S.DELIBERATION: {"deliberate"}, S.REGISTERED: {"publish"},
                S.PUBLISHED: {"file", "force", "end"}, S.FILED: {"force", "end"}, S.IN_FORCE: {"evaluate", "end"}}
    out = set(by_state.get(d.state, set()))
    if d.state == S.IN_FORCE and not (d.filed_gov_on and d.filed_npc_on):
        out.add("file")
    return out


def _detail(request, d, forms, status=200):
    from fazhi.core.models import Deadline
    deadlines = Deadline.objects.filter(target_type=d._meta.label_lower, target_id=str(d.code)).select_related("rule")
    return render(request, "normdocs/doc_detail.html", {
        "d": d, "forms": forms, "S": S, "can_edit": can_write(request.user, d.organization), "steps": lifecycle_steps(d),
        "shown": shown_steps(d), "deadlines": deadlines, "timely": sv.is_filed_timely(d),
        "eval_opens": sv.evaluation_window_opens(d), "comments": d.comments.all(),
        "problems": d.problems_deliberate() if d.state == S.DELIBERATION else [],
    }, status=status)


@login_required
@require_safe
def doc_detail(request, code):
    d = sel.doc(request.user, code)
    return _detail(request, d, _step_forms(d))


def _run_step(user, d, step, c, rid):
    a = dict(actor=user, doc=d, request_id=rid)
    if step == "evaluate_draft":
        sv.normdoc_evaluate_draft(**a, **c)
    elif step == "open_comment":
        sv.normdoc_open_comment(**a, **c)
    elif step == "submit_legality":
        sv.normdoc_submit_legality(**a, **c)
    elif step == "legality":
        sv.normdoc_conclude_legality(**a, **c)
    elif step == "deliberate":
        sv.normdoc_deliberate(**a, **c)
    elif step == "publish":
        sv.normdoc_publish(**a, **c)
    elif step == "file":
        sv.normdoc_file(**a, **c)
    elif step == "force":
        sv.normdoc_enter_force(**a, **c)
    elif step == "evaluate":
        sv.normdoc_evaluate(**a, **c)
    elif step == "end":
        sv.normdoc_end(**a, **c)


@login_required
@require_POST
def doc_step(request, code, step):
    d = sel.doc(request.user, code, write=True)
    if step not in f.STEP_FORMS:
        raise Http404("未找到该操作。")
    forms = _step_forms(d, request.POST, step)
    form = forms[step]
    if form.is_valid():
        try:
            _run_step(request.user, d, step, form.cleaned_data, _rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
            if step not in shown_steps(d):
                messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已保存。")
            return redirect("normdocs:doc_detail", code=d.code)
    d.refresh_from_db()
    return _detail(request, d, forms, status=400)


@login_required
@require_safe
def search_page(request):
    form = f.SearchForm(request.GET or None)
    total, rows, q, page_no = 0, [], "", 1
    if form.is_valid() and form.cleaned_data["q"]:
        d = form.cleaned_data
        q = d["q"]
        kinds = {"doc": (sel.KIND_DOC,), "corpus": (sel.KIND_CORPUS,)}.get(d["kind"], (sel.KIND_DOC, sel.KIND_CORPUS))
        page_no = max(1, min(int(request.GET.get("page", "1")) if request.GET.get("page", "1").isdigit() else 1, 500))
        total, rows, _t = sel.search_records(request.user, q, kinds=kinds, status=d["state"] or None, year=d["year"],
                                             org_code=d["organization"], limit=20, offset=(page_no - 1) * 20)
    return render(request, "normdocs/search.html", {
        "form": form, "total": total, "rows": rows, "q": q, "query": _query(request), "page_no": page_no,
        "prev": page_no - 1 if page_no > 1 else None, "next": page_no + 1 if page_no * 20 < min(total, 10000) else None,
        "first": (page_no - 1) * 20 + 1})


# -- cleanup --------------------------------------------------------------------------------------

@login_required
@require_safe
def campaign_list(request):
    return render(request, "normdocs/campaign_list.html", {
        "page": _page(request, sel.campaigns(request.user)), "can_create": writable_orgs(request.user).exists()})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_create(request):
    orgs = _orgs_or_403(request.user)
    form = f.CampaignForm(request.POST or None, organizations=orgs, initial={"corpus_since": 1983})
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.campaign_create(actor=request.user, request_id=_rid(request), **form.cleaned_data))
        if obj:
            messages.success(request, "已建立清理工作，请录入清理标准并导入文件。")
            return redirect("normdocs:campaign_detail", code=obj.code)
    return _form_page(request, form, title="建立文件清理工作", crumbs=[("文件清理", "normdocs:campaign_list")],
                      cancel="normdocs:campaign_list")


def _campaign_page(request, c, criterion_form=None, status=200, publish_form=None):
    from django.db.models import Count
    funnel = sel.funnel(c)
    flag_counts = list(Flag.objects.filter(
        doc__campaign=c, dismissed=False).values("kind").annotate(n=Count("id")).order_by("kind"))
    labels = dict(FlagKind.choices)
    for row in flag_counts:
        row["label"] = labels.get(row["kind"], row["kind"])
    return render(request, "normdocs/campaign_detail.html", {
        "c": c, "funnel": funnel, "summary": sel.summary_text(c, funnel), "criteria": c.criteria.all(),
        "flag_counts": flag_counts, "can_edit": can_write(request.user, c.organization),
        "criterion_form": criterion_form or f.CriterionForm(),
        "publish_form": publish_form or f.PublishResultsForm()}, status=status)


@login_required
@require_safe
def campaign_detail(request, code):
    return _campaign_page(request, sel.campaign(request.user, code))


@login_required
@require_POST
def criterion_add(request, code):
    c = sel.campaign(request.user, code, write=True)
    form = f.CriterionForm(request.POST)
    if form.is_valid() and _try(form, lambda: sv.criterion_add(actor=request.user, campaign=c, request_id=_rid(request),
                                                               **form.cleaned_data)):
        messages.success(request, "已增加清理标准。")
        return redirect("normdocs:campaign_detail", code=c.code)
    return _campaign_page(request, c, criterion_form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def criterion_edit(request, code):
    cr = sel.criterion(request.user, code, write=True)
    form = f.CriterionForm(request.POST or None, initial={"text": cr.text, "suggests": cr.suggests})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: sv.criterion_update(actor=request.user, criterion=cr, request_id=_rid(request),
                                                  **form.cleaned_data)):
            messages.success(request, "已保存清理标准。")
            return redirect("normdocs:campaign_detail", code=cr.campaign.code)
    return _form_page(request, form, title=f"修改清理标准 {cr.seq}", crumbs=[("文件清理", "normdocs:campaign_list")],
                      cancel="normdocs:campaign_detail", cancel_args=(cr.campaign.code,))


@login_required
@require_POST
def campaign_screen(request, code):
    c = sel.campaign(request.user, code, write=True)
    try:
        counts = sv.screen_campaign(actor=request.user, campaign=c, request_id=_rid(request))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"自动初筛完成，提出 {sum(counts.values())} 条提示（仅供审查参考，不作结论）。")
    return redirect("normdocs:campaign_detail", code=c.code)


@login_required
@require_POST
def campaign_publish_results(request, code):
    c = sel.campaign(request.user, code, write=True)
    form = f.PublishResultsForm(request.POST)
    if form.is_valid() and _try(form, lambda: sv.campaign_publish_results(
            actor=request.user, campaign=c, on=form.cleaned_data["on"], request_id=_rid(request))):
        messages.success(request, "已公布清理结果，门户“文件清理结果”栏目可见。")
        return redirect("normdocs:campaign_detail", code=c.code)
    return _campaign_page(request, c, status=400, publish_form=form)


@login_required
@require_safe
def corpus_list(request, code):
    c = sel.campaign(request.user, code)
    filters = f.CorpusFilterForm(request.GET or None)
    qs = sel.corpus(request.user).filter(campaign=c)
    if filters.is_valid():
        d = filters.cleaned_data
        if d["q"]:
            qs = qs.filter(title__contains=d["q"])
        if d["doc_class"]:
            qs = qs.filter(doc_class="" if d["doc_class"] == "none" else d["doc_class"])
        if d["outcome"]:
            qs = qs.filter(outcome="" if d["outcome"] == "none" else d["outcome"])
        if d["flag"] == "any":
            qs = qs.filter(flags__dismissed=False).distinct()
        elif d["flag"]:
            qs = qs.filter(flags__kind=d["flag"], flags__dismissed=False).distinct()
    qs = qs.prefetch_related("flags").order_by("-issued_on", "-id")
    return render(request, "normdocs/corpus_list.html", {"c": c, "page": _page(request, qs), "filters": filters,
                                                          "query": _query(request)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def corpus_detail(request, code):
    d = sel.corpus_doc(request.user, code, write=request.method == "POST")
    criteria = d.campaign.criteria.all()
    form = f.ReviewForm(request.POST or None, criteria=criteria, initial={
        "doc_class": d.doc_class, "outcome": d.outcome, "criterion": d.criterion_id and d.criterion.pk,
        "reason": d.outcome_reason, "reviewed_on": d.reviewed_on or datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: sv.corpus_review(actor=request.user, doc=d, request_id=_rid(request), **form.cleaned_data)):
            messages.success(request, "已记录清理结果。")
            return redirect("normdocs:corpus_detail", code=d.code)
    return render(request, "normdocs/corpus_detail.html", {
        "d": d, "form": form, "flags": d.flags.all(), "can_edit": can_write(request.user, d.organization)},
        status=400 if form.errors else 200)


@login_required
@require_POST
def flag_dismiss(request, code):
    fl = sel.flag(request.user, code, write=True)
    sv.flag_dismiss(actor=request.user, flag=fl, request_id=_rid(request))
    messages.success(request, "已排除该提示。")
    return redirect("normdocs:corpus_detail", code=fl.doc.code)
