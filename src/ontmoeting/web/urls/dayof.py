"""The day itself: the check-in desk and the presence board."""

from django.urls import path

from ontmoeting.web.views import dayof, dayof_desk

urlpatterns = [
    path("", dayof.day_index, name="day-index"),
    path("<int:edition_id>/desk/", dayof.desk, name="day-desk"),
    path("<int:edition_id>/desk/tap/", dayof.desk_tap, name="day-tap"),
    path("<int:edition_id>/desk/sync/", dayof_desk.desk_sync, name="day-desk-sync"),
    path("<int:edition_id>/board/", dayof.presence_board, name="day-board"),
    path("<int:edition_id>/repair/", dayof.repair, name="day-repair"),
    path("<int:edition_id>/lunch/", dayof.lunch, name="day-lunch"),
    path("<int:edition_id>/lunch.pdf", dayof.lunch_download, name="day-lunch-pdf"),
]
