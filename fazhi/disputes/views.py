"""Staff pages: validate (Form) → scoped fetch → one service call → respond."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from fazhi.core.viewutils import page as _page, posted as _post, request_id as _rid
from fazhi.core.forms import apply_validation_error
from fazhi.core.indicators import year_bounds
from fazhi.core.scoping import can_write, scope, writable_orgs
from fazhi.core.workyear import working_year

from . import forms as F
from . import selectors as S
from . import services
from .choices import ReviewState
from .models import MediationCase, MediationConsultation, ReviewCase


def _year(request) -> int:
    form = F.YearForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"]
    return working_year()


def _form_page(request, form, *, title, back, status=None, intro=""):
    return render(request, "disputes/form.html", {"form": form, "title": title, "back": back, "intro": intro},
                  status=status or (400 if form.errors else 200))


# ---------------------------------------------------------------------------------------------- index
@login_required
@require_safe
def index(request):
    year = _year(request)
    start, end = year_bounds(year)
    reviews = S.review_list(request.user)
    lit = scope(S.LitigationCase.objects.all(), request.user)
    med = scope(MediationCase.objects.all(), request.user)
    cons = scope(MediationConsultation.objects.all(), request.user)
    return render(request, "disputes/index.html", {
        "year": year,
        "review": S.review_figures(reviews, start, end),
        "litigation": S.litigation_figures(lit, start, end),
        "mediation": S.mediation_figures(med, cons, start, end),
        "arbitration": S.arbitration_list(request.user).filter(received_on__range=(start, end)).count(),
        "oneup": S.one_up_two_down(request.user, year),
        "can_write": writable_orgs(request.user).exists(),
    })


# ---------------------------------------------------------------------------------------------- 复议
@login_required
@require_safe
def review_list(request):
    f = F.ReviewFilterForm(request.GET or None)
    d = f.cleaned_data if f.is_valid() else {}
    qs = S.review_list(request.user, q=d.get("q") or "", state=d.get("state") or "", year=d.get("year"))
    return render(request, "disputes/review_list.html", {"filters": f, "page": _page(request, qs),
                                                         "can_create": writable_orgs(request.user).exists()})


@login_required
@require_http_methods(["GET", "POST"])
def review_create(request):
    if not writable_orgs(request.user).exists():
        raise PermissionDenied("您没有登记行政复议申请的权限。")
    form = F.ReviewCreateForm(_post(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.review_receive(actor=request.user, request_id=_rid(request), **d)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已登记行政复议申请，受理审查期限至{case.acceptance_due:%Y年%m月%d日}。")
            return redirect("disputes:review_detail", code=case.code)
    return _form_page(request, form, title="登记行政复议申请", back="disputes:review_list")


REVIEW_ACTIONS = {
    # action: (label, form class, service, {form field → service kwarg})
    "correction": ("通知补正", F.CorrectionNoticeForm, services.review_correction_notice, {}),
    "supply": ("收到补正材料", F.CorrectionSupplyForm, services.review_correction_supply, {}),
    "abandon": ("视为放弃", F.OnDateForm, services.review_abandon, {}),
    "accept": ("受理", F.AcceptForm, services.review_accept, {}),
    "deem": ("视为受理", None, services.review_deem_accepted, {}),
    "reject": ("不予受理", F.RejectForm, services.review_reject, {}),
    "copy": ("发送申请书副本", F.CopyForm, services.review_send_copy, {}),
    "reply": ("收到书面答复", F.ReplyForm, services.review_record_reply, {}),
    "hearing": ("通知听证", F.HearingNoticeForm, services.review_notice_hearing, {}),
    "suspend": ("中止", F.SuspendForm, services.review_suspend, {}),
    "resume": ("恢复审理", F.OnDateForm, services.review_resume, {}),
    "premediation": ("前置调解", F.PreMediationForm, services.review_pre_mediation, {}),
    "extend": ("延长审理期限", F.ExtendForm, services.review_extend, {}),
    "decide": ("作出复议决定", F.DecideForm, services.review_decide, {}),
    "mediate": ("调解结案", F.MediateForm, services.review_mediate, {}),
    "terminate": ("终止", F.TerminateForm, services.review_terminate, {}),
    "dismiss": ("驳回申请", F.DismissForm, services.review_dismiss, {}),
    "opinion": ("制发行政复议意见书", F.OpinionForm, services.review_issue_opinion, {}),
    "opinion_report": ("收到意见书落实报告", F.OnDateForm, services.review_opinion_reported, {}),
}

# Which actions a state offers.
STATE_ACTIONS = {
    ReviewState.RECEIVED: ["accept", "correction", "reject", "deem"],
    ReviewState.CORRECTING: ["supply", "abandon"],
    ReviewState.ACCEPTED: ["copy", "reply", "premediation", "hearing", "suspend", "extend", "decide", "mediate",
                           "terminate", "dismiss", "opinion"],
    ReviewState.SUSPENDED: ["resume", "premediation", "mediate", "terminate", "opinion"],
}


def _review_actions(case: ReviewCase) -> list[tuple[str, str]]:
    keys = list(STATE_ACTIONS.get(case.state, []))
    if case.state in (ReviewState.DECIDED, ReviewState.MEDIATED, ReviewState.TERMINATED, ReviewState.DISMISSED) \
            and not case.opinion_issued_on:
        keys.append("opinion")
    if case.opinion_issued_on and not case.opinion_reported_on:
        keys.append("opinion_report")
    if case.copy_sent_on:
        keys = [k for k in keys if k != "copy"]
    if not case.copy_sent_on or case.reply_received_on:
        keys = [k for k in keys if k != "reply"]
    if case.opinion_issued_on:
        keys = [k for k in keys if k != "opinion"]
    return [(k, REVIEW_ACTIONS[k][0]) for k in keys]


@login_required
@require_safe
def review_detail(request, code):
    case = S.review_get(request.user, code)
    today = timezone.localdate()
    return render(request, "disputes/review_detail.html", {
        "case": case, "obj": case, "can_write": can_write(request.user, case.organization),
        "actions": _review_actions(case), "reply_overdue": services.reply_overdue(case, today),
        "late_reply_consequence": services.late_reply_consequence(case),
        "deem_due": case.state == ReviewState.RECEIVED and case.acceptance_due and today > case.acceptance_due,
        "cite_accept": services.cite(case, "accept"), "cite_window": services.cite(case, "window"),
        "cite_decide": services.cite(case, "decide"),
    })


def _step(request, case, label, form_class, service, back_url: str, *, context=None):
    """One workflow step of a case: its form, one service call, back to the case page on success."""
    form = form_class(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, case=case, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已办理：{label}。")
            return redirect(back_url)
    return render(request, "disputes/form.html", {"form": form, "title": f"{label}：{case}", "back_url": back_url,
                                                  **(context or {})}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def review_action(request, code, action):
    if action not in REVIEW_ACTIONS:
        raise Http404("未找到该操作。")
    case = S.review_get(request.user, code, write=True)
    label, form_class, service, _ = REVIEW_ACTIONS[action]
    if form_class is None:  # 视为受理: a confirmation page, then POST
        if request.method == "POST":
            try:
                service(actor=request.user, case=case, request_id=_rid(request))
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, "已视为受理。")
            return redirect("disputes:review_detail", code=case.code)
        return render(request, "disputes/confirm.html", {"case": case, "title": label,
                                                         "text": f"受理审查期限已于{case.acceptance_due}届满，未作出不予受理决定的，"
                                                                 f"视为受理（{services.cite(case, 'accept')}）。"})
    return _step(request, case, label, form_class, service, case_url(case), context={"case": case})


def case_url(case) -> str:
    from django.urls import reverse

    return reverse("disputes:review_detail", kwargs={"code": case.code})


# ---------------------------------------------------------------------------------------------- 应诉
@login_required
@require_safe
def litigation_list(request):
    f = F.LitigationFilterForm(request.GET or None)
    d = f.cleaned_data if f.is_valid() else {}
    qs = S.litigation_list(request.user, q=d.get("q") or "", year=d.get("year"), flag=d.get("flag") or "")
    return render(request, "disputes/litigation_list.html", {"filters": f, "page": _page(request, qs),
                                                             "can_create": writable_orgs(request.user).exists()})


@login_required
@require_http_methods(["GET", "POST"])
def litigation_create(request):
    if not writable_orgs(request.user).exists():
        raise PermissionDenied("您没有登记行政应诉案件的权限。")
    form = F.LitigationCreateForm(_post(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.litigation_create(actor=request.user, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已登记，答辩举证期限至{case.answer_due:%Y年%m月%d日}（行政诉讼法第六十七条）。")
            return redirect("disputes:litigation_detail", code=case.code)
    return _form_page(request, form, title="登记行政应诉案件", back="disputes:litigation_list")


LIT_ACTIONS = {
    "answer": ("提交答辩状和证据", F.AnswerForm, services.litigation_file_answer),
    "hearing": ("登记开庭及出庭应诉", F.LitigationHearingForm, services.litigation_add_hearing),
    "outcome": ("登记裁判结果及上诉", F.OutcomeForm, services.litigation_set_outcome),
}


@login_required
@require_safe
def litigation_detail(request, code):
    case = S.litigation_get(request.user, code)
    return render(request, "disputes/litigation_detail.html", {
        "case": case, "obj": case, "hearings": case.hearings.all(), "can_write": can_write(request.user, case.organization),
        "actions": [(k, v[0]) for k, v in LIT_ACTIONS.items() if not (k == "answer" and case.answer_filed_on)],
    })


@login_required
@require_http_methods(["GET", "POST"])
def litigation_action(request, code, action):
    if action not in LIT_ACTIONS:
        raise Http404("未找到该操作。")
    case = S.litigation_get(request.user, code, write=True)
    label, form_class, service = LIT_ACTIONS[action]
    return _step(request, case, label, form_class, service,
                 reverse("disputes:litigation_detail", kwargs={"code": case.code}))


# ---------------------------------------------------------------------------------------------- 调解
@login_required
@require_safe
def mediation_list(request):
    f = F.MediationFilterForm(request.GET or None)
    d = f.cleaned_data if f.is_valid() else {}
    qs = S.mediation_list(request.user, kind=d.get("kind") or "", status=d.get("status") or "",
                          dispute_type=d.get("dispute_type") or "", complex_case=d.get("complex_case") or False,
                          year=d.get("year"))
    return render(request, "disputes/mediation_list.html", {
        "filters": f, "page": _page(request, qs), "total": qs.count(),
        "can_create": S.writable_rooms(request.user).exists()})


@login_required
@require_http_methods(["GET", "POST"])
def mediation_create(request):
    rooms = S.writable_rooms(request.user)
    if not rooms.exists():
        raise PermissionDenied("您没有可登记纠纷的调解组织。")
    form = F.MediationCreateForm(_post(request), rooms=rooms)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        room = d.pop("room")
        try:
            case = services.mediation_create(actor=request.user, room=room, data=d, request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已登记，一般调结期限至{case.settle_due:%Y年%m月%d日}。")
            return redirect("disputes:mediation_detail", code=case.code)
    return _form_page(request, form, title="登记调解案件", back="disputes:mediation_list")


MED_ACTIONS = {
    "close": ("调结", F.MediationCloseForm, services.mediation_close),
    "confirmation": ("登记司法确认", F.ConfirmationForm, services.mediation_confirmation),
    "followup": ("回访", F.FollowupForm, services.mediation_followup),
}


@login_required
@require_safe
def mediation_detail(request, code):
    case = S.mediation_get(request.user, code)
    actions = ["close"] if case.status == "open" else ["followup"]
    if case.status == "success" and not case.confirmation_applied_on:
        actions.append("confirmation")
    due = None
    try:
        due = services.confirmation_due(case)
    except ValidationError:
        pass
    return render(request, "disputes/mediation_detail.html", {
        "case": case, "obj": case, "can_write": can_write(request.user, case.organization),
        "actions": [(k, MED_ACTIONS[k][0]) for k in actions], "confirmation_due": due})


@login_required
@require_http_methods(["GET", "POST"])
def mediation_action(request, code, action):
    if action not in MED_ACTIONS:
        raise Http404("未找到该操作。")
    case = S.mediation_get(request.user, code, write=True)
    label, form_class, service = MED_ACTIONS[action]
    return _step(request, case, label, form_class, service,
                 reverse("disputes:mediation_detail", kwargs={"code": case.code}))


@login_required
@require_safe
def room_list(request):
    return render(request, "disputes/room_list.html", {"rooms": S.room_list(request.user),
                                                       "can_create": writable_orgs(request.user).exists()})


@login_required
@require_http_methods(["GET", "POST"])
def room_create(request):
    if not writable_orgs(request.user).exists():
        raise PermissionDenied("您没有新增调解组织的权限。")
    form = F.RoomForm(_post(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_create(actor=request.user, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已新增调解组织“{room.name}”。")
            return redirect("disputes:room_detail", code=room.code)
    return _form_page(request, form, title="新增调解组织", back="disputes:room_list")


@login_required
@require_http_methods(["GET", "POST"])
def room_detail(request, code):
    room = S.room_get(request.user, code, write=request.method == "POST")
    form = F.ConsultationForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_create(actor=request.user, room=room, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已登记法律咨询。")
            return redirect("disputes:room_detail", code=room.code)
    consultations = S.consultation_list(request.user, room)
    return render(request, "disputes/room_detail.html", {
        "room": room, "obj": room, "form": form, "can_write": can_write(request.user, room.organization),
        "consultations": consultations[:50], "people": sum(consultations.values_list("people", flat=True)),
        "cases": room.cases.count()}, status=400 if form.errors else 200)


# ---------------------------------------------------------------------------------------------- 仲裁
@login_required
@require_safe
def arbitration_list(request):
    year = F.YearForm(request.GET or None)
    y = year.cleaned_data["year"] if year.is_valid() else None
    qs = S.arbitration_list(request.user, year=y)
    from django.db.models import Sum

    return render(request, "disputes/arbitration_list.html", {
        "page": _page(request, qs), "filters": year, "count": qs.count(),
        "amount": qs.aggregate(s=Sum("amount_recovered"))["s"] or 0,
        "documents": qs.aggregate(s=Sum("documents_written"))["s"] or 0,
        "can_create": writable_orgs(request.user).exists()})


@login_required
@require_http_methods(["GET", "POST"])
def arbitration_create(request):
    if not writable_orgs(request.user).exists():
        raise PermissionDenied("您没有登记劳动仲裁案件的权限。")
    form = F.ArbitrationForm(_post(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        org = d.pop("organization")
        d["documents_written"] = d.get("documents_written") or 0
        try:
            case = services.arbitration_create(actor=request.user, organization=org, data=d, request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已登记劳动仲裁案件“{case.number}”。")
            return redirect("disputes:arbitration_detail", code=case.code)
    return _form_page(request, form, title="登记劳动仲裁案件", back="disputes:arbitration_list")


@login_required
@require_safe
def arbitration_detail(request, code):
    case = S.arbitration_get(request.user, code)
    return render(request, "disputes/arbitration_detail.html", {"case": case, "obj": case})


# ---------------------------------------------------------------------------------------------- 一升两降
@login_required
@require_http_methods(["GET", "POST"])
def stats(request):
    year = _year(request)
    form = None
    if writable_orgs(request.user).exists():
        form = F.YearlyCountForm(_post(request), user=request.user, initial={"year": year})
        if request.method == "POST" and form.is_valid():
            try:
                services.yearly_count_set(actor=request.user, request_id=_rid(request), **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, "已保存年度数据。")
                return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    elif request.method == "POST":
        raise PermissionDenied("您没有填报年度数据的权限。")
    return render(request, "disputes/stats.html", {
        "year": year, "oneup": S.one_up_two_down(request.user, year), "rows": S.yearly_rows(request.user),
        "form": form}, status=400 if form is not None and form.errors else 200)


EDIT = {
    "review": (S.review_get, F.ReviewEditForm, "disputes:review_detail", "修改行政复议案件"),
    "litigation": (S.litigation_get, F.LitigationEditForm, "disputes:litigation_detail", "修改行政应诉案件"),
    "mediation": (S.mediation_get, F.MediationEditForm, "disputes:mediation_detail", "修改调解案件"),
}


def _edit(request, code, kind):
    from django.urls import reverse

    getter, form_class, detail, title = EDIT[kind]
    obj = getter(request.user, code, write=True)
    initial = {name: getattr(obj, name) for name in form_class.base_fields}
    form = form_class(_post(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(actor=request.user, obj=obj, data=form.cleaned_data, request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect(detail, code=obj.code)
    return render(request, "disputes/form.html", {"form": form, "title": f"{title}：{obj}",
                                                  "back_url": reverse(detail, kwargs={"code": obj.code})},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request, code):
    return _edit(request, code, "review")


@login_required
@require_http_methods(["GET", "POST"])
def litigation_edit(request, code):
    return _edit(request, code, "litigation")


@login_required
@require_http_methods(["GET", "POST"])
def mediation_edit(request, code):
    return _edit(request, code, "mediation")
