from django.urls import path  # noqa: F401

app_name = "legalservice_public"

urlpatterns: list = []
