"""`fazhi template LEDGER [-o FILE]`: write the ledger's import template (.xlsx)."""
from django.core.management.base import BaseCommand

from fazhi.core.ledgers import write_template
from fazhi.core.management.commands._excel import ledger_or_exit


class Command(BaseCommand):
    help = "生成台账的Excel导入模板"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账名称，见 fazhi ledgers")
        parser.add_argument("-o", "--output", help="输出文件（默认 LEDGER-template.xlsx）")

    def handle(self, *args, ledger, output=None, **options):
        led = ledger_or_exit(ledger)
        path = output or f"{led.name}-template.xlsx"
        write_template(led, path)
        self.stdout.write(f"已生成“{led.title}”导入模板：{path}")
