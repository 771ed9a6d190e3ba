"""Bench of 年度报告与指标 (``make bench``; not part of the test suite).

``reports_indicators``: on the database as it is (the demo county, scaled by ``fazhi generate`` when
the bench runs at 100×), time all indicators of one county-year (``compute_all``, computed together)
and the annual report's DOCX (its figures computed from the records, then laid out). The ratio to a
hand-written aggregate SQL pass is measured by the reliability bench table, not here.
"""
from __future__ import annotations

import time

from fazhi.core.bench import BenchContext, register_bench


@register_bench("reports_indicators", "年度报告：全县全年全部指标与 DOCX 生成耗时")
def bench_reports(ctx: BenchContext) -> None:
    from django.db import connection

    from fazhi.core.indicators import all_indicators, compute_all
    from fazhi.core.models import Organization
    from fazhi.reports.docx import render_annual_report
    from fazhi.reports.models import AnnualReport

    gov = Organization.objects.filter(kind="government").order_by("id").first()
    if gov is None:
        ctx.figure("全部指标", 0, "s", note="数据库中没有县人民政府（先 load_demo）")
        return
    n = len(all_indicators())
    compute_all(gov, 2021)  # warm caches (registry import, first connection)
    t = time.perf_counter()
    with ctx.step("全部指标（一个县一年）", 0, note=f"{n}个指标"):
        before = len(connection.queries)
        compute_all(gov, 2021)
    took = time.perf_counter() - t
    ctx.figure("全部指标（一个县一年）", took, "s", goal="< 2 s", ok=took < 2,
               note=f"{n} 个指标" + (f"，{len(connection.queries) - before} 次查询" if connection.queries else ""))
    report = AnnualReport.objects.filter(organization=gov, year=2021).first()
    if report is None:
        return
    t = time.perf_counter()
    with ctx.step("年度报告 DOCX", 0):
        data = render_annual_report(report)
    ctx.figure("年度报告 DOCX（含计算数字）", time.perf_counter() - t, "s", note=f"{len(data)} 字节")
