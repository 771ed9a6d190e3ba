"""Attachments, record history and the audit log (namespace ``files``), mounted at /files/."""
from django.urls import path

from fazhi.core import views_attachments as views
from fazhi.core import views_audit

app_name = "files"

urlpatterns = [
    path("", views.attachment_index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("<uuid:code>/download/", views.download, name="download"),
    path("<uuid:code>/withdraw/", views.withdraw, name="withdraw"),
    path("record/<str:target_type>/<str:target_id>/", views.record_attachments, name="record"),
    path("history/<str:target_type>/<str:target_id>/", views.history, name="history"),
    path("audit/", views_audit.audit_log_page, name="audit"),
    path("audit/export/", views_audit.audit_export, name="audit_export"),
    path("audit/verify/", views_audit.audit_verify, name="audit_verify"),
]
