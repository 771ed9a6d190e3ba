"""``fazhi rules``: list the deadline rules (code, name, count + unit, legal basis)."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from fazhi.core.deadlines import rule_count_label
from fazhi.core.models import DeadlineRule


class Command(BaseCommand):
    help = "列出期限规则：编码、名称、期限、法律依据"

    def add_arguments(self, parser):
        parser.add_argument("prefix", nargs="?", default="", help="只列出以此开头的编码，如 review.")

    def handle(self, *args, **options):
        rules = DeadlineRule.objects.filter(code__startswith=options["prefix"]).order_by("code")
        for r in rules:
            flags = []
            if r.verification != "V":
                flags.append(r.verification)
            if r.province_configurable:
                flags.append("可配置" + ("" if r.count == r.national_default else f"，全国默认{r.national_default}"))
            extra = f" [{'；'.join(flags)}]" if flags else ""
            self.stdout.write(f"{r.code}\t{r.name}\t{rule_count_label(r)}\t{r.legal_basis}{extra}")
        if not rules:
            self.stdout.write("没有期限规则。")
