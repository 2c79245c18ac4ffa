"""``ontmoeting import professionals``: the Dutch roster of a co-creation meeting, found by year
and format, through the real command line entry point."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from ontmoeting.cli import main
from ontmoeting.editions.enums import Format, ParticipantRole
from ontmoeting.editions.models import Participant
from ontmoeting.people.models import ProfessionalProfile
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

ROSTER = Path(__file__).parents[1] / "data" / "rosters" / "professionals_cocreatie.csv"


@pytest.fixture(autouse=True)
def _restore_language():
    """The CLI activates its language for the thread; give the next test the default back."""
    yield
    translation.deactivate()


@pytest.fixture
def meeting():
    return EditionFactory(year=2026, format=Format.CO_CREATION)


def _import(*extra: str) -> int:
    return main(["import", "professionals", str(ROSTER), "--edition", "2026", *extra])


def test_professionals_go_to_the_co_creation_meeting_of_the_year(meeting, capsys):
    assert _import() == 0
    assert "8 aangemaakt" in capsys.readouterr().out
    # By hand from the file: P01-P08, three of them willing to co-facilitate (ja, x, ja).
    refs = sorted(Participant.objects.filter(edition=meeting).values_list("ref", flat=True))
    assert refs == [f"P0{n}" for n in range(1, 9)]
    assert set(Participant.objects.values_list("role", flat=True)) == {ParticipantRole.PROFESSIONAL}
    willing = ProfessionalProfile.objects.filter(can_co_facilitate=True)
    assert sorted(willing.values_list("person__first_name", flat=True)) == ["Ines", "Kurt", "Sofie"]


def test_with_an_encounter_day_in_the_same_year_professionals_still_find_the_meeting(
    meeting, capsys
):
    day = EditionFactory(year=2026, format=Format.ENCOUNTER_DAY)
    assert _import() == 0
    assert Participant.objects.filter(edition=meeting).count() == 8
    assert not Participant.objects.filter(edition=day).exists()


def test_format_chooses_between_the_two_editions_of_a_year(meeting, capsys):
    EditionFactory(year=2026, format=Format.ENCOUNTER_DAY)
    assert _import("--format", "co_creation") == 0
    assert Participant.objects.filter(edition=meeting).count() == 8


def test_experts_in_a_year_with_both_need_the_format(meeting, tmp_path, capsys):
    EditionFactory(year=2026, format=Format.ENCOUNTER_DAY)
    path = tmp_path / "experts.csv"
    path.write_text("ref;first_name;last_name\nE01;Marc;Peeters\n", encoding="utf-8")
    assert main(["import", "experts", str(path), "--edition", "2026"]) == 2
    out = capsys.readouterr().out
    assert "--format encounter_day" in out
    assert "--format co_creation" in out
    assert not Participant.objects.exists()


def test_no_co_creation_meeting_in_the_year_exits_2(capsys):
    EditionFactory(year=2026, format=Format.ENCOUNTER_DAY)
    assert _import() == 2
    assert "2026" in capsys.readouterr().out
    assert not Participant.objects.exists()


def test_format_encounter_day_refuses_professionals(meeting, capsys):
    EditionFactory(year=2026, format=Format.ENCOUNTER_DAY)
    assert _import("--format", "encounter_day") == 2
    assert not Participant.objects.exists()


def test_a_bad_row_names_row_and_column_and_nothing_is_written(meeting, tmp_path, capsys):
    lines = ROSTER.read_text(encoding="utf-8-sig").splitlines()
    # Row 4 of the file (P03): an e-mail address that is not one.
    lines[3] = lines[3].replace(";;0489", ";nathalie@;0489")
    bad = tmp_path / "professionals.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", "professionals", str(bad), "--edition", "2026"]) == 2
    out = capsys.readouterr().out
    assert "“nathalie@” in kolom E-mail (1 rij: 4)" in out
    assert not Participant.objects.exists()
    assert not ProfessionalProfile.objects.exists()


def test_dry_run_writes_nothing_and_exits_0(meeting, capsys):
    assert _import("--dry-run") == 0
    assert not Participant.objects.exists()
