"""The participant list (search, filters, sort, pages), a person's page, add, edit, cancel."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.editions.enums import EditionStatus, ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Participant
from ontmoeting.people.models import Person
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ParticipantFactory, consent_special
from tests.web.w1_helpers import domain, expert, student

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


@pytest.fixture
def edition():
    return EditionFactory(year=2026)


def refs(response) -> list[str]:
    return [p.ref for p in response.context["page"]]


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_identity_pages_are_forbidden_for_researchers_and_admins(client, make_staff, edition, role):
    person = expert(edition, ref="E1", name="Marc Peeters")
    client.force_login(make_staff(role))
    base = f"/editions/{edition.pk}/participants/"
    for url in (base, f"{base}{person.pk}/", f"{base}{person.pk}/edit/", f"{base}new/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{base}{person.pk}/cancel/").status_code == 403
    assert not AuditEntry.objects.filter(action="participant.view").exists()


def test_list_searches_name_email_and_ref(coordinator, edition):
    student(edition, ref="S1", name="Anna Smet")
    student(edition, ref="S2", name="Bart Claes")
    expert(edition, ref="E7", name="Anna Peeters")
    url = f"/editions/{edition.pk}/participants/"
    assert refs(coordinator.get(url, {"q": "anna"})) == ["E7", "S1"]
    assert refs(coordinator.get(url, {"q": "anna smet"})) == ["S1"]
    assert refs(coordinator.get(url, {"q": "s2@example"})) == ["S2"]
    assert refs(coordinator.get(url, {"q": "E7"})) == ["E7"]


def test_list_filters_role_status_domain_veteran_and_needs(coordinator, edition):
    addiction = domain("addiction")
    domain("poverty")
    earlier = EditionFactory(year=2024, status=EditionStatus.HELD)
    veteran = expert(edition, ref="E1", name="Marc Peeters", diet="vegetarian")
    veteran.person.expert_profile.domains.add(addiction)
    consent_special(veteran.person)
    ParticipantFactory(
        edition=earlier, person=veteran.person, role=ParticipantRole.EXPERT, ref="OLD"
    )
    expert(edition, ref="E2", name="Nina Nieuw", status=ParticipantStatus.CANCELLED)
    student(edition, ref="S1", name="Anna Smet", interests=["poverty", "addiction"])
    student(edition, ref="S2", name="Bart Claes", interests=["poverty"], needs_step_free=True)
    student(edition, ref="S3", name="Cas Wouters", accessibility="hearing loop")
    url = f"/editions/{edition.pk}/participants/"
    assert refs(coordinator.get(url, {"role": "expert", "sort": "ref"})) == ["E1", "E2"]
    assert refs(coordinator.get(url, {"status": "cancelled"})) == ["E2"]
    assert refs(coordinator.get(url, {"domain": "addiction", "sort": "ref"})) == ["E1", "S1"]
    assert refs(coordinator.get(url, {"veteran": "veteran"})) == ["E1"]
    assert refs(coordinator.get(url, {"veteran": "newcomer", "sort": "ref"})) == [
        "E2",
        "S1",
        "S2",
        "S3",
    ]
    assert refs(coordinator.get(url, {"needs": "step_free"})) == ["S2"]
    assert refs(coordinator.get(url, {"needs": "diet"})) == ["E1"]
    assert refs(coordinator.get(url, {"needs": "accessibility"})) == ["S3"]


def test_list_sorts_by_column_with_aria_sort(coordinator, edition):
    student(edition, ref="S2", name="Anna Zeger")
    student(edition, ref="S1", name="Bart Aerts")
    url = f"/editions/{edition.pk}/participants/"
    assert refs(coordinator.get(url)) == ["S1", "S2"]  # by last name
    response = coordinator.get(url, {"sort": "-ref"})
    assert refs(response) == ["S2", "S1"]
    assert '<th scope="col" aria-sort="descending"><a href="?sort=ref"' in response.content.decode()
    assert refs(coordinator.get(url, {"sort": "ref"})) == ["S1", "S2"]


def test_list_pages_by_fifty(coordinator, edition):
    for i in range(53):
        student(edition, ref=f"S{i:03d}", name=f"Student N{i:03d}")
    url = f"/editions/{edition.pk}/participants/"
    first = coordinator.get(url, {"sort": "ref"})
    assert len(refs(first)) == 50
    second = coordinator.get(url, {"sort": "ref", "page": 2})
    assert refs(second) == ["S050", "S051", "S052"]
    assert 'rel="prev"' in second.content.decode()


def test_list_answers_htmx_with_the_table_only(coordinator, edition):
    student(edition, ref="S1", name="Anna Smet")
    response = coordinator.get(
        f"/editions/{edition.pk}/participants/", {"q": "anna"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="participant-table"')
    assert "<html" not in html
    assert 'hx-swap-oob="true"' in html


def test_list_query_count_does_not_grow(coordinator, edition, django_assert_max_num_queries):
    expert(edition, ref="E0", name="Marc Peeters")
    url = f"/editions/{edition.pk}/participants/"
    with django_assert_max_num_queries(12):
        assert coordinator.get(url).status_code == 200
    for i in range(3):
        expert(edition, ref=f"E{i + 1}", name=f"Expert N{i}")
        student(edition, ref=f"S{i}", name=f"Student N{i}")
    with django_assert_max_num_queries(12):
        assert coordinator.get(url).status_code == 200


def test_person_page_shows_history_and_audits_the_view(coordinator, edition, make_staff):
    earlier = EditionFactory(year=2024, status=EditionStatus.HELD)
    participant = expert(edition, ref="E1", name="Marc Peeters", can_chair=True)
    addiction = domain("addiction")
    participant.person.expert_profile.domains.add(addiction)
    consent_special(participant.person)
    ParticipantFactory(
        edition=earlier,
        person=participant.person,
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.PRESENT,
    )
    response = coordinator.get(f"/editions/{edition.pk}/participants/{participant.pk}/")
    assert response.status_code == 200
    assert [h.participant.edition.year for h in response.context["history"]] == [2026, 2024]
    assert all(h.eligibility.eligible for h in response.context["history"])
    assert response.context["participant"].is_veteran
    assert addiction.name in response.content.decode()
    entry = AuditEntry.objects.get(action="participant.view")
    assert (entry.object_id, entry.actor.username) == (str(participant.pk), "coordinator")


def test_another_editions_participant_is_404(coordinator, edition):
    other = student(EditionFactory(year=2025), ref="S1", name="Anna Smet")
    base = f"/editions/{edition.pk}/participants/{other.pk}/"
    for url in (base, base + "edit/", base + "cancel/"):
        assert coordinator.get(url).status_code == 404
    assert coordinator.post(base + "cancel/").status_code == 404
    other.refresh_from_db()
    assert other.status == ParticipantStatus.CONFIRMED
    assert not AuditEntry.objects.exists()


def _new(**overrides):
    return {
        "first_name": "Lien",
        "last_name": "Maes",
        "email": "lien@example.org",
        "role": "student",
        "status": "invited",
        "ref": "S9",
        "language": "nl",
        **overrides,
    }


def test_add_creates_a_person_and_participation(coordinator, edition):
    response = coordinator.post(f"/editions/{edition.pk}/participants/new/", _new())
    participant = Participant.objects.get(edition=edition, ref="S9")
    assert response.status_code == 302
    assert response.url == f"/editions/{edition.pk}/participants/{participant.pk}/"
    assert (participant.person.full_name, participant.role) == ("Lien Maes", "student")
    assert AuditEntry.objects.filter(action="participant.add").count() == 1


def test_add_reuses_a_known_person_by_email_and_keeps_history(coordinator, edition):
    earlier = EditionFactory(year=2024, status=EditionStatus.HELD)
    old = expert(earlier, ref="E5", name="Marc Peeters")
    lookup = coordinator.get(
        f"/editions/{edition.pk}/participants/new/", {"lookup": "E5@example.org"}
    )
    assert lookup.context["known"] == old.person
    assert lookup.context["form"].initial["first_name"] == "Marc"
    coordinator.post(
        f"/editions/{edition.pk}/participants/new/",
        _new(
            first_name="Marc", last_name="Peeters", email="e5@EXAMPLE.org", role="expert", ref="E1"
        ),
    )
    assert Person.objects.filter(email__iexact="e5@example.org").count() == 1
    assert old.person.participations.count() == 2
    # A double submit does not add twice.
    coordinator.post(
        f"/editions/{edition.pk}/participants/new/",
        _new(
            first_name="Marc", last_name="Peeters", email="e5@example.org", role="expert", ref="E1"
        ),
    )
    assert old.person.participations.count() == 2
    assert AuditEntry.objects.filter(action="participant.add").count() == 1


def test_add_with_a_taken_ref_shows_the_error_on_the_field(coordinator, edition):
    student(edition, ref="S9", name="Anna Smet")
    response = coordinator.post(f"/editions/{edition.pk}/participants/new/", _new())
    assert response.status_code == 200
    assert response.context["form"].errors["ref"]
    assert not Person.objects.filter(first_name="Lien").exists()


def test_edit_changes_person_and_participation_with_one_audit_entry(coordinator, edition):
    participant = expert(edition, ref="E1", name="Marc Peeters")
    consent_special(participant.person)
    addiction = domain("addiction")
    data = {
        "first_name": "Marc",
        "last_name": "Peeters-Janssens",
        "email": "e1@example.org",
        "status": "confirmed",
        "ref": "E1",
        "language": "nl",
        "diet": "halal",
        "domains": ["addiction"],
        "can_chair": "on",
    }
    response = coordinator.post(f"/editions/{edition.pk}/participants/{participant.pk}/edit/", data)
    assert response.status_code == 302
    participant.refresh_from_db()
    profile = participant.person.expert_profile
    assert participant.person.last_name == "Peeters-Janssens"
    assert participant.diet == "halal"
    assert (list(profile.domains.all()), profile.can_chair) == ([addiction], True)
    entry = AuditEntry.objects.get(action="participant.change")
    assert entry.data["fields"] == ["can_chair", "diet", "domains", "last_name"]
    # Saving the same values again writes no entry.
    coordinator.post(f"/editions/{edition.pk}/participants/{participant.pk}/edit/", data)
    assert AuditEntry.objects.filter(action="participant.change").count() == 1


def test_cancel_asks_first_then_cancels_once(coordinator, edition):
    participant = student(edition, ref="S1", name="Anna Smet")
    url = f"/editions/{edition.pk}/participants/{participant.pk}/cancel/"
    confirm = coordinator.get(url)
    assert 'id="confirm-cancel"' in confirm.content.decode()
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.CONFIRMED
    assert coordinator.post(url).status_code == 302
    assert coordinator.post(url).status_code == 302
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.CANCELLED
    entry = AuditEntry.objects.get(action="participant.cancel")
    assert entry.data == {"before": "confirmed", "after": "cancelled"}


def test_history_shows_eligibility_on_each_editions_day(coordinator):
    edition = EditionFactory(year=2026)
    earlier = EditionFactory(year=2024, status=EditionStatus.HELD)
    participant = expert(edition, ref="E1", name="Marc Peeters", since=dt.date(2024, 6, 1))
    ParticipantFactory(edition=earlier, person=participant.person, role=ParticipantRole.EXPERT)
    response = coordinator.get(f"/editions/{edition.pk}/participants/{participant.pk}/")
    assert [h.eligibility.eligible for h in response.context["history"]] == [True, False]
