"""`fazhi bench [--rows N] [--only NAME] [--configured-db] [--no-tracemalloc]`: run the benchmarks.

Where the data goes (default): a fresh SQLite database in a temporary directory, migrated for the
run and deleted afterwards — nothing touches the configured database and a fresh clone needs no
setup. ``--configured-db`` runs against the configured database (e.g. PostgreSQL via DATABASE_URL)
instead, inside one transaction that is rolled back at the end.
"""
from __future__ import annotations

import os
import platform
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections, transaction

from fazhi.core.bench import BenchContext, format_table, run_benches


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

    def handle(self, *args, rows, only=None, configured_db=False, tracemalloc=False, **options):
        no_tracemalloc = not tracemalloc
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
        self.stdout.write(f"Fazhi 基准：{rows:,}行；数据库：{where}；Python {platform.python_version()}；"
                          f"{os.cpu_count()}核；tracemalloc {'关' if no_tracemalloc else '开（会拖慢计时）'}")
        self.stdout.write(format_table(ctx.steps))

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
