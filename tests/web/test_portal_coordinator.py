"""Coordinators make invitation links (shown once), personal links and student links."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.editions.invitations import create_invitation
from ontmoeting.editions.models import Invitation
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.privacy.models import AccessToken, AuditEntry
from tests.factories import ParticipantFactory, PersonFactory, SelfHelpGroupFactory
from tests.messaging.outbox_mail import mail_body
from tests.web.portal_factories import answers, open_edition, path_of, token_of

pytestmark = pytest.mark.django_db


def test_coordinator_makes_a_group_link_shown_once_that_registers(client, make_staff):
    coordinator = make_staff("coordinator")
    client.force_login(coordinator)
    edition = open_edition()
    group = SelfHelpGroupFactory(name="AA Gent")
    response = client.post(
        f"/editions/{edition.pk}/invitations/",
        {"action": "group", "group-self_help_group": group.pk},
    )
    link = response.context["new_link"]
    assert link in response.content.decode()
    invitation = Invitation.objects.get()
    assert (invitation.edition, invitation.self_help_group, invitation.created_by) == (
        edition,
        group,
        coordinator,
    )
    assert token_of(link) not in invitation.token_hash
    listing = client.get(f"/editions/{edition.pk}/invitations/").content.decode()
    assert token_of(link) not in listing
    assert "AA Gent" in listing
    client.logout()
    form_page = client.get(path_of(link))
    assert form_page.context["form"].initial["self_help_group"] == group.pk
    client.post(path_of(link), answers(group))
    assert invitation.registrations.count() == 1
    assert AuditEntry.objects.filter(action="invitation.create", actor=coordinator).count() == 1


def test_coordinator_makes_a_personal_link_and_sends_it(client, make_staff):
    client.force_login(make_staff("coordinator"))
    edition = open_edition()
    person = PersonFactory(email="veteran@example.org")
    response = client.post(
        f"/editions/{edition.pk}/invitations/",
        {"action": "person", "person-email": "veteran@example.org", "person-send": "on"},
    )
    assert "/register/" in response.context["new_link"]
    token = AccessToken.objects.get()
    assert (token.purpose, token.person, token.edition) == ("register", person, edition)
    message = OutboxMessage.objects.get()
    assert (message.kind, message.recipient) == ("invitation", "veteran@example.org")
    assert response.context["new_link"] in mail_body(message)


def test_personal_link_for_an_unknown_email_shows_an_error(client, make_staff):
    client.force_login(make_staff("coordinator"))
    edition = open_edition()
    response = client.post(
        f"/editions/{edition.pk}/invitations/",
        {"action": "person", "person-email": "nobody@example.org"},
    )
    assert response.context["person_form"].errors["email"]
    assert AccessToken.objects.count() == 0


def test_send_links_to_students_once(client, make_staff):
    client.force_login(make_staff("coordinator"))
    edition = open_edition()
    invited = [
        ParticipantFactory(edition=edition, status=ParticipantStatus.INVITED) for _ in range(2)
    ]
    ParticipantFactory(edition=edition, status=ParticipantStatus.CONFIRMED)
    client.post(f"/editions/{edition.pk}/invitations/", {"action": "students"})
    client.post(f"/editions/{edition.pk}/invitations/", {"action": "students"})
    messages = OutboxMessage.objects.filter(kind="invitation_student")
    assert sorted(m.participant_id for m in messages) == sorted(p.pk for p in invited)
    assert all("/confirm/" in mail_body(m) for m in messages)


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_invitations_page_is_for_coordinators_only(client, make_staff, role):
    client.force_login(make_staff(role))
    edition = open_edition()
    assert client.get(f"/editions/{edition.pk}/invitations/").status_code == 403
    client.post(f"/editions/{edition.pk}/invitations/", {"action": "group"})
    assert Invitation.objects.count() == 0


def test_invitations_page_of_an_unknown_edition_is_404(client, make_staff):
    client.force_login(make_staff("coordinator"))
    assert client.get("/editions/999999/invitations/").status_code == 404


def test_invitations_list_query_count_does_not_grow(
    client, make_staff, django_assert_max_num_queries
):
    coordinator = make_staff("coordinator")
    client.force_login(coordinator)
    edition = open_edition()
    create_invitation(edition=edition, self_help_group=SelfHelpGroupFactory(), actor=coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(f"/editions/{edition.pk}/invitations/").status_code == 200
    for _ in range(2):
        create_invitation(
            edition=edition, self_help_group=SelfHelpGroupFactory(), actor=coordinator
        )
    create_invitation(edition=edition, person=PersonFactory(), actor=coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(f"/editions/{edition.pk}/invitations/").status_code == 200
