from django.urls import path

from . import views as v

app_name = "oversight"

urlpatterns = [
    path("", v.index, name="index"),
    path("meetings/", v.meeting_list, name="meetings"),
    path("meetings/new/", v.meeting_create, name="meeting_create"),
    path("meetings/<uuid:code>/", v.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:code>/edit/", v.meeting_edit, name="meeting_edit"),
    path("studies/", v.study_list, name="studies"),
    path("studies/new/", v.study_create, name="study_create"),
    path("studies/<uuid:code>/edit/", v.study_edit, name="study_edit"),
    path("trainings/", v.training_list, name="trainings"),
    path("trainings/new/", v.training_create, name="training_create"),
    path("trainings/<uuid:code>/", v.training_detail, name="training_detail"),
    path("trainings/<uuid:code>/edit/", v.training_edit, name="training_edit"),
    path("plans/new/", v.plan_create, name="plan_create"),
    path("plans/<uuid:code>/", v.plan_detail, name="plan_detail"),
    path("tasks/", v.task_list, name="tasks"),
    path("tasks/<uuid:code>/", v.task_detail, name="task_detail"),
    path("tasks/<uuid:code>/edit/", v.task_edit, name="task_edit"),
    path("inspections/", v.inspection_list, name="inspections"),
    path("inspections/new/", v.inspection_create, name="inspection_create"),
    path("inspections/<uuid:code>/", v.inspection_detail, name="inspection_detail"),
    path("inspections/<uuid:code>/edit/", v.inspection_edit, name="inspection_edit"),
    path("findings/<uuid:code>/", v.finding_detail, name="finding_detail"),
    path("findings/<uuid:code>/edit/", v.finding_edit, name="finding_edit"),
    path("duty-reports/", v.duty_list, name="duty_reports"),
    path("duty-reports/new/", v.duty_create, name="duty_create"),
    path("duty-reports/<uuid:code>/", v.duty_detail, name="duty_detail"),
    path("duty-reports/<uuid:code>/edit/", v.duty_edit, name="duty_edit"),
    path("assessments/", v.assessment_list, name="assessments"),
    path("assessments/new/", v.assessment_create, name="assessment_create"),
    path("assessments/<uuid:code>/", v.assessment_detail, name="assessment_detail"),
    path("assessments/<uuid:code>/export.xlsx", v.assessment_export, name="assessment_export"),
    path("assessments/<uuid:code>/transition/", v.assessment_transition, name="assessment_transition"),
    path("targets/<uuid:code>/", v.target_detail, name="target_detail"),
    path("appeals/<uuid:code>/decide/", v.appeal_decide, name="appeal_decide"),
]
