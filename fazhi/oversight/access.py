"""Routes of 统筹督察 for the cross-organization access matrix (tests/test_access_matrix.py)."""
import datetime

from django.utils import timezone

from fazhi.core.access_registry import (marker, register_create_route, register_factory, register_list_route,
                                        register_object_route, register_public_route)

from . import services as sv
from .choices import InspectionScope, InspectorBody, MeetingKind, StudyForm, TaskKind, TrainingMode
from .models import (Appeal, Assessment, AssessmentTarget, DutyReport, Finding, Inspection, Meeting, StudySession,
                     Training, WorkPlan, WorkTask)

D = datetime.date(2021, 5, 10)


def _meeting(org):
    return sv.meeting_create(actor=None, organization=org, kind=MeetingKind.COMMITTEE, title=marker("会议"), held_on=D,
                             documents=[marker("文件")])


def _training(org):
    return sv.training_create(actor=None, organization=org, title=marker("培训"), held_on=D, mode=TrainingMode.ONLINE,
                              person_times=1, attendees=[(marker("学员"), "")])


def _plan(org):
    return sv.plan_create(actor=None, organization=org, year=2021, title=marker("工作要点"))


def _task(org):
    return sv.task_create(actor=None, plan=_plan(org), owner=org, number="1", title=marker("任务"),
                          kind=TaskKind.KEY_REFORM, due_on=D)


def _inspection(org):
    return sv.inspection_create(actor=None, organization=org, title=marker("督察"), scope=InspectionScope.COUNTY,
                                inspector=InspectorBody.COMMITTEE_OFFICE, started_on=D)


def _finding(org):
    return sv.finding_create(actor=None, inspection=_inspection(org), owner=org, category=marker("类别"),
                             description=marker("问题"), due_on=datetime.date(2021, 9, 30))


def _duty(org):
    return sv.duty_report_create(actor=None, organization=org, year=2021, person_name=marker("述职人"), position="局长",
                                 reported_on=D, summary="述职")


def _assessment(org):
    scheme = sv.scheme_load(actor=None)
    return sv.assessment_create(actor=None, organization=org, year=2021, title=marker("考评"), scheme=scheme,
                                targets=[org])


def _target(org):
    return _assessment(org).targets.get()


def _appeal(org):
    a = _assessment(org)
    today = timezone.localdate()
    a = sv.assessment_publish(actor=None, assessment=a, on=today)
    return sv.appeal_file(actor=None, target=a.targets.get(), reason=marker("申诉"), on=today)


register_factory(Meeting, _meeting)
register_factory(StudySession, lambda org: sv.study_create(actor=None, organization=org, form=StudyForm.EXECUTIVE,
                                                           held_on=D, topics=marker("专题")))
register_factory(Training, _training)
register_factory(WorkPlan, _plan)
register_factory(WorkTask, _task)
register_factory(Inspection, _inspection)
register_factory(Finding, _finding)
register_factory(DutyReport, _duty)
register_factory(Assessment, _assessment)
register_factory(AssessmentTarget, _target)
register_factory(Appeal, _appeal)

register_object_route("oversight:meeting_detail", Meeting)
register_object_route("oversight:meeting_edit", Meeting, body={"kind": "committee", "title": "改名", "held_on": "2021-05-11"})
register_object_route("oversight:study_edit", StudySession, body={"form": "executive", "held_on": "2021-05-11",
                                                                  "topics": "改专题"})
register_object_route("oversight:inspection_edit", Inspection, body={
    "title": "改名", "scope": "special", "inspector": "committee_office", "started_on": "2021-05-11"})
register_object_route("oversight:task_edit", WorkTask, body={"number": "9", "title": "改名", "kind": "routine",
                                                              "due_on": "2021-06-30"})
register_object_route("oversight:finding_edit", Finding, body={"category": "改类别", "description": "改",
                                                               "due_on": "2021-09-30"})
register_object_route("oversight:training_detail", Training)
register_object_route("oversight:training_edit", Training, body={"title": "改名", "held_on": "2021-05-11",
                                                                 "mode": "online", "person_times": "5"})
register_object_route("oversight:duty_edit", DutyReport, body={
    "year": "2021", "person_name": "改名", "position": "局长", "reported_on": "2022-01-10", "occasion": "年终述职",
    "summary": "改"})
register_object_route("oversight:plan_detail", WorkPlan)
register_object_route("oversight:task_detail", WorkTask)
register_object_route("oversight:inspection_detail", Inspection)
register_object_route("oversight:finding_detail", Finding)
register_object_route("oversight:duty_detail", DutyReport)
register_object_route("oversight:assessment_detail", Assessment)
register_object_route("oversight:assessment_export", Assessment)
register_object_route("oversight:assessment_transition", Assessment)
register_object_route("oversight:target_detail", AssessmentTarget)
register_object_route("oversight:appeal_decide", Appeal)

register_list_route("oversight:meetings", Meeting, markers=lambda m: [m.title])
register_list_route("oversight:studies", StudySession, markers=lambda s: [s.topics])
register_list_route("oversight:trainings", Training, markers=lambda t: [t.title])
register_list_route("oversight:tasks", WorkTask, markers=lambda t: [t.title])
register_list_route("oversight:inspections", Inspection, markers=lambda i: [i.title])
register_list_route("oversight:duty_reports", DutyReport, markers=lambda r: [r.person_name])
register_list_route("oversight:assessments", Assessment, markers=lambda a: [a.title])

register_create_route("oversight:meeting_create", Meeting, body=lambda org: {
    "organization": str(org.code), "kind": "committee", "title": marker("新会议"), "held_on": "2021-05-10"})
register_create_route("oversight:study_create", StudySession, body=lambda org: {
    "organization": str(org.code), "form": "executive", "held_on": "2021-05-10", "topics": marker("新专题")})
register_create_route("oversight:training_create", Training, body=lambda org: {
    "organization": str(org.code), "title": marker("新培训"), "held_on": "2021-05-10", "mode": "in_person",
    "person_times": "10"})
register_create_route("oversight:plan_create", WorkPlan, body=lambda org: {
    "organization": str(org.code), "year": "2021", "title": marker("新工作要点")})
register_create_route("oversight:inspection_create", Inspection, body=lambda org: {
    "organization": str(org.code), "title": marker("新督察"), "scope": "county", "inspector": "committee_office",
    "started_on": "2021-05-10"})

register_public_route("oversight_public:*", "门户公开页面：只显示已公开的督察与考评结果")

register_list_route("api:oversight_task_list", WorkTask, markers=lambda t: [t.title])
register_object_route("api:oversight_ranking", Assessment)
register_create_route("oversight:assessment_create", Assessment, reader="admin", body=lambda org: {
    "organization": str(org.code), "year": "2021", "title": marker("新考评"), "kinds": ["department", "township"]})
register_create_route("oversight:duty_create", DutyReport, body=lambda org: {
    "organization": str(org.code), "year": "2021", "person_name": marker("述职人"), "position": "局长",
    "reported_on": "2022-01-10", "occasion": "年终述职", "summary": "述职要点"})
