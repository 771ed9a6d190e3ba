"""Staff pages of 政府职能: validate (form) → scoped fetch → one service call → respond."""
from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from fazhi.core.choices import OrgKind
from fazhi.core.models import Deadline, Organization
from fazhi.core.scoping import can_write, visible_orgs, writable_orgs
from fazhi.core.viewutils import page as _page
from fazhi.core.viewutils import query_without_page as _query
from fazhi.core.viewutils import request_id as _rid
from fazhi.core.viewutils import try_service as _try
from fazhi.core.viewutils import writable_orgs_or_403
from fazhi.functions import credit_fields as cf
from fazhi.functions import forms as f
from fazhi.functions import selectors as sel
from fazhi.functions import services as sv
from fazhi.functions.choices import (
    AdjustmentKind,
    CreditKind,
    CreditStatus,
    DisclosureArea,
    PowerCategory,
    RequestState,
)

AREA_LABELS = dict(DisclosureArea.choices)


def _orgs_or_403(user):
    return writable_orgs_or_403(user, "您没有登记政府职能事项的权限。")


def _form_page(request, form, *, title, back, back_label, status=None, intro="", extra=None):
    return render(request, "functions/form.html", {"form": form, "title": title, "back": back, "back_label": back_label,
                                                    "intro": intro, **(extra or {})},
                  status=status or (400 if form.errors else 200))


def _today():
    return timezone.localdate()


# ==================================================================================================
# 权责清单
# ==================================================================================================

@login_required
@require_safe
def power_list(request):
    form = f.PowerFilterForm(request.GET or None, organizations=visible_orgs(request.user).filter(
        kind__in=[OrgKind.DEPARTMENT, OrgKind.GOVERNMENT, OrgKind.TOWNSHIP]))
    day = _today()
    qs = sel.power_items(request.user)
    if form.is_valid():
        d = form.cleaned_data
        day = d["on"] or day
        if d["q"]:
            qs = qs.filter(Q(name__icontains=d["q"]) | Q(power_code__icontains=d["q"]) | Q(legal_basis__icontains=d["q"]))
        if d["category"]:
            qs = qs.filter(category=d["category"])
        if d["organization"]:
            qs = qs.filter(organization=d["organization"])
        if d["delegated"] == "yes":
            qs = qs.exclude(delegated_to=None)
        elif d["delegated"] == "no":
            qs = qs.filter(delegated_to=None)
    qs = sel.in_force_on(qs, day)
    by_cat = dict(qs.values_list("category").annotate(n=Count("id")))
    return render(request, "functions/power_list.html", {
        "page": _page(request, qs.order_by("organization__sort_order", "power_code", "id")), "form": form,
        "query": _query(request), "day": day, "total": qs.count(),
        "agencies": qs.values("organization").distinct().count(),
        "by_category": [(label, by_cat.get(v, 0)) for v, label in PowerCategory.choices],
        "can_create": writable_orgs(request.user).exists(),
    })


@login_required
def power_add(request):
    orgs = _orgs_or_403(request.user)
    form = f.PowerAddForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        adj = _try(form, lambda: sv.power_add(actor=request.user, organization=d["organization"],
                                              adjusted_on=d["adjusted_on"], document=d["document"], reason=d["reason"],
                                              request_id=_rid(request), **form.power_data()))
        if adj:
            messages.success(request, f"已新增权责事项 {adj.power_code}，自 {adj.adjusted_on:%Y-%m-%d} 起列入清单。")
            return redirect("functions:power_detail", code=adj.item_after.code)
    return _form_page(request, form, title="新增权责事项", back="functions:power_list", back_label="权责清单",
                      intro="新增事项作为一条权责清单调整记录保存（调整类型“新增”），须载明依据文件。")


def linked_enforcement_items(user, power_code: str) -> list:
    """The enforcement module's 执法事项 carrying this 职权编码 (the link is the code, not a foreign key;
    the model is looked up in the app registry so neither app imports the other)."""
    from django.apps import apps

    from fazhi.core.scoping import scope
    try:
        model = apps.get_model("enforcement", "EnforcementItem")
    except LookupError:
        return []
    return list(scope(model.objects.filter(power_code=power_code), user).select_related("organization")[:50])


def _power_page(request, item, *, forms=None, status=200):
    townships = visible_orgs(request.user).filter(kind=OrgKind.TOWNSHIP).order_by("sort_order", "id")
    today = _today()
    base = {"cancel": f.PowerCancelForm(prefix="cancel", initial={"adjusted_on": today}),
            "delegate": f.PowerDelegateForm(prefix="delegate", townships=Organization.objects.filter(
                kind=OrgKind.TOWNSHIP, region__path__startswith=item.organization.region.path), initial={"adjusted_on": today})}
    base.update(forms or {})
    del townships
    history = sel.power_history(item)
    adjustments = sel.adjustments(request.user).filter(organization=item.organization, power_code__in={
        h.power_code for h in history}).order_by("adjusted_on", "id")
    return render(request, "functions/power_detail.html", {
        "item": item, "history": history, "adjustments": adjustments, "forms": base,
        "linked_items": linked_enforcement_items(request.user, item.power_code),
        "can_edit": can_write(request.user, item.organization) and item.valid_to is None,
        "can_correct": can_write(request.user, item.organization), "enforcement": item.category in (
            "penalty", "coercion", "inspection", "levy"),
    }, status=status)


@login_required
@require_safe
def power_detail(request, code):
    return _power_page(request, sel.power_item(request.user, code))


@login_required
def power_change(request, code):
    item = sel.power_item(request.user, code, write=True)
    form = f.PowerChangeForm(request.POST or None, initial={**f.PowerFieldsForm.initial_of(item), "adjusted_on": _today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        adj = _try(form, lambda: sv.power_change(actor=request.user, item=item, adjusted_on=d["adjusted_on"],
                                                 document=d["document"], reason=d["reason"], request_id=_rid(request),
                                                 **form.power_data()))
        if adj:
            messages.success(request, f"已变更，新版本自 {adj.adjusted_on:%Y-%m-%d} 起有效。")
            return redirect("functions:power_detail", code=adj.item_after.code)
    return _form_page(request, form, title=f"变更权责事项：{item}", back="functions:power_list", back_label="权责清单",
                      intro="变更后原版本于调整日期前一日失效，新版本自调整日期起有效；任一日期的清单均可查询。")


@login_required
def power_correct(request, code):
    item = sel.power_item(request.user, code, write=True)
    form = f.PowerFieldsForm(request.POST or None, initial=f.PowerFieldsForm.initial_of(item))
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.power_correct(actor=request.user, item=item, data=form.power_data(),
                                                  request_id=_rid(request)))
        if obj:
            messages.success(request, "已更正（不作为清单调整）。")
            return redirect("functions:power_detail", code=obj.code)
    return _form_page(request, form, title=f"更正录入错误：{item}", back="functions:power_list", back_label="权责清单",
                      intro="仅用于更正录入错误；清单内容的实际调整请办理“变更”，以保留调整记录。")


@login_required
@require_POST
def power_adjust(request, code, kind):
    item = sel.power_item(request.user, code, write=True)
    if kind == "cancel":
        form = f.PowerCancelForm(request.POST, prefix="cancel")
        call = lambda d: sv.power_cancel(actor=request.user, item=item, adjusted_on=d["adjusted_on"],
                                         document=d["document"], reason=d["reason"], request_id=_rid(request))
    elif kind == "delegate":
        form = f.PowerDelegateForm(request.POST, prefix="delegate", townships=Organization.objects.filter(
            kind=OrgKind.TOWNSHIP, region__path__startswith=item.organization.region.path))
        call = lambda d: sv.power_delegate(actor=request.user, item=item, kind=d["kind"], township=d["township"],
                                           adjusted_on=d["adjusted_on"], document=d["document"], reason=d["reason"],
                                           request_id=_rid(request))
    else:
        raise Http404("未知的调整类型。")
    if form.is_valid():
        adj = _try(form, lambda: call(form.cleaned_data))
        if adj:
            messages.success(request, f"已登记调整：{adj.get_kind_display()}。")
            return redirect("functions:power_detail", code=(adj.item_after or adj.item_before).code)
    return _power_page(request, item, forms={kind: form}, status=400)


@login_required
@require_safe
def adjustment_list(request):
    form = f.AdjustmentFilterForm(request.GET or None)
    year = f.year_of(form)
    qs = sel.adjustments(request.user).filter(adjusted_on__year=year)
    if form.is_valid():
        d = form.cleaned_data
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["q"]:
            qs = qs.filter(Q(power_name__icontains=d["q"]) | Q(power_code__icontains=d["q"]) | Q(document__icontains=d["q"]))
    counts = dict(sel.adjustments(request.user).filter(adjusted_on__year=year).values_list("kind").annotate(n=Count("id")))
    return render(request, "functions/adjustment_list.html", {
        "page": _page(request, qs.order_by("-adjusted_on", "-id")), "form": form, "query": _query(request),
        "year": year, "counts": [(label, counts.get(v, 0), v) for v, label in AdjustmentKind.choices],
        "total": sum(counts.values()),
    })


# ==================================================================================================
# 政务服务事项
# ==================================================================================================

@login_required
@require_safe
def service_list(request):
    form = f.ServiceFilterForm(request.GET or None)
    qs = sel.with_consistency(sel.service_items(request.user))
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(name__icontains=d["q"]) | Q(item_code__icontains=d["q"]) | Q(agency__icontains=d["q"]))
        for key in ("item_type", "level"):
            if d[key]:
                qs = qs.filter(**{key: d[key]})
        if d["online"]:
            qs = qs.filter(online=d["online"] == "yes")
    in_force = sel.service_items(request.user).filter(in_force=True)
    n, online = in_force.count(), in_force.filter(online=True).count()
    from fazhi.core.indicators import pct
    return render(request, "functions/service_list.html", {
        "page": _page(request, qs.order_by("item_code", "id")), "form": form, "query": _query(request),
        "n": n, "online": online, "rate": pct(online, n),
        "consistent": sel.consistent_items(in_force).count(), "can_create": writable_orgs(request.user).exists(),
    })


def _parents(user, org=None):
    qs = sel.service_items(user).filter(level__in=["main", "sub"])
    return qs.filter(organization=org) if org else qs


@login_required
def service_create(request):
    orgs = _orgs_or_403(request.user)
    form = f.ServiceItemForm(request.POST or None, organizations=orgs, parents=_parents(request.user))
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.service_item_create(actor=request.user, request_id=_rid(request),
                                                        **form.service_data()))
        if obj:
            messages.success(request, f"已登记政务服务事项 {obj.item_code}。")
            return redirect("functions:service_list")
    return _form_page(request, form, title="登记政务服务事项", back="functions:service_list", back_label="政务服务事项",
                      intro="基本要素（事项名称、事项编码、事项类型、主管部门、实施机关、设定和实施依据）应与上级目录一致（四级四同）。")


@login_required
def service_edit(request, code):
    item = sel.service_item(request.user, code, write=True)
    form = f.ServiceItemForm(request.POST or None, instance=item, organizations=Organization.objects.filter(
        pk=item.organization_id), parents=_parents(request.user, item.organization).exclude(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        data.pop("organization", None)
        obj = _try(form, lambda: sv.service_item_update(actor=request.user, item=item, data=data,
                                                        request_id=_rid(request)))
        if obj:
            messages.success(request, "已保存。")
            return redirect("functions:service_list")
    return _form_page(request, form, title=f"修改政务服务事项：{item}", back="functions:service_list",
                      back_label="政务服务事项")


@login_required
@require_safe
def consistency(request):
    rows = sel.consistency_check(sel.service_items(request.user))
    in_force = sel.service_items(request.user).filter(in_force=True)
    return render(request, "functions/consistency.html", {
        "rows": rows, "n": in_force.count(), "consistent": sel.consistent_items(in_force).count(),
        "upper_count": sel.upper_items(request.user).count() if request.user.is_authenticated else 0,
    })


@login_required
@require_safe
def upper_list(request):
    form = f.ServiceFilterForm(request.GET or None)
    qs = sel.upper_items(request.user)
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"]
        qs = qs.filter(Q(name__icontains=q) | Q(item_code__icontains=q))
    return render(request, "functions/upper_list.html", {"page": _page(request, qs), "form": form,
                                                          "query": _query(request)})


# ==================================================================================================
# 主动公开
# ==================================================================================================

@login_required
@require_safe
def disclosure_list(request):
    form = f.DisclosureFilterForm(request.GET or None)
    year = f.year_of(form)
    base = sel.disclosures(request.user)
    qs = base.filter(Q(published_on__year=year) | Q(published_on__isnull=True, formed_on__year=year))
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(title__icontains=d["q"]) | Q(doc_number__icontains=d["q"]))
        if d["area"]:
            qs = qs.filter(area=d["area"])
        if d["late"] == "late":
            qs = qs.filter(published_on__gt=F("due_on"))
        elif d["late"] == "open":
            qs = qs.filter(published_on__isnull=True)
    from fazhi.core.indicators import pct
    # The year's figures in one pass: published per area, and how many of them within the time limit.
    areas = list(base.filter(published_on__year=year).values("area").annotate(
        c=Count("id"), t=Count("id", filter=Q(published_on__lte=F("due_on")))).order_by("-c"))
    n = sum(a["c"] for a in areas)
    return render(request, "functions/disclosure_list.html", {
        "page": _page(request, qs.order_by("-published_on", "-formed_on", "-id")), "form": form,
        "query": _query(request), "year": year, "n": n,
        "timely": pct(sum(a["t"] for a in areas), n),
        "by_area": [(AREA_LABELS.get(a["area"], a["area"]), a["c"]) for a in areas],
        "can_create": writable_orgs(request.user).exists(),
    })


@login_required
def disclosure_create(request):
    orgs = _orgs_or_403(request.user)
    form = f.DisclosureForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.disclosure_create(actor=request.user, request_id=_rid(request),
                                                      **form.service_data()))
        if obj:
            messages.success(request, f"已登记，公开期限至 {obj.due_on:%Y-%m-%d}（条例第二十六条）。")
            return redirect("functions:disclosure_list")
    return _form_page(request, form, title="登记主动公开信息", back="functions:disclosure_list", back_label="主动公开")


@login_required
def disclosure_edit(request, code):
    obj = sel.disclosure(request.user, code, write=True)
    form = f.DisclosureForm(request.POST or None, instance=obj,
                            organizations=Organization.objects.filter(pk=obj.organization_id))
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        data.pop("organization", None)
        saved = _try(form, lambda: sv.disclosure_update(actor=request.user, disclosure=obj, data=data,
                                                        request_id=_rid(request)))
        if saved:
            messages.success(request, "已保存。")
            return redirect("functions:disclosure_list")
    return _form_page(request, form, title="修改主动公开信息", back="functions:disclosure_list", back_label="主动公开",
                      intro=f"公开期限届满日：{obj.due_on:%Y-%m-%d}（自形成之日起20个工作日，条例第二十六条）。" if obj.due_on else "")


# ==================================================================================================
# 依申请公开
# ==================================================================================================

@login_required
@require_safe
def request_list(request):
    form = f.RequestFilterForm(request.GET or None)
    year = f.year_of(form)
    qs = sel.requests(request.user).filter(received_on__year=year)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(number__icontains=d["q"]) | Q(applicant_name__icontains=d["q"]) | Q(content__icontains=d["q"]))
        if d["state"]:
            qs = qs.filter(state=d["state"])
    return render(request, "functions/request_list.html", {
        "page": _page(request, qs), "form": form, "query": _query(request), "year": year, "today": _today(),
        "can_create": writable_orgs(request.user).exists(),
    })


@login_required
def request_create(request):
    orgs = _orgs_or_403(request.user)
    form = f.RequestForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.request_receive(actor=request.user, request_id=_rid(request), **form.cleaned_data))
        if obj:
            messages.success(request, f"已登记申请 {obj.number}，收到申请之日 {obj.received_on:%Y-%m-%d}，"
                                      f"应于 {obj.reply_due:%Y-%m-%d} 前答复（条例第三十三条）。")
            return redirect("functions:request_detail", code=obj.code)
    return _form_page(request, form, title="登记政府信息公开申请", back="functions:request_list", back_label="依申请公开")


STEPS = {
    "correction": (f.CorrectionForm, lambda u, r, d, rid: sv.request_correction(actor=u, req=r, request_id=rid, **d),
                   "已一次性告知补正，答复期限自收到补正申请之日起重新计算。"),
    "correction_received": (f.StepDateForm, lambda u, r, d, rid: sv.request_correction_received(
        actor=u, req=r, request_id=rid, **d), "已登记收到补正，答复期限重新计算。"),
    "abandon": (f.StepDateForm, lambda u, r, d, rid: sv.request_abandon(actor=u, req=r, request_id=rid, **d),
                "已登记：逾期未补正，视为放弃申请。"),
    "consult": (f.ConsultForm, lambda u, r, d, rid: sv.request_consult_start(actor=u, req=r, request_id=rid, **d),
                "已登记征求意见，答复期限暂停计算（条例第三十三条第三款）。"),
    "consult_end": (f.StepDateForm, lambda u, r, d, rid: sv.request_consult_end(actor=u, req=r, request_id=rid, **d),
                    "已恢复计算答复期限。"),
    "extend": (f.ExtendForm, lambda u, r, d, rid: sv.request_extend(actor=u, req=r, request_id=rid, **d),
               "已延长答复期限（最长20个工作日），请告知申请人。"),
    "reply": (f.ReplyForm, lambda u, r, d, rid: sv.request_reply(actor=u, req=r, request_id=rid, **d), "已答复。"),
}


def _request_forms(req, data=None, step=None):
    today = {"on": _today()}
    return {name: cls(data if step == name else None, prefix=name, initial=today) for name, (cls, _c, _m) in STEPS.items()}


def _request_page(request, req, forms, status=200):
    deadlines = Deadline.objects.filter(target_type="functions.inforequest", target_id=str(req.code)).select_related(
        "rule").order_by("id")
    correction_limit = None
    try:
        correction_limit = sv.compute_due(sv.CORRECTION_RULE, req.received_on)
    except ValidationError:
        pass
    return render(request, "functions/request_detail.html", {
        "req": req, "forms": forms, "deadlines": deadlines, "State": RequestState,
        "can_edit": can_write(request.user, req.organization), "correction_limit": correction_limit,
    }, status=status)


@login_required
@require_safe
def request_detail(request, code):
    req = sel.request(request.user, code)
    return _request_page(request, req, _request_forms(req))


@login_required
@require_POST
def request_step(request, code, step):
    req = sel.request(request.user, code, write=True)
    if step not in STEPS:
        raise Http404("未知的办理步骤。")
    _cls, call, ok = STEPS[step]
    forms = _request_forms(req, request.POST, step)
    form = forms[step]
    if form.is_valid():
        done = _try(form, lambda: call(request.user, req, form.cleaned_data, _rid(request)))
        if done:
            messages.success(request, ok)
            return redirect("functions:request_detail", code=req.code)
    return _request_page(request, req, forms, status=400)


@login_required
def request_edit(request, code):
    req = sel.request(request.user, code, write=True)
    form = f.RequestEditForm(request.POST or None, initial={k: getattr(req, k) for k in sv.REQUEST_EDITABLE})
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.request_update(actor=request.user, req=req, data=form.cleaned_data,
                                                   request_id=_rid(request)))
        if obj:
            messages.success(request, "已保存。")
            return redirect("functions:request_detail", code=obj.code)
    return _form_page(request, form, title=f"更正申请信息：{req.number}", back="functions:request_list",
                      back_label="依申请公开")


# ==================================================================================================
# 年度报告, 政务新媒体, 诚信建设活动
# ==================================================================================================

@login_required
@require_safe
def report_list(request):
    qs = sel.reports(request.user)
    return render(request, "functions/report_list.html", {"page": _page(request, qs),
                                                           "can_create": writable_orgs(request.user).exists()})


@login_required
def report_create(request):
    orgs = _orgs_or_403(request.user)
    year = working_year_default()
    initial = {"year": year}
    org_code = request.GET.get("organization")
    if org_code and request.method != "POST":
        org = orgs.filter(code=org_code).first() if _is_uuid(org_code) else None
        if org:
            initial.update(organization=org.code, **sv.annual_figures(org, year))
    form = f.ReportForm(request.POST or None, organizations=orgs, initial=initial)
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.annual_report_save(actor=request.user, request_id=_rid(request),
                                                       **form.service_data()))
        if obj:
            messages.success(request, f"已保存，公布期限 {obj.due_on:%Y-%m-%d}（条例第四十九条）。")
            return redirect("functions:report_list")
    return _form_page(request, form, title="政府信息公开工作年度报告", back="functions:report_list", back_label="年度报告",
                      intro="选择单位后可由记录预填数字（主动公开、依申请公开办理情况）：在地址后加 ?organization=单位编码，"
                            "或在列表页点“由记录预填”。部门于次年1月31日前、县人民政府于3月31日前公布（条例第四十九条）。")


def _is_uuid(value) -> bool:
    import uuid
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False


def working_year_default():
    from fazhi.core.workyear import working_year
    return working_year()


@login_required
def report_edit(request, code):
    obj = sel.report(request.user, code, write=True)
    form = f.ReportForm(request.POST or None, instance=obj,
                        organizations=Organization.objects.filter(pk=obj.organization_id))
    form.fields["year"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        data.pop("organization", None)
        data.pop("year", None)
        saved = _try(form, lambda: sv.annual_report_save(actor=request.user, organization=obj.organization,
                                                         year=obj.year, request_id=_rid(request), **data))
        if saved:
            messages.success(request, "已保存。")
            return redirect("functions:report_list")
    return _form_page(request, form, title=f"修改：{obj}", back="functions:report_list", back_label="年度报告",
                      intro=f"公布期限：{obj.due_on:%Y-%m-%d}。")


@login_required
@require_safe
def media_list(request):
    qs = sel.media(request.user)
    today = _today()
    return render(request, "functions/media_list.html", {
        "page": _page(request, qs), "active": sel.active_media(qs, today).count(), "today": today,
        "can_create": writable_orgs(request.user).exists()})


def _simple_create(request, form_cls, service, *, title, back, back_label, ok):
    orgs = _orgs_or_403(request.user)
    form = form_cls(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: service(actor=request.user, request_id=_rid(request), **form.service_data()))
        if obj:
            messages.success(request, ok)
            return redirect(back)
    return _form_page(request, form, title=title, back=back, back_label=back_label)


def _simple_edit(request, obj, form_cls, call, *, title, back, back_label):
    form = form_cls(request.POST or None, instance=obj, organizations=Organization.objects.filter(pk=obj.organization_id))
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        data.pop("organization", None)
        saved = _try(form, lambda: call(data))
        if saved:
            messages.success(request, "已保存。")
            return redirect(back)
    return _form_page(request, form, title=title, back=back, back_label=back_label)


@login_required
def media_create(request):
    return _simple_create(request, f.MediaForm, sv.media_create, title="登记政务新媒体", back="functions:media_list",
                          back_label="政务新媒体", ok="已登记政务新媒体账号。")


@login_required
def media_edit(request, code):
    obj = sel.media_account(request.user, code, write=True)
    return _simple_edit(request, obj, f.MediaForm, lambda d: sv.media_update(
        actor=request.user, account=obj, data=d, request_id=_rid(request)), title=f"修改：{obj}",
        back="functions:media_list", back_label="政务新媒体")


@login_required
@require_safe
def activity_list(request):
    form = f.ActivityFilterForm(request.GET or None)
    year = f.year_of(form)
    qs = sel.credit_activities(request.user).filter(held_on__year=year)
    if form.is_valid() and form.cleaned_data["kind"]:
        qs = qs.filter(kind=form.cleaned_data["kind"])
    counts = dict(sel.credit_activities(request.user).filter(held_on__year=year).values_list("kind").annotate(n=Count("id")))
    from fazhi.functions.choices import CreditActivityKind
    return render(request, "functions/activity_list.html", {
        "page": _page(request, qs), "form": form, "query": _query(request), "year": year,
        "counts": [(label, counts.get(v, 0)) for v, label in CreditActivityKind.choices],
        "can_create": writable_orgs(request.user).exists()})


@login_required
def activity_create(request):
    return _simple_create(request, f.ActivityForm, sv.credit_activity_create, title="登记诚信建设活动",
                          back="functions:activity_list", back_label="诚信建设活动", ok="已登记。")


@login_required
def activity_edit(request, code):
    obj = sel.credit_activity(request.user, code, write=True)
    return _simple_edit(request, obj, f.ActivityForm, lambda d: sv.credit_activity_update(
        actor=request.user, activity=obj, data=d, request_id=_rid(request)), title=f"修改：{obj}",
        back="functions:activity_list", back_label="诚信建设活动")


# ==================================================================================================
# 双公示
# ==================================================================================================

@login_required
@require_safe
def credit_list(request):
    form = f.CreditFilterForm(request.GET or None)
    year = f.year_of(form)
    base = sel.credit_records(request.user)
    qs = base.filter(decided_on__year=year)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(document_number__icontains=d["q"]) | Q(subject_name__icontains=d["q"]))
        for key in ("kind", "status"):
            if d[key]:
                qs = qs.filter(**{key: d[key]})
        if d["late"] == "late":
            qs = qs.filter(Q(reported_on__gt=F("due_on")) | Q(reported_on__isnull=True, due_on__lt=_today()))
    reported = base.filter(reported_on__year=year)
    from fazhi.core.indicators import pct
    n = reported.count()
    return render(request, "functions/credit_list.html", {
        "page": _page(request, qs), "form": form, "query": _query(request), "year": year, "reported": n,
        "timely": pct(reported.filter(reported_on__lte=F("due_on")).count(), n),
        "pending": base.filter(status=CreditStatus.PENDING).count(),
        "withdraw_pending": base.filter(status=CreditStatus.WITHDRAW_PENDING).count(),
        "can_create": writable_orgs(request.user).exists(), "today": _today(),
    })


@login_required
def credit_create(request, kind):
    if kind not in CreditKind.values:
        raise Http404("未知的类别。")
    orgs = _orgs_or_403(request.user)
    form = f.CreditForm(request.POST or None, kind=kind, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.credit_record_create(actor=request.user, organization=form.cleaned_data[
            "organization"], kind=kind, fields=form.standard_fields(), request_id=_rid(request)))
        if obj:
            messages.success(request, f"已登记，应于 {obj.due_on:%Y-%m-%d} 前报送公示（国办发〔2018〕118号（六））。")
            return redirect("functions:credit_detail", code=obj.code)
    return _form_page(request, form, title=f"登记{dict(CreditKind.choices)[kind]}信息（双公示）",
                      back="functions:credit_list", back_label="双公示",
                      intro="字段名称与“信用中国”双公示报送模板一致；决定作出之日起7个工作日内报送（国办发〔2018〕118号（六））。")


def _credit_page(request, rec, *, withdraw=None, report=None, down=None, status=200):
    today = {"on": _today()}
    names = cf.fields_of(rec.kind)
    return render(request, "functions/credit_detail.html", {
        "rec": rec, "fields": [(n, rec.fields.get(n, "")) for n in names],
        "withdraw_form": withdraw or f.CreditWithdrawForm(prefix="withdraw", initial=today),
        "report_form": report or f.StepDateForm(prefix="report", initial=today),
        "down_form": down or f.StepDateForm(prefix="down", initial=today),
        "can_edit": can_write(request.user, rec.organization), "Status": CreditStatus,
        "deadlines": Deadline.objects.filter(target_type="functions.creditrecord", target_id=str(rec.code))
        .select_related("rule").order_by("id"),
    }, status=status)


@login_required
@require_safe
def credit_detail(request, code):
    return _credit_page(request, sel.credit_record(request.user, code))


@login_required
def credit_edit(request, code):
    rec = sel.credit_record(request.user, code, write=True)
    form = f.CreditForm(request.POST or None, kind=rec.kind, organizations=Organization.objects.filter(
        pk=rec.organization_id), initial={"organization": rec.organization.code, **f.CreditForm.initial_of(rec.kind, rec.fields)})
    if request.method == "POST" and form.is_valid():
        obj = _try(form, lambda: sv.credit_record_update(actor=request.user, record=rec, fields=form.standard_fields(),
                                                         request_id=_rid(request)))
        if obj:
            messages.success(request, "已保存。")
            return redirect("functions:credit_detail", code=obj.code)
    return _form_page(request, form, title=f"更正：{rec}", back="functions:credit_list", back_label="双公示")


@login_required
@require_POST
def credit_step(request, code, step):
    rec = sel.credit_record(request.user, code, write=True)
    if step == "report":
        form = f.StepDateForm(request.POST, prefix="report")
        call = lambda d: sv.credit_record_report(actor=request.user, record=rec, on=d["on"], request_id=_rid(request))
        kw, ok = {"report": form}, "已登记报送公示。"
    elif step == "withdraw":
        form = f.CreditWithdrawForm(request.POST, prefix="withdraw")
        call = lambda d: sv.credit_record_withdraw(actor=request.user, record=rec, on=d["on"], reason=d["reason"],
                                                   request_id=_rid(request))
        kw, ok = {"withdraw": form}, "已登记决定被撤销/变更。"
    elif step == "down":
        form = f.StepDateForm(request.POST, prefix="down")
        call = lambda d: sv.credit_record_taken_down(actor=request.user, record=rec, on=d["on"], request_id=_rid(request))
        kw, ok = {"down": form}, "已登记撤下。"
    else:
        raise Http404("未知的办理步骤。")
    if form.is_valid() and _try(form, lambda: call(form.cleaned_data)):
        messages.success(request, ok)
        return redirect("functions:credit_detail", code=rec.code)
    return _credit_page(request, rec, status=400, **kw)


@login_required
@require_safe
def credit_csv(request, kind):
    """The CSV for the upload system: exactly the standard columns, UTF-8 with BOM (opens in Excel)."""
    if kind not in CreditKind.values:
        raise Http404("未知的类别。")
    form = f.CreditFilterForm(request.GET or None)
    year = f.year_of(form)
    qs = sel.credit_records(request.user).filter(kind=kind, decided_on__year=year).exclude(
        status=CreditStatus.WITHDRAWN).order_by("decided_on", "id")
    names = cf.fields_of(kind)
    resp = HttpResponse(content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{kind}-{year}.csv"
    resp.write("\ufeff")
    writer = csv.writer(resp)
    writer.writerow(names)
    for rec in qs.iterator(chunk_size=2000):
        writer.writerow([_csv_safe(rec.fields.get(n, "")) for n in names])
    return resp


def _csv_safe(value: str) -> str:
    """No formula injection when the CSV is opened in a spreadsheet."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not value[1:2].isdigit() else value


@login_required
@require_safe
def index(request):
    return redirect("functions:power_list")

