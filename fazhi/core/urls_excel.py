from django.urls import path

from fazhi.core import views_excel

app_name = "excel"

urlpatterns = [
    path("", views_excel.index, name="index"),
    path("<slug:ledger>/template.xlsx", views_excel.template, name="template"),
    path("<slug:ledger>/export.xlsx", views_excel.export, name="export"),
    path("<slug:ledger>/import/", views_excel.import_upload, name="import"),
    path("<slug:ledger>/import/commit/", views_excel.import_commit, name="commit"),
]
