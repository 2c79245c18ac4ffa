"""An expert taking part without a recorded consent is flagged for the coordinator
("toestemming ontbreekt") on the participants list and the dashboard, and stays on the day."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.registration import consent_missing, consent_missing_among
from ontmoeting.privacy.consent import current_text, give_consent
from tests.factories import EditionFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition_with_experts():
    edition = EditionFactory(year=2026)
    with_consent, without = (
        ParticipantFactory(
            edition=edition, role=ParticipantRole.EXPERT, status=ParticipantStatus.CONFIRMED
        )
        for _ in range(2)
    )
    give_consent(with_consent.person, text=current_text("general", "nl"), actor="test")
    return edition, with_consent, without


def test_the_one_query_flag_agrees_with_the_rule_for_one(edition_with_experts):
    edition, _with_consent, without = edition_with_experts
    everyone = list(edition.participants.all())
    assert consent_missing_among(everyone) == {p.pk for p in everyone if consent_missing(p)}
    assert consent_missing_among(everyone) == {without.pk}


def test_the_coordinator_sees_the_flag_on_the_list_and_the_dashboard(
    client, make_staff, edition_with_experts
):
    edition, with_consent, without = edition_with_experts
    client.force_login(make_staff("coordinator"))
    listing = client.get(f"/editions/{edition.pk}/participants/").content.decode()
    assert f'data-testid="consent-missing-{without.pk}"' in listing
    assert f'data-testid="consent-missing-{with_consent.pk}"' not in listing
    assert "toestemming ontbreekt" in listing
    dashboard = client.get(f"/editions/{edition.pk}/").content.decode()
    assert 'data-code="consent_missing"' in dashboard
    without.refresh_from_db()
    assert without.status == ParticipantStatus.CONFIRMED
