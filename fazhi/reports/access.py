"""Access-matrix registrations of 年度报告与指标 (see fazhi/core/access_registry.py)."""
from __future__ import annotations

from fazhi.core.access_registry import (marker, register_factory, register_list_route, register_object_route,
                                        register_portal_route, register_public_route, register_unscoped_route)
from fazhi.core.models import Deadline
from fazhi.reports import services as sv
from fazhi.reports.choices import Part, SuggestionSource
from fazhi.reports.models import AnnualReport, ReportBlock, Suggestion

_YEARS: dict[int, int] = {}


def _report(org, actor):
    # One report per organization and year: each call takes the next free year (2040, 2041 …; the
    # chinese-calendar data ends in 2026, but the report's 3月1日/4月1日 deadlines roll forward
    # only over years with data, so use years the bundled calendar covers).
    year = 2019 - AnnualReport.objects.filter(organization=org).count()
    return sv.report_create(actor=actor, organization=org, year=year, title=marker("年度报告"))


def _block(org, actor):
    report = _report(org, actor)
    return sv.block_add(actor=actor, report=report, part=Part.SHORTCOMINGS, body=marker("段落"))


def _suggestion(org, actor):
    report = _report(org, actor)
    # Test fixture only: a plain row (the service adds suggestions only for real findings).
    return Suggestion.objects.create(organization=org, report=report, source=SuggestionSource.REPEATED,
                                     key=marker("建议"), text=marker("建议内容"))


register_factory(AnnualReport, _report)
register_factory(ReportBlock, _block)
register_factory(Suggestion, _suggestion)

register_object_route("reports:report_detail", AnnualReport)
register_object_route("reports:report_edit", AnnualReport,
                      body={"title": "修改后的标题", "issuer": "某单位", "submitted_to": "县委、县人大常委会"})
register_object_route("reports:report_step", AnnualReport, body={"action": "review"})
register_object_route("reports:block_add", AnnualReport, body={"part": "shortcomings", "body": "新增段落"})
register_object_route("reports:suggestions_refresh", AnnualReport)
register_object_route("reports:report_download", AnnualReport, kwargs=lambda r: {"code": r.code, "fmt": "html"})
register_object_route("reports:block_edit", ReportBlock, kwargs=lambda b: {"code": b.report.code, "block": b.code},
                      body={"heading": "", "body": "修改后的段落"})
register_object_route("reports:block_remove", ReportBlock, kwargs=lambda b: {"code": b.report.code, "block": b.code})
register_object_route("reports:suggestion_decide", Suggestion,
                      kwargs=lambda s: {"code": s.report.code, "suggestion": s.code}, body={"decision": "reject"})
register_object_route("api:rep_report_get", AnnualReport)

register_list_route("reports:report_list", AnnualReport, markers=lambda r: [r.title])
register_list_route("api:rep_report_list", AnnualReport, markers=lambda r: [r.title])
# Provenance: the records behind a figure. The overdue-deadline indicator lists core Deadlines; the
# matrix's deadline factory makes one overdue in 2024, which only its owner may see.
register_list_route("reports:indicator_records#deadlines", Deadline, kwargs={"code": "reports.overdue_deadlines"},
                    query={"year": "2024"}, markers=lambda d: [d.title])
register_list_route("api:rep_indicator_records#deadlines", Deadline, kwargs={"code": "reports.overdue_deadlines"},
                    query={"year": "2024"}, markers=lambda d: [d.title])

register_unscoped_route("reports:indicator_records", "参数是指标代码，不是记录；记录按用户可见范围筛选（见上面的列表检查）",
                        kwargs={"code": "reports.overdue_deadlines"})
register_unscoped_route("api:rep_indicator_records", "参数是指标代码，不是记录；记录按用户可见范围筛选",
                        kwargs={"code": "reports.overdue_deadlines"})
register_unscoped_route("reports:dashboard_module", "参数是模块名称，不是记录；数字按用户可见范围计算",
                        kwargs={"module": "reports"})

register_public_route("reports_public:*", "公众门户：只显示已公开的年度报告（督察工作规定第二十四条）")


def _publish_report(report, actor):
    """审核 → 报送 → 公开 (督察工作规定第二十四条), through the services."""
    import datetime

    today = datetime.date.today()
    sv.report_send_to_review(actor=actor, report=report)
    sv.report_submit(actor=actor, report=report, submitted_on=today)
    sv.report_publish(actor=actor, report=report, published_on=today)


register_portal_route("reports_public:detail", AnnualReport, publish=_publish_report)
