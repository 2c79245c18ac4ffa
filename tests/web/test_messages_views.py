"""The messages pages: outbox, detail and retry, texts with preview, sending, letters."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.messaging.enums import MessageStatus
from ontmoeting.messaging.models import LetterBatch, MessageTemplate, OutboxMessage
from ontmoeting.messaging.services import queue_message
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory
from tests.messaging.outbox_mail import mail_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


def _message(edition, *, email="x@example.org", status=None, **person):
    participant = ParticipantFactory(edition=edition, person=PersonFactory(email=email, **person))
    message = queue_message(
        kind="confirmation",
        person=participant.person,
        participant=participant,
        context={"link": "https://example.org/l"},
        actor="test",
    )
    if status:
        OutboxMessage.objects.filter(pk=message.pk).update(status=status, last_error="451 busy")
    return message


def _urls(edition, message):
    base = f"/editions/{edition.pk}/messages/"
    return [
        base,
        f"{base}{message.pk}/",
        f"{base}templates/",
        f"{base}templates/invitation/nl/",
        f"{base}send/",
        f"{base}letters/",
    ]


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_messages_pages_are_forbidden_to_other_roles(client, make_staff, role):
    edition = EditionFactory()
    message = _message(edition, first_name="Secretname")
    client.force_login(make_staff(role))
    for url in _urls(edition, message):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Secretname" not in response.content
    response = client.post(f"/editions/{edition.pk}/messages/{message.pk}/retry/")
    assert response.status_code == 403


def test_messages_pages_open_for_a_coordinator(coordinator):
    edition = EditionFactory()
    message = _message(edition)
    for url in _urls(edition, message):
        assert coordinator.get(url).status_code == 200, url


def test_message_of_another_edition_is_not_found(coordinator):
    edition, other = EditionFactory(year=2026), EditionFactory(year=2027)
    message = _message(other)
    assert coordinator.get(f"/editions/{edition.pk}/messages/{message.pk}/").status_code == 404
    response = coordinator.post(f"/editions/{edition.pk}/messages/{message.pk}/retry/")
    assert response.status_code == 404


def test_outbox_lists_only_this_editions_messages_and_filters(coordinator):
    edition, other = EditionFactory(year=2026), EditionFactory(year=2027)
    _message(other, first_name="Otheredition")
    failed = _message(edition, first_name="Failing", status=MessageStatus.FAILED)
    _message(edition, first_name="Waiting")
    response = coordinator.get(f"/editions/{edition.pk}/messages/")
    page = response.content.decode()
    assert "Otheredition" not in page
    assert "Failing" in page
    assert "Waiting" in page
    response = coordinator.get(f"/editions/{edition.pk}/messages/?status=failed")
    assert [m.pk for m in response.context["page"]] == [failed.pk]
    assert "451 busy" in response.content.decode()
    assert f'data-testid="retry-{failed.pk}"' in response.content.decode()


def test_retry_now_requeues_a_failed_message(coordinator):
    edition = EditionFactory()
    message = _message(edition, status=MessageStatus.FAILED)
    response = coordinator.post(f"/editions/{edition.pk}/messages/{message.pk}/retry/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.next_attempt_at) == (MessageStatus.QUEUED, None)
    assert AuditEntry.objects.filter(action="message.retry", object_id=str(message.pk)).exists()


@pytest.mark.parametrize("n", [1, 3])
def test_outbox_list_query_count_does_not_grow(coordinator, django_assert_max_num_queries, n):
    edition = EditionFactory()
    for _ in range(n):
        _message(edition)
    with django_assert_max_num_queries(10):
        response = coordinator.get(f"/editions/{edition.pk}/messages/")
    assert response.status_code == 200
    assert len(response.context["page"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_letters_page_query_count_does_not_grow(coordinator, django_assert_max_num_queries, n):
    edition = EditionFactory()
    for _ in range(n):
        _message(edition, email="")
    with django_assert_max_num_queries(10):
        response = coordinator.get(f"/editions/{edition.pk}/messages/letters/")
    assert len(response.context["pending"]) == n


def test_outbox_paginates(coordinator, monkeypatch):
    from ontmoeting.web.views import messages as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    edition = EditionFactory()
    for _ in range(3):
        _message(edition)
    response = coordinator.get(f"/editions/{edition.pk}/messages/?page=2")
    assert len(response.context["page"]) == 1
    assert 'rel="prev"' in response.content.decode()


def test_template_edit_shows_a_preview_without_saving(coordinator):
    edition = EditionFactory()
    url = f"/editions/{edition.pk}/messages/templates/reminder/en/"
    response = coordinator.post(
        url,
        {
            "subject": "See you, {{ first_name }}",
            "body": "Hello {{ first_name }} <b>&</b>, go to {{ link }}",
            "scope": "edition",
            "action": "preview",
        },
    )
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.subject == "See you, Anna"
    assert "Hello Anna &lt;b&gt;&amp;&lt;/b&gt;" in preview.html
    assert not MessageTemplate.objects.filter(edition=edition).exists()


def test_template_save_for_the_edition_then_reset(coordinator):
    edition = EditionFactory()
    url = f"/editions/{edition.pk}/messages/templates/reminder/en/"
    data = {"subject": "Soon!", "body": "Hi {{ first_name }}", "scope": "edition", "action": "save"}
    assert coordinator.post(url, data).status_code == 302
    own = MessageTemplate.objects.get(edition=edition, kind="reminder", language="en")
    assert (own.subject, own.body) == ("Soon!", "Hi {{ first_name }}")
    shared = MessageTemplate.objects.get(edition=None, kind="reminder", language="en")
    assert shared.subject != "Soon!"
    assert coordinator.post(url, {"action": "reset"}).status_code == 302
    assert not MessageTemplate.objects.filter(edition=edition).exists()


def test_template_save_rejects_an_unknown_placeholder_by_name(coordinator):
    edition = EditionFactory()
    url = f"/editions/{edition.pk}/messages/templates/invitation/nl/"
    response = coordinator.post(
        url,
        {
            "subject": "Hallo",
            "body": "Beste {{ voornaam }}, {{ __class__ }}",
            "scope": "global",
            "action": "save",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert errors == [
        "Onbekende plaatshouder {{ voornaam }}. Gebruik alleen de plaatshouders in de lijst.",
        "Onbekende plaatshouder {{ __class__ }}. Gebruik alleen de plaatshouders in de lijst.",
    ]
    shared = MessageTemplate.objects.get(edition=None, kind="invitation", language="nl")
    assert "voornaam" not in shared.body


def test_unknown_kind_or_language_is_not_found(coordinator):
    edition = EditionFactory()
    base = f"/editions/{edition.pk}/messages/templates/"
    assert coordinator.get(base + "nope/nl/").status_code == 404
    assert coordinator.get(base + "invitation/fr/").status_code == 404


def _send(client, edition, action, **extra):
    return client.post(
        f"/editions/{edition.pk}/messages/send/",
        {"kind": "thank_you", "selection": "experts_confirmed", "action": action, **extra},
    )


def test_send_shows_a_preview_first_and_queues_once(coordinator):
    edition = EditionFactory()
    for i, email in enumerate(["a@example.org", "", "c@example.org"]):
        ParticipantFactory(
            edition=edition,
            role=ParticipantRole.EXPERT,
            status=ParticipantStatus.CONFIRMED,
            person=PersonFactory(first_name=f"Expert{i}", email=email, language="nl"),
        )
    ParticipantFactory(edition=edition, role=ParticipantRole.STUDENT)  # not selected

    response = _send(coordinator, edition, "preview", survey_link="https://survey.example.org/x")
    preview = response.context["preview"]
    assert (preview.total, preview.emails, preview.letters) == (3, 2, 1)
    assert "https://survey.example.org/x" in preview.rendered.text
    assert not OutboxMessage.objects.exists()

    response = _send(coordinator, edition, "confirm", survey_link="https://survey.example.org/x")
    assert response.status_code == 302
    assert _send(coordinator, edition, "confirm").status_code == 302  # a double submit

    rows = OutboxMessage.objects.filter(edition=edition, kind="thank_you")
    assert rows.count() == 3
    assert sorted(rows.values_list("status", flat=True)) == ["letter", "queued", "queued"]
    assert all("https://survey.example.org/x" in mail_body(m) for m in rows)
    response = _send(coordinator, edition, "preview", survey_link="https://survey.example.org/x")
    assert response.context["preview"].already_queued == 3


def test_a_message_that_would_have_blanks_is_held_and_named(coordinator):
    """A thank-you without its survey link, or a schedule to someone outside the published plan,
    would read "vul de vragenlijst in: ." — it is held, never queued."""
    edition = EditionFactory()
    ParticipantFactory(
        edition=edition,
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.CONFIRMED,
        person=PersonFactory(first_name="Lotte", last_name="Mertens", language="nl"),
        ref="E001",
    )
    response = _send(coordinator, edition, "preview")
    preview = response.context["preview"]
    assert preview.total == 0
    assert [(h.participant.ref, h.empty) for h in preview.held] == [("E001", ("survey_link",))]
    assert "Lotte Mertens (E001): <code>survey_link</code>" in response.content.decode()
    _send(coordinator, edition, "confirm")
    assert not OutboxMessage.objects.filter(edition=edition).exists()


def test_letters_print_batch_makes_one_pdf(coordinator):
    edition = EditionFactory()
    letters = [_message(edition, email="", first_name=f"Paper{i}") for i in range(2)]
    _message(edition)  # an email: not a letter
    response = coordinator.post(f"/editions/{edition.pk}/messages/letters/")
    assert response.status_code == 302
    batch = LetterBatch.objects.get()
    assert sorted(batch.letters.values_list("pk", flat=True)) == sorted(m.pk for m in letters)
    response = coordinator.get(f"/editions/{edition.pk}/messages/letters/")
    assert response.context["pending"] == []
    response = coordinator.get(f"/editions/{edition.pk}/messages/letters/{batch.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Nothing left: a second batch is not made.
    coordinator.post(f"/editions/{edition.pk}/messages/letters/")
    assert LetterBatch.objects.count() == 1
