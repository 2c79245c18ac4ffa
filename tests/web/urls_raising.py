"""A URL configuration for the error-page tests: the real one plus a view that crashes."""

from django.urls import include, path


def crash(request):
    raise RuntimeError("internal detail: table foo has no column bar")


urlpatterns = [
    path("crash/", crash),
    path("", include("ontmoeting.config.urls")),
]
