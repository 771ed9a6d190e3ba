from django.urls import path

from fazhi.normdocs import views

app_name = "normdocs"

urlpatterns = [
    path("", views.doc_list, name="doc_list"),
    path("new/", views.doc_create, name="doc_create"),
    path("search/", views.search_page, name="search"),
    path("d/<uuid:code>/", views.doc_detail, name="doc_detail"),
    path("d/<uuid:code>/edit/", views.doc_edit, name="doc_edit"),
    path("d/<uuid:code>/step/<str:step>/", views.doc_step, name="doc_step"),
    path("cleanup/", views.campaign_list, name="campaign_list"),
    path("cleanup/new/", views.campaign_create, name="campaign_create"),
    path("cleanup/<uuid:code>/", views.campaign_detail, name="campaign_detail"),
    path("cleanup/<uuid:code>/criteria/add/", views.criterion_add, name="criterion_add"),
    path("cleanup/<uuid:code>/screen/", views.campaign_screen, name="campaign_screen"),
    path("cleanup/<uuid:code>/publish/", views.campaign_publish_results, name="campaign_publish_results"),
    path("cleanup/<uuid:code>/docs/", views.corpus_list, name="corpus_list"),
    path("criteria/<uuid:code>/edit/", views.criterion_edit, name="criterion_edit"),
    path("corpus/<uuid:code>/", views.corpus_detail, name="corpus_detail"),
    path("flags/<uuid:code>/dismiss/", views.flag_dismiss, name="flag_dismiss"),
]
