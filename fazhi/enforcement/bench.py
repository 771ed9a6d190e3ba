"""Bench of 行政执法 (``make bench``; not part of the test suite).

``enforcement_cases``: generate ``FAZHI_BENCH_ENFORCEMENT_CASES`` cases (default 500,000; e.g. 20000 for a
quick run) with their officers and 文书 through the scale generator, then time what users wait for:
the case list (first page, a deep page, filtered by kind/year, searched by party) as the 法治办管理员
sees it — p50/p95 over repeated requests — and the statistics page's figures over the whole year.
"""
from __future__ import annotations

import os
import random
import time

from django.core.paginator import Paginator
from django.db import transaction

from fazhi.core.bench import BenchContext, register_bench


def _percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


@register_bench("enforcement_cases", "行政执法：案件列表 p95 与统计耗时（默认 50 万件案件）")
def bench_cases(ctx: BenchContext) -> None:
    from fazhi.core.models import Organization, User
    from fazhi.enforcement import generate as gen
    from fazhi.enforcement import selectors as sel
    from fazhi.enforcement.models import Officer

    n = int(os.environ.get("FAZHI_BENCH_ENFORCEMENT_CASES", "500000"))
    gov = Organization.objects.filter(kind="government").order_by("id").first()
    admin = User.objects.filter(memberships__role="admin").order_by("id").first()
    orgs = list(Organization.objects.filter(kind__in=["department", "township"]).order_by("id"))
    rng = random.Random(2021)
    with ctx.step("生成执法人员", max(20, n // 1000)):
        officers = gen.build_officers(orgs=orgs, count=max(20, n // 1000), year=2021, first_in_year=n // 2000, rng=rng,
                                      cert_prefix=f"B{Officer.objects.count()}-")
    by_org: dict = {}
    for o in officers:
        by_org.setdefault(o.organization, []).append(o)
    with ctx.step("生成案件（含执法人员、文书）", n), transaction.atomic():  # one transaction: no fsync per batch
        gen.build_cases(officers_by_org=by_org, count=n, year=2021, rng=rng, number_prefix="B")
    timings = []
    queries = [{}, {"kind": "penalty"}, {"year": 2021, "kind": "license"}, {"q": "同心县商贸"}, {"state": "closed"}]
    for _round in range(4):
        for params in queries:
            for page in (1, 200):
                t = time.perf_counter()
                p = Paginator(sel.cases(admin, **params), 50).get_page(page)
                list(p.object_list)
                p.paginator.count  # noqa: B018  (the list page shows the total)
                timings.append(time.perf_counter() - t)
    ctx.figure("执法案件列表 p50", _percentile(timings, 0.5) * 1000, "ms")
    ctx.figure("执法案件列表 p95", _percentile(timings, 0.95) * 1000, "ms", goal="< 500 ms")
    import datetime
    t = time.perf_counter()
    stats = sel.statistics(sel.cases(admin).filter(filed_on__year=2021), datetime.date(2021, 12, 31))
    took = time.perf_counter() - t
    ctx.figure("执法统计（全年全部案件）", took, "s")
    print(f"enforcement_cases: {stats['total']:,} cases; list p50 {_percentile(timings, 0.5) * 1000:.0f} ms, "
          f"p95 {_percentile(timings, 0.95) * 1000:.0f} ms; statistics {took:.2f} s (county {gov})")
