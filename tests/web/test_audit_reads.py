"""Every read of identities or special-category data is audited — lists and searches included —
and admins read the audit log on a screen of their own, filtered and paginated."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.privacy.audit import record
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ExpertProfileFactory, PersonFactory
from tests.web.w1_helpers import expert, student

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(year=2026)


def _signed_in(client, make_staff, role):
    user = make_staff(role)
    client.force_login(user)
    return client, user


def test_the_participant_list_and_search_are_audited_with_who_was_shown(
    client, make_staff, edition
):
    client, user = _signed_in(client, make_staff, "coordinator")
    marc = expert(edition, ref="E1", name="Marc Peeters")
    student(edition, ref="S1", name="Anna Smet")

    client.get(f"/editions/{edition.pk}/participants/", {"q": "marc"})

    entry = AuditEntry.objects.get(action="participant.list")
    assert (entry.actor, entry.object_id) == (user, str(edition.pk))
    assert entry.data["query"] == {"q": "marc"}
    assert entry.data["participants"] == [marc.pk]


def test_reading_a_message_is_audited(client, make_staff, edition):
    client, user = _signed_in(client, make_staff, "coordinator")
    person = PersonFactory()
    message = OutboxMessage.objects.create(
        kind="invitation",
        language="nl",
        recipient=person.email,
        subject="Uitnodiging",
        body_text="Dag",
        person=person,
        edition=edition,
        message_id="<m1@example.org>",
    )

    assert client.get(f"/editions/{edition.pk}/messages/{message.pk}/").status_code == 200

    entry = AuditEntry.objects.get(action="message.view")
    assert (entry.actor, entry.object_id, entry.data["person"]) == (
        user,
        str(message.pk),
        person.pk,
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_coding_export_is_audited(client, make_staff, edition, fmt):
    client, user = _signed_in(client, make_staff, "researcher")

    response = client.get(f"/research/editions/{edition.pk}/coding/export.{fmt}")

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="surveys.coding_export")
    assert (entry.actor, entry.object_id, entry.data["format"]) == (user, str(edition.pk), fmt)


def test_django_admin_lists_and_pages_of_people_and_profiles_are_audited(admin_client):
    profile = ExpertProfileFactory(person=PersonFactory(first_name="Marc"))

    admin_client.get("/admin/people/person/", {"q": "Marc"})
    admin_client.get(f"/admin/people/person/{profile.person.pk}/change/")
    admin_client.get(f"/admin/people/expertprofile/{profile.pk}/change/")

    rows = [
        (e.action, e.data["model"], e.data.get("ids"), e.data.get("object_id"))
        for e in AuditEntry.objects.filter(action__startswith="admin.").order_by("pk")
    ]
    assert rows == [
        ("admin.list", "people.person", [profile.person.pk], None),
        ("admin.view", "people.person", None, str(profile.person.pk)),
        ("admin.view", "people.expertprofile", None, str(profile.pk)),
    ]


# ----------------------------------------------------------------------------- the screen


@pytest.mark.parametrize("role", ["coordinator", "researcher"])
def test_the_audit_screen_is_for_admins_only(client, make_staff, role):
    client, _user = _signed_in(client, make_staff, role)
    assert client.get("/staff/audit/").status_code == 403


def test_the_audit_screen_shows_who_read_what_filtered_by_actor_action_object_and_date(
    client, make_staff, edition
):
    client, _admin = _signed_in(client, make_staff, "admin")
    record("participant.view", actor="anna", obj=edition)
    record("participant.list", actor="bert", obj=edition)
    old = record("consent.give", actor="cli")
    AuditEntry.objects.filter(pk=old.pk).update(when=dt.datetime(2025, 1, 2, 12, tzinfo=dt.UTC))

    def actions(**query):
        page = client.get("/staff/audit/", query).context["page"]
        return sorted(e.action for e in page)

    assert actions(actor="ann") == ["participant.view"]
    assert actions(action="participant.list") == ["participant.list"]
    assert actions(object_type="editions.edition", object_id=str(edition.pk)) == [
        "participant.list",
        "participant.view",
    ]
    assert actions(until="2025-12-31") == ["consent.give"]
    assert actions(since="2026-01-01") == ["participant.list", "participant.view"]
    page = client.get("/staff/audit/", {"actor": "anna"}).content.decode()
    assert "participant.view" in page


def test_the_audit_screen_pages_by_fifty(client, make_staff):
    client, _admin = _signed_in(client, make_staff, "admin")
    for i in range(60):
        record("participant.view", actor=f"user{i}")

    first = client.get("/staff/audit/").context["page"]
    second = client.get("/staff/audit/", {"page": 2}).context["page"]

    assert (len(first), len(second), first.paginator.count) == (50, 10, 60)


def test_a_bad_date_in_the_filter_is_an_error_on_the_form_not_a_500(client, make_staff):
    client, _admin = _signed_in(client, make_staff, "admin")

    response = client.get("/staff/audit/", {"since": "gisteren"})

    assert response.status_code == 200
    assert response.context["form"].errors["since"]
