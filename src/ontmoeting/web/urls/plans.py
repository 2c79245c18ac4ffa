"""Plans of one edition (included under ``editions/<edition_id>/plans/``)."""

from django.urls import path

from ontmoeting.web.views import plans

urlpatterns = [
    path("", plans.plan_list, name="plan-list"),
    path("make/", plans.plan_make, name="plan-make"),
    path("preview/", plans.plan_preview, name="plan-preview"),
    path("compare/", plans.plan_compare, name="plan-compare"),
    path("runs/<int:job_id>/", plans.plan_job, name="plan-job"),
    path("<int:version>/", plans.plan_detail, name="plan-detail"),
    path("<int:version>/edit/<slug:action>/", plans.plan_edit, name="plan-edit"),
    path("<int:version>/replan/", plans.plan_replan, name="plan-replan"),
    path("<int:version>/publish/", plans.plan_publish, name="plan-publish"),
    path("<int:version>/undo/", plans.plan_undo, name="plan-undo"),
]
