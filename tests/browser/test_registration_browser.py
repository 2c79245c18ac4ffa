"""Registration to cancellation in a real browser, with real SMTP: every page passes axe.

An expert opens the invitation link, registers (the special consent stays unticked), gets the
confirmation mail through a local SMTP server, opens the magic link (the GET only shows a
button), signs in with the POST, sees the personal page and cancels.
"""

from __future__ import annotations

import re

import pytest

from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.editions.invitations import create_invitation
from ontmoeting.editions.models import Participant
from ontmoeting.messaging.services import ensure_default_templates, send_pending
from ontmoeting.privacy.consent import ensure_default_texts, has_special_consent
from ontmoeting.web.views.portal.common import SESSION_KEY
from tests.factories import SelfHelpGroupFactory
from tests.messaging.smtp import smtp_server
from tests.web.portal_factories import open_edition, path_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
__all__ = ["smtp_server"]

MAGIC_LINK = re.compile(r"https?://[^\s<>\"]+/me/link/[A-Za-z0-9_-]{43}/")


@pytest.fixture
def page(browser):
    # axe is injected as a script tag, which the strict CSP of the site would block.
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def next_step(page) -> None:
    """The form comes in short steps: go on to the next one."""
    page.locator("section.step:not([hidden]) [data-testid=step-next]").click()


def mail_text(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content()


def test_expert_registers_gets_the_mail_signs_in_and_cancels(
    live_server, page, axe, smtp_server, settings
):
    ensure_default_templates()  # transaction tests start from an empty database
    ensure_default_texts()
    settings.SITE_URL = live_server.url
    settings.ONTMOETING_COORDINATOR_EMAIL = "coordinators@example.org"
    edition = open_edition()
    group = SelfHelpGroupFactory(name="Zelfhulpgroep De Brug")
    _invitation, link = create_invitation(edition=edition, self_help_group=group, actor="test")

    # 1. The registration form, on a phone-sized screen.
    page.goto(link)
    axe(page)
    assert not page.is_checked("#id_special_consent")
    page.fill("#id_first_name", "Marleen")
    page.fill("#id_last_name", "Peeters")
    page.fill("#id_email", "marleen@example.org")
    next_step(page)
    assert page.input_value("#id_self_help_group") == str(group.pk)
    page.select_option("#id_member_since_month", "3")
    page.fill("#id_member_since_year", "2018")
    next_step(page)
    page.check("input[name=can_chair][value=yes]")
    next_step(page)
    page.fill("#id_diet", "vegetarian")
    page.check("input[name=travel][value=public_transport]")
    next_step(page)

    # Forgetting the consent shows the error next to the field and writes nothing.
    page.click("[data-testid=register]")
    page.wait_for_load_state()
    assert page.locator("#general_consent-error").is_visible()
    assert page.locator("#error-summary").is_visible()
    axe(page)
    assert Participant.objects.count() == 0

    page.check("#id_general_consent")  # the form kept the other answers
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/register/done/")
    assert page.locator("[data-testid=registered]").is_visible()
    axe(page)
    participant = Participant.objects.get()
    assert participant.status == ParticipantStatus.REGISTERED
    assert not has_special_consent(participant.person)

    # 2. The confirmation mail, sent over real SMTP, carries the magic link.
    report = send_pending()
    assert report.sent == 1
    [mail] = smtp_server.messages
    assert mail["To"] == "marleen@example.org"
    magic = MAGIC_LINK.search(mail_text(mail)).group(0)
    assert magic.startswith(live_server.url)

    # 3. The GET shows a button and does not sign in; the POST does.
    page.goto(magic)
    axe(page)
    assert page.locator("[data-testid=sign-in]").is_visible()
    assert not any(SESSION_KEY in s.get_decoded() for s in _sessions())
    page.click("[data-testid=sign-in]")
    page.wait_for_url(f"{live_server.url}/me/")
    axe(page)
    assert page.locator("[data-testid=personal-page]").is_visible()
    assert "Marleen" in page.locator("h1").inner_text()
    assert page.locator("[data-testid=schedule-follows]").is_visible()

    # 4. Cancel: a confirmation step, then the status changes and the coordinators are told.
    page.click("[data-testid=cancel-link]")
    page.wait_for_url(f"{live_server.url}/me/cancel/")
    axe(page)
    page.click("[data-testid=cancel-confirm]")
    page.wait_for_url(f"{live_server.url}/me/")
    assert page.locator("[data-testid=not-taking-part]").is_visible()
    axe(page)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.CANCELLED
    assert send_pending().sent == 1
    alert = smtp_server.messages[-1]
    assert alert["To"] == "coordinators@example.org"


def test_bad_links_and_the_new_link_page_pass_axe(live_server, page, axe):
    for path, testid in (
        (
            "/me/link/broken/",
            "link-malformed",
        ),
        ("/me/link/" + "Z" * 43 + "/", "link-unknown"),
    ):
        page.goto(live_server.url + path)
        assert page.locator(f"[data-testid={testid}]").is_visible()
        axe(page)
    page.fill("#id_email", "nobody@example.org")
    page.click("[data-testid=request-link]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=link-sent]").is_visible()
    axe(page)


def _sessions():
    from django.contrib.sessions.models import Session

    return list(Session.objects.all())


def _login(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "/login/" not in url)


def test_coordinator_pages_pass_axe_and_work(live_server, page, axe, make_staff):
    ensure_default_texts()
    edition = open_edition()
    SelfHelpGroupFactory(name="Zelfhulpgroep De Brug")
    _login(page, live_server, make_staff("coordinator"))

    page.goto(f"{live_server.url}/editions/{edition.pk}/invitations/")
    axe(page)
    page.click("[data-testid=create-invitation]")
    page.wait_for_load_state()
    assert "/register/" in page.input_value("#new-link-input")
    axe(page)
    page.click("[data-testid=invite-students]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=students-preview]").is_visible()  # a preview first
    axe(page)

    page.goto(f"{live_server.url}/editions/{edition.pk}/register-on-behalf/")
    axe(page)
    page.fill("#id_first_name", "Jef")
    page.fill("#id_last_name", "Maes")
    page.fill("#id_phone", "09 123 45 67")
    page.fill("#id_street", "Kerkstraat 12")  # no email: letters need an address
    page.fill("#id_postcode", "9000")
    page.fill("#id_town", "Gent")
    page.select_option("#id_self_help_group", label="Zelfhulpgroep De Brug")
    page.select_option("#id_member_since_month", "1")
    page.fill("#id_member_since_year", "2015")
    page.check("input[name=can_chair][value=no]")
    page.check("input[name=travel][value=brought]")
    page.check("#id_general_consent")
    page.click("[data-testid=register-on-behalf]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=flash]").is_visible()
    axe(page)
    assert Participant.objects.get().registration.how == "on_behalf"


def test_student_confirms_and_the_personal_page_subpages_pass_axe(live_server, page, axe):
    from ontmoeting.privacy.tokens import issue_link
    from tests.factories import ParticipantFactory

    ensure_default_texts()
    edition = open_edition()
    student = ParticipantFactory(edition=edition, status=ParticipantStatus.INVITED)
    confirm = issue_link(student.person, purpose="confirm", participant=student)
    page.goto(live_server.url + path_of(confirm))
    axe(page)
    page.click("[data-testid=confirm-yes]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=confirmed]").is_visible()
    axe(page)
    student.refresh_from_db()
    assert student.status == ParticipantStatus.CONFIRMED

    magic = issue_link(student.person, participant=student)
    page.goto(live_server.url + path_of(magic))
    page.click("[data-testid=sign-in]")
    page.wait_for_url(f"{live_server.url}/me/")
    page.click("[data-testid=change-needs]")
    axe(page)
    page.select_option("#id_language", "en")
    page.fill("#id_diet", "halal")
    page.click("[data-testid=save-needs]")
    page.wait_for_url(f"{live_server.url}/me/")
    assert page.locator("[data-testid=flash]").is_visible()
    axe(page)
    page.click("[data-testid=consent-link]")
    axe(page)
    page.goto(f"{live_server.url}/me/")
    page.click("[data-testid=sign-out]")
    page.wait_for_url(f"{live_server.url}/me/new-link/")
    axe(page)
    student.refresh_from_db()
    assert (student.language, student.diet) == ("en", "halal")
