"""同心县 2021: the records behind section 一(二) (政府职能) of the seed report.

Counts are the seed's: 23 agencies with 3414 in-force 权责事项 at year end, 79 赋权 + 70 下放执法事项 among
456 adjustments in 2021 (the rest: 120 新增, 142 变更, 45 取消 — the split is illustrative), 1426 “四级四同”
service items with more than 86% online, 16594 proactive disclosures, 31 new-media accounts, 10 诚信企业家
and 15 诚信经营示范单位, 2900 双公示 records reported (“2900余条”: 2900). Names, codes, dates and the split over
units and months are illustrative (plausible, not from a source). The 34/12/142/11 organizations are
loaded by ``fazhi/demo``.

Large ledgers are validated with ``full_clean`` and bulk-created, one audit event per ledger
(``functions.bulk_load``) with the counts; the few 依申请公开 requests and annual reports go through
the services (their deadlines are registered on the board).
"""
from __future__ import annotations

import datetime

from django.db import transaction
from stdnum.cn import ric

from fazhi.core.audit import audit_log
from fazhi.core.choices import OrgKind
from fazhi.core.deadlines import get_calendar
from fazhi.core.models import Organization
from fazhi.demo.data.tongxin import credit_code
from fazhi.functions import services as sv
from fazhi.functions.choices import (
    ENFORCEMENT_CATEGORIES,
    RESPONSIBILITY_STAGES,
    AdjustmentKind,
    CreditActivityKind,
    CreditKind,
    CreditSource,
    CreditStatus,
    DisclosureArea,
    DisclosureChannel,
    MediaPlatform,
    OnlineDepth,
    PowerCategory,
    ReplyType,
    ServiceItemType,
    ServiceLevel,
)
from fazhi.functions.models import (
    CreditActivity,
    CreditRecord,
    Disclosure,
    NewMediaAccount,
    PowerAdjustment,
    PowerItem,
    ServiceItem,
    UpperServiceItem,
)

D = datetime.date
YEAR = 2021
GOV = "同心县人民政府"
LIST_DATE = D(2020, 6, 30)           # the 权责清单 in force when 2021 began (published mid-2020)

POWER_ITEMS = 3414
ADJ = {AdjustmentKind.ADD: 120, AdjustmentKind.CHANGE: 142, AdjustmentKind.CANCEL: 45,
       AdjustmentKind.EMPOWER: 79, AdjustmentKind.DELEGATE: 70}                       # sum 456
SERVICE_CONSISTENT = 1426
SERVICE_MISMATCH = 42          # listed by the 四级四同 check
SERVICE_RETIRED = 12           # not in force (not counted)
SERVICE_ONLINE = 1268          # of 1468 in force: 86.4%
UPPER_UNCLAIMED = 60           # upper items no local unit claimed
DISCLOSURES = 16594
DISCLOSURES_NEXT_YEAR = 40     # formed in late December, published in January 2022
MEDIA = 31
MEDIA_CLOSED = 2               # closed during 2021 (not counted at year end)
ENTREPRENEURS, MODEL_UNITS = 10, 15
CREDIT_REPORTED = 2900
CREDIT_LICENSES = 1860         # the rest are penalties
CREDIT_PENDING = 14            # decided late December, reported in January 2022

# The 23 agencies holding a 权责清单 (keys of fazhi/demo/data/tongxin.DEPARTMENTS) and the weight of
# their lists (items per agency ∝ weight).
AGENCIES = [("同心县市场监督管理局", "SCJ", 14), ("同心县公安局", "GAJ", 12), ("同心县自然资源局", "ZRJ", 9),
            ("同心县住房和城乡建设局", "ZJJ", 8), ("吴忠市生态环境局同心分局", "STHJ", 7), ("同心县交通运输局", "JTYSJ", 7),
            ("同心县农业农村局", "NYJ", 8), ("同心县卫生健康局", "WJJ", 8), ("同心县应急管理局", "YJJ", 5),
            ("同心县水务局", "SWJ", 5), ("同心县文化旅游广电局", "WLJ", 5), ("同心县教育体育局", "JTJ", 4),
            ("同心县人力资源和社会保障局", "RSJ", 4), ("同心县民政局", "MZJ", 3), ("同心县林业和草原局", "LCJ", 4),
            ("同心县发展和改革局", "FGJ", 3), ("同心县工业信息化和商务局", "GXJ", 3), ("同心县财政局", "CZJ", 2),
            ("同心县医疗保障局", "YBJ", 2), ("同心县司法局", "SFJ", 2), ("同心县退役军人事务局", "TYJ", 1),
            ("同心县民族宗教事务局", "MZZJ", 1), ("同心县人民防空办公室", "RFB", 1)]
CAT_CODES = {"license": "XK", "penalty": "CF", "coercion": "QZ", "levy": "ZS", "payment": "JF", "inspection": "JC",
             "confirmation": "QR", "reward": "JL", "adjudication": "CJ", "other": "QT"}
# Share of categories in a county list (处罚 dominate).
CAT_CYCLE = (["penalty"] * 12 + ["license"] * 3 + ["inspection"] * 2 + ["coercion"] * 2 +
             ["confirmation", "payment", "levy", "reward", "adjudication", "other"])
TOPICS = {
    "SCJ": ["未取得食品经营许可从事食品经营活动", "销售不符合食品安全标准的食品", "生产销售不合格产品", "虚假宣传",
            "无照经营", "使用未经检验的特种设备", "计量器具未经检定", "价格欺诈"],
    "GAJ": ["扰乱公共秩序", "违反枪支管理规定", "违反居民身份证管理规定", "违反道路交通安全法律法规", "违反消防安全规定"],
    "ZRJ": ["非法占用土地", "未经批准擅自转让土地使用权", "违法采矿", "不动产登记"],
    "ZJJ": ["未取得施工许可擅自施工", "违反建筑市场管理规定", "违法建设", "物业管理违法行为"],
    "STHJ": ["超标排放大气污染物", "未批先建建设项目", "违法处置危险废物", "违反排污许可管理规定"],
    "JTYSJ": ["未取得道路运输经营许可从事运输", "超限运输", "违反公路管理规定"],
    "NYJ": ["经营假劣农药", "违反动物防疫规定", "违反种子管理规定", "违反渔业管理规定"],
    "WJJ": ["未取得医疗机构执业许可开展诊疗活动", "违反公共场所卫生规定", "违反传染病防治规定"],
    "YJJ": ["未按规定开展安全生产教育培训", "违反危险化学品安全管理规定", "未采取措施消除事故隐患"],
    "SWJ": ["未经批准擅自取水", "在河道管理范围内违法采砂", "违反水土保持规定"],
    "WLJ": ["擅自从事营业性演出", "违反文物保护规定", "违反网络文化经营管理规定"],
    "JTJ": ["违反民办教育管理规定", "违反校外培训管理规定", "违反体育经营活动管理规定"],
    "RSJ": ["拖欠劳动者工资", "违反劳动保障监察规定", "骗取社会保险待遇"],
    "MZJ": ["违反社会组织登记管理规定", "违反殡葬管理规定", "违反养老机构管理规定"],
    "LCJ": ["滥伐林木", "非法占用林地", "违反草原保护规定"],
    "FGJ": ["违反价格管理规定", "违反固定资产投资项目节能审查规定", "违反粮食流通管理规定"],
    "GXJ": ["违反成品油市场管理规定", "违反报废机动车回收管理规定", "违反单用途商业预付卡管理规定"],
    "CZJ": ["违反财政收支管理规定", "违反政府采购管理规定", "违反会计管理规定"],
    "YBJ": ["骗取医疗保障基金", "违反定点医药机构协议管理规定"],
    "SFJ": ["违反律师执业管理规定", "违反基层法律服务管理规定"],
    "TYJ": ["违反烈士纪念设施保护管理规定"],
    "MZZJ": ["违反宗教事务管理规定"],
    "RFB": ["违反人民防空工程管理规定"],
}
TOWNSHIP_NAMES = ["同心县豫海镇人民政府", "同心县河西镇人民政府", "同心县韦州镇人民政府", "同心县下马关镇人民政府",
                  "同心县预旺镇人民政府", "同心县王团镇人民政府", "同心县丁塘镇人民政府", "同心县田老庄乡人民政府",
                  "同心县马高庄乡人民政府", "同心县张家塬乡人民政府", "同心县兴隆乡人民政府", "同心县石狮管理委员会"]
SURNAMES = "马杨李王张丁金田海白周刘苏罗韩冯何吴"
GIVEN = ["建军", "晓燕", "文博", "海霞", "志刚", "明远", "国栋", "玉兰", "永福", "学军", "丽娟", "天明"]
FIRMS = ["同心县清真牛羊肉", "同心县枸杞", "同心县汇丰商贸", "同心县金源建材", "同心县豫海餐饮", "宁夏同德物流",
         "同心县红城农牧", "同心县银阳新能源", "同心县东关超市", "同心县兴隆养殖", "宁夏韦州建筑工程", "同心县丰源粮油"]
PLACES = ["豫海", "河西", "韦州", "下马关", "预旺", "王团", "丁塘", "田老庄", "马高庄", "张家塬", "兴隆", "石狮"]
TRADES = ["商贸", "餐饮", "建材", "农牧", "物流", "超市", "养殖", "粮油", "新能源", "枸杞", "清真食品", "汽车修理"]


def _day(i: int, n: int, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=(last - first).days * i // max(n - 1, 1))


def _split(total: int, weights: list[int]) -> list[int]:
    s = sum(weights)
    out = [total * w // s for w in weights]
    for i in range(total - sum(out)):
        out[i % len(out)] += 1
    return out


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def _id_number(i: int) -> str:
    birth = D(1965, 1, 1) + datetime.timedelta(days=(i * 97) % 14000)
    base = f"640324{birth:%Y%m%d}{i % 1000:03d}"
    return base + ric.calc_check_digit(base + "0")


class _Due:
    """Due dates by rule and start day, each computed once (thousands of rows share a few hundred days)."""

    def __init__(self):
        self.cal = get_calendar()
        self.cache: dict = {}
        from fazhi.core.deadlines import get_rule
        self.rules = {}
        self.get_rule = get_rule

    def __call__(self, code: str, start: datetime.date) -> datetime.date:
        key = (code, start)
        if key not in self.cache:
            rule = self.rules.get(code) or self.rules.setdefault(code, self.get_rule(code))
            self.cache[key] = self.cal.compute(start, rule.count, rule.unit, roll_forward=rule.roll_forward).due
        return self.cache[key]


def _clean(objs, exclude=()):
    for o in objs:
        o.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def _bulk(model, objs, exclude=()):
    _clean(objs, exclude)
    return model.objects.bulk_create(objs, batch_size=2000)


# -- 权责清单 ---------------------------------------------------------------------------------------------

def _power_values(code: str, seq: int, cat: str, agency: Organization) -> dict:
    topics = TOPICS.get(code, ["违反本行业管理规定"])
    topic = topics[seq % len(topics)]
    label = dict(PowerCategory.choices)[cat]
    name = {"penalty": f"对{topic}的处罚", "license": f"{topic.replace('未取得', '').replace('违反', '')}许可",
            "inspection": f"对{topic}的行政检查", "coercion": f"对{topic}涉及物品的查封、扣押",
            }.get(cat, f"{label}：{topic}")
    return dict(
        organization=agency, power_code=f"640324-{code}-{CAT_CODES[cat]}-{seq:04d}", name=name[:200], category=cat,
        legal_basis=f"相关法律、法规第{10 + seq % 60}条", subject=agency.name, counterpart="公民、法人和其他组织",
        responsibilities={RESPONSIBILITY_STAGES[0]: "对违法线索进行核查，符合条件的予以立案。",
                          RESPONSIBILITY_STAGES[1]: "两名以上执法人员调查取证，出示执法证件。",
                          RESPONSIBILITY_STAGES[2]: "审查案件事实、证据和法律适用，重大案件经法制审核和集体讨论。",
                          RESPONSIBILITY_STAGES[3]: "告知当事人拟作出决定的事实、理由、依据及陈述申辩、听证权利。",
                          RESPONSIBILITY_STAGES[5]: "依法送达并监督执行。"},
        accountability="不履行或者不正确履行上述职责，造成不良后果的，依法依规追究相关人员责任。",
    )


def _powers(orgs: dict[str, Organization], townships: list[Organization]) -> dict:
    baseline_n = POWER_ITEMS - ADJ[AdjustmentKind.ADD] + ADJ[AdjustmentKind.CANCEL]
    per_agency = _split(baseline_n, [w for _, _, w in AGENCIES])
    base: list[PowerItem] = []
    seq_by_agency = {}
    for (name, code, _w), n in zip(AGENCIES, per_agency):
        agency = orgs[name]
        for k in range(n):
            cat = CAT_CYCLE[(k * 7) % len(CAT_CYCLE)]
            base.append(PowerItem(valid_from=LIST_DATE, **_power_values(code, k + 1, cat, agency)))
        seq_by_agency[name] = n
    _bulk(PowerItem, base, exclude=["organization", "delegated_to", "previous"])

    # Pick disjoint baseline items for each kind of adjustment (enforcement ones for 下放执法事项).
    enforcement = [p for p in base if p.category in ENFORCEMENT_CATEGORIES]
    others = [p for p in base if p.category not in ENFORCEMENT_CATEGORIES]
    delegate = enforcement[3::17][:ADJ[AdjustmentKind.DELEGATE]]
    used = {p.pk for p in delegate}
    empower = [p for p in others[1::7] if p.pk not in used][:ADJ[AdjustmentKind.EMPOWER]]
    used |= {p.pk for p in empower}
    rest = [p for p in base[5::5] if p.pk not in used]
    change = rest[:ADJ[AdjustmentKind.CHANGE]]
    cancel = rest[ADJ[AdjustmentKind.CHANGE]:ADJ[AdjustmentKind.CHANGE] + ADJ[AdjustmentKind.CANCEL]]
    assert len(delegate) == ADJ[AdjustmentKind.DELEGATE] and len(empower) == ADJ[AdjustmentKind.EMPOWER]
    assert len(cancel) == ADJ[AdjustmentKind.CANCEL]

    reform_doc = "《同心县基层整合审批服务执法力量改革实施方案》（同党办发〔2021〕28号）"
    adjust_doc = "《关于公布同心县2021年权责清单动态调整事项的通知》（同政办发〔2021〕{n}号）"
    new_versions: list[PowerItem] = []
    adjs: list[tuple[str, PowerItem | None, PowerItem | None, Organization | None, datetime.date, str]] = []
    closed: list[PowerItem] = []

    def successor(old, on, **changes):
        values = {f: getattr(old, f) for f in sv.POWER_FIELDS}
        values.update(changes)
        old.valid_to = on
        closed.append(old)
        new = PowerItem(organization=old.organization, valid_from=on, previous=old, **values)
        new_versions.append(new)
        return new

    for i, old in enumerate(change):
        on = _day(i, len(change), D(YEAR, 3, 1), D(YEAR, 11, 30))
        new = successor(old, on, legal_basis=old.legal_basis + "；依据修订后的法律法规调整", name=old.name)
        adjs.append((AdjustmentKind.CHANGE, old, new, None, on, adjust_doc.format(n=10 + i % 6)))
    for kind, items in ((AdjustmentKind.EMPOWER, empower), (AdjustmentKind.DELEGATE, delegate)):
        for i, old in enumerate(items):
            on = _day(i, len(items), D(YEAR, 7, 15), D(YEAR, 12, 10))
            town = townships[i % len(townships)]
            new = successor(old, on, delegated_to=town, delegation_kind=kind)
            adjs.append((kind, old, new, town, on, reform_doc))
    for i, old in enumerate(cancel):
        on = _day(i, len(cancel), D(YEAR, 4, 1), D(YEAR, 11, 30))
        old.valid_to = on
        closed.append(old)
        adjs.append((AdjustmentKind.CANCEL, old, None, None, on, adjust_doc.format(n=10 + i % 6)))
    adds = []
    for i in range(ADJ[AdjustmentKind.ADD]):
        name, code, _w = AGENCIES[i % len(AGENCIES)]
        seq_by_agency[name] += 1
        on = _day(i, ADJ[AdjustmentKind.ADD], D(YEAR, 2, 1), D(YEAR, 12, 15))
        cat = CAT_CYCLE[(i * 5) % len(CAT_CYCLE)]
        item = PowerItem(valid_from=on, **_power_values(code, seq_by_agency[name], cat, orgs[name]))
        adds.append(item)
        adjs.append((AdjustmentKind.ADD, None, item, None, on, adjust_doc.format(n=10 + i % 6)))
    PowerItem.objects.bulk_update(closed, ["valid_to"], batch_size=2000)
    _bulk(PowerItem, new_versions + adds, exclude=["organization", "delegated_to", "previous"])
    rows = []
    for kind, before, after, town, on, doc in adjs:
        ref = after or before
        rows.append(PowerAdjustment(organization=ref.organization, kind=kind, adjusted_on=on, document=doc,
                                    reason={"add": "法律法规新设职权", "change": "法律法规修订", "cancel": "法律法规废止，职权取消",
                                            "empower": "基层整合审批服务执法力量改革", "delegate": "基层整合审批服务执法力量改革"}[kind],
                                    power_code=ref.power_code, power_name=ref.name, item_before=before,
                                    item_after=after, township=town))
    _bulk(PowerAdjustment, rows, exclude=["organization", "item_before", "item_after", "township"])
    return {"权责事项版本": len(base) + len(new_versions) + len(adds), "权责清单调整": len(rows)}


# -- 政务服务事项 --------------------------------------------------------------------------------------

SERVICE_NAMES = {
    ServiceItemType.LICENSE: ["食品经营许可", "建设工程规划许可", "取水许可", "道路运输经营许可", "药品零售企业许可",
                              "公共场所卫生许可", "娱乐场所经营许可", "林草种子生产经营许可"],
    ServiceItemType.CONFIRMATION: ["最低生活保障对象认定", "残疾等级评定", "农村宅基地资格确认", "工伤认定"],
    ServiceItemType.PAYMENT: ["城乡居民养老保险待遇发放", "高龄津贴发放", "退役士兵自主就业一次性经济补助"],
    ServiceItemType.PUBLIC_SERVICE: ["就业登记", "社会保障卡申领", "户籍证明开具", "不动产登记资料查询", "学籍证明"],
    ServiceItemType.FILING: ["建设工程竣工验收备案", "民办培训机构备案"],
    ServiceItemType.OTHER: ["特种设备使用登记", "医师执业注册"],
}
TYPE_CODES = {"license": "XK", "confirmation": "QR", "payment": "JF", "public_service": "GG", "filing": "BA",
              "other": "QT", "levy": "ZS", "reward": "JL", "adjudication": "CJ"}
SERVICE_AGENCY = {
    "食品经营许可": "同心县市场监督管理局", "建设工程规划许可": "同心县自然资源局", "取水许可": "同心县审批服务管理局",
    "道路运输经营许可": "同心县交通运输局", "药品零售企业许可": "同心县市场监督管理局", "公共场所卫生许可": "同心县卫生健康局",
    "娱乐场所经营许可": "同心县审批服务管理局", "林草种子生产经营许可": "同心县林业和草原局",
    "最低生活保障对象认定": "同心县民政局", "残疾等级评定": "同心县民政局", "农村宅基地资格确认": "同心县农业农村局",
    "工伤认定": "同心县人力资源和社会保障局", "城乡居民养老保险待遇发放": "同心县人力资源和社会保障局",
    "高龄津贴发放": "同心县民政局", "退役士兵自主就业一次性经济补助": "同心县退役军人事务局",
    "就业登记": "同心县人力资源和社会保障局", "社会保障卡申领": "同心县人力资源和社会保障局", "户籍证明开具": "同心县公安局",
    "不动产登记资料查询": "同心县自然资源局", "学籍证明": "同心县教育体育局", "建设工程竣工验收备案": "同心县住房和城乡建设局",
    "民办培训机构备案": "同心县教育体育局", "特种设备使用登记": "同心县市场监督管理局", "医师执业注册": "同心县卫生健康局",
}


def _services(orgs: dict[str, Organization], spj: Organization) -> dict:
    n_local = SERVICE_CONSISTENT + SERVICE_MISMATCH + SERVICE_RETIRED
    specs = []
    types = list(SERVICE_NAMES)
    # Hierarchy: groups of (1 主项, then 0–2 子项, then 0–1 办理项 under the first 子项).
    i = 0
    main_no = 0
    while len(specs) < n_local:
        main_no += 1
        t = types[main_no % len(types)]
        names = SERVICE_NAMES[t]
        base = names[main_no % len(names)]
        agency = SERVICE_AGENCY.get(base, "同心县审批服务管理局")
        main_code = f"{TYPE_CODES[t]}{main_no:05d}000"
        specs.append((ServiceLevel.MAIN, None, main_code, base, t, agency))
        subs = main_no % 3
        for s in range(1, subs + 1):
            if len(specs) >= n_local:
                break
            sub_code = f"{TYPE_CODES[t]}{main_no:05d}{s:03d}"
            specs.append((ServiceLevel.SUB, main_code, sub_code, f"{base}（{['新办', '变更', '延续'][s - 1]}）", t, agency))
            if s == 1 and main_no % 4 == 0 and len(specs) < n_local:
                specs.append((ServiceLevel.HANDLING, sub_code, sub_code + "01", f"{base}（新办）（告知承诺）", t, agency))
        i += 1
    specs = specs[:n_local]
    by_code: dict[str, ServiceItem] = {}
    items: list[ServiceItem] = []
    uppers: list[UpperServiceItem] = []
    n_online = n_retired = 0
    for k, (level, parent_code, code, name, t, agency) in enumerate(specs):
        dept = agency.replace("同心县", "县级").replace("局", "部门") if agency != "同心县审批服务管理局" else "县级行政审批部门"
        basis = f"《{name.split('（')[0]}管理办法》及相关法律法规"
        retired = k % 120 == 119 and n_retired < SERVICE_RETIRED
        n_retired += retired
        online = not retired and n_online < SERVICE_ONLINE and k % 22 != 3
        item = ServiceItem(organization=orgs.get(agency, spj), item_code=code, name=name, item_type=t, department=dept,
                           agency=agency, basis=basis, level=level, parent=by_code.get(parent_code), in_force=not retired,
                           online=online, depth=(OnlineDepth.FULL if k % 3 else OnlineDepth.PREAPPROVE) if online
                           else OnlineDepth.INFO, time_limit_days=5 + k % 15)
        n_online += online
        by_code[code] = item
        items.append(item)
    # Online count: top up / trim to exactly SERVICE_ONLINE among in-force items.
    in_force = [x for x in items if x.in_force]
    online_now = [x for x in in_force if x.online]
    for x in [x for x in in_force if not x.online][:max(0, SERVICE_ONLINE - len(online_now))]:
        x.online, x.depth = True, OnlineDepth.PREAPPROVE
    for x in online_now[SERVICE_ONLINE:]:
        x.online, x.depth = False, OnlineDepth.INFO
    # The upper catalog: identical for consistent items; for the mismatches one element differs.
    mismatch = set(range(7, 7 + SERVICE_MISMATCH * 31, 31))
    in_force_idx = [k for k, x in enumerate(items) if x.in_force]
    mismatch_items = {in_force_idx[m % len(in_force_idx)] for m in mismatch}
    while len(mismatch_items) < SERVICE_MISMATCH:
        mismatch_items.add(in_force_idx[len(mismatch_items) * 13 % len(in_force_idx)])
    for k, x in enumerate(items):
        up = dict(item_code=x.item_code, name=x.name, item_type=x.item_type, department=x.department, agency=x.agency,
                  basis=x.basis, level=x.level)
        if k in mismatch_items:
            variant = len([m for m in mismatch_items if m < k]) % 5
            if variant == 0:
                continue                                    # the upper catalog has no such code
            field = ["", "name", "basis", "department", "agency"][variant]
            up[field] = up[field] + ("（" + ["", "自治区规范名称", "2021年修订", "自治区主管", "县级"][variant] + "）")
        uppers.append(UpperServiceItem(organization=spj, catalog_version="宁夏政务服务事项基本目录（2021年版）", **up))
    for j in range(UPPER_UNCLAIMED):
        uppers.append(UpperServiceItem(organization=spj, catalog_version="宁夏政务服务事项基本目录（2021年版）",
                                       item_code=f"GG{90000 + j:05d}000", name=f"自治区级公共服务事项{j + 1}",
                                       item_type=ServiceItemType.PUBLIC_SERVICE, department="自治区有关部门",
                                       agency="自治区有关部门", basis="自治区有关规定"))
    for level in (ServiceLevel.MAIN, ServiceLevel.SUB, ServiceLevel.HANDLING):
        batch = [x for x in items if x.level == level]
        for x in batch:
            if x.parent is not None:
                x.parent_id = x.parent.pk
        _bulk(ServiceItem, batch, exclude=["organization", "parent"])
    _bulk(UpperServiceItem, uppers, exclude=["organization"])
    return {"政务服务事项": len(items), "上级目录事项": len(uppers)}


# -- 政务公开 --------------------------------------------------------------------------------------

AREA_WEIGHTS = [(DisclosureArea.PLANNING, 6), (DisclosureArea.MARKET, 12), (DisclosureArea.FINANCE, 14),
                (DisclosureArea.EPIDEMIC, 16), (DisclosureArea.EDUCATION, 10), (DisclosureArea.POLICY, 8),
                (DisclosureArea.SOCIAL, 9), (DisclosureArea.LAND, 3), (DisclosureArea.PROJECTS, 5),
                (DisclosureArea.PUBLIC_HEALTH, 5), (DisclosureArea.ENVIRONMENT, 4), (DisclosureArea.ENFORCEMENT, 5),
                (DisclosureArea.PERSONNEL, 2), (DisclosureArea.OTHER, 1)]
# What each unit publishes besides the general areas (keyword in its name → areas).
AREA_BY_ORG = {
    "市场监督": ["market"], "财政": ["finance"], "卫生健康": ["epidemic", "health"], "医疗保障": ["health"],
    "教育": ["education"], "自然资源": ["planning", "land"], "住房和城乡建设": ["planning", "projects"],
    "生态环境": ["environment"], "民政": ["social"], "乡村振兴": ["social"], "发展和改革": ["projects"],
    "交通运输": ["projects"], "水务": ["projects", "environment"], "人力资源": ["personnel", "social"],
    "公安": ["enforcement"], "应急": ["enforcement"], "司法": ["enforcement"], "审批": ["market"],
}
GENERAL_AREAS = [DisclosureArea.POLICY, DisclosureArea.FINANCE, DisclosureArea.EPIDEMIC, DisclosureArea.PERSONNEL,
                 DisclosureArea.OTHER, DisclosureArea.ENFORCEMENT]
AREA_TITLES = {
    "planning": "{org}关于{n}号地块控制性详细规划的公示", "market": "{org}食品安全监督抽检信息公告（{n}期）",
    "finance": "{org}{y}年部门预算公开说明（第{n}号）", "epidemic": "{org}关于做好新冠肺炎疫情常态化防控工作的通告（第{n}号）",
    "education": "{org}{y}年义务教育招生入学工作公告（{n}）", "policy": "{org}关于印发有关工作方案的通知（{n}）",
    "social": "{org}{y}年城乡最低生活保障资金发放名册公示（{n}）", "land": "{org}征收土地预公告（{n}）",
    "projects": "{org}重大建设项目批准和实施信息（{n}）", "health": "{org}医疗卫生服务信息（{n}）",
    "environment": "{org}环境质量状况公告（{n}）", "enforcement": "{org}行政执法信息公示（{n}）",
    "personnel": "{org}事业单位公开招聘拟聘用人员公示（{n}）", "other": "{org}政务动态（{n}）",
}


def _disclosures(publishers: list[Organization], due: _Due) -> dict:
    areas = []
    for area, w in AREA_WEIGHTS:
        areas += [area] * w
    rows = []
    total = DISCLOSURES + DISCLOSURES_NEXT_YEAR
    for i in range(total):
        if i < DISCLOSURES:
            published = _day(i, DISCLOSURES, D(YEAR, 1, 4), D(YEAR, 12, 31))
            lag = [0, 1, 2, 3, 5, 8, 12][i % 7] if i % 53 else 35      # about 2% published late
            formed = published - datetime.timedelta(days=lag)
        else:
            formed = D(YEAR, 12, 20) + datetime.timedelta(days=i % 10)
            published = D(YEAR + 1, 1, 4) + datetime.timedelta(days=i % 7)
        org = publishers[(i * 7) % len(publishers)]
        own = [a for key, a_list in AREA_BY_ORG.items() if key in org.name for a in a_list]
        if org.kind in (OrgKind.GOVERNMENT, OrgKind.TOWNSHIP):
            area = areas[i % len(areas)]                # 政府、乡镇: every area
        elif own and i % 3:
            area = own[i % len(own)]                    # a department's own field, two times in three
        else:
            area = GENERAL_AREAS[i % len(GENERAL_AREAS)]
        rows.append(Disclosure(organization=org, area=area,
                               title=AREA_TITLES[area].format(org=org.short_name or org.name, n=i % 97 + 1,
                                                              y=formed.year)[:200],
                               formed_on=formed, published_on=published, due_on=due(sv.PROACTIVE_RULE, formed),
                               channel=DisclosureChannel.NEW_MEDIA if i % 4 == 0 else DisclosureChannel.WEBSITE))
    _bulk(Disclosure, rows, exclude=["organization"])
    return {"主动公开信息": len(rows)}


MEDIA_NAMES = [("平安同心", "同心县公安局", MediaPlatform.WECHAT), ("健康同心", "同心县卫生健康局", MediaPlatform.WECHAT),
               ("同心发布", "同心县人民政府办公室", MediaPlatform.WECHAT), ("同心发布", "同心县人民政府办公室", MediaPlatform.WEIBO),
               ("同心融媒", "同心县融媒体中心", MediaPlatform.DOUYIN), ("同心融媒", "同心县融媒体中心", MediaPlatform.APP),
               ("同心司法", "同心县司法局", MediaPlatform.WECHAT), ("同心市场监管", "同心县市场监督管理局", MediaPlatform.WECHAT),
               ("同心教体", "同心县教育体育局", MediaPlatform.WECHAT), ("同心人社", "同心县人力资源和社会保障局", MediaPlatform.WECHAT),
               ("同心民政", "同心县民政局", MediaPlatform.WECHAT), ("同心自然资源", "同心县自然资源局", MediaPlatform.WECHAT),
               ("同心住建", "同心县住房和城乡建设局", MediaPlatform.WECHAT), ("同心交通", "同心县交通运输局", MediaPlatform.WECHAT),
               ("同心农业农村", "同心县农业农村局", MediaPlatform.WECHAT), ("文旅同心", "同心县文化旅游广电局", MediaPlatform.DOUYIN),
               ("同心应急", "同心县应急管理局", MediaPlatform.WECHAT), ("同心医保", "同心县医疗保障局", MediaPlatform.WECHAT),
               ("同心审批服务", "同心县审批服务管理局", MediaPlatform.WECHAT), ("同心退役军人", "同心县退役军人事务局", MediaPlatform.WECHAT),
               ("同心乡村振兴", "同心县乡村振兴局", MediaPlatform.WECHAT), ("同心财政", "同心县财政局", MediaPlatform.WECHAT),
               ("同心水务", "同心县水务局", MediaPlatform.WECHAT), ("同心林草", "同心县林业和草原局", MediaPlatform.WECHAT),
               ("同心生态环境", "吴忠市生态环境局同心分局", MediaPlatform.WECHAT), ("同心信访", "同心县信访局", MediaPlatform.WECHAT),
               ("同心消防", "同心县消防救援大队", MediaPlatform.DOUYIN), ("同心气象", "同心县气象局", MediaPlatform.WECHAT),
               ("同心税务", "国家税务总局同心县税务局", MediaPlatform.WECHAT), ("豫海镇", "同心县豫海镇人民政府", MediaPlatform.WECHAT),
               ("韦州镇", "同心县韦州镇人民政府", MediaPlatform.WECHAT),
               ("同心工业园区", "宁夏同心工业园区管理委员会", MediaPlatform.WECHAT),   # closed in 2021
               ("同心统计", "同心县统计局", MediaPlatform.WEIBO)]                        # closed in 2021


def _media(orgs_by_name) -> dict:
    rows = []
    for i, (name, org, platform) in enumerate(MEDIA_NAMES):
        closed = D(YEAR, 6 + i % 3, 30) if i >= MEDIA else None
        rows.append(NewMediaAccount(organization=orgs_by_name[org], name=name, platform=platform,
                                    account_id=f"tongxin_{i + 1:02d}", opened_on=D(2015 + i % 6, 1 + i % 12, 1),
                                    closed_on=closed, operator=org, filed_on=D(2019, 3, 1 + i % 28)))
    _bulk(NewMediaAccount, rows, exclude=["organization"])
    return {"政务新媒体": len(rows)}


def _requests(orgs_by_name) -> dict:
    """A few 依申请公开 requests through the services (deadlines on the board)."""
    n = 0
    zfb = orgs_by_name["同心县人民政府办公室"]
    zrj = orgs_by_name["同心县自然资源局"]
    plan = [
        (zrj, "in_person", D(YEAR, 3, 8), None, "同心县豫海镇某村集体土地征收批复文件", ("reply", 24, ReplyType.DISCLOSE)),
        (zrj, "registered_post", D(YEAR, 4, 12), D(YEAR, 4, 14), "某地块国有土地使用权出让合同", ("reply", 16, ReplyType.PUBLISHED)),
        (zfb, "online", D(YEAR, 5, 6), D(YEAR, 5, 7), "2020年县政府常务会议纪要", ("reply", 18, ReplyType.REFUSE)),
        (zfb, "online", D(YEAR, 6, 1), D(YEAR, 6, 1), "某项目环境影响评价报告", ("consult", 5, 20)),
        (zrj, "ordinary_post", D(YEAR, 9, 22), D(YEAR, 9, 24), "某村宅基地审批资料", ("extend", 19, ReplyType.DISCLOSE)),
        (zfb, "in_person", D(YEAR, 10, 18), None, "要求公开", ("correction", 3, None)),
        (zfb, "fax", D(YEAR, 11, 3), D(YEAR, 11, 4), "某企业的行政处罚决定书", ("reply", 10, ReplyType.NOT_OURS)),
        (zrj, "online", D(YEAR, 12, 20), D(YEAR, 12, 21), "2021年城乡建设用地增减挂钩项目资料", None),
    ]
    for i, (org, channel, submitted, received, content, step) in enumerate(plan):
        req = sv.request_receive(actor=None, organization=org, applicant_kind="citizen", applicant_name=_name(i + 40),
                                 applicant_id=_id_number(i + 40), applicant_phone=f"1399534{i:04d}",
                                 applicant_address="宁夏吴忠市同心县豫海镇", channel=channel, submitted_on=submitted,
                                 received_on=received, content=content)
        n += 1
        if step is None:
            continue
        kind, days, extra = step
        start = req.received_on
        if kind == "reply":
            sv.request_reply(actor=None, req=req, on=start + datetime.timedelta(days=days), reply_type=extra,
                             reply_text="" if extra in (ReplyType.DISCLOSE, ReplyType.PUBLISHED) else
                             ("属于内部事务信息，依据条例第十六条不予公开。" if extra == ReplyType.REFUSE else
                              "该信息由同心县市场监督管理局负责公开，联系电话0953-8021234。"))
        elif kind == "consult":
            sv.request_consult_start(actor=None, req=req, on=start + datetime.timedelta(days=days),
                                     consultee="宁夏某环保科技有限公司（第三方）")
            req = sv.request_consult_end(actor=None, req=req, on=start + datetime.timedelta(days=days + 14))
            sv.request_reply(actor=None, req=req, on=start + datetime.timedelta(days=extra + 14),
                             reply_type=ReplyType.PARTIAL, reply_text="涉及第三方商业秘密的部分不予公开（条例第十五条）。")
        elif kind == "extend":
            req = sv.request_extend(actor=None, req=req, on=start + datetime.timedelta(days=days),
                                    approver="县自然资源局政务公开办公室主任", reason="需调取档案，资料较多")
            sv.request_reply(actor=None, req=req, on=start + datetime.timedelta(days=days + 10), reply_type=extra)
        elif kind == "correction":
            sv.request_correction(actor=None, req=req, on=start + datetime.timedelta(days=days),
                                  items="申请内容不明确，请写明所需信息的名称、文号或者便于查询的其他特征性描述，15日内补正。")
            sv.request_abandon(actor=None, req=req, on=D(YEAR, 12, 1))
    return {"依申请公开": n}


def _reports(gov: Organization, depts: list[Organization]) -> dict:
    n = 0
    for i, org in enumerate([gov, *depts]):
        fig = sv.annual_figures(org, YEAR)
        published = D(YEAR + 1, 3, 25) if org == gov else D(YEAR + 1, 1, 20 + i % 10)
        sv.annual_report_save(actor=None, organization=org, year=YEAR, submitted_on=published, published_on=published,
                              problems="政务公开标准化规范化水平有待提高，部分单位信息发布不够及时。", **fig)
        n += 1
    return {"政府信息公开工作年度报告": n}


# -- 双公示与信用 ----------------------------------------------------------------------------------

PENALTY_KINDS = [("违反食品安全管理规定", "警告;罚款", "罚款人民币伍仟元", "0.5"),
                 ("无照经营", "警告", "警告", ""),
                 ("违反道路交通安全法规", "罚款", "罚款人民币贰佰元", "0.02"),
                 ("违法占用土地", "罚款;没收违法所得、没收非法财物", "罚款并没收违法所得", "1.2"),
                 ("超标排放污染物", "罚款", "罚款人民币贰万元", "2"),
                 ("违反安全生产管理规定", "罚款", "罚款人民币壹万元", "1")]
PENALTY_ORGS = ["同心县市场监督管理局", "同心县公安局", "同心县自然资源局", "吴忠市生态环境局同心分局", "同心县应急管理局",
                "同心县交通运输局", "同心县卫生健康局"]
LICENSE_KINDS = [("食品经营许可", "普通", "食品经营许可证"), ("建设工程规划许可", "普通", "建设工程规划许可证"),
                 ("道路运输经营许可", "普通", "道路运输经营许可证"), ("取水许可", "普通", "取水许可证"),
                 ("公共场所卫生许可", "普通", "公共场所卫生许可证"), ("药品经营许可", "普通", "药品经营许可证")]


def _subject(i: int) -> dict:
    place, trade = PLACES[i % len(PLACES)], TRADES[(i // len(PLACES)) % len(TRADES)]
    if i % 5 == 4:
        return {"行政相对人名称": _name(i), "行政相对人类别": "自然人", "证件类型": "身份证", "证件号码": _id_number(i)}
    if i % 5 == 3:
        shop = f"同心县{place}{'镇' if place not in ('石狮',) else ''}{SURNAMES[i % len(SURNAMES)]}记{trade}店"
        return {"行政相对人名称": shop, "行政相对人类别": "个体工商户", "统一社会信用代码": credit_code(shop, "92"),
                "法定代表人": _name(i + 7)}
    firm = f"同心县{place}{trade}有限公司" if i % 2 else f"宁夏{place}{trade}有限责任公司"
    return {"行政相对人名称": firm, "行政相对人类别": "法人及非法人组织", "统一社会信用代码": credit_code(firm, "91"),
            "法定代表人": _name(i + 3)}


def _credit(orgs_by_name, spj: Organization, due: _Due) -> dict:
    rows = []
    total = CREDIT_REPORTED + CREDIT_PENDING
    for i in range(total):
        if i < CREDIT_REPORTED:
            is_license = (i * CREDIT_LICENSES // CREDIT_REPORTED) != ((i + 1) * CREDIT_LICENSES // CREDIT_REPORTED)
        else:
            is_license = i % 2 == 0
        pending = i >= CREDIT_REPORTED
        decided = D(YEAR, 12, 22) + datetime.timedelta(days=i % 7) if pending else \
            _day(i, CREDIT_REPORTED, D(YEAR, 1, 4), D(YEAR, 12, 20))
        subject = _subject(i)
        if is_license:
            org = spj
            name, cat, cert = LICENSE_KINDS[i % len(LICENSE_KINDS)]
            doc = f"同审批许字〔{YEAR}〕{i + 1}号"
            fields = {**subject, "行政许可决定文书名称": f"{name}决定书", "行政许可决定文书号": doc, "许可类别": cat,
                      "许可证书名称": cert, "许可编号": f"TX{YEAR}{i + 1:05d}", "许可内容": f"准予{name}",
                      "许可决定日期": decided.isoformat(), "有效期自": decided.isoformat(),
                      "有效期至": D(decided.year + 5, decided.month, min(decided.day, 28)).isoformat(),
                      "许可机关": org.name, "许可机关统一社会信用代码": org.credit_code, "当前状态": "有效",
                      "数据来源单位": org.name, "数据来源单位统一社会信用代码": org.credit_code}
            kind = CreditKind.LICENSE
        else:
            org = orgs_by_name[PENALTY_ORGS[i % len(PENALTY_ORGS)]]
            vtype, cat, content, fine = PENALTY_KINDS[i % len(PENALTY_KINDS)]
            doc = f"{org.short_name or '同'}罚决字〔{YEAR}〕{i + 1}号"
            fields = {**subject, "行政处罚决定书文号": doc, "违法行为类型": vtype,
                      "违法事实": f"当事人{vtype}，经调查属实。", "处罚依据": "相关法律法规的规定", "处罚类别": cat,
                      "处罚内容": content, "处罚决定日期": decided.isoformat(),
                      "处罚有效期": D(decided.year + 1, decided.month, min(decided.day, 28)).isoformat(),
                      "处罚机关": org.name, "处罚机关统一社会信用代码": org.credit_code, "数据来源单位": org.name,
                      "数据来源单位统一社会信用代码": org.credit_code}
            if fine:
                fields["罚款金额(万元)"] = fine
            kind = CreditKind.PENALTY
        fields = sv.normalize_fields(kind, fields)
        values = sv._credit_values(kind, fields)
        due_on = due(sv.DOUBLE_RULE, decided)
        reported = None if pending else decided + datetime.timedelta(days=[1, 2, 3, 5, 6, 4, 12][i % 7])
        rec = CreditRecord(organization=org, kind=kind, source=CreditSource.IMPORT, fields=fields, due_on=due_on,
                           reported_on=reported, status=CreditStatus.PENDING if pending else CreditStatus.REPORTED,
                           **values)
        if not pending and i % 400 == 17:        # a few decisions revoked later in the year
            rec.withdrawn_on = min(decided + datetime.timedelta(days=30), D(YEAR, 12, 20))
            rec.withdraw_reason = "原决定经行政复议被撤销"
            rec.withdraw_due = due(sv.WITHDRAW_RULE, rec.withdrawn_on)
            rec.taken_down_on = rec.withdrawn_on + datetime.timedelta(days=1)
            rec.status = CreditStatus.WITHDRAWN
        rows.append(rec)
    _bulk(CreditRecord, rows, exclude=["organization"])
    return {"双公示信息": len(rows)}


def _activities(fzb_or_gov: Organization, fgj: Organization) -> dict:
    rows = []
    for i in range(ENTREPRENEURS):
        rows.append(CreditActivity(organization=fgj, kind=CreditActivityKind.ENTREPRENEUR, name=_name(i + 60),
                                   enterprise=f"{FIRMS[i]}有限公司", held_on=D(YEAR, 6, 14) + datetime.timedelta(days=7 * i),
                                   medium="同心县融媒体中心“诚信同心”专栏"))
    for i in range(MODEL_UNITS):
        rows.append(CreditActivity(organization=fgj, kind=CreditActivityKind.MODEL_UNIT,
                                   name=f"{FIRMS[i % len(FIRMS)]}{'有限公司' if i < 12 else '专业合作社'}",
                                   held_on=D(YEAR, 11, 10), medium="同社信办发〔2021〕5号"))
    for i, name in enumerate(["“诚信同心、你我共铸”主题实践活动", "“诚信建设万里行”主题宣传", "“6.14诚信关爱日”宣传活动"]):
        rows.append(CreditActivity(organization=fgj, kind=CreditActivityKind.CAMPAIGN, name=name,
                                   held_on=[D(YEAR, 4, 20), D(YEAR, 5, 18), D(YEAR, 6, 14)][i]))
    _bulk(CreditActivity, rows, exclude=["organization"])
    return {"诚信建设活动": len(rows)}


@transaction.atomic
def load() -> str:
    from fazhi.core.scale import demo_county
    gov = demo_county()        # the demo's 同心县人民政府 (by its credit code: a test county may share the name)
    if gov is None:
        return "未找到同心县人民政府，请先载入示范县（load_demo）。"
    if PowerAdjustment.objects.filter(organization__parent=gov, adjusted_on__year=YEAR).exists():
        return "已存在"
    county = Organization.objects.filter(path__startswith=gov.path)
    by_name = {o.name: o for o in county}
    townships = [by_name[n] for n in TOWNSHIP_NAMES]
    spj = by_name["同心县审批服务管理局"]
    due = _Due()
    counts: dict[str, int] = {}
    counts.update(_powers(by_name, townships))
    counts.update(_services(by_name, spj))
    publishers = [o for o in county if o.kind in (OrgKind.DEPARTMENT, OrgKind.TOWNSHIP, OrgKind.GOVERNMENT)]
    counts.update(_disclosures(publishers, due))
    counts.update(_media(by_name))
    counts.update(_credit(by_name, spj, due))
    counts.update(_activities(gov, by_name["同心县发展和改革局"]))
    counts.update(_requests(by_name))
    counts.update(_reports(gov, [by_name["同心县人民政府办公室"], by_name["同心县自然资源局"],
                                 by_name["同心县市场监督管理局"]]))
    audit_log(actor=None, action="functions.bulk_load", organization=gov, target_type="functions",
              target_id="demo-2021", target_repr="同心县2021年政府职能记录", data={"counts": counts})
    return "已载入政府职能记录：" + "，".join(f"{k} {v}" for k, v in counts.items())
