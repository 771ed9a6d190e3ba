"""`fazhi normdocs_catalog CSV [--out FILE]`: update the law catalog the cleanup screener matches citations
against, from a full catalog CSV (columns name, level, publish, expired, as in the national law database's
catalog.csv). Writes the compact catalog (default: the shipped fazhi/normdocs/data/law_catalog.csv, or
settings.NORMDOCS_LAW_CATALOG); a malformed file changes nothing."""
from django.core.management.base import BaseCommand, CommandError

from fazhi.normdocs import screening


class Command(BaseCommand):
    help = "从法律目录 CSV 更新规范性文件清理初筛使用的法律目录"

    def add_arguments(self, parser):
        parser.add_argument("csv", help="完整法律目录 CSV（name, level, publish, expired 列）")
        parser.add_argument("--out", default="", help="输出文件（默认：系统使用的法律目录）")

    def handle(self, *args, csv, out, **options):
        try:
            n = screening.compact_catalog(csv, out or None)
        except (OSError, ValueError) as exc:
            raise CommandError(f"法律目录未更新：{exc}") from exc
        self.stdout.write(f"法律目录已更新：{n} 条（{out or screening.catalog_path()}）")
