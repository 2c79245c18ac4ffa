"""The migration that holds domains stored without a special-category consent as pending."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ontmoeting.privacy.consent import current_text
from tests.factories import ExperienceDomainFactory

PRIVACY = ("privacy", "0004_invitations_registrations_to_editions")
BEFORE = [("people", "0003_retention_and_pending_domains"), PRIVACY]
AFTER = [("people", "0004_domains_without_consent_to_pending"), PRIVACY]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_domains_without_consent_move_to_pending_and_consented_ones_stay():
    old = _migrate(BEFORE)
    try:
        text_id = current_text("special_category").pk
        domain = ExperienceDomainFactory(code="verslaving")
        profile_model = old.get_model("people", "ExpertProfile")
        consent_model = old.get_model("privacy", "Consent")
        # The model as it was then: today's factory knows columns added since.
        people = old.get_model("people", "Person").objects
        without = people.create(first_name="Ann", last_name="Peeters")
        with_consent = people.create(first_name="Jan", last_name="Claes")
        a = profile_model.objects.create(person_id=without.pk)
        b = profile_model.objects.create(person_id=with_consent.pk)
        a.domains.add(domain.pk)
        b.domains.add(domain.pk)
        consent_model.objects.create(
            person_id=with_consent.pk, text_id=text_id, given_at="2026-02-01T10:00Z"
        )

        new = _migrate(AFTER)

        profiles = new.get_model("people", "ExpertProfile").objects
        held = profiles.get(pk=a.pk)
        kept = profiles.get(pk=b.pk)
        assert list(held.domains.values_list("code", flat=True)) == []
        assert list(held.pending_domains.values_list("code", flat=True)) == ["verslaving"]
        assert list(kept.domains.values_list("code", flat=True)) == ["verslaving"]
        assert list(kept.pending_domains.values_list("code", flat=True)) == []
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
