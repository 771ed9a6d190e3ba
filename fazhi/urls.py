from django.urls import include, path

from fazhi.api.api import api

urlpatterns = [
    path("", include("fazhi.core.urls")),             # shell: login, home, organizations, users (namespace core)
    path("calendar/", include("fazhi.core.urls_calendar")),  # holidays, deadline rules, deadline board (calendar)
    path("excel/", include("fazhi.core.urls_excel")),        # templates, import, export of ledgers (excel)
    path("files/", include("fazhi.core.urls_attachments")),  # attachments and record history (files)
    path("legalservice/", include("fazhi.legalservice.urls")),  # 公共法律服务 (legalservice)
    path("disputes/", include("fazhi.disputes.urls")),          # 矛盾纠纷化解 (disputes)
    path("oversight/", include("fazhi.oversight.urls")),        # 统筹督察 (oversight)
    path("decisions/", include("fazhi.decisions.urls")),        # 重大行政决策 (decisions)
    path("enforcement/", include("fazhi.enforcement.urls")),    # 行政执法 (enforcement)
    path("normdocs/", include("fazhi.normdocs.urls")),          # 行政规范性文件 (normdocs)
    path("functions/", include("fazhi.functions.urls")),        # 政府职能 (functions)
    path("reports/", include("fazhi.reports.urls")),            # 指标、看板、年度报告 (reports)
    path("portal/", include("fazhi.portal.urls")),              # public portal (portal)
    path("portal/legalservice/", include("fazhi.legalservice.urls_portal")),
    path("portal/disputes/", include("fazhi.disputes.urls_portal")),
    path("portal/oversight/", include("fazhi.oversight.urls_portal")),
    path("portal/decisions/", include("fazhi.decisions.urls_portal")),
    path("portal/enforcement/", include("fazhi.enforcement.urls_portal")),
    path("portal/normdocs/", include("fazhi.normdocs.urls_portal")),
    path("portal/functions/", include("fazhi.functions.urls_portal")),
    path("portal/reports/", include("fazhi.reports.urls_portal")),
    path("api/", api.urls),
]

# /api/ paths that match no route answer JSON like the rest of the API; others the 404.html page.
handler404 = "fazhi.api.errors.page_not_found"
# A database outage (PostgreSQL restarting) answers 503 with a Chinese page, other errors the 500 page.
handler500 = "fazhi.core.unavailable.server_error"
