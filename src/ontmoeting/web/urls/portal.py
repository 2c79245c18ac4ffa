"""Public pages for experts and students: registration, confirmation, the personal page."""

from django.urls import path

from ontmoeting.web.views.portal import coordinator, links, me, register

urlpatterns = [
    # Registration by invitation link (experts) and confirmation by link (students).
    path("register/done/", register.register_done, name="register-done"),
    path("register/check/<str:token>/", register.register_check, name="register-check"),
    path("register/<str:token>/", register.register, name="register"),
    path("confirm/<str:token>/", register.student_confirm, name="student-confirm"),
    # Signing in to the personal page by magic link.
    path("me/link/<str:token>/", links.sign_in, name="portal-link"),
    path("me/new-link/", links.request_link, name="portal-request-link"),
    path("me/logout/", links.sign_out, name="portal-logout"),
    path("me/stop-links/", links.stop_links, name="portal-stop-links"),
    # The personal page (the participant comes from the session, never from the URL).
    path("me/", me.personal_page, name="portal-me"),
    path("me/needs/", me.needs, name="portal-needs"),
    path("me/cancel/", me.cancel, name="portal-cancel"),
    path("me/consent/", me.consent, name="portal-consent"),
    path("me/schedule.ics", me.schedule_ics, name="portal-ics"),
    path("me/schedule.pdf", me.schedule_pdf, name="portal-pdf"),
    # Coordinator pages under an edition.
    path(
        "editions/<int:edition_id>/invitations/",
        coordinator.invitations,
        name="invitations",
    ),
    path(
        "editions/<int:edition_id>/register-on-behalf/",
        coordinator.register_on_behalf,
        name="register-on-behalf",
    ),
]
