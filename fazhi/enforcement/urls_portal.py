from django.urls import path  # noqa: F401

app_name = "enforcement_public"

urlpatterns: list = []
