from django.urls import path

from fazhi.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/password/", views.password_change, name="password_change"),
    path("orgs/", views.org_list, name="org_list"),
    path("orgs/new/", views.org_create, name="org_create"),
    path("orgs/<uuid:code>/", views.org_detail, name="org_detail"),
    path("orgs/<uuid:code>/edit/", views.org_edit, name="org_edit"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
    path("users/<int:pk>/roles/", views.membership_add, name="membership_add"),
    path("users/<int:pk>/roles/<int:membership_id>/remove/", views.membership_remove, name="membership_remove"),
    path("users/<int:pk>/roles/<int:membership_id>/reads-county/", views.membership_reads_county,
         name="membership_reads_county"),
]
