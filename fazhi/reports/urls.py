from django.urls import path

from fazhi.reports import views as v

app_name = "reports"

urlpatterns = [
    path("", v.report_list, name="report_list"),
    path("indicators/", v.indicator_list, name="indicator_list"),
    path("indicators/<str:code>/", v.indicator_records, name="indicator_records"),
    path("dashboard/", v.dashboard, name="dashboard"),
    path("dashboard/<slug:module>/", v.dashboard_module, name="dashboard_module"),
    path("annual/<uuid:code>/", v.report_detail, name="report_detail"),
    path("annual/<uuid:code>/edit/", v.report_edit, name="report_edit"),
    path("annual/<uuid:code>/step/", v.report_step, name="report_step"),
    path("annual/<uuid:code>/blocks/add/", v.block_add, name="block_add"),
    path("annual/<uuid:code>/blocks/<uuid:block>/", v.block_edit, name="block_edit"),
    path("annual/<uuid:code>/blocks/<uuid:block>/remove/", v.block_remove, name="block_remove"),
    path("annual/<uuid:code>/suggestions/", v.suggestions_refresh, name="suggestions_refresh"),
    path("annual/<uuid:code>/suggestions/<uuid:suggestion>/", v.suggestion_decide, name="suggestion_decide"),
    path("annual/<uuid:code>/download/<str:fmt>/", v.report_download, name="report_download"),
]
