"""Invitation links closed one by one or ticked in bulk; student links sent after a preview."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.invitations import create_invitation
from ontmoeting.editions.models import Invitation, Venue
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory
from tests.web.portal_factories import open_edition, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


def test_ticked_links_are_closed_and_their_pages_say_so(coordinator, client):
    edition = open_edition()
    made = [create_invitation(edition=edition, actor="test") for _ in range(3)]
    (first, first_link), (second, _second_link), (_third, third_link) = made
    foreign, _ = create_invitation(edition=EditionFactory(year=2020), actor="test")
    url = f"/editions/{edition.pk}/invitations/"
    response = coordinator.post(
        url,
        {"action": "revoke-selected", "invitation": [first.pk, second.pk, foreign.pk]},
        follow=True,
    )
    assert "2 links gesloten." in response.content.decode()
    closed = set(Invitation.objects.filter(revoked__isnull=False).values_list("pk", flat=True))
    assert closed == {first.pk, second.pk}
    revokes = AuditEntry.objects.filter(action="invitation.revoke")
    assert sorted(int(e.object_id) for e in revokes) == sorted([first.pk, second.pk])
    # Ticking them again closes nothing new.
    again = coordinator.post(
        url, {"action": "revoke-selected", "invitation": [first.pk]}, follow=True
    )
    assert "0 links gesloten." in again.content.decode()
    coordinator.logout()
    page = client.get(path_of(first_link))
    assert "Deze link werkt niet meer" in page.content.decode()
    assert "Deze link werkt niet meer" not in client.get(path_of(third_link)).content.decode()


def _students(edition, n):
    return [
        ParticipantFactory(
            edition=edition,
            role=ParticipantRole.STUDENT,
            status=ParticipantStatus.INVITED,
            person=PersonFactory(first_name=f"Student{i}", email=f"s{i}@example.org"),
        )
        for i in range(n)
    ]


def test_links_to_students_show_a_preview_before_anything_is_sent(coordinator):
    venue, _created = Venue.objects.get_or_create(name="Campus Zuid", town="Gent")
    edition = open_edition(venue=venue)
    invited = _students(edition, 3)
    ParticipantFactory(edition=edition, role=ParticipantRole.STUDENT, status="confirmed")
    url = f"/editions/{edition.pk}/invitations/"
    response = coordinator.post(url, {"action": "students-preview"})
    preview = response.context["students_preview"]
    assert sorted(p.pk for p in preview.recipients) == sorted(p.pk for p in invited)
    page = response.content.decode()
    assert "3 studenten krijgen een link" in page
    assert all(p.person.full_name in page for p in invited)
    assert preview.rendered.subject in page  # the message itself, as a sample
    assert not OutboxMessage.objects.exists()  # the preview sent nothing
    coordinator.post(url, {"action": "students"})
    sent = sorted(OutboxMessage.objects.values_list("participant_id", flat=True))
    assert sent == sorted(p.pk for p in invited)
    # Now everyone has a link: the preview says so and offers no send button.
    after = coordinator.post(url, {"action": "students-preview"}).content.decode()
    assert "invite-students-confirm" not in after


@pytest.mark.parametrize("role", ["researcher", "admin", "helper"])
def test_bulk_close_is_for_coordinators_only(client, make_staff, role):
    edition = open_edition()
    invitation, _link = create_invitation(edition=edition, actor="test")
    client.force_login(make_staff(role))
    url = f"/editions/{edition.pk}/invitations/"
    response = client.post(url, {"action": "revoke-selected", "invitation": [invitation.pk]})
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked is None
