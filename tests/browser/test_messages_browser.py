"""The messages pages in a real browser: each one passes axe, the main flows work by keyboard."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.messaging.enums import MessageStatus
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.services import ensure_default_templates, queue_message
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")  # the header's language form has a submit button too
    page.wait_for_url(lambda url: "/login/" not in url)


def test_messages_pages_pass_axe_and_send_flow_works(live_server, page, make_staff, axe):
    ensure_default_templates()  # transaction tests start from an empty database
    edition = EditionFactory()
    for i, email in enumerate(["a@example.org", ""]):
        ParticipantFactory(
            edition=edition,
            role=ParticipantRole.EXPERT,
            status=ParticipantStatus.CONFIRMED,
            person=PersonFactory(first_name=f"Expert{i}", email=email),
        )
    failed = queue_message(
        kind="confirmation",
        person=PersonFactory(first_name="Failing"),
        edition=edition,
        context={},
        actor="test",
    )
    OutboxMessage.objects.filter(pk=failed.pk).update(
        status=MessageStatus.FAILED, last_error="550 No such user"
    )
    _login(page, live_server, make_staff("coordinator"))
    base = f"{live_server.url}/editions/{edition.pk}/messages/"

    page.goto(base)
    assert page.locator("#outbox-table").count() == 1
    axe(page)
    page.goto(f"{base}{failed.pk}/")
    axe(page)
    page.goto(f"{base}templates/")
    axe(page)
    with page.expect_navigation():
        page.click('[data-testid="edit-reminder-it"]')
    axe(page)
    page.fill("#id_body", "Ciao {{ first_name }} {{ nome }}")
    with page.expect_navigation():
        page.click("#preview-button")
    assert "{{ nome }}" in page.locator(".field.has-error").inner_text()
    axe(page)

    page.goto(f"{base}send/")
    axe(page)
    page.select_option("#id_kind", "thank_you")
    page.select_option("#id_selection", "experts_confirmed")
    page.fill("#id_survey_link", "https://survey.example.org/x")
    with page.expect_navigation():
        page.click("#preview-button")
    assert page.locator('[data-testid="preview-total"]').inner_text().startswith("2")
    axe(page)
    page.focus("#confirm-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base
    assert OutboxMessage.objects.filter(kind="thank_you").count() == 2

    page.goto(f"{base}letters/")
    axe(page)
    with page.expect_navigation():
        page.click("#print-batch")
    axe(page)
    assert page.locator(".batches a").count() == 1


def test_messages_pages_fit_a_phone(live_server, browser, make_staff, axe):
    edition = EditionFactory()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        _login(page, live_server, make_staff("coordinator"))
        for path in ("", "send/", "templates/", "letters/"):
            page.goto(f"{live_server.url}/editions/{edition.pk}/messages/{path}")
            axe(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390 + 1, path
    finally:
        context.close()
