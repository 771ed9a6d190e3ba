"""The figures of section 一(一)/(二)/(四) held by 统筹督察, and the figures the assessment uses."""
from django.db.models import Count, Q

from fazhi.core.indicators import (
    count_where,
    pct,
    rate_where,
    register_indicator,
    sum_where,
    total,
)

from .choices import (
    FindingStatus,
    InspectionScope,
    InspectorBody,
    MeetingKind,
    TaskKind,
    TaskStatus,
    TrainingMode,
)
from .models import (
    AdoptedDocument,
    Finding,
    Inspection,
    Meeting,
    StudySession,
    Training,
    TrainingAttendance,
    WorkTask,
)


def _meetings(kind):
    return {"records": lambda orgs, start, end: Meeting.objects.filter(organization__in=orgs, kind=kind,
                                                                       held_on__range=(start, end)),
            "tally": count_where(lambda start, end: Q(kind=kind, held_on__range=(start, end)))}


def _in_person(start, end):
    return Q(mode=TrainingMode.IN_PERSON, held_on__range=(start, end))


register_indicator(
    code="oversight.committee_meetings", name="依法治县委员会会议", unit="次", section="一(一)",
    definition="年度内召开的类型为“委员会会议”的会议数。",
    **_meetings(MeetingKind.COMMITTEE))

register_indicator(
    code="oversight.adopted_documents", name="委员会会议审议通过的文件", unit="件", section="一(一)",
    definition="年度内委员会会议审议通过的文件（规划、方案、要点等），按文件名称计。",
    records=lambda orgs, start, end: AdoptedDocument.objects.filter(
        organization__in=orgs, meeting__kind=MeetingKind.COMMITTEE, meeting__held_on__range=(start, end)),
    value=lambda qs: qs.values("title").distinct().count(),
    tally=lambda start, end: Count("title", distinct=True, filter=Q(meeting__kind=MeetingKind.COMMITTEE,
                                                                    meeting__held_on__range=(start, end))))

register_indicator(
    code="oversight.promotion_meetings", name="县政府法治政府建设推进会", unit="次", section="一(一)",
    definition="年度内召开的类型为“推进会”的会议数。",
    **_meetings(MeetingKind.PROMOTION))

register_indicator(
    code="oversight.county_inspections", name="全县法治建设全面督察", unit="次", section="一(一)",
    definition="年度内开始的督察范围为“全县”的督察数。",
    records=lambda orgs, start, end: Inspection.objects.filter(
        organization__in=orgs, scope=InspectionScope.COUNTY, started_on__range=(start, end)),
    tally=count_where(lambda start, end: Q(scope=InspectionScope.COUNTY, started_on__range=(start, end))))

register_indicator(
    code="oversight.congress_inspections", name="人大常委会专项督察", unit="次", section="一(一)",
    definition="年度内由县人大常委会开展的督察数。",
    records=lambda orgs, start, end: Inspection.objects.filter(
        organization__in=orgs, inspector=InspectorBody.PEOPLES_CONGRESS, started_on__range=(start, end)),
    tally=count_where(lambda start, end: Q(inspector=InspectorBody.PEOPLES_CONGRESS, started_on__range=(start, end))))

register_indicator(
    code="oversight.study_topics", name="政府常务会议学法专题", unit="项", section="一(一)",
    definition="年度内政府常务会议学法、党组理论学习中心组学法的不同专题数（按专题名称去重）。",
    records=lambda orgs, start, end: StudySession.objects.filter(organization__in=orgs, held_on__range=(start, end)),
    value=lambda qs: len({t for s in qs for t in s.topic_list()}))

register_indicator(
    code="oversight.key_reform_tasks", name="重点改革任务", unit="项", section="一(二)",
    definition="当年依法治县工作要点中类型为“重点改革”的任务数。",
    records=lambda orgs, start, end: WorkTask.objects.filter(
        organization__in=orgs, kind=TaskKind.KEY_REFORM, plan__year=start.year),
    tally=count_where(lambda start, end: Q(kind=TaskKind.KEY_REFORM, plan__year=start.year)))

register_indicator(
    code="oversight.training_sessions", name="法治培训场次", unit="场次", section="一(四)",
    definition="年度内举办的线下法治培训场次（线上学习另计参训人数）。",
    records=lambda orgs, start, end: Training.objects.filter(
        organization__in=orgs, mode=TrainingMode.IN_PERSON, held_on__range=(start, end)),
    tally=count_where(_in_person))

register_indicator(
    code="oversight.training_person_times", name="法治培训人次", unit="人次", section="一(四)",
    definition="年度内线下法治培训的参训人次合计。",
    records=lambda orgs, start, end: Training.objects.filter(
        organization__in=orgs, mode=TrainingMode.IN_PERSON, held_on__range=(start, end)),
    value=lambda qs: total(qs, "person_times"), tally=sum_where("person_times", _in_person))

register_indicator(
    code="oversight.online_trained_staff", name="参加线上学习培训的执法人员", unit="名", section="一(四)",
    definition="年度内参加过线上培训的不同人员数（按人员标识去重）。",
    records=lambda orgs, start, end: TrainingAttendance.objects.filter(
        organization__in=orgs, training__mode=TrainingMode.ONLINE, training__held_on__range=(start, end)),
    value=lambda qs: qs.values("staff_key").distinct().count(),
    tally=lambda start, end: Count("staff_key", distinct=True, filter=Q(training__mode=TrainingMode.ONLINE,
                                                                        training__held_on__range=(start, end))))

# ---- used by the assessment (考评) ------------------------------------------------------------
register_indicator(
    code="oversight.task_completion_rate", name="工作要点任务完成率", unit="%", section="一(一)",
    definition="完成时限在年度内的工作要点任务中，已完成（有佐证）的比例。",
    records=lambda orgs, start, end: WorkTask.objects.filter(organization__in=orgs, due_on__range=(start, end)),
    value=lambda qs: pct(qs.filter(status=TaskStatus.DONE).count(), qs.count()),
    **rate_where(Q(status=TaskStatus.DONE), lambda start, end: Q(due_on__range=(start, end))))

register_indicator(
    code="oversight.rectification_closure_rate", name="督察问题整改销号率", unit="%", section="一(一)",
    definition="整改时限在年度内的督察问题中，已销号的比例。",
    records=lambda orgs, start, end: Finding.objects.filter(organization__in=orgs, due_on__range=(start, end)),
    value=lambda qs: pct(qs.filter(status=FindingStatus.CLOSED).count(), qs.count()),
    **rate_where(Q(status=FindingStatus.CLOSED), lambda start, end: Q(due_on__range=(start, end))))

register_indicator(
    code="oversight.repeated_findings", name="重复出现的督察问题", unit="个", section="一(一)",
    definition="年度内督察发现、与此前督察同单位同类别问题重复的问题数。",
    records=lambda orgs, start, end: Finding.objects.filter(
        ~Q(repeat_of=None), organization__in=orgs, inspection__started_on__range=(start, end)),
    tally=count_where(lambda start, end: ~Q(repeat_of=None) & Q(inspection__started_on__range=(start, end))))
