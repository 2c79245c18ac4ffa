"""Invitations and registrations moved from the privacy app to editions: every row survives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ontmoeting.editions.models import Invitation, Participant, Registration

BEFORE = [
    ("privacy", "0003_default_consent_texts"),
    ("editions", "0002_programmeblock_unavailable_rooms_room_excluded_uses"),
]
AFTER = [
    ("privacy", "0004_invitations_registrations_to_editions"),
    ("editions", "0003_invitations_registrations_from_privacy"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_invitations_and_registrations_keep_their_rows_and_content_types_in_editions():
    old = _migrate(BEFORE)
    try:
        # The models as they were then: today's factories know columns added since.
        people = old.get_model("people", "Person").objects
        edition = old.get_model("editions", "Edition").objects.create(
            year=2026,
            date=dt.date(2026, 12, 10),
            window_start=dt.date(2026, 11, 30),
            window_end=dt.date(2026, 12, 18),
        )
        participant = old.get_model("editions", "Participant").objects.create(
            edition_id=edition.pk,
            person_id=people.create(first_name="Marleen", last_name="Peeters").pk,
            role="expert",
            status="registered",
            ref="R0001",
        )
        group = old.get_model("people", "SelfHelpGroup").objects.create(name="De Brug", town="Gent")
        person = people.create(first_name="Jan", last_name="Claes")
        expires = timezone.now() + dt.timedelta(days=30)
        old_invitation = old.get_model("privacy", "Invitation")
        old_registration = old.get_model("privacy", "Registration")
        shared = old_invitation.objects.create(
            edition_id=participant.edition_id,
            self_help_group_id=group.pk,
            token_hash="a" * 64,
            expires=expires,
        )
        personal = old_invitation.objects.create(
            edition_id=participant.edition_id,
            person_id=person.pk,
            token_hash="b" * 64,
            expires=expires,
        )
        old_registration.objects.create(
            participant_id=participant.pk, invitation_id=shared.pk, how="on_behalf", travel="bike"
        )
        content_type = ContentType.objects.get(app_label="privacy", model="invitation")
        _migrate(AFTER)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()

    assert list(Invitation.objects.order_by("pk").values_list("pk", "token_hash")) == [
        (shared.pk, "a" * 64),
        (personal.pk, "b" * 64),
    ]
    registration = Registration.objects.select_related("invitation").get()
    assert (
        registration.participant_id,
        registration.invitation.self_help_group_id,
        registration.how,
        registration.travel,
    ) == (participant.pk, group.pk, "on_behalf", "bike")
    assert Participant.objects.get(pk=participant.pk).registration == registration
    assert ContentType.objects.get(pk=content_type.pk).app_label == "editions"
    new = Invitation.objects.create(
        edition_id=participant.edition_id, token_hash="c" * 64, expires=expires
    )
    assert new.pk > personal.pk
