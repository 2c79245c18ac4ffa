"""A shared group link is reachable by strangers: it may register newcomers, never change people.

The attack this protects against: an anonymous POST through a self-help group's link with a
student's e-mail address renamed him, set a phone and tied him to a group. Now the known person
is left as they were, they are asked at their own address, and the page answers the same way
whether the address was known or not. Links can be limited in uses and closed; registrations
through them wait for a coordinator's check.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.invitations import create_invitation
from ontmoeting.editions.models import HeldRegistration, Invitation, Participant, Registration
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.people.models import ExpertProfile, Membership, Person
from ontmoeting.privacy.models import AuditEntry, Consent
from tests.factories import ParticipantFactory, PersonFactory, SelfHelpGroupFactory
from tests.messaging.outbox_mail import mail_body
from tests.web.portal_factories import answers, open_edition, path_of

pytestmark = pytest.mark.django_db


def _group_link(edition, group=None, **kwargs) -> tuple[Invitation, str]:
    invitation, link = create_invitation(
        edition=edition, self_help_group=group, actor="test", **kwargs
    )
    return invitation, path_of(link)


def _link_in(message: OutboxMessage) -> str:
    return path_of(next(w for w in mail_body(message).split() if w.startswith(settings.SITE_URL)))


def _student(edition) -> Person:
    student = PersonFactory(
        first_name="Wout", last_name="Janssens", email="wout.janssens@student.example", phone=""
    )
    ParticipantFactory(edition=edition, person=student, role=ParticipantRole.STUDENT)
    return student


def _snapshot(person: Person) -> tuple[object, ...]:
    person.refresh_from_db()
    return (
        person.first_name,
        person.last_name,
        person.phone,
        person.email,
        ExpertProfile.objects.filter(person=person).exists(),
        Membership.objects.filter(expert__person=person).count(),
        Consent.objects.filter(person=person).count(),
        Participant.objects.filter(person=person).count(),
    )


def test_an_anonymous_post_with_a_students_address_changes_nothing_about_him(client):
    edition = open_edition()
    student = _student(edition)
    before = _snapshot(student)
    _invitation, link = _group_link(edition, SelfHelpGroupFactory(name="AA Vlaanderen"))

    response = client.post(
        link,
        answers(
            first_name="Overwritten",
            last_name="ByAnonymous",
            email="wout.janssens@student.example",
            phone="0470 00 00 00",
        ),
    )

    assert response.status_code == 302
    assert _snapshot(student) == before
    assert Person.objects.count() == 1
    held = HeldRegistration.objects.get()
    assert (held.person, held.data["last_name"]) == (student, "ByAnonymous")
    check = OutboxMessage.objects.get(kind="registration_check")
    assert check.recipient == "wout.janssens@student.example"  # his own address, on record
    assert AuditEntry.objects.filter(action="registration.held").count() == 1


def test_the_page_after_the_form_reads_the_same_for_a_known_and_an_unknown_address(client):
    edition = open_edition()
    _student(edition)
    group = SelfHelpGroupFactory()
    _invitation, link = _group_link(edition, group)

    client.post(link, answers(group, first_name="Wout", email="wout.janssens@student.example"))
    known = _message_of(client.get("/register/done/").content.decode())
    client.post(link, answers(group, first_name="Wout", email="someone.new@example.org"))
    unknown = _message_of(client.get("/register/done/").content.decode())

    assert known == unknown
    assert "We hebben je inschrijving ontvangen" in known


def _message_of(page: str) -> str:
    """The thank-you part of the page (the rest carries a fresh CSRF token each time)."""
    start = page.index('data-testid="registered"')
    return page[start : page.index("</div>", start)]


def test_the_owner_applies_a_held_registration_by_the_button_of_their_link(client):
    edition = open_edition()
    person = PersonFactory(first_name="Lotte", last_name="Mertens", email="lotte@example.org")
    group = SelfHelpGroupFactory()
    _invitation, link = _group_link(edition, group)
    client.post(link, answers(group, first_name="Lotte", last_name="Mertens-Peeters",
                              email="lotte@example.org", phone="0470 11 22 33"))  # fmt: skip
    check_link = _link_in(OutboxMessage.objects.get(kind="registration_check"))

    page = client.get(check_link)  # a mail scanner opening the link changes nothing
    assert page.status_code == 200
    assert "Mertens-Peeters" in page.content.decode()
    assert _snapshot(person)[:3] == ("Lotte", "Mertens", "")

    applied = client.post(check_link)
    assert applied["Location"] == "/register/done/"
    person.refresh_from_db()
    assert (person.last_name, person.phone) == ("Mertens-Peeters", "0470 11 22 33")
    participant = Participant.objects.get(person=person, edition=edition)
    assert participant.status == ParticipantStatus.REGISTERED
    assert "Je bent ingeschreven" in client.get("/register/done/").content.decode()
    assert client.post(check_link).status_code == 404  # used once, then gone
    assert Participant.objects.filter(person=person).count() == 1


def test_a_group_link_limited_to_two_registrations_refuses_the_third(client):
    edition = open_edition()
    group = SelfHelpGroupFactory()
    invitation, link = _group_link(edition, group, max_uses=2)
    for n in range(2):
        response = client.post(link, answers(group, email=f"expert{n}@example.org"))
        assert response.status_code == 302
    third = client.post(link, answers(group, email="expert3@example.org"))
    assert third.status_code == 410
    assert third.templates[0].name == "portal/link_closed.html"
    assert Person.objects.count() == 2
    invitation.refresh_from_db()
    assert invitation.uses == 2
    assert client.get(link).status_code == 410


def test_a_coordinator_closes_a_link_and_it_registers_nobody_after(client, make_staff):
    edition = open_edition()
    group = SelfHelpGroupFactory()
    invitation, link = _group_link(edition, group)
    client.force_login(make_staff("coordinator"))
    page = client.post(
        f"/editions/{edition.pk}/invitations/", {"action": "revoke", "id": invitation.pk}
    )
    assert page.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked is not None
    client.logout()
    assert client.post(link, answers(group)).status_code == 410
    assert Person.objects.count() == 0


def test_a_coordinator_of_another_edition_cannot_close_this_editions_link(client, make_staff):
    edition = open_edition()
    other = open_edition(year=edition.year + 1)
    assert other.pk != edition.pk
    invitation, _link = _group_link(edition)
    client.force_login(make_staff("coordinator"))
    response = client.post(
        f"/editions/{other.pk}/invitations/", {"action": "revoke", "id": invitation.pk}
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked is None


def test_registrations_through_a_group_link_wait_for_a_coordinators_check(client, make_staff):
    edition = open_edition()
    group = SelfHelpGroupFactory(name="NA Gent")
    _invitation, link = _group_link(edition, group)
    client.post(link, answers(group, first_name="An", last_name="Claes", email="an@example.org"))
    client.post(link, answers(group, first_name="Bo", last_name="Smet", email="bo@example.org"))
    client.force_login(make_staff("coordinator"))

    page = client.get(f"/editions/{edition.pk}/invitations/").content.decode()
    assert "An Claes" in page
    assert "Bo Smet" in page

    an, bo = Registration.objects.order_by("participant__person__first_name")
    client.post(f"/editions/{edition.pk}/invitations/", {"action": "keep", "id": an.pk})
    client.post(f"/editions/{edition.pk}/invitations/", {"action": "drop", "id": bo.pk})

    an.refresh_from_db()
    bo.refresh_from_db()
    assert an.reviewed is not None
    assert an.participant.status == ParticipantStatus.REGISTERED
    assert bo.reviewed is not None
    assert bo.participant.status == ParticipantStatus.CANCELLED
    page = client.get(f"/editions/{edition.pk}/invitations/").content.decode()
    assert 'data-testid="to-check"' not in page


#: Without an e-mail address our news comes by letter: the address is asked.
LETTERS = {"street": "Kerkstraat 12", "postcode": "9000", "town": "Gent"}


def test_a_coordinator_may_apply_or_throw_away_a_held_registration(client, make_staff):
    edition = open_edition()
    known = PersonFactory(first_name="Rik", last_name="Peeters", email="", phone="0470 99 88 77")
    group = SelfHelpGroupFactory()
    _invitation, link = _group_link(edition, group)
    client.post(link, answers(group, first_name="Rik", last_name="Peeters", email="",
                              phone="0470 99 88 77", diet="halal", **LETTERS))  # fmt: skip
    held = HeldRegistration.objects.get()
    assert held.person == known
    assert not OutboxMessage.objects.filter(kind="registration_check").exists()

    client.force_login(make_staff("coordinator"))
    page = client.get(f"/editions/{edition.pk}/invitations/").content.decode()
    assert 'data-testid="held"' in page
    assert "Rik Peeters" in page
    client.post(f"/editions/{edition.pk}/invitations/", {"action": "apply-held", "id": held.pk})
    assert Participant.objects.get(person=known, edition=edition).diet == "halal"
    held.refresh_from_db()
    assert held.applied is not None

    coordinator = client.session["_auth_user_id"]
    client.logout()
    client.post(link, answers(group, first_name="Rik", last_name="Peeters", email="",
                              phone="0470 99 88 77", diet="vegan", **LETTERS))  # fmt: skip
    second = HeldRegistration.objects.exclude(pk=held.pk).get()
    client.force_login(User.objects.get(pk=coordinator))
    client.post(f"/editions/{edition.pk}/invitations/", {"action": "discard-held", "id": second.pk})
    second.refresh_from_db()
    assert second.discarded is not None
    assert Participant.objects.get(person=known, edition=edition).diet == "halal"
