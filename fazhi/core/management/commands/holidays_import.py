"""``fazhi holidays_import FILE.csv --year 2027 --notice "国办发明电〔2026〕X号"``.

All or nothing: every row is checked first; any error is reported by line and nothing is saved
(exit code 2). On success the year's Holiday rows are replaced and the year is marked as entered
in full (its calendar then comes from the table only). CSV: ``date,kind,name``, kind 放假/上班.
"""
from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.holidays import holidays_import, parse_holiday_csv


class Command(BaseCommand):
    help = "从 CSV（date,kind,name）导入一年的节假日安排（国务院办公厅通知）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV 文件：date,kind,name，kind 为 放假/上班 或 holiday/workday")
        parser.add_argument("--year", required=True, help="年份，如 2027")
        parser.add_argument("--notice", required=True, help="通知文号或来源，如 国办发明电〔2026〕X号")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不保存")

    def handle(self, *args, **options):
        try:
            year = int(str(options["year"]).strip())
        except ValueError:
            raise CommandError(f"年份“{options['year']}”不正确，应为四位数字，如 2027。", returncode=2) from None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}", returncode=2)
        rows, errors = parse_holiday_csv(path.read_bytes(), year)
        if errors:
            raise CommandError("导入失败，未保存任何数据：\n" + "\n".join(errors), returncode=2)
        if options["dry_run"]:
            self.stdout.write(f"校验通过：{year} 年共 {len(rows)} 行（未保存，--dry-run）。")
            return
        try:
            holidays_import(actor=None, year=year, notice=options["notice"], rows=rows)
        except ValidationError as exc:
            raise CommandError("导入失败，未保存任何数据：" + "；".join(exc.messages), returncode=2) from None
        off = sum(r.kind == "holiday" for r in rows)
        self.stdout.write(f"已导入 {year} 年节假日安排：放假 {off} 天，调休上班 {len(rows) - off} 天"
                          f"（{options['notice']}）。该年期限按此表计算。")
