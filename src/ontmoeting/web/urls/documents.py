"""Printed documents and calendars of an edition (coordinators only)."""

from django.urls import path

from ontmoeting.web.views import documents

urlpatterns = [
    path("", documents.document_list, name="documents"),
    path("pack.zip", documents.document_pack, name="documents-pack"),
    path("<str:kind>/", documents.document_download, name="documents-download"),
]
