"""Bench of 行政执法 (``make bench``; not part of the test suite).

``enforcement_cases``: generate ``FAZHI_BENCH_ENFORCEMENT_CASES`` cases (default 20,000; e.g. 5000 for a
quick run) with their officers and 文书 through the scale generator, then time what users wait for at the
selector level: the case list query (first page, a deep page, filtered by kind/year, searched by party)
as the 法治办管理员 sees it — p50/p95 over repeated requests — and the statistics page's figures over the
whole year. The case list *page* at 500,000 cases, on SQLite and PostgreSQL, is measured by the scale
suite (``fazhi/core/benchsuite.py``, ``FAZHI_BENCH_LIST_CASES``).

The officers go to the county's first 40 departments and townships (by id: the county's own units, not
the 100,000 organizations another bench may have imported), at least two each, so that every unit
can file cases (two certified officers per case).
"""
from __future__ import annotations

import os
import random
import time

from django.core.paginator import Paginator
from django.db import transaction

from fazhi.core.bench import BenchContext, register_bench
from fazhi.core.loadgen import percentile


def _percentile(values, q):
    return percentile(sorted(values), q * 100)


@register_bench("enforcement_cases", "行政执法：案件列表查询 p95 与统计耗时（默认 2 万件案件）")
def bench_cases(ctx: BenchContext) -> None:
    from fazhi.core.models import Organization, User
    from fazhi.enforcement import generate as gen
    from fazhi.enforcement import selectors as sel
    from fazhi.enforcement.models import Officer

    n = int(os.environ.get("FAZHI_BENCH_ENFORCEMENT_CASES", "20000"))
    gov = Organization.objects.filter(kind="government").order_by("id").first()
    admin = User.objects.filter(memberships__role="admin").order_by("id").first()
    orgs = list(Organization.objects.filter(kind__in=["department", "township"]).order_by("id")[:40]) or [gov]
    rng = random.Random(2021)
    count = max(2 * len(orgs), n // 1000)
    with ctx.step("生成执法人员", count):
        officers = gen.build_officers(orgs=orgs, count=count, year=2021, first_in_year=count // 2, rng=rng,
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
    ctx.figure(f"执法案件列表查询 p50（{n:,}件）", _percentile(timings, 0.5) * 1000, "ms")
    p95 = _percentile(timings, 0.95) * 1000
    ctx.figure(f"执法案件列表查询 p95（{n:,}件）", p95, "ms", goal="< 500 ms", ok=p95 < 500,
               note="选择器层：一页50条 + 总数；页面级见规模基准“列表页 p95”")
    import datetime
    t = time.perf_counter()
    stats = sel.statistics(sel.cases(admin).filter(filed_on__year=2021), datetime.date(2021, 12, 31))
    took = time.perf_counter() - t
    ctx.figure(f"执法统计（全年全部案件，{n:,}件）", took, "s")
    print(f"enforcement_cases: {stats['total']:,} cases; list p50 {_percentile(timings, 0.5) * 1000:.0f} ms, "
          f"p95 {_percentile(timings, 0.95) * 1000:.0f} ms; statistics {took:.2f} s (county {gov})")


def copy_cases(target: int, rng: random.Random, orgs=None) -> int:
    """Bring the cases (of ``orgs``, default all) up to at least ``target`` by copying the existing ones
    whole — each case with its 文书 steps and its two officers — as prepared rows (``RowWriter``: no
    model instance per row, keys allocated, COPY on PostgreSQL); a copy (and each of its steps) gets a new ``code``; a case gets a
    ``-C<k>`` suffix on its 案号 and 决定书文号. The list pages are measured at 500,000 cases this way
    in minutes (``build_cases`` draws every case and instantiates it: fine for 50,000, slow for half a
    million). Run inside a transaction. Returns the number of cases written."""
    from fazhi.core.scale import RowWriter, new_code, suffix
    from fazhi.enforcement.models import Case, CaseStep

    cases = Case.objects.order_by("pk")
    if orgs is not None:
        cases = cases.filter(organization__in=orgs)
    templates = list(cases)
    have = len(templates)
    if not templates or have >= target:
        return 0
    case_w, step_w = RowWriter(Case), RowWriter(CaseStep)
    case_off, step_off = RowWriter(Case.officers.through), RowWriter(CaseStep.officers.through)
    ids = [c.pk for c in templates]
    offs: dict[int, list[int]] = {}
    steps: dict[int, list] = {}
    step_offs: dict[int, list[int]] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        for cid, oid in Case.officers.through.objects.filter(case_id__in=chunk).values_list("case_id", "officer_id"):
            offs.setdefault(cid, []).append(oid)
        for s in CaseStep.objects.filter(case_id__in=chunk).order_by("pk"):
            steps.setdefault(s.case_id, []).append((s.pk, step_w.template(s)))
    step_ids = [sid for rows in steps.values() for sid, _ in rows]
    for start in range(0, len(step_ids), 5000):
        for sid, oid in CaseStep.officers.through.objects.filter(
                casestep_id__in=step_ids[start:start + 5000]).values_list("casestep_id", "officer_id"):
            step_offs.setdefault(sid, []).append(oid)
    rows = [(c.pk, case_w.template(c), c.number, c.decision_number) for c in templates]
    i_code, i_num, i_dec = case_w.index["code"], case_w.index["number"], case_w.index["decision_number"]
    i_case, i_step_code = step_w.index["case_id"], step_w.index.get("code")
    max_num = Case._meta.get_field("number").max_length
    written, k = 0, 0
    while have + written < target:
        k += 1
        for pk, base, number, decision in rows:
            if have + written >= target:
                break
            row = base.copy()
            row[i_code] = case_w.prep("code", new_code(rng))
            row[i_num] = suffix(number, k, max_num) if number else number
            row[i_dec] = suffix(decision, k, max_num) if decision else decision
            new = case_w.add(row)
            for oid in offs.get(pk, ()):
                case_off.link(case_id=new, officer_id=oid)
            for sid, srow in steps.get(pk, ()):
                srow = srow.copy()
                srow[i_case] = new
                if i_step_code is not None:
                    srow[i_step_code] = step_w.prep("code", new_code(rng))
                new_step = step_w.add(srow)
                for oid in step_offs.get(sid, ()):
                    step_off.link(casestep_id=new_step, officer_id=oid)
            written += 1
        for w in (case_w, case_off, step_w, step_off):  # parents before children
            w.flush()
    for w in (case_w, case_off, step_w, step_off):
        w.finish()
    return written
