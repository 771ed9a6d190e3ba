"""manage.py demo_logins — print the demo accounts (demo password only; never use in production)."""
import unicodedata

from django.core.management.base import BaseCommand

from fazhi.demo.loader import demo_logins

URL = "http://127.0.0.1:8000/"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "列出示范县演示账号（用户名 / 密码 / 角色 / 单位）。"

    def handle(self, *args, **options):
        rows = demo_logins()
        if not rows:
            self.stdout.write("尚未载入示范县数据，请先运行：manage.py load_demo")
            return
        header = {"username": "用户名", "password": "密码", "name": "姓名", "role": "角色", "organization": "单位"}
        cols = list(header)
        widths = {c: max(_width(header[c]), *(_width(r[c]) for r in rows)) for c in cols}
        self.stdout.write(f"示范县（同心县）演示账号 —— 访问 {URL}")
        self.stdout.write("  ".join(_pad(header[c], widths[c]) for c in cols).rstrip())
        self.stdout.write("  ".join("-" * widths[c] for c in cols))
        for r in rows:
            self.stdout.write("  ".join(_pad(r[c], widths[c]) for c in cols).rstrip())
        self.stdout.write("以上密码仅用于演示，正式部署前必须删除这些账号或修改密码。")
