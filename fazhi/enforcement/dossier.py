"""The 卷宗 of one case (处罚法 第四十七条: 全过程记录, 归档保存): cover, 卷内目录, then each 文书 in order,
then the list of evidence attachments. Built as DOCX with python-docx; turned into one PDF by
LibreOffice headless (``soffice --convert-to pdf``) when it is installed — otherwise ``dossier_pdf``
returns None and the page says so (the DOCX is always available).
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

SOFFICE = os.environ.get("FAZHI_SOFFICE", "/usr/bin/soffice")
FONT = "Noto Serif CJK SC"


def _d(value) -> str:
    return value.strftime("%Y年%m月%d日") if value else "—"


def _attachments(case):
    from fazhi.core.attachments import attachment_qs, target_ref
    refs = [target_ref(case)] + [target_ref(s) for s in case.steps.all()]
    out = []
    for t, i in refs:
        out += list(attachment_qs().filter(target_type=t, target_id=i, withdrawn=False).order_by("created_at", "id"))
    return out


def entries(case) -> list[dict]:
    """The 卷内目录: one row per 文书 in procedural order, then the evidence."""
    rows = []
    for s in case.steps.prefetch_related("officers").order_by("seq", "id"):
        officers = "、".join(f"{o.name}（{o.cert_no}）" for o in s.officers.all())
        rows.append({"title": s.document, "number": s.document_number, "date": s.on, "content": s.content,
                     "officers": officers})
    for a in _attachments(case):
        rows.append({"title": f"证据材料：{a.description or a.filename}", "number": a.filename,
                     "date": a.created_at.date(), "content": f"附件（SHA-256 {a.blob_id}）", "officers": ""})
    return rows


def _font(doc):
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def dossier_docx(case) -> bytes:
    doc = Document()
    _font(doc)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"{case.organization.name}\n行政执法案卷")
    run.bold = True
    run.font.size = Pt(22)
    cover = [("案号", case.number), ("案由", case.title), ("当事人", case.party_name),
             ("执法类别", f"{case.get_kind_display()}（{case.get_procedure_display()}）"),
             ("立案日期", _d(case.filed_on)), ("决定日期", _d(case.decided_on)), ("决定书文号", case.decision_number or "—"),
             ("结案日期", _d(case.closed_on)), ("归档日期", _d(case.archived_on)), ("档案号", case.archive_number or "—")]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in cover:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = k, str(v)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    rows = entries(case)
    h = doc.add_paragraph()
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = h.add_run("卷内目录")
    r.bold = True
    r.font.size = Pt(18)
    toc = doc.add_table(rows=1, cols=4)
    toc.style = "Table Grid"
    for cell, text in zip(toc.rows[0].cells, ["序号", "文书名称", "文号/文件名", "日期"]):
        cell.text = text
    for i, row in enumerate(rows, 1):
        cells = toc.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = str(i), row["title"], row["number"] or "—", _d(row["date"])

    for i, row in enumerate(rows, 1):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rr = p.add_run(f"{i}. {row['title']}")
        rr.bold = True
        rr.font.size = Pt(16)
        doc.add_paragraph(f"文号：{row['number'] or '—'}    日期：{_d(row['date'])}")
        if row["officers"]:
            doc.add_paragraph(f"执法人员：{row['officers']}")
        doc.add_paragraph(row["content"] or "（无文字内容）")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pdf_available() -> bool:
    return os.path.exists(SOFFICE)


def dossier_pdf(case, timeout: int = 120) -> bytes | None:
    """One PDF through LibreOffice, or None if LibreOffice is not installed or the conversion fails."""
    if not pdf_available():
        return None
    tmp = tempfile.mkdtemp(prefix="enf-dossier-")
    try:
        src = os.path.join(tmp, "dossier.docx")
        with open(src, "wb") as fh:
            fh.write(dossier_docx(case))
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                        "--outdir", tmp, src], check=True, timeout=timeout,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(tmp, "dossier.pdf"), "rb") as fh:
            return fh.read()
    except (subprocess.SubprocessError, OSError):
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
