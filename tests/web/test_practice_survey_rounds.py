"""Coordinators run a practice round without a developer: create it, open and close it, issue
personal links (chosen people, or every expert of an edition); researchers export the data set
but never create rounds or see links; a stranger gets the login page."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.surveys import experience_workers as ew
from ontmoeting.surveys import practice
from ontmoeting.surveys.enums import WaveKind
from ontmoeting.surveys.models import Wave, WaveInvite
from tests.factories import EditionFactory, ExpertProfileFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

NEW = "/research/practice/new/"
ROUND = {
    "title": "Ervaringswerkers 2027",
    "opens": "2027-03-01T09:00",
    "closes": "2027-04-01T17:00",
}


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


@pytest.fixture
def wave(coordinator):
    coordinator.post(NEW, ROUND)
    return Wave.objects.get(kind=WaveKind.PRACTICE)


def test_coordinator_creates_a_round_once_with_the_default_instrument(coordinator):
    assert coordinator.get("/research/practice/").content.decode().count(NEW) == 1
    first = coordinator.post(NEW, ROUND)
    again = coordinator.post(NEW, ROUND)  # a double submit
    wave = Wave.objects.get(kind=WaveKind.PRACTICE)
    assert first.url == again.url == f"/research/practice/{wave.pk}/respondents/"
    assert wave.edition is None
    assert wave.status == "draft"
    assert (wave.instrument.slug, wave.instrument.version) == (ew.SLUG, ew.VERSION)
    assert wave.closes.day == 1
    assert wave.closes.month == 4
    assert AuditEntry.objects.filter(action="surveys.practice_round_created").count() == 1


def test_a_round_that_closes_before_it_opens_is_refused(coordinator):
    page = coordinator.post(NEW, {**ROUND, "closes": "2027-02-01T09:00"})
    assert page.status_code == 200
    assert not Wave.objects.filter(kind=WaveKind.PRACTICE).exists()


def test_coordinator_opens_and_closes_the_round(coordinator, wave):
    url = f"/research/practice/{wave.pk}/status/"
    coordinator.post(url, {"status": "open"})
    coordinator.post(url, {"status": "open"})  # idempotent
    wave.refresh_from_db()
    assert wave.status == "open"
    page = coordinator.get(f"/research/practice/{wave.pk}/respondents/").content.decode()
    assert 'data-testid="close-round"' in page
    coordinator.post(url, {"status": "closed"})
    wave.refresh_from_db()
    assert wave.status == "closed"
    assert AuditEntry.objects.filter(action="surveys.wave_status").count() == 2
    assert coordinator.get(url).status_code == 405


def test_coordinator_issues_links_to_chosen_people_and_to_an_edition(coordinator, wave):
    chosen = [ExpertProfileFactory().person for _ in range(2)]
    edition = EditionFactory()
    expert = ExpertProfileFactory().person
    ParticipantFactory(edition=edition, person=expert, role=ParticipantRole.EXPERT)
    ParticipantFactory(edition=edition, role=ParticipantRole.STUDENT)  # no expert profile
    url = f"/research/practice/{wave.pk}/respondents/"
    coordinator.post(url, {"people": [p.pk for p in chosen]})
    coordinator.post(url, {"edition": edition.pk, "people": [chosen[0].pk]})  # one again
    codes = {i.study_code.code for i in WaveInvite.objects.filter(wave=wave)}
    assert len(codes) == 3
    page = coordinator.get(url).content.decode()
    assert page.count('data-testid="invited-row"') == 3
    for person in [*chosen, expert]:
        assert person.last_name in page
    for row in practice.invited(wave):
        assert row.path in page
    assert coordinator.post(url, {}).status_code == 200  # nobody chosen: the form says so


def test_researcher_cannot_create_rounds_nor_see_links_but_exports(client, make_staff, wave):
    client.logout()
    client.force_login(make_staff("researcher", username="onderzoeker"))
    assert 'data-testid="new-round-link"' not in client.get("/research/practice/").content.decode()
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {**ROUND, "title": "Andere"}).status_code == 403
    assert client.get(f"/research/practice/{wave.pk}/respondents/").status_code == 403
    assert (
        client.post(f"/research/practice/{wave.pk}/status/", {"status": "open"}).status_code == 403
    )
    data = client.get(f"/research/practice/{wave.pk}/export.csv")
    assert data.status_code == 200
    assert data["Content-Type"].startswith("text/csv")
    header = next(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert header[0] == "respondent"
    assert "status_volunteer" in header
    book = client.get(f"/research/practice/{wave.pk}/export.xlsx").content
    assert load_workbook(io.BytesIO(book)).sheetnames == ["data", "codebook"]
    assert client.get(f"/research/practice/{wave.pk}/export.sav").status_code == 404


@pytest.mark.parametrize(
    "path", [NEW, "/research/practice/1/status/", "/research/practice/1/export.csv"]
)
def test_a_stranger_gets_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "login" in response.url


def test_coordinator_searches_experts_by_name(coordinator, wave):
    wanted = ExpertProfileFactory(person__first_name="Lieve", person__last_name="Claeys").person
    ExpertProfileFactory(person__first_name="Jef", person__last_name="Peeters")
    url = f"/research/practice/{wave.pk}/respondents/"
    page = coordinator.get(url, {"q": "claey"}).content.decode()
    assert f'value="{wanted.pk}"' in page
    assert "Claeys" in page
    assert "Peeters" not in page
    assert "Peeters" in coordinator.get(url).content.decode()
