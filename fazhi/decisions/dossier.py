"""The dossier of one decision (条例 第三十三条: 过程记录和材料归档), in procedural order.

A ZIP with ``00-目录.txt`` (the index), one UTF-8 text document per step and the attached files of
the decision. If LibreOffice (``/usr/bin/soffice``) is installed, :func:`dossier_pdf` renders the
same documents as one PDF; the PDF is optional and the ZIP never depends on it.
"""
from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import tempfile
import zipfile

from fazhi.decisions.procedure import procedure_steps

SOFFICE = os.environ.get("FAZHI_SOFFICE", "/usr/bin/soffice")


def _d(value) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def documents(d) -> list[tuple[str, str]]:
    """(title, text) of each document in procedural order."""
    docs = [("决策启动", f"决策事项：{d.title}\n决策机关：{d.organization.name}\n承办单位：{d.undertaking_unit}\n"
                        f"事项类别：{d.get_category_display()}\n启动日期：{_d(d.started_on)}\n启动依据：{d.start_basis or '—'}\n"),
            ("决策草案", d.draft or "（无）")]
    if d.concerns_market:
        docs.append(("公平竞争审查意见", d.fair_competition_review or "（缺少）"))
    if d.consultation_skip_reason:
        docs.append(("公众参与（免于履行）", f"法定理由：{d.consultation_skip_reason}"))
    elif d.comment_opens_on:
        lines = [f"征求意见期限：{_d(d.comment_opens_on)} 至 {_d(d.comment_closes_on)}"]
        if d.comment_shortened_reason:
            lines.append(f"缩短期限的说明：{d.comment_shortened_reason}")
        for i, c in enumerate(d.comments.order_by("submitted_at", "id"), 1):
            lines.append(f"\n意见{i}（{c.submitted_at:%Y-%m-%d}，{c.get_status_display()}"
                         f"{'，' + c.get_adoption_display() if c.adoption else ''}）：{c.body}"
                         f"{'（审核说明：' + c.moderation_reason + '）' if c.moderation_reason else ''}")
        docs.append(("公众参与：征求意见及意见汇总", "\n".join(lines)))
        for h in d.hearings.all():
            docs.append((f"听证会记录（{h.held_on:%Y-%m-%d}）",
                         f"地点：{h.place}\n公布草案及听证时间地点：{_d(h.announced_on)}\n公布听证参加人名单："
                         f"{_d(h.participants_published_on)}\n听证材料送达：{_d(h.papers_sent_on)}\n听证参加人：{h.participants}\n"
                         f"记录{'已经参加人确认签字' if h.record_signed else '未签字'}：\n{h.record}"))
        docs.append(("公众意见采纳情况", f"{d.adoption_summary or '—'}\n公布日期：{_d(d.adoption_published_on)}"))
    if d.expert_skip_reason:
        docs.append(("专家论证（免于履行）", f"理由：{d.expert_skip_reason}"))
    else:
        ops = "\n".join(f"{o.expert}（{o.affiliation or '—'}，{_d(o.given_on)}，{'已签名' if o.signed else '未签名'}）："
                        f"{o.opinion}" for o in d.expert_opinions.all())
        docs.append(("专家论证意见", f"{ops or '—'}\n\n采纳情况：{d.expert_adoption or '—'}\n完成日期：{_d(d.expert_done_on)}"))
    if d.risk_skip_reason:
        docs.append(("风险评估（免于履行）", f"理由：{d.risk_skip_reason}"))
    else:
        docs.append(("风险评估报告", f"评估单位：{d.risk_assessor or '—'}\n风险等级：{d.get_risk_level_display() or '—'}\n"
                                   f"完成日期：{_d(d.risk_done_on)}\n\n{d.risk_report or '—'}"))
    docs.append(("合法性审查意见", f"送审日期：{_d(d.legality_submitted_on)}（最短审查时间至 {_d(d.legality_earliest_on)}）\n"
                                  f"审查机构：{d.legality_reviewer or '—'}\n参与审查：{d.legality_adviser or '—'}\n"
                                  f"审查结论：{d.get_legality_conclusion_display() or '—'}\n完成日期：{_d(d.legality_done_on)}\n\n"
                                  f"{d.legality_opinion or '—'}"))
    docs.append(("集体讨论决定", f"会议：{d.meeting_name or '—'}（{d.get_meeting_kind_display() or '—'}）\n"
                               f"日期：{_d(d.meeting_on)}\n结果：{d.get_outcome_display() or '—'}\n行政首长决定：{d.head_decision or '—'}\n"
                               f"与多数意见不一致的理由：{d.differs_from_majority_reason or '—'}\n不同意见：{d.dissent or '无'}"))
    docs.append(("向党委请示报告", f"日期：{_d(d.party_reported_on)}\n党委意见：{d.party_reply or '—'}"))
    docs.append(("决策公布", f"日期：{_d(d.published_on)}\n渠道：{d.publish_channel or '—'}\n文号：{d.document_number or '—'}"))
    docs.append(("向县人大常委会备案", f"日期：{_d(d.npc_filed_on)}\n文号：{d.npc_filing_number or '—'}"))
    reps = "\n\n".join(f"{_d(r.reported_on)} {r.unit}：{r.progress}" + (f"\n存在问题：{r.problems}" if r.problems else "")
                       for r in d.reports.all())
    docs.append(("决策执行情况报告", reps or "—"))
    if d.evaluated_on:
        docs.append(("决策后评估报告", f"情形：{d.get_evaluation_trigger_display()}\n评估单位：{d.evaluator}"
                                     f"{'（第三方）' if d.evaluation_third_party else ''}\n完成日期：{_d(d.evaluated_on)}\n\n"
                                     f"{d.evaluation_report}"))
    return docs


def _index(d, docs, attachments) -> str:
    lines = [f"{d.title} 决策档案", f"决策机关：{d.organization.name}", "", "一、程序概览"]
    for s in procedure_steps(d):
        status = {"done": "已完成", "skipped": "免于履行", "current": "办理中", "pending": "未到"}[s["status"]]
        lines.append(f"  {s['label']}（条例{s['article']}）：{status} {_d(s['date']) if s['date'] else ''} {s['note'] or ''}".rstrip())
    lines += ["", "二、文件目录"]
    lines += [f"  {i:02d}. {title}" for i, (title, _) in enumerate(docs, 1)]
    if attachments:
        lines += ["", "三、附件"] + [f"  {a}" for a in attachments]
    return "\n".join(lines) + "\n"


def _attachments(d):
    try:
        from fazhi.core.models import Attachment
        return list(Attachment.objects.filter(target_type=d._meta.label_lower, target_id=str(d.code),
                                              withdrawn=False).order_by("created_at", "id"))
    except Exception:  # noqa: BLE001 — attachments are optional in the dossier
        return []


def dossier_zip(d) -> bytes:
    docs = documents(d)
    atts = _attachments(d)
    names = []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (title, text) in enumerate(docs, 1):
            z.writestr(f"{i:02d}-{title}.txt", f"{title}\n\n{text}\n")
        for j, a in enumerate(atts, 1):
            from fazhi.core.attachments import blob_path
            name = f"附件{j:02d}-{a.filename}"
            try:
                data = blob_path(a.blob_id).read_bytes()
            except OSError:
                continue
            names.append(name)
            z.writestr(name, data)
        z.writestr("00-目录.txt", _index(d, docs, names))
    return buf.getvalue()


def dossier_html(d) -> str:
    parts = [f"<h1>{html.escape(d.title)} 决策档案</h1><pre>{html.escape(_index(d, documents(d), []))}</pre>"]
    for i, (title, text) in enumerate(documents(d), 1):
        parts.append(f"<h2>{i:02d}. {html.escape(title)}</h2><pre>{html.escape(text)}</pre>")
    return ("<html><head><meta charset='utf-8'><style>pre{white-space:pre-wrap;font-family:serif}"
            "h2{page-break-before:always}</style></head><body>" + "".join(parts) + "</body></html>")


def pdf_available() -> bool:
    return os.path.exists(SOFFICE)


def dossier_pdf(d, timeout: int = 120) -> bytes | None:
    """One PDF through LibreOffice, or None if it is not installed or fails."""
    if not pdf_available():
        return None
    tmp = tempfile.mkdtemp(prefix="dossier-")
    try:
        src = os.path.join(tmp, "dossier.html")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(dossier_html(d))
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        "pdf:writer_web_pdf_Export", "--outdir", tmp, src], check=True, timeout=timeout,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(tmp, "dossier.pdf"), "rb") as fh:
            return fh.read()
    except (subprocess.SubprocessError, OSError):
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
