"""`fazhi export LEDGER [-o FILE] [--as USERNAME]`: export a ledger (the same columns as its template).

With ``--as`` only what that user may see (``fazhi.core.scoping``) is exported. Audited (core.export).
"""
from django.core.management.base import BaseCommand

from fazhi.core.ledgers import run_export
from fazhi.core.management.commands._excel import actor_or_exit, ledger_or_exit


class Command(BaseCommand):
    help = "导出台账为Excel文件"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账名称，见 fazhi ledgers")
        parser.add_argument("-o", "--output", help="输出文件（默认 LEDGER-export.xlsx）")
        parser.add_argument("--as", dest="username", help="以该用户身份导出（只导出其可见的数据）")

    def handle(self, *args, ledger, output=None, username=None, **options):
        led = ledger_or_exit(ledger)
        actor = actor_or_exit(username)
        path = output or f"{led.name}-export.xlsx"
        count = run_export(led, path, actor=actor)
        self.stdout.write(f"已导出“{led.title}”{count}条：{path}")
