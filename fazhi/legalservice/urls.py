from django.urls import path

from fazhi.legalservice import views

app_name = "legalservice"

urlpatterns = [
    path("", views.index, name="index"),
    path("aid/", views.aid_list, name="aid_list"),
    path("aid/apply/", views.aid_apply, name="aid_apply"),
    path("aid/notice/", views.aid_notice, name="aid_notice"),
    path("aid/<uuid:code>/", views.aid_detail, name="aid_detail"),
    path("aid/<uuid:code>/edit/", views.aid_edit, name="aid_edit"),
    path("aid/<uuid:code>/<slug:step>/", views.aid_step, name="aid_step"),
    path("lawyers/", views.lawyer_list, name="lawyer_list"),
    path("lawyers/new/", views.lawyer_create, name="lawyer_create"),
    path("lawyers/<uuid:code>/edit/", views.lawyer_edit, name="lawyer_edit"),
    path("notary/", views.notary_list, name="notary_list"),
    path("notary/new/", views.notary_create, name="notary_create"),
    path("notary/<uuid:code>/", views.notary_detail, name="notary_detail"),
    path("notary/<uuid:code>/edit/", views.notary_edit, name="notary_edit"),
    path("consultations/", views.consult_list, name="consult_list"),
    path("consultations/new/", views.consult_create, name="consult_create"),
    path("consultations/<uuid:code>/", views.consult_detail, name="consult_detail"),
    path("consultations/<uuid:code>/edit/", views.consult_edit, name="consult_edit"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<uuid:code>/", views.activity_detail, name="activity_detail"),
    path("activities/<uuid:code>/edit/", views.activity_edit, name="activity_edit"),
    path("activity-kinds/", views.kind_list, name="kind_list"),
    path("activity-kinds/new/", views.kind_create, name="kind_create"),
    path("activity-kinds/<uuid:code>/edit/", views.kind_edit, name="kind_edit"),
    path("points/", views.point_list, name="point_list"),
    path("points/new/", views.point_create, name="point_create"),
    path("points/<uuid:code>/", views.point_detail, name="point_detail"),
    path("points/<uuid:code>/edit/", views.point_edit, name="point_edit"),
]
