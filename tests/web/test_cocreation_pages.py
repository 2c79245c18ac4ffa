"""A co-creation meeting's own pages: its programme, its counts per sector against the targets,
and no student wording anywhere (it has experts by experience and professionals, no students)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ontmoeting.editions.enums import BlockKind, Format, ParticipantRole
from ontmoeting.editions.models import Participant, SectorTarget
from ontmoeting.editions.roster import import_roster
from ontmoeting.editions.services import create_edition
from ontmoeting.people.models import ExpertProfile, Sector
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory, VenueFactory

pytestmark = pytest.mark.django_db

ROSTER = Path(__file__).parents[1] / "data" / "rosters" / "professionals_cocreatie.csv"
#: Dutch student wording: "student", "Studenten", "studentenroster", "Mogelijke duo's", "duo".
STUDENT_WORDS = re.compile(r"student|\bduo", re.IGNORECASE)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


@pytest.fixture
def meeting():
    """A co-creation meeting with three experts (two willing to chair) and the eight
    professionals of the Dutch fixture roster (3 GGZ, 3 verslavingszorg, 2 jeugdhulp)."""
    edition = create_edition(
        year=2026,
        date=dt.date(2026, 12, 3),
        window_start=dt.date(2026, 11, 30),
        window_end=dt.date(2026, 12, 18),
        format=Format.CO_CREATION,
        venue=VenueFactory(name="Campus Schoonmeersen"),
        title="Cocreatiemoment 2026",
        actor="test",
    )
    for n, chair in enumerate((True, True, False)):
        person = PersonFactory(first_name=f"Ervaring{n}")
        ExpertProfile.objects.create(person=person, languages=["nl"], can_chair=chair)
        ParticipantFactory(
            edition=edition, person=person, role=ParticipantRole.EXPERT, ref=f"E{n:02d}"
        )
    report = import_roster(ROSTER, kind=None, edition=edition, dry_run=False, actor="test")
    assert report.ok, report.errors
    return edition


def test_co_creation_edition_gets_its_own_programme(meeting):
    blocks = [(b.kind, b.starts, b.ends) for b in meeting.blocks.order_by("starts")]
    assert blocks == [
        (BlockKind.WELCOME, dt.time(9, 30), dt.time(10)),
        (BlockKind.TABLES, dt.time(10), dt.time(12)),
        (BlockKind.HARVEST, dt.time(12), dt.time(12, 45)),
        (BlockKind.CLOSING, dt.time(12, 45), dt.time(13)),
    ]


def test_dashboard_counts_professionals_per_sector_against_targets(coordinator, meeting):
    SectorTarget.objects.create(
        edition=meeting, sector=Sector.objects.get(code="jeugdhulp"), professionals=4
    )
    page = coordinator.get(f"/editions/{meeting.pk}/").content.decode()
    # By hand from the fixture: P01-P03 GGZ, P04-P06 verslavingszorg, P07-P08 jeugdhulp.
    for code, count, target in (("ggz", 3, "—"), ("verslavingszorg", 3, "—"), ("jeugdhulp", 2, 4)):
        assert f'data-testid="sector-{code}-professionals">{count}<' in page
        assert f'data-testid="sector-{code}-target">{target}<' in page
    assert 'data-testid="count-experts">3<' in page
    assert 'data-testid="count-chairs">2<' in page
    # Sofie, Kurt and Ines are willing to co-facilitate; six organisations in the file.
    assert 'data-testid="count-co-facilitators">3<' in page
    assert 'data-testid="count-organisations">6<' in page
    assert 'data-code="sector_short"' in page


def test_targets_form_saves_targets_per_sector(coordinator, meeting):
    response = coordinator.post(
        f"/editions/{meeting.pk}/targets/",
        {"sector_ggz": "8", "sector_verslavingszorg": "8", "sector_jeugdhulp": "0"},
    )
    assert response.status_code == 302
    saved = dict(meeting.sector_targets.values_list("sector__code", "professionals"))
    assert saved == {"ggz": 8, "verslavingszorg": 8}
    assert AuditEntry.objects.filter(action="edition.sector_targets").count() == 1
    # The same again changes nothing and writes no second audit entry.
    coordinator.post(
        f"/editions/{meeting.pk}/targets/",
        {"sector_ggz": "8", "sector_verslavingszorg": "8", "sector_jeugdhulp": "0"},
    )
    assert AuditEntry.objects.filter(action="edition.sector_targets").count() == 1


def test_targets_refused_for_an_encounter_day(coordinator):
    day = EditionFactory(year=2026)
    response = coordinator.post(f"/editions/{day.pk}/targets/", {"sector_ggz": "8"})
    assert response.status_code == 404
    assert not SectorTarget.objects.exists()


def _pages(meeting: object) -> list[str]:
    edition_id = meeting.pk  # type: ignore[attr-defined]
    professional = Participant.objects.get(edition_id=edition_id, ref="P01")
    expert = Participant.objects.get(edition_id=edition_id, ref="E00")
    base = f"/editions/{edition_id}/"
    return [
        base,
        base + "settings/",
        base + "participants/",
        base + "participants/new/",
        base + f"participants/{professional.pk}/",
        base + f"participants/{professional.pk}/edit/",
        base + f"participants/{expert.pk}/",
        base + "roster/",
        base + "programme/",
        base + "venue/",
        base + "invitations/",
        base + "messages/",
        base + "messages/templates/",
        base + "messages/send/",
        base + "messages/letters/",
        base + "documents/",
        base + "expenses/",
        "/editions/sectors/",
        f"/day/{edition_id}/board/",
        f"/day/{edition_id}/desk/",
    ]


def test_no_student_wording_on_a_co_creation_meetings_pages(coordinator, meeting):
    for url in _pages(meeting):
        response = coordinator.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        found = [html[max(0, m.start() - 60) : m.end() + 60] for m in STUDENT_WORDS.finditer(html)]
        assert found == [], url


def test_no_student_wording_in_the_roster_report_of_a_co_creation_meeting(coordinator, meeting):
    upload = SimpleUploadedFile("professionals.csv", ROSTER.read_bytes(), content_type="text/csv")
    response = coordinator.post(
        f"/editions/{meeting.pk}/roster/", {"kind": "professionals", "file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not STUDENT_WORDS.search(html)


def test_professionals_template_downloads_and_students_template_does_not(coordinator, meeting):
    base = f"/editions/{meeting.pk}/roster/template/"
    response = coordinator.get(base + "professionals.csv")
    assert response.status_code == 200
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(data), delimiter=";"))
    assert header[5:8] == ["sector", "organisation", "function"]
    assert coordinator.get(base + "professionals.xlsx").status_code == 200
    assert coordinator.get(base + "students.csv").status_code == 404


def test_professional_page_shows_sector_organisation_and_function(coordinator, meeting):
    professional = Participant.objects.get(edition=meeting, ref="P05")
    html = coordinator.get(f"/editions/{meeting.pk}/participants/{professional.pk}/")
    page = html.content.decode()
    assert 'data-testid="professional-profile"' in page
    assert "De Sleutel" in page
    assert "Verslavingszorg" in page


def test_a_coordinator_adds_a_sector(coordinator):
    response = coordinator.post("/editions/sectors/", {"name_nl": "Maatschappelijk werk"})
    assert response.status_code == 302
    assert Sector.objects.filter(code="maatschappelijk-werk", builtin=False).exists()
    page = coordinator.get("/editions/sectors/").content.decode()
    assert 'data-code="maatschappelijk-werk"' in page
