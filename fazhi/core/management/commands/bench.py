"""`fazhi bench [--rows N] [--only NAME] [--configured-db] [--tracemalloc] [--no-scale] [--out FILE]`.

One run prints one table (figure, value, goal, floor, ratio) and writes it to ``--out``
(``make bench``: ``bench-results.md``). First the registered benches (``register_bench``: e.g. the
Excel import of 100,000 rows), then the scale suite (``fazhi/core/benchsuite.py``: indicators, list
pages, search, DOCX and portal load on the demo county at N×, on SQLite and on PostgreSQL) unless
``--only`` or ``--no-scale`` is given.

Where the data goes (default): a fresh SQLite database in a temporary directory, migrated for the
run and deleted afterwards — nothing touches the configured database and a fresh clone needs no
setup. ``--configured-db`` runs against the configured database (e.g. PostgreSQL via DATABASE_URL)
instead, inside one transaction that is rolled back at the end.
"""
from __future__ import annotations

import datetime
import os
import platform
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections, transaction

from fazhi.core.bench import BenchContext, format_figures, run_benches, step_figures


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "运行性能基准（默认10万行单位台账的生成、校验、导入、导出）"
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000, help="行数（默认100000）")
        parser.add_argument("--only", action="append", help="只运行指定的基准（可重复）")
        parser.add_argument("--configured-db", action="store_true",
                            help="使用已配置的数据库（在事务中运行并回滚），而不是临时SQLite数据库")
        parser.add_argument("--tracemalloc", action="store_true",
                            help="另统计Python分配峰值（tracemalloc，计时会慢2–4倍）；默认只报进程峰值内存 ru_maxrss")
        parser.add_argument("--no-scale", action="store_true", help="不运行规模基准（指标、列表、检索、DOCX、门户负载）")
        parser.add_argument("--out", help="把结果表写入此文件（Markdown）；auto：完整运行写 bench-results.md，缩小规模的快速运行写 bench-results-quick.md")

    def handle(self, *args, rows, only=None, configured_db=False, tracemalloc=False, no_scale=False, out=None,
               **options):
        no_tracemalloc = not tracemalloc
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
            workdir = Path(tmp)
            ctx = BenchContext(rows=rows, workdir=workdir, trace=not no_tracemalloc)
            if configured_db:
                where = f"已配置的数据库（{connections['default'].vendor}，事务回滚）"
                try:
                    with transaction.atomic():
                        self._seed()
                        run_benches(ctx, only)
                        raise _Rollback
                except _Rollback:
                    pass
            else:
                where = "临时SQLite数据库"
                self._use_temp_sqlite(workdir / "bench.sqlite3")
                call_command("migrate", verbosity=0, interactive=False)
                self._seed()
                run_benches(ctx, only)
                connections["default"].close()
            figures = step_figures(ctx.steps) + ctx.figures  # registered benches may add figures too
            if not (only or no_scale or configured_db):
                from fazhi.core import benchsuite

                scale_ctx = BenchContext(rows=rows, workdir=workdir, trace=False)
                benchsuite.run(scale_ctx, workdir, log=lambda m: self.stderr.write(m))
                figures += scale_ctx.figures
        header = (f"Fazhi 基准 {datetime.datetime.now():%Y-%m-%d %H:%M}：导入{rows:,}行（{where}）；"
                  f"规模 {os.getenv('FAZHI_BENCH_SCALE', '100')}×；Python {platform.python_version()}；"
                  f"{os.cpu_count()}核；{platform.platform()}；用时{time.perf_counter() - started:,.0f}秒")
        table = format_figures(figures)
        self.stdout.write(header)
        self.stdout.write(table)
        if out == "auto":  # make bench: the full run's figures are kept (committed); quick runs go elsewhere
            quick = rows != 100_000 or only or no_scale or any(k.startswith("FAZHI_BENCH_") for k in os.environ)
            out = "bench-results-quick.md" if quick else "bench-results.md"
        if out:
            Path(out).write_text(f"# {header}\n\n{table}\n", encoding="utf-8")
            self.stdout.write(f"已写入 {out}")

    @staticmethod
    def _use_temp_sqlite(path: Path) -> None:
        """Point the default connection at a new SQLite file (whatever the configured engine)."""
        connections["default"].close()
        conf = connections.configure_settings({"default": {
            "ENGINE": "django.db.backends.sqlite3", "NAME": str(path),
            "OPTIONS": {"init_command": "PRAGMA journal_mode = WAL;", "transaction_mode": "IMMEDIATE"},
        }})["default"]
        connections.settings["default"] = conf
        del connections["default"]

    @staticmethod
    def _seed() -> None:
        from fazhi.core.models import Organization
        from fazhi.core.testing import make_county

        if not Organization.objects.filter(parent__isnull=True, kind="government").exists():
            make_county(prefix="")
