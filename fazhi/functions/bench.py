"""Bench of 政府职能 (``make bench``; not part of the test suite).

``functions_demo``: load the demo county's 政府职能 records (about 25,000 rows, bulk-created) and time
what users wait for: the 权责清单 as of a date (count + first page), the 四级四同 check over the whole
catalog, and the section 一(二) figures.
"""
from __future__ import annotations

import datetime

from fazhi.core.bench import BenchContext, register_bench


@register_bench("functions_demo", "政府职能：示范数据载入、某日权责清单、四级四同核对、一(二)指标耗时")
def bench_demo(ctx: BenchContext) -> None:
    from django.apps import apps

    from fazhi.core.indicators import compute_all
    from fazhi.core.scale import demo_county
    from fazhi.demo.loader import load_demo
    from fazhi.functions import demo_records
    from fazhi.functions import selectors as sel
    from fazhi.functions.models import PowerItem, ServiceItem

    def rows() -> int:
        return sum(m.objects.count() for m in apps.get_app_config("functions").get_models())

    load_demo()
    before = rows()
    with ctx.step("载入政府职能示范数据", 0) as step:
        step.note = demo_records.load()[:60]
    step.rows = rows() - before  # the rows actually written (counted after the timed step)
    with ctx.step("2021-09-01 的权责清单（计数 + 第一页）", PowerItem.objects.count()):
        qs = sel.in_force_on(PowerItem.objects.all(), datetime.date(2021, 9, 1))
        qs.count()
        list(qs.order_by("organization__sort_order", "power_code", "id")[:50])
    with ctx.step("四级四同核对（全部事项）", ServiceItem.objects.count()):
        sel.consistency_check(ServiceItem.objects.all())
    gov = demo_county()
    with ctx.step("一(二) 全部指标", 0):
        [r for r in compute_all(gov, 2021) if r["code"].startswith("functions.")]
