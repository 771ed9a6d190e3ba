"""Ranking export to .xlsx (openpyxl): one row per organization with its breakdown and caveats."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .scoring import ranking


def _text(v):
    s = "" if v is None else str(v)
    return "'" + s if s.startswith(("=", "+", "-", "@")) else s


def _print_wide(ws) -> None:
    """Printed (or converted to PDF) landscape, all columns on one page width, headings repeated."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def ranking_xlsx(assessment) -> bytes:
    results = ranking(assessment)
    tops = [i for i in assessment.scheme.items.all() if i.level == 1]
    leaves = [i for i in assessment.scheme.items.all() if i.is_leaf]
    wb = Workbook()
    ws = wb.active
    ws.title = "考评排名"
    ws.append([_text(assessment.title)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"指标体系：{assessment.scheme.name}（{assessment.scheme.version}）；状态：{assessment.get_status_display()}"])
    header = ["名次", "单位", "单位类型", "得分（百分制）", "实得分", "可评分值"] + [f"{t.number} {t.name}" for t in tops] + ["数据说明"]
    ws.append(header)
    for c in ws[3]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for r in results:
        org = r.target.organization
        groups = {g["item"].id: g for g in r.groups if g["item"]}
        row = [r.rank, _text(org.name), str(org.get_kind_display()), float(r.score), float(r.earned), float(r.possible)]
        for t in tops:
            g = groups.get(t.id)
            row.append(f"{g['earned']}/{g['possible']}" if g else "")
        row.append(_text("；".join(r.caveats)))
        ws.append(row)
        ws.cell(row=ws.max_row, column=len(row)).alignment = Alignment(wrap_text=True, vertical="top")
    widths = {1: 6, 2: 36, 3: 14, 4: 10, 5: 9, 6: 9}
    for col in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(col, 60 if col == len(header) else 14)
    ws.row_dimensions[3].height = 48
    ws.freeze_panes = "C4"
    ws.print_title_rows = "3:3"
    _print_wide(ws)
    detail = wb.create_sheet("得分明细")
    detail.append(["单位"] + [f"{i.number} {i.name}（{i.points}）" for i in leaves])
    for r in results:
        by = {lf.item.id: lf for lf in r.leaves}
        row = [_text(r.target.organization.name)]
        for i in leaves:
            lf = by[i.id]
            row.append(float(lf.points) if lf.points is not None and lf.state != "pending" else lf.state_label)
        detail.append(row)
    detail.column_dimensions["A"].width = 36
    for col in range(2, len(leaves) + 2):
        detail.column_dimensions[get_column_letter(col)].width = 14
    for c in detail[1]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    detail.row_dimensions[1].height = 64
    detail.freeze_panes = "B2"
    _print_wide(detail)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
