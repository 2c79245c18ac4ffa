"""Phone first for participants: the coordinators' contact on every page and in every message,
the registration in steps with the errors summarised at the top, the postal address for
letters, and dates written the way each language writes them."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from babel.dates import format_date

from ontmoeting.editions.invitations import create_invitation
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.messaging.enums import MessageKind
from ontmoeting.messaging.models import MessageTemplate, OutboxMessage
from ontmoeting.messaging.rendering import PLACEHOLDERS
from ontmoeting.messaging.services import queue_message
from ontmoeting.privacy.models import AuditEntry
from tests.factories import PersonFactory, SelfHelpGroupFactory
from tests.web.portal_factories import (
    ADDRESS,
    answers,
    expert_in,
    open_edition,
    path_of,
    sign_in,
)

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Sofie Claes",
    "contact_phone": "09 243 87 21",
    "contact_email": "ontmoetingsdag@example.org",
}


class Ids(HTMLParser):
    """Every element id and every in-page link (href="#...") of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.anchors: list[str] = []
        self.in_summary = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if found.get("id") == "error-summary":
            self.in_summary = 1
        if tag == "a" and self.in_summary and str(found.get("href", "")).startswith("#"):
            self.anchors.append(str(found["href"])[1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":  # the summary holds no other div
            self.in_summary = 0


def parse(html: str) -> Ids:
    parser = Ids()
    parser.feed(html)
    return parser


def register_link(edition: Edition) -> str:
    _invitation, link = create_invitation(edition=edition, actor="test")
    return path_of(link)


# --- the contact on the pages ---------------------------------------------------------------


def test_personal_and_cancel_pages_give_the_coordinators_number(client):
    edition = open_edition(**CONTACT)
    expert = expert_in(edition)
    sign_in(client, expert)
    for url in ("/me/", "/me/cancel/", "/me/needs/", "/me/consent/"):
        html = client.get(url).content.decode()
        assert 'href="tel:092438721"' in html, url
        assert "Sofie Claes" in html, url
        assert "mailto:ontmoetingsdag@example.org" in html, url
    cancel = client.get("/me/cancel/").content.decode()
    sentence = cancel.split("Bel dan de coördinatoren van de ontmoetingsdag.")[1]
    assert sentence.lstrip().startswith('<span class="call"')  # the number follows the request


def test_pages_without_an_edition_show_the_next_editions_contact(client):
    open_edition(**CONTACT)
    Edition.objects.create(  # an older edition with another contact: not the one people ask about
        year=2019,
        date=dt.date(2019, 12, 10),
        window_start=dt.date(2019, 12, 1),
        window_end=dt.date(2019, 12, 20),
        contact_name="Old Contact",
        contact_phone="011 11 11 11",
    )
    for url in ("/me/new-link/", "/me/link/not-a-token/"):
        html = client.get(url).content.decode()
        assert "09 243 87 21" in html, url
        assert "Old Contact" not in html, url


def test_no_contact_block_when_the_edition_has_none(client):
    edition = open_edition()
    sign_in(client, expert_in(edition))
    html = client.get("/me/").content.decode()
    assert 'data-testid="contact"' not in html
    assert "tel:" not in html


# --- the contact in messages ------------------------------------------------------------------


def test_every_participant_message_ends_with_the_contact_in_their_language(client):
    edition = open_edition(**CONTACT)
    for language, sentence in (
        ("nl", "Vragen? Bel Sofie Claes op 09 243 87 21, of schrijf naar ontmoetingsdag@"),
        ("en", "Questions? Call Sofie Claes on 09 243 87 21, or write to ontmoetingsdag@"),
        (
            "it",
            "Domande? Chiami Sofie Claes al numero 09 243 87 21, oppure scriva a ontmoetingsdag@",
        ),
    ):
        person = PersonFactory(language=language, email=f"{language}@example.org")
        participant = expert_in(edition, person=person, language=language)
        for kind in (MessageKind.CONFIRMATION, MessageKind.REMINDER):
            message = queue_message(
                kind=kind, person=person, participant=participant, context={}, actor="test"
            )
            assert message.body_text.rstrip().splitlines()[-1].startswith(sentence), kind
            assert sentence.split(" 09")[0] in message.body_html


def test_a_text_naming_the_contact_itself_gets_no_second_one():
    edition = open_edition(**CONTACT)
    MessageTemplate.objects.create(
        edition=edition,
        kind=MessageKind.CONFIRMATION,
        language="nl",
        subject="Ingeschreven",
        body="Dag {{ first_name }}, bel {{ contact_name }} op {{ contact_phone }}.",
    )
    person = PersonFactory(first_name="Anna", email="anna@example.org")
    participant = expert_in(edition, person=person)
    message = queue_message(
        kind=MessageKind.CONFIRMATION,
        person=person,
        participant=participant,
        context={},
        actor="test",
    )
    assert message.body_text.strip() == "Dag Anna, bel Sofie Claes op 09 243 87 21."


def test_the_alert_to_the_coordinators_carries_no_contact_for_participants(settings):
    edition = open_edition(**CONTACT)
    settings.ONTMOETING_COORDINATOR_EMAIL = "team@example.org"
    person = PersonFactory()
    message = queue_message(
        kind=MessageKind.CANCELLATION_ALERT,
        person=person,
        participant=expert_in(edition, person=person),
        context={},
        actor="test",
    )
    assert "09 243 87 21" not in message.body_text


def test_contact_placeholders_are_listed_for_coordinators(client, make_staff):
    client.force_login(make_staff("coordinator"))
    edition = open_edition(**CONTACT)
    html = client.get(f"/editions/{edition.pk}/messages/templates/confirmation/nl/").content
    for name in ("contact", "contact_name", "contact_phone", "contact_email"):
        assert name in PLACEHOLDERS
        assert f"{{{{ {name} }}}}".encode() in html
    assert b"Vragen? Bel Sofie Claes" in html  # the preview shows the contact too


# --- the coordinators set the contact ---------------------------------------------------------


def test_coordinator_sets_the_contact_and_it_is_audited(client, make_staff):
    coordinator = make_staff("coordinator")
    client.force_login(coordinator)
    edition = open_edition()
    url = f"/editions/{edition.pk}/settings/"
    assert client.get(url).status_code == 200
    response = client.post(url, CONTACT)
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.contact_name, edition.contact_phone, edition.contact_email) == tuple(
        CONTACT.values()
    )
    entry = AuditEntry.objects.get(action="edition.contact")
    assert (entry.actor, entry.data["after"]["contact_phone"]) == (coordinator, "09 243 87 21")
    dashboard = client.get(f"/editions/{edition.pk}/").content.decode()
    assert "Sofie Claes, 09 243 87 21, ontmoetingsdag@example.org" in dashboard


def test_a_contact_name_without_a_number_or_address_is_refused(client, make_staff):
    client.force_login(make_staff("coordinator"))
    edition = open_edition()
    response = client.post(
        f"/editions/{edition.pk}/settings/",
        {"contact_name": "Sofie", "contact_phone": "bel mij", "contact_email": ""},
    )
    assert response.status_code == 200
    assert "Gebruik alleen cijfers" in response.content.decode()
    edition.refresh_from_db()
    assert edition.contact_name == ""


def test_researchers_cannot_change_the_contact(client, make_staff):
    client.force_login(make_staff("researcher"))
    edition = open_edition()
    response = client.post(f"/editions/{edition.pk}/settings/", CONTACT)
    assert response.status_code == 403
    edition.refresh_from_db()
    assert edition.contact_phone == ""


# --- the registration: steps, error summary, postal address ----------------------------------


def test_the_form_in_steps_and_the_error_summary_links_to_every_wrong_question(client):
    edition = open_edition(**CONTACT)
    link = register_link(edition)
    page = parse(client.get(link).content.decode())
    assert {f"step-{n}" for n in range(1, 6)} <= page.ids
    response = client.post(link, {"email": "", "phone": "", "languages": []})
    html = response.content.decode()
    page = parse(html)
    assert html.index('id="error-summary"') < html.index('<form method="post" class="portal-form"')
    wrong = {
        "first_name",
        "last_name",
        "email",
        "street",
        "postcode",
        "town",
        "self_help_group",
        "member_since_month",
        "member_since_year",
        "languages",
        "can_chair",
        "travel",
        "general_consent",
    }
    assert len(page.anchors) == len(wrong)
    assert set(page.anchors) <= page.ids  # every link lands on a question of the form
    assert {anchor.removeprefix("id_").removesuffix("_0") for anchor in page.anchors} == wrong
    assert "Vul uw straat en huisnummer in" in html


def test_without_email_the_postal_address_is_required(client):
    edition = open_edition()
    link = register_link(edition)
    group = SelfHelpGroupFactory()
    response = client.post(link, answers(group, email="", phone="0470 12 34 56"))
    assert response.status_code == 200
    assert Participant.objects.count() == 0
    html = response.content.decode()
    assert html.count('class="error" id="street-error"') == 1
    assert "Vul uw postcode in" in html
    assert "Vul uw gemeente in" in html


def test_a_letter_is_promised_only_with_a_postal_address(client):
    edition = open_edition(**CONTACT)
    group = SelfHelpGroupFactory()
    response = client.post(
        register_link(edition), answers(group, email="", phone="0470 12 34 56", **ADDRESS)
    )
    assert response.status_code == 302
    person = Participant.objects.get().person
    assert person.postal_address == "Kerkstraat 12\n9000 Gent"
    done = client.get(response["Location"]).content.decode()
    assert 'data-testid="letter-promised"' in done
    assert "09 243 87 21" in done
    letter = OutboxMessage.objects.get(kind="confirmation")
    assert letter.status == "letter"

    response = client.post(register_link(edition), answers(group, email="jan@example.org"))
    done = client.get(response["Location"]).content.decode()
    assert "brief" not in done.lower()
    assert Participant.objects.get(person__email="jan@example.org").person.postal_address == ""


def test_with_email_the_address_may_stay_empty(client):
    edition = open_edition()
    response = client.post(register_link(edition), answers(email="an@example.org"))
    assert response.status_code == 302


# --- dates and notes in the page's language --------------------------------------------------


def test_italian_page_writes_the_date_in_lower_case_and_marks_the_dutch_notes(client):
    from tests.factories import VenueFactory

    venue = VenueFactory(name="Campus", notes="De oude vleugel heeft geen lift.")
    edition = open_edition(venue=venue)
    sign_in(client, expert_in(edition))
    html = client.get("/me/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    expected = format_date(edition.date, "EEEE d MMMM y", locale="it")  # babel, not Django
    assert expected == expected.lower()
    assert expected in html
    assert '<div class="venue-notes" lang="nl">' in html
    assert 'data-testid="notes-in-dutch"' in html
    dutch = client.get("/me/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert format_date(edition.date, "EEEE d MMMM y", locale="nl") in dutch
    assert 'data-testid="notes-in-dutch"' not in dutch
