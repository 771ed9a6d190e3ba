"""`fazhi normdocs_import_folder CAMPAIGN_TITLE FOLDER [--dry-run]`: import a folder of files into a cleanup
campaign's corpus (all-or-nothing; errors by file and line). Each .txt/.md/.docx file starts with "键：值"
lines (标题、制定机关、发文字号、印发日期、有效期至、是否公开), a blank line, then the text."""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.normdocs import services as sv
from fazhi.normdocs.models import Campaign


class Command(BaseCommand):
    help = "从文件夹导入清理文件库（全部成功才提交，逐文件报错）"

    def add_arguments(self, parser):
        parser.add_argument("campaign", help="清理工作名称")
        parser.add_argument("folder")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不保存")

    def handle(self, *args, campaign, folder, dry_run, **options):
        found = list(Campaign.objects.filter(title=campaign))
        if len(found) != 1:
            raise CommandError(f"清理工作“{campaign}”{'不存在' if not found else '不止一个'}。")
        try:
            rows = sv.read_folder(folder)
            with transaction.atomic():
                n = sv.corpus_import(actor=None, campaign=found[0], rows=rows, source=str(folder))
                if dry_run:
                    transaction.set_rollback(True)
        except ValidationError as exc:
            raise CommandError("导入未执行：\n" + "\n".join(exc.messages)) from exc
        self.stdout.write(f"{'校验通过' if dry_run else '已导入'}：{n} 件。")
