"""Deadline rules of the 2017 行政复议法, for applications received before 2024-01-01.

The 2023 revision's rules are national rules in ``fazhi/core/deadline_rules.py`` (``review.*``). The
2017 law differs on the day type: its art. 40 makes only "五日" and "七日" working days, so the
respondent's 10-day reply period (art. 23) is a CALENDAR period, whereas 2023 art. 88 makes the
10-day reply period working days. Seeded by migration disputes/0002_review2017_rules.
"""
from __future__ import annotations

FYF2017 = "《中华人民共和国行政复议法》（2017年修正）"
SSTL = "《中华人民共和国行政复议法实施条例》"
CAL = "calendar_days"
WD = "working_days"


def _r(code, name, basis, count, unit, start, *, roll=False, v="V", warn=3, notes=""):
    return {"code": code, "name": name, "legal_basis": basis, "count": count, "unit": unit, "start_event": start,
            "roll_forward": roll, "verification": v, "province_configurable": False, "warn_working_days": warn,
            "notes": notes}


RULES: list[dict] = [
    _r("review2017.application", "申请行政复议期限（2017年法）", f"{FYF2017}第九条第一款", 60, CAL,
       "知道该具体行政行为之日", roll=True, warn=10, notes="法律规定的申请期限超过六十日的除外。"),
    _r("review2017.acceptance", "行政复议受理审查期限（2017年法）", f"{FYF2017}第十七条、第四十条", 5, WD,
       "收到行政复议申请之日", warn=2,
       notes="期内未决定不予受理的，申请自法制工作机构收到之日起即为受理（第十七条第二款）。"),
    _r("review2017.correction_notice", "通知补正行政复议申请期限（2017年法）", f"{SSTL}第二十九条", 5, WD,
       "收到行政复议申请之日", v="U", warn=2,
       notes="条例写“5日内”；按复议法第四十条计为工作日（未核实）。补正期限由补正通知载明；补正用时不计入审理期限。"),
    _r("review2017.copy", "发送行政复议申请书副本期限（2017年法）", f"{FYF2017}第二十三条第一款、第四十条", 7, WD,
       "行政复议申请受理之日", warn=2),
    _r("review2017.reply", "被申请人提出书面答复期限（2017年法）", f"{FYF2017}第二十三条第一款、第四十条", 10, CAL,
       "被申请人收到申请书副本或者申请笔录复印件之日", roll=True,
       notes="第四十条只规定“五日”“七日”为工作日，十日为自然日（2023年修订第八十八条改为工作日）。"
             "逾期未答复的，视为没有证据、依据，决定撤销（第二十八条第一款第四项）。"),
    _r("review2017.decision", "行政复议决定期限（2017年法）", f"{FYF2017}第三十一条第一款", 60, CAL,
       "受理申请之日", roll=True, warn=10),
    _r("review2017.decision_extension", "行政复议决定延长期限（2017年法，最长）", f"{FYF2017}第三十一条第一款", 30, CAL,
       "原审理期限届满之日", roll=True, warn=5, notes="经行政复议机关的负责人批准；延长期限最多不超过三十日。"),
]
