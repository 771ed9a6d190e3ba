from django.urls import path

from fazhi.normdocs import views_portal

app_name = "normdocs_public"

urlpatterns = [
    path("", views_portal.index, name="index"),
    path("d/<uuid:code>/", views_portal.doc, name="doc"),
    path("d/<uuid:code>/comment/", views_portal.comment, name="comment"),
    path("cleanup/<uuid:code>/", views_portal.cleanup, name="cleanup"),
]
