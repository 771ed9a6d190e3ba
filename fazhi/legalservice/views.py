"""Staff pages of 公共法律服务: validate (form) → scoped fetch → one service call → respond."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from fazhi.core.choices import Role
from fazhi.core.forms import apply_validation_error
from fazhi.core.scoping import can_write, has_role, writable_orgs
from fazhi.core.viewutils import page as _page
from fazhi.core.viewutils import request_id as _rid
from fazhi.core.viewutils import writable_orgs_or_403
from fazhi.core.workyear import working_year
from fazhi.legalservice import forms as f
from fazhi.legalservice import selectors as sel
from fazhi.legalservice import services
from fazhi.legalservice.choices import AidStatus, ConsultChannel


def _orgs_or_403(user):
    return list(writable_orgs_or_403(user, "您没有登记公共法律服务记录的权限。"))


def _is_kind_admin(user) -> bool:
    return user.is_superuser or has_role(user, Role.ADMIN)


def _form_page(request, form, *, title, crumbs, cancel, status=None, cancel_url=""):
    """``cancel`` names the list page; ``cancel_url`` (an edit page's record) takes precedence."""
    return render(request, "legalservice/form.html", {"form": form, "title": title, "crumbs": crumbs,
                                                       "cancel": cancel, "cancel_url": cancel_url},
                  status=status or (400 if form.errors else 200))


def _save(request, form, fn, ok_message, redirect_to):
    """Call one service with the form's data; put its errors on the form."""
    try:
        obj = fn(form.cleaned_data)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return None
    messages.success(request, ok_message(obj))
    target = redirect_to(obj)
    return redirect(*target) if isinstance(target, tuple) else redirect(target)


# -- dashboard ------------------------------------------------------------------------------------

@login_required
@require_safe
def index(request):
    yform = f.YearForm(request.GET or None)
    year = f.year_of(yform)
    user = request.user
    start, end = sel.year_range(year)
    consult = sel.consultation_counts(sel.consultations(user), year)
    return render(request, "legalservice/index.html", {
        "year": year, "yform": yform,
        "aid": sel.aid_figures(sel.aid_cases(user), year),
        "notarizations": sel.notarizations(user).filter(issued_on__range=(start, end)).count(),
        "consult": [(label, consult.get(value, 0)) for value, label in ConsultChannel.choices],
        "activities": sel.activity_summary(sel.activities(user), year),
        "points": sel.points(user).count(),
        "can_create": writable_orgs(user).exists(),
    })


# -- legal aid ------------------------------------------------------------------------------------

@login_required
@require_safe
def aid_list(request):
    filters = f.AidFilterForm(request.GET or None)
    qs = sel.aid_cases(request.user)
    if filters.is_valid():
        d = filters.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(number__icontains=d["q"]) | Q(applicant_name__icontains=d["q"]) | Q(matter__icontains=d["q"]))
        if d["year"]:
            qs = qs.filter(**{f"{f.AID_YEAR_FIELD[d['by'] or '']}__year": d["year"]})
        for key in ("status", "case_type", "source"):
            if d[key]:
                qs = qs.filter(**{key: d[key]})
    return render(request, "legalservice/aid_list.html", {
        "page": _page(request, qs), "filters": filters, "query": request.GET.urlencode(),
        "can_create": writable_orgs(request.user).exists(),
    })


@login_required
def aid_apply(request):
    orgs = _orgs_or_403(request.user)
    form = f.AidApplicationForm(request.POST or None, organizations=writable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.aid_application_receive(
            actor=request.user, request_id=_rid(request), **d),
            lambda o: f"已登记法律援助申请 {o.number}，须在7日内审查决定（法律援助法第四十三条）。",
            lambda o: ("legalservice:aid_detail", o.code))
        if resp:
            return resp
    del orgs
    return _form_page(request, form, title="登记法律援助申请", crumbs=[("法律援助", "legalservice:aid_list")],
                      cancel="legalservice:aid_list")


@login_required
def aid_notice(request):
    _orgs_or_403(request.user)
    form = f.AidNoticeForm(request.POST or None, organizations=writable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.aid_notice_receive(
            actor=request.user, request_id=_rid(request), **d),
            lambda o: f"已登记通知辩护 {o.number}，须在3日内指派律师（法律援助法第三十六条）。",
            lambda o: ("legalservice:aid_detail", o.code))
        if resp:
            return resp
    return _form_page(request, form, title="登记通知辩护", crumbs=[("法律援助", "legalservice:aid_list")],
                      cancel="legalservice:aid_list")


def _aid_forms(user, case, data=None, step=None):
    lawyers = sel.lawyers(user).filter(is_active=True)
    today = {"on": datetime.date.today()}
    return {
        "decide": f.AidDecisionForm(data if step == "decide" else None, initial=today, prefix="decide"),
        "assign": f.AidAssignForm(data if step == "assign" else None, initial=today, lawyers=lawyers, prefix="assign"),
        "close": f.AidCloseForm(data if step == "close" else None, initial=today, prefix="close"),
        "archive": f.AidArchiveForm(data if step == "archive" else None, initial=today, prefix="archive"),
        "materials": f.AidMaterialsForm(data if step == "materials" else None, initial=today, prefix="materials"),
        "withdraw": f.AidWithdrawForm(data if step == "withdraw" else None, initial=today, prefix="withdraw"),
        "terminate": f.AidTerminateForm(data if step == "terminate" else None, initial=today, prefix="terminate"),
    }


def _timeliness(case) -> list[dict]:
    """Days taken for the review (第四十三条) and the assignment (第四十三条/第三十六条), against the
    rule's current count (calendar days, as registered on the board)."""
    from fazhi.core.deadlines import compute_due
    from fazhi.legalservice.choices import AidSource

    out = []
    decided = case.accepted_on if case.source == "application" else None
    decided = decided or case.refused_on
    if case.source == AidSource.APPLICATION and decided:
        due = compute_due("legalaid.review", case.received_on)
        out.append({"label": "审查决定（第四十三条）", "days": (decided - case.received_on).days, "due": due,
                    "late": decided > due})
    if case.assigned_on and case.accepted_on:
        rule = "legalaid.criminal_assign" if case.source == AidSource.NOTICE else "legalaid.assign"
        due = compute_due(rule, case.accepted_on)
        label = "指派律师（第三十六条）" if case.source == AidSource.NOTICE else "指派律师（第四十三条）"
        out.append({"label": label, "days": (case.assigned_on - case.accepted_on).days, "due": due,
                    "late": case.assigned_on > due})
    return out


def _aid_detail_page(request, case, forms, status=200):
    from fazhi.core.models import Deadline
    deadlines = Deadline.objects.filter(target_type="legalservice.aidcase", target_id=str(case.code)).select_related(
        "rule").order_by("start_date", "id")
    return render(request, "legalservice/aid_detail.html", {
        "case": case, "forms": forms, "deadlines": deadlines, "timeliness": _timeliness(case), "can_edit": can_write(request.user, case.organization),
        "Status": AidStatus,
    }, status=status)


@login_required
@require_safe
def aid_detail(request, code):
    case = sel.aid_case(request.user, code)
    return _aid_detail_page(request, case, _aid_forms(request.user, case))


@login_required
def aid_edit(request, code):
    case = sel.aid_case(request.user, code, write=True)
    initial = {k: getattr(case, k) for k in services.AID_EDITABLE}
    form = f.AidEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.aid_update(actor=request.user, case=case, data=d,
                                                                  request_id=_rid(request)),
                     lambda o: "已保存。", lambda o: ("legalservice:aid_detail", o.code))
        if resp:
            return resp
    return _form_page(request, form, title=f"修改案件信息：{case.number}", crumbs=[("法律援助", "legalservice:aid_list")],
                      cancel="legalservice:aid_list", cancel_url=reverse("legalservice:aid_detail", args=[case.code]))


@login_required
@require_POST
def aid_step(request, code, step):
    case = sel.aid_case(request.user, code, write=True)
    if step not in ("decide", "assign", "close", "archive", "materials", "withdraw", "terminate"):
        raise Http404("未找到该操作。")
    forms = _aid_forms(request.user, case, request.POST, step)
    form = forms[step]
    if form.is_valid():
        d = form.cleaned_data
        try:
            if step == "decide":
                if d["decision"] == "grant":
                    services.aid_grant(actor=request.user, case=case, on=d["on"], request_id=_rid(request))
                else:
                    services.aid_refuse(actor=request.user, case=case, on=d["on"], reason=d["reason"],
                                        request_id=_rid(request))
            elif step == "assign":
                services.aid_assign(actor=request.user, case=case, lawyer=d["lawyer"], on=d["on"],
                                    request_id=_rid(request))
            elif step == "close":
                services.aid_close(actor=request.user, case=case, on=d["on"], outcome=d["outcome"],
                                   money_recovered=d["money_recovered"], request_id=_rid(request))
            elif step == "archive":
                services.aid_archive(actor=request.user, case=case, on=d["on"], quality_score=d["quality_score"],
                                     request_id=_rid(request))
            elif step == "materials":
                services.aid_request_materials(actor=request.user, case=case, on=d["on"], items=d["items"],
                                               request_id=_rid(request))
            elif step == "withdraw":
                services.aid_withdraw(actor=request.user, case=case, on=d["on"], request_id=_rid(request))
            else:
                services.aid_terminate(actor=request.user, case=case, on=d["on"], ground=d["ground"], note=d["note"],
                                       request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("legalservice:aid_detail", code=case.code)
    case.refresh_from_db()
    if not _step_shown(case, step):
        # The step's form is not on the page for the case's current state (a second tab, the back
        # button): say why, or the clerk sees the page come back with nothing explained.
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return _aid_detail_page(request, case, forms, status=400)


def _step_shown(case, step: str) -> bool:
    """Whether ``aid_detail.html`` shows the form of ``step`` for the case as it now is."""
    s = case.status
    if step == "decide":
        return s == AidStatus.RECEIVED
    if step == "materials":
        return s == AidStatus.RECEIVED and not case.materials_requested_on
    if step == "withdraw":
        return s == AidStatus.RECEIVED and bool(case.materials_requested_on)
    if step == "assign":
        return s == AidStatus.GRANTED
    if step == "close":
        return s == AidStatus.ASSIGNED
    if step == "archive":
        return s == AidStatus.CLOSED
    return s in (AidStatus.GRANTED, AidStatus.ASSIGNED)   # terminate


# -- lawyer roster --------------------------------------------------------------------------------

@login_required
@require_safe
def lawyer_list(request):
    return render(request, "legalservice/lawyer_list.html", {
        "page": _page(request, sel.lawyers_with_load(request.user)), "can_create": writable_orgs(request.user).exists()})


@login_required
def lawyer_create(request):
    _orgs_or_403(request.user)
    form = f.LawyerForm(request.POST or None, organizations=writable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.lawyer_create(actor=request.user, request_id=_rid(request), **d),
                     lambda o: f"已将{o.name}加入律师名册。", lambda o: "legalservice:lawyer_list")
        if resp:
            return resp
    return _form_page(request, form, title="新增律师", crumbs=[("律师名册", "legalservice:lawyer_list")],
                      cancel="legalservice:lawyer_list")


@login_required
def lawyer_edit(request, code):
    lawyer = sel.lawyer(request.user, code, write=True)
    initial = {k: getattr(lawyer, k) for k in ("name", "firm", "license_no", "phone", "years_practice", "is_active")}
    initial["organization"] = lawyer.organization.code
    form = f.LawyerForm(request.POST or None, initial=initial,
                        organizations=writable_orgs(request.user).filter(pk=lawyer.organization_id))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
        resp = _save(request, form, lambda d: services.lawyer_update(actor=request.user, lawyer=lawyer, data=data,
                                                                     request_id=_rid(request)),
                     lambda o: f"已修改{o.name}的信息。", lambda o: "legalservice:lawyer_list")
        if resp:
            return resp
    return _form_page(request, form, title=f"修改律师：{lawyer.name}", crumbs=[("律师名册", "legalservice:lawyer_list")],
                      cancel="legalservice:lawyer_list")


# -- notarizations, consultations -----------------------------------------------------------------

def _year_filter(request, qs, field):
    yform = f.YearForm(request.GET or None)
    if yform.is_valid() and yform.cleaned_data.get("year"):
        qs = qs.filter(**{f"{field}__year": yform.cleaned_data["year"]})
    return qs, yform


@login_required
@require_safe
def notary_list(request):
    qs, yform = _year_filter(request, sel.notarizations(request.user), "issued_on")
    return render(request, "legalservice/notary_list.html", {
        "page": _page(request, qs), "yform": yform, "total": qs.count(), "query": request.GET.urlencode(),
        "can_create": writable_orgs(request.user).exists()})


@login_required
def notary_create(request):
    _orgs_or_403(request.user)
    form = f.NotarizationForm(request.POST or None, organizations=writable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.notarization_create(actor=request.user, request_id=_rid(request), **d),
                     lambda o: f"已登记公证 {o.number}。", lambda o: ("legalservice:notary_detail", o.code))
        if resp:
            return resp
    return _form_page(request, form, title="登记公证事项", crumbs=[("公证", "legalservice:notary_list")],
                      cancel="legalservice:notary_list")


@login_required
@require_safe
def notary_detail(request, code):
    obj = sel.notarization(request.user, code)
    rows = [("公证书编号", obj.number), ("公证事项", obj.get_matter_type_display()), ("申请人", obj.applicant_name),
            ("承办公证员", obj.notary), ("受理日期", obj.accepted_on), ("出证日期", obj.issued_on),
            ("收费（元）", obj.fee), ("备注", obj.note), ("所属单位", obj.organization.name)]
    return render(request, "legalservice/detail.html", {
        "obj": obj, "title": f"公证 {obj.number}", "rows": rows, "crumbs": [("公证", "legalservice:notary_list")],
        "edit_url": "legalservice:notary_edit" if can_write(request.user, obj.organization) else ""})


def _edit(request, obj, form_class, fields, update, title, crumbs, cancel, detail):
    initial = {k: getattr(obj, k) for k in fields}
    initial["organization"] = obj.organization.code
    form = form_class(request.POST or None, initial=initial,
                      organizations=writable_orgs(request.user).filter(pk=obj.organization_id))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
        resp = _save(request, form, lambda d: update(data), lambda o: "已保存。", lambda o: (detail, o.code))
        if resp:
            return resp
    return _form_page(request, form, title=title, crumbs=crumbs, cancel=cancel,
                      cancel_url=reverse(detail, args=[obj.code]))


@login_required
def notary_edit(request, code):
    obj = sel.notarization(request.user, code, write=True)
    return _edit(request, obj, f.NotarizationForm, services.NOTARIZATION_FIELDS,
                 lambda data: services.notarization_update(actor=request.user, notarization=obj, data=data,
                                                           request_id=_rid(request)),
                 f"修改公证：{obj.number}", [("公证", "legalservice:notary_list")], "legalservice:notary_list",
                 "legalservice:notary_detail")


@login_required
def consult_edit(request, code):
    obj = sel.consultation(request.user, code, write=True)
    return _edit(request, obj, f.ConsultationForm, services.CONSULTATION_FIELDS,
                 lambda data: services.consultation_update(actor=request.user, consultation=obj, data=data,
                                                           request_id=_rid(request)),
                 "修改法律咨询", [("法律咨询", "legalservice:consult_list")], "legalservice:consult_list",
                 "legalservice:consult_detail")


@login_required
@require_safe
def consult_list(request):
    qs, yform = _year_filter(request, sel.consultations(request.user), "consulted_on")
    channel = request.GET.get("channel", "")
    if channel in ConsultChannel.values:
        qs = qs.filter(channel=channel)
    year = f.year_of(yform)
    counts = sel.consultation_counts(sel.consultations(request.user), year)
    return render(request, "legalservice/consult_list.html", {
        "page": _page(request, qs), "yform": yform, "channel": channel, "channels": ConsultChannel.choices,
        "counts": [(label, counts.get(v, 0)) for v, label in ConsultChannel.choices], "year": year,
        "query": request.GET.urlencode(), "can_create": writable_orgs(request.user).exists()})


@login_required
def consult_create(request):
    _orgs_or_403(request.user)
    form = f.ConsultationForm(request.POST or None, organizations=writable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.consultation_create(actor=request.user, request_id=_rid(request), **d),
                     lambda o: "已登记法律咨询。", lambda o: ("legalservice:consult_detail", o.code))
        if resp:
            return resp
    return _form_page(request, form, title="登记法律咨询", crumbs=[("法律咨询", "legalservice:consult_list")],
                      cancel="legalservice:consult_list")


@login_required
@require_safe
def consult_detail(request, code):
    obj = sel.consultation(request.user, code)
    rows = [("咨询渠道", obj.get_channel_display()), ("咨询日期", obj.consulted_on), ("咨询类别", obj.get_topic_display()),
            ("咨询人", obj.person_name), ("联系电话", obj.phone), ("人次", obj.persons), ("咨询内容", obj.question),
            ("解答意见", obj.answer), ("后续处理", obj.follow_up), ("所属单位", obj.organization.name)]
    return render(request, "legalservice/detail.html", {
        "obj": obj, "title": f"法律咨询：{obj}", "rows": rows, "crumbs": [("法律咨询", "legalservice:consult_list")],
        "edit_url": "legalservice:consult_edit" if can_write(request.user, obj.organization) else ""})


# -- activities and their kinds -------------------------------------------------------------------

@login_required
@require_safe
def activity_list(request):
    filters = f.ActivityFilterForm(request.GET or None)
    qs = sel.activities(request.user)
    year = working_year()
    if filters.is_valid():
        d = filters.cleaned_data
        if d["year"]:
            qs = qs.filter(held_on__year=d["year"])
            year = d["year"]
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["q"]:
            qs = qs.filter(Q(title__icontains=d["q"]) | Q(place__icontains=d["q"]))
    return render(request, "legalservice/activity_list.html", {
        "page": _page(request, qs), "filters": filters, "query": request.GET.urlencode(),
        "summary": sel.activity_summary(sel.activities(request.user), year), "year": year,
        "can_create": writable_orgs(request.user).exists(), "is_kind_admin": _is_kind_admin(request.user)})


def _activity_data(d):
    return {k: v for k, v in d.items() if k != "organization"}


@login_required
def activity_create(request):
    _orgs_or_403(request.user)
    initial = {}
    kind_key = request.GET.get("kind", "")
    if kind_key and "\x00" not in kind_key:  # a NUL in a query is a 500 on PostgreSQL
        kind = sel.activity_kinds(active_only=True).filter(key=kind_key).first()
        if kind:
            initial["kind"] = kind.code
    form = f.ActivityForm(request.POST or None, initial=initial, organizations=writable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.activity_create(actor=request.user, request_id=_rid(request), **d),
                     lambda o: f"已登记活动“{o.title}”。", lambda o: ("legalservice:activity_detail", o.code))
        if resp:
            return resp
    return _form_page(request, form, title="登记活动", crumbs=[("活动台账", "legalservice:activity_list")],
                      cancel="legalservice:activity_list")


@login_required
def activity_edit(request, code):
    obj = sel.activity(request.user, code, write=True)
    initial = {k: getattr(obj, k) for k in ("title", "held_on", "end_on", "place", "count", "amount", "reach", "note")}
    initial.update(kind=obj.kind.code, organization=obj.organization.code)
    form = f.ActivityForm(request.POST or None, initial=initial,
                          organizations=writable_orgs(request.user).filter(pk=obj.organization_id))
    if request.method == "POST" and form.is_valid():
        data = _activity_data(form.cleaned_data)
        resp = _save(request, form, lambda d: services.activity_update(actor=request.user, activity=obj, data=data,
                                                                       request_id=_rid(request)),
                     lambda o: "已保存。", lambda o: ("legalservice:activity_detail", o.code))
        if resp:
            return resp
    return _form_page(request, form, title=f"修改活动：{obj.title}", crumbs=[("活动台账", "legalservice:activity_list")],
                      cancel="legalservice:activity_list",
                      cancel_url=reverse("legalservice:activity_detail", args=[obj.code]))


@login_required
@require_safe
def activity_detail(request, code):
    obj = sel.activity(request.user, code)
    k = obj.kind
    rows = [("活动类别", k.name), ("活动名称", obj.title), ("日期", obj.held_on), ("截止日期", obj.end_on),
            ("地点/对象", obj.place), (f"数量（{k.count_unit}）", obj.count)]
    if k.amount_label:
        rows.append((f"{k.amount_label}（元）", obj.amount))
    if k.reach_label:
        rows.append((k.reach_label, obj.reach))
    rows += [("备注", obj.note), ("所属单位", obj.organization.name)]
    return render(request, "legalservice/detail.html", {
        "obj": obj, "title": obj.title, "rows": rows, "crumbs": [("活动台账", "legalservice:activity_list")],
        "edit_url": "legalservice:activity_edit" if can_write(request.user, obj.organization) else ""})


@login_required
@require_safe
def kind_list(request):
    return render(request, "legalservice/kind_list.html", {"kinds": sel.activity_kinds(),
                                                            "is_kind_admin": _is_kind_admin(request.user)})


def _require_kind_admin(user):
    if not _is_kind_admin(user):
        raise PermissionDenied("只有法治办管理员可以维护活动类别。")


@login_required
def kind_create(request):
    _require_kind_admin(request.user)
    form = f.ActivityKindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.activity_kind_create(actor=request.user, request_id=_rid(request), **d),
                     lambda o: f"已新增活动类别“{o.name}”，现在即可按此类别登记活动。", lambda o: "legalservice:kind_list")
        if resp:
            return resp
    return _form_page(request, form, title="新增活动类别", crumbs=[("活动类别", "legalservice:kind_list")],
                      cancel="legalservice:kind_list")


@login_required
def kind_edit(request, code):
    _require_kind_admin(request.user)
    kind = sel.activity_kinds().filter(code=code).first()
    if kind is None:
        raise Http404("未找到该活动类别。")
    initial = {k: getattr(kind, k) for k in services.KIND_FIELDS}
    form = f.ActivityKindForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.activity_kind_update(actor=request.user, kind=kind, data=d,
                                                                            request_id=_rid(request)),
                     lambda o: f"已修改活动类别“{o.name}”。", lambda o: "legalservice:kind_list")
        if resp:
            return resp
    return _form_page(request, form, title=f"修改活动类别：{kind.name}", crumbs=[("活动类别", "legalservice:kind_list")],
                      cancel="legalservice:kind_list")


# -- service points -------------------------------------------------------------------------------

@login_required
@require_safe
def point_list(request):
    return render(request, "legalservice/point_list.html", {
        "points": sel.points(request.user), "can_create": writable_orgs(request.user).exists()})


@login_required
def point_create(request):
    _orgs_or_403(request.user)
    form = f.ServicePointForm(request.POST or None, organizations=writable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        resp = _save(request, form, lambda d: services.point_create(actor=request.user, request_id=_rid(request), **d),
                     lambda o: f"已新增“{o.name}”。", lambda o: ("legalservice:point_detail", o.code))
        if resp:
            return resp
    return _form_page(request, form, title="新增服务平台", crumbs=[("服务平台", "legalservice:point_list")],
                      cancel="legalservice:point_list")


@login_required
def point_edit(request, code):
    obj = sel.point(request.user, code, write=True)
    initial = {k: getattr(obj, k) for k in services.POINT_FIELDS}
    initial["organization"] = obj.organization.code
    form = f.ServicePointForm(request.POST or None, initial=initial,
                              organizations=writable_orgs(request.user).filter(pk=obj.organization_id))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
        resp = _save(request, form, lambda d: services.point_update(actor=request.user, point=obj, data=data,
                                                                    request_id=_rid(request)),
                     lambda o: "已保存。", lambda o: ("legalservice:point_detail", o.code))
        if resp:
            return resp
    return _form_page(request, form, title=f"修改：{obj.name}", crumbs=[("服务平台", "legalservice:point_list")],
                      cancel="legalservice:point_list", cancel_url=reverse("legalservice:point_detail", args=[obj.code]))


@login_required
@require_safe
def point_detail(request, code):
    obj = sel.point(request.user, code)
    rows = [("名称", obj.name), ("平台层级", obj.get_level_display()), ("地址/网址", obj.address), ("服务电话", obj.phone),
            ("服务时间", obj.hours), ("服务项目", obj.services), ("在门户公开", "是" if obj.is_public else "否"),
            ("所属单位", obj.organization.name)]
    return render(request, "legalservice/detail.html", {
        "obj": obj, "title": obj.name, "rows": rows, "crumbs": [("服务平台", "legalservice:point_list")],
        "edit_url": "legalservice:point_edit" if can_write(request.user, obj.organization) else ""})
