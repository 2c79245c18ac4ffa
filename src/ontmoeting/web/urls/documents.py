"""Printed documents and calendars of an edition (coordinators only)."""

from django.urls import path

from ontmoeting.web.views import documents

urlpatterns = [
    path("", documents.document_list, name="documents"),
    path("pack.zip", documents.document_pack, name="documents-pack"),
    path("pack/make/", documents.document_pack_make, name="documents-pack-make"),
    path("pack/status/", documents.document_pack_status, name="documents-pack-status"),
    path("<str:kind>/", documents.document_download, name="documents-download"),
]
