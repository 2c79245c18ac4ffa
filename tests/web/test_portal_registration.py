"""Experts register through an invitation link; coordinators can register on their behalf."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.editions.enums import EditionStatus, ParticipantStatus
from ontmoeting.editions.invitations import create_invitation
from ontmoeting.editions.models import Participant, Registration
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.people.models import ExpertProfile, Membership, Person
from ontmoeting.privacy.consent import has_special_consent
from ontmoeting.privacy.models import AuditEntry, Consent
from ontmoeting.privacy.tokens import issue_link
from tests.factories import ExperienceDomainFactory, PersonFactory, SelfHelpGroupFactory
from tests.messaging.outbox_mail import mail_body
from tests.web.portal_factories import ADDRESS, answers, open_edition, past_edition, path_of

pytestmark = pytest.mark.django_db


def group_link(edition, group=None) -> str:
    _invitation, link = create_invitation(edition=edition, self_help_group=group, actor="test")
    return path_of(link)


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Person, ExpertProfile, Membership, Participant, Consent, Registration)
    )


def test_register_creates_person_profile_membership_participant_and_consent(client):
    edition = open_edition()
    group = SelfHelpGroupFactory()
    link = group_link(edition, group)
    response = client.post(link, answers(group, accessibility="hearing loop"))
    assert response.status_code == 302
    assert response["Location"] == "/register/done/"
    person = Person.objects.get()
    assert (person.first_name, person.last_name, person.email) == (
        "Marleen",
        "Peeters",
        "marleen@example.org",
    )
    profile = person.expert_profile
    assert (profile.can_chair, profile.languages, profile.diet) == (True, ["nl"], "vegetarian")
    membership = Membership.objects.get()
    assert (membership.group, membership.since) == (group, dt.date(2018, 3, 1))
    participant = Participant.objects.get()
    assert (participant.edition, participant.role, participant.status) == (
        edition,
        "expert",
        ParticipantStatus.REGISTERED,
    )
    assert participant.accessibility == "hearing loop"
    assert participant.ref == "E001"  # the next expert reference, as on a roster
    registration = participant.registration
    assert (registration.how, registration.travel, registration.invitation.self_help_group) == (
        "online",
        "public_transport",
        group,
    )
    assert [c.text.kind for c in Consent.objects.all()] == ["general"]
    assert AuditEntry.objects.filter(action="registration.register").count() == 1
    confirmation = OutboxMessage.objects.get(kind="confirmation")
    assert confirmation.recipient == "marleen@example.org"
    assert "/me/link/" in mail_body(confirmation)


def test_register_done_page_thanks_by_first_name(client):
    edition = open_edition()
    client.post(group_link(edition), answers())
    response = client.get("/register/done/")
    assert "Marleen" in response.content.decode()


def test_register_special_consent_box_is_unticked_by_default(client):
    response = client.get(group_link(open_edition()))
    assert response.status_code == 200
    form = response.context["form"]
    assert not form["special_consent"].value()
    html = response.content.decode()
    box = html[
        html.index('name="special_consent"') - 80 : html.index('name="special_consent"') + 80
    ]
    assert "checked" not in box


def test_register_without_special_consent_stores_no_domains(client):
    domain = ExperienceDomainFactory(code="addiction")
    client.post(group_link(open_edition()), answers(domains=[]))
    person = Person.objects.get()
    assert list(person.expert_profile.domains.all()) == []
    assert not has_special_consent(person)
    assert Participant.objects.get().status == ParticipantStatus.REGISTERED
    assert domain.experts.count() == 0


def test_register_with_special_consent_stores_domains(client):
    domain = ExperienceDomainFactory(code="addiction")
    client.post(group_link(open_edition()), answers(domains=[domain.pk], special_consent="on"))
    person = Person.objects.get()
    assert list(person.expert_profile.domains.all()) == [domain]
    assert has_special_consent(person)


def test_register_domains_without_the_consent_box_shows_an_error_and_writes_nothing(client):
    domain = ExperienceDomainFactory(code="addiction")
    response = client.post(group_link(open_edition()), answers(domains=[domain.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors["special_consent"]
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_register_twice_through_the_same_link_holds_the_second_until_its_owner_confirms(client):
    edition = open_edition()
    group = SelfHelpGroupFactory()
    link = group_link(edition, group)
    client.post(link, answers(group))
    client.post(link, answers(group, email="MARLEEN@example.org", diet="no pork", can_chair="no"))
    assert counts() == (1, 1, 1, 1, 1, 1)
    participant = Participant.objects.get()
    assert (participant.diet, participant.person.expert_profile.can_chair) == ("vegetarian", True)
    check = OutboxMessage.objects.get(kind="registration_check")
    assert check.recipient == "marleen@example.org"
    client.post(path_of(_link_in(mail_body(check))))
    participant.refresh_from_db()
    assert (participant.diet, participant.person.expert_profile.can_chair) == ("no pork", False)
    assert counts() == (1, 1, 1, 1, 1, 1)
    assert OutboxMessage.objects.filter(kind="confirmation").count() == 1


def _link_in(text: str) -> str:
    from django.conf import settings

    return next(word for word in text.split() if word.startswith(settings.SITE_URL))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "", "phone": ""}, "email", "Geef een e-mailadres of een telefoonnummer"),
        ({"email": "marleen@"}, "email", "Dit e-mailadres is niet volledig"),
        (
            {"general_consent": None},
            "general_consent",
            "We kunnen je alleen inschrijven als je akkoord gaat",
        ),
        ({"member_since_year": "2999"}, "member_since_year", "Deze datum ligt in de toekomst"),
        ({"travel": None}, "travel", "Kies hoe je zal komen"),
        ({"self_help_group": None}, "self_help_group", "Kies je zelfhulpgroep"),
        ({"phone": "call me", "email": ""}, "phone", "Gebruik alleen cijfers"),
    ],
)
def test_register_bad_input_shows_errors_next_to_the_field_and_writes_nothing(
    client, changes, field, message
):
    response = client.post(group_link(open_edition()), answers(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    html = response.content.decode()
    assert f'id="{field}-error"' in html
    assert 'aria-invalid="true"' in html
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_register_with_phone_only_is_matched_by_phone_and_name_and_held_for_a_coordinator(client):
    edition = open_edition()
    link = group_link(edition)
    group = SelfHelpGroupFactory()
    post = {"email": "", "phone": "0470 12 34 56", **ADDRESS}
    client.post(link, answers(group, **post))
    client.post(link, answers(group, **post, diet="halal"))
    assert counts()[:4] == (1, 1, 1, 1)
    assert Participant.objects.get().diet == "vegetarian"
    assert OutboxMessage.objects.get(kind="confirmation").status == "letter"
    held = edition.held.get()
    assert (held.person, held.data["diet"]) == (Participant.objects.get().person, "halal")
    assert not OutboxMessage.objects.filter(kind="registration_check").exists()


def test_register_personal_link_prefills_and_updates_that_person(client):
    edition = open_edition()
    person = PersonFactory(first_name="Jef", last_name="Maes", email="jef@example.org")
    link = path_of(issue_link(person, purpose="register", edition=edition))
    response = client.get(link)
    assert response.context["form"].initial["first_name"] == "Jef"
    client.post(link, answers(first_name="Jef", last_name="Maes", email="jef.new@example.org"))
    person.refresh_from_db()
    assert person.email == "jef.new@example.org"
    assert Person.objects.count() == 1
    assert Participant.objects.get().person == person


@pytest.mark.parametrize(
    ("edition_kwargs", "status"),
    [({}, EditionStatus.RECRUITING), ({}, EditionStatus.ARCHIVED)],
)
def test_register_after_the_window_or_for_an_archived_edition_shows_the_closed_page(
    client, edition_kwargs, status
):
    edition = (
        past_edition(status=status)
        if status != EditionStatus.ARCHIVED
        else open_edition(status=EditionStatus.ARCHIVED)
    )
    link = group_link(edition)
    for response in (client.get(link), client.post(link, answers())):
        assert response.status_code == 200
        assert response.templates[0].name == "portal/closed.html"
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_register_links_malformed_unknown_and_expired_have_distinct_pages(client):
    edition = open_edition()
    _invitation, link = create_invitation(
        edition=edition, actor="test", lifetime=dt.timedelta(seconds=-1)
    )
    pages = {
        "malformed": client.get("/register/abc/"),
        "unknown": client.get("/register/" + "B" * 43 + "/"),
        "expired": client.get(path_of(link)),
    }
    assert {state: r.status_code for state, r in pages.items()} == {
        "malformed": 400,
        "unknown": 404,
        "expired": 410,
    }
    assert {state: r.templates[0].name for state, r in pages.items()} == {
        "malformed": "portal/link_malformed.html",
        "unknown": "portal/link_unknown.html",
        "expired": "portal/link_expired.html",
    }


def test_register_page_is_not_cached_and_leaks_no_path_in_the_referrer(client):
    response = client.get(group_link(open_edition()))
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "strict-origin"


def test_register_post_requires_csrf():
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(group_link(open_edition()), answers())
    assert response.status_code == 403
    assert counts() == (0, 0, 0, 0, 0, 0)


# ------------------------------------------------------------------------------ on behalf


def test_coordinator_registers_on_behalf_and_it_is_recorded_as_such(client, make_staff):
    coordinator = make_staff("coordinator")
    client.force_login(coordinator)
    edition = open_edition()
    domain = ExperienceDomainFactory(code="addiction")
    response = client.post(
        f"/editions/{edition.pk}/register-on-behalf/",
        answers(
            email="",
            phone="09 123 45 67",
            language="it",
            special_consent="on",
            domains=[domain.pk],
            **ADDRESS,
        ),
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.registration.how == "on_behalf"
    assert participant.person.language == "it"
    assert set(Consent.objects.values_list("how", flat=True)) == {"on_behalf"}
    entry = AuditEntry.objects.get(action="registration.register")
    assert (entry.actor, entry.data["how"]) == (coordinator, "on_behalf")
    assert AuditEntry.objects.filter(action="consent.give", actor=coordinator).count() == 2


def test_on_behalf_form_without_consent_writes_nothing(client, make_staff):
    client.force_login(make_staff("coordinator"))
    edition = open_edition()
    response = client.post(
        f"/editions/{edition.pk}/register-on-behalf/",
        answers(general_consent=None, language="nl"),
    )
    assert response.status_code == 200
    assert "Zonder de toestemming van de persoon" in response.content.decode()
    assert counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_on_behalf_page_is_for_coordinators_only(client, make_staff, role):
    client.force_login(make_staff(role))
    edition = open_edition()
    assert client.get(f"/editions/{edition.pk}/register-on-behalf/").status_code == 403
    response = client.post(f"/editions/{edition.pk}/register-on-behalf/", answers(language="nl"))
    assert response.status_code == 403
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_on_behalf_page_sends_visitors_to_the_login(client):
    edition = open_edition()
    response = client.get(f"/editions/{edition.pk}/register-on-behalf/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_on_behalf_page_of_an_unknown_edition_is_404(client, make_staff):
    client.force_login(make_staff("coordinator"))
    assert client.get("/editions/999999/register-on-behalf/").status_code == 404
