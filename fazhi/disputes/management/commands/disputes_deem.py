"""manage.py disputes_deem [--today YYYY-MM-DD] — 视为受理 every 行政复议 application whose review period
lapsed without a 不予受理 decision (行政复议法第三十条第二款; 2017年法第十七条第二款). Run daily (cron)."""
import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.disputes.services import review_sweep_deemed


class Command(BaseCommand):
    help = "将受理审查期限届满、未作出不予受理决定的行政复议申请办理为“视为受理”。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        try:
            n = review_sweep_deemed(today=today)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(f"视为受理 {n} 件。")
