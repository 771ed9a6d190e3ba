from django.urls import path

from . import views_portal

app_name = "oversight_public"

urlpatterns = [
    path("", views_portal.index, name="index"),
]
