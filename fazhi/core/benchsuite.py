"""The scale part of ``make bench``: figures measured on the demo county at N× (``fazhi generate``).

Per database: generation time, all indicators vs a hand-written aggregate pass, the annual report
DOCX, full-text search p95 vs a LIKE scan over the demo county's 20,984-document corpus
(``fazhi/normdocs/bench.py``), then the enforcement cases topped up to 500,000 and the big list
pages' p95 (as the 法治办管理员 sees them, through the real views), and (SQLite) the portal under load.
Run by ``fazhi bench`` after the registered benches (``fazhi/core/bench.py``), once on a fresh
SQLite file and once on a fresh PostgreSQL database (``fazhi_bench``, dropped and re-created), each
``migrate`` → ``load_demo`` → ``generate --scale N``. Sizes come from the environment so that a quick
run is possible (see README, 基准测试):

=============================  ========  ===================================================
variable                       default   what
=============================  ========  ===================================================
FAZHI_BENCH_SCALE              100       N of ``generate --scale N``
FAZHI_BENCH_LIST_REQUESTS      40        requests per list page (p95)
FAZHI_BENCH_LIST_SECONDS       120       time budget per list page (a slower page stops after each variant ran once)
FAZHI_BENCH_LIST_CASES         500000    enforcement cases the list pages are measured at (topped up after
                                         the indicators, which are measured at N× as generated)
FAZHI_BENCH_PORTAL_SECONDS     15        bounded portal load run (gunicorn on loopback)
FAZHI_BENCH_PORTAL_USERS       16        concurrent simulated portal readers
FAZHI_BENCH_PG                 postgres://postgres@127.0.0.1:5432/fazhi_bench  (``skip`` = no PG)
=============================  ========  ===================================================
"""
from __future__ import annotations

import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import dj_database_url
from django.apps import apps
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from fazhi.core import loadgen
from fazhi.core import scale as scaledata
from fazhi.core.bench import BenchContext

YEAR = 2021


def env_int(name: str, default: int) -> int:
    return int(os.getenv(name, str(default)))


# ------------------------------------------------------------------------------------ databases

def use_database(settings_dict: dict) -> None:
    """Point the default connection at another database (whatever was configured)."""
    connections["default"].close()
    conf = connections.configure_settings({"default": settings_dict})["default"]
    connections.settings["default"] = conf
    del connections["default"]


def sqlite_settings(path: Path) -> dict:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path),
            "OPTIONS": {"init_command": "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;",
                        "transaction_mode": "IMMEDIATE"}}


def recreate_postgres(url: str) -> dict:
    """Drop and create the database named in ``url``; return its settings. Raises OSError if unreachable."""
    import psycopg

    conf = dj_database_url.parse(url)
    name = conf["NAME"]
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name or ""):
        raise ValueError(f"unsafe database name {name!r}")
    admin = {"host": conf.get("HOST") or "127.0.0.1", "port": conf.get("PORT") or 5432,
                 "user": conf.get("USER") or "postgres", "password": conf.get("PASSWORD") or None, "dbname": "postgres",
                 "connect_timeout": 5}
    with psycopg.connect(**{k: v for k, v in admin.items() if v is not None}, autocommit=True) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{name}"')
    return conf


def median_time(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def p95(values: list[float]) -> float:
    return loadgen.percentile(sorted(values), 95)


# ------------------------------------------------------------------------------------ the suite

def prepare(ctx: BenchContext, label: str, scale: int, log) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    start = time.perf_counter()
    load_demo_tolerant(ctx, label, log)
    log(f"[{label}] 示范县载入 {time.perf_counter() - start:.1f}秒；生成 {scale}× 数据……")
    start = time.perf_counter()
    counts = scaledata.generate(scale=scale, log=log)
    secs = time.perf_counter() - start
    n = sum(counts.values())
    ctx.figure(f"{label}：generate --scale {scale}", n / secs if secs else 0, "条/秒",
               note=f"{n:,}条，{secs:,.0f}秒")


def load_demo_tolerant(ctx: BenchContext, label: str, log) -> None:
    """``load_demo``, but a module whose demo loader fails (work in progress) is reported and left out."""
    from fazhi.demo.loader import load_demo
    from fazhi.demo.management.commands.load_demo import domain_loaders

    load_demo()
    for name, load in domain_loaders():
        try:
            load()
        except Exception as exc:  # noqa: BLE001 - reported in the table, the bench goes on
            log(f"[{label}] {name}示范数据载入失败：{type(exc).__name__}: {exc}")
            ctx.figure(f"{label}：{name}示范数据", 0, "", note=f"载入失败，未计入：{type(exc).__name__}: {str(exc)[:120]}")


class SqlTables:
    """An execute wrapper that counts statements and collects the org-owned tables they name (no log limit)."""

    def __init__(self):
        self.count = 0
        self.tables: set[str] = set()
        self.owned = {m._meta.db_table for m in apps.get_models()
                      if any(f.name == "organization" for f in m._meta.concrete_fields)}

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        for t in re.findall(r'(?:FROM|JOIN)\s+"?([a-z0-9_]+)"?', sql, flags=re.IGNORECASE):
            if t in self.owned:
                self.tables.add(t)
        return execute(sql, params, many, context)


def floor_pass(gov, tables: list[str]) -> Callable[[], object]:
    """The floor: one hand-written aggregate statement computing the same counts as the indicators, over the
    same tables (``fazhi/reports/floor.py``; any further table the indicators read is counted too)."""
    from fazhi.reports.floor import floor_values

    return lambda: floor_values(gov, YEAR, tables)


def bench_indicators(ctx: BenchContext, label: str, scale: int) -> None:
    from fazhi.core.indicators import all_indicators, compute_all

    gov = scaledata.demo_county()
    compute_all(gov, YEAR)  # warm: registry, imports, connection
    spy = SqlTables()
    with connection.execute_wrapper(spy):
        compute_all(gov, YEAR)
    tables = sorted(spy.tables)
    seconds = median_time(lambda: compute_all(gov, YEAR))
    floor = median_time(floor_pass(gov, tables))
    ratio = seconds / floor if floor else float("inf")
    ctx.figure(f"{label}：全部指标 {len(all_indicators())}项（{scale}×，同心县{YEAR}）", seconds, "秒",
               goal="≤2秒；比值≤3", floor=floor, ok=seconds <= 2 and ratio <= 3,
               note=f"{spy.count:,}条SQL；下限=一条手写聚合SQL遍历同样的{len(tables)}张表")


# The big list pages measured (each that exists): model label, URL name, query strings that filter it.
LIST_PAGES = [
    ("enforcement.Case", "enforcement:case_list", ["q=马", f"year={YEAR}", "kind=penalty", "state=closed"]),
    ("disputes.MediationCase", "disputes:mediation_list", ["q=马", f"year={YEAR}"]),
    ("functions.Disclosure", "functions:disclosure_list", ["q=通知", f"year={YEAR}"]),
    ("legalservice.Consultation", "legalservice:consult_list", ["q=劳动", f"year={YEAR}"]),
]


def list_targets() -> list[tuple[type, str, list[str]]]:
    out = []
    for label, name, filters in LIST_PAGES:
        try:
            out.append((apps.get_model(label), reverse(name), filters))
        except (LookupError, NoReverseMatch):
            continue
    return out


def admin_client() -> Client:
    from fazhi.core.models import User

    client = Client()
    client.force_login(User.objects.get(username="fzb_admin"))
    return client


def grow_cases(ctx: BenchContext, label: str, target: int, log) -> None:
    """Bring the demo county's enforcement cases up to ``target`` (the issue's list pages are measured at
    500,000 cases; ``generate --scale 100`` gives about 55,000) by copying its cases whole, with their
    文书 and officers (``fazhi.enforcement.bench.copy_cases``)."""
    try:
        from fazhi.enforcement.bench import copy_cases
        from fazhi.enforcement.models import Case, CaseStep
    except ImportError:
        return
    gov = scaledata.demo_county()
    if Case.objects.count() >= target:
        return
    log(f"[{label}] 执法案件补足到 {target:,} 件……")
    start = time.perf_counter()
    with transaction.atomic(), scaledata.deferred_indexes([Case, CaseStep, Case.officers.through,
                                                           CaseStep.officers.through]):
        n = copy_cases(target, random.Random(f"list:{target}"), orgs=scaledata.county_orgs(gov))
    scaledata.analyze()  # planner statistics after the bulk copy (PostgreSQL list page: 6.9 s -> 0.56 s p95)
    secs = time.perf_counter() - start
    ctx.figure(f"{label}：补足执法案件至{Case.objects.count():,}件（复制案件及其文书、执法人员关联）",
               n / secs if secs else 0, "件/秒", note=f"{n:,}件，{secs:,.0f}秒")


def bench_list(ctx: BenchContext, label: str, requests: int, budget: float = 120) -> None:
    """p95 of each big list page over ``requests`` requests (first page, deep pages, search, filters);
    a page that takes longer than ``budget`` seconds in all is cut short once every variant ran once."""
    targets = list_targets()
    if not targets:
        ctx.figure(f"{label}：列表页 p95", 0, "秒", note="没有可测的列表页")
        return
    client = admin_client()
    for model, url, filters in targets:
        rows = model.objects.count()
        client.get(url)  # warm
        pages = [url, f"{url}?page=2", f"{url}?page=50", f"{url}?page=1000", *(f"{url}?{f}" for f in filters)]
        times, statuses = [], set()
        stop_at = time.monotonic() + budget
        for i in range(requests):
            start = time.perf_counter()
            resp = client.get(pages[i % len(pages)])
            times.append(time.perf_counter() - start)
            statuses.add(resp.status_code)
            if time.monotonic() > stop_at and i + 1 >= len(pages):  # a very slow page: every variant once, then stop
                break
        value = p95(times)
        ctx.figure(f"{label}：列表页 p95（{model._meta.verbose_name} {rows:,}条）", value, "秒", goal="≤1秒",
                   ok=value <= 1 and statuses <= {200},
                   note=f"{url}，{len(times)}次请求（首页、第2/50/1000页、检索、筛选）；p50 {statistics.median(times):.3f}秒；"
                        f"状态码{sorted(statuses)}")


def bench_search(ctx: BenchContext, label: str) -> None:
    """Full-text search p95 against a LIKE scan over the demo county's 20,984-document cleanup corpus."""
    try:
        from fazhi.normdocs.bench import search_vs_like
        from fazhi.normdocs.models import CorpusDoc
    except ImportError:
        return
    gov = scaledata.demo_county()
    docs = CorpusDoc.objects.filter(organization__in=scaledata.county_orgs(gov))
    search_vs_like(ctx, docs, prefix=f"{label}：")


def bench_docx(ctx: BenchContext, label: str, workdir: Path) -> None:
    try:
        from fazhi.reports import docx as rdocx
    except ImportError:
        ctx.figure(f"{label}：年度报告DOCX生成", 0, "秒", note="待年度报告模块（reports）提供 render_annual_report")
        return
    render = getattr(rdocx, "render_annual_report", None)
    if render is None:
        ctx.figure(f"{label}：年度报告DOCX生成", 0, "秒", note="reports.docx 没有 render_annual_report")
        return
    from fazhi.reports.models import AnnualReport

    gov = scaledata.demo_county()
    report = AnnualReport.objects.filter(organization=gov, year=YEAR).first()
    if report is None:
        ctx.figure(f"{label}：年度报告DOCX生成", 0, "秒", note="没有同心县2021年度报告（reports 示范数据未载入）")
        return
    out = workdir / "annual.docx"
    sizes = []

    def run():
        data = render(report)
        out.write_bytes(data)
        sizes.append(len(data))

    seconds = median_time(run, repeat=3)
    ctx.figure(f"{label}：年度报告DOCX生成（同心县{YEAR}，数字由{scaledata_label()}记录计算）", seconds, "秒",
               goal="≤10秒", ok=seconds <= 10, note=f"{sizes[-1] / 1024:,.0f} KB")


def scaledata_label() -> str:
    return f"{env_int('FAZHI_BENCH_SCALE', 100)}×"


# ------------------------------------------------------------------------------------ live server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn on loopback with the given DATABASE_URL (production settings: DEBUG off)."""

    def __init__(self, database_url: str, port: int, workers: int = 2, threads: int = 4, extra_env: dict | None = None,
                 log_path: Path | None = None):
        """The server's stderr is appended to ``log_path`` (default: a file in the temp dir), never to a pipe:
        an unread pipe fills up and then blocks every worker thread that logs (the hangs ``make soak`` saw)."""
        self.port = port
        self.log_path = Path(log_path or Path(tempfile.gettempdir()) / f"fazhi-gunicorn-{port}.log")
        root = Path(__file__).resolve().parents[2]
        env = dict(os.environ, DATABASE_URL=database_url, DEBUG="False", SECRET_KEY=secrets.token_urlsafe(40),
                   FAZHI_WORKING_YEAR=str(YEAR), ALLOWED_HOSTS="127.0.0.1,localhost", FAZHI_TESTING="False",
                   **(extra_env or {}))
        env.pop("SECRET_KEY_FILE", None)
        log = self.log_path.open("ab")  # the child keeps its own descriptor
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "fazhi.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
             "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning"],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.log_path.read_bytes()[-2000:].decode("utf-8", "replace")
                raise RuntimeError(f"gunicorn exited (log {self.log_path}): {tail}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start within 60 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def bench_portal(ctx: BenchContext, label: str, database_url: str, seconds: int, users: int) -> None:
    server = Gunicorn(database_url, free_port())
    try:
        crawl = loadgen.Recorder()
        pages = loadgen.portal_links(loadgen.Session("127.0.0.1", server.port, crawl), limit=80)

        def reader(i):
            def scenario(session: loadgen.Session, stop_at: float):
                j = i
                while time.monotonic() < stop_at:
                    session.request("GET", pages[j % len(pages)], label="portal")
                    j += 7
            return scenario

        rec = loadgen.run_users([reader(i) for i in range(users)], host="127.0.0.1", port=server.port,
                                seconds=seconds)
        s = rec.summary()
        ctx.figure(f"{label}：门户 吞吐（gunicorn 2进程×4线程，{users}并发，{seconds}秒）", s["rps"], "请求/秒",
                   note=f"{len(pages)}个门户页面轮流访问；{s['requests']:,}次请求，错误{s['errors']}")
        ctx.figure(f"{label}：门户 p95", s["p95"], "秒", goal="≤1秒；0错误", ok=s["p95"] <= 1 and s["errors"] == 0,
                   note=f"p50 {s['p50']:.3f}秒，p99 {s['p99']:.3f}秒" + (
                       f"；错误示例：{s['error_examples'][:2]}" if s["errors"] else ""))
    finally:
        server.stop()


def run(ctx: BenchContext, workdir: Path, log) -> None:
    scale = env_int("FAZHI_BENCH_SCALE", 100)
    list_requests = env_int("FAZHI_BENCH_LIST_REQUESTS", 40)
    list_cases = env_int("FAZHI_BENCH_LIST_CASES", 500_000)
    list_budget = env_int("FAZHI_BENCH_LIST_SECONDS", 120)
    portal_seconds = env_int("FAZHI_BENCH_PORTAL_SECONDS", 15)
    portal_users = env_int("FAZHI_BENCH_PORTAL_USERS", 16)

    # SQLite ----------------------------------------------------------------------------------
    path = workdir / "scale.sqlite3"
    use_database(sqlite_settings(path))
    prepare(ctx, "SQLite", scale, log)
    bench_indicators(ctx, "SQLite", scale)
    bench_docx(ctx, "SQLite", workdir)
    bench_search(ctx, "SQLite")
    grow_cases(ctx, "SQLite", list_cases, log)
    bench_list(ctx, "SQLite", list_requests, list_budget)
    connections["default"].close()
    log("[SQLite] 门户负载……")
    bench_portal(ctx, "SQLite", f"sqlite:///{path}", portal_seconds, portal_users)

    # PostgreSQL ------------------------------------------------------------------------------
    url = os.getenv("FAZHI_BENCH_PG", "postgres://postgres@127.0.0.1:5432/fazhi_bench")
    if url == "skip":
        ctx.figure("PostgreSQL", 0, "", note="FAZHI_BENCH_PG=skip：未测")
        return
    try:
        conf = recreate_postgres(url)
    except Exception as exc:  # noqa: BLE001 - an unreachable server is reported, not fatal
        ctx.figure("PostgreSQL", 0, "", note=f"无法连接 {url}：{type(exc).__name__}，未测")
        return
    conf["CONN_MAX_AGE"] = 0
    use_database(conf)
    prepare(ctx, "PostgreSQL", scale, log)
    bench_indicators(ctx, "PostgreSQL", scale)
    bench_docx(ctx, "PostgreSQL", workdir)
    bench_search(ctx, "PostgreSQL")
    grow_cases(ctx, "PostgreSQL", list_cases, log)
    bench_list(ctx, "PostgreSQL", list_requests, list_budget)
    connections["default"].close()
