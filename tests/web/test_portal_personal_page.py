"""The personal page: one's own day only, needs, cancelling, consent, downloads."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import DEFAULT_PROGRAMME, ProgrammeBlock
from ontmoeting.editions.registration import register_expert
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.planning.models import Plan, PlannedPair
from ontmoeting.privacy.consent import has_general_consent, has_special_consent
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.web.views.portal.forms import RegistrationForm
from tests.factories import (
    ExperienceDomainFactory,
    ParticipantFactory,
    PersonFactory,
    RoomFactory,
    SelfHelpGroupFactory,
    VenueFactory,
)
from tests.web.portal_factories import answers, expert_in, open_edition, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    """An edition with a published plan: Marleen (expert) talks with Sofie (student)."""
    venue = VenueFactory(name="Campus Aula", notes="Enter by the side door.")
    edition = open_edition(venue=venue)
    ProgrammeBlock.objects.bulk_create(
        ProgrammeBlock(edition=edition, kind=kind, starts=starts, ends=ends)
        for kind, starts, ends in DEFAULT_PROGRAMME
    )
    expert = expert_in(edition, person=PersonFactory(first_name="Marleen", last_name="Peeters"))
    student = ParticipantFactory(
        edition=edition, person=PersonFactory(first_name="Sofie", last_name="Janssens")
    )
    other_expert = expert_in(edition, person=PersonFactory(first_name="Ahmed", last_name="Ziani"))
    other_student = ParticipantFactory(
        edition=edition, person=PersonFactory(first_name="Lotte", last_name="Claes")
    )
    plan = Plan.objects.create(edition=edition, version=1, status="published")
    room = RoomFactory(venue=venue, name="B.201")
    PlannedPair.objects.create(plan=plan, student=student, expert=expert, room=room)
    PlannedPair.objects.create(plan=plan, student=other_student, expert=other_expert, room=room)
    return edition, expert, student, other_expert, other_student


def test_personal_page_needs_a_sign_in(client):
    response = client.get("/me/")
    assert (response.status_code, response["Location"]) == (302, "/me/new-link/")


def test_personal_page_shows_the_own_day_partner_room_and_venue_notes(client, day):
    _edition, expert, _student, _other_expert, _other_student = day
    sign_in(client, expert)
    response = client.get("/me/")
    html = response.content.decode()
    assert "Marleen" in html
    assert "Sofie" in html
    assert "B.201" in html
    assert "Enter by the side door." in html
    assert "10:00" in html
    assert response["Cache-Control"] == "no-store"


def test_personal_page_never_shows_another_persons_data(client, day):
    _edition, expert, student, _other_expert, _other_student = day
    sign_in(client, expert)
    html = client.get("/me/").content.decode()
    for leak in ("Ahmed", "Ziani", "Lotte", "Claes", "Janssens", student.person.email):
        assert leak not in html


def test_personal_page_ignores_ids_tampered_into_the_url(client, day):
    _edition, expert, _student, other_expert, _other_student = day
    sign_in(client, expert)
    for url in (
        f"/me/?participant={other_expert.pk}",
        f"/me/?participant_id={other_expert.pk}&person={other_expert.person_id}",
    ):
        html = client.get(url).content.decode()
        assert "Marleen" in html
        assert "Ahmed" not in html
    assert client.get(f"/me/{other_expert.pk}/").status_code == 404
    ics = client.get(f"/me/schedule.ics?participant={other_expert.pk}").content.decode()
    assert "Sofie" in ics
    assert "Lotte" not in ics


def test_personal_page_session_from_one_person_cannot_be_switched_by_a_cookie(client, day):
    _edition, expert, _student, other_expert, _other_student = day
    sign_in(client, expert)
    client.cookies["ontmoeting_portal_participant"] = str(other_expert.pk)
    html = client.get("/me/").content.decode()
    assert "Marleen" in html
    assert "Ahmed" not in html


def test_personal_page_before_publication_says_the_schedule_follows(client):
    participant = expert_in(open_edition())
    sign_in(client, participant)
    html = client.get("/me/").content.decode()
    assert 'data-testid="schedule-follows"' in html


def test_cancel_get_asks_first_and_post_cancels_and_alerts_the_coordinator(client, day):
    _edition, expert, *_ = day
    sign_in(client, expert)
    assert client.get("/me/cancel/").status_code == 200
    expert.refresh_from_db()
    assert expert.status == ParticipantStatus.CONFIRMED
    response = client.post("/me/cancel/")
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.status == ParticipantStatus.CANCELLED
    alert = OutboxMessage.objects.get(kind="cancellation_alert")
    assert (alert.participant, alert.person) == (expert, expert.person)
    assert AuditEntry.objects.get(action="participant.cancel").object_id == str(expert.pk)
    client.post("/me/cancel/")
    assert OutboxMessage.objects.filter(kind="cancellation_alert").count() == 1
    assert 'data-testid="not-taking-part"' in client.get("/me/").content.decode()


def test_update_needs_saves_language_accessibility_and_diet(client):
    participant = expert_in(open_edition())
    sign_in(client, participant)
    response = client.post(
        "/me/needs/",
        {
            "language": "en",
            "needs_step_free": "on",
            "accessibility": "hearing loop",
            "diet": "halal",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (
        participant.language,
        participant.needs_step_free,
        participant.accessibility,
        participant.diet,
    ) == ("en", True, "hearing loop", "halal")
    assert AuditEntry.objects.get(action="participant.needs").data["changed"] == [
        "language",
        "accessibility",
        "needs_step_free",
        "diet",
    ]


def test_update_needs_bad_input_shows_an_error_and_saves_nothing(client):
    participant = expert_in(open_edition(), diet="")
    sign_in(client, participant)
    response = client.post("/me/needs/", {"language": "xx", "diet": "halal"})
    assert response.status_code == 200
    assert 'id="language-error"' in response.content.decode()
    participant.refresh_from_db()
    assert participant.diet == ""


def test_downloads_give_the_own_ics_and_pdf(client, day):
    _edition, expert, *_ = day
    sign_in(client, expert)
    ics = client.get("/me/schedule.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in ics.content
    pdf = client.get("/me/schedule.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_downloads_need_a_sign_in(client):
    assert client.get("/me/schedule.ics").status_code == 302
    assert client.get("/me/schedule.pdf").status_code == 302


def registered_expert(edition, *, special: bool):
    domain = ExperienceDomainFactory(code="addiction")
    extra = {"special_consent": "on", "domains": [domain.pk]} if special else {}
    form = RegistrationForm(answers(SelfHelpGroupFactory(), **extra), language="en")
    assert form.is_valid(), form.errors
    return register_expert(edition=edition, data=form.registration(), actor="test")


def test_withdraw_special_consent_from_the_personal_page_deletes_the_domains(client):
    participant = registered_expert(open_edition(), special=True)
    person = participant.person
    assert person.expert_profile.domains.count() == 1
    sign_in(client, participant)
    confirm = client.get("/me/consent/?withdraw=special").content.decode()
    assert 'data-testid="withdraw-special-confirm"' in confirm
    assert has_special_consent(person)
    client.post("/me/consent/", {"withdraw": "special"})
    assert not has_special_consent(person)
    assert person.expert_profile.domains.count() == 0
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.REGISTERED
    assert AuditEntry.objects.filter(action="consent.withdraw").count() == 1


def test_withdraw_general_consent_takes_the_person_off_the_edition(client):
    participant = registered_expert(open_edition(), special=True)
    person = participant.person
    sign_in(client, participant)
    client.post("/me/consent/", {"withdraw": "general"})
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.CANCELLED
    assert not has_general_consent(person)
    assert not has_special_consent(person)
    assert person.expert_profile.domains.count() == 0
    assert OutboxMessage.objects.filter(kind="cancellation_alert").count() == 1
    assert set(
        AuditEntry.objects.filter(action="consent.withdraw").values_list("data__kind", flat=True)
    ) == {"general", "special_category"}
    person.refresh_from_db()
    assert person.first_name == "Marleen"  # identity kept: there is no retention purge yet


def test_personal_page_post_requires_csrf(day):
    from django.test import Client

    _edition, expert, *_ = day
    client = Client(enforce_csrf_checks=True)
    link_client = client
    from ontmoeting.privacy.tokens import issue_link
    from tests.web.portal_factories import path_of

    link = path_of(issue_link(expert.person, participant=expert))
    page = link_client.get(link)
    token = page.cookies["csrftoken"].value
    link_client.post(link, {"csrfmiddlewaretoken": token})
    assert link_client.post("/me/cancel/").status_code == 403
    expert.refresh_from_db()
    assert expert.status == ParticipantStatus.CONFIRMED


def test_student_sees_their_expert_partner(client, day):
    _edition, _expert, student, *_ = day
    assert student.role == ParticipantRole.STUDENT
    sign_in(client, student)
    html = client.get("/me/").content.decode()
    assert "Marleen" in html
    assert "Peeters" not in html
