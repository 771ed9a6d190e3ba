from django.urls import path
from django.views.generic import RedirectView

from fazhi.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="decisions:decision_list", query_string=True)),
    path("d/", views.decision_list, name="decision_list"),
    path("new/", views.decision_create, name="decision_create"),
    path("d/<uuid:code>/", views.decision_detail, name="decision_detail"),
    path("d/<uuid:code>/edit/", views.decision_edit, name="decision_edit"),
    path("d/<uuid:code>/step/<slug:step>/", views.decision_step, name="decision_step"),
    path("d/<uuid:code>/dossier/", views.dossier, name="dossier"),
    path("catalogs/", views.catalog_list, name="catalog_list"),
    path("catalogs/new/", views.catalog_create, name="catalog_create"),
    path("catalogs/<uuid:code>/", views.catalog_detail, name="catalog_detail"),
    path("catalogs/<uuid:code>/publish/", views.catalog_publish, name="catalog_publish"),
    path("catalogs/<uuid:code>/items/add/", views.item_add, name="item_add"),
    path("items/<uuid:code>/edit/", views.item_edit, name="item_edit"),
    path("items/<uuid:code>/remove/", views.item_remove, name="item_remove"),
    path("comments/", views.comment_list, name="comment_list"),
    path("comments/<uuid:code>/moderate/", views.comment_moderate, name="comment_moderate"),
    path("comments/<uuid:code>/adopt/", views.comment_adopt, name="comment_adopt"),
    path("advisers/", views.adviser_list, name="adviser_list"),
    path("advisers/new/", views.adviser_create, name="adviser_create"),
    path("advisers/<uuid:code>/edit/", views.adviser_edit, name="adviser_edit"),
    path("work/", views.work_list, name="work_list"),
    path("work/new/", views.work_create, name="work_create"),
    path("work/<uuid:code>/edit/", views.work_edit, name="work_edit"),
]
