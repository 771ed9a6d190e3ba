"""同心县 2021: the records behind section 一(三) of the seed report (figures.md).

The seed report: 《同心县 2021 年重大决策事项目录》 with 11 major decisions — two named there
(《宁夏同心工业园区总体规划（2020-2035）》 and 《中核（宁夏）同心防护科技有限公司服装生产线加工项目（二期）》)
— each through 征求意见、风险评估、集体讨论与合法性审核, filed with the 县人大常委会; the
government's legal advisers attended 8 meetings, represented 34 administrative suits and gave
148 legality opinions. The other nine titles, all dates, names, comments and opinions are
illustrative (plausible, not from a source). Every decision goes through the real services with
actor=None; the 137 legality opinions not tied to a decision's review are bulk-loaded through the
same validation (11 more come from the decisions' legality reviews: 148 in all).
"""
from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core.models import Organization
from fazhi.decisions import services as sv
from fazhi.decisions.models import Catalog

D = datetime.date
YEAR = 2021
GOV = "同心县人民政府"

MEETINGS = 8
SUITS = 34
OPINIONS = 148

# (title, category, undertaking unit, start, expert needed, market actors)
ITEMS = [
    ("宁夏同心工业园区总体规划（2020-2035）", "plan", "同心县工业信息化和商务局", D(2021, 3, 1), True, True),
    ("中核（宁夏）同心防护科技有限公司服装生产线加工项目（二期）", "project", "同心县工业信息化和商务局", D(2021, 3, 8), True, True),
    ("同心县国土空间总体规划（2021-2035年）", "plan", "同心县自然资源局", D(2021, 3, 15), True, False),
    ("同心县城区集中供热价格调整方案", "policy", "同心县发展和改革局", D(2021, 3, 22), True, True),
    ("同心县城乡供水一体化工程", "project", "同心县水务局", D(2021, 4, 1), True, False),
    ("同心县农村人居环境整治提升五年行动方案", "policy", "同心县农业农村局", D(2021, 4, 12), False, False),
    ("同心县城区学校布局调整规划", "plan", "同心县教育体育局", D(2021, 4, 19), False, False),
    ("同心县罗山自然保护区周边生态修复治理方案", "resources", "吴忠市生态环境局同心分局", D(2021, 5, 6), True, False),
    ("同心县城区老旧小区改造实施方案", "project", "同心县住房和城乡建设局", D(2021, 5, 17), False, False),
    ("同心县公共停车场建设及收费管理办法", "policy", "同心县交通运输局", D(2021, 6, 1), False, True),
    ("同心县城乡居民医疗保障便民服务措施", "policy", "同心县卫生健康局", D(2021, 6, 15), False, False),
]

ADVISERS = [
    # name, kind, employer, license, contract, term
    ("马海军", "public_lawyer", "同心县司法局", "公职律师证 16403202110001", ""),
    ("杨晓燕", "public_lawyer", "同心县人民政府办公室", "公职律师证 16403202110002", ""),
    ("李文博", "legal_adviser", "宁夏同心律师事务所", "执业证 16403201010123", "同政法顾〔2021〕1号"),
    ("丁国栋", "legal_adviser", "宁夏豫海律师事务所", "执业证 16403200810456", "同政法顾〔2021〕2号"),
    ("金明远", "legal_adviser", "宁夏韦州律师事务所", "执业证 16403201210789", "同政法顾〔2021〕3号"),
]

CONTRACTS = ["国有建设用地使用权出让合同", "政府和社会资本合作（PPP）项目合同", "招商引资合作协议", "工程施工合同",
             "政府购买服务合同", "国有资产租赁合同", "特许经营协议"]
NORMDOCS = ["同心县城乡居民最低生活保障实施细则", "同心县城区养犬管理办法", "同心县农村宅基地管理办法",
            "同心县招商引资优惠政策", "同心县城市市容和环境卫生管理办法"]
PETITIONS = ["征地补偿安置重大信访事项", "拖欠农民工工资群体信访事项", "棚户区改造安置重大信访事项",
             "土地承包经营权纠纷信访事项"]
AFFAIRS = ["行政复议答复", "行政处罚案件法制审核", "政府信息公开申请答复", "历史遗留问题处置方案"]


def _day(i: int, n: int, first=D(YEAR, 1, 6), last=D(YEAR, 12, 24)) -> datetime.date:
    return first + datetime.timedelta(days=(last - first).days * i // max(n - 1, 1))


def _comments(d, title: str, k: int) -> None:
    """Public comments submitted during the consultation (the service checks the period), moderated."""
    from django.utils import timezone
    for j in range(2 + k % 3):
        at = timezone.make_aware(datetime.datetime.combine(d.comment_opens_on + datetime.timedelta(days=3 + 5 * j),
                                                           datetime.time(10, 30)))
        c = sv.comment_submit(decision=d, now=at, name="马先生" if j % 2 else "",
                              body=f"关于《{title}》的意见{j + 1}：建议进一步明确实施步骤和资金保障。")
        if j < 2:
            sv.comment_moderate(actor=None, comment=c, publish=True)
            sv.comment_set_adoption(actor=None, comment=c, adoption="adopted" if j == 0 else "not_adopted",
                                    note="已在草案中补充" if j == 0 else "已有相关规定")
        else:
            sv.comment_moderate(actor=None, comment=c, publish=False, reason="与本决策事项无关")


def _walk(gov: Organization, catalog, item, spec, advisers, k: int):
    title, category, unit, start, expert, market = spec
    d = sv.decision_start(actor=None, organization=gov, title=title, undertaking_unit=unit, started_on=start,
                          category=category, catalog_item=item, start_basis="列入《同心县2021年重大决策事项目录》",
                          draft=f"《{title}》（征求意见稿）\n一、总体要求\n二、主要内容\n三、保障措施",
                          concerns_market=market,
                          fair_competition_review="经审查，不含排除、限制竞争的内容，符合公平竞争审查标准。" if market else "")
    opens = start + datetime.timedelta(days=5)
    sv.decision_open_consultation(actor=None, decision=d, opens_on=opens)
    _comments(d, title, k)
    if k in (0, 3):  # the industrial park plan and the heating price: hearings (条例第十六条)
        sv.hearing_add(actor=None, decision=d, held_on=opens + datetime.timedelta(days=20), place="同心县人民政府三楼会议室",
                       announced_on=opens + datetime.timedelta(days=1),
                       participants_published_on=opens + datetime.timedelta(days=8),
                       papers_sent_on=opens + datetime.timedelta(days=12),
                       participants="人大代表2名、政协委员2名、居民代表5名、企业代表3名、专家2名",
                       record="听证参加人对草案总体表示支持，提出分步实施、加强监督等意见。", record_signed=True)
    closes = d.comment_closes_on + datetime.timedelta(days=1)
    sv.decision_close_consultation(actor=None, decision=d, on=closes,
                                   summary=f"征求意见期间共收到意见{3 + k}条，采纳{1 + k % 3}条，"
                                           "未采纳的意见已说明理由。")
    if expert:
        sv.expert_opinion_add(actor=None, decision=d, expert=["王立新", "周建华", "海玉兰"][k % 3],
                              affiliation="宁夏大学（教授）", opinion="方案总体可行，建议细化分期实施安排。",
                              given_on=closes + datetime.timedelta(days=3), adoption="adopted")
        sv.decision_complete_expert(actor=None, decision=d, on=closes + datetime.timedelta(days=5),
                                    adoption="专家意见已采纳，草案作相应修改。")
    else:
        sv.decision_skip(actor=None, decision=d, step="expert",
                         reason="决策事项专业性、技术性不强，不需要专家论证（条例第十九条）")
    risk_on = closes + datetime.timedelta(days=10)
    sv.decision_complete_risk(actor=None, decision=d, assessor="同心县委政法委员会",
                              report="经社会稳定风险评估，该事项风险等级为低，风险可控。", level="low", on=risk_on)
    submit = risk_on + datetime.timedelta(days=1)
    sv.decision_submit_legality(actor=None, decision=d, on=submit)
    done = d.legality_earliest_on + datetime.timedelta(days=2)
    sv.decision_conclude_legality(actor=None, decision=d, on=done, reviewer="同心县司法局",
                                  adviser=advisers[k % len(advisers)], conclusion="lawful",
                                  opinion="决策草案符合法定权限和程序，内容不违反法律、法规、规章和国家政策，建议提交集体讨论。")
    meeting = done + datetime.timedelta(days=5)
    sv.decision_decide(actor=None, decision=d, kind="standing", name=f"同心县人民政府{YEAR}年第{k + 5}次常务会议",
                       on=meeting, outcome="adopted", head_decision="原则同意，按会议意见修改后实施。",
                       dissent="" if k % 4 else "有同志建议分步实施，已记录在案。")
    sv.decision_report_party(actor=None, decision=d, on=meeting + datetime.timedelta(days=2), reply="同意")
    pub = meeting + datetime.timedelta(days=7)
    sv.decision_publish(actor=None, decision=d, on=pub, channel="同心县人民政府网站", number=f"同政发〔{YEAR}〕{20 + k}号")
    sv.decision_file_npc(actor=None, decision=d, on=pub + datetime.timedelta(days=10),
                         number=f"同政备〔{YEAR}〕{k + 1}号")
    sv.implementation_report_add(actor=None, decision=d, on=min(pub + datetime.timedelta(days=60), D(YEAR, 12, 20)),
                                 unit=unit, progress="已按决策要求组织实施，进展顺利。")
    return d


def _litigation_dates() -> dict:
    """Case number → complaint date of the 行政应诉 demo records (fazhi.disputes), if that module is installed."""
    from django.apps import apps
    if not apps.is_installed("fazhi.disputes"):
        return {}
    from fazhi.disputes.models import LitigationCase
    return dict(LitigationCase.objects.filter(complaint_received_on__year=YEAR).values_list(
        "case_number", "complaint_received_on"))


def _work_rows(advisers) -> list[dict]:
    rows = []
    for i in range(MEETINGS):
        rows.append(dict(adviser=advisers[i % len(advisers)], kind="meeting", on=_day(i, MEETINGS, D(YEAR, 1, 20)),
                         title=f"列席同心县人民政府{YEAR}年第{i + 3}次常务会议" if i < 5 else "列席县政府专题会议",
                         subject_ref="县政府常务会议" if i < 5 else "县政府专题会议"))
    received = _litigation_dates()
    for i in range(SUITS):
        number = f"({YEAR})宁0324行初{i + 1}号"  # the 行政应诉 cases of the disputes demo, where loaded
        on = received.get(number)
        on = on + datetime.timedelta(days=5) if on and on + datetime.timedelta(days=5) <= D(YEAR, 12, 31) \
            else _day(i, SUITS)
        rows.append(dict(adviser=advisers[2 + i % 3], kind="suit", on=on,
                         title=["代理县政府行政诉讼（土地征收）", "代理县政府行政诉讼（信息公开）",
                                "代理县政府行政诉讼（行政协议）", "代理县政府行政诉讼（房屋拆迁）"][i % 4],
                         case_number=number))
    n = OPINIONS - len(ITEMS)  # the 11 decisions' legality reviews are logged by the service
    subjects = [("contract", CONTRACTS), ("normdoc", NORMDOCS), ("petition", PETITIONS), ("legal_affair", AFFAIRS)]
    for i in range(n):
        kind, names = subjects[0] if i % 2 == 0 else subjects[1 + i % 3]
        ref = names[i % len(names)]
        rows.append(dict(adviser=advisers[i % len(advisers)], kind="opinion", on=_day(i, n), subject_kind=kind,
                         subject_ref=ref, title=f"对“{ref}”出具合法性审核意见",
                         content="经审查，提出修改意见，修改后合法。" if i % 3 else "经审查，合法。"))
    return rows


@transaction.atomic
def load() -> str:
    gov = Organization.objects.filter(name=GOV, kind="government").first()
    if gov is None:
        return "未找到同心县人民政府，请先载入示范县"
    if Catalog.objects.filter(organization=gov, year=YEAR).exists():
        return "已存在"
    advisers = [sv.adviser_create(actor=None, organization=gov, name=n, kind=k, employer=e, license_no=lic,
                                  contract_no=c, term_start=D(YEAR, 1, 1), term_end=D(YEAR + 1, 12, 31))
                for n, k, e, lic, c in ADVISERS]
    catalog = sv.catalog_create(actor=None, organization=gov, year=YEAR, title=f"同心县{YEAR}年重大决策事项目录")
    items = []
    for spec in ITEMS:
        title, category, unit, start, _, _ = spec
        items.append(sv.catalog_item_add(actor=None, catalog=catalog, title=title, category=category,
                                         deciding_organ=GOV, undertaking_unit=unit, planned_start=start,
                                         planned_finish=start + datetime.timedelta(days=150)))
    sv.catalog_publish(actor=None, catalog=catalog, party_approved_on=D(YEAR, 2, 22), published_on=D(YEAR, 2, 26))
    for k, (item, spec) in enumerate(zip(items, ITEMS)):
        _walk(gov, catalog, item, spec, advisers, k)
    n = sv.adviser_work_bulk_load(organization=gov, rows=_work_rows(advisers))
    return f"已载入：目录事项 {len(items)} 项（全部完成法定程序并向县人大常委会备案），法律顾问名册 {len(advisers)} 人，工作记录 {n + len(items)} 条"
