from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("", views.index, name="index"),
    path("stats/", views.stats, name="stats"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<uuid:code>/edit/", views.body_edit, name="body_edit"),
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/<uuid:code>/edit/", views.officer_edit, name="officer_edit"),
    path("items/", views.item_list, name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<uuid:code>/edit/", views.item_edit, name="item_edit"),
    path("lists/", views.list_list, name="list_list"),
    path("lists/new/", views.list_create, name="list_create"),
    path("lists/<uuid:code>/edit/", views.list_edit, name="list_edit"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<uuid:code>/edit/", views.plan_edit, name="plan_edit"),
    path("targets/", views.target_list, name="target_list"),
    path("targets/new/", views.target_create, name="target_create"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/simple/", views.case_simple_create, name="case_simple_create"),
    path("cases/<uuid:code>/", views.case_detail, name="case_detail"),
    path("cases/<uuid:code>/edit/", views.case_edit, name="case_edit"),
    path("cases/<uuid:code>/do/<slug:step>/", views.case_step, name="case_step"),
    path("cases/<uuid:code>/dossier/", views.case_dossier, name="case_dossier"),
    path("draws/", views.draw_list, name="draw_list"),
    path("draws/new/", views.draw_create, name="draw_create"),
    path("draws/<uuid:code>/", views.draw_detail, name="draw_detail"),
    path("reviews/", views.campaign_list, name="campaign_list"),
    path("reviews/<uuid:code>/", views.campaign_detail, name="campaign_detail"),
    path("reviews/score/<uuid:code>/", views.review_score, name="review_score"),
]
