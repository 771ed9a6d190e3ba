from django.urls import path

from fazhi.decisions import views_portal

app_name = "decisions_public"

urlpatterns = [
    path("", views_portal.index, name="index"),
    path("catalog/<uuid:code>/", views_portal.catalog, name="catalog"),
    path("d/<uuid:code>/", views_portal.decision, name="decision"),
    path("d/<uuid:code>/comment/", views_portal.comment, name="comment"),
]
