from django.urls import path

from fazhi.legalservice import views_portal

app_name = "legalservice_public"

urlpatterns = [
    path("", views_portal.points, name="points"),
]
