"""/reports/: evaluation reports (HTML, PDF) and survey exports."""

from django.urls import path

from ontmoeting.web.views import reports

urlpatterns = [
    path("", reports.report_index, name="reports"),
    path("trends/", reports.report_trends, name="report_trends"),
    path("trends/pdf/", reports.report_trends_pdf, name="report_trends_pdf"),
    path("<int:year>/", reports.report_edition, name="report_edition"),
    path("<int:year>/pdf/", reports.report_edition_pdf, name="report_edition_pdf"),
    path("<int:year>/export/", reports.report_exports, name="report_exports"),
    path(
        "<int:year>/export/identified/",
        reports.report_export_identified,
        name="report_export_identified",
    ),
    path("<int:year>/codebook.<str:fmt>", reports.report_codebook, name="report_codebook"),
    path("<int:year>/covariates/", reports.report_covariates, name="report_covariates"),
]
