"""fazhi indicators --org ORG --year YEAR [--format json|table]: every indicator's code, name and value."""
import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.indicators import compute_all
from fazhi.core.models import Organization


class Command(BaseCommand):
    help = "计算某单位某年度的全部指标（--org 单位名称或编码，--year 年度）。"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="单位名称、简称或编码（UUID）")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, org, year, format, **options):
        match = Organization.objects.filter(name=org) | Organization.objects.filter(short_name=org)
        try:
            import uuid

            match = match | Organization.objects.filter(code=uuid.UUID(org))
        except ValueError:
            pass
        found = list(match.select_related("region")[:2])
        if len(found) != 1:
            raise CommandError(f"未找到唯一的单位：{org}" if not found else f"单位名称不唯一：{org}，请用编码。", returncode=2)
        rows = compute_all(found[0], year)
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2,
                                         default=lambda v: float(v) if isinstance(v, Decimal) else str(v)))
        else:
            for r in rows:
                self.stdout.write(f"{r['section']:<8}{r['code']:<48}{r['name']}：{r['value']}{r['unit']}")
