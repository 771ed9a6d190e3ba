"""同心县 2021: the records behind section 一(五) of the seed report (figures.md).

The seed: the county cleaned up its documents against the region's 11 criteria, screening 20,984
documents issued since 1983; it reviewed 260 policy and 122 normative documents, repealing 158,
declaring 76 expired, amending 29 and keeping 119; since 2020 it issued 15 normative documents through
评估论证、公开征求意见、合法性审核、集体审议 with 统一登记、统一编号、统一印发, publication and filing.

The 11 criteria below paraphrase common regional cleanup standards (illustrative: the region's text
was not available). Titles, texts, dates and numbers of the corpus are generated (plausible, not from a
source); some cite real laws of the shipped catalog, some come from agencies abolished in the 2019
reform, so the automatic pre-screening has something to find. The 15 documents go through the real
services (actor=None); the corpus is bulk-created (with its simhash fingerprints) and bulk-indexed.
"""
from __future__ import annotations

import datetime
import random

from django.db import transaction

from fazhi.core import search
from fazhi.core.choices import Role
from fazhi.core.models import Membership, Organization
from fazhi.normdocs import screening
from fazhi.normdocs import services as sv
from fazhi.normdocs.models import Campaign, CorpusDoc, NormDoc

D = datetime.date
GOV = "同心县人民政府"
CAMPAIGN_TITLE = "同心县2021年行政规范性文件清理"
SCREENED = 20984
# (class, outcome) → count: 260 policy + 122 normative = 382; 158 repealed, 76 expired, 29 amended, 119 kept.
REVIEWED = {("policy", "repeal"): 108, ("policy", "expire"): 52, ("policy", "amend"): 18, ("policy", "keep"): 82,
            ("normative", "repeal"): 50, ("normative", "expire"): 24, ("normative", "amend"): 11, ("normative", "keep"): 37}

CRITERIA = [
    ("与宪法、法律、行政法规和国家政策相抵触的", "repeal"),
    ("所依据的法律、法规、规章已经废止或者修改，文件内容与之不一致的", "amend"),
    ("违法设定行政许可、行政处罚、行政强制、行政征收、行政收费等事项的", "repeal"),
    ("没有法律、法规依据减损公民、法人和其他组织合法权益或者增加其义务的", "repeal"),
    ("排除、限制公平竞争，妨碍统一市场和公平竞争的", "amend"),
    ("适用期已过或者调整对象已经消失，实际上已经失效的", "expire"),
    ("制定机关因机构改革撤销或者职能调整，文件需要作出相应调整的", "amend"),
    ("同一事项规定不一致或者已被新文件代替的", "repeal"),
    ("不符合优化营商环境要求、不利于“放管服”改革的", "amend"),
    ("未按规定程序制定或者未向社会公开发布的", "expire"),
    ("内容符合法律法规和国家政策、需要继续执行的", "keep"),
]

ISSUERS = ["同心县人民政府", "同心县人民政府办公室", "同心县工商行政管理局", "同心县质量技术监督局", "同心县食品药品监督管理局",
           "同心县国土资源局", "同心县环境保护局", "同心县卫生和计划生育局", "同心县农牧局", "同心县发展和改革局",
           "同心县教育局", "同心县民政局", "同心县财政局", "同心县住房和城乡建设局", "同心县交通运输局", "同心县水务局",
           "同心县人力资源和社会保障局", "同心县司法局", "同心县市场监督管理局", "同心县自然资源局"]
TOPICS = ["城区养犬管理", "农村宅基地审批", "城乡居民最低生活保障", "集贸市场管理", "食品小作坊登记", "建设工程招标投标",
          "个体工商户登记", "农村土地承包经营权流转", "城区占道经营治理", "安全生产责任制", "校车安全管理",
          "城镇职工医疗保险", "农村饮水安全工程", "城市绿化管理", "建筑垃圾处置", "畜禽养殖污染防治", "国有资产处置",
          "政府采购管理", "行政执法责任制", "行政事业性收费管理", "计划生育奖励扶助", "扶贫项目资金管理", "枸杞产业发展",
          "滩羊养殖补贴", "中小企业融资担保", "城区供热管理", "出租车经营权管理", "殡葬改革", "森林防火", "行政处罚裁量基准"]
KINDS = ["通知", "意见", "办法", "规定", "实施方案", "暂行办法", "实施细则", "决定"]
CITED = ["中华人民共和国行政处罚法", "中华人民共和国食品安全法", "中华人民共和国安全生产法", "中华人民共和国土地管理法",
         "社会抚养费征收管理办法", "公司登记管理条例", "流动人口计划生育工作条例", "中华人民共和国环境保护法",
         "中华人民共和国行政许可法", "契税暂行条例", "中华人民共和国畜牧法", "城市市容和环境卫生管理条例"]
SENTENCES = [
    "为进一步加强{t}工作，规范管理行为，维护公民、法人和其他组织的合法权益，结合本县实际，制定本{k}。",
    "各乡镇人民政府、县直各部门要充分认识{t}工作的重要性，加强组织领导，明确工作责任。",
    "县{a}负责全县{t}的监督管理工作，其他有关部门按照各自职责做好相关工作。",
    "对违反本{k}规定的，由有关行政执法部门依法予以处罚；构成犯罪的，依法追究刑事责任。",
    "{t}所需经费列入县级财政预算，专款专用，任何单位和个人不得截留、挤占、挪用。",
    "建立{t}工作考核制度，考核结果纳入年度目标责任考核。",
    "本{k}自印发之日起施行，由县{a}负责解释。",
]

PLACES = ["豫海镇", "丁塘镇", "河西镇", "韦州镇", "下马关镇", "预旺镇", "王团镇", "田老庄乡", "马高庄乡", "张家塬乡",
          "兴隆乡", "石狮管委会", "南关村", "西关村", "东关村", "新区社区", "城北社区", "窑山村", "杨家河村", "喊叫水村"]
STEPS = ["摸底登记", "资金拨付", "验收考核", "公示公告", "信息录入", "档案整理", "检查评估"]

# The 15 documents issued since 2020 (title, drafting department key, market actors?)
ISSUED = [
    ("同心县城区养犬管理办法", "同心县公安局", False), ("同心县农村宅基地管理办法", "同心县自然资源局", False),
    ("同心县城乡居民最低生活保障实施细则", "同心县民政局", False), ("同心县招商引资优惠政策若干规定", "同心县工业信息化和商务局", True),
    ("同心县城市市容和环境卫生管理办法", "同心县住房和城乡建设局", False), ("同心县行政执法公示办法", "同心县司法局", False),
    ("同心县重大行政执法决定法制审核办法", "同心县司法局", False), ("同心县政府投资项目管理办法", "同心县发展和改革局", True),
    ("同心县农村集体经济组织资产管理办法", "同心县农业农村局", False), ("同心县城区集中供热管理办法", "同心县住房和城乡建设局", True),
    ("同心县滩羊产业发展扶持办法", "同心县农业农村局", True), ("同心县建筑垃圾管理办法", "同心县住房和城乡建设局", False),
    ("同心县城区公共停车场收费管理办法", "同心县交通运输局", True), ("同心县政府购买服务管理办法", "同心县财政局", True),
    ("同心县行政规范性文件管理办法", "同心县司法局", False),
]


def _org(name: str) -> Organization:
    return Organization.objects.filter(name=name).first()


def _reviewer():
    m = Membership.objects.filter(role=Role.REVIEWER, organization__name="同心县司法局").select_related("user").first()
    return m.user if m else None


def _issue_documents(gov: Organization, reviewer) -> None:
    for i, (title, dept, market) in enumerate(ISSUED):
        org = _org(dept) or gov
        start = D(2020, 2, 3) + datetime.timedelta(days=40 * i)
        text = "\n".join(f"第{n}条 " + s.format(t=title.removeprefix("同心县").removesuffix("办法").removesuffix("规定"),
                                                  k="办法", a=dept.removeprefix("同心县"))
                         for n, s in enumerate(SENTENCES[:4] + SENTENCES[6:], start=1))
        basis = "《中华人民共和国行政处罚法》《优化营商环境条例》" if market else "《中华人民共和国行政处罚法》"
        d = sv.normdoc_create(actor=None, organization=org, title=title, issuer=GOV, drafted_on=start,
                              legal_basis=basis, text=text, concerns_market=market)
        sv.normdoc_evaluate_draft(actor=None, doc=d, on=start + datetime.timedelta(days=7),
                                  summary="对制发的必要性、可行性和合法性进行了评估论证。")
        opens = start + datetime.timedelta(days=10)
        sv.normdoc_open_comment(actor=None, doc=d, opens_on=opens)
        closed = d.comment_min_close_on + datetime.timedelta(days=2)
        sv.normdoc_submit_legality(actor=None, doc=d, closed_on=closed, summary=f"收到意见{3 + i % 5}条，采纳{1 + i % 3}条。",
                                   submitted_on=closed)
        reviewed = d.legality_earliest_on + datetime.timedelta(days=3)
        sv.normdoc_conclude_legality(actor=None, doc=d, on=reviewed, reviewer=reviewer,
                                     opinion="制定主体合法，未超越法定职权，内容不违反上位法，程序符合规定。",
                                     conclusion="lawful" if i % 4 else "revise")
        decided = reviewed + datetime.timedelta(days=5)
        sv.normdoc_deliberate(actor=None, doc=d, on=decided, meeting=f"县人民政府第{5 + i}次常务会议",
                              doc_number=f"同政发〔{decided.year}〕{10 + i * 3}号", printed_on=decided + datetime.timedelta(days=2))
        published = decided + datetime.timedelta(days=4)
        sv.normdoc_publish(actor=None, doc=d, on=published, channel="同心县人民政府网站、《同心县人民政府公报》",
                           effective_on=published + datetime.timedelta(days=30))
        sv.normdoc_file(actor=None, doc=d, gov_on=published + datetime.timedelta(days=12), gov_ref=f"吴政规备〔{published.year}〕{i + 1}号",
                        npc_on=published + datetime.timedelta(days=14), npc_ref=f"同人常备〔{published.year}〕{i + 1}号")
        if d.effective_on <= D(2021, 12, 31):
            sv.normdoc_enter_force(actor=None, doc=d, on=d.effective_on)


def generate_corpus(campaign: Campaign, n: int, rng: random.Random, reviewed: dict | None = None,
                    reviewer=None) -> list[CorpusDoc]:
    """``n`` plausible corpus documents (unsaved), the first ones carrying the given reviewed outcomes."""
    criteria = list(campaign.criteria.all())
    by_suggestion = {}
    for c in criteria:
        by_suggestion.setdefault(c.suggests, []).append(c)
    plan = [k for k, cnt in (reviewed or {}).items() for _ in range(cnt)]
    docs = []
    seqs: dict[tuple[str, int], int] = {}
    span = (D(2021, 6, 30) - D(campaign.corpus_since, 1, 1)).days
    for i in range(n):
        issuer = ISSUERS[rng.randrange(len(ISSUERS))]
        topic = TOPICS[rng.randrange(len(TOPICS))]
        kind = KINDS[rng.randrange(len(KINDS))]
        issued = D(campaign.corpus_since, 1, 1) + datetime.timedelta(days=int(span * (rng.random() ** 0.6)))
        agency = issuer.removeprefix("同心县")
        sentences = rng.sample(SENTENCES, 3)
        text = "".join(s.format(t=topic, k=kind, a=agency) for s in sentences)
        text += (f"{issued.year}年度安排{PLACES[rng.randrange(len(PLACES))]}等{rng.randint(2, 60)}个村（社区）试点，"
                 f"补助标准为每户{rng.randint(2, 90) * 100}元，{PLACES[rng.randrange(len(PLACES))]}"
                 f"于{rng.randint(1, 12)}月{rng.randint(1, 28)}日前完成{rng.choice(STEPS)}。")
        if i % 2000 == 1 and docs:  # a re-issued copy of an earlier document (near-duplicate text)
            text = docs[-1].text.replace("。", "；", 1)
        if rng.random() < 0.08:
            text += f"依据《{CITED[rng.randrange(len(CITED))]}》等有关规定执行。"
        short = "同政发" if issuer == "同心县人民政府" else ("同政办发" if issuer.endswith("办公室") else f"同{agency[:2]}发")
        seqs[(short, issued.year)] = seqs.get((short, issued.year), 0) + 1
        d = CorpusDoc(organization=campaign.organization, campaign=campaign, title=f"{issuer}关于{topic}的{kind}",
                      issuer=issuer, doc_number=f"{short}〔{issued.year}〕{seqs[(short, issued.year)]}号", issued_on=issued,
                      text=text, published=rng.random() > 0.02,
                      expires_on=sv.add_years(issued, 5) if issued.year >= 2010 and rng.random() < 0.3 else None,
                      source="档案室", fingerprint=screening.simhash(text))
        if i < len(plan):
            doc_class, outcome = plan[i]
            crit = rng.choice(by_suggestion.get(outcome) or criteria) if criteria else None
            d.doc_class, d.outcome, d.criterion = doc_class, outcome, crit
            d.outcome_reason = (crit.text if crit else "经审查")[:300]
            d.reviewer, d.reviewed_on = reviewer, D(2021, 9, 1) + datetime.timedelta(days=i % 60)
        docs.append(d)
    return docs


@transaction.atomic
def load() -> str:
    if Campaign.objects.filter(title=CAMPAIGN_TITLE).exists():
        return "已存在"
    gov = _org(GOV)
    if gov is None:
        return "未找到同心县人民政府，请先载入示范县"
    reviewer = _reviewer()
    _issue_documents(gov, reviewer)
    c = sv.campaign_create(actor=None, organization=gov, year=2021, title=CAMPAIGN_TITLE, corpus_since=1983,
                           basis="自治区人民政府办公厅关于开展行政规范性文件清理工作的通知（示例）",
                           started_on=D(2021, 5, 10), finished_on=D(2021, 11, 30))
    for text, suggests in CRITERIA:
        sv.criterion_add(actor=None, campaign=c, text=text, suggests=suggests)
    c.results_published_on = D(2021, 12, 15)
    c.save(update_fields=["results_published_on"])
    docs = CorpusDoc.objects.bulk_create(generate_corpus(c, SCREENED, random.Random(2021), REVIEWED, reviewer),
                                         batch_size=2000)
    if not all(d.pk for d in docs):
        docs = list(CorpusDoc.objects.filter(campaign=c))
    search.index((sv.corpus_entry(d) for d in docs), batch=2000)
    sv.screen_campaign(actor=None, campaign=c)
    return f"已载入：规范性文件 {NormDoc.objects.filter(organization__isnull=False).count()} 件，清理文件库 {len(docs)} 件"
