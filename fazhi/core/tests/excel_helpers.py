"""Small workbook builders for the Excel tests."""
from __future__ import annotations

import io

import openpyxl

ORG_HEADERS = ["单位名称", "简称", "类别", "上级单位", "所在区划代码", "统一社会信用代码", "排序"]
USER_HEADERS = ["用户名", "姓名", "所属单位", "角色", "联系电话", "邮箱"]


def workbook(rows, headers=ORG_HEADERS, *, title_rows=(), trailing_blank=0) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "单位"
    for r in title_rows:
        ws.append(list(r))
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text typed with a leading "=", as Excel stores it with a quote prefix
    for _ in range(trailing_blank):
        ws.append([None] * len(headers))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "test.xlsx"
    return buf


def read_back(buf) -> list[list]:
    buf.seek(0)
    wb = openpyxl.load_workbook(buf, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return rows
