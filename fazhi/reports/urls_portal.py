from django.urls import path

from fazhi.reports import views_portal as v

app_name = "reports_public"

urlpatterns = [
    path("", v.index, name="index"),
    path("<uuid:code>/", v.detail, name="detail"),
]
