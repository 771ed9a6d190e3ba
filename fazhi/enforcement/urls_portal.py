from django.urls import path

from . import views_portal

app_name = "enforcement_public"

urlpatterns = [
    path("", views_portal.index, name="index"),
    path("officers/", views_portal.officers, name="officers"),
    path("items/", views_portal.items, name="items"),
    path("decisions/", views_portal.decisions, name="decisions"),
    path("draws/", views_portal.draws, name="draws"),
]
