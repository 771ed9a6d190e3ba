import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.attachments import attachment_upload
from fazhi.core.models import AuditEvent, Deadline
from fazhi.oversight import services as sv
from fazhi.oversight.choices import (FindingStatus, InspectionScope, InspectorBody, MeetingKind, TaskKind,
                                     TaskStatus, TrainingMode)
from fazhi.oversight.export import ranking_xlsx
from fazhi.oversight.models import Appeal, Finding, ManualScore, Meeting, SchemeItem, Training
from fazhi.oversight.scoring import ranking, target_result

D = datetime.date


def _config(formula_code="oversight.task_completion_rate", min_records=5):
    return {"key": "test", "version": "1", "name": "测试指标", "min_records": min_records, "items": [
        {"number": "1", "name": "组织领导", "children": [
            {"number": "1.1", "name": "任务完成率", "points": 10, "method": "auto",
             "applies_to": ["department", "township"], "formula": {"indicator": formula_code, "type": "rate"}},
            {"number": "1.2", "name": "未接入指标", "points": 5, "method": "auto",
             "formula": {"indicator": "nowhere.not_registered", "type": "rate"}},
            {"number": "1.3", "name": "述职", "points": 5, "method": "manual", "applies_to": ["department"]},
            {"number": "1.4", "name": "乡镇专项", "points": 4, "method": "manual", "applies_to": ["township"]},
        ]}]}


@pytest.fixture
def assessment(county):
    scheme = sv.scheme_load(actor=None, config=_config())
    return sv.assessment_create(actor=county.admin, organization=county.fzb, year=2021, title="2021年度考评",
                                scheme=scheme, targets=[county.scj, county.sfj, county.town])


def _plan_tasks(county, owner, n, done):
    plan = sv.plan_create(actor=county.admin, organization=county.fzb, year=2021, title="2021年工作要点")
    tasks = [sv.task_create(actor=county.admin, plan=plan, owner=owner, number=str(i), title=f"任务{i}",
                            kind=TaskKind.KEY_REFORM, due_on=D(2021, 6, 30)) for i in range(n)]
    for t in tasks[:done]:
        sv.task_report_progress(actor=county.admin, task=t, progress=100, evidence_link=reverse(
            "oversight:plan_detail", args=[plan.code]), on=D(2021, 6, 1))
    return tasks


# ---------------------------------------------------------------- assessment: automatic leaves
@pytest.mark.django_db
def test_automatic_indicator_recomputes_when_its_records_change(county, assessment):
    tasks = _plan_tasks(county, county.scj, 6, 3)
    target = assessment.targets.get(organization=county.scj)
    leaf = lambda: next(lf for lf in target_result(target).leaves if lf.item.number == "1.1")  # noqa: E731
    first = leaf()
    assert first.state == "ok" and first.value == Decimal("50.0") and first.points == Decimal("5.00")
    sv.task_report_progress(actor=county.liaison_scj, task=tasks[3], progress=100,
                            evidence_link=reverse("oversight:task_detail", args=[tasks[0].code]))
    assert leaf().points == Decimal("6.67")     # 4 of 6 done: recomputed on read, no stale cache
    assert ranking(assessment)[0].target.organization == county.scj


@pytest.mark.django_db
def test_missing_indicator_and_no_data_are_flagged_and_not_counted(county, assessment):
    target = assessment.targets.get(organization=county.sfj)
    r = target_result(target)
    states = {lf.item.number: lf for lf in r.leaves}
    assert states["1.1"].state == "no_data" and "数据不足" in states["1.1"].caveat
    assert states["1.2"].state == "missing" and "指标未接入" in states["1.2"].caveat
    assert states["1.3"].state == "pending"
    assert states["1.4"].state == "na"          # township-only leaf for a department
    assert r.possible == Decimal("5")            # only the pending manual leaf counts


@pytest.mark.django_db
def test_few_records_carry_a_data_quality_caveat(county, assessment):
    _plan_tasks(county, county.scj, 2, 2)
    r = target_result(assessment.targets.get(organization=county.scj))
    lf = next(x for x in r.leaves if x.item.number == "1.1")
    assert lf.state == "few" and "仅依据2条记录" in lf.caveat
    assert any("仅依据2条记录" in c for c in r.caveats)


# ---------------------------------------------------------------- manual scoring needs evidence
@pytest.mark.django_db
def test_manual_score_requires_evidence(county, assessment):
    target = assessment.targets.get(organization=county.scj)
    item = SchemeItem.objects.get(scheme=assessment.scheme, number="1.3")
    n_events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        sv.score_set(actor=county.admin, target=target, item=item, points=4)
    assert "佐证" in str(exc.value) and "考评办法" in str(exc.value)
    with pytest.raises(ValidationError, match="不存在"):
        sv.score_set(actor=county.admin, target=target, item=item, points=4, evidence_link="/no/such/record/")
    for listing in ("/", "/oversight/", "/oversight/inspections/"):   # a list page proves nothing
        with pytest.raises(ValidationError, match="具体记录"):
            sv.score_set(actor=county.admin, target=target, item=item, points=4, evidence_link=listing)
    with pytest.raises(ValidationError, match="0到5"):
        sv.score_set(actor=county.admin, target=target, item=item, points=6,
                     evidence_link=reverse("oversight:assessment_detail", args=[assessment.code]))
    assert not ManualScore.objects.exists() and AuditEvent.objects.count() == n_events

    s = sv.score_set(actor=county.admin, target=target, item=item, points=Decimal("4.5"),
                     evidence_link=reverse("oversight:assessment_detail", args=[assessment.code]))
    assert s.points == Decimal("4.5")
    att = attachment_upload(actor=county.admin, organization=None, target=target,
                            file=SimpleUploadedFile("述职.pdf", b"%PDF-1.4\n%test\n"))
    s = sv.score_set(actor=county.admin, target=target, item=item, points=5, evidence_attachment=att)
    assert s.points == 5 and s.evidence_attachment == att and ManualScore.objects.count() == 1


@pytest.mark.django_db
def test_only_reviewers_of_the_assessor_score(county, assessment):
    target = assessment.targets.get(organization=county.scj)
    item = SchemeItem.objects.get(scheme=assessment.scheme, number="1.3")
    link = reverse("oversight:assessment_detail", args=[assessment.code])
    for user in (county.liaison_scj, county.leader, county.reviewer):
        with pytest.raises(PermissionDenied):
            sv.score_set(actor=user, target=target, item=item, points=5, evidence_link=link)
    with pytest.raises(ValidationError, match="自动计算"):
        sv.score_set(actor=county.admin, target=target, item=SchemeItem.objects.get(scheme=assessment.scheme,
                                                                                  number="1.1"),
                     points=5, evidence_link=link)


@pytest.mark.django_db
def test_score_form_without_evidence_shows_chinese_error(county, assessment, login):
    target = assessment.targets.get(organization=county.scj)
    item = SchemeItem.objects.get(scheme=assessment.scheme, number="1.3")
    c = login(county.admin)
    r = c.post(reverse("oversight:target_detail", args=[target.code]),
               {"action": "score", "item": str(item.id), "points": "4"})
    assert r.status_code == 400 and "须提供佐证材料" in r.content.decode()
    assert not ManualScore.objects.exists()


# ---------------------------------------------------------------- appeal window (crosses National Day 2021)
@pytest.mark.django_db
def test_appeal_window_over_national_day(county, assessment):
    a = sv.assessment_publish(actor=county.admin, assessment=assessment, on=D(2021, 9, 30))
    # 5 working days after 9-30: 10-8, 10-9 (调休上班), 10-11, 10-12, 10-13.
    assert a.appeal_until == D(2021, 10, 13)
    dl = Deadline.objects.get(rule__code="oversight.assessment_appeal")
    assert dl.due_date == D(2021, 10, 13) and "考评办法" in dl.rule.legal_basis
    target = a.targets.get(organization=county.scj)
    ap = sv.appeal_file(actor=county.liaison_scj, target=target, reason="请复核", on=D(2021, 10, 13))
    with pytest.raises(ValidationError, match="申诉期已于2021年10月13日届满.*考评办法"):
        sv.appeal_file(actor=county.liaison_scj, target=target, reason="再次申诉", on=D(2021, 10, 14))
    with pytest.raises(PermissionDenied):
        sv.appeal_file(actor=county.liaison_sfj, target=target, reason="替人申诉", on=D(2021, 10, 8))
    with pytest.raises(ValidationError, match="申诉期内不能定档"):
        sv.assessment_finalize(actor=county.admin, assessment=a, on=D(2021, 10, 12))
    with pytest.raises(ValidationError, match="未复核的申诉"):
        sv.assessment_finalize(actor=county.admin, assessment=a, on=D(2021, 10, 20))
    sv.appeal_decide(actor=county.admin, appeal=ap, upheld=False, response="维持")
    a = sv.assessment_finalize(actor=county.admin, assessment=a, on=D(2021, 10, 20))
    assert a.status == "final" and Appeal.objects.get().status == "rejected"
    with pytest.raises(ValidationError, match="已定档"):
        sv.score_set(actor=county.admin, target=target, item=SchemeItem.objects.get(scheme=a.scheme, number="1.3"),
                     points=1, evidence_link=reverse("oversight:assessment_detail", args=[a.code]))


@pytest.mark.django_db
def test_appeal_before_publication_refused(county, assessment):
    with pytest.raises(ValidationError, match="尚未公示.*考评办法"):
        sv.appeal_file(actor=county.liaison_scj, target=assessment.targets.get(organization=county.scj), reason="x",
                       on=D(2021, 10, 1))


# ---------------------------------------------------------------- scheme configuration
@pytest.mark.django_db
def test_default_scheme_loads_versioned_and_idempotent():
    s1 = sv.scheme_load(actor=None)
    s2 = sv.scheme_load(actor=None)
    assert s1.pk == s2.pk and s1.version == "2021.1" and s1.source == "tongxin-2021.json"
    tops = list(s1.items.filter(level=1).values_list("name", flat=True))
    assert tops[:2] == ["政府职能依法全面履行", "依法行政制度体系完善"] and len(tops) == 8
    assert sum(i.points for i in s1.items.all() if i.is_leaf) == 100


@pytest.mark.django_db
def test_scheme_config_errors_are_refused():
    bad = _config()
    bad["items"][0]["children"][0]["formula"] = {}
    with pytest.raises(ValidationError, match="缺少 formula.indicator"):
        sv.scheme_load(actor=None, config=bad)
    bad = _config()
    bad["items"][0]["children"][2]["applies_to"] = ["martian"]
    with pytest.raises(ValidationError, match="适用单位类型无效"):
        sv.scheme_load(actor=None, config=bad)


# ---------------------------------------------------------------- ranking export
@pytest.mark.django_db
def test_ranking_exports_to_xlsx_that_opens(county, assessment, login):
    _plan_tasks(county, county.scj, 6, 6)
    body = ranking_xlsx(assessment)
    wb = openpyxl.load_workbook(io.BytesIO(body))
    ws = wb["考评排名"]
    assert ws.cell(3, 1).value == "名次" and ws.cell(4, 2).value == county.scj.name and ws.cell(4, 1).value == 1
    assert "得分明细" in wb.sheetnames
    r = login(county.admin).get(reverse("oversight:assessment_export", args=[assessment.code]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    openpyxl.load_workbook(io.BytesIO(r.content))


@pytest.mark.django_db
def test_equal_scores_share_a_rank(county, assessment):
    results = ranking(assessment)
    assert [r.rank for r in results] == [1, 1, 1]


# ---------------------------------------------------------------- work plan tasks and the deadline board
@pytest.mark.django_db
def test_task_deadline_on_board_and_completion_needs_evidence(county):
    (task,) = _plan_tasks(county, county.scj, 1, 0)
    dl = Deadline.objects.get(rule__code="oversight.task_due", target_id=str(task.code))
    assert dl.due_date == D(2021, 6, 30) and dl.organization == county.scj and dl.done_at is None
    with pytest.raises(ValidationError, match="佐证"):
        sv.task_report_progress(actor=county.liaison_scj, task=task, progress=100)
    task.refresh_from_db()
    assert task.status == TaskStatus.PENDING and task.progress == 0
    sv.task_report_progress(actor=county.liaison_scj, task=task, progress=60, note="推进中")
    with pytest.raises(ValidationError, match="不能低于"):
        sv.task_report_progress(actor=county.liaison_scj, task=task, progress=50)
    with pytest.raises(ValidationError, match="具体记录"):
        sv.task_report_progress(actor=county.liaison_scj, task=task, progress=100, evidence_link="/oversight/tasks/")
    sv.task_report_progress(actor=county.liaison_scj, task=task, progress=100,
                            evidence_link=reverse("oversight:task_detail", args=[task.code]))
    task.refresh_from_db()
    dl.refresh_from_db()
    assert task.status == TaskStatus.DONE and dl.done_at is not None


@pytest.mark.django_db
def test_task_pages_scoping(county, login):
    (task,) = _plan_tasks(county, county.scj, 1, 0)
    url = reverse("oversight:task_detail", args=[task.code])
    assert login(county.liaison_sfj).get(url).status_code == 404
    assert login(county.leader).post(url, {"progress": "50"}).status_code == 403
    r = login(county.liaison_scj).post(url, {"progress": "abc"})
    assert r.status_code == 400 and "完成进度应为0到100之间的整数" in r.content.decode()
    r = login(county.liaison_scj).post(url, {"progress": "40", "note": "已启动"})
    assert r.status_code == 302
    task.refresh_from_db()
    assert task.progress == 40


# ---------------------------------------------------------------- inspections and rectification
@pytest.mark.django_db
def test_findings_repeat_rectify_and_close(county):
    first = sv.inspection_create(actor=county.admin, organization=county.fzb, title="上半年督察",
                                 scope=InspectionScope.COUNTY, inspector=InspectorBody.COMMITTEE_OFFICE,
                                 started_on=D(2021, 6, 1))
    second = sv.inspection_create(actor=county.admin, organization=county.fzb, title="下半年督察",
                                  scope=InspectionScope.COUNTY, inspector=InspectorBody.COMMITTEE_OFFICE,
                                  started_on=D(2021, 11, 1))
    f1 = sv.finding_create(actor=county.admin, inspection=first, owner=county.scj, category="三项制度落实",
                           description="公示不及时", due_on=D(2021, 9, 30))
    f2 = sv.finding_create(actor=county.admin, inspection=second, owner=county.scj, category="三项制度落实",
                           description="仍不及时", due_on=D(2021, 12, 31))
    f3 = sv.finding_create(actor=county.admin, inspection=second, owner=county.sfj, category="三项制度落实",
                           description="他单位", due_on=D(2021, 12, 31))
    assert f1.repeat_of is None and f2.repeat_of == f1 and f3.repeat_of is None
    assert Deadline.objects.get(rule__code="oversight.rectification_due", target_id=str(f1.code)).due_date == \
        D(2021, 9, 30)
    with pytest.raises(ValidationError, match="佐证.*督察工作规定"):
        sv.finding_submit(actor=county.liaison_scj, finding=f1, rectification="已整改")
    with pytest.raises(ValidationError, match="尚未报送.*督察工作规定"):
        sv.finding_close(actor=county.admin, finding=f1)
    sv.finding_submit(actor=county.liaison_scj, finding=f1, rectification="已整改",
                      evidence_link=reverse("oversight:finding_detail", args=[f1.code]))
    with pytest.raises(PermissionDenied):
        sv.finding_close(actor=county.liaison_scj, finding=f1)     # the owner cannot close its own finding
    sv.finding_close(actor=county.admin, finding=f1, on=D(2021, 10, 8))
    f1.refresh_from_db()
    assert f1.status == FindingStatus.CLOSED
    assert Deadline.objects.get(rule__code="oversight.rectification_due", target_id=str(f1.code)).done_at


@pytest.mark.django_db
def test_finding_page_shows_repeat_and_other_org_404(county, login):
    i1 = sv.inspection_create(actor=None, organization=county.fzb, title="一", scope=InspectionScope.COUNTY,
                              inspector=InspectorBody.COMMITTEE_OFFICE, started_on=D(2021, 3, 1))
    i2 = sv.inspection_create(actor=None, organization=county.fzb, title="二", scope=InspectionScope.SPECIAL,
                              inspector=InspectorBody.PEOPLES_CONGRESS, started_on=D(2021, 8, 1))
    sv.finding_create(actor=None, inspection=i1, owner=county.scj, category="执法人员持证", description="a",
                      due_on=D(2021, 5, 1))
    f = sv.finding_create(actor=None, inspection=i2, owner=county.scj, category="执法人员持证", description="b",
                          due_on=D(2021, 10, 1))
    url = reverse("oversight:finding_detail", args=[f.code])
    assert "重复出现" in login(county.liaison_scj).get(url).content.decode()
    assert login(county.liaison_sfj).get(url).status_code == 404


# ---------------------------------------------------------------- meetings and trainings
@pytest.mark.django_db
def test_meeting_form_bad_input_saves_nothing(county, login):
    c = login(county.admin)
    r = c.post(reverse("oversight:meeting_create"), {"organization": str(county.fzb.code), "kind": "committee",
                                                     "title": "", "held_on": "2021-13-40"})
    body = r.content.decode()
    assert r.status_code == 400 and "请填写会议名称" in body and "日期格式应为" in body
    assert not Meeting.objects.exists()
    r = c.post(reverse("oversight:meeting_create"), {"organization": str(county.fzb.code), "kind": "committee",
                                                     "title": "第一次会议", "held_on": "2021-03-18",
                                                     "documents": "《工作要点》\n《规划》"})
    assert r.status_code == 302
    assert list(Meeting.objects.get().documents.values_list("title", flat=True)) == ["《工作要点》", "《规划》"]


@pytest.mark.django_db
def test_training_attendance_counts_and_online_distinct(county):
    from fazhi.core.indicators import get_indicator, org_scope, year_bounds
    with pytest.raises(ValidationError, match="不能少于"):
        sv.training_create(actor=county.admin, organization=county.sfj, title="线上", held_on=D(2021, 5, 1),
                           mode=TrainingMode.ONLINE, person_times=1, attendees=[("甲", "1"), ("乙", "2")])
    assert not Training.objects.exists()
    sv.training_create(actor=county.admin, organization=county.sfj, title="线上一", held_on=D(2021, 5, 1),
                       mode=TrainingMode.ONLINE, person_times=2, attendees=[("甲", "1"), ("乙", "2")])
    sv.training_create(actor=county.admin, organization=county.sfj, title="线上二", held_on=D(2021, 9, 1),
                       mode=TrainingMode.ONLINE, person_times=2, attendees=[("乙", "2"), ("丙", "3")])
    sv.training_create(actor=county.admin, organization=county.sfj, title="线下", held_on=D(2021, 10, 9),
                       mode=TrainingMode.IN_PERSON, person_times=30)
    orgs, (s, e) = org_scope(county.gov), year_bounds(2021)
    assert get_indicator("oversight.online_trained_staff").compute(orgs, s, e) == 3
    assert get_indicator("oversight.training_sessions").compute(orgs, s, e) == 1
    assert get_indicator("oversight.training_person_times").compute(orgs, s, e) == 30


@pytest.mark.django_db
def test_committee_meeting_indicator_counts_kind_only(county):
    from fazhi.core.indicators import get_indicator, org_scope, year_bounds
    for kind in (MeetingKind.COMMITTEE, MeetingKind.PROMOTION, MeetingKind.COMMITTEE):
        sv.meeting_create(actor=county.admin, organization=county.fzb, kind=kind, title="会", held_on=D(2021, 4, 1))
    sv.meeting_create(actor=county.admin, organization=county.fzb, kind=MeetingKind.COMMITTEE, title="去年",
                      held_on=D(2020, 12, 31))
    orgs, (s, e) = org_scope(county.gov), year_bounds(2021)
    assert get_indicator("oversight.committee_meetings").compute(orgs, s, e) == 2
    assert get_indicator("oversight.promotion_meetings").compute(orgs, s, e) == 1
    with pytest.raises(PermissionDenied):
        sv.meeting_create(actor=county.leader, organization=county.scj, kind=MeetingKind.OTHER, title="x",
                          held_on=D(2021, 1, 5))


@pytest.mark.django_db
def test_pages_render(county, assessment, login):
    _plan_tasks(county, county.scj, 3, 1)
    c = login(county.admin)
    for name in ("index", "meetings", "studies", "trainings", "tasks", "inspections", "duty_reports", "assessments",
                 "meeting_create", "study_create", "training_create", "inspection_create", "duty_create",
                 "assessment_create"):
        assert c.get(reverse(f"oversight:{name}")).status_code == 200, name
    for url in (reverse("oversight:assessment_detail", args=[assessment.code]),
                reverse("oversight:target_detail", args=[assessment.targets.first().code]),
                reverse("oversight_public:index")):
        r = c.get(url)
        assert r.status_code == 200, url
    assert Finding.objects.count() == 0


@pytest.mark.django_db
def test_appeal_window_over_spring_festival(county, assessment):
    # 2021 春节: 2-11..2-17 off, 2-20 (Sat) a working day. 5 working days after 2-10: 18, 19, 20, 22, 23.
    a = sv.assessment_publish(actor=county.admin, assessment=assessment, on=D(2021, 2, 10))
    assert a.appeal_until == D(2021, 2, 23)


@pytest.mark.django_db
def test_overdue_task_is_red_on_the_deadline_board(county):
    from fazhi.core.deadlines import deadline_board
    (task,) = _plan_tasks(county, county.scj, 1, 0)
    board = deadline_board(county.liaison_scj, today=D(2021, 7, 5))
    assert [d.title for d in board["red"]] == [f"工作要点任务：{task.title}"]
    assert deadline_board(county.liaison_sfj, today=D(2021, 7, 5))["red"] == []


@pytest.mark.django_db
def test_assessment_create_page(county, login):
    c = login(county.admin)
    r = c.post(reverse("oversight:assessment_create"), {"organization": str(county.fzb.code), "year": "20x1",
                                                        "title": ""})
    assert r.status_code == 400 and "请填写考评名称" in r.content.decode()
    r = c.post(reverse("oversight:assessment_create"), {"organization": str(county.fzb.code), "year": "2021",
                                                        "title": "2021年度考评", "kinds": ["department", "township"]})
    assert r.status_code == 302
    from fazhi.oversight.models import Assessment
    a = Assessment.objects.get()
    assert set(a.targets.values_list("organization__name", flat=True)) == {
        county.sfj.name, county.scj.name, county.suo.name, county.town.name}
    assert login(county.liaison_scj).get(reverse("oversight:assessment_create")).status_code == 403


@pytest.mark.django_db
def test_trainings_ledger_round_trip(county):
    from fazhi.core.ledgers import get_ledger, run_export, run_import
    ledger = get_ledger("trainings")
    sv.training_create(actor=county.admin, organization=county.sfj, title="处罚法培训", held_on=D(2021, 3, 5),
                       mode=TrainingMode.IN_PERSON, person_times=45)
    buf = io.BytesIO()
    assert run_export(ledger, buf, actor=county.admin) == 1
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    rows = [[c.value for c in r] for r in wb.active.iter_rows()]
    assert any("处罚法培训" in [str(v) for v in row] for row in rows)
    result = run_import(ledger, io.BytesIO(buf.getvalue()), actor=county.liaison_sfj)
    assert result.ok, result.messages()
    assert Training.objects.filter(title="处罚法培训", person_times=45).count() == 2
    # another organization's liaison cannot import into 司法局
    result = run_import(ledger, io.BytesIO(buf.getvalue()), actor=county.liaison_scj)
    assert not result.ok and any("举办单位" in m for m in result.messages())
    assert Training.objects.count() == 2


@pytest.mark.django_db
def test_portal_shows_county_bodies_records_only(county, client):
    sv.meeting_create(actor=None, organization=county.fzb, kind=MeetingKind.COMMITTEE, title="委员会第一次会议",
                      held_on=D(2021, 3, 18), documents=["《工作要点》"])
    sv.meeting_create(actor=None, organization=county.scj, kind=MeetingKind.COMMITTEE, title="市场监管局内部会议",
                      held_on=D(2021, 3, 19))
    body = client.get(reverse("oversight_public:index")).content.decode()
    assert "委员会第一次会议" in body and "《工作要点》" in body and "市场监管局内部会议" not in body


@pytest.mark.django_db
def test_ranking_api_gives_rank_breakdown_and_caveats(county, assessment, client):
    from fazhi.api.services import api_token_create

    _plan_tasks(county, county.scj, 2, 2)          # 2 records < min_records 5: a data-quality caveat
    target = assessment.targets.get(organization=county.scj)
    sv.score_set(actor=county.admin, target=target, item=SchemeItem.objects.get(scheme=assessment.scheme, number="1.3"),
                 points=5, evidence_link=reverse("oversight:assessment_detail", args=[assessment.code]))
    _, key = api_token_create(actor=None, user=county.admin, name="测试")
    rows = client.get(f"/api/oversight/assessments/{assessment.code}/ranking",
                      HTTP_AUTHORIZATION=f"Bearer {key}").json()
    scj = next(r for r in rows if r["organization"] == county.scj.name)
    assert scj["rank"] == 1 and Decimal(scj["score"]) == Decimal("100.00")
    assert [(g["number"], Decimal(g["earned"]), Decimal(g["possible"])) for g in scj["groups"]] == \
        [("1", Decimal("15"), Decimal("15"))]
    assert any("仅依据2条记录" in c for c in scj["caveats"])
    assert {lf["number"]: lf["state"] for lf in scj["leaves"]}["1.2"] == "missing"
    _, other = api_token_create(actor=None, user=county.liaison_scj, name="测试")
    assert client.get(f"/api/oversight/assessments/{assessment.code}/ranking",
                      HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
