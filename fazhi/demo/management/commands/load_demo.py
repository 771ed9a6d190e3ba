"""manage.py load_demo — load the demo county 同心县 (idempotent).

First the county itself (regions, organizations, logins: ``fazhi.demo.loader``), then each domain
module's 2021 records: every installed ``fazhi.<app>`` that has a ``demo_records`` module with a
``load() -> str`` function (idempotent, one transaction each; returns a one-line summary).
"""
import importlib

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.choices import OrgKind
from fazhi.demo.loader import load_demo


def domain_loaders():
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi.") or config.name == "fazhi.demo":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo_records")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.demo_records":
                continue
            raise
        yield config.verbose_name, module.load


class Command(BaseCommand):
    help = "载入示范县（宁夏吴忠市同心县）的区划、单位、演示账号和各模块2021年记录；已存在则不重复载入。"

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
        for label, load in domain_loaders():
            try:
                summary = load()
            except ValidationError as exc:
                raise CommandError(f"{label}示范数据载入失败，该模块未写入任何数据：{exc}") from exc
            self.stdout.write(f"{label}：{summary}")
