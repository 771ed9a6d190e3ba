"""Corrections: meetings, study sessions and inspections are edited through audited services."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.oversight import services as sv
from fazhi.oversight.choices import InspectionScope, InspectorBody, MeetingKind, StudyForm
from fazhi.oversight.models import AdoptedDocument, Finding, Inspection, Meeting, StudySession

D = datetime.date


def _meeting(county, docs=("《甲》", "《乙》")):
    return sv.meeting_create(actor=county.admin, organization=county.fzb, kind=MeetingKind.PROMOTION,
                             title="推进会", held_on=D(2021, 4, 1), documents=list(docs))


@pytest.mark.django_db
def test_meeting_edit_page_corrects_kind_and_documents_with_audit(county, login):
    m = _meeting(county)
    c = login(county.admin)
    url = reverse("oversight:meeting_edit", args=[m.code])
    page = c.get(url)
    assert page.status_code == 200 and "《甲》\n《乙》" in page.content.decode()
    assert 'value="2021-04-01"' in page.content.decode()      # <input type=date> needs ISO to show the date
    assert url in c.get(reverse("oversight:meeting_detail", args=[m.code])).content.decode()
    resp = c.post(url, {"kind": "committee", "title": "县委全面依法治县委员会会议", "held_on": "2021-04-02",
                        "topics": "议题", "notes": "", "documents": "《甲（修订）》\n《乙》\n《丙》"})
    assert resp.status_code == 302
    m.refresh_from_db()
    assert (m.kind, m.title, m.held_on) == (MeetingKind.COMMITTEE, "县委全面依法治县委员会会议", D(2021, 4, 2))
    assert list(m.documents.order_by("id").values_list("title", flat=True)) == ["《甲（修订）》", "《乙》", "《丙》"]
    ev = AuditEvent.objects.filter(action="oversight.meeting.update").get()
    assert ev.data["changes"]["kind"] == {"before": "promotion", "after": "committee"}
    assert {"from": "《甲》", "to": "《甲（修订）》"} in ev.data["changes"]["documents"]
    # removing the last line removes the last document
    sv.meeting_update(actor=county.admin, meeting=m, kind=m.kind, title=m.title, held_on=m.held_on,
                      documents=["《甲（修订）》"])
    assert AdoptedDocument.objects.filter(meeting=m).count() == 1


@pytest.mark.django_db
def test_meeting_edit_bad_input_saves_nothing_and_plan_document_is_kept(county, login):
    m = _meeting(county, docs=["《工作要点》"])
    sv.plan_create(actor=county.admin, organization=county.fzb, year=2021, title="要点", document=m.documents.get())
    c = login(county.admin)
    url = reverse("oversight:meeting_edit", args=[m.code])
    resp = c.post(url, {"kind": "committee", "title": "", "held_on": "2021-13-40", "documents": ""})
    assert resp.status_code == 400 and "请填写会议名称" in resp.content.decode()
    resp = c.post(url, {"kind": "committee", "title": "新名", "held_on": "2021-04-02", "documents": ""})
    assert resp.status_code == 400 and "不能删除" in resp.content.decode()
    m.refresh_from_db()
    assert m.title == "推进会" and m.kind == MeetingKind.PROMOTION and m.documents.count() == 1
    assert not AuditEvent.objects.filter(action="oversight.meeting.update").exists()


@pytest.mark.django_db
def test_edits_refused_to_other_org_and_read_only(county, login):
    m = _meeting(county)
    with pytest.raises(PermissionDenied):
        sv.meeting_update(actor=county.liaison_scj, meeting=m, kind=m.kind, title="x", held_on=m.held_on)
    s = sv.study_create(actor=county.liaison_scj, organization=county.scj, form=StudyForm.CENTER_GROUP,
                        held_on=D(2021, 3, 1), topics="《民法典》")
    assert login(county.liaison_sfj).get(reverse("oversight:study_edit", args=[s.code])).status_code == 404
    assert login(county.leader).post(reverse("oversight:study_edit", args=[s.code]),
                                     {"form": "executive", "held_on": "2021-03-01", "topics": "x"}).status_code in (403, 404)
    s.refresh_from_db()
    assert s.topics == "《民法典》"


@pytest.mark.django_db
def test_study_edit_corrects_topics_with_audit(county, login):
    s = sv.study_create(actor=county.liaison_scj, organization=county.scj, form=StudyForm.CENTER_GROUP,
                        held_on=D(2021, 3, 1), topics="《民法曲》")
    c = login(county.liaison_scj)
    assert reverse("oversight:study_edit", args=[s.code]) in c.get(reverse("oversight:studies")).content.decode()
    url = reverse("oversight:study_edit", args=[s.code])
    bad = c.post(url, {"form": "executive", "held_on": "2021-03-01", "topics": "  \n "})
    assert bad.status_code == 400
    resp = c.post(url, {"form": "executive", "held_on": "2021-03-01", "topics": "《民法典》", "attendee_count": "20"})
    assert resp.status_code == 302
    s.refresh_from_db()
    assert (s.form, s.topics, s.attendee_count) == (StudyForm.EXECUTIVE, "《民法典》", 20)
    ev = AuditEvent.objects.filter(action="oversight.study.update").get()
    c.post(url, {"form": "executive", "held_on": "2021-03-01", "topics": "《民法典》", "attendee_count": "20"})
    assert AuditEvent.objects.filter(action="oversight.study.update").count() == 1   # nothing changed: no event
    assert ev.data["changes"]["topics"] == {"before": "《民法曲》", "after": "《民法典》"}


@pytest.mark.django_db
def test_inspection_edit_recomputes_repeat_marks(county, login):
    def insp(title, day):
        return sv.inspection_create(actor=county.admin, organization=county.fzb, title=title,
                                    scope=InspectionScope.COUNTY, inspector=InspectorBody.COMMITTEE_OFFICE,
                                    started_on=day)
    first, second = insp("上半年督察", D(2021, 6, 1)), insp("下半年督察", D(2021, 11, 1))
    f1 = sv.finding_create(actor=county.admin, inspection=first, owner=county.scj, category="三项制度落实",
                           description="甲", due_on=D(2021, 12, 31))
    f2 = sv.finding_create(actor=county.admin, inspection=second, owner=county.scj, category="三项制度落实",
                           description="乙", due_on=D(2021, 12, 31))
    assert f2.repeat_of == f1 and f1.repeat_of is None
    # the clerk typed the wrong year for the first inspection: it was really after the second one
    c = login(county.admin)
    url = reverse("oversight:inspection_edit", args=[first.code])
    assert url in c.get(reverse("oversight:inspection_detail", args=[first.code])).content.decode()
    resp = c.post(url, {"title": "上半年督察", "scope": "special", "inspector": "committee_office",
                        "started_on": "2021-11-20", "ended_on": "2021-11-10"})
    assert resp.status_code == 400 and "结束日期不能早于开始日期" in resp.content.decode()
    resp = c.post(url, {"title": "年末专项督察", "scope": "special", "inspector": "committee_office",
                        "started_on": "2021-11-20", "summary": "已督察"})
    assert resp.status_code == 302
    first.refresh_from_db()
    assert (first.title, first.scope, first.started_on) == ("年末专项督察", InspectionScope.SPECIAL, D(2021, 11, 20))
    f1, f2 = Finding.objects.get(pk=f1.pk), Finding.objects.get(pk=f2.pk)
    assert f1.repeat_of == f2 and f2.repeat_of is None
    assert AuditEvent.objects.filter(action="oversight.inspection.update").count() == 1
    # a start date after a finding's rectification deadline is refused
    with pytest.raises(ValidationError):
        sv.inspection_update(actor=county.admin, inspection=first, title="x", scope="special",
                             inspector="committee_office", started_on=D(2022, 3, 1))
    assert Inspection.objects.get(pk=first.pk).started_on == D(2021, 11, 20)
    assert Meeting.objects.count() == 0 and StudySession.objects.count() == 0


@pytest.mark.django_db
def test_admin_enters_the_work_plan_and_owner_reports_progress(county, login):
    from fazhi.core.models import Deadline
    from fazhi.oversight.models import WorkPlan, WorkTask

    c = login(county.admin)
    assert reverse("oversight:plan_create") in c.get(reverse("oversight:tasks")).content.decode()
    resp = c.post(reverse("oversight:plan_create"), {"organization": str(county.fzb.code), "year": "2021",
                                                     "title": "同心县2021年依法治县工作要点"})
    plan = WorkPlan.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("oversight:plan_detail", args=[plan.code])
    url = reverse("oversight:plan_detail", args=[plan.code])
    bad = c.post(url, {"owner": str(county.scj.code), "number": "1", "title": "", "kind": "key_reform",
                       "due_on": "2021-02-30"})
    assert bad.status_code == 400 and "请填写任务内容" in bad.content.decode()
    assert not WorkTask.objects.exists()
    resp = c.post(url, {"owner": str(county.scj.code), "number": "1", "title": "推进“四权”改革",
                        "kind": "key_reform", "due_on": "2021-09-30"})
    assert resp.status_code == 302
    task = WorkTask.objects.get()
    assert task.organization == county.scj and task.plan == plan
    assert Deadline.objects.filter(rule__code="oversight.task_due", target_id=str(task.code)).exists()
    assert "推进“四权”改革" in c.get(url).content.decode()
    # the owner's liaison reports progress; completing without evidence is refused
    lc = login(county.liaison_scj)
    turl = reverse("oversight:task_detail", args=[task.code])
    refused = lc.post(turl, {"progress": "100", "note": "完成"})
    assert refused.status_code == 400 and "佐证材料" in refused.content.decode()
    assert lc.post(turl, {"progress": "60", "note": "推进中"}).status_code == 302
    task.refresh_from_db()
    assert task.progress == 60 and task.status == "in_progress"
    # a liaison cannot add tasks to the county's plan
    assert lc.post(url, {"owner": str(county.scj.code), "number": "2", "title": "x", "kind": "routine",
                         "due_on": "2021-09-30"}).status_code in (403, 404)
    assert WorkTask.objects.count() == 1


@pytest.mark.django_db
def test_training_and_duty_report_corrections(county, login):
    from fazhi.oversight.choices import TrainingMode
    from fazhi.oversight.models import DutyReport, Training

    t = sv.training_create(actor=county.liaison_scj, organization=county.scj, title="执法培训", held_on=D(2021, 5, 1),
                           mode=TrainingMode.IN_PERSON, person_times=30, attendees=[("马明", "A1"), ("杨光", "")])
    c = login(county.liaison_scj)
    url = reverse("oversight:training_edit", args=[t.code])
    assert url in c.get(reverse("oversight:training_detail", args=[t.code])).content.decode()
    assert 'value="2021-05-01"' in c.get(url).content.decode()
    low = c.post(url, {"title": "执法培训", "held_on": "2021-05-01", "mode": "in_person", "person_times": "1"})
    assert low.status_code == 400 and "不能少于登记的参训人员数（2人）" in low.content.decode()
    ok = c.post(url, {"title": "行政执法培训", "held_on": "2021-05-02", "mode": "online", "person_times": "35"})
    assert ok.status_code == 302
    t = Training.objects.get(pk=t.pk)
    assert (t.title, t.mode, t.person_times, t.attendances.count()) == ("行政执法培训", TrainingMode.ONLINE, 35, 2)
    assert AuditEvent.objects.filter(action="oversight.training.update").count() == 1

    r = sv.duty_report_create(actor=county.liaison_scj, organization=county.scj, year=2021, person_name="马明",
                              position="局长", reported_on=D(2022, 1, 10), summary="述职")
    url = reverse("oversight:duty_edit", args=[r.code])
    assert url in c.get(reverse("oversight:duty_detail", args=[r.code])).content.decode()
    assert login(county.liaison_sfj).get(url).status_code == 404
    c = login(county.liaison_scj)
    ok = c.post(url, {"year": "2021", "person_name": "马明明", "position": "局长", "reported_on": "2022-01-11",
                      "occasion": "年终述职", "summary": "述职要点", "rating": "好"})
    assert ok.status_code == 302
    r = DutyReport.objects.get(pk=r.pk)
    assert (r.person_name, r.reported_on, r.rating) == ("马明明", D(2022, 1, 11), "好")
    ev = AuditEvent.objects.filter(action="oversight.duty_report.update").get()
    assert ev.data["changes"]["person_name"] == {"before": "马明", "after": "马明明"}


@pytest.mark.django_db
def test_finding_correction_moves_deadline_and_repeat_marks(county, login):
    from fazhi.core.models import Deadline

    def insp(title, day):
        return sv.inspection_create(actor=county.admin, organization=county.fzb, title=title,
                                    scope=InspectionScope.COUNTY, inspector=InspectorBody.COMMITTEE_OFFICE,
                                    started_on=day)
    first, second = insp("上半年督察", D(2021, 6, 1)), insp("下半年督察", D(2021, 11, 1))
    f1 = sv.finding_create(actor=county.admin, inspection=first, owner=county.scj, category="三项制度落实",
                           description="甲", due_on=D(2021, 9, 30))
    f2 = sv.finding_create(actor=county.admin, inspection=second, owner=county.scj, category="三项制度",
                           description="乙", due_on=D(2021, 12, 31))
    assert f2.repeat_of is None                      # the clerk mistyped the category
    c = login(county.admin)
    url = reverse("oversight:finding_edit", args=[f2.code])
    assert url in c.get(reverse("oversight:finding_detail", args=[f2.code])).content.decode()
    early = c.post(url, {"category": "三项制度落实", "description": "乙", "due_on": "2021-10-01"})
    assert early.status_code == 400 and "不能早于督察开始日期" in early.content.decode()
    ok = c.post(url, {"category": "三项制度落实", "description": "乙（更正）", "due_on": "2022-01-31"})
    assert ok.status_code == 302
    f2 = Finding.objects.get(pk=f2.pk)
    assert f2.repeat_of == f1 and f2.description == "乙（更正）"
    assert Deadline.objects.get(rule__code="oversight.rectification_due", target_id=str(f2.code)).due_date == \
        D(2022, 1, 31)
    assert AuditEvent.objects.filter(action="oversight.finding.update").count() == 1
    # the owner's liaison reports rectification but cannot rewrite the finding
    assert login(county.liaison_scj).post(url, {"category": "无", "description": "x",
                                                "due_on": "2022-06-30"}).status_code == 403
    assert Finding.objects.get(pk=f2.pk).category == "三项制度落实"


@pytest.mark.django_db
def test_task_correction_by_plan_author_moves_deadline(county, login):
    from fazhi.core.models import Deadline
    from fazhi.oversight.choices import TaskKind

    plan = sv.plan_create(actor=county.admin, organization=county.fzb, year=2021, title="要点")
    t = sv.task_create(actor=county.admin, plan=plan, owner=county.scj, number="1", title="任务甲",
                       kind=TaskKind.ROUTINE, due_on=D(2021, 6, 30))
    c = login(county.admin)
    url = reverse("oversight:task_edit", args=[t.code])
    assert url in c.get(reverse("oversight:task_detail", args=[t.code])).content.decode()
    assert 'value="2021-06-30"' in c.get(url).content.decode()
    ok = c.post(url, {"number": "1", "title": "任务甲（更正）", "kind": "key_reform", "due_on": "2021-09-30"})
    assert ok.status_code == 302
    t.refresh_from_db()
    assert (t.title, t.kind, t.due_on) == ("任务甲（更正）", TaskKind.KEY_REFORM, D(2021, 9, 30))
    assert Deadline.objects.get(rule__code="oversight.task_due", target_id=str(t.code)).due_date == D(2021, 9, 30)
    assert login(county.liaison_scj).post(url, {"number": "1", "title": "x", "kind": "routine",
                                                "due_on": "2021-12-31"}).status_code == 403
    sv.task_report_progress(actor=county.liaison_scj, task=t, progress=100,
                            evidence_link=reverse("oversight:task_detail", args=[t.code]))
    with pytest.raises(ValidationError, match="已完成"):
        sv.task_update(actor=county.admin, task=t, number="1", title="y", kind="routine", due_on=D(2021, 9, 30))
