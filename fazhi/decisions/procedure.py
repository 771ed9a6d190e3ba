"""The procedure overview of one decision, in procedural order (used by the detail page and the dossier)."""
from __future__ import annotations

from fazhi.decisions.choices import DecisionState as S

ORDER = [S.STARTED, S.CONSULTING, S.EXPERT, S.RISK, S.LEGALITY_READY, S.LEGALITY, S.DISCUSSION, S.DECIDED,
         S.REPORTED, S.PUBLISHED, S.EXECUTING, S.EVALUATED]


def procedure_steps(d) -> list[dict]:
    """Each step: label, article, status (done/skipped/current/pending), date and a one-line note."""
    pos = ORDER.index(d.state) if d.state in ORDER else ORDER.index(S.DECIDED)

    def status(done, skipped=False, at=None):
        if skipped:
            return "skipped"
        if done:
            return "done"
        return "current" if at is not None and pos == ORDER.index(at) else "pending"

    steps = [
        {"key": "start", "label": "决策启动", "article": "第十条至第十三条", "status": "done", "date": d.started_on,
         "note": d.undertaking_unit},
        {"key": "consultation", "label": "公众参与", "article": "第十四条至第十八条",
         "status": status(d.adoption_published_on, bool(d.consultation_skip_reason), S.CONSULTING),
         "date": d.adoption_published_on or d.comment_opens_on,
         "note": d.consultation_skip_reason or (f"{d.comment_opens_on:%Y-%m-%d} 至 {d.comment_closes_on:%Y-%m-%d}"
                                                if d.comment_opens_on else "")},
        {"key": "expert", "label": "专家论证", "article": "第十九条至第二十一条",
         "status": status(d.expert_done_on, bool(d.expert_skip_reason), S.EXPERT), "date": d.expert_done_on,
         "note": d.expert_skip_reason},
        {"key": "risk", "label": "风险评估", "article": "第二十二条至第二十四条",
         "status": status(d.risk_done_on, bool(d.risk_skip_reason), S.RISK), "date": d.risk_done_on,
         "note": d.risk_skip_reason or (d.get_risk_level_display() if d.risk_level else "")},
        {"key": "legality", "label": "合法性审查", "article": "第二十五条至第二十八条",
         "status": "done" if d.legality_done_on else ("current" if d.state in (S.LEGALITY_READY, S.LEGALITY) else "pending"),
         "date": d.legality_done_on,
         "note": d.get_legality_conclusion_display() if d.legality_conclusion else ""},
        {"key": "decide", "label": "集体讨论决定", "article": "第二十九条、第三十条",
         "status": "done" if d.meeting_on else ("current" if d.state == S.DISCUSSION else "pending"),
         "date": d.meeting_on, "note": d.meeting_name},
        {"key": "party", "label": "请示报告", "article": "第三十一条",
         "status": status(d.party_reported_on, False, S.DECIDED), "date": d.party_reported_on, "note": d.party_reply},
        {"key": "publish", "label": "决策公布", "article": "第三十二条",
         "status": status(d.published_on, False, S.REPORTED), "date": d.published_on, "note": d.publish_channel},
        {"key": "execute", "label": "决策执行", "article": "第三十四条、第三十五条",
         "status": "done" if d.state in (S.EXECUTING, S.EVALUATED) and d.reports.exists()
         else ("current" if d.state in (S.PUBLISHED, S.EXECUTING) else "pending"), "date": None, "note": ""},
        {"key": "evaluate", "label": "决策后评估", "article": "第三十六条",
         "status": "done" if d.evaluated_on else "pending", "date": d.evaluated_on,
         "note": d.get_evaluation_trigger_display() if d.evaluation_trigger else "（符合第三十六条情形时开展）"},
    ]
    return steps
