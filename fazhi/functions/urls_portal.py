from django.urls import path  # noqa: F401

app_name = "functions_public"

urlpatterns: list = []
