"""manage.py load_demo — load the demo county 同心县 (idempotent)."""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.choices import OrgKind
from fazhi.demo.loader import load_demo


class Command(BaseCommand):
    help = "载入示范县（宁夏吴忠市同心县）的区划、单位和演示账号；已存在则不重复载入。"

    def handle(self, *args, **options):
        try:
            result = load_demo()
        except ValidationError as exc:
            raise CommandError(f"示范县数据载入失败，未写入任何数据：{exc}") from exc
        self.stdout.write(result.message)
        labels = dict(OrgKind.choices)
        for kind, n in result.counts.items():
            if n:
                self.stdout.write(f"  {labels[kind]}：{n}")
        if result.loaded:
            self.stdout.write(f"  演示账号：{len(result.users)} 个（运行 demo_logins 查看）")
