"""``fazhi deadline RULE_CODE YYYY-MM-DD``: print the due date (ISO, first line) and the legal basis.

    fazhi deadline review.decision 2026-02-10
    fazhi deadline review.decision 2026-02-10 --pause 2026-02-20:2026-03-01   # 中止期间（含首尾）

Exit code 2 with a Chinese message for an unknown rule, a malformed date or missing holiday data.
"""
from __future__ import annotations

import datetime
import re

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.deadlines import MissingHolidayData, UnknownRule, explain_due, get_rule, rule_count_label


def parse_date(value: str, what: str) -> datetime.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(value)
        return datetime.date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise CommandError(f"{what}“{value}”格式不正确，应为 YYYY-MM-DD，如 2026-03-01。", returncode=2) from None


class Command(BaseCommand):
    help = "计算期限届满日：fazhi deadline 规则编码 起算日（YYYY-MM-DD）"

    def add_arguments(self, parser):
        parser.add_argument("rule_code", help="期限规则编码（fazhi rules 查看）")
        parser.add_argument("start", help="起算事件发生之日，YYYY-MM-DD（当日不计入）")
        parser.add_argument("--pause", action="append", default=[], metavar="FROM:TO",
                            help="中止期间，起止日期均计入中止，可重复，如 2026-02-20:2026-03-01")

    def handle(self, *args, **options):
        start = parse_date(options["start"], "起算日")
        pauses = []
        for raw in options["pause"]:
            a, sep, b = raw.partition(":")
            if not sep:
                raise CommandError(f"中止期间“{raw}”格式不正确，应为 起始日:结束日。", returncode=2)
            pa, pb = parse_date(a, "中止起始日"), parse_date(b, "中止结束日")
            if pb < pa:
                raise CommandError(f"中止期间“{raw}”的结束日早于起始日。", returncode=2)
            pauses.append((pa, pb))
        try:
            rule = get_rule(options["rule_code"].strip())
            result = explain_due(rule, start, pauses)
        except UnknownRule as exc:
            raise CommandError(str(exc), returncode=2) from None
        except MissingHolidayData as exc:
            raise CommandError(str(exc), returncode=2) from None
        out = self.stdout
        out.write(result.due.isoformat())
        out.write(f"规则：{rule.code} {rule.name}")
        out.write(f"依据：{rule.legal_basis}")
        out.write(f"期限：{rule_count_label(rule)}，起算事件：{rule.start_event}"
                  f"{'，末日遇休息日顺延' if rule.roll_forward else ''}")
        if rule.verification != "V":
            out.write(f"核实状态：{rule.get_verification_display()}")
        for step in result.steps:
            out.write(f"  · {step}")
