"""fazhi report annual --org ORG --year YEAR --format docx|pdf|html -o FILE

Writes the annual 法治政府建设 report of ORG (name, short name or code) for YEAR. The report is the
saved one (its editable blocks) if it exists, otherwise the standard skeleton (nothing is saved).
"""
from __future__ import annotations

import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Organization
from fazhi.reports import template as tpl
from fazhi.reports.docx import render_annual_report
from fazhi.reports.models import AnnualReport, ReportBlock
from fazhi.reports.outputs import PdfUnavailable, render_html, render_pdf
from fazhi.reports.render import render_report
from fazhi.reports.services import default_title


def find_org(name: str) -> Organization:
    match = Organization.objects.filter(name=name) | Organization.objects.filter(short_name=name)
    try:
        match = match | Organization.objects.filter(code=uuid.UUID(name))
    except ValueError:
        pass
    found = list(match.select_related("region")[:2])
    if len(found) != 1:
        raise CommandError(f"未找到唯一的单位：{name}" if not found else f"单位名称不唯一：{name}，请用编码。", returncode=2)
    return found[0]


class Command(BaseCommand):
    help = "生成法治政府建设年度报告：report annual --org 单位 --year 年度 --format docx|pdf|html -o 文件"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual"], help="报告类型（annual：法治政府建设年度报告）")
        parser.add_argument("--org", required=True, help="单位名称、简称或编码（UUID）")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["docx", "pdf", "html"], default="docx")
        parser.add_argument("-o", "--output", required=True, help="输出文件")

    def handle(self, *args, kind, org, year, format, output, **options):
        if not 2000 <= year <= 2100:
            raise CommandError("年度应在2000至2100之间。", returncode=2)
        organization = find_org(org)
        report = AnnualReport.objects.filter(organization=organization, year=year).first()
        blocks = None
        if report is None:
            spec = tpl.load("standard")
            report = AnnualReport(organization=organization, year=year, title=default_title(organization, year),
                                  issuer=organization.name)
            blocks = [ReportBlock(organization=organization, part=b.part, level=b.level, heading=b.heading,
                                  body=b.body, seq=i) for i, b in enumerate(spec.blocks)]
            self.stderr.write(f"{organization.name}{year}年尚无保存的年度报告，按标准提纲生成（未保存）。")
        rendered = render_report(report, blocks)
        try:
            if format == "docx":
                data = render_annual_report(report, rendered)
            elif format == "pdf":
                data = render_pdf(report, rendered)
            else:
                data = render_html(report, rendered).encode("utf-8")
        except PdfUnavailable as exc:
            raise CommandError(str(exc), returncode=3) from exc
        Path(output).write_bytes(data)
        self.stdout.write(f"已生成：{output}（{report.title}，{len(data)} 字节）")
        if rendered.missing:
            self.stderr.write(f"尚未接入的指标（报告中以黄色标出，未填数字）：{'、'.join(rendered.missing)}")
