from django.urls import path

from ontmoeting.web.views import audit, person_data, person_merge, staff

urlpatterns = [
    path("", staff.staff_list, name="staff"),
    path("new/", staff.staff_create, name="staff-create"),
    path("<int:user_id>/", staff.staff_edit, name="staff-edit"),
    path("audit/", audit.audit_log, name="audit"),
    path("erasure/", person_data.erasure, name="erasure"),
    path("people/merge/", person_merge.person_merge, name="person-merge"),
    path(
        "<int:user_id>/second-factor/",
        staff.staff_reset_second_factor,
        name="staff-reset-second-factor",
    ),
]
