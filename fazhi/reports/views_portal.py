"""Portal: the published annual reports (督察工作规定第二十四条: 每年4月1日之前向社会公开)."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.reports import selectors as sel
from fazhi.reports.render import render_report, signed_text


@require_safe
def index(request):
    return render(request, "reports/portal_index.html", {"reports": sel.published_reports()})


@require_safe
def detail(request, code):
    report = sel.published_reports().filter(code=code).first()
    if report is None:
        raise Http404("未找到该报告。")
    rendered = render_report(report)
    return render(request, "reports/portal_detail.html", {"report": report, "r": rendered,
                                                          "signed": signed_text(rendered.signed_on)})
