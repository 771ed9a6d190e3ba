"""同心县 2021: the annual report whose blocks are the seed report's prose, figures as placeholders."""
from __future__ import annotations

from django.db import transaction

from fazhi.core.choices import OrgKind
from fazhi.core.models import Organization
from fazhi.reports.models import AnnualReport
from fazhi.reports.services import report_create

YEAR = 2021
GOV_NAME = "同心县人民政府"


@transaction.atomic
def load() -> str:
    gov = Organization.objects.filter(name=GOV_NAME, kind=OrgKind.GOVERNMENT).first()
    if gov is None:
        return "未找到同心县人民政府（先载入示范县），未载入年度报告"
    if AnnualReport.objects.filter(organization=gov, year=YEAR).exists():
        return "已存在"
    report = report_create(actor=None, organization=gov, year=YEAR, template="tongxin_2021")
    return f"已载入：{report.title}（{report.blocks.count()}个段落，数字由指标计算）"
