from django.urls import path

from fazhi.functions import views

app_name = "functions"

urlpatterns = [
    path("", views.index, name="index"),
    path("power/", views.power_list, name="power_list"),
    path("power/new/", views.power_add, name="power_add"),
    path("power/<uuid:code>/", views.power_detail, name="power_detail"),
    path("power/<uuid:code>/change/", views.power_change, name="power_change"),
    path("power/<uuid:code>/correct/", views.power_correct, name="power_correct"),
    path("power/<uuid:code>/adjust/<slug:kind>/", views.power_adjust, name="power_adjust"),
    path("adjustments/", views.adjustment_list, name="adjustment_list"),
    path("services/", views.service_list, name="service_list"),
    path("services/new/", views.service_create, name="service_create"),
    path("services/<uuid:code>/edit/", views.service_edit, name="service_edit"),
    path("services/check/", views.consistency, name="consistency"),
    path("services/upper/", views.upper_list, name="upper_list"),
    path("disclosures/", views.disclosure_list, name="disclosure_list"),
    path("disclosures/new/", views.disclosure_create, name="disclosure_create"),
    path("disclosures/<uuid:code>/edit/", views.disclosure_edit, name="disclosure_edit"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<uuid:code>/", views.request_detail, name="request_detail"),
    path("requests/<uuid:code>/edit/", views.request_edit, name="request_edit"),
    path("requests/<uuid:code>/step/<slug:step>/", views.request_step, name="request_step"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<uuid:code>/edit/", views.report_edit, name="report_edit"),
    path("media/", views.media_list, name="media_list"),
    path("media/new/", views.media_create, name="media_create"),
    path("media/<uuid:code>/edit/", views.media_edit, name="media_edit"),
    path("credit/", views.credit_list, name="credit_list"),
    path("credit/new/<slug:kind>/", views.credit_create, name="credit_create"),
    path("credit/export/<slug:kind>.csv", views.credit_csv, name="credit_csv"),
    path("credit/<uuid:code>/", views.credit_detail, name="credit_detail"),
    path("credit/<uuid:code>/edit/", views.credit_edit, name="credit_edit"),
    path("credit/<uuid:code>/step/<slug:step>/", views.credit_step, name="credit_step"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<uuid:code>/edit/", views.activity_edit, name="activity_edit"),
]
