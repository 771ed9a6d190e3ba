from django.urls import path

from fazhi.functions import views_portal

app_name = "functions_public"

urlpatterns = [
    path("", views_portal.index, name="index"),
    path("power/", views_portal.power_list, name="power_list"),
    path("disclosures/", views_portal.disclosures, name="disclosures"),
    path("credit/", views_portal.credit, name="credit"),
    path("reports/", views_portal.reports, name="reports"),
]
