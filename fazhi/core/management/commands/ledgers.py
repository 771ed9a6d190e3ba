"""`fazhi ledgers`: list the registered ledgers (台账) that can be imported and exported."""
from django.core.management.base import BaseCommand

from fazhi.core.ledgers import all_ledgers


class Command(BaseCommand):
    help = "列出可导入/导出的台账"

    def handle(self, *args, **options):
        for ledger in all_ledgers():
            cols = "、".join(c.header + ("*" if c.required else "") for c in ledger.columns)
            self.stdout.write(f"{ledger.name}\t{ledger.title}\t{cols}")
