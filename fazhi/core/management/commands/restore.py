"""``fazhi restore FILE --yes``: replace the database's content with a backup (see fazhi/core/backup.py)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, has_data, restore_backup


class Command(BaseCommand):
    help = "从 fazhi backup 生成的文件恢复整个数据库和附件库（数据库须已迁移到与备份相同的版本）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件路径")
        parser.add_argument("--yes", action="store_true", help="确认用备份替换当前数据库中的全部数据")

    def handle(self, *args, file, yes=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"备份文件不存在：{path}")
        if has_data() and not yes:
            raise CommandError("当前数据库已有数据，恢复将用备份替换全部数据。确认无误后加 --yes 重新运行。")
        try:
            result = restore_backup(path)
        except BackupError as exc:
            raise CommandError(f"恢复失败，数据库未改变：{exc}") from exc
        self.stdout.write(f"已恢复：{result.tables} 张表，共 {result.rows:,} 行，附件文件 {result.files} 个")
        self.stdout.write(f"审计链：{result.audit['count']} 条，链尾哈希 {result.audit['last_hash']}（已校验）")
