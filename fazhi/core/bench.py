"""Benchmarks run by ``fazhi bench`` (``make bench``): a tiny registry and the core app's benches.

A bench is a function ``fn(ctx: BenchContext) -> list[BenchStep]``-like generator: it yields steps
measured with ``ctx.step(label, rows)``. Modules add theirs in a ``bench`` module of their app
(``fazhi/<app>/bench.py``), which the command imports::

    from fazhi.core.bench import register_bench

    @register_bench("cases", "行政执法案件导入")
    def bench_cases(ctx):
        path = ctx.workdir / "cases.xlsx"
        with ctx.step("生成工作簿", ctx.rows):
            ...

Each step records wall time, rows/second (a step of ``rows=0`` is not a pass over rows, e.g. all
indicators or one DOCX: the table shows its time instead), the tracemalloc peak of the step (Python allocations)
and the process's ``ru_maxrss`` after it (the resident-set high-water mark so far; it never goes
down, so read it as "the process needed at most this much up to here").
"""
from __future__ import annotations

import contextlib
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from stdnum.cn import uscc


@dataclass
class BenchStep:
    bench: str
    label: str
    rows: int
    seconds: float = 0.0
    tracemalloc_peak: int = 0
    maxrss: int = 0
    note: str = ""

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class Figure:
    """One row of the result table: a measured figure, its goal and its ratio to a floor.

    ``floor`` is what the same work costs done the simplest possible way (e.g. one hand-written
    aggregate SQL statement over the same tables); ``ratio`` = value / floor. ``ok`` is None when
    the figure has no goal."""

    name: str
    value: float
    unit: str
    goal: str = ""
    floor: float | None = None
    ok: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None


@dataclass
class BenchContext:
    rows: int
    workdir: Path
    trace: bool = True
    steps: list[BenchStep] = field(default_factory=list)
    current: str = ""
    figures: list[Figure] = field(default_factory=list)

    def figure(self, name: str, value: float, unit: str, *, goal: str = "", floor: float | None = None,
               ok: bool | None = None, note: str = "") -> Figure:
        fig = Figure(name, value, unit, goal, floor, ok, note)
        self.figures.append(fig)
        return fig

    @contextlib.contextmanager
    def step(self, label: str, rows: int, note: str = "") -> Iterator[BenchStep]:
        step = BenchStep(self.current, label, rows, note=note)
        if self.trace:
            tracemalloc.start()
            tracemalloc.reset_peak()
        start = time.perf_counter()
        try:
            yield step
        finally:
            step.seconds = time.perf_counter() - start
            if self.trace:
                step.tracemalloc_peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
            step.maxrss = _maxrss_bytes()
            self.steps.append(step)


def _maxrss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # Linux reports KiB


_BENCHES: dict[str, tuple[str, Callable[[BenchContext], None]]] = {}


def register_bench(name: str, label: str):
    def deco(fn: Callable[[BenchContext], None]):
        _BENCHES[name] = (label, fn)
        return fn

    return deco


def all_benches() -> dict[str, tuple[str, Callable[[BenchContext], None]]]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench")
    return dict(_BENCHES)


def run_benches(ctx: BenchContext, names: list[str] | None = None) -> list[BenchStep]:
    for name, (_label, fn) in all_benches().items():
        if names and name not in names:
            continue
        ctx.current = name
        try:
            fn(ctx)
        except Exception as exc:  # noqa: BLE001 - one failing bench is reported in the table, the others still run
            ctx.figure(f"{name}：{_label}", 0, "", note=f"基准失败：{type(exc).__name__}: {str(exc)[:150]}")
    return ctx.steps


def _mb(n: int) -> str:
    return f"{n / 1048576:,.1f}"


def format_table(steps: list[BenchStep]) -> str:
    head = ["基准", "步骤", "行数", "秒", "行/秒", "tracemalloc峰值MB", "ru_maxrss MB", "备注"]
    body = [[s.bench, s.label, f"{s.rows:,}", f"{s.seconds:,.2f}", f"{s.rate:,.0f}",
             _mb(s.tracemalloc_peak) if s.tracemalloc_peak else "—", _mb(s.maxrss), s.note] for s in steps]

    def width(text: str) -> int:  # CJK characters take two columns in a terminal
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    widths = [max(width(r[i]) for r in [head, *body]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return " | ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    sep = "-+-".join("-" * w for w in widths)
    return "\n".join([line(head), sep, *(line(r) for r in body)])


def _num(v: float) -> str:
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 1:
        return f"{v:,.2f}"
    return f"{v:.3f}"


def step_figures(steps: list[BenchStep]) -> list[Figure]:
    """The registered benches' steps as figures: rows/second (with the time) and the memory high-water mark."""
    out = []
    for s in steps:
        if s.rows <= 0:  # a step that is not a pass over rows (e.g. all indicators, one DOCX): its time
            out.append(Figure(f"{s.bench}：{s.label}", s.seconds, "秒", note=f"ru_maxrss {_mb(s.maxrss)} MB"
                              + (f"；{s.note}" if s.note else "")))
            continue
        out.append(Figure(f"{s.bench}：{s.label}（{s.rows:,}行）", s.rate, "行/秒",
                          note=f"{s.seconds:,.2f}秒；ru_maxrss {_mb(s.maxrss)} MB"
                               + (f"；tracemalloc峰值 {_mb(s.tracemalloc_peak)} MB" if s.tracemalloc_peak else "")
                               + (f"；{s.note}" if s.note else "")))
    return out


def format_figures(figures: list[Figure]) -> str:
    """A Markdown table (readable in a terminal too): figure, value, goal, floor, ratio, verdict, note."""
    head = ["指标", "值", "目标", "下限（floor）", "比值", "结论", "说明"]
    rows = []
    for f in figures:
        verdict = "—" if f.ok is None else ("达标" if f.ok else "未达标")
        rows.append([f.name, f"{_num(f.value)} {f.unit}", f.goal or "—",
                     f"{_num(f.floor)} {f.unit}" if f.floor else "—",
                     f"{f.ratio:.1f}" if f.ratio is not None else "—", verdict, f.note or ""])
    esc = [[c.replace("|", "\\|") for c in r] for r in [head, *rows]]
    lines = ["| " + " | ".join(esc[0]) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in esc[1:]]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Core benches
# ---------------------------------------------------------------------------------------------


def organization_rows(n: int, parent: str) -> Iterator[list]:
    """n organizations: every 10th under ``parent``, the 9 after it under that one; each with a valid,
    unique 统一社会信用代码 (so the check character and the uniqueness checks are exercised)."""
    from fazhi.core.choices import OrgKind

    kinds = [str(label) for _, label in OrgKind.choices]
    for i in range(n):
        head = i - i % 10
        body = f"91640324MA{i:07d}"
        yield [f"基准单位{i:06d}", f"基准{i}", kinds[i % len(kinds)],
               parent if i % 10 == 0 else f"基准单位{head:06d}", "640324", body + uscc.calc_check_digit(body), i % 100]


@register_bench("organizations", "单位台账：生成、校验、导入、导出")
def bench_organizations(ctx: BenchContext) -> None:
    from fazhi.core.ledgers import get_ledger, run_export, run_import
    from fazhi.core.models import Organization
    from fazhi.lib import xlsx

    ledger = get_ledger("organizations")
    parent = Organization.objects.filter(parent__isnull=True, kind="government").order_by("id").first()
    if parent is None:
        raise RuntimeError("bench needs a county government organization (make_county)")
    path = ctx.workdir / "organizations.xlsx"
    with ctx.step("生成工作簿（write-only）", ctx.rows) as step:
        xlsx.write_rows(path, sheet_title=ledger.sheet_title, columns=[c.spec() for c in ledger.columns],
                        rows=organization_rows(ctx.rows, parent.name))
        step.note = f"{path.stat().st_size / 1048576:.1f} MB"
    limits = {"max_rows": max(ctx.rows, 1), "max_bytes": max(path.stat().st_size + 1, 1)}
    with ctx.step("校验（dry run）", ctx.rows) as step:
        result = run_import(ledger, path, actor=None, dry_run=True, **limits)
        step.note = "无错误" if result.ok else f"{result.error_count}处错误：{result.messages()[:1]}"
    with ctx.step("导入（校验+提交，单事务）", ctx.rows) as step:
        result = run_import(ledger, path, actor=None, **limits)
        if not result.committed:
            raise RuntimeError(f"bench import failed: {result.messages()[:5]}")
        step.note = f"新增{result.created}条"
    out = ctx.workdir / "export.xlsx"
    with ctx.step("导出（write-only）", Organization.objects.count()) as step:
        run_export(ledger, out, actor=None)
        step.note = f"{out.stat().st_size / 1048576:.1f} MB"
