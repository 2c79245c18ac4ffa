"""The editions list, a new edition, and the dashboard (counts, warnings, next step)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from ontmoeting.editions.enums import EditionStatus, RoomKind
from ontmoeting.editions.models import Edition
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, RoomFactory, VenueFactory
from tests.web.w1_helpers import expert, student

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


def test_editions_list_shows_counts_against_targets(coordinator):
    edition = EditionFactory(year=2026, target_pairs=40)
    student(edition, ref="S1", name="Anna Smet")
    expert(edition, ref="E1", name="Marc Peeters")
    response = coordinator.get("/editions/")
    assert response.status_code == 200
    row = response.context["editions"].get()
    assert (row.n_students, row.n_experts, row.target_pairs) == (1, 1, 40)
    assert f'href="/editions/{edition.pk}/"' in response.content.decode()


def test_editions_list_query_count_does_not_grow(coordinator, django_assert_max_num_queries):
    EditionFactory(year=2020)
    with django_assert_max_num_queries(12):
        assert coordinator.get("/editions/").status_code == 200
    for year in (2021, 2022, 2023):
        edition = EditionFactory(year=year, venue=VenueFactory())
        student(edition, ref=f"S{year}", name=f"Student Y{year}")
    with django_assert_max_num_queries(12):
        assert coordinator.get("/editions/").status_code == 200


def test_new_edition_is_created_with_the_default_programme(coordinator):
    response = coordinator.post(
        "/editions/new/",
        {
            "year": 2027,
            "format": "encounter_day",
            "date": "2027-12-09",
            "window_start": "2027-11-29",
            "window_end": "2027-12-17",
            "target_pairs": 100,
            "target_newcomer_share": 40,
        },
    )
    edition = Edition.objects.get(year=2027)
    assert response.status_code == 302
    assert response.url == f"/editions/{edition.pk}/"
    assert (edition.target_pairs, str(edition.target_newcomer_share)) == (100, "0.40")
    assert edition.blocks.count() == 5
    assert AuditEntry.objects.filter(action="edition.create", object_id=str(edition.pk)).exists()


def test_new_edition_date_outside_the_window_shows_on_the_date_field(coordinator):
    response = coordinator.post(
        "/editions/new/",
        {
            "year": 2027,
            "format": "encounter_day",
            "date": "2028-01-20",
            "window_start": "2027-11-29",
            "window_end": "2027-12-17",
            "target_pairs": 100,
            "target_newcomer_share": 50,
        },
    )
    assert response.status_code == 200
    assert "venster van de academische kalender" in response.context["form"].errors["date"][0]
    assert not Edition.objects.filter(year=2027).exists()


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_only_coordinators_create_editions(client, make_staff, role):
    client.force_login(make_staff(role))
    response = client.post("/editions/new/", {"year": 2027})
    assert response.status_code == 403
    assert "create-edition" not in client.get("/editions/").content.decode()


def test_dashboard_shows_counts_next_step_and_ineligible_experts(coordinator):
    edition = EditionFactory(year=2026, status=EditionStatus.RECRUITING, target_pairs=2)
    student(edition, ref="S1", name="Anna Smet", interests=["addiction"])
    expert(edition, ref="E1", name="Marc Peeters", can_chair=True)
    expert(edition, ref="E2", name="Nina Recent", since=dt.date(2026, 6, 1))
    response = coordinator.get(f"/editions/{edition.pk}/")
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert (dashboard.counts.students, dashboard.counts.experts) == (1, 2)
    assert dashboard.counts.eligible_experts == 1
    assert [s.participant.ref for s in dashboard.ineligible] == ["E2"]
    assert "maak dan een planning" in dashboard.next_step
    html = response.content.decode()
    assert "Nina Recent" in html
    assert 'data-testid="transition-planned"' in html


def test_dashboard_warns_about_chairs_rooms_venue_and_trios(coordinator):
    edition = EditionFactory(year=2026)
    for i in range(3):
        student(edition, ref=f"S{i}", name=f"Student N{i}", needs_step_free=i == 0)
    expert(edition, ref="E1", name="Marc Peeters")
    codes = {
        w.code for w in coordinator.get(f"/editions/{edition.pk}/").context["dashboard"].warnings
    }
    assert codes == {"no_venue", "trios_needed", "too_few_chairs", "consent_missing"}

    venue = VenueFactory()
    RoomFactory(venue=venue, capacity=2, kind=RoomKind.CONVERSATION, step_free=False)
    edition.venue = venue
    edition.save()
    codes = {
        w.code for w in coordinator.get(f"/editions/{edition.pk}/").context["dashboard"].warnings
    }
    assert codes == {
        "consent_missing",  # Marc came from a roster: he is asked on his personal page
        "trios_needed",
        "too_few_chairs",
        "conversation_rooms_too_small",
        "too_few_group_rooms",
        "no_step_free_room",
    }


def test_dashboard_for_a_researcher_shows_counts_but_no_names(client, make_staff):
    edition = EditionFactory(year=2026)
    student(edition, ref="S1", name="Anna Verborgen", interests=["addiction"])
    expert(edition, ref="E1", name="Marc Geheim")
    expert(edition, ref="E2", name="Nina Onbekend", since=dt.date(2026, 6, 1))
    client.force_login(make_staff("researcher"))
    response = client.get(f"/editions/{edition.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for secret in ("Verborgen", "Geheim", "Onbekend", "E2", "example.org"):
        assert not re.search(rf"\b{re.escape(secret)}\b", html)  # not inside a CSRF token
    assert 'data-testid="ineligible-count"' in html
    assert 'data-testid="transition-' not in html


def test_transition_moves_the_edition_and_is_audited(coordinator):
    edition = EditionFactory(year=2026, status=EditionStatus.DRAFT)
    response = coordinator.post(
        f"/editions/{edition.pk}/transition/", {"to": "recruiting", "confirm": "yes"}
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == EditionStatus.RECRUITING
    assert AuditEntry.objects.filter(action="edition.transition").count() == 1


def test_transition_not_allowed_changes_nothing(coordinator):
    edition = EditionFactory(year=2026, status=EditionStatus.DRAFT)
    response = coordinator.post(
        f"/editions/{edition.pk}/transition/", {"to": "held", "confirm": "yes"}, follow=True
    )
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT
    assert "kan niet van" in response.content.decode()


def test_researcher_cannot_transition(client, make_staff):
    edition = EditionFactory(year=2026, status=EditionStatus.DRAFT)
    client.force_login(make_staff("researcher"))
    assert (
        client.post(f"/editions/{edition.pk}/transition/", {"to": "recruiting"}).status_code == 403
    )
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT


def test_unknown_edition_is_404(coordinator):
    assert coordinator.get("/editions/999999/").status_code == 404


def test_publishing_without_a_published_plan_shows_why_and_changes_nothing(coordinator):
    from ontmoeting.planning.models import Plan, PlanStatus

    edition = EditionFactory(year=2026, status=EditionStatus.PLANNED)
    Plan.objects.create(edition=edition, version=1, status=PlanStatus.DRAFT)
    url = f"/editions/{edition.pk}/transition/"
    response = coordinator.post(url, {"to": "published", "confirm": "yes"}, follow=True)
    assert response.status_code == 200
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PLANNED
    assert "publiceer eerst een planningsversie" in response.content.decode()
    assert not AuditEntry.objects.filter(action="edition.transition").exists()

    Plan.objects.filter(edition=edition).update(status=PlanStatus.PUBLISHED)
    coordinator.post(url, {"to": "published", "confirm": "yes"})
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PUBLISHED


def test_a_status_change_is_confirmed_after_reading_what_changes(coordinator):
    edition = EditionFactory(year=2025, status=EditionStatus.PUBLISHED)
    from ontmoeting.planning.models import Plan, PlanStatus

    Plan.objects.create(edition=edition, version=1, status=PlanStatus.PUBLISHED)
    asked = coordinator.post(f"/editions/{edition.pk}/transition/", {"to": "held"})
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Wat verandert er" in html
    assert "niet meer inschrijven, afmelden" in html
    assert 'data-testid="confirm-transition"' in html
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PUBLISHED  # nothing before the confirmation
    coordinator.post(f"/editions/{edition.pk}/transition/", {"to": "held", "confirm": "yes"})
    edition.refresh_from_db()
    assert edition.status == EditionStatus.HELD


def test_held_before_the_day_is_refused_on_the_confirmation_page(coordinator):
    edition = EditionFactory(year=2031, status=EditionStatus.PUBLISHED)
    from ontmoeting.planning.models import Plan, PlanStatus

    Plan.objects.create(edition=edition, version=1, status=PlanStatus.PUBLISHED)
    html = coordinator.post(f"/editions/{edition.pk}/transition/", {"to": "held"}).content.decode()
    assert 'data-testid="transition-refused"' in html
    assert "niet eerder" in html
    assert 'data-testid="confirm-transition"' not in html


def test_the_next_step_leads_to_where_it_is_done_and_researchers_do_not_see_it(
    coordinator, client, make_staff
):
    edition = EditionFactory(year=2026, status=EditionStatus.RECRUITING)
    html = coordinator.get(f"/editions/{edition.pk}/").content.decode()
    link = re.search(r'<a[^>]*href="([^"]+)"[^>]*data-testid="next-step-link"', html)
    assert link is not None
    assert link.group(1) == reverse("web:roster-upload", args=[edition.pk])
    client.force_login(make_staff("researcher"))
    html = client.get(f"/editions/{edition.pk}/").content.decode()
    assert 'data-testid="next-step"' not in html
    assert "Volgende stap" not in html
