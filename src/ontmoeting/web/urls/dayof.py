"""The day itself: the check-in desk and the presence board."""

from django.urls import path

from ontmoeting.web.views import dayof, dayof_debriefing, dayof_desk, dayof_print

urlpatterns = [
    path("", dayof.day_index, name="day-index"),
    path("<int:edition_id>/desk/", dayof.desk, name="day-desk"),
    path("<int:edition_id>/desk/tap/", dayof.desk_tap, name="day-tap"),
    path("<int:edition_id>/desk/sync/", dayof_desk.desk_sync, name="day-desk-sync"),
    path("<int:edition_id>/board/", dayof.presence_board, name="day-board"),
    path("<int:edition_id>/repair/", dayof.repair, name="day-repair"),
    path("<int:edition_id>/reprint/", dayof_print.reprint, name="day-reprint"),
    path("<int:edition_id>/reprint/slip.pdf", dayof_print.reprint_slip, name="day-reprint-slip"),
    path(
        "<int:edition_id>/reprint/door-signs.pdf",
        dayof_print.reprint_door_signs,
        name="day-reprint-signs",
    ),
    path(
        "<int:edition_id>/reprint/group-sheets.pdf",
        dayof_print.reprint_group_sheets,
        name="day-reprint-sheets",
    ),
    path("<int:edition_id>/lunch/", dayof.lunch, name="day-lunch"),
    path("<int:edition_id>/lunch.pdf", dayof.lunch_download, name="day-lunch-pdf"),
    path("<int:edition_id>/debriefing/", dayof_debriefing.debriefing_list, name="day-debriefing"),
    path(
        "<int:edition_id>/debriefing/new/",
        dayof_debriefing.debriefing_edit,
        name="day-debriefing-new",
    ),
    path(
        "<int:edition_id>/debriefing/<int:session_id>/",
        dayof_debriefing.debriefing_edit,
        name="day-debriefing-edit",
    ),
    path(
        "<int:edition_id>/debriefing/<int:session_id>/delete/",
        dayof_debriefing.debriefing_delete,
        name="day-debriefing-delete",
    ),
    path(
        "<int:edition_id>/debriefing/<int:session_id>/attendance/",
        dayof_debriefing.debriefing_attendance,
        name="day-debriefing-attendance",
    ),
]
