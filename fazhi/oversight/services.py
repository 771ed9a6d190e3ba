"""Write services of 统筹督察. Each: permission check, full_clean, save, audit_log, in one transaction."""
from __future__ import annotations

import datetime
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django_fsm import can_proceed

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.choices import OrgKind, Role
from fazhi.core.deadlines import deadline_done, deadline_register
from fazhi.core.models import Deadline, Organization
from fazhi.core.scoping import can_write, has_role

from .choices import AppealStatus, AssessmentStatus, FindingStatus, ItemMethod, TaskStatus
from .models import (DCGD, KPBF, AdoptedDocument, Appeal, Assessment, AssessmentScheme, AssessmentTarget, DutyReport,
                     Finding, Inspection, ManualScore, Meeting, SchemeItem, StudySession, Training,
                     TrainingAttendance, WorkPlan, WorkTask)

register_actions({
    "oversight.meeting.create": "登记会议",
    "oversight.meeting.update": "修改会议",
    "oversight.document.add": "登记会议审议通过的文件",
    "oversight.study.create": "登记学法",
    "oversight.study.update": "修改学法",
    "oversight.training.create": "登记培训",
    "oversight.training.update": "修改培训",
    "oversight.training.attendees": "登记参训人员",
    "oversight.plan.create": "登记工作要点",
    "oversight.task.create": "登记工作要点任务",
    "oversight.task.progress": "报送任务进展",
    "oversight.task.update": "修改工作要点任务",
    "oversight.task.bulk_load": "批量载入工作要点任务",
    "oversight.inspection.create": "登记督察",
    "oversight.inspection.update": "修改督察",
    "oversight.finding.create": "登记督察问题",
    "oversight.finding.update": "修改督察问题",
    "oversight.finding.submit": "报送整改情况",
    "oversight.finding.close": "督察问题整改销号",
    "oversight.finding.return": "退回整改",
    "oversight.duty_report.create": "登记第一责任人述职",
    "oversight.duty_report.update": "修改第一责任人述职",
    "oversight.scheme.load": "载入考评指标体系",
    "oversight.assessment.create": "创建考评",
    "oversight.assessment.publish": "公示考评结果",
    "oversight.assessment.finalize": "考评定档",
    "oversight.score.set": "人工评分",
    "oversight.score.bulk_load": "批量载入人工评分",
    "oversight.appeal.file": "提出考评申诉",
    "oversight.appeal.decide": "复核考评申诉",
})

FRAMEWORK_DIR = Path(__file__).resolve().parent / "frameworks"
DEFAULT_FRAMEWORK = FRAMEWORK_DIR / "tongxin-2021.json"
RECT_RULE = "oversight.rectification_due"
TASK_RULE = "oversight.task_due"
APPEAL_RULE = "oversight.assessment_appeal"


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有修改该单位记录的权限。")


def _require_reviewer(actor, organization: Organization) -> None:
    """Scoring and closing: a writing 法治办管理员/法制审核员 of the assessor/inspector (or the system)."""
    _require_write(actor, organization)
    if actor is not None and not has_role(actor, Role.ADMIN, Role.REVIEWER):
        raise PermissionDenied("只有法治办管理员或法制审核员可以评分、复核或销号。")


def _log(actor, action, obj, data=None, request_id=""):
    audit_log(actor=actor, action=action, target=obj, organization=obj.organization, data=data or {},
              request_id=request_id)


def validate_record_link(link: str, field: str = "evidence_link") -> str:
    """A link to a record on this platform (a path that resolves), or an http(s) address."""
    link = (link or "").strip()
    if not link:
        return ""
    if link.startswith(("http://", "https://")):
        return link
    if not link.startswith("/"):
        raise ValidationError({field: "佐证链接应为平台内记录地址（以“/”开头）或 http(s) 网址。"})
    try:
        match = resolve(link.split("?", 1)[0].split("#", 1)[0])
    except Resolver404:
        raise ValidationError({field: "佐证链接指向的平台记录不存在。"}) from None
    if not match.kwargs:
        # a list or the home page proves nothing: the link must address one record (…/<code>/)
        raise ValidationError({field: "佐证链接应指向具体记录（记录详情页地址），不能是列表页或首页。"})
    return link


# ------------------------------------------------------------------ meetings, study, trainings
@transaction.atomic
def meeting_create(*, actor, organization, kind, title, held_on, topics="", notes="", documents=(),
                   request_id="") -> Meeting:
    _require_write(actor, organization)
    m = Meeting(organization=organization, kind=kind, title=title, held_on=held_on, topics=topics, notes=notes)
    m.full_clean()
    m.save()
    docs = []
    for d in documents:
        d = d.strip() if isinstance(d, str) else d
        if not d:
            continue
        doc = AdoptedDocument(organization=organization, meeting=m, title=d)
        doc.full_clean()
        doc.save()
        docs.append(doc.title)
    _log(actor, "oversight.meeting.create", m, {"kind": kind, "title": title, "held_on": held_on,
                                                "documents": docs}, request_id)
    return m


@transaction.atomic
def document_add(*, actor, meeting: Meeting, title, doc_number="", link="", request_id="") -> AdoptedDocument:
    _require_write(actor, meeting.organization)
    doc = AdoptedDocument(organization=meeting.organization, meeting=meeting, title=title, doc_number=doc_number,
                          link=validate_record_link(link, "link"))
    doc.full_clean()
    doc.save()
    _log(actor, "oversight.document.add", doc, {"meeting": str(meeting.code), "title": title}, request_id)
    return doc


MEETING_FIELDS = ["kind", "title", "held_on", "topics", "notes"]


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, kind, title, held_on, topics="", notes="", documents=None,
                   request_id="") -> Meeting:
    """Correct a meeting. ``documents`` (titles, in order) corrects the adopted documents by position:
    line i renames document i, extra lines add documents, missing lines remove the last ones — unless a
    work plan rests on that document."""
    _require_write(actor, meeting.organization)
    m = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = snapshot(m, MEETING_FIELDS)
    m.kind, m.title, m.held_on, m.topics, m.notes = kind, title, held_on, topics, notes
    m.full_clean()
    m.save()
    doc_changes = []
    if documents is not None:
        titles = [d.strip() for d in documents if isinstance(d, str) and d.strip()]
        existing = list(m.documents.order_by("id"))
        for doc, t in zip(existing, titles):
            if doc.title != t:
                doc_changes.append({"from": doc.title, "to": t})
                doc.title = t
                doc.full_clean()
                doc.save(update_fields=["title", "updated_at"])
        for doc in existing[len(titles):]:
            if WorkPlan.objects.filter(document=doc).exists():
                raise ValidationError({"documents": f"文件“{doc.title}”已作为工作要点的依据，不能删除，可改名。"})
            doc_changes.append({"removed": doc.title})
            doc.delete()
        for t in titles[len(existing):]:
            doc = AdoptedDocument(organization=m.organization, meeting=m, title=t)
            doc.full_clean()
            doc.save()
            doc_changes.append({"added": t})
    changes = diff(before, snapshot(m, MEETING_FIELDS))
    if doc_changes:
        changes["documents"] = doc_changes
    if changes:
        _log(actor, "oversight.meeting.update", m, {"changes": changes}, request_id)
    return m


@transaction.atomic
def study_create(*, actor, organization, form, held_on, topics, attendees="", attendee_count=0, meeting=None,
                 request_id="") -> StudySession:
    _require_write(actor, organization)
    if meeting is not None and meeting.organization_id != organization.id:
        raise ValidationError({"meeting": "所在会议必须是本单位的会议。"})
    s = StudySession(organization=organization, form=form, held_on=held_on, topics=topics, attendees=attendees,
                     attendee_count=attendee_count or 0, meeting=meeting)
    s.full_clean()
    if not s.topic_list():
        raise ValidationError({"topics": "请至少填写一个学习专题。"})
    s.save()
    _log(actor, "oversight.study.create", s, {"form": form, "held_on": held_on, "topics": s.topic_list()},
         request_id)
    return s


STUDY_FIELDS = ["form", "held_on", "topics", "attendees", "attendee_count"]


@transaction.atomic
def study_update(*, actor, study: StudySession, form, held_on, topics, attendees="", attendee_count=0,
                 request_id="") -> StudySession:
    _require_write(actor, study.organization)
    s = StudySession.objects.select_for_update().get(pk=study.pk)
    before = snapshot(s, STUDY_FIELDS)
    s.form, s.held_on, s.topics, s.attendees, s.attendee_count = form, held_on, topics, attendees, attendee_count or 0
    s.full_clean()
    if not s.topic_list():
        raise ValidationError({"topics": "请至少填写一个学习专题。"})
    s.save()
    changes = diff(before, snapshot(s, STUDY_FIELDS))
    if changes:
        _log(actor, "oversight.study.update", s, {"changes": changes}, request_id)
    return s


@transaction.atomic
def training_create(*, actor, organization, title, held_on, mode, person_times=0, content="", lecturer="",
                    attendees=(), request_id="") -> Training:
    """A training session; ``attendees`` = [(name, officer_cert)] — person_times is at least their number."""
    _require_write(actor, organization)
    t = Training(organization=organization, title=title, held_on=held_on, mode=mode, person_times=person_times or 0,
                 content=content, lecturer=lecturer)
    t.full_clean()
    t.save()
    n = _add_attendees(t, attendees)
    if t.person_times < n:
        raise ValidationError({"person_times": f"参训人次不能少于登记的参训人员数（{n}人）。"})
    _log(actor, "oversight.training.create", t, {"title": title, "mode": mode, "held_on": held_on,
                                                 "person_times": t.person_times, "attendees": n}, request_id)
    return t


TRAINING_FIELDS = ["title", "held_on", "mode", "content", "lecturer", "person_times"]


@transaction.atomic
def training_update(*, actor, training: Training, title, held_on, mode, person_times=0, content="", lecturer="",
                    request_id="") -> Training:
    """Correct a training's particulars (the named attendees stay; 人次 cannot fall below their number)."""
    _require_write(actor, training.organization)
    t = Training.objects.select_for_update().get(pk=training.pk)
    before = snapshot(t, TRAINING_FIELDS)
    t.title, t.held_on, t.mode, t.content, t.lecturer = title, held_on, mode, content, lecturer
    t.person_times = person_times or 0
    t.full_clean()
    n = t.attendances.count()
    if t.person_times < n:
        raise ValidationError({"person_times": f"参训人次不能少于登记的参训人员数（{n}人）。"})
    t.save()
    changes = diff(before, snapshot(t, TRAINING_FIELDS))
    if changes:
        _log(actor, "oversight.training.update", t, {"changes": changes}, request_id)
    return t


def _add_attendees(training: Training, attendees) -> int:
    rows = []
    seen = set()
    for i, (name, cert) in enumerate(attendees, start=1):
        name, cert = (name or "").strip(), (cert or "").strip()
        if not name:
            raise ValidationError({"attendees": f"第{i}名参训人员缺少姓名。"})
        key = cert or f"{training.organization_id}:{name}"
        if key in seen:
            continue
        seen.add(key)
        a = TrainingAttendance(organization=training.organization, training=training, person_name=name[:64],
                               officer_cert=cert[:32], staff_key=key[:64])
        a.full_clean(exclude=["training"], validate_unique=False, validate_constraints=False)
        rows.append(a)
    TrainingAttendance.objects.bulk_create(rows)
    return len(rows)


# ------------------------------------------------------------------ work plan
@transaction.atomic
def plan_create(*, actor, organization, year, title, document=None, request_id="") -> WorkPlan:
    _require_write(actor, organization)
    p = WorkPlan(organization=organization, year=year, title=title, document=document)
    p.full_clean()
    p.save()
    _log(actor, "oversight.plan.create", p, {"year": year, "title": title}, request_id)
    return p


def _task_url(task: WorkTask) -> str:
    return reverse("oversight:task_detail", args=[task.code])


@transaction.atomic
def task_create(*, actor, plan: WorkPlan, owner: Organization, number, title, kind, due_on,
                request_id="") -> WorkTask:
    """A task of the plan, owned by ``owner``; its 完成时限 goes on the deadline board."""
    _require_write(actor, plan.organization)
    _require_write(actor, owner)
    t = WorkTask(organization=owner, plan=plan, number=number, title=title, kind=kind, due_on=due_on)
    t.full_clean()
    t.save()
    deadline_register(actor=actor, organization=owner, rule_code=TASK_RULE, target=t,
                      title=f"工作要点任务：{title}"[:255], url=_task_url(t), start_date=due_on, request_id=request_id)
    _log(actor, "oversight.task.create", t, {"plan": str(plan.code), "number": number, "title": title,
                                             "kind": kind, "due_on": due_on}, request_id)
    return t


TASK_FIELDS = ["number", "title", "kind", "due_on"]


@transaction.atomic
def task_update(*, actor, task: WorkTask, number, title, kind, due_on, request_id="") -> WorkTask:
    """Correct a task as the plan's author (the owner reports progress, it does not rewrite the task);
    a new 完成时限 moves its deadline. A completed task is not rewritten."""
    t = WorkTask.objects.select_for_update().select_related("plan__organization").get(pk=task.pk)
    _require_write(actor, t.plan.organization)
    if t.status == TaskStatus.DONE:
        raise ValidationError("该任务已完成，不能修改。")
    before = snapshot(t, TASK_FIELDS)
    t.number, t.title, t.kind, t.due_on = number, title, kind, due_on
    t.full_clean()
    t.save()
    changes = diff(before, snapshot(t, TASK_FIELDS))
    if "due_on" in changes or "title" in changes:
        deadline_register(actor=None, organization=t.organization, rule_code=TASK_RULE, target=t,
                          title=f"工作要点任务：{t.title}"[:255], url=_task_url(t), start_date=t.due_on,
                          request_id=request_id)
    if changes:
        _log(actor, "oversight.task.update", t, {"changes": changes}, request_id)
    return t


@transaction.atomic
def task_report_progress(*, actor, task: WorkTask, progress: int, note: str = "", evidence_link: str = "",
                         on: datetime.date | None = None, request_id="") -> WorkTask:
    """Progress of a task; 100% completes it and needs evidence (an attachment or a record link)."""
    _require_write(actor, task.organization)
    task = WorkTask.objects.select_for_update().get(pk=task.pk)
    before = snapshot(task, ["progress", "progress_note", "evidence_link", "status"])
    if task.status == TaskStatus.DONE:
        raise ValidationError({"progress": "该任务已完成，不能再报送进展。"})
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        raise ValidationError({"progress": "完成进度应为0到100之间的整数。"}) from None
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": "完成进度应为0到100之间的整数。"})
    if progress < task.progress:
        raise ValidationError({"progress": f"完成进度不能低于已报送的{task.progress}%。"})
    task.progress = progress
    task.progress_note = note
    task.evidence_link = validate_record_link(evidence_link) or task.evidence_link
    if progress == 100:
        if not task.evidence_link and not _has_attachment(task):
            raise ValidationError({"evidence_link": "任务完成须提供佐证材料：上传附件或填写平台记录链接。"})
        task.complete()
        task.completed_on = on or timezone.localdate()
    else:
        task.report_progress()
    task.full_clean()
    task.save()
    if task.status == TaskStatus.DONE:
        dl = Deadline.objects.filter(rule__code=TASK_RULE, target_id=str(task.code)).first()
        if dl and not dl.done_at:
            deadline_done(actor=actor, deadline=dl, request_id=request_id)
    _log(actor, "oversight.task.progress", task,
         {"changes": diff(before, snapshot(task, ["progress", "progress_note", "evidence_link", "status"]))},
         request_id)
    return task


def _has_attachment(obj) -> bool:
    from fazhi.core.attachments import target_ref
    from fazhi.core.models import Attachment

    t, i = target_ref(obj)
    return Attachment.objects.filter(target_type=t, target_id=i, withdrawn=False).exists()


# ------------------------------------------------------------------ inspections
@transaction.atomic
def inspection_create(*, actor, organization, title, scope, inspector, started_on, ended_on=None, subject="",
                      summary="", request_id="") -> Inspection:
    _require_write(actor, organization)
    i = Inspection(organization=organization, title=title, scope=scope, inspector=inspector, started_on=started_on,
                   ended_on=ended_on, subject=subject, summary=summary)
    i.full_clean()
    if ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": "结束日期不能早于开始日期。"})
    i.save()
    _log(actor, "oversight.inspection.create", i, {"title": title, "scope": scope, "inspector": inspector,
                                                   "started_on": started_on}, request_id)
    return i


INSPECTION_FIELDS = ["title", "scope", "inspector", "subject", "started_on", "ended_on", "summary"]


@transaction.atomic
def inspection_update(*, actor, inspection: Inspection, title, scope, inspector, started_on, ended_on=None,
                      subject="", summary="", request_id="") -> Inspection:
    """Correct an inspection. A new start date changes which inspection is "earlier", so the 重复出现
    marks of every finding sharing an (owner, category) with this inspection's findings are recomputed."""
    _require_write(actor, inspection.organization)
    i = Inspection.objects.select_for_update().get(pk=inspection.pk)
    before = snapshot(i, INSPECTION_FIELDS)
    i.title, i.scope, i.inspector, i.subject, i.summary = title, scope, inspector, subject, summary
    i.started_on, i.ended_on = started_on, ended_on
    i.full_clean()
    if ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": "结束日期不能早于开始日期。"})
    late = i.findings.filter(due_on__lt=started_on).first()
    if late:
        raise ValidationError({"started_on": f"已登记的问题整改时限（{late.due_on:%Y-%m-%d}）早于新的开始日期。"})
    i.save()
    if before["started_on"] != i.started_on:
        _recompute_repeats(i)
    changes = diff(before, snapshot(i, INSPECTION_FIELDS))
    if changes:
        _log(actor, "oversight.inspection.update", i, {"changes": changes}, request_id)
    return i


def _recompute_repeats(inspection: Inspection) -> None:
    for org_id, category in set(inspection.findings.values_list("organization_id", "category")):
        _recompute_pair(Organization.objects.get(pk=org_id), category)


def _recompute_pair(owner: Organization, category: str) -> None:
    """Re-mark 重复出现 for every finding of ``owner`` with ``category`` (after a date or category change)."""
    for f in Finding.objects.filter(organization=owner, category=category).select_related("inspection"):
        earlier = find_earlier(owner, category, f.inspection)
        if f.repeat_of_id != (earlier.id if earlier else None):
            f.repeat_of = earlier
            f.save(update_fields=["repeat_of", "updated_at"])


def find_earlier(owner: Organization, category: str, before: Inspection) -> Finding | None:
    """The latest finding of the same category for the same owner in an earlier inspection."""
    return (Finding.objects.filter(organization=owner, category=category.strip(),
                                   inspection__started_on__lt=before.started_on)
            .exclude(inspection=before).order_by("-inspection__started_on", "-id").first())


@transaction.atomic
def finding_create(*, actor, inspection: Inspection, owner: Organization, category, description, due_on,
                   request_id="") -> Finding:
    """A finding = a rectification task of ``owner`` with a deadline (on the board). A finding of the same
    category for the same owner in an earlier inspection marks it as repeated (重复出现)."""
    _require_write(actor, inspection.organization)
    _require_write(actor, owner)
    f = Finding(organization=owner, inspection=inspection, category=(category or "").strip(),
                description=description, due_on=due_on)
    f.full_clean()
    if due_on < inspection.started_on:
        raise ValidationError({"due_on": "整改时限不能早于督察开始日期。"})
    f.repeat_of = find_earlier(owner, f.category, inspection)
    f.save()
    deadline_register(actor=None, organization=owner, rule_code=RECT_RULE, target=f,
                      title=f"督察整改：{f.category}"[:255], url=reverse("oversight:finding_detail", args=[f.code]),
                      start_date=due_on, request_id=request_id)
    _log(actor, "oversight.finding.create", f, {"inspection": str(inspection.code), "category": f.category,
                                                "due_on": due_on, "repeat_of": str(f.repeat_of.code) if f.repeat_of
                                                else None}, request_id)
    return f


FINDING_FIELDS = ["category", "description", "due_on"]


@transaction.atomic
def finding_update(*, actor, finding: Finding, category, description, due_on, request_id="") -> Finding:
    """Correct a finding as the inspecting body, until it is closed (销号). A new category recomputes the
    重复出现 marks; a new 整改时限 moves the deadline on the board."""
    f = Finding.objects.select_for_update().select_related("inspection__organization", "organization").get(
        pk=finding.pk)
    _require_write(actor, f.inspection.organization)
    if f.status == FindingStatus.CLOSED:
        raise ValidationError(f"该问题已整改销号，不能修改（{DCGD}）。")
    before = snapshot(f, FINDING_FIELDS)
    old_category = f.category
    f.category, f.description, f.due_on = (category or "").strip(), description, due_on
    f.full_clean()
    if due_on < f.inspection.started_on:
        raise ValidationError({"due_on": "整改时限不能早于督察开始日期。"})
    f.save()
    changes = diff(before, snapshot(f, FINDING_FIELDS))
    if "category" in changes:
        for cat in {old_category, f.category}:
            _recompute_pair(f.organization, cat)
    if "due_on" in changes or "category" in changes:
        deadline_register(actor=None, organization=f.organization, rule_code=RECT_RULE, target=f,
                          title=f"督察整改：{f.category}"[:255], url=reverse("oversight:finding_detail", args=[f.code]),
                          start_date=f.due_on, request_id=request_id)
    if changes:
        _log(actor, "oversight.finding.update", f, {"changes": changes}, request_id)
    return f


@transaction.atomic
def finding_submit(*, actor, finding: Finding, rectification: str, evidence_link: str = "", request_id="") -> Finding:
    """The owner reports its rectification; evidence (attachment or record link) is required."""
    _require_write(actor, finding.organization)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if not can_proceed(finding.submit_rectification_dcgd):
        raise ValidationError(f"当前状态（{finding.get_status_display()}）不能报送整改情况（{DCGD}：督察问题整改后报送）。")
    if not (rectification or "").strip():
        raise ValidationError({"rectification": "请填写整改情况。"})
    finding.evidence_link = validate_record_link(evidence_link) or finding.evidence_link
    if not finding.evidence_link and not _has_attachment(finding):
        raise ValidationError({"evidence_link": f"报送整改须提供佐证材料：上传附件或填写平台记录链接（{DCGD}）。"})
    finding.rectification = rectification.strip()
    finding.submit_rectification_dcgd()
    finding.full_clean()
    finding.save()
    _log(actor, "oversight.finding.submit", finding, {"evidence_link": finding.evidence_link}, request_id)
    return finding


@transaction.atomic
def finding_close(*, actor, finding: Finding, on: datetime.date | None = None, request_id="") -> Finding:
    """整改销号 by the inspecting body after checking the evidence."""
    _require_reviewer(actor, finding.inspection.organization)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if not can_proceed(finding.close_dcgd):
        raise ValidationError(f"整改情况尚未报送，不能销号（{DCGD}：整改到位后销号）。")
    finding.close_dcgd()
    finding.closed_on = on or timezone.localdate()
    finding.save()
    dl = Deadline.objects.filter(rule__code=RECT_RULE, target_id=str(finding.code), done_at__isnull=True).first()
    if dl:
        deadline_done(actor=None, deadline=dl, request_id=request_id)
    _log(actor, "oversight.finding.close", finding, {"closed_on": finding.closed_on}, request_id)
    return finding


@transaction.atomic
def finding_return(*, actor, finding: Finding, reason: str, request_id="") -> Finding:
    _require_reviewer(actor, finding.inspection.organization)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if not can_proceed(finding.return_dcgd):
        raise ValidationError(f"只有已报送的整改情况可以退回（{DCGD}）。")
    if not (reason or "").strip():
        raise ValidationError({"reason": "请填写退回理由。"})
    finding.return_dcgd()
    finding.save()
    _log(actor, "oversight.finding.return", finding, {"reason": reason}, request_id)
    return finding


@transaction.atomic
def duty_report_create(*, actor, organization, year, person_name, position, reported_on, summary,
                       occasion="年终述职", rating="", request_id="") -> DutyReport:
    _require_write(actor, organization)
    r = DutyReport(organization=organization, year=year, person_name=person_name, position=position,
                   reported_on=reported_on, summary=summary, occasion=occasion, rating=rating)
    r.full_clean()
    r.save()
    _log(actor, "oversight.duty_report.create", r, {"year": year, "person_name": person_name}, request_id)
    return r


DUTY_FIELDS = ["year", "person_name", "position", "reported_on", "occasion", "summary", "rating"]


@transaction.atomic
def duty_report_update(*, actor, report: DutyReport, year, person_name, position, reported_on, summary,
                       occasion="年终述职", rating="", request_id="") -> DutyReport:
    _require_write(actor, report.organization)
    r = DutyReport.objects.select_for_update().get(pk=report.pk)
    before = snapshot(r, DUTY_FIELDS)
    r.year, r.person_name, r.position, r.reported_on = year, person_name, position, reported_on
    r.summary, r.occasion, r.rating = summary, occasion, rating
    r.full_clean()
    r.save()
    changes = diff(before, snapshot(r, DUTY_FIELDS))
    if changes:
        _log(actor, "oversight.duty_report.update", r, {"changes": changes}, request_id)
    return r


# ------------------------------------------------------------------ assessment
VALID_KINDS = {k for k, _ in OrgKind.choices}


def _check_items(items, parent_number="", seen=None) -> None:
    seen = set() if seen is None else seen
    for it in items:
        num = str(it.get("number", "")).strip()
        if not num or not it.get("name"):
            raise ValidationError(f"指标配置错误：{parent_number or '顶层'}下有缺少编号或名称的指标。")
        if num in seen:
            raise ValidationError(f"指标配置错误：编号{num}重复。")
        seen.add(num)
        children = it.get("children") or []
        if children:
            _check_items(children, num, seen)
            continue
        try:
            pts = Decimal(str(it.get("points")))
        except (InvalidOperation, TypeError):
            raise ValidationError(f"指标配置错误：末级指标{num}缺少分值。") from None
        if pts <= 0:
            raise ValidationError(f"指标配置错误：末级指标{num}的分值应大于0。")
        if it.get("method") not in ("auto", "manual"):
            raise ValidationError(f"指标配置错误：末级指标{num}的评分方式应为 auto 或 manual。")
        if it["method"] == "auto" and not (it.get("formula") or {}).get("indicator"):
            raise ValidationError(f"指标配置错误：自动计算指标{num}缺少 formula.indicator（平台指标编码）。")
        bad = set(it.get("applies_to") or []) - VALID_KINDS
        if bad:
            raise ValidationError(f"指标配置错误：指标{num}的适用单位类型无效：{'、'.join(sorted(bad))}。")


@transaction.atomic
def scheme_load(*, actor=None, path: Path | str = DEFAULT_FRAMEWORK, config: dict | None = None,
                request_id="") -> AssessmentScheme:
    """Load a versioned indicator tree from JSON; an already loaded (key, version) is returned unchanged."""
    if actor is not None and not has_role(actor, Role.ADMIN, Role.REVIEWER):
        raise PermissionDenied("只有法治办管理员或法制审核员可以载入考评指标体系。")
    source = "（程序内配置）" if config is not None else Path(path).name
    if config is None:
        try:
            config = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValidationError(f"无法读取指标配置文件：{exc}") from None
    for k in ("key", "version", "name", "items"):
        if not config.get(k):
            raise ValidationError(f"指标配置错误：缺少“{k}”。")
    existing = AssessmentScheme.objects.filter(key=config["key"], version=config["version"]).first()
    if existing:
        return existing
    _check_items(config["items"])
    scheme = AssessmentScheme(key=config["key"], version=config["version"], name=config["name"],
                              source=source, basis=config.get("basis", ""),
                              min_records=int(config.get("min_records", 5)), config=config)
    scheme.full_clean()
    scheme.save()
    counter = [0]

    def walk(items, parent, level):
        for it in items:
            counter[0] += 1
            children = it.get("children") or []
            node = SchemeItem(scheme=scheme, parent=parent, number=str(it["number"]), name=it["name"], level=level,
                              sort=counter[0], basis=it.get("basis", "")[:300])
            if not children:
                node.points = Decimal(str(it["points"]))
                node.method = it["method"]
                node.applies_to = list(it.get("applies_to") or [])
                node.evidence = it.get("evidence", "")[:300]
                node.formula = it.get("formula") or {}
            node.save()
            walk(children, node, level + 1)

    walk(config["items"], None, 1)
    audit_log(actor=actor, action="oversight.scheme.load", target=scheme,
              data={"key": scheme.key, "version": scheme.version, "items": counter[0]}, request_id=request_id)
    return scheme


@transaction.atomic
def assessment_create(*, actor, organization, year, title, scheme: AssessmentScheme, targets, request_id=""):
    """An assessment of ``targets`` (organizations) by ``organization`` (the assessor)."""
    _require_reviewer(actor, organization)
    a = Assessment(organization=organization, year=year, title=title, scheme=scheme)
    a.full_clean()
    a.save()
    orgs = list(targets)
    if not orgs:
        raise ValidationError({"targets": "请选择被考评单位。"})
    for o in orgs:
        _require_write(actor, o)
    AssessmentTarget.objects.bulk_create([AssessmentTarget(organization=o, assessment=a) for o in orgs])
    _log(actor, "oversight.assessment.create", a, {"year": year, "scheme": f"{scheme.key}@{scheme.version}",
                                                   "targets": len(orgs)}, request_id)
    return a


def _score_checks(target: AssessmentTarget, item: SchemeItem, points, evidence_attachment, evidence_link):
    if item.scheme_id != target.assessment.scheme_id or not item.is_leaf:
        raise ValidationError({"item": "该指标不属于本次考评的末级指标。"})
    if item.method != ItemMethod.MANUAL:
        raise ValidationError({"item": "该指标为自动计算指标，不能人工评分。"})
    if not item.applies(target.organization.kind):
        raise ValidationError({"item": "该指标不适用于该单位类型。"})
    try:
        points = Decimal(str(points))
    except (InvalidOperation, TypeError):
        raise ValidationError({"points": "得分应为数字。"}) from None
    if points < 0 or points > item.points:
        raise ValidationError({"points": f"得分应在0到{item.points}分之间。"})
    link = validate_record_link(evidence_link)
    if evidence_attachment is None and not link:
        raise ValidationError({"evidence_link": f"人工评分须提供佐证材料：上传附件或填写平台记录链接（{KPBF}）。"})
    if evidence_attachment is not None and evidence_attachment.withdrawn:
        raise ValidationError({"evidence_attachment": "佐证附件已撤回，不能作为评分依据。"})
    return points, link


@transaction.atomic
def score_set(*, actor, target: AssessmentTarget, item: SchemeItem, points, evidence_attachment=None,
              evidence_link="", note="", request_id="") -> ManualScore:
    """Manual scoring of one leaf; evidence (an attachment or a record link) is REQUIRED."""
    a = Assessment.objects.select_related("organization").get(pk=target.assessment_id)  # current state
    _require_reviewer(actor, a.organization)
    if a.status == AssessmentStatus.FINAL:
        raise ValidationError(f"考评已定档，不能修改评分（{KPBF}）。")
    points, link = _score_checks(target, item, points, evidence_attachment, evidence_link)
    score = ManualScore.objects.select_for_update().filter(target=target, item=item).first()
    before = snapshot(score, ["points", "evidence_link", "note"]) if score else {}
    if score is None:
        score = ManualScore(organization=a.organization, target=target, item=item)
    score.points, score.evidence_attachment, score.evidence_link, score.note = points, evidence_attachment, link, note
    score.reviewer = actor
    score.full_clean()
    score.save()
    _log(actor, "oversight.score.set", score, {"target": target.organization.name, "item": item.number,
                                               "changes": diff(before, snapshot(score, ["points", "evidence_link",
                                                                                        "note"]))}, request_id)
    return score


@transaction.atomic
def assessment_publish(*, actor, assessment: Assessment, on: datetime.date | None = None, request_id="") -> Assessment:
    """公示: opens the appeal window (rule oversight.assessment_appeal, on the deadline board)."""
    _require_reviewer(actor, assessment.organization)
    a = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_proceed(a.publish_kpbf):
        raise ValidationError(f"当前状态（{a.get_status_display()}）不能公示（{KPBF}：评分完成后公示）。")
    on = on or timezone.localdate()
    a.publish_kpbf()
    a.published_on = on
    dl = deadline_register(actor=None, organization=a.organization, rule_code=APPEAL_RULE, target=a,
                           title=f"考评申诉期：{a.title}"[:255], url=reverse("oversight:assessment_detail", args=[a.code]),
                           start_date=on, request_id=request_id)
    a.appeal_until = dl.due_date
    a.save()
    _log(actor, "oversight.assessment.publish", a, {"published_on": on, "appeal_until": a.appeal_until}, request_id)
    return a


@transaction.atomic
def assessment_finalize(*, actor, assessment: Assessment, on: datetime.date | None = None,
                        request_id="") -> Assessment:
    _require_reviewer(actor, assessment.organization)
    a = Assessment.objects.select_for_update().get(pk=assessment.pk)
    on = on or timezone.localdate()
    if not can_proceed(a.finalize_kpbf):
        raise ValidationError(f"考评尚未公示，不能定档（{KPBF}：公示、申诉后定档）。")
    if a.appeal_until and on <= a.appeal_until:
        raise ValidationError(f"申诉期至{a.appeal_until:%Y年%m月%d日}，申诉期内不能定档（{KPBF}）。")
    if Appeal.objects.filter(target__assessment=a, status=AppealStatus.FILED).exists():
        raise ValidationError(f"尚有未复核的申诉，不能定档（{KPBF}）。")
    a.finalize_kpbf()
    a.save()
    dl = Deadline.objects.filter(rule__code=APPEAL_RULE, target_id=str(a.code), done_at__isnull=True).first()
    if dl:
        deadline_done(actor=None, deadline=dl, request_id=request_id)
    _log(actor, "oversight.assessment.finalize", a, {"on": on}, request_id)
    return a


@transaction.atomic
def appeal_file(*, actor, target: AssessmentTarget, reason: str, item: SchemeItem | None = None,
                on: datetime.date | None = None, request_id="") -> Appeal:
    """申诉 by the assessed organization, only within the appeal window (公示之日起，见考评办法)."""
    _require_write(actor, target.organization)
    a = Assessment.objects.get(pk=target.assessment_id)  # current state, not a cached copy
    on = on or timezone.localdate()
    if a.status != AssessmentStatus.PUBLISHED or a.appeal_until is None:
        raise ValidationError(f"考评结果尚未公示或已定档，不能申诉（{KPBF}：公示期内可申诉）。")
    if on > a.appeal_until:
        raise ValidationError(f"申诉期已于{a.appeal_until:%Y年%m月%d日}届满，不能再申诉（{KPBF}）。")
    if item is not None and item.scheme_id != a.scheme_id:
        raise ValidationError({"item": "该指标不属于本次考评。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "请填写申诉理由。"})
    ap = Appeal(organization=target.organization, target=target, item=item, reason=reason.strip(), filed_on=on)
    ap.full_clean()
    ap.save()
    _log(actor, "oversight.appeal.file", ap, {"assessment": str(a.code), "item": item.number if item else None},
         request_id)
    return ap


@transaction.atomic
def appeal_decide(*, actor, appeal: Appeal, upheld: bool, response: str, request_id="") -> Appeal:
    _require_reviewer(actor, appeal.target.assessment.organization)
    ap = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if ap.status != AppealStatus.FILED:
        raise ValidationError("该申诉已复核。")
    if not (response or "").strip():
        raise ValidationError({"response": "请填写复核意见。"})
    (ap.uphold_kpbf if upheld else ap.reject_kpbf)()
    ap.response = response.strip()
    ap.save()
    _log(actor, "oversight.appeal.decide", ap, {"upheld": upheld}, request_id)
    return ap
