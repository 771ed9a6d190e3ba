"""The national deadline rules, as data. Seeded by migration core/0002_seed_deadline_rules.

Each rule: ``code`` (stable, used by modules and the CLI), Chinese ``name``, ``legal_basis``
(law + article), ``count`` + ``unit``, ``start_event`` (the day NOT counted: day 1 is the next day),
``roll_forward`` (a last day on a rest day moves to the next working day), ``verification``
(V = article text read; V2 = seen quoted in a secondary source; U = unverified, configurable)
and ``province_configurable`` (an admin may change ``count``; ``national_default`` keeps the
number below).

Choices on roll-forward:
- Periods of 行政诉讼 and 行政复议 follow 民事诉讼法 第八十五条 (行政诉讼法 第一百零一条, 行政复议法
  第八十八条): calendar and month periods roll forward.
- Periods that run against the public (payment, applications) roll forward too (民法典 第二百零三条),
  so an agency never treats a party as late on a day it could not act.
- Time limits an agency sets for itself with no reference to 民事诉讼法 (e.g. 行政处罚法 第六十条) do
  not roll forward: the software warns on the earliest reading.
- Working-day periods always end on a working day.

Rules counted back from a future event (e.g. "听证七日前通知") are not here: they are not
deadlines that run from an event, and modules check them as guards.

Annual due dates use a fixed start: "12月31日" (the last day of the reported year) + 1 month =
1月31日, + 3 months = 3月31日; "1月1日" of the reporting year + 2 months = 3月1日, + 3 months = 4月1日.
"""
from __future__ import annotations

CAL = "calendar_days"
WD = "working_days"
MON = "months"
YR = "years"

# Law names used in legal_basis strings.
CFF = "《中华人民共和国行政处罚法》"
QZF = "《中华人民共和国行政强制法》"
FYF = "《中华人民共和国行政复议法》"
SSF = "《中华人民共和国行政诉讼法》"
JCTL = "《重大行政决策程序暂行条例》"
GKTL = "《中华人民共和国政府信息公开条例》"
YSHJ = "《优化营商环境条例》"
FYZ = "《中华人民共和国法律援助法》"
TJF = "《中华人民共和国人民调解法》"
SXZD = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）"
HFXSC = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"
DCGD = "《法治政府建设与责任落实督察工作规定》"
SJGS = "《市场监督管理行政处罚信息公示规定》（国家市场监督管理总局令第45号）"


def _r(code, name, basis, count, unit, start, *, roll=False, v="V", configurable=False, warn=3, notes=""):
    return {
        "code": code, "name": name, "legal_basis": basis, "count": count, "unit": unit,
        "start_event": start, "roll_forward": roll, "verification": v,
        "province_configurable": configurable, "warn_working_days": warn, "notes": notes,
    }


RULES: list[dict] = [
    # ---- 1. 行政处罚法 (2021) -------------------------------------------------------------------
    _r("penalty.decision", "行政处罚决定期限", f"{CFF}第六十条", 90, CAL, "行政处罚案件立案之日",
       warn=10, notes="法律、法规、规章另有规定的，从其规定（如行业程序规定的延长）。机关自身期限，末日不顺延。"),
    _r("penalty.hearing_request", "当事人要求听证期限", f"{CFF}第六十四条第一项、第八十五条", 5, WD,
       "行政机关告知听证权利之日", roll=True, notes="第八十五条：“五日”指工作日。"),
    _r("penalty.service", "行政处罚决定书送达期限（当事人不在场）", f"{CFF}第六十一条、第八十五条", 7, WD,
       "行政处罚决定宣告之日"),
    _r("penalty.payment", "缴纳罚款期限", f"{CFF}第六十七条第三款", 15, CAL, "当事人收到行政处罚决定书之日",
       roll=True, notes="自然日；逾期按第七十二条每日加处百分之三罚款。末日遇休息日顺延（民法典第二百零三条）。"),
    _r("penalty.withdraw_publication", "撤回已公开行政处罚决定信息期限", f"{CFF}第四十八条第二款、第八十五条", 3, WD,
       "行政处罚决定被变更、撤销、确认违法或者确认无效之日", warn=1),
    _r("penalty.preservation_decision", "先行登记保存后作出处理决定期限", f"{CFF}第五十六条、第八十五条", 7, WD,
       "先行登记保存之日", warn=2),
    _r("penalty.fine_handover", "当场收缴罚款交至行政机关期限", f"{CFF}第七十一条、第八十五条", 2, WD,
       "当场收缴罚款之日（水上为抵岸之日）", warn=1),
    _r("penalty.fine_deposit", "行政机关将罚款缴付指定银行期限", f"{CFF}第七十一条、第八十五条", 2, WD,
       "行政机关收到罚款之日", warn=1),
    _r("penalty.limitation", "行政处罚追责时效", f"{CFF}第三十六条第一款", 2, YR,
       "违法行为发生之日（连续或者继续状态的，为行为终了之日）", warn=20,
       notes="二年内未被发现的，不再给予行政处罚。"),
    _r("penalty.limitation_extended", "行政处罚追责时效（涉及生命健康安全、金融安全且有危害后果）",
       f"{CFF}第三十六条第一款", 5, YR, "违法行为发生之日（连续或者继续状态的，为行为终了之日）", warn=20),
    # ---- 行政强制法 (2011) --------------------------------------------------------------------
    _r("coercion.surcharge_period", "加处罚款超过三十日后可强制执行", f"{QZF}第四十六条第一款", 30, CAL,
       "开始加处罚款或者滞纳金之日", notes="经催告当事人仍不履行的，具有强制执行权的行政机关可以强制执行。"),
    _r("coercion.reminder", "催告书送达后申请法院强制执行的等待期", f"{QZF}第五十四条、第六十九条", 10, WD,
       "催告书送达之日", notes="催告书送达十日后当事人仍未履行义务的，方可申请；十日以内期限指工作日（第六十九条）。"),
    _r("coercion.court_application", "申请人民法院强制执行期限", f"{QZF}第五十三条", 3, MON,
       "当事人法定起诉期限届满之日", roll=True, warn=10,
       notes="起算点依《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百五十六条。"),
    # ---- 2. 行政复议法 (2023) -------------------------------------------------------------------
    _r("review.application", "申请行政复议期限", f"{FYF}第二十条第一款", 60, CAL, "知道或者应当知道该行政行为之日",
       roll=True, warn=10, notes="法律规定的申请期限超过六十日的除外。"),
    _r("review.application_max", "未告知复议权利时申请复议的最长期限", f"{FYF}第二十条第三款", 1, YR,
       "知道或者应当知道行政行为内容之日", roll=True, warn=10),
    _r("review.acceptance", "行政复议受理审查期限", f"{FYF}第三十条、第八十八条", 5, WD, "收到行政复议申请之日",
       warn=2, notes="期满未作出不予受理决定的，视为受理。"),
    _r("review.correction_notice", "通知补正行政复议申请期限", f"{FYF}第三十一条第一款、第八十八条", 5, WD,
       "收到行政复议申请之日", warn=2, notes="一次性载明需要补正的事项。"),
    _r("review.correction_supply", "申请人补正材料期限", f"{FYF}第三十一条第二款、第八十八条", 10, WD,
       "申请人收到补正通知之日", notes="无正当理由逾期不补正的，视为放弃行政复议申请。"),
    _r("review.forward", "原行政机关转送行政复议申请期限", f"{FYF}第三十二条、第八十八条", 5, WD,
       "原行政机关收到行政复议申请之日", warn=2),
    _r("review.copy", "发送行政复议申请书副本期限", f"{FYF}第四十八条、第八十八条", 7, WD,
       "行政复议申请受理之日", warn=2),
    _r("review.reply", "被申请人提出书面答复期限", f"{FYF}第四十八条、第八十八条", 10, WD,
       "被申请人收到申请书副本或者申请笔录复印件之日",
       notes="逾期未答复、未提交证据依据的，视为没有证据、依据（第七十条）。"),
    _r("review.decision", "行政复议决定期限（普通程序）", f"{FYF}第六十二条第一款", 60, CAL,
       "受理申请之日（含视为受理）", roll=True, warn=10, notes="法律规定的期限少于六十日的除外。"),
    _r("review.decision_extension", "行政复议决定延长期限（最长）", f"{FYF}第六十二条第一款", 30, CAL,
       "原审理期限届满之日", roll=True, warn=5, notes="经行政复议机构负责人批准，书面告知当事人；最多不超过三十日。"),
    _r("review.decision_simple", "行政复议决定期限（简易程序）", f"{FYF}第六十二条第二款", 30, CAL,
       "受理申请之日（含视为受理）", roll=True, warn=5),
    _r("review.simple_copy", "简易程序发送申请书副本期限", f"{FYF}第五十四条、第八十八条", 3, WD,
       "行政复议申请受理之日", warn=1),
    _r("review.simple_reply", "简易程序被申请人答复期限", f"{FYF}第五十四条、第八十八条", 5, WD,
       "被申请人收到申请书副本或者申请笔录复印件之日", warn=2),
    _r("review.incidental_handle", "规范性文件附带审查处理期限（有权处理）", f"{FYF}第五十六条、第五十七条", 30, CAL,
       "收到附带审查申请之日（或者认为依据不合法之日）", roll=True),
    _r("review.incidental_forward", "规范性文件附带审查转送期限（无权处理）", f"{FYF}第五十六条、第五十七条、第八十八条", 7, WD,
       "行政复议机关收到附带审查申请之日", warn=2),
    _r("review.incidental_reply", "规范性文件制定机关书面答复期限", f"{FYF}第五十八条第一款、第八十八条", 10, WD,
       "制定机关收到书面通知之日"),
    _r("review.incidental_receiving", "接受转送机关处理附带审查期限", f"{FYF}第六十条", 60, CAL,
       "接受转送的行政机关、国家机关收到转送之日", roll=True, warn=10),
    _r("review.opinion_report", "行政复议意见书落实情况报告期限", f"{FYF}第七十六条", 60, CAL,
       "收到行政复议意见书之日", roll=True, warn=10),
    _r("review.sue_after", "复议前置案件起诉期限", f"{FYF}第三十四条", 15, CAL,
       "收到不予受理决定书、驳回申请决定书或者行政复议决定书之日（或者期限届满之日）", roll=True, warn=5),
    # ---- 3. 行政诉讼法 (2017) -------------------------------------------------------------------
    _r("litigation.answer", "行政应诉答辩及提交证据期限", f"{SSF}第六十七条第一款", 15, CAL, "收到起诉状副本之日",
       roll=True, warn=5, notes="提交作出行政行为的证据和所依据的规范性文件，并提出答辩状；期间计算适用民事诉讼法（第一百零一条）。"),
    _r("litigation.sue_after_review", "经复议后起诉期限", f"{SSF}第四十五条", 15, CAL,
       "收到复议决定书之日（复议机关逾期不作决定的，为复议期满之日）", roll=True, warn=5),
    _r("litigation.sue_direct", "直接向人民法院起诉期限", f"{SSF}第四十六条第一款", 6, MON,
       "知道或者应当知道作出行政行为之日", roll=True, warn=10),
    _r("litigation.appeal_judgment", "不服一审判决上诉期限", f"{SSF}第八十五条", 15, CAL, "判决书送达之日",
       roll=True, warn=5),
    _r("litigation.appeal_ruling", "不服一审裁定上诉期限", f"{SSF}第八十五条", 10, CAL, "裁定书送达之日",
       roll=True, warn=3),
    _r("litigation.first_instance", "第一审普通程序审结期限", f"{SSF}第八十一条", 6, MON, "人民法院立案之日",
       roll=True, warn=10, notes="人民法院的审限，供跟踪；有特殊情况经批准可以延长。"),
    _r("litigation.simple", "简易程序审结期限", f"{SSF}第八十三条", 45, CAL, "人民法院立案之日", roll=True, warn=5),
    # ---- 4. 重大行政决策程序暂行条例 -------------------------------------------------------------
    _r("decision.public_comment", "重大行政决策公开征求意见期限（一般不少于）", f"{JCTL}第十五条", 30, CAL,
       "公布决策草案征求意见之日", warn=3,
       notes="最短期限：届满日之前不得结束征求意见；因情况紧急缩短的，应当在征求意见时说明。"),
    _r("decision.legality_review", "重大行政决策合法性审查时间（一般不少于）", f"{JCTL}第二十六条第二款", 7, WD,
       "送请合法性审查之日", warn=2, notes="最短期限：应当保证必要的审查时间。"),
    # ---- 5. 行政规范性文件 ------------------------------------------------------------------------
    _r("normdoc.filing", "行政规范性文件报送备案期限", "省级行政规范性文件备案规定（示例：自公布之日起30日内）", 30, CAL,
       "行政规范性文件公布之日", v="U", configurable=True, warn=5,
       notes="全国无统一期限，由省级规定。30日见于地方规章（转引），另有“印发之日起3个工作日内”“15个工作日”等做法；"
             "宁夏的规定未核实，请按本省规定修改。"),
    _r("normdoc.legality_review_min", "行政规范性文件合法性审核时间（一般不少于）", f"{HFXSC}二（五）", 5, WD,
       "送审之日", warn=1, notes="最短期限。突发事件或者执行上级紧急命令的除外。"),
    _r("normdoc.legality_review_max", "行政规范性文件合法性审核时间（最长）", f"{HFXSC}二（五）", 15, WD,
       "送审之日", warn=3),
    _r("normdoc.public_comment", "行政规范性文件公开征求意见期限（一般不少于）",
       "《市县法治政府建设示范指标体系》（2021年版）第24项", 7, WD, "公开征求意见之日", v="V2", configurable=True,
       warn=2, notes="最短期限；与市场主体生产经营活动密切相关的，一般不少于30日（见 normdoc.public_comment_market）。"),
    _r("normdoc.public_comment_market", "涉市场主体行政规范性文件公开征求意见期限（一般不少于）",
       f"{YSHJ}第六十二条第二款", 30, CAL, "公开征求意见之日", warn=3, notes="最短期限。"),
    _r("normdoc.validity", "行政规范性文件有效期（一般不超过）", "省级行政规范性文件管理规定（常见做法）", 5, YR,
       "行政规范性文件施行之日", v="U", configurable=True, warn=60,
       notes="全国无统一规定；暂行、试行文件常见不超过2年。请按本省规定修改。"),
    # ---- 6. 行政执法公示 / 双公示 -------------------------------------------------------------------
    _r("publicity.enforcement_decision", "行政执法决定信息公示期限", f"{SXZD}（六）", 20, WD, "执法决定作出之日",
       warn=5),
    _r("publicity.double", "双公示：行政许可、行政处罚决定信息公开期限", f"{SXZD}（六）", 7, WD, "执法决定作出之日",
       warn=2, notes="法律、行政法规另有规定的除外。"),
    _r("publicity.samr_penalty", "市场监管行政处罚信息公示期限（国家企业信用信息公示系统）", f"{SJGS}第九条", 20, WD,
       "作出行政处罚决定之日", warn=5, notes="仅受到警告行政处罚的不予公示。"),
    _r("publicity.samr_withdraw", "撤回市场监管行政处罚公示信息期限", f"{SJGS}第十一条", 3, WD,
       "行政处罚决定被变更、撤销、确认违法或者确认无效之日", warn=1),
    _r("publicity.enforcement_annual_data", "公开上年度行政执法总体情况数据", f"{SXZD}（六）", 1, MON,
       "上一年度12月31日", warn=10, notes="每年1月31日前公开，并报本级人民政府和上级主管部门。"),
    # ---- 7. 政府信息公开条例 (2019) ---------------------------------------------------------------
    _r("disclosure.reply", "依申请公开答复期限", f"{GKTL}第三十三条第二款", 20, WD, "收到申请之日",
       warn=5, notes="征求第三方和其他机关意见所需时间不计算在内（以中止期间登记）。"),
    _r("disclosure.reply_extension", "依申请公开延长答复期限（最长）", f"{GKTL}第三十三条第二款", 20, WD,
       "原答复期限届满之日", warn=5, notes="经政府信息公开工作机构负责人同意并告知申请人。"),
    _r("disclosure.correction_notice", "一次性告知补正申请期限", f"{GKTL}第三十条", 7, WD, "收到申请之日", warn=2,
       notes="答复期限自收到补正的申请之日起计算。"),
    _r("disclosure.third_party", "第三方提出意见期限", f"{GKTL}第三十二条", 15, WD, "第三方收到征求意见书之日"),
    _r("disclosure.joint_consult", "被征求意见机关提出意见期限", f"{GKTL}第三十四条", 15, WD,
       "被征求意见机关收到征求意见书之日", notes="逾期未提出意见的视为同意公开。"),
    _r("disclosure.proactive", "主动公开政府信息期限", f"{GKTL}第二十六条", 20, WD, "政府信息形成或者变更之日",
       warn=5),
    _r("disclosure.annual_report_dept", "部门政府信息公开工作年度报告提交并公布", f"{GKTL}第四十九条", 1, MON,
       "上一年度12月31日", warn=10, notes="每年1月31日前。"),
    _r("disclosure.annual_report_gov", "本级政府政府信息公开工作年度报告公布", f"{GKTL}第四十九条", 3, MON,
       "上一年度12月31日", warn=10, notes="每年3月31日前。"),
    # ---- 8. 法治政府建设年度报告 ---------------------------------------------------------------------
    _r("report.submit", "法治政府建设年度报告报送", DCGD, 2, MON, "报告年度次年1月1日", v="V2", warn=10,
       notes="“每年3月1日之前”报告上一年度法治政府建设情况（按3月1日届满计）；条文序号未核实。"),
    _r("report.publish", "法治政府建设年度报告向社会公开", f"{DCGD}第二十四条", 3, MON, "报告年度次年1月1日",
       v="V2", warn=10, notes="“每年4月1日之前”通过报刊、网站等向社会公开（按4月1日届满计）。"),
    # ---- 9. 法律援助法 (2021) ---------------------------------------------------------------------
    _r("legalaid.review", "法律援助申请审查决定期限", f"{FYZ}第四十三条第一款", 7, CAL, "收到法律援助申请之日",
       v="U", configurable=True, warn=2,
       notes="期限数字已核对条文；“日”是否为工作日未核实（2012年程序规定为工作日），暂按自然日（较严）。"),
    _r("legalaid.assign", "决定给予法律援助后指派期限", f"{FYZ}第四十三条第一款", 3, CAL, "作出给予法律援助决定之日",
       v="U", configurable=True, warn=1, notes="“日”的类型未核实，暂按自然日。"),
    _r("legalaid.criminal_assign", "刑事通知辩护指派律师期限", f"{FYZ}第三十六条", 3, CAL,
       "法律援助机构收到通知之日", v="U", configurable=True, warn=1, notes="“日”的类型未核实，暂按自然日。"),
    _r("legalaid.objection", "法律援助异议审查期限", f"{FYZ}第四十九条第二款", 5, CAL, "司法行政部门收到异议之日",
       v="U", configurable=True, warn=2, notes="“日”的类型未核实，暂按自然日。"),
    # ---- 10. 人民调解 -----------------------------------------------------------------------------
    _r("mediation.judicial_confirmation", "调解协议申请司法确认期限", f"{TJF}第三十三条", 30, CAL,
       "调解协议生效之日", roll=True, warn=5, notes="双方当事人共同向人民法院申请。"),
    _r("mediation.settle", "人民调解一般调结期限", "《人民调解工作若干规定》（司法部令第75号）第三十三条", 1, MON,
       "受理调解之日", v="V2", configurable=True, warn=5, notes="“一般在一个月内调结”；部分地方经当事人同意可以延长。"),
]
