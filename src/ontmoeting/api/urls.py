"""``/api/v1/``: the endpoints, ``openapi.json``, ``docs``; any other path is a problem 404."""

from django.urls import path, re_path

from ontmoeting.api.api import api
from ontmoeting.api.problems import not_found_view

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found_view),
]
