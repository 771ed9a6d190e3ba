"""`fazhi import LEDGER FILE [--dry-run] [--as USERNAME]`: validate and import an .xlsx file.

All or nothing: any error → nothing saved, the errors are printed (in Chinese, by row and column)
and the exit code is 2. Without ``--as`` the import runs as the system (the server's operator).
"""
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.ledgers import run_import
from fazhi.core.management.commands._excel import INVALID, actor_or_exit, ledger_or_exit


class Command(BaseCommand):
    help = "从Excel文件导入台账（全部成功或全部不导入）"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账名称，见 fazhi ledgers")
        parser.add_argument("file", help=".xlsx 文件")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不保存")
        parser.add_argument("--as", dest="username", help="以该用户身份导入（按其权限）")

    def handle(self, *args, ledger, file, dry_run=False, username=None, **options):
        led = ledger_or_exit(ledger)
        actor = actor_or_exit(username)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件“{file}”不存在。", returncode=INVALID)
        try:
            result = run_import(led, path, actor=actor, dry_run=dry_run, filename=path.name)
        except PermissionDenied as exc:
            raise CommandError(str(exc) or "没有权限。", returncode=INVALID) from None
        if not result.ok:
            for line in result.messages():
                self.stderr.write(line)
            raise CommandError(f"校验未通过：共{result.error_count}处错误，未保存任何数据。", returncode=INVALID)
        skipped = f"（已跳过示例行：第{'、'.join(map(str, result.skipped_rows))}行）" if result.skipped_rows else ""
        if dry_run:
            self.stdout.write(f"校验通过：“{led.title}”{result.rows}行数据均可导入（试运行，未保存）{skipped}。")
        else:
            self.stdout.write(f"导入成功：“{led.title}”新增{result.created}条（审计事件 #{result.audit_event_id}，"
                              f"文件SHA-256 {result.sha256}）{skipped}。")
