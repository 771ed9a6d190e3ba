"""同心县 2021: the records behind section 一(六) (legal services) and the 义警 row of 一(七).

The counts are the seed report's (where it says 余/近, the number as written); dates, names,
matters, lawyers, scores and the split of counts over months are illustrative (plausible, not from
a source). Small sets (lawyers, service points) go through the services one by one; the large
ledgers (708 aid cases, 1154 notarizations, 1953 consultations, activities) are validated row by
row with ``full_clean`` (foreign keys resolved here, uniqueness by the database constraints) and
bulk-created, with one audit event per ledger recording the counts.
"""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric

from fazhi.core.audit import audit_log
from fazhi.core.choices import OrgKind
from fazhi.core.models import Organization
from fazhi.legalservice import services as sv
from fazhi.legalservice.choices import (AidCaseType, AidSource, AidStatus, ConsultChannel, ConsultTopic, Eligibility,
                                        NotaryMatter, NotifyingAuthority, PointLevel)
from fazhi.legalservice.kinds import STANDARD_KINDS
from fazhi.legalservice.models import (Activity, ActivityKind, AidCase, Consultation, Lawyer, Notarization,
                                       ServicePoint, grade_for)

D = datetime.date
YEAR = 2021
SFJ = "同心县司法局"
COUNTY_CODE = "640324"

# The seed report's figures (section 一(六); 义警: 一(七)).
CRIMINAL_NOTICES = 524          # all assigned: 辩护率 100%
AID_ACCEPTED = 708              # 524 notices + 184 granted applications
AID_CLOSED = 563
REFUSED_APPLICATIONS = 9        # illustrative: refused applications are not "accepted"
NOTARIZATIONS = 1154
CONSULTATIONS = {ConsultChannel.HOTLINE: 413, ConsultChannel.ONSITE: 110, ConsultChannel.TERMINAL: 1000,
                 ConsultChannel.VIDEO: 430}

SURNAMES = "马杨李王张丁金田海白周刘苏罗韩冯何吴"
GIVEN = ["建军", "晓燕", "文博", "海霞", "志刚", "明远", "国栋", "玉兰", "永福", "学军", "丽娟", "天明", "秀英",
         "振华", "新民", "彩霞", "占山", "生福", "红梅", "玉梅"]
LAWYERS = [("马晓东", "宁夏同心律师事务所", 12), ("杨文华", "宁夏同心律师事务所", 8), ("李海军", "宁夏韦州律师事务所", 6),
           ("丁玉兰", "宁夏韦州律师事务所", 2), ("金永福", "宁夏豫海律师事务所", 15), ("田学军", "宁夏豫海律师事务所", 4),
           ("海丽娟", "同心县法律援助中心", 9), ("白天明", "同心县法律援助中心", 5), ("周秀英", "宁夏红城律师事务所", 3),
           ("罗振华", "宁夏红城律师事务所", 7), ("韩新民", "宁夏同德律师事务所", 11), ("苏彩霞", "宁夏同德律师事务所", 1)]
CRIMES = ["涉嫌盗窃罪", "涉嫌故意伤害罪", "涉嫌危险驾驶罪", "涉嫌诈骗罪", "涉嫌寻衅滋事罪", "涉嫌交通肇事罪",
          "涉嫌非法吸收公众存款罪", "涉嫌贩卖毒品罪", "涉嫌故意杀人罪"]
CIVIL_MATTERS = [(AidCaseType.CIVIL, "追索劳动报酬", Eligibility.ART42_MIGRANT),
                 (AidCaseType.CIVIL, "离婚纠纷", Eligibility.HARDSHIP),
                 (AidCaseType.CIVIL, "抚养费纠纷", Eligibility.ART42_DEPENDANT),
                 (AidCaseType.CIVIL, "工伤事故人身损害赔偿", Eligibility.ART42_MIGRANT),
                 (AidCaseType.CIVIL, "机动车交通事故责任纠纷", Eligibility.HARDSHIP),
                 (AidCaseType.CIVIL, "家庭暴力受害人人身安全保护", Eligibility.ART32_ABUSE),
                 (AidCaseType.ADMINISTRATIVE, "请求给予最低生活保障", Eligibility.ART42_RELIEF),
                 (AidCaseType.NON_LITIGATION, "劳动争议仲裁代理", Eligibility.ART42_MIGRANT),
                 (AidCaseType.DUTY_LAWYER, "值班律师法律帮助", Eligibility.HARDSHIP)]


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def _id_number(i: int) -> str:
    birth = D(1960, 1, 1) + datetime.timedelta(days=(i * 97) % 15000)
    base = f"{COUNTY_CODE}{birth:%Y%m%d}{i % 1000:03d}"
    return base + ric.calc_check_digit(base + "0")


def _day(i: int, n: int, first=D(YEAR, 1, 4), last=D(YEAR, 12, 20)) -> datetime.date:
    """The i-th of n dates spread evenly over [first, last]."""
    return first + datetime.timedelta(days=(last - first).days * i // max(n - 1, 1))


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _clean(objs, exclude):
    for obj in objs:
        obj.full_clean(exclude=exclude, validate_constraints=False)


def _aid_cases(sfj: Organization, lawyers: list[Lawyer]) -> dict:
    senior = [lw for lw in lawyers if lw.years_practice >= 3]
    cases: list[AidCase] = []
    n_apps = AID_ACCEPTED - CRIMINAL_NOTICES
    specs = [("notice", i) for i in range(CRIMINAL_NOTICES)] + [("app", i) for i in range(n_apps)]
    # Interleave by date: notices and applications each spread over the year.
    dated = []
    for kind, i in specs:
        n = CRIMINAL_NOTICES if kind == "notice" else n_apps
        dated.append((_day(i, n), kind, i))
    dated.sort()
    authorities = [NotifyingAuthority.COURT, NotifyingAuthority.PROCURATORATE, NotifyingAuthority.POLICE]
    for seq, (received, kind, i) in enumerate(dated, start=1):
        common = dict(organization=sfj, number=f"法援〔{YEAR}〕{seq}号", received_on=received)
        if kind == "notice":
            severe = i % 60 == 0
            case = AidCase(**common, source=AidSource.NOTICE, case_type=AidCaseType.CRIMINAL,
                           notifying_authority=authorities[i % 3], notice_number=f"同通援〔{YEAR}〕{i + 1}号",
                           applicant_name=_name(i), matter=CRIMES[i % len(CRIMES)], eligibility=Eligibility.NOTICE,
                           accepted_on=received, severe_penalty=severe)
            pool = senior if severe else lawyers
        else:
            ctype, matter, elig = CIVIL_MATTERS[i % len(CIVIL_MATTERS)]
            case = AidCase(**common, source=AidSource.APPLICATION, case_type=ctype, applicant_name=_name(i + 500),
                           applicant_id_number=_id_number(i), applicant_phone=f"1399534{i:04d}",
                           applicant_address="宁夏吴忠市同心县豫海镇", matter=matter, eligibility=elig,
                           hardship_note="城乡低保对象，经民政信息共享核查属实" if elig == Eligibility.HARDSHIP else "",
                           accepted_on=received + datetime.timedelta(days=1 + i % 5))
            pool = lawyers
        case.status = AidStatus.ASSIGNED
        case.lawyer = pool[i % len(pool)]
        case.assigned_on = case.accepted_on + datetime.timedelta(days=i % 3)
        cases.append(case)
    # The first AID_CLOSED cases (by date) were closed in the year and archived (some late → 不合格).
    year_end = D(YEAR, 12, 31)
    for j, case in enumerate(cases[:AID_CLOSED]):
        case.closed_on = min(case.assigned_on + datetime.timedelta(days=25 + j % 60), year_end)
        case.outcome = "判决" if case.source == AidSource.NOTICE else ("调解结案" if j % 2 else "判决支持")
        if case.matter in ("追索劳动报酬", "工伤事故人身损害赔偿"):
            case.money_recovered = Decimal(8000 + (j % 20) * 1500)
        case.archive_due = case.closed_on + datetime.timedelta(days=30)  # legalaid.archive: 30 calendar days
        late = j % 45 == 7
        archived = case.closed_on + datetime.timedelta(days=38 if late else 6 + j % 20)
        case.status = AidStatus.ARCHIVED
        case.archived_on = archived
        case.quality_score = 52 + (j * 13) % 47
        case.archived_late = archived > case.archive_due
        case.quality_grade = grade_for(case.quality_score, case.archived_late)
    # A few refused applications (written reasons, 第四十三条); not counted as accepted.
    for k in range(REFUSED_APPLICATIONS):
        received = _day(k, REFUSED_APPLICATIONS, D(YEAR, 2, 1), D(YEAR, 11, 30))
        cases.append(AidCase(organization=sfj, number=f"法援〔{YEAR}〕{len(cases) + 1}号", source=AidSource.APPLICATION,
                             case_type=AidCaseType.CIVIL, applicant_name=_name(k + 900), applicant_id_number=_id_number(k + 900),
                             matter="民间借贷纠纷", eligibility=Eligibility.HARDSHIP,
                             hardship_note="家庭收入高于自治区经济困难标准", received_on=received,
                             status=AidStatus.REFUSED, refused_on=received + datetime.timedelta(days=5),
                             refusal_reason="经核查，申请人家庭经济状况不符合经济困难标准（法律援助法第三十四条）。"))
    _clean(cases, ["organization", "lawyer"])
    now = timezone.now()
    for c in cases:
        c.created_at = now
    AidCase.objects.bulk_create(cases, batch_size=500)
    return {"aid_cases": len(cases)}


def _notarizations(sfj: Organization) -> int:
    matters = list(NotaryMatter.values)
    notaries = ["马文斌", "杨丽娟", "李国栋", "王玉梅"]
    rows = []
    for i in range(NOTARIZATIONS):
        issued = _day(i, NOTARIZATIONS, D(YEAR, 1, 4), D(YEAR, 12, 30))
        rows.append(Notarization(organization=sfj, number=f"（{YEAR}）宁同证字第{i + 1}号", matter_type=matters[i % len(matters)],
                                 applicant_name=_name(i + 1000), notary=notaries[i % 4],
                                 accepted_on=issued - datetime.timedelta(days=i % 4), issued_on=issued,
                                 fee=Decimal(100 + (i % 5) * 60)))
    _clean(rows, ["organization"])
    Notarization.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


QUESTIONS = {ConsultTopic.MARRIAGE: "离婚时共同财产如何分割？", ConsultTopic.LABOUR: "工程完工后包工头拖欠工资怎么办？",
             ConsultTopic.LAND: "宅基地被邻居占用如何处理？", ConsultTopic.CONTRACT: "借款到期不还能否起诉？",
             ConsultTopic.TORT: "交通事故赔偿标准是什么？", ConsultTopic.AID: "如何申请法律援助？",
             ConsultTopic.ADMINISTRATIVE: "对行政处罚不服怎么办？", ConsultTopic.OTHER: "遗嘱如何办理公证？"}


def _consultations(sfj: Organization) -> int:
    topics = list(QUESTIONS)
    rows = []
    for channel, n in CONSULTATIONS.items():
        for i in range(n):
            topic = topics[(i * 3 + len(rows)) % len(topics)]
            rows.append(Consultation(organization=sfj, channel=channel, consulted_on=_day(i, n, D(YEAR, 1, 4), D(YEAR, 12, 30)),
                                     topic=topic, question=QUESTIONS[topic],
                                     answer="已依据相关法律规定解答，并告知维权途径。" if channel != ConsultChannel.TERMINAL else "",
                                     follow_up="引导申请法律援助" if topic in (ConsultTopic.LABOUR, ConsultTopic.AID) else "",
                                     persons=1))
    _clean(rows, ["organization"])
    Consultation.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


MONTHS_FROM_MARCH = [D(YEAR, m, 28) for m in range(3, 13)]                 # 义警: since March
SCHOOL_MONTHS = [D(YEAR, m, 25) for m in (3, 4, 5, 6, 7, 9, 10, 11, 12)]  # term time
ALL_MONTHS = [D(YEAR, m, 26) for m in range(1, 13)]


def _activities(sfj: Organization) -> int:
    for i, spec in enumerate(STANDARD_KINDS):  # kinds added to kinds.py after a database ran migration 0003
        ActivityKind.objects.get_or_create(key=spec["key"], defaults={**spec, "sort_order": (i + 1) * 10})
    kinds = {k.key: k for k in ActivityKind.objects.all()}
    rows: list[Activity] = []

    def add(key, title, held_on, count=1, amount=None, reach=None, place="", end_on=None):
        rows.append(Activity(organization=sfj, kind=kinds[key], title=title, held_on=held_on, end_on=end_on,
                             place=place, count=count, amount=amount, reach=reach))

    places = ["县城中心广场", "豫海镇清真大寺广场", "韦州镇集市", "下马关镇政府", "河西镇菊花台村", "县职业技术学校"]
    for i in range(30):
        add("civil_code_publicity", f"《民法典》宣传进{['社区', '乡村', '集市', '学校', '企业'][i % 5]}（第{i + 1}场）",
            _day(i, 30, D(YEAR, 1, 15), D(YEAR, 12, 15)), place=places[i % len(places)])
    for i, n in enumerate(_split(56, 8)):
        add("enterprise_checkup", f"律师为规模以上企业开展法治体检、法治讲座（第{i + 1}批）",
            _day(i, 8, D(YEAR, 3, 10), D(YEAR, 11, 20)), count=n, place="同心县工业园区")
    for i, views in enumerate(_split(7_000_000, 20)):
        add("micro_video", f"《民法典》宣传微视频第{i + 1}集", _day(i, 20, D(YEAR, 2, 1), D(YEAR, 12, 1)), reach=views,
            place="抖音、微信视频号")
    for d, n in zip(ALL_MONTHS, _split(5000, 12)):
        add("platform_reception", f"{d.month}月三级实体平台接待群众", d.replace(day=1), count=n, end_on=d,
            place="县公共法律服务中心及乡镇工作站、村居工作室")
    for d, n, amt in zip(ALL_MONTHS, _split(200, 12), _split(2_500_000, 12)):
        add("migrant_worker_aid", f"{d.month}月为农民工代写法律文书、追讨工资", d.replace(day=1), count=n,
            amount=Decimal(amt), end_on=d, place="县公共法律服务中心")
    add("patrol_members", "“同心义警”志愿服务队选聘退休老党员老干部队员", D(YEAR, 3, 15), count=10, place="县城")
    add("patrol_vehicles", "为“同心义警”配备巡逻电动车", D(YEAR, 3, 15), count=2, place="县城")
    for key, months, total, label in [("night_patrol", MONTHS_FROM_MARCH, 168, "夜间沿街巡逻"),
                                      ("school_traffic", SCHOOL_MONTHS, 145, "中小学门口交通疏导"),
                                      ("law_to_school", SCHOOL_MONTHS, 36, "送法进校园普法宣传"),
                                      ("law_to_community", MONTHS_FROM_MARCH, 30, "送法进社区普法宣传")]:
        for d, n in zip(months, _split(total, len(months))):
            add(key, f"{d.month}月“同心义警”{label}", d.replace(day=1), count=n, end_on=d, place="广场、市场等人员密集场所")
    # 跨省联合工作组 (formed end of 2020, five months in 太康县 and 杞县, Henan).
    group = "河南省太康县、杞县"
    for i, d in enumerate([D(YEAR, 1, 12), D(YEAR, 1, 26), D(YEAR, 2, 23), D(YEAR, 3, 9), D(YEAR, 3, 30), D(YEAR, 4, 20)]):
        add("labour_group_training", f"跨省联合工作组为同心县施工方开展集中法律培训（第{i + 1}场）", d, place=group)
    for d, n in zip([D(YEAR, 1, 20), D(YEAR, 2, 10), D(YEAR, 3, 15), D(YEAR, 4, 12), D(YEAR, 5, 18)], _split(20, 5)):
        add("labour_group_return", f"{d.month}月跨省联合工作组劝返群体性上访", d, count=n, place=group)
    for i, amount in enumerate(_split(497_000_000, 54)):
        add("labour_group_recovery", f"协助同心县第{i + 1}家施工方追回道路硬化工程款",
            _day(i, 54, D(YEAR, 2, 1), D(YEAR, 5, 31)), count=1, amount=Decimal(amount), place=group)
    _clean(rows, ["organization", "kind"])
    Activity.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _points(sfj: Organization) -> int:
    n = 0
    sv.point_create(actor=None, organization=sfj, name="同心县公共法律服务中心", level=PointLevel.COUNTY,
                    address="同心县豫海镇（县政务服务中心内）", phone="0953-8021348", hours="工作日 8:30–12:00，14:30–18:00",
                    services="法律咨询、法律援助、律师服务、公证服务、人民调解、妇女维权", sort_order=1)
    sv.point_create(actor=None, organization=sfj, name="12348公共法律服务热线", level=PointLevel.HOTLINE,
                    address="12348", phone="12348", hours="全天24小时", services="法律咨询、法律援助预约、投诉建议",
                    sort_order=2)
    sv.point_create(actor=None, organization=sfj, name="12348宁夏法网（网络平台）", level=PointLevel.ONLINE,
                    address="宁夏法网 12348 网络平台", hours="全天", services="在线咨询、法律援助网上申请、法律法规查询",
                    sort_order=3)
    n += 3
    towns = Organization.objects.filter(kind=OrgKind.TOWNSHIP, region__code__startswith=COUNTY_CODE).select_related("region")
    for i, town in enumerate(towns.order_by("sort_order", "id")):
        sv.point_create(actor=None, organization=sfj, name=f"{town.region.name}公共法律服务工作站", level=PointLevel.TOWNSHIP,
                        address=f"{town.name}（司法所）", services="法律咨询、人民调解、法律援助受理、社区矫正", sort_order=10 + i)
        n += 1
    villages = Organization.objects.filter(kind__in=[OrgKind.VILLAGE, OrgKind.COMMUNITY],
                                           region__code__startswith=COUNTY_CODE).select_related("region")
    rooms = [ServicePoint(organization=sfj, name=f"{v.region.name}公共法律服务工作室", level=PointLevel.VILLAGE,
                          address=f"{v.name}", services="法律咨询、矛盾纠纷调解、普法宣传", sort_order=100 + i)
             for i, v in enumerate(villages.order_by("path"))]
    _clean(rooms, ["organization"])
    ServicePoint.objects.bulk_create(rooms)
    return n + len(rooms)


@transaction.atomic
def load() -> str:
    sfj = Organization.objects.filter(name=SFJ, region__code=COUNTY_CODE).first()
    if sfj is None:
        return "未找到同心县司法局，请先载入示范县"
    if AidCase.objects.filter(organization=sfj, received_on__year=YEAR).exists():
        return "已存在"
    lawyers = [sv.lawyer_create(actor=None, organization=sfj, name=name, firm=firm, license_no=f"1640320{i:010d}",
                                years_practice=years, phone=f"1389530{i:04d}")
               for i, (name, firm, years) in enumerate(LAWYERS, start=1)]
    counts = {"lawyers": len(lawyers)}
    counts.update(_aid_cases(sfj, lawyers))
    counts["notarizations"] = _notarizations(sfj)
    counts["consultations"] = _consultations(sfj)
    counts["activities"] = _activities(sfj)
    counts["service_points"] = _points(sfj)
    audit_log(actor=None, action="legalservice.bulk_load", target=sfj, organization=sfj,
              data={"year": YEAR, "counts": counts, "note": "示范县2021年公共法律服务记录（逐条校验后批量写入）"})
    return "已载入：" + "，".join(f"{k} {v}" for k, v in counts.items())
