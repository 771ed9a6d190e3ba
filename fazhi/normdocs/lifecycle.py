"""The lifecycle overview of one 规范性文件, in procedural order, each step with its basis (detail page)."""
from __future__ import annotations

from fazhi.normdocs.choices import DocState as S

N37 = "国办发〔2018〕37号"
N115 = "国办发〔2018〕115号"


def lifecycle_steps(d) -> list[dict]:
    def st(done, current):
        return "done" if done else ("current" if current else "pending")

    return [
        {"label": "评估论证", "basis": f"{N37} 二（三）", "status": st(d.evaluated_on, d.state == S.DRAFTING),
         "date": d.evaluated_on, "note": d.evaluation_summary[:60]},
        {"label": "公开征求意见", "basis": "示范指标第24项；《优化营商环境条例》第六十二条",
         "status": st(d.comment_closed_on, d.state == S.CONSULTING), "date": d.comment_opens_on,
         "note": (f"最短至 {d.comment_min_close_on:%Y-%m-%d}" if d.comment_min_close_on else "")
         + ("（涉市场主体，不少于30日）" if d.concerns_market else "（不少于7个工作日）")},
        {"label": "合法性审核", "basis": f"{N115} 二（四）至（七）", "status": st(d.reviewed_on and d.legality_conclusion != "unlawful", d.state == S.LEGALITY),
         "date": d.reviewed_on or d.submitted_on,
         "note": (d.get_legality_conclusion_display() if d.legality_conclusion else
                  (f"审核期限 {d.legality_due_on:%Y-%m-%d}" if d.legality_due_on else ""))},
        {"label": "集体审议", "basis": f"{N37} 二（三）；{N115} 二（七）", "status": st(d.decided_on, d.state == S.DELIBERATION),
         "date": d.decided_on, "note": d.meeting_name},
        {"label": "统一登记、统一编号、统一印发", "basis": f"{N37}（三统一）", "status": st(d.reg_number, False),
         "date": d.printed_on, "note": f"{d.reg_number} {d.doc_number}".strip()},
        {"label": "向社会公开发布", "basis": f"{N37}；《政府信息公开条例》第二十条", "status": st(d.published_on, d.state == S.REGISTERED),
         "date": d.published_on, "note": d.publish_channel},
        {"label": "报送备案（上级政府、县人大常委会）", "basis": "normdoc.filing（省级规定，期限依据待核实）",
         "status": st(d.filed_gov_on and d.filed_npc_on, d.state in (S.PUBLISHED, S.IN_FORCE) and d.published_on),
         "date": max([x for x in (d.filed_gov_on, d.filed_npc_on) if x], default=None),
         "note": f"期限 {d.filing_due_on:%Y-%m-%d}" if d.filing_due_on else ""},
        {"label": "施行（现行有效）", "basis": "未经公布不得施行", "status": st(d.in_force_on, d.state in (S.PUBLISHED, S.FILED)),
         "date": d.in_force_on or d.effective_on, "note": f"有效期至 {d.expires_on:%Y-%m-%d}" if d.expires_on else ""},
        {"label": "有效期届满前评估", "basis": "届满前6个月（期限依据待核实）", "status": st(d.review_evaluated_on, False),
         "date": d.review_evaluated_on, "note": d.get_review_conclusion_display() if d.review_conclusion else ""},
    ]
