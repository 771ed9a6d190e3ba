from django.urls import path

from . import views

app_name = "disputes"

urlpatterns = [
    path("", views.index, name="index"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<uuid:code>/", views.review_detail, name="review_detail"),
    path("reviews/<uuid:code>/edit/", views.review_edit, name="review_edit"),
    path("reviews/<uuid:code>/do/<slug:action>/", views.review_action, name="review_action"),
    path("litigation/", views.litigation_list, name="litigation_list"),
    path("litigation/new/", views.litigation_create, name="litigation_create"),
    path("litigation/<uuid:code>/", views.litigation_detail, name="litigation_detail"),
    path("litigation/<uuid:code>/edit/", views.litigation_edit, name="litigation_edit"),
    path("litigation/<uuid:code>/do/<slug:action>/", views.litigation_action, name="litigation_action"),
    path("mediation/", views.mediation_list, name="mediation_list"),
    path("mediation/new/", views.mediation_create, name="mediation_create"),
    path("mediation/<uuid:code>/", views.mediation_detail, name="mediation_detail"),
    path("mediation/<uuid:code>/edit/", views.mediation_edit, name="mediation_edit"),
    path("mediation/<uuid:code>/do/<slug:action>/", views.mediation_action, name="mediation_action"),
    path("rooms/", views.room_list, name="room_list"),
    path("rooms/new/", views.room_create, name="room_create"),
    path("rooms/<uuid:code>/", views.room_detail, name="room_detail"),
    path("arbitration/", views.arbitration_list, name="arbitration_list"),
    path("arbitration/new/", views.arbitration_create, name="arbitration_create"),
    path("arbitration/<uuid:code>/", views.arbitration_detail, name="arbitration_detail"),
    path("stats/", views.stats, name="stats"),
]
