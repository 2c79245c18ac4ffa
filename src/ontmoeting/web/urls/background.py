"""/background/: the coordinators' page of background tasks."""

from django.urls import path

from ontmoeting.web.views import background

urlpatterns = [
    path("", background.background_tasks, name="background-tasks"),
]
