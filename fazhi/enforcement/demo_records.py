"""The 2021 records of 同心县 behind section 一(四) of the seed report.

Figures reproduced (figures.md): 4 township 综合执法 work plans; 12 townships with a 综合执法办公室
(modelled as an 执法主体 of kind 乡镇综合执法办公室 per township, owned by the township's office
organization that the demo county already has); 6 enforcement lists published; 547 cases entered on
the 行政执法监督平台 (filed in 2021); 239 officers first certified in 2021.

Trainings (14 / 650) and online training (441) live in the oversight module: its attendance rows name
officers by 执法证号 6403242021NNNN (NNNN 0000–0440) — the same 441 officers are registered here with
those numbers and names, so the two modules describe the same people.

The seed gives no individual cases: parties are placeholders (马某, 同心县某商贸有限公司), case data are
generated deterministically (``generate.py``). A few December cases are still running and went through
the services (so their deadlines are on the board); no demo case sends the 双公示 signal (their
decisions are bulk records), so the functions module's 双公示 figure is not changed by this module.
"""
from __future__ import annotations

import datetime
import random

from django.db import transaction

from fazhi.core.models import Organization
from fazhi.demo.data import tongxin as data

from . import generate
from . import services as sv
from .choices import BodyKind, Category, ListKind
from .models import Case, EnforcementBody

YEAR = 2021
D = datetime.date
CASES = 547
OFFICERS, NEW_OFFICERS = 441, 239
LIVE_CASES = 3  # walked through the services; the rest are bulk records

DEPARTMENTS = [
    ("同心县市场监督管理局", "《中华人民共和国行政处罚法》第十八条；《中华人民共和国食品安全法》第六条"),
    ("同心县自然资源局", "《中华人民共和国土地管理法》第五条、第六十七条"),
    ("吴忠市生态环境局同心分局", "《中华人民共和国环境保护法》第十条"),
    ("同心县住房和城乡建设局", "《中华人民共和国建筑法》第六条；《城乡规划法》第十一条"),
    ("同心县交通运输局", "《中华人民共和国公路法》第八条"),
    ("同心县农业农村局", "《中华人民共和国农业法》第十条；《农药管理条例》第三条"),
    ("同心县文化旅游广电局", "《中华人民共和国文化市场综合行政执法管理办法》第四条"),
    ("同心县卫生健康局", "《中华人民共和国基本医疗卫生与健康促进法》第七条"),
    ("同心县应急管理局", "《中华人民共和国安全生产法》第十条"),
    ("同心县林业和草原局", "《中华人民共和国森林法》第九条"),
    ("同心县水务局", "《中华人民共和国水法》第十二条"),
    ("同心县人力资源和社会保障局", "《劳动保障监察条例》第三条"),
]
ITEMS = [
    ("对销售超过保质期食品的处罚", Category.PENALTY, "《中华人民共和国食品安全法》第一百二十四条", True),
    ("食品经营许可", Category.LICENSE, "《中华人民共和国食品安全法》第三十五条", False),
    ("对食品生产经营者的监督检查", Category.INSPECTION, "《中华人民共和国食品安全法》第一百一十条", False),
    ("对非法占用土地的处罚", Category.PENALTY, "《中华人民共和国土地管理法》第七十七条", True),
    ("对违法排放污染物的处罚", Category.PENALTY, "《中华人民共和国大气污染防治法》第九十九条", True),
    ("查封、扣押造成污染物排放的设施设备", Category.COERCION, "《中华人民共和国环境保护法》第二十五条", True),
    ("建筑工程施工许可", Category.LICENSE, "《中华人民共和国建筑法》第七条", False),
    ("对车辆超限运输的处罚", Category.PENALTY, "《公路安全保护条例》第六十四条", False),
    ("对违法使用农药的处罚", Category.PENALTY, "《农药管理条例》第六十条", False),
    ("安全生产监督检查", Category.INSPECTION, "《中华人民共和国安全生产法》第六十五条", False),
    ("对违法占道经营的处罚（乡镇综合执法）", Category.PENALTY, "《城市市容和环境卫生管理条例》第三十六条", False),
    ("水资源费征收", Category.LEVY, "《中华人民共和国水法》第四十八条", False),
]
LISTS = [
    ("同心县行政执法主体清单（2021年）", ListKind.BODIES, D(YEAR, 3, 15)),
    ("同心县行政执法人员清单（2021年）", ListKind.OFFICERS, D(YEAR, 3, 15)),
    ("同心县行政执法事项清单（2021年）", ListKind.ITEMS, D(YEAR, 4, 20)),
    ("同心县随机抽查事项清单（2021年）", ListKind.RANDOM, D(YEAR, 4, 20)),
    ("同心县重大执法决定法制审核目录清单（2021年）", ListKind.MAJOR, D(YEAR, 5, 10)),
    ("同心县行政执法流程图和服务指南（2021年）", ListKind.PROCESS, D(YEAR, 6, 8)),
]
PLAN_TOWNS = ["豫海镇", "韦州镇", "下马关镇", "预旺镇"]
RUBRIC_ITEMS = [
    {"kind": "veto", "text": "执法主体不合法或者超越职权"},
    {"kind": "veto", "text": "执法人员无执法资格或者少于两人（《行政处罚法》第四十二条）"},
    {"kind": "veto", "text": "违法事实不清、证据不足，或者适用法律错误"},
    {"kind": "veto", "text": "超过追责时效作出处罚（《行政处罚法》第三十六条）"},
    {"kind": "veto", "text": "未告知陈述申辩、听证权利即作出决定（《行政处罚法》第四十四条、第六十二条）"},
    {"kind": "deduct", "text": "立案审批表缺失或者未按时立案", "points": 5},
    {"kind": "deduct", "text": "调查终结报告缺失或者不规范", "points": 5},
    {"kind": "deduct", "text": "应当法制审核而审核意见不规范（《行政处罚法》第五十八条）", "points": 10},
    {"kind": "deduct", "text": "送达回证缺失或者超期送达（《行政处罚法》第六十一条）", "points": 5},
    {"kind": "deduct", "text": "未在规定期限内公示执法决定（118号（六））", "points": 10},
    {"kind": "deduct", "text": "文书格式、填写不规范", "points": 10},
    {"kind": "deduct", "text": "卷内目录、页码、装订不规范", "points": 5},
]


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def _oversight_staff() -> list[tuple[str, str]]:
    """The 441 (name, 执法证号) the oversight module's online-training attendance names."""
    from fazhi.oversight.demo_records import (
        _name,  # the same demo people; read-only use of its naming
    )
    return [(_name(i) if i < 400 else _name(i) + "甲", f"6403242021{i:04d}") for i in range(OFFICERS)]


@transaction.atomic
def load() -> str:
    gov = Organization.objects.filter(name="同心县人民政府", kind="government").first()
    if gov is None:
        return "未找到同心县人民政府，请先载入示范县"
    if EnforcementBody.objects.filter(organization__region__path__startswith=gov.region.path).exists():
        return "已存在"
    rng = random.Random(20211231)
    sfj = _org("同心县司法局")

    # 执法主体: 12 departments, 12 township 综合执法办公室.
    bodies = {}
    for name, basis in DEPARTMENTS:
        org = _org(name)
        bodies[name] = sv.body_save(actor=None, organization=org, name=name, kind=BodyKind.ORGAN, legal_basis=basis,
                                    established_on=None)
    offices = []
    for i, town in enumerate(data.TOWNSHIPS):
        office = _org(town["name"] + data.ENFORCEMENT_OFFICE_SUFFIX)
        offices.append(office)
        bodies[office.name] = sv.body_save(
            actor=None, organization=office, name=f"{town['org']}综合行政执法办公室", kind=BodyKind.TOWNSHIP_OFFICE,
            legal_basis="《中华人民共和国行政处罚法》第二十四条；《宁夏回族自治区赋予乡镇（街道）部分县级行政执法权指导目录》",
            duties="以乡镇人民政府名义开展赋权事项的综合行政执法", established_on=D(YEAR, 3 + i % 6, 1))

    # 4 township work plans (方案 issued by the township governments).
    for k, name in enumerate(PLAN_TOWNS):
        town = next(t for t in data.TOWNSHIPS if t["name"] == name)
        sv.plan_save(actor=None, organization=_org(town["org"]), title=f"{name}综合行政执法工作方案",
                     doc_number=f"{name[:2]}政发〔{YEAR}〕{10 + k}号", issued_on=D(YEAR, 4 + k, 12),
                     summary="明确综合行政执法办公室职责、赋权事项、执法人员配备和执法流程。")

    # 6 published lists (the 司法局 as the county's enforcement-supervision body).
    lists = [sv.list_save(actor=None, organization=sfj, title=t, kind=k, year=YEAR, published_on=on)
             for t, k, on in LISTS]
    item_list = next(lst for lst in lists if lst.kind == ListKind.ITEMS)
    body_names = list(bodies)
    for k, (name, cat, basis, major) in enumerate(ITEMS):
        body = bodies[DEPARTMENTS[k % len(DEPARTMENTS)][0]] if "乡镇" not in name else bodies[offices[0].name]
        sv.item_save(actor=None, organization=body.organization, name=name, category=cat, legal_basis=basis, body=body,
                     power_code=f"6403240{k + 1:02d}000", major_review=major, random_inspection=cat == Category.INSPECTION,
                     enforcement_list=item_list)

    # Officers: 441 (239 first certified in 2021), the oversight module's trainees.
    orgs = [bodies[n].organization for n in body_names]
    officers = generate.build_officers(orgs=orgs, count=OFFICERS, year=YEAR, first_in_year=NEW_OFFICERS, rng=rng,
                                       certs=_oversight_staff())
    by_org: dict = {}
    for o in officers:
        by_org.setdefault(o.organization, []).append(o)

    # Cases: 547 filed in 2021; a few December cases are still running (through the services).
    scj = _org("同心县市场监督管理局")
    team = [o for o in by_org[scj] if o.unit != "法制科"][:2]
    live = []
    for k in range(LIVE_CASES):
        live.append(sv.case_file(actor=None, officers=team, organization=scj, kind=Category.PENALTY,
                                 title=["销售不合格商品案", "虚假宣传案", "无照经营案"][k], undertaking_unit="执法中队",
                                 party_type="organization", party_name=f"同心县某{['商贸', '药店', '餐饮'][k]}有限公司",
                                 party_credit_code=generate.credit_code(rng), violation_on=D(YEAR, 11, 20 + k),
                                 filed_on=D(YEAR, 12, 6 + k), facts="经举报核查属实"))
    sv.case_investigate(actor=None, case=live[1], on=D(YEAR, 12, 9), officers=team, document_number="询问笔录〔2021〕88号")
    sv.case_investigate(actor=None, case=live[2], on=D(YEAR, 12, 10), officers=team, document_number="询问笔录〔2021〕89号")
    sv.case_examine(actor=None, case=live[2], on=D(YEAR, 12, 20), content="调查终结报告：事实清楚，证据确凿")
    sv.case_notify(actor=None, case=live[2], on=D(YEAR, 12, 27), proposed_penalty="拟罚款2万元", hearing_right=True,
                   officers=team, document_number="告知书〔2021〕31号")
    generate.build_cases(officers_by_org=by_org, count=CASES - LIVE_CASES, year=YEAR, rng=rng)

    # 双随机: a target registry and one published draw of the 市场监管局.
    for k in range(30):
        sv.target_save(actor=None, organization=scj, name=f"同心县{generate.COMPANY_WORDS[k % 10]}经营部{k + 1}",
                       credit_code=generate.credit_code(rng), category="食品经营")
    draw = sv.draw_random(actor=None, organization=scj, title="2021年食品经营者双随机抽查", drawn_on=D(YEAR, 6, 15),
                          target_count=6, seed="tongxin-2021-scj-food")
    draw.published_on = D(YEAR, 6, 16)
    draw.save(update_fields=["published_on"])

    # 案卷评查: the 2021 rubric and a campaign by the 司法局.
    rubric = sv.rubric_create(actor=None, organization=sfj, year=YEAR, title="同心县行政处罚案卷评查标准", items=RUBRIC_ITEMS)
    sv.campaign_start(actor=None, organization=sfj, rubric=rubric, title="2021年度行政执法案卷评查", year=YEAR, per_org=2,
                      started_on=D(YEAR, 12, 1), seed="tongxin-2021-review")
    n = Case.objects.filter(organization__region__path__startswith=gov.region.path, filed_on__year=YEAR).count()
    return (f"已载入：执法主体 {len(bodies)} 个（含乡镇综合执法办公室 {len(offices)} 个），执法人员 {len(officers)} 人，"
            f"执法清单 {len(lists)} 个，乡镇工作方案 {len(PLAN_TOWNS)} 个，2021年案件 {n} 件")
