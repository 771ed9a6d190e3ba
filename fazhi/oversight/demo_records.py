"""同心县 2021: the records behind section 一(一), the 33 key reform tasks, the trainings of 一(四) and a
2021 assessment of the 34 departments and 12 townships.

The counts and titles are the seed report's; dates, owners, attendee names, findings and scores are
illustrative (plausible, not from a source). Loaded through the services with ``actor=None``.
"""
from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from django.db import transaction
from django.urls import reverse

from fazhi.core.audit import audit_log
from fazhi.core.choices import OrgKind
from fazhi.core.models import Organization
from fazhi.demo.data import tongxin as data

from . import services as sv
from .choices import InspectionScope, InspectorBody, MeetingKind, StudyForm, TaskKind, TrainingMode
from .models import Assessment, ManualScore, Meeting

D = datetime.date
FZB = "中共同心县委全面依法治县委员会办公室"
GOV = "同心县人民政府"
RD = "同心县人民代表大会常务委员会"
SFJ = "同心县司法局"

# 一(一): the three documents adopted by the 委员会 (titles exactly as in the seed report).
COMMITTEE_MEETINGS = [
    (D(2021, 3, 18), "县委全面依法治县委员会2021年第一次会议", ["《同心县 2021 年依法治县工作要点》"]),
    (D(2021, 7, 9), "县委全面依法治县委员会2021年第二次会议", ["《法治同心建设规划（2021-2025 年）》"]),
    (D(2021, 11, 26), "县委全面依法治县委员会2021年第三次会议", ["《同心县法治社会建设实施方案（2021-2025 年）》"]),
]
PROMOTION_MEETINGS = [
    (D(2021, 4, 22), "同心县2021年法治政府建设推进会"),
    (D(2021, 10, 28), "同心县法治政府建设推进会（第二次）"),
]
STUDY_TOPICS = [
    (D(2021, 2, 25), StudyForm.CENTER_GROUP, "习近平法治思想"),
    (D(2021, 3, 30), StudyForm.EXECUTIVE, "《民法典》"),
    (D(2021, 6, 17), StudyForm.EXECUTIVE, "《行政处罚法》"),
    (D(2021, 8, 26), StudyForm.EXECUTIVE, "《安全生产法》"),
    (D(2021, 9, 29), StudyForm.EXECUTIVE, "《土地管理法实施条例》"),
]
TRAINING_PERSON_TIMES = [52, 45, 48, 41, 47, 50, 44, 46, 49, 43, 47, 48, 45, 45]  # 14 sessions, 650 人次
TRAINING_TOPICS = ["《行政处罚法》专题培训", "行政执法“三项制度”培训", "行政执法文书制作培训", "《民法典》专题培训"]
ONLINE_A, ONLINE_OVERLAP, ONLINE_B = 300, 59, 200   # 300 + 200 − 59 = 441 distinct staff online

KEY_REFORMS = ["基层整合审批服务执法力量改革", "“四权”改革", "医药卫生体制改革", "相对集中行政许可权改革",
               "证明事项告知承诺制", "“互联网+监管”改革", "综合行政执法体制改革", "政务服务“一网通办”"]
FINDING_CATEGORIES = ["三项制度落实", "规范性文件备案", "执法人员持证", "重大决策程序", "学法制度落实"]
SURNAMES = "马杨李王张丁金田海白周刘苏罗韩冯何吴"
GIVEN = ["建军", "晓燕", "文博", "海霞", "志刚", "明远", "国栋", "玉兰", "永福", "学军", "丽娟", "天明", "秀英",
         "振华", "新民", "彩霞", "伟", "芳", "军", "静", "斌", "红梅", "占山", "生福"]


def _h(*parts) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def demo_orgs() -> tuple[list[Organization], list[Organization]]:
    gov = _org(GOV)
    depts = list(Organization.objects.filter(kind=OrgKind.DEPARTMENT, name__in=[d["name"] for d in data.DEPARTMENTS])
                 .select_related("region").order_by("sort_order", "id"))
    towns = list(Organization.objects.filter(kind=OrgKind.TOWNSHIP, name__in=[t["org"] for t in data.TOWNSHIPS])
                 .select_related("region").order_by("sort_order", "id"))
    assert gov and len(depts) == 34 and len(towns) == 12, (len(depts), len(towns))
    return depts, towns


def exists() -> bool:
    return Meeting.objects.filter(kind=MeetingKind.COMMITTEE, held_on__year=2021, organization__name=FZB).exists()


@transaction.atomic
def load() -> str:
    if exists():
        return "已存在"
    fzb, gov, rd, sfj = _org(FZB), _org(GOV), _org(RD), _org(SFJ)
    depts, towns = demo_orgs()
    units = depts + towns

    # ---- meetings and study ---------------------------------------------------------------
    plan_doc = None
    for held_on, title, docs in COMMITTEE_MEETINGS:
        m = sv.meeting_create(actor=None, organization=fzb, kind=MeetingKind.COMMITTEE, title=title, held_on=held_on,
                              topics="专题研究法治建设重大事项\n审议" + "、".join(docs), documents=docs)
        if plan_doc is None:
            plan_doc = m.documents.first()
    for held_on, title in PROMOTION_MEETINGS:
        sv.meeting_create(actor=None, organization=gov, kind=MeetingKind.PROMOTION, title=title, held_on=held_on,
                          topics="部署推进法治政府建设重点任务")
    for held_on, form, topic in STUDY_TOPICS:
        kind = MeetingKind.EXECUTIVE if form == StudyForm.EXECUTIVE else MeetingKind.CENTER_GROUP
        m = sv.meeting_create(actor=None, organization=gov, kind=kind, held_on=held_on, topics=f"学法：{topic}",
                              title=f"县政府{'常务会议' if form == StudyForm.EXECUTIVE else '党组理论学习中心组会议'}"
                                    f"（{held_on:%m月%d日}）")
        sv.study_create(actor=None, organization=gov, form=form, held_on=held_on, topics=topic, meeting=m,
                        attendees="县政府领导班子成员\n各部门主要负责人", attendee_count=28 + _h(topic) % 10)

    # ---- trainings (一(四)) -----------------------------------------------------------------
    for i, pt in enumerate(TRAINING_PERSON_TIMES):
        month = 3 + (i * 9) // len(TRAINING_PERSON_TIMES)
        sv.training_create(actor=None, organization=sfj, title=TRAINING_TOPICS[i % len(TRAINING_TOPICS)] + f"（第{i + 1}期）",
                           held_on=D(2021, month, 5 + i), mode=TrainingMode.IN_PERSON, person_times=pt,
                           lecturer="政府法律顾问", content="法律顾问为全县行政执法人员授课")
    staff = [(_name(i) if i < 400 else _name(i) + "甲", f"6403242021{i:04d}") for i in range(441)]
    online_a = staff[:ONLINE_A]
    online_b = staff[ONLINE_A - ONLINE_OVERLAP:ONLINE_A - ONLINE_OVERLAP + ONLINE_B]
    sv.training_create(actor=None, organization=sfj, title="行政执法人员线上学习培训（上半年）", held_on=D(2021, 5, 20),
                       mode=TrainingMode.ONLINE, person_times=len(online_a), attendees=online_a,
                       content="宁夏行政执法人员网络学习平台")
    sv.training_create(actor=None, organization=sfj, title="行政执法人员线上学习培训（下半年）", held_on=D(2021, 10, 20),
                       mode=TrainingMode.ONLINE, person_times=len(online_b), attendees=online_b,
                       content="宁夏行政执法人员网络学习平台")

    # ---- 第一责任人述职 ------------------------------------------------------------------------
    duty = {}
    for i, o in enumerate(units):
        r = sv.duty_report_create(actor=None, organization=o, year=2021, person_name=_name(i + 7),
                                  position="主要负责人", reported_on=D(2022, 1, 10 + i % 10),
                                  summary="履行推进法治建设第一责任人职责情况，纳入年终述职。",
                                  rating=["好", "较好", "一般"][_h(o.name, "duty") % 3])
        duty[o.id] = reverse("oversight:duty_detail", args=[r.code])

    # ---- the work plan: 33 key reform tasks + routine tasks ------------------------------------
    plan = sv.plan_create(actor=None, organization=fzb, year=2021, title="同心县2021年依法治县工作要点",
                          document=plan_doc)
    plan_url = reverse("oversight:plan_detail", args=[plan.code])
    tasks = []
    for i in range(33):
        owner = depts[i]
        tasks.append(sv.task_create(actor=None, plan=plan, owner=owner, number=f"{i + 1}",
                                    title=f"推进{KEY_REFORMS[i % len(KEY_REFORMS)]}（{owner.short_name or owner.name}）",
                                    kind=TaskKind.KEY_REFORM, due_on=D(2021, 6 + i % 7, 28)))
    for j, owner in enumerate([depts[33]] + towns + depts[:10]):
        tasks.append(sv.task_create(actor=None, plan=plan, owner=owner, number=f"{34 + j}",
                                    title=f"落实年度法治政府建设任务（{owner.short_name or owner.name}）",
                                    kind=TaskKind.ROUTINE, due_on=D(2021, 11, 30)))
    for t in tasks:
        r = _h(t.title, "task") % 10
        if r < 8:
            sv.task_report_progress(actor=None, task=t, progress=100, note="已按期完成", evidence_link=plan_url,
                                    on=min(t.due_on, D(2021, 12, 20)))
        else:
            sv.task_report_progress(actor=None, task=t, progress=40 + r * 5, note="正在推进")

    # ---- inspections ---------------------------------------------------------------------------
    congress = sv.inspection_create(actor=None, organization=rd, title="党政主要负责人履行推进法治建设第一责任人职责专项督察",
                                    scope=InspectionScope.SPECIAL, inspector=InspectorBody.PEOPLES_CONGRESS,
                                    started_on=D(2021, 3, 15), ended_on=D(2021, 3, 26),
                                    subject="第一责任人履职及本地区法治政府建设情况")
    first = sv.inspection_create(actor=None, organization=fzb, title="2021年上半年全县法治建设工作全面督察",
                                 scope=InspectionScope.COUNTY, inspector=InspectorBody.COMMITTEE_OFFICE,
                                 started_on=D(2021, 6, 7), ended_on=D(2021, 6, 25), subject="各乡镇、各部门法治政府建设")
    second = sv.inspection_create(actor=None, organization=fzb, title="2021年下半年全县法治建设工作全面督察",
                                  scope=InspectionScope.COUNTY, inspector=InspectorBody.COMMITTEE_OFFICE,
                                  started_on=D(2021, 11, 8), ended_on=D(2021, 11, 26), subject="各乡镇、各部门法治政府建设")
    for k, o in enumerate(units[::3]):
        cat = FINDING_CATEGORIES[k % len(FINDING_CATEGORIES)]
        f = sv.finding_create(actor=None, inspection=first, owner=o, category=cat, due_on=D(2021, 9, 30),
                              description=f"{cat}方面存在不足，需限期整改。")
        sv.finding_submit(actor=None, finding=f, rectification="已制定整改措施并落实", evidence_link=duty[o.id])
        if _h(o.name, "close") % 5:
            sv.finding_close(actor=None, finding=f, on=D(2021, 10, 15))
    for k, o in enumerate(units[::4]):
        cat = FINDING_CATEGORIES[(k * 2) % len(FINDING_CATEGORIES)]
        f = sv.finding_create(actor=None, inspection=second, owner=o, category=cat, due_on=D(2021, 12, 31),
                              description=f"{cat}方面仍有差距。")
        if _h(o.name, "second") % 3:
            sv.finding_submit(actor=None, finding=f, rectification="已整改", evidence_link=duty[o.id])
            sv.finding_close(actor=None, finding=f, on=D(2021, 12, 28))
    sv.finding_create(actor=None, inspection=congress, owner=gov, category="第一责任人履职",
                      description="部分部门主要负责人述法不够具体。", due_on=D(2021, 6, 30))

    # ---- the 2021 assessment ------------------------------------------------------------------
    scheme = sv.scheme_load(actor=None)
    a = sv.assessment_create(actor=None, organization=fzb, year=2021, title="同心县2021年度法治政府建设考评",
                             scheme=scheme, targets=units)
    manual = [i for i in scheme.items.all() if i.is_leaf and i.method == "manual"]
    rows = []
    for t in a.targets.select_related("organization", "assessment"):
        for item in manual:
            if not item.applies(t.organization.kind):
                continue
            lost = Decimal(_h(t.organization.name, item.number) % 5) / 2   # 0 … 2 points off
            pts, link = sv._score_checks(t, item, max(item.points - lost, Decimal("0")), None,
                                         duty[t.organization_id])
            rows.append(ManualScore(organization=fzb, target=t, item=item, points=pts, evidence_link=link,
                                    note="依据述职记录及报送材料评分"))
    ManualScore.objects.bulk_create(rows)
    audit_log(actor=None, action="oversight.score.bulk_load", target=a, organization=fzb,
              data={"scores": len(rows), "targets": len(units)})
    a = sv.assessment_publish(actor=None, assessment=a, on=D(2022, 1, 20))
    target = a.targets.get(organization=towns[-1])
    ap = sv.appeal_file(actor=None, target=target, reason="8.4 项年度报告已于3月1日前报送，请复核。",
                        item=scheme.items.get(number="8.4"), on=D(2022, 1, 24))
    sv.appeal_decide(actor=None, appeal=ap, upheld=False, response="经核，报送时间晚于规定时限，维持原评分。")
    sv.assessment_finalize(actor=None, assessment=Assessment.objects.get(pk=a.pk), on=D(2022, 2, 10))
    return (f"会议{Meeting.objects.filter(held_on__year=2021).count()}次、培训16场、工作要点任务{len(tasks)}项、"
            f"督察3次、考评单位{len(units)}个")
