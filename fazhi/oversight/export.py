"""Ranking export to .xlsx (openpyxl): one row per organization with its breakdown and caveats."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font


from .scoring import ranking


def _text(v):
    s = "" if v is None else str(v)
    return "'" + s if s.startswith(("=", "+", "-", "@")) else s


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
        c.alignment = Alignment(wrap_text=True)
    for r in results:
        org = r.target.organization
        groups = {g["item"].id: g for g in r.groups if g["item"]}
        row = [r.rank, _text(org.name), str(org.get_kind_display()), float(r.score), float(r.earned), float(r.possible)]
        for t in tops:
            g = groups.get(t.id)
            row.append(f"{g['earned']}/{g['possible']}" if g else "")
        row.append(_text("；".join(r.caveats)))
        ws.append(row)
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions[ws.cell(row=3, column=len(header)).column_letter].width = 60
    detail = wb.create_sheet("得分明细")
    detail.append(["单位"] + [f"{i.number} {i.name}（{i.points}）" for i in leaves])
    for r in results:
        by = {lf.item.id: lf for lf in r.leaves}
        row = [_text(r.target.organization.name)]
        for i in leaves:
            lf = by[i.id]
            row.append(float(lf.points) if lf.points is not None and lf.state != "pending" else lf.state_label)
        detail.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
