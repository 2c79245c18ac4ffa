"""An expert imported or returning without a recorded consent is asked for it, never told they
are not taking part; their place and plan stay."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.privacy.consent import has_general_consent
from ontmoeting.privacy.models import AuditEntry
from tests.factories import ParticipantFactory
from tests.web.portal_factories import open_edition, sign_in

pytestmark = pytest.mark.django_db

NOT_TAKING_PART = "Je doet niet mee aan de dag"


def _imported_expert():
    return ParticipantFactory(
        edition=open_edition(), role=ParticipantRole.EXPERT, status=ParticipantStatus.CONFIRMED
    )


def test_an_expert_without_consent_is_asked_for_it_and_keeps_their_place(client):
    participant = _imported_expert()
    sign_in(client, participant)
    page = client.get("/me/").content.decode()
    assert 'data-testid="consent-missing"' in page
    consent = client.get("/me/consent/").content.decode()
    assert 'data-testid="general-missing"' in consent
    assert NOT_TAKING_PART not in consent
    assert 'data-testid="give-general"' in consent

    client.post("/me/consent/", {"give": "general"})
    client.post("/me/consent/", {"give": "general"})  # a double click gives it once
    assert has_general_consent(participant.person)
    assert AuditEntry.objects.filter(action="consent.give").count() == 1
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.CONFIRMED
    assert 'data-testid="consent-missing"' not in client.get("/me/").content.decode()
    assert 'data-testid="general-given"' in client.get("/me/consent/").content.decode()


def test_a_student_taking_part_is_neither_asked_nor_told_they_are_off_the_day(client):
    participant = ParticipantFactory(edition=open_edition(), role=ParticipantRole.STUDENT)
    sign_in(client, participant)
    assert 'data-testid="consent-missing"' not in client.get("/me/").content.decode()
    consent = client.get("/me/consent/").content.decode()
    assert NOT_TAKING_PART not in consent
    assert 'data-testid="give-general"' not in consent
    client.post("/me/consent/", {"give": "general"})
    assert not has_general_consent(participant.person)
