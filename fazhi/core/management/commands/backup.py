"""``fazhi backup FILE``: the whole database and the attachment store in one file (see fazhi/core/backup.py)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "备份整个数据库和附件库到一个文件（tar）；用 fazhi restore 恢复。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件路径，如 fazhi-2021-12-31.tar")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(f"目录不存在：{path.parent}")
        try:
            result = create_backup(path)
        except BackupError as exc:
            raise CommandError(f"备份失败：{exc}") from exc
        self.stdout.write(f"已备份到 {result.path}：{result.tables} 张表，共 {result.rows:,} 行，附件文件 {result.files} 个")
        self.stdout.write(f"审计链：{result.audit['count']} 条，链尾哈希 {result.audit['last_hash']}")
