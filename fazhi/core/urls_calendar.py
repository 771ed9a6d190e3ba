from django.urls import path

from fazhi.core import views_calendar as v

app_name = "calendar"

urlpatterns = [
    path("board/", v.board, name="board"),
    path("board/export/", v.board_export, name="board_export"),
    path("holidays/", v.holiday_list, name="holidays"),
    path("holidays/set/", v.holiday_set, name="holiday_set"),
    path("holidays/import/", v.holiday_import, name="holiday_import"),
    path("holidays/<str:day>/remove/", v.holiday_remove, name="holiday_remove"),
    path("rules/", v.rule_list, name="rules"),
    path("rules/<str:code>/", v.rule_edit, name="rule_edit"),
    path("compute/", v.compute, name="compute"),
]
