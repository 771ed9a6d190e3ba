"""Staff pages of 统筹督察: validate → scoped fetch → one service call → respond."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

form_methods = require_http_methods(["GET", "HEAD", "POST"])

from fazhi.core.attachments import attachment_list
from fazhi.core.choices import OrgKind, Role
from fazhi.core.forms import apply_validation_error
from fazhi.core.scoping import can_write, has_role, writable_orgs
from fazhi.core.viewutils import request_id as _rid
from fazhi.core.viewutils import writable_orgs_or_403

from . import forms as F
from . import selectors as sel
from . import services as sv
from .choices import (
    AssessmentStatus,
    FindingStatus,
    InspectionScope,
    MeetingKind,
    TrainingMode,
)
from .scoring import target_result


def _year(request):
    y = request.GET.get("year", "")
    return int(y) if y.isdigit() and 2000 <= int(y) <= 2100 else None


def _render_form(request, form, title, back, status=None, back_url=""):
    return render(request, "oversight/form.html", {"form": form, "title": title, "back": back,
                                                   "back_url": back_url},
                  status=status or (400 if form.errors else 200))


def _orgs_or_403(user):
    return writable_orgs_or_403(user, "您没有登记的权限。")


@login_required
@require_safe
def index(request):
    year = _year(request) or 2021
    from fazhi.core.indicators import all_indicators, org_scope, year_bounds
    from fazhi.core.scoping import visible_orgs
    figures = []
    gov = visible_orgs(request.user).filter(kind=OrgKind.GOVERNMENT).select_related("region").first()
    if gov is not None:
        orgs, (start, end) = org_scope(gov), year_bounds(year)
        figures = [{"section": i.section, "name": i.name, "unit": i.unit, "value": i.compute(orgs, start, end)}
                   for i in all_indicators() if i.module == "oversight"]
    return render(request, "oversight/index.html", {"year": year, "figures": figures})


# ---- meetings / study / trainings ---------------------------------------------------------
@login_required
@require_safe
def meeting_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in MeetingKind.values else ""
    return render(request, "oversight/meeting_list.html", {
        "rows": sel.meetings(request.user, kind=kind, year=_year(request)), "kinds": MeetingKind.choices,
        "kind": kind, "can_create": writable_orgs(request.user).exists()})


@login_required
@form_methods
def meeting_create(request):
    orgs = _orgs_or_403(request.user)
    form = F.MeetingForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            m = sv.meeting_create(actor=request.user, organization=d["organization"], kind=d["kind"], title=d["title"],
                                  held_on=d["held_on"], topics=d["topics"], documents=d["documents"].splitlines(),
                                  request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已登记会议。")
            return redirect("oversight:meeting_detail", code=m.code)
    return _render_form(request, form, "登记会议", "oversight:meetings")


@login_required
@require_safe
def meeting_detail(request, code):
    m = sel.meeting_get(request.user, code)
    return render(request, "oversight/meeting_detail.html", {"m": m, "studies": m.studies.all(),
                                                             "can_edit": can_write(request.user, m.organization)})


@login_required
@form_methods
def meeting_edit(request, code):
    m = sel.meeting_get(request.user, code, write=True)
    docs = "\n".join(m.documents.order_by("id").values_list("title", flat=True))
    form = F.MeetingEditForm(request.POST or None, initial={
        "kind": m.kind, "title": m.title, "held_on": m.held_on, "topics": m.topics, "notes": m.notes,
        "documents": docs})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.meeting_update(actor=request.user, meeting=m, kind=d["kind"], title=d["title"], held_on=d["held_on"],
                              topics=d["topics"], notes=d["notes"], documents=d["documents"].splitlines(),
                              request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已修改会议。")
            return redirect("oversight:meeting_detail", code=m.code)
    return _render_form(request, form, f"修改会议：{m.title}", "oversight:meetings",
                        back_url=reverse("oversight:meeting_detail", args=[m.code]))


@login_required
@require_safe
def study_list(request):
    writable_ids = set(writable_orgs(request.user).values_list("id", flat=True))
    return render(request, "oversight/study_list.html", {"rows": sel.studies(request.user, year=_year(request)),
                                                          "can_create": bool(writable_ids),
                                                          "writable_ids": writable_ids})


@login_required
@form_methods
def study_create(request):
    orgs = _orgs_or_403(request.user)
    form = F.StudyForm_(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.study_create(actor=request.user, organization=d["organization"], form=d["form"], held_on=d["held_on"],
                            topics=d["topics"], attendees=d["attendees"], attendee_count=d["attendee_count"] or 0,
                            request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已登记学法。")
            return redirect("oversight:studies")
    return _render_form(request, form, "登记学法", "oversight:studies")


@login_required
@form_methods
def study_edit(request, code):
    s = sel.study_get(request.user, code, write=True)
    form = F.StudyEditForm(request.POST or None, initial={
        "form": s.form, "held_on": s.held_on, "topics": s.topics, "attendees": s.attendees,
        "attendee_count": s.attendee_count})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.study_update(actor=request.user, study=s, form=d["form"], held_on=d["held_on"], topics=d["topics"],
                            attendees=d["attendees"], attendee_count=d["attendee_count"] or 0,
                            request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已修改学法记录。")
            return redirect("oversight:studies")
    return _render_form(request, form, "修改学法记录", "oversight:studies")


@login_required
@require_safe
def training_list(request):
    mode = request.GET.get("mode", "")
    mode = mode if mode in TrainingMode.values else ""
    rows = sel.trainings(request.user, mode=mode, year=_year(request))
    return render(request, "oversight/training_list.html", {
        "rows": rows, "mode": mode, "modes": TrainingMode.choices,
        "can_create": writable_orgs(request.user).exists()})


@login_required
@form_methods
def training_create(request):
    orgs = _orgs_or_403(request.user)
    form = F.TrainingForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            t = sv.training_create(actor=request.user, organization=d["organization"], title=d["title"],
                                   held_on=d["held_on"], mode=d["mode"], person_times=d["person_times"],
                                   lecturer=d["lecturer"], attendees=d["attendees"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已登记培训。")
            return redirect("oversight:training_detail", code=t.code)
    return _render_form(request, form, "登记培训", "oversight:trainings")


@login_required
@require_safe
def training_detail(request, code):
    t = sel.training_get(request.user, code)
    return render(request, "oversight/training_detail.html", {"t": t, "attendances": t.attendances.all()[:500],
                                                              "can_edit": can_write(request.user, t.organization)})


@login_required
@form_methods
def training_edit(request, code):
    t = sel.training_get(request.user, code, write=True)
    form = F.TrainingEditForm(request.POST or None, initial={
        "title": t.title, "held_on": t.held_on, "mode": t.mode, "lecturer": t.lecturer, "content": t.content,
        "person_times": t.person_times})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.training_update(actor=request.user, training=t, title=d["title"], held_on=d["held_on"], mode=d["mode"],
                               person_times=d["person_times"], content=d["content"], lecturer=d["lecturer"],
                               request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已修改培训。")
            return redirect("oversight:training_detail", code=t.code)
    return _render_form(request, form, f"修改培训：{t.title}", "oversight:trainings",
                        back_url=reverse("oversight:training_detail", args=[t.code]))


# ---- work plan ------------------------------------------------------------------------------
@login_required
@form_methods
def plan_create(request):
    orgs = _orgs_or_403(request.user)
    form = F.PlanForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            p = sv.plan_create(actor=request.user, organization=d["organization"], year=d["year"], title=d["title"],
                               request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已登记工作要点，请逐项添加任务。")
            return redirect("oversight:plan_detail", code=p.code)
    return _render_form(request, form, "登记工作要点", "oversight:tasks")


@login_required
@form_methods
def plan_detail(request, code):
    """The plan, % done per owner, its tasks, and (for whoever writes the plan's organization) a form that
    adds a task."""
    plan = sel.plan_get(request.user, code, write=request.method == "POST")
    can_edit = can_write(request.user, plan.organization)
    form = F.TaskCreateForm(request.POST or None, orgs=writable_orgs(request.user)) if can_edit else None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.task_create(actor=request.user, plan=plan, owner=d["owner"], number=d["number"], title=d["title"],
                           kind=d["kind"], due_on=d["due_on"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已添加任务，完成时限已列入期限预警。")
            return redirect("oversight:plan_detail", code=plan.code)
    tasks = list(sel.tasks(request.user, plan=plan))
    return render(request, "oversight/plan_detail.html", {"plan": plan, "by_org": sel.completion_by_org(tasks),
                                                          "n": len(tasks), "tasks": tasks, "form": form},
                  status=400 if form is not None and form.errors else 200)


@login_required
@require_safe
def task_list(request):
    f = F.TaskFilterForm(request.GET or None)
    kind = status = ""
    if f.is_valid():
        kind, status = f.cleaned_data["kind"], f.cleaned_data["status"]
    rows = list(sel.tasks(request.user, kind=kind, status=status))
    return render(request, "oversight/task_list.html", {"rows": rows, "filters": f,
                                                         "by_org": sel.completion_by_org(rows),
                                                         "plans": sel.plans(request.user),
                                                         "can_create": writable_orgs(request.user).exists()})


@login_required
@form_methods
def task_detail(request, code):
    task = sel.task_get(request.user, code, write=request.method == "POST")
    form = F.ProgressForm(request.POST or None, initial={"progress": task.progress})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.task_report_progress(actor=request.user, task=task, progress=d["progress"], note=d["note"],
                                    evidence_link=d["evidence_link"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已报送任务进展。")
            return redirect("oversight:task_detail", code=task.code)
    return render(request, "oversight/task_detail.html", {"task": task, "form": form,
                                                          "can_edit": can_write(request.user, task.organization),
                                                          "can_correct": task.status != "done" and can_write(
                                                              request.user, task.plan.organization)},
                  status=400 if form.errors else 200)


@login_required
@form_methods
def task_edit(request, code):
    task = sel.task_get(request.user, code)
    if not can_write(request.user, task.plan.organization):
        raise PermissionDenied("只有工作要点的制定单位可以修改任务。")
    form = F.TaskEditForm(request.POST or None, initial={"number": task.number, "title": task.title,
                                                         "kind": task.kind, "due_on": task.due_on})
    if request.method == "POST" and form.is_valid():
        try:
            sv.task_update(actor=request.user, task=task, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已修改任务。")
            return redirect("oversight:task_detail", code=task.code)
    return _render_form(request, form, f"修改任务：{task.number} {task.title}", "oversight:tasks",
                        back_url=reverse("oversight:task_detail", args=[task.code]))


# ---- inspections -------------------------------------------------------------------------------
@login_required
@require_safe
def inspection_list(request):
    s = request.GET.get("scope", "")
    s = s if s in InspectionScope.values else ""
    return render(request, "oversight/inspection_list.html", {
        "rows": sel.inspections(request.user, scope_kind=s, year=_year(request)), "scopes": InspectionScope.choices,
        "scope": s, "can_create": writable_orgs(request.user).exists(),
        "repeated": sel.findings(request.user, repeated=True)[:50]})


@login_required
@form_methods
def inspection_create(request):
    orgs = _orgs_or_403(request.user)
    form = F.InspectionForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            i = sv.inspection_create(actor=request.user, organization=d["organization"], title=d["title"],
                                     scope=d["scope"], inspector=d["inspector"], subject=d["subject"],
                                     started_on=d["started_on"], ended_on=d["ended_on"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已登记督察。")
            return redirect("oversight:inspection_detail", code=i.code)
    return _render_form(request, form, "登记督察", "oversight:inspections")


@login_required
@form_methods
def inspection_edit(request, code):
    insp = sel.inspection_get(request.user, code, write=True)
    form = F.InspectionEditForm(request.POST or None, initial={
        "title": insp.title, "scope": insp.scope, "inspector": insp.inspector, "subject": insp.subject,
        "started_on": insp.started_on, "ended_on": insp.ended_on, "summary": insp.summary})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.inspection_update(actor=request.user, inspection=insp, title=d["title"], scope=d["scope"],
                                 inspector=d["inspector"], subject=d["subject"], started_on=d["started_on"],
                                 ended_on=d["ended_on"], summary=d["summary"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已修改督察。")
            return redirect("oversight:inspection_detail", code=insp.code)
    return _render_form(request, form, f"修改督察：{insp.title}", "oversight:inspections",
                        back_url=reverse("oversight:inspection_detail", args=[insp.code]))


@login_required
@form_methods
def inspection_detail(request, code):
    insp = sel.inspection_get(request.user, code, write=request.method == "POST")
    form = F.FindingForm(request.POST or None, orgs=writable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.finding_create(actor=request.user, inspection=insp, owner=d["owner"], category=d["category"],
                              description=d["description"], due_on=d["due_on"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已登记督察问题并生成整改任务。")
            return redirect("oversight:inspection_detail", code=insp.code)
    return render(request, "oversight/inspection_detail.html", {
        "insp": insp, "findings": sel.findings(request.user, inspection=insp), "form": form,
        "can_edit": can_write(request.user, insp.organization)}, status=400 if form.errors else 200)


@login_required
@form_methods
def finding_detail(request, code):
    f = sel.finding_get(request.user, code)
    is_reviewer = can_write(request.user, f.inspection.organization) and has_role(request.user, Role.ADMIN,
                                                                                   Role.REVIEWER)
    if request.method == "POST" and not (can_write(request.user, f.organization)
                                         or can_write(request.user, f.inspection.organization)):
        raise PermissionDenied("您没有修改该记录的权限。")
    rect_form = F.RectifyForm(request.POST if request.POST.get("action") == "submit" else None)
    reason_form = F.ReasonForm(request.POST if request.POST.get("action") == "return" else None)
    unknown_action = False
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                f = sel.finding_get(request.user, code, write=True)
                if rect_form.is_valid():
                    sv.finding_submit(actor=request.user, finding=f, request_id=_rid(request),
                                      **rect_form.cleaned_data)
                    messages.success(request, "已报送整改情况。")
                    return redirect("oversight:finding_detail", code=f.code)
            elif action == "close":
                sv.finding_close(actor=request.user, finding=f, request_id=_rid(request))
                messages.success(request, "已整改销号。")
                return redirect("oversight:finding_detail", code=f.code)
            elif action == "return" and reason_form.is_valid():
                sv.finding_return(actor=request.user, finding=f, reason=reason_form.cleaned_data["reason"],
                                  request_id=_rid(request))
                messages.success(request, "已退回整改。")
                return redirect("oversight:finding_detail", code=f.code)
            elif action not in ("submit", "close", "return"):
                # The forms are unbound here (add_error on an unbound form raises): say it once.
                messages.error(request, "未知操作，请使用页面上的按钮提交。")
                unknown_action = True
        except ValidationError as exc:
            apply_validation_error(rect_form if action == "submit" else reason_form, exc)
    errors = rect_form.errors or reason_form.errors
    return render(request, "oversight/finding_detail.html", {
        "f": f, "rect_form": rect_form, "reason_form": reason_form, "is_reviewer": is_reviewer,
        "can_correct": can_write(request.user, f.inspection.organization) and f.status != FindingStatus.CLOSED,
        "can_edit": can_write(request.user, f.organization), "FS": FindingStatus},
        status=400 if errors or unknown_action else 200)


@login_required
@form_methods
def finding_edit(request, code):
    f = sel.finding_get(request.user, code)
    if not can_write(request.user, f.inspection.organization):
        raise PermissionDenied("只有督察单位可以修改督察问题。")
    form = F.FindingEditForm(request.POST or None, initial={"category": f.category, "description": f.description,
                                                            "due_on": f.due_on})
    if request.method == "POST" and form.is_valid():
        try:
            sv.finding_update(actor=request.user, finding=f, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已修改督察问题。")
            return redirect("oversight:finding_detail", code=f.code)
    return _render_form(request, form, f"修改督察问题：{f.category}", "oversight:inspections",
                        back_url=reverse("oversight:finding_detail", args=[f.code]))


@login_required
@require_safe
def duty_list(request):
    return render(request, "oversight/duty_list.html", {"rows": sel.duty_reports(request.user, year=_year(request)),
                                                         "can_create": writable_orgs(request.user).exists()})


@login_required
@form_methods
def duty_create(request):
    orgs = _orgs_or_403(request.user)
    form = F.DutyReportForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            r = sv.duty_report_create(actor=request.user, request_id=_rid(request), **d)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已登记述职记录。")
            return redirect("oversight:duty_detail", code=r.code)
    return _render_form(request, form, "登记第一责任人述职", "oversight:duty_reports")


@login_required
@require_safe
def duty_detail(request, code):
    r = sel.duty_get(request.user, code)
    return render(request, "oversight/duty_detail.html", {"r": r, "can_edit": can_write(request.user, r.organization)})


@login_required
@form_methods
def duty_edit(request, code):
    r = sel.duty_get(request.user, code, write=True)
    form = F.DutyReportEditForm(request.POST or None, initial={
        "year": r.year, "person_name": r.person_name, "position": r.position, "reported_on": r.reported_on,
        "occasion": r.occasion, "summary": r.summary, "rating": r.rating})
    if request.method == "POST" and form.is_valid():
        try:
            sv.duty_report_update(actor=request.user, report=r, request_id=_rid(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已修改述职记录。")
            return redirect("oversight:duty_detail", code=r.code)
    return _render_form(request, form, f"修改述职记录：{r.person_name}", "oversight:duty_reports",
                        back_url=reverse("oversight:duty_detail", args=[r.code]))


# ---- assessment -------------------------------------------------------------------------------
@login_required
@require_safe
def assessment_list(request):
    return render(request, "oversight/assessment_list.html", {
        "rows": sel.assessments(request.user), "targets": sel.my_targets(request.user)[:100],
        "can_create": has_role(request.user, Role.ADMIN, Role.REVIEWER) and writable_orgs(request.user).exists()})


@login_required
@form_methods
def assessment_create(request):
    if not has_role(request.user, Role.ADMIN, Role.REVIEWER):
        raise PermissionDenied("只有法治办管理员或法制审核员可以创建考评。")
    orgs = _orgs_or_403(request.user)
    form = F.AssessmentCreateForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        assessor = d["organization"]
        targets = writable_orgs(request.user).filter(kind__in=d["kinds"],
                                                     region__path__startswith=assessor.region.path)
        try:
            scheme = sv.scheme_load(actor=request.user, request_id=_rid(request))
            a = sv.assessment_create(actor=request.user, organization=assessor, year=d["year"], title=d["title"],
                                     scheme=scheme, targets=targets, request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已创建考评，被考评单位{a.targets.count()}个。")
            return redirect("oversight:assessment_detail", code=a.code)
    return _render_form(request, form, "新建考评", "oversight:assessments")


@login_required
@require_safe
def assessment_detail(request, code):
    from .scoring import ranking
    a = sel.assessment_get(request.user, code)
    f = F.AssessmentKindFilter(request.GET or None)
    kind = f.cleaned_data["kind"] if f.is_valid() else ""
    results = ranking(a, kind=kind or None)
    tops = [i for i in a.scheme.items.all() if i.level == 1]
    return render(request, "oversight/assessment_detail.html", {
        "a": a, "results": results, "tops": tops, "filters": f, "appeals": sel.appeals(request.user, assessment=a),
        "is_reviewer": can_write(request.user, a.organization) and has_role(request.user, Role.ADMIN, Role.REVIEWER),
        "AS": AssessmentStatus, "decide_form": F.DecideForm()})


@login_required
@require_safe
def assessment_export(request, code):
    from fazhi.core.audit import audit_log

    from .export import ranking_xlsx
    a = sel.assessment_get(request.user, code)
    body = ranking_xlsx(a)
    audit_log(actor=request.user, action="core.export", target=a, organization=a.organization,
              data={"what": "oversight.ranking"}, request_id=_rid(request))
    resp = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f"attachment; filename=\"ranking-{a.year}.xlsx\"; filename*=UTF-8''{a.year}%E8%80%83%E8%AF%84%E6%8E%92%E5%90%8D.xlsx"
    return resp


@login_required
@require_POST
def assessment_transition(request, code):
    a = sel.assessment_get(request.user, code, write=True)
    try:
        if request.POST.get("action") == "publish":
            sv.assessment_publish(actor=request.user, assessment=a, request_id=_rid(request))
            messages.success(request, "已公示考评结果，申诉期开始。")
        elif request.POST.get("action") == "finalize":
            sv.assessment_finalize(actor=request.user, assessment=a, request_id=_rid(request))
            messages.success(request, "考评已定档。")
        else:
            messages.error(request, "未知操作。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("oversight:assessment_detail", code=a.code)


@login_required
@form_methods
def target_detail(request, code):
    t = sel.target_get(request.user, code)
    a = t.assessment
    items = list(a.scheme.items.all())
    manual = [i for i in items if i.is_leaf and i.method == "manual" and i.applies(t.organization.kind)]
    is_reviewer = can_write(request.user, a.organization) and has_role(request.user, Role.ADMIN, Role.REVIEWER)
    action = request.POST.get("action", "") if request.method == "POST" else None
    if action is not None and not (is_reviewer or can_write(request.user, t.organization)):
        raise PermissionDenied("您没有修改该记录的权限。")
    atts = list(attachment_list(actor=request.user, target=t)) if is_reviewer else []
    score_form = F.ScoreForm(request.POST if action == "score" else None, items=manual, attachments=atts)
    appeal_form = F.AppealForm(request.POST if action == "appeal" else None, items=[i for i in items if i.is_leaf])
    if action == "score":
        if not is_reviewer:
            raise PermissionDenied("只有法治办管理员或法制审核员可以评分。")
        if score_form.is_valid():
            d = score_form.cleaned_data
            item = next(i for i in manual if str(i.id) == d["item"])
            att = next((x for x in atts if str(x.code) == d["evidence_attachment"]), None)
            try:
                sv.score_set(actor=request.user, target=t, item=item, points=d["points"], evidence_attachment=att,
                             evidence_link=d["evidence_link"], note=d["note"], request_id=_rid(request))
            except ValidationError as exc:
                apply_validation_error(score_form, exc)
            else:
                messages.success(request, "已保存评分。")
                return redirect("oversight:target_detail", code=t.code)
    elif action == "appeal":
        t = sel.target_get(request.user, code, write=True)
        if appeal_form.is_valid():
            d = appeal_form.cleaned_data
            item = next((i for i in items if str(i.id) == d["item"]), None)
            try:
                sv.appeal_file(actor=request.user, target=t, reason=d["reason"], item=item, request_id=_rid(request))
            except ValidationError as exc:
                apply_validation_error(appeal_form, exc)
            else:
                messages.success(request, "已提交申诉。")
                return redirect("oversight:target_detail", code=t.code)
    elif action is not None:
        raise PermissionDenied("未知操作。")
    result = target_result(t, items=items)
    return render(request, "oversight/target_detail.html", {
        "t": t, "a": a, "r": result, "score_form": score_form, "appeal_form": appeal_form,
        "is_reviewer": is_reviewer, "can_see_assessment": sel.assessments(request.user).filter(pk=a.pk).exists(),
        "can_appeal": can_write(request.user, t.organization)
        and a.status == AssessmentStatus.PUBLISHED, "appeals": t.appeals.all()},
        status=400 if (score_form.errors or appeal_form.errors) else 200)


@login_required
@require_POST
def appeal_decide(request, code):
    ap = sel.appeal_get(request.user, code)
    if not (can_write(request.user, ap.target.assessment.organization) and has_role(request.user, Role.ADMIN,
                                                                                     Role.REVIEWER)):
        raise PermissionDenied("只有法治办管理员或法制审核员可以复核申诉。")
    form = F.DecideForm(request.POST)
    if form.is_valid():
        try:
            sv.appeal_decide(actor=request.user, appeal=ap, upheld=form.cleaned_data["upheld"] == "1",
                             response=form.cleaned_data["response"], request_id=_rid(request))
            messages.success(request, "已复核申诉。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, "请选择复核结论并填写复核意见。")
    return redirect("oversight:target_detail", code=ap.target.code)


