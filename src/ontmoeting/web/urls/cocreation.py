"""The mixed tables of a co-creation meeting (included under ``editions/<edition_id>/tables/``)."""

from django.urls import path

from ontmoeting.web.views import cocreation_tables as views

urlpatterns = [
    path("", views.tables, name="tables"),
    path("make/", views.tables_make, name="tables-make"),
    path("<int:version>/", views.tables_detail, name="tables-detail"),
    path("<int:version>/harvest/", views.tables_harvest, name="tables-harvest"),
    path(
        "<int:version>/harvest.<slug:fmt>",
        views.tables_harvest_export,
        name="tables-harvest-export",
    ),
    path("<int:version>/<slug:kind>.pdf", views.tables_document, name="tables-document"),
]
