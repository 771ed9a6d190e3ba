"""Benches of 行政规范性文件 (``make bench``).

- ``normdocs_search``: build a corpus of 20,984 documents (generated like the demo county's cleanup
  corpus), index it (jieba + FTS5/tsvector), and time queries (p50/p95) beside a LIKE '%…%' scan of the
  same corpus in the same run (:func:`search_vs_like`, also run by the scale suite on SQLite and
  PostgreSQL over the demo county's corpus). ``FAZHI_BENCH_LAW_TEXTS=N`` (default 0) puts the first N
  texts of the national law database (/work/shared/data/laws, optional: a fresh clone has none) in the
  corpus instead, each cut to ``FAZHI_BENCH_LAW_CHARS`` characters (default 5000): whole law texts
  (hundreds of kilobytes each) make jieba segmentation and the LIKE scan run for tens of minutes.
- ``normdocs_screener``: precision and recall of the citation screener on the national law database
  (/work/shared/data/laws; skipped with a message when absent). See :func:`citation_eval`.
"""
from __future__ import annotations

import datetime
import os
import random
import re
import statistics
import time
from pathlib import Path

from fazhi.core.bench import BenchContext, register_bench
from fazhi.core.loadgen import percentile

LAWS = Path("/work/shared/data/laws")
QUERIES = ["执法", "处罚", "行政处罚", "食品安全", "土地承包", "安全生产", "最低生活保障", "罚款", "许可", "监督管理"]
N_DOCS = 20984


def _law_texts(limit: int):
    """(title, date, text) of the law database's markdown files, name(YYYY-MM-DD).md."""
    out = []
    for p in sorted(LAWS.rglob("*.md")):
        m = re.match(r"^(.*)\((\d{4}-\d{2}-\d{2})\)$", p.stem)
        if not m:
            continue
        out.append((m.group(1), datetime.date.fromisoformat(m.group(2)), p.read_text(encoding="utf-8", errors="ignore")))
        if len(out) >= limit:
            break
    return out


def _percentile(values, q):
    return percentile(sorted(values), q * 100)


def search_vs_like(ctx: BenchContext, docs, prefix: str = "", rounds: int = 5) -> None:
    """Time ``search.search`` and a LIKE '%…%' scan (first 20 by date and the count, as the list page
    shows) over the corpus documents ``docs`` (a CorpusDoc queryset, indexed), the same queries each."""
    from fazhi.core import search
    from fazhi.normdocs import services as sv

    n = docs.count()
    timings, like = [], []
    for _round in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            search.search(q, kinds=[sv.KIND_CORPUS], limit=20)
            timings.append(time.perf_counter() - t)
            t = time.perf_counter()
            list(docs.filter(text__contains=q).order_by("-issued_on").values_list("id", flat=True)[:20])
            docs.filter(text__contains=q).count()
            like.append(time.perf_counter() - t)
    p95, like95 = _percentile(timings, 0.95), _percentile(like, 0.95)
    ctx.figure(f"{prefix}全文检索 p50（{n:,}件）", _percentile(timings, 0.5) * 1000, "ms")
    ctx.figure(f"{prefix}全文检索 p95（{n:,}件）", p95 * 1000, "ms", goal="≤ LIKE 扫描", floor=like95 * 1000,
               ok=p95 <= like95, note=f"下限=LIKE '%…%' 扫描 p95（p50 {_percentile(like, 0.5) * 1000:,.0f} ms）；"
                                   f"{len(QUERIES)}个检索词×{rounds}轮")
    print(f"{prefix}normdocs search: {n} docs; search p50 {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms; LIKE p50 {statistics.median(like) * 1000:.1f} ms, p95 {like95 * 1000:.1f} ms")


@register_bench("normdocs_search", "规范性文件全文检索：建索引、检索 p50/p95 与 LIKE 扫描对比")
def bench_search(ctx: BenchContext) -> None:
    from fazhi.core import search
    from fazhi.core.models import Organization
    from fazhi.normdocs import services as sv
    from fazhi.normdocs.demo_records import generate_corpus
    from fazhi.normdocs.models import Campaign, CorpusDoc

    gov = Organization.objects.filter(kind="government").order_by("id").first()
    camp = Campaign.objects.create(organization=gov, year=2021, title="检索基准", corpus_since=1949)
    rng = random.Random(7)
    n_laws = int(os.environ.get("FAZHI_BENCH_LAW_TEXTS", "0"))
    law_chars = int(os.environ.get("FAZHI_BENCH_LAW_CHARS", "5000"))
    with ctx.step("生成文件库", N_DOCS) as step:
        docs = generate_corpus(camp, N_DOCS, rng)
        laws = _law_texts(min(n_laws, len(docs))) if n_laws and LAWS.is_dir() else []
        for d, (title, day, text) in zip(docs, laws):  # real law texts first, where asked for and available
            d.title, d.issued_on, d.text = title[:200], day, text[:law_chars]
        CorpusDoc.objects.bulk_create(docs, batch_size=2000)
        step.note = (f"其中法律法规全文 {len(laws)} 件（每件至多{law_chars}字）" if laws else
                     "生成文本（与示范县文件库同法生成）" + ("；/work/shared 不存在" if n_laws and not LAWS.is_dir() else ""))
    objs = CorpusDoc.objects.filter(campaign=camp)
    with ctx.step("建索引（jieba 分词 + 全文索引）", len(docs)):
        search.index((sv.corpus_entry(d) for d in objs.iterator(chunk_size=2000)), batch=2000)
    search_vs_like(ctx, objs)


def citation_eval(limit: int | None = None) -> dict:
    """Precision/recall of the citation screener on real citations.

    Documents: the law database's texts, name(YYYY-MM-DD).md, issued on that date. Each 《…》 citation
    in them is a case. Reference label (independent of the screener's code path): the *full* national
    catalog (``catalog.csv``) looked up by exact name (only a leading 中华人民共和国 stripped) — a citation
    is positive if every catalog version of the law is expired, or if a version was published after the
    citing document's date and on or before the screening date. The screener under test uses the compact
    catalog shipped in the repository and its own extraction and name normalisation.
    """
    import csv

    from fazhi.normdocs import screening
    as_of = datetime.date(2024, 12, 31)
    full: dict[str, list[tuple[datetime.date | None, bool]]] = {}
    with open(LAWS / "catalog.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            try:
                day = datetime.date.fromisoformat(r["publish"]) if r["publish"] else None
            except ValueError:
                day = None
            full.setdefault(r["name"].strip(), []).append((day, r["expired"] == "1"))
    catalog = screening.load_catalog()
    tp = fp = fn = tn = 0
    texts = _law_texts(limit or 10**9)
    for _title, day, text in texts:
        for cit in {m.group(1) for m in re.finditer(r"《([^《》]{2,80})》", text)}:
            name = re.sub(r"^中华人民共和国", "", cit.strip())
            versions = [(d, e) for d, e in full.get(name, []) if not d or d <= as_of]
            truth = bool(versions) and (all(e for _d, e in versions) or any(d and d > day for d, _e in versions))
            got = screening.check_citation(cit, day, as_of, catalog) is not None
            tp += truth and got
            fp += (not truth) and got
            fn += truth and not got
            tn += (not truth) and not got
    return {"documents": len(texts), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0}


@register_bench("normdocs_screener", "规范性文件清理：引用法律初筛的查准率、查全率（/work/shared/data/laws）")
def bench_screener(ctx: BenchContext) -> None:
    if not (LAWS / "catalog.csv").is_file():
        print("normdocs_screener: 跳过——未找到 /work/shared/data/laws（查准率、查全率需要国家法律数据库）。")
        return
    with ctx.step("引用抽取与比对", 0) as step:
        r = citation_eval()
        step.rows = r["tp"] + r["fp"] + r["fn"] + r["tn"]
        step.note = f"{r['documents']} 件法律文本"
    ctx.figure("引用初筛查准率", r["precision"] * 100, "%")
    ctx.figure("引用初筛查全率", r["recall"] * 100, "%")
    print(f"normdocs_screener: {r['documents']} texts, {step.rows} citations; TP {r['tp']} FP {r['fp']} FN {r['fn']} "
          f"TN {r['tn']}; precision {r['precision']:.3f}, recall {r['recall']:.3f}")
