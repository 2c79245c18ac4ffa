"""``ontmoeting edition create``: an edition with its programme, or a refusal that writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.cli import main
from ontmoeting.editions.models import Edition, ProgrammeBlock
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _nothing_written():
    return (Edition.objects.count(), ProgrammeBlock.objects.count(), AuditEntry.objects.count())


def test_create_with_the_academic_year_as_window(capsys):
    assert main(["edition", "create", "2027", "--date", "2027-12-09"]) == 0
    edition = Edition.objects.get(year=2027)
    assert (edition.date, edition.window_start, edition.window_end) == (
        dt.date(2027, 12, 9),
        dt.date(2027, 9, 1),
        dt.date(2028, 8, 31),
    )
    assert (edition.status, edition.venue, edition.title, edition.target_pairs) == (
        "draft",
        None,
        "",
        108,
    )
    assert edition.blocks.count() == 5
    assert AuditEntry.objects.filter(action="edition.create").count() == 1
    out = capsys.readouterr().out
    assert "aangemaakt op 2027-12-09 (venster 2027-09-01 – 2028-08-31" in out
    assert "status 'concept', met het standaardprogramma." in out


def test_a_date_in_spring_belongs_to_the_academic_year_that_began_the_autumn_before():
    assert main(["edition", "create", "2028", "--date", "2028-03-14"]) == 0
    edition = Edition.objects.get(year=2028)
    assert (edition.window_start, edition.window_end) == (dt.date(2027, 9, 1), dt.date(2028, 8, 31))


def test_create_with_window_venue_title_and_target(capsys):
    VenueFactory(name="Campus Sociaal Werk")
    code = main(
        [
            "edition",
            "create",
            "2027",
            "--date",
            "2027-12-09",
            "--window-start",
            "2027-11-20",
            "--window-end",
            "2027-12-15",
            "--venue",
            "campus sociaal werk",
            "--title",
            "Ontmoetingsdag 2027",
            "--target-pairs",
            "96",
        ]
    )
    assert code == 0
    edition = Edition.objects.get(year=2027)
    assert (edition.window_start, edition.window_end) == (
        dt.date(2027, 11, 20),
        dt.date(2027, 12, 15),
    )
    assert (edition.venue.name, edition.title, edition.target_pairs) == (
        "Campus Sociaal Werk",
        "Ontmoetingsdag 2027",
        96,
    )
    assert "Ontmoetingsdag 2027 aangemaakt" in capsys.readouterr().out


def test_a_date_outside_the_window_is_refused_and_nothing_is_written(capsys):
    before = _nothing_written()
    code = main(["edition", "create", "2027", "--date", "2027-12-09", "--window-end", "2027-11-30"])
    assert code == 2
    assert _nothing_written() == before
    out = capsys.readouterr().out
    assert "De datum 2027-12-09 valt buiten het venster van de academische kalender" in out
    assert "Er is geen editie aangemaakt." in out


def test_an_unknown_venue_is_refused_with_the_known_ones(capsys):
    VenueFactory(name="Campus Sociaal Werk")
    before = _nothing_written()
    assert main(["edition", "create", "2027", "--date", "2027-12-09", "--venue", "Aula"]) == 2
    assert _nothing_written() == before
    assert capsys.readouterr().out.strip() == (
        "Er is geen locatie met de naam 'Aula' (locaties: Campus Sociaal Werk)."
    )


def test_an_existing_year_is_refused_and_left_alone(capsys):
    existing = EditionFactory(year=2026, status="recruiting")
    before = _nothing_written()
    assert main(["edition", "create", "2026", "--date", "2026-12-01"]) == 2
    assert _nothing_written() == before
    existing.refresh_from_db()
    assert existing.date == dt.date(2026, 12, 10)
    out = capsys.readouterr().out
    assert out.startswith("Er is al een ontmoetingsdag in 2026:")
    assert "op 2026-12-10 (in werving)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--date", "10/12/2027"], "10/12/2027 is geen datum zoals 2026-12-10 (JJJJ-MM-DD)."),
        (["--date", "2027-12-09", "--target-pairs", "0"], "0 is geen geheel getal van minstens 1."),
        ([], "deze argumenten zijn verplicht: --date"),
    ],
)
def test_bad_arguments_are_refused_in_dutch(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["edition", "create", "2027", *argv])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert not Edition.objects.exists()


def test_status_published_needs_a_published_plan(capsys):
    from ontmoeting.planning.models import Plan, PlanStatus

    edition = EditionFactory(year=2026, status="planned")
    assert main(["edition", "status", "2026", "published"]) == 2
    assert "Editie 2026 kan pas gepubliceerd worden als een van haar planningsversies" in (
        capsys.readouterr().out
    )
    edition.refresh_from_db()
    assert edition.status == "planned"
    Plan.objects.create(edition=edition, version=1, status=PlanStatus.PUBLISHED)
    assert main(["edition", "status", "2026", "published"]) == 0
    edition.refresh_from_db()
    assert edition.status == "published"
