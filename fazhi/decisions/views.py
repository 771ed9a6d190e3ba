"""Staff pages of 重大行政决策: validate (form) → scoped fetch → one service call → respond."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from fazhi.core.choices import OrgKind
from fazhi.core.forms import apply_validation_error
from fazhi.core.scoping import can_write, writable_orgs
from fazhi.core.viewutils import page as _page
from fazhi.core.viewutils import query_without_page as _query
from fazhi.core.viewutils import request_id as _rid
from fazhi.core.viewutils import try_service as _try
from fazhi.core.viewutils import writable_orgs_or_403
from fazhi.decisions import forms as f
from fazhi.decisions import selectors as sel
from fazhi.decisions import services as sv
from fazhi.decisions.choices import CommentStatus
from fazhi.decisions.choices import DecisionState as S
from fazhi.decisions.procedure import procedure_steps


def _orgs_or_403(user):
    return writable_orgs_or_403(user, "您没有办理重大行政决策事项的权限。")


# 条例 第二条、第四十二条: 县级以上地方人民政府 decide; their departments and 乡级人民政府 follow the 条例.
DECIDING_KINDS = (OrgKind.GOVERNMENT, OrgKind.DEPARTMENT, OrgKind.TOWNSHIP)


def _deciding_orgs_or_403(user):
    """Organizations the user may open a catalog or a decision for: governments, departments, townships."""
    orgs = _orgs_or_403(user).filter(kind__in=DECIDING_KINDS)
    if not orgs.exists():
        raise PermissionDenied("重大行政决策由人民政府、政府部门和乡镇人民政府办理（条例第二条、第四十二条）。")
    return orgs


def _form_page(request, form, *, title, crumbs, cancel, cancel_args=(), status=None, intro=""):
    return render(request, "decisions/form.html", {"form": form, "title": title, "crumbs": crumbs,
                                                    "cancel": cancel, "cancel_args": cancel_args, "intro": intro},
                  status=status or (400 if form.errors else 200))


# -- catalogs ---------------------------------------------------------------------------------------

@login_required
@require_safe
def catalog_list(request):
    return render(request, "decisions/catalog_list.html", {
        "page": _page(request, sel.catalogs(request.user)), "can_create": writable_orgs(request.user).exists()})


@login_required
def catalog_create(request):
    orgs = _deciding_orgs_or_403(request.user)
    form = f.CatalogForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.catalog_create(actor=request.user, request_id=_rid(request), **form.cleaned_data))
        if obj:
            messages.success(request, f"已建立{obj.title}。")
            return redirect("decisions:catalog_detail", code=obj.code)
    return _form_page(request, form, title="编制年度决策事项目录", crumbs=[("决策事项目录", "decisions:catalog_list")],
                      cancel="decisions:catalog_list")


def _catalog_page(request, cat, *, item_form=None, publish_form=None, status=200):
    items = cat.items.all().select_related("decision")
    return render(request, "decisions/catalog_detail.html", {
        "cat": cat, "items": items, "changes": cat.changes.select_related("item"),
        "can_edit": can_write(request.user, cat.organization),
        "item_form": item_form or f.ItemForm(initial={"deciding_organ": cat.organization.name}),
        "publish_form": publish_form or f.CatalogPublishForm(),
    }, status=status)


@login_required
@require_safe
def catalog_detail(request, code):
    return _catalog_page(request, sel.catalog(request.user, code))


@login_required
@require_POST
def catalog_publish(request, code):
    cat = sel.catalog(request.user, code, write=True)
    form = f.CatalogPublishForm(request.POST)
    if form.is_valid() and _try(form, lambda: sv.catalog_publish(actor=request.user, catalog=cat,
                                                                 request_id=_rid(request), **form.cleaned_data)):
        messages.success(request, "目录已公布，门户网站可以查阅。")
        return redirect("decisions:catalog_detail", code=cat.code)
    return _catalog_page(request, cat, publish_form=form, status=400)


@login_required
@require_POST
def item_add(request, code):
    cat = sel.catalog(request.user, code, write=True)
    form = f.ItemForm(request.POST)
    if form.is_valid() and _try(form, lambda: sv.catalog_item_add(actor=request.user, catalog=cat,
                                                                  request_id=_rid(request), **form.cleaned_data)):
        messages.success(request, "已增加目录事项。")
        return redirect("decisions:catalog_detail", code=cat.code)
    return _catalog_page(request, cat, item_form=form, status=400)


@login_required
def item_edit(request, code):
    item = sel.catalog_item(request.user, code, write=True)
    fields = sv.ITEM_EDITABLE
    form = f.ItemForm(request.POST or None, initial={k: getattr(item, k) for k in fields})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = {k: d[k] for k in fields}
        if _try(form, lambda: sv.catalog_item_update(actor=request.user, item=item, data=data, changed_on=d["changed_on"],
                                                     reason=d["reason"], request_id=_rid(request))):
            messages.success(request, "已保存目录事项。")
            return redirect("decisions:catalog_detail", code=item.catalog.code)
    return _form_page(request, form, title=f"调整目录事项：{item.title}", crumbs=[("决策事项目录", "decisions:catalog_list")],
                      cancel="decisions:catalog_detail", cancel_args=(item.catalog.code,),
                      intro="目录已公布的，调整须记录日期和理由（条例第三条第三款），调整记录在门户网站公开。")


@login_required
def item_remove(request, code):
    item = sel.catalog_item(request.user, code, write=True)
    form = f.ItemRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: sv.catalog_item_remove(actor=request.user, item=item, request_id=_rid(request),
                                                     **form.cleaned_data)):
            messages.success(request, "已调出目录。")
            return redirect("decisions:catalog_detail", code=item.catalog.code)
    return _form_page(request, form, title=f"调出目录事项：{item.title}", crumbs=[("决策事项目录", "decisions:catalog_list")],
                      cancel="decisions:catalog_detail", cancel_args=(item.catalog.code,))


# -- decisions --------------------------------------------------------------------------------------

@login_required
@require_safe
def decision_list(request):
    filters = f.FilterForm(request.GET or None)
    qs = sel.decisions(request.user)
    if filters.is_valid():
        d = filters.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(title__icontains=d["q"]) | Q(undertaking_unit__icontains=d["q"]))
        if d["year"]:
            qs = qs.filter(started_on__year=d["year"])
        if d["state"]:
            qs = qs.filter(state=d["state"])
    return render(request, "decisions/decision_list.html", {
        "page": _page(request, qs), "filters": filters, "query": _query(request),
        "can_create": writable_orgs(request.user).exists()})


@login_required
def decision_create(request):
    orgs = _deciding_orgs_or_403(request.user)
    item = None
    if request.GET.get("item"):
        try:
            item = sel.catalog_item(request.user, request.GET["item"], write=True)
        except (ValidationError, ValueError):
            raise Http404("未找到该目录事项。")
    initial = {"started_on": datetime.date.today()}
    if item:
        initial.update(title=item.title, category=item.category, undertaking_unit=item.undertaking_unit,
                       organization=item.organization.code)
    form = f.DecisionForm(request.POST or None, organizations=orgs, initial=initial)
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.decision_start(actor=request.user, catalog_item=item, request_id=_rid(request),
                                                   **form.cleaned_data))
        if obj:
            messages.success(request, "决策已启动（条例第十条）。")
            return redirect("decisions:decision_detail", code=obj.code)
    return _form_page(request, form, title="决策启动" + (f"：{item.title}" if item else ""),
                      crumbs=[("决策程序", "decisions:decision_list")], cancel="decisions:decision_list")


@login_required
def decision_edit(request, code):
    d = sel.decision(request.user, code, write=True)
    form = f.DecisionEditForm(request.POST or None, initial={k: getattr(d, k) for k in sv.DECISION_EDITABLE},
                              organizations=None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: sv.decision_update(actor=request.user, decision=d, data=form.cleaned_data,
                                                 request_id=_rid(request))):
            messages.success(request, "已保存。")
            return redirect("decisions:decision_detail", code=d.code)
    return _form_page(request, form, title=f"修改决策信息：{d.title}", crumbs=[("决策程序", "decisions:decision_list")],
                      cancel="decisions:decision_detail", cancel_args=(d.code,))


def _step_forms(user, d, data=None, step=None):
    today = {"on": datetime.date.today()}
    out = {}
    for name, cls in f.STEP_FORMS.items():
        kw = {"prefix": name, "initial": dict(today)}
        if name == "legality":
            kw["advisers"] = sel.advisers(user).filter(organization=d.organization, is_active=True)
        if name == "open_consultation":
            kw["initial"] = {"opens_on": datetime.date.today()}
        if name == "expert_opinion":
            kw["initial"] = {"given_on": datetime.date.today(), "signed": True}
        out[name] = cls(data if step == name else None, **kw)
    return out


def _dossier_url(d) -> str:
    from django.urls import NoReverseMatch, reverse
    try:
        return reverse("decisions:dossier", args=[d.code])
    except NoReverseMatch:
        return ""


def _detail(request, d, forms, status=200):
    return render(request, "decisions/decision_detail.html", {
        "d": d, "forms": forms, "S": S, "can_edit": can_write(request.user, d.organization),
        "steps": procedure_steps(d), "problems": d.problems_decide() if d.state == S.DISCUSSION else [],
        "comments": d.comments.all(), "pending": d.comments.filter(status=CommentStatus.PENDING).count(),
        "experts": d.expert_opinions.all(), "hearings": d.hearings.all(), "reports": d.reports.all(), "work": d.adviser_work.select_related("adviser"),
        "consultation_open": sv.consultation_open(d),
        "editable_states": [S.STARTED, S.CONSULTING, S.EXPERT, S.RISK, S.LEGALITY_READY, S.LEGALITY, S.DISCUSSION],
        "dossier_url": _dossier_url(d),
        "dossier_pdf": __import__("fazhi.decisions.dossier", fromlist=["pdf_available"]).pdf_available(),
    }, status=status)


@login_required
@require_safe
def decision_detail(request, code):
    d = sel.decision(request.user, code)
    return _detail(request, d, _step_forms(request.user, d))


def _run_step(user, d, step, c, rid):
    a = dict(actor=user, decision=d, request_id=rid)
    if step == "open_consultation":
        sv.decision_open_consultation(**a, **c)
    elif step == "skip":
        sv.decision_skip(**a, **c)
    elif step == "hearing":
        sv.hearing_add(**a, **c)
    elif step == "close_consultation":
        sv.decision_close_consultation(**a, **c)
    elif step == "expert_opinion":
        sv.expert_opinion_add(**a, **c)
    elif step == "expert_done":
        sv.decision_complete_expert(**a, **c)
    elif step == "risk":
        sv.decision_complete_risk(**a, **c)
    elif step == "submit_legality":
        sv.decision_submit_legality(**a, **c)
    elif step == "legality":
        sv.decision_conclude_legality(**a, **c)
    elif step == "decide":
        sv.decision_decide(**a, **c)
    elif step == "party":
        sv.decision_report_party(**a, **c)
    elif step == "publish":
        sv.decision_publish(**a, **c)
    elif step == "npc":
        sv.decision_file_npc(**a, **c)
    elif step == "report":
        sv.implementation_report_add(**a, **c)
    elif step == "evaluate":
        sv.decision_evaluate(**a, **c)
    elif step == "return":
        sv.decision_return_for_revision(**a)


def shown_steps(d) -> set[str]:
    """The step forms that decision_detail.html shows for ``d``'s state (keep in step with the template)."""
    by_state = {S.STARTED: {"open_consultation", "skip"}, S.CONSULTING: {"hearing", "close_consultation"},
                S.EXPERT: {"expert_opinion", "expert_done", "skip"}, S.RISK: {"risk", "skip"},
                S.LEGALITY_READY: {"submit_legality"}, S.LEGALITY: {"legality"}, S.DISCUSSION: {"decide"},
                S.DECIDED: {"party"}, S.REPORTED: {"publish"}, S.PUBLISHED: {"report", "evaluate"},
                S.EXECUTING: {"report", "evaluate"}}
    out = set(by_state.get(d.state, set()))
    if d.state == S.DISCUSSION and d.legality_conclusion == "unlawful":
        out.discard("decide")  # the page offers 退回修改 instead
    if d.meeting_on and not d.npc_filed_on and d.state != S.NOT_ADOPTED:
        out.add("npc")
    return out


@login_required
@require_POST
def decision_step(request, code, step):
    d = sel.decision(request.user, code, write=True)
    if step not in f.STEP_FORMS and step != "return":
        raise Http404("未找到该操作。")
    forms = _step_forms(request.user, d, request.POST, step)
    if step == "return":
        try:
            sv.decision_return_for_revision(actor=request.user, decision=d, request_id=_rid(request))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect("decisions:decision_detail", code=d.code)
    form = forms[step]
    if form.is_valid():
        try:
            _run_step(request.user, d, step, form.cleaned_data, _rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
            if step not in shown_steps(d):
                # The page does not show this step's form in the current state: say why at the top.
                messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已保存。")
            return redirect("decisions:decision_detail", code=d.code)
    d.refresh_from_db()
    return _detail(request, d, forms, status=400)


# -- comments ---------------------------------------------------------------------------------------

@login_required
@require_safe
def comment_list(request):
    status = request.GET.get("status") or CommentStatus.PENDING
    if status not in CommentStatus.values:
        status = CommentStatus.PENDING
    qs = sel.comments(request.user).filter(status=status).order_by("submitted_at", "id")
    return render(request, "decisions/comment_list.html", {
        "page": _page(request, qs), "status": status, "Status": CommentStatus,
        "form": f.ModerateForm(), "adoption_form": f.AdoptionForm()})


@login_required
@require_POST
def comment_moderate(request, code):
    c = sel.comment(request.user, code, write=True)
    form = f.ModerateForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            sv.comment_moderate(actor=request.user, comment=c, publish=d["action"] == "publish", reason=d["reason"],
                                request_id=_rid(request))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已审核。")
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    from django.utils.http import url_has_allowed_host_and_scheme
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=False) \
            and nxt.startswith("/"):
        return redirect(nxt)
    return redirect("decisions:comment_list")


@login_required
@require_POST
def comment_adopt(request, code):
    c = sel.comment(request.user, code, write=True)
    form = f.AdoptionForm(request.POST)
    if form.is_valid():
        try:
            sv.comment_set_adoption(actor=request.user, comment=c, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已记录采纳情况。")
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("decisions:decision_detail", code=c.decision.code)


# -- advisers ---------------------------------------------------------------------------------------

@login_required
@require_safe
def adviser_list(request):
    yform = f.YearForm(request.GET or None)
    year = yform.cleaned_data.get("year") if yform.is_valid() else None
    return render(request, "decisions/adviser_list.html", {
        "page": _page(request, sel.advisers_with_workload(request.user, year)), "yform": yform, "year": year,
        "can_create": writable_orgs(request.user).exists()})


@login_required
def adviser_create(request):
    orgs = _orgs_or_403(request.user)
    form = f.AdviserForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.adviser_create(actor=request.user, request_id=_rid(request), **form.cleaned_data))
        if obj:
            messages.success(request, f"已将{obj.name}加入名册。")
            return redirect("decisions:adviser_list")
    return _form_page(request, form, title="新增法律顾问/公职律师", crumbs=[("法律顾问", "decisions:adviser_list")],
                      cancel="decisions:adviser_list")


@login_required
def adviser_edit(request, code):
    a = sel.adviser(request.user, code, write=True)
    initial = {k: getattr(a, k) for k in sv.ADVISER_EDITABLE}
    initial["organization"] = a.organization.code
    form = f.AdviserForm(request.POST or None, initial=initial,
                         organizations=writable_orgs(request.user).filter(pk=a.organization_id))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
        if _try(form, lambda: sv.adviser_update(actor=request.user, adviser=a, data=data, request_id=_rid(request))):
            messages.success(request, "已保存。")
            return redirect("decisions:adviser_list")
    return _form_page(request, form, title=f"修改：{a.name}", crumbs=[("法律顾问", "decisions:adviser_list")],
                      cancel="decisions:adviser_list")


@login_required
@require_safe
def work_list(request):
    filters = f.WorkFilterForm(request.GET or None)
    qs = sel.work(request.user)
    if filters.is_valid():
        d = filters.cleaned_data
        if d["year"]:
            qs = qs.filter(on__year=d["year"])
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
    adviser_code = request.GET.get("adviser", "")
    if adviser_code:
        qs = qs.filter(adviser__code=adviser_code) if _is_uuid(adviser_code) else qs.none()
    page = _page(request, qs)
    page.object_list = list(page.object_list)
    links = _litigation_links(request.user, page.object_list)
    writable = set(writable_orgs(request.user).values_list("id", flat=True))
    for w in page.object_list:
        w.litigation_url = links.get(w.case_number, "")
        w.can_edit = w.organization_id in writable
    return render(request, "decisions/work_list.html", {
        "page": page, "filters": filters, "total": qs.count(), "query": _query(request),
        "can_create": writable_orgs(request.user).exists()})


def _litigation_links(user, rows) -> dict[str, str]:
    """Case number → 行政应诉 record URL, where the disputes module holds that case and the user sees it."""
    from django.apps import apps
    from django.urls import reverse
    numbers = {w.case_number for w in rows if w.case_number}
    if not numbers or not apps.is_installed("fazhi.disputes"):
        return {}
    from fazhi.disputes import selectors as dsel

    def norm(n):
        try:
            from fazhi.disputes.services import normalize_case_number
            return normalize_case_number(n)
        except (ImportError, ValidationError):
            return n
    wanted = {norm(n): n for n in numbers}
    return {wanted[c.case_number]: reverse("disputes:litigation_detail", args=[c.code])
            for c in dsel.litigation_list(user).filter(case_number__in=list(wanted))}


def _is_uuid(value: str) -> bool:
    import uuid
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
def work_create(request):
    orgs = _orgs_or_403(request.user)
    form = f.WorkForm(request.POST or None, organizations=orgs, advisers=sel.advisers(request.user).filter(
        organization__in=orgs), decisions=sel.decisions(request.user).filter(organization__in=orgs),
        initial={"on": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.adviser_work_add(actor=request.user, request_id=_rid(request), **form.cleaned_data))
        if obj:
            messages.success(request, "已登记。")
            return redirect("decisions:work_list")
    return _form_page(request, form, title="登记法律顾问工作", crumbs=[("法律顾问工作台账", "decisions:work_list")],
                      cancel="decisions:work_list")


@login_required
def work_edit(request, code):
    """Correct a work-log entry; changes go through ``adviser_work_update`` (audited)."""
    w = sel.work_entry(request.user, code, write=True)
    initial = {k: getattr(w, k) for k in sv.WORK_EDITABLE}
    initial.update(organization=w.organization.code, adviser=w.adviser.code,
                   decision=w.decision.code if w.decision else None)
    form = f.WorkForm(request.POST or None, initial=initial,
                      organizations=writable_orgs(request.user).filter(pk=w.organization_id),
                      advisers=sel.advisers(request.user).filter(organization=w.organization_id),
                      decisions=sel.decisions(request.user).filter(organization=w.organization_id))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in sv.WORK_EDITABLE}
        if _try(form, lambda: sv.adviser_work_update(actor=request.user, work=w, data=data, request_id=_rid(request))):
            messages.success(request, "已保存工作记录。")
            return redirect("decisions:work_list")
    return _form_page(request, form, title=f"修改工作记录：{w.title}", crumbs=[("法律顾问工作台账", "decisions:work_list")],
                      cancel="decisions:work_list")


@login_required
@require_safe
def dossier(request, code):
    """条例 第三十三条: the dossier in procedural order — ZIP, or PDF (``?format=pdf``) if LibreOffice is present."""
    from urllib.parse import quote

    from django.http import HttpResponse

    from fazhi.decisions import dossier as dz
    d = sel.decision(request.user, code)
    if request.GET.get("format") == "pdf":
        data = dz.dossier_pdf(d)
        if data is None:
            messages.error(request, "服务器未安装 LibreOffice，暂不能生成 PDF，请下载 ZIP 档案。")
            return redirect("decisions:decision_detail", code=d.code)
        resp = HttpResponse(data, content_type="application/pdf")
        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(d.title + '-决策档案.pdf')}"
        return resp
    resp = HttpResponse(dz.dossier_zip(d), content_type="application/zip")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(d.title + '-决策档案.zip')}"
    return resp
