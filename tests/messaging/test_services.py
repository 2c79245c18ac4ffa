"""Default texts, queueing in the person's language, letters, the coordinators' alert."""

from __future__ import annotations

import pytest

from ontmoeting.messaging.defaults import DEFAULT_TEMPLATES
from ontmoeting.messaging.enums import MESSAGE_LANGUAGES, MessageKind, MessageStatus
from ontmoeting.messaging.models import MessageTemplate, OutboxMessage
from ontmoeting.messaging.rendering import unknown_placeholders
from ontmoeting.messaging.services import (
    ensure_default_templates,
    letters_pdf,
    make_letter_batch,
    queue_message,
    save_template,
)
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory
from tests.messaging.outbox_mail import mail_body

pytestmark = pytest.mark.django_db


def test_every_kind_has_a_template_in_three_languages_after_migrating():
    stored = set(MessageTemplate.objects.filter(edition=None).values_list("kind", "language"))
    assert stored == {(k, lang) for k in MessageKind.values for lang in MESSAGE_LANGUAGES}


def test_default_texts_use_only_known_placeholders_and_differ_per_language():
    for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items():
        assert unknown_placeholders(subject + body) == [], (kind, language)
        assert "{{ first_name }}" in subject + body or kind == "magic_link", (kind, language)
    for kind in MessageKind.values:
        bodies = {DEFAULT_TEMPLATES[(kind, lang)][1] for lang in MESSAGE_LANGUAGES}
        assert len(bodies) == 3, kind


def test_ensure_default_templates_restores_missing_ones_and_keeps_edits():
    MessageTemplate.objects.filter(kind="reminder", language="it").delete()
    MessageTemplate.objects.filter(kind="invitation", language="nl").update(subject="Eigen")
    assert ensure_default_templates() == 1
    assert ensure_default_templates() == 0
    assert MessageTemplate.objects.get(kind="invitation", language="nl").subject == "Eigen"
    assert MessageTemplate.objects.filter(kind="reminder", language="it").exists()


def _participant(**person):
    """An expert (the texts these tests read are the experts' "u" texts)."""
    return ParticipantFactory(
        edition=EditionFactory(), person=PersonFactory(**person), role="expert"
    )


@pytest.mark.parametrize(
    ("language", "greeting"), [("nl", "Beste Ada,"), ("en", "Dear Ada,"), ("it", "Gentile Ada,")]
)
def test_queue_message_renders_in_the_persons_language(language, greeting):
    participant = _participant(first_name="Ada", language=language)
    message = queue_message(
        kind="magic_link",
        person=participant.person,
        participant=participant,
        context={"link": "https://example.org/l/x"},
        actor="test",
    )
    assert message.language == language
    assert message.body_text.startswith(greeting)
    assert "https://example.org/l/x" in mail_body(message)
    assert (message.status, message.recipient) == (MessageStatus.QUEUED, participant.person.email)
    assert message.edition == participant.edition
    assert message.message_id.startswith("<outbox.")
    assert message.message_id.endswith(">")
    assert AuditEntry.objects.filter(action="message.queue", object_id=str(message.pk)).count() == 1


def test_a_language_without_texts_falls_back_to_dutch():
    participant = _participant(first_name="Omar", language="ar")
    participant.language = "tr"
    message = queue_message(
        kind="confirmation",
        person=participant.person,
        participant=participant,
        context={},
        actor="test",
    )
    assert message.language == "nl"


def test_person_without_email_gets_a_letter_with_the_same_text():
    participant = _participant(first_name="Henk", email="")
    message = queue_message(
        kind="plan_published",
        person=participant.person,
        participant=participant,
        context={"partner_first_name": "Sara", "room": "A1", "link": "https://e.org/x"},
        actor="test",
    )
    assert (message.status, message.recipient) == (MessageStatus.LETTER, "")
    assert "In de ochtend praat u met Sara in zaal A1." in message.body_text
    batch = make_letter_batch(edition=participant.edition, actor="test")
    assert list(batch.letters.all()) == [message]
    assert make_letter_batch(edition=participant.edition, actor="test") is None
    pdf = letters_pdf(batch, language="nl")
    assert pdf.startswith(b"%PDF")


def test_letters_pdf_contains_the_letter_text():
    from io import BytesIO

    from pypdf import PdfReader

    participant = _participant(first_name="Henk", last_name="Paper", email="")
    queue_message(
        kind="thank_you",
        person=participant.person,
        participant=participant,
        context={"survey_link": "https://survey.example.org/s"},
        actor="test",
    )
    batch = make_letter_batch(edition=participant.edition, actor="test")
    text = PdfReader(BytesIO(letters_pdf(batch, language="nl"))).pages[0].extract_text()
    assert "Henk Paper" in text
    assert "Dank u wel voor de ontmoetingsdag" in text
    assert "https://survey.example.org/s" in text


def test_cancellation_alert_goes_to_the_coordinators(settings):
    settings.ONTMOETING_COORDINATOR_EMAIL = "team@example.org"
    participant = _participant(first_name="Joke", last_name="Smit", email="", language="it")
    message = queue_message(
        kind="cancellation_alert",
        person=participant.person,
        participant=participant,
        context={},
        actor="test",
    )
    assert (message.recipient, message.status, message.language) == (
        "team@example.org",
        MessageStatus.QUEUED,
        "nl",
    )
    assert message.subject.startswith("Afmelding: Joke Smit komt niet op")


def test_the_edition_text_wins_over_the_shared_one():
    participant = _participant(first_name="Bo", language="en")
    save_template(
        kind="reminder",
        language="en",
        subject="Soon, {{ first_name }}",
        body="Only {{ days_before }} days.",
        edition=participant.edition,
        actor="test",
    )
    message = queue_message(
        kind="reminder",
        person=participant.person,
        participant=participant,
        context={"days_before": 3},
        actor="test",
    )
    assert (message.subject, message.body_text) == ("Soon, Bo", "Only 3 days.")
    other = ParticipantFactory(
        edition=EditionFactory(year=2030), person=PersonFactory(language="en")
    )
    message = queue_message(
        kind="reminder",
        person=other.person,
        participant=other,
        context={"days_before": 3},
        actor="test",
    )
    assert message.subject == "3 days to go: the encounter day"


def test_a_stored_unsafe_template_is_rendered_literally():
    # Saved around the validation (e.g. by a raw import): still never evaluated.
    MessageTemplate.objects.filter(kind="confirmation", language="en").update(
        subject="{{ __class__ }} {0.__init__} %(x)s", body="{{ first_name.__dict__ }}"
    )
    participant = _participant(language="en")
    message = queue_message(
        kind="confirmation",
        person=participant.person,
        participant=participant,
        context={},
        actor="test",
    )
    assert (message.subject, message.body_text) == (
        "{{ __class__ }} {0.__init__} %(x)s",
        "{{ first_name.__dict__ }}",
    )


def test_queue_message_with_a_dedupe_key_is_idempotent():
    participant = _participant()
    kwargs = {
        "kind": "reminder",
        "person": participant.person,
        "participant": participant,
        "context": {},
        "actor": "test",
        "dedupe_key": "reminder:x",
    }
    assert queue_message(**kwargs) == queue_message(**kwargs)
    assert OutboxMessage.objects.count() == 1
