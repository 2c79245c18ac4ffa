"""The demo history: follows the seed, reproducible, idempotent, with a working login."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from ontmoeting.demo.history import plan_history
from ontmoeting.demo.samples import EXPERT_COLUMNS, STUDENT_COLUMNS
from ontmoeting.editions.enums import TAKING_PART, EditionStatus, ParticipantRole
from ontmoeting.editions.models import Edition, KnowsLink, Participant
from ontmoeting.editions.selectors import (
    edition_counts,
    expert_standings,
    open_held,
    registrations_to_check,
)
from ontmoeting.editions.services import create_edition
from ontmoeting.people.models import ExpertProfile, Person
from tests.demo.building import SEED, fingerprint, research_fingerprint, run_demo


def experts_in(year: int, **filters: object) -> list[Participant]:
    return list(
        Participant.objects.filter(
            edition__year=year,
            edition__format="encounter_day",
            role=ParticipantRole.EXPERT,
            **filters,
        )
    )


def days_after(year: int) -> list[Edition]:
    return list(Edition.objects.filter(format="encounter_day", year__gt=year))


@pytest.mark.django_db
def test_demo_builds_editions_2009_to_2026(built):
    assert built.code == 0
    days = Edition.objects.filter(format="encounter_day")
    years = sorted(days.values_list("year", flat=True))
    assert years == list(range(2009, 2027))
    statuses = dict(days.values_list("year", "status"))
    assert statuses[2009] == EditionStatus.ARCHIVED
    assert statuses[2025] == EditionStatus.EVALUATED
    assert statuses[2026] == EditionStatus.RECRUITING
    for edition in Edition.objects.all():
        assert edition.window_start <= edition.date <= edition.window_end
        assert edition.date.weekday() < 5
        assert edition.blocks.count() == (5 if edition.format == "encounter_day" else 4)
    assert Edition.objects.get(format="co_creation").year == 2026


@pytest.mark.django_db
def test_demo_2009_has_20_pairs_and_2018_has_108(built):
    for year, pairs in ((2009, 20), (2018, 108)):
        edition = Edition.objects.get(format="encounter_day", year=year)
        present = Counter(
            edition.participants.filter(status="present").values_list("role", flat=True)
        )
        assert (edition.target_pairs, present["student"], present["expert"]) == (
            pairs,
            pairs,
            pairs,
        )
    sizes = [e.target_pairs for e in days_after(2018)]
    assert all(100 <= size <= 115 for size in sizes)
    assert len(set(sizes)) > 1  # about 108, not always exactly


@pytest.mark.django_db
def test_demo_addiction_dominates_2009_and_domains_widen_by_2018(built):
    def domains_of(year: int) -> Counter[str]:
        person_ids = [p.person_id for p in experts_in(year, status="present")]
        return Counter(
            ExpertProfile.objects.filter(person_id__in=person_ids).values_list(
                "domains__code", flat=True
            )
        )

    in_2009 = domains_of(2009)
    assert in_2009["addiction"] > 20 / 2
    assert in_2009.most_common(1)[0][0] == "addiction"
    assert len(domains_of(2018)) >= 6


@pytest.mark.django_db
def test_demo_experts_whose_domains_it_shows_have_a_recorded_special_consent(built):
    from ontmoeting.people.selectors import consented_person_ids

    with_domains = set(
        ExpertProfile.objects.filter(domains__isnull=False).values_list("person_id", flat=True)
    )
    assert len(with_domains) > 700
    assert consented_person_ids(with_domains) == with_domains


@pytest.mark.django_db
def test_demo_veterans_return_and_newcomers_join(built):
    expert_years = Counter(
        Participant.objects.filter(role=ParticipantRole.EXPERT).values_list("person_id", flat=True)
    )
    assert max(expert_years.values()) >= 4
    for year in (2015, 2020, 2026):
        counts = edition_counts(Edition.objects.get(format="encounter_day", year=year))
        assert counts.veteran_experts > 0
        assert counts.newcomer_experts > 0
    student_years = Counter(
        Participant.objects.filter(role=ParticipantRole.STUDENT).values_list("person_id", flat=True)
    )
    assert set(student_years.values()) == {1}  # students are new every year


@pytest.mark.django_db
def test_demo_current_edition_recruiting_with_a_roster_ready_to_plan(built):
    current = Edition.objects.get(format="encounter_day", year=2026)
    assert current.status == EditionStatus.RECRUITING
    assert current.date > dt.date(2026, 11, 22)
    counts = edition_counts(current)
    assert counts.students == 108
    assert counts.eligible_experts >= counts.students
    assert 0.35 <= counts.newcomer_share <= 0.6
    taking_part = current.participants.filter(status__in=TAKING_PART)
    assert set(taking_part.values_list("status", flat=True)) == {
        "invited",
        "registered",
        "confirmed",
    }
    assert current.participants.filter(status="declined").exists()
    refs = set(current.participants.values_list("ref", flat=True))
    assert {"S001", "S108", "E001"} <= refs
    chairs = ExpertProfile.objects.filter(
        person__participations__in=taking_part, can_chair=True
    ).count()
    assert chairs >= 20
    assert KnowsLink.objects.filter(edition=current).count() == 3
    not_eligible = [s for s in expert_standings(current) if not s.eligibility.eligible]
    assert len(not_eligible) == 4  # three on the roster, one newcomer through a group link
    for standing in not_eligible:
        assert f"{standing.participant.ref} {standing.participant.person.full_name}" in (
            built.output
        )
    assert "van wie 108 in aanmerking komen" in built.output
    assert "\n  2026  do 10 dec  in werving   108 studenten," in built.output  # no "Thu 10 Dec"


@pytest.mark.django_db
def test_demo_shows_a_group_link_with_a_registration_to_check_and_one_held(built):
    current = Edition.objects.get(format="encounter_day", year=2026)
    invitation = current.invitations.get()
    assert (invitation.max_uses, invitation.uses) == (25, 2)
    to_check = [r.participant.person.full_name for r in registrations_to_check(current)]
    assert to_check == ["Hilde Wouters"]
    held = open_held(current).get()
    assert held.data["last_name"] == f"{held.person.last_name}-Maes"  # the known expert unchanged
    assert held.person.phone != "0499 12 34 56"


@pytest.mark.django_db
def test_demo_held_editions_mostly_present(built):
    statuses = Counter(
        Participant.objects.filter(edition__year__lt=2026).values_list("status", flat=True)
    )
    assert set(statuses) == {"present", "absent", "cancelled"}
    assert statuses["present"] > 0.9 * sum(statuses.values())


@pytest.mark.django_db
def test_demo_emails_only_on_reserved_example_domains(built):
    emails = [e for e in Person.objects.values_list("email", flat=True) if e]
    domains = {e.rsplit("@", 1)[1] for e in emails}
    assert domains <= {"student.example.org", "example.org", "example.net", "example.com"}
    assert len(emails) == len(set(emails))
    assert Person.objects.filter(email="", participations__role="expert").exclude(phone="").exists()


@pytest.mark.django_db
def test_demo_writes_sample_roster_files(built):
    with (built.out / "students_2026.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert tuple(rows[0]) == STUDENT_COLUMNS
    assert len(rows) == Participant.objects.filter(edition__year=2026, role="student").count()
    assert sum(bool(r["knows"]) for r in rows) == 3
    assert all(len(r["interests"].split("|")) == 3 for r in rows)
    sheet = load_workbook(built.out / "experts_2026.xlsx").active
    header, *experts = list(sheet.iter_rows(values_only=True))
    assert header == EXPERT_COLUMNS
    assert len(experts) == len(experts_in(2026))


@pytest.mark.django_db
def test_demo_is_reproducible_with_the_same_seed(built, tmp_path):
    code, output = run_demo("--seed", str(SEED), "--reset", "--out", str(tmp_path))
    assert code == 0
    assert f"Demo opgebouwd met seed {SEED}" in output
    assert fingerprint() == built.fingerprint
    assert research_fingerprint() == built.research_fingerprint


def test_another_seed_gives_another_history():
    """The seed drives the whole history (names, rosters, who took part when); the full build with
    another seed is not repeated here: the same code builds it, only the history differs."""
    assert plan_history(SEED + 1) != plan_history(SEED)
    assert plan_history(SEED) == plan_history(SEED)


@pytest.mark.django_db
def test_demo_without_reset_is_idempotent(built, tmp_path):
    before = (Edition.objects.count(), Person.objects.count(), Participant.objects.count())
    code, output = run_demo("--seed", str(SEED + 1), "--out", str(tmp_path))
    assert code == 0
    assert "De demogegevens zijn er al" in output
    assert (Edition.objects.count(), Person.objects.count(), Participant.objects.count()) == before
    assert fingerprint() == built.fingerprint


@pytest.mark.django_db
def test_demo_printed_coordinator_login_works(built, tmp_path):
    code, output = run_demo("--out", str(tmp_path), real_hasher=True)
    assert code == 0
    password = re.search(r"als coordinator / (\S+)", output).group(1)
    old_password = re.search(r"als coordinator / (\S+)", built.output).group(1)
    assert password != old_password  # new passwords on every run
    client = Client()
    assert client.login(username="coordinator", password=password)
    assert not client.login(username="coordinator", password=old_password)
    coordinator = get_user_model().objects.get(username="coordinator")
    assert list(coordinator.groups.values_list("name", flat=True)) == ["coordinator"]
    assert not coordinator.is_superuser
    assert get_user_model().objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_demo_refuses_a_database_with_editions_it_did_not_make(built, tmp_path):
    create_edition(
        year=2030,
        date=dt.date(2030, 12, 5),
        window_start=dt.date(2030, 11, 20),
        window_end=dt.date(2030, 12, 15),
        actor="cli",
    )
    code, output = run_demo("--reset", "--out", str(tmp_path))
    assert code == 2
    assert "niet door de demo gemaakt" in output
    assert Edition.objects.count() == 20


@pytest.mark.django_db
def test_demo_sample_files_import_back_unchanged(built):
    from ontmoeting.editions.roster import import_roster

    edition = Edition.objects.get(format="encounter_day", year=2026)
    for kind, name in (("experts", "experts_2026.xlsx"), ("students", "students_2026.csv")):
        report = import_roster(
            built.out / name, kind=kind, edition=edition, dry_run=True, actor="test"
        )
        assert report.errors == []
        rows = Participant.objects.filter(edition=edition, role=kind.rstrip("s")).count()
        assert (report.count("created"), report.count("updated")) == (0, 0)
        assert report.count("unchanged") == rows


@pytest.mark.django_db
def test_demo_roster_in_the_coordinators_words_imports_back_unchanged(built):
    from ontmoeting.editions.roster import import_roster

    edition = Edition.objects.get(format="encounter_day", year=2026)
    report = import_roster(
        built.out / "experts_2026_in_words.csv",
        kind=None,
        edition=edition,
        dry_run=True,
        actor="test",
    )
    assert report.errors == []
    assert report.kind == "experts"
    assert report.count("unchanged") == len(experts_in(2026))
    read = {(r.value, r.reading) for r in report.readings}
    assert ("ervaringswerker", "betaalde werknemer") in read
    assert ("CGG", "Geestelijke gezondheid") in read  # the demo department's own word


@pytest.mark.django_db
def test_demo_next_years_roster_finds_every_expert_again(built):
    from ontmoeting.editions.roster import import_roster

    create_edition(
        year=2027,
        date=dt.date(2027, 12, 9),
        window_start=dt.date(2027, 11, 29),
        window_end=dt.date(2027, 12, 17),
        actor="test",
    )
    edition = Edition.objects.get(format="encounter_day", year=2027)
    people = Person.objects.count()
    report = import_roster(
        built.out / "ervaringsdeskundigen_2027.csv",
        kind=None,
        edition=edition,
        dry_run=False,
        actor="test",
    )
    assert report.errors == []
    assert report.matches == []
    assert report.count("created") == report.known_count == len(experts_in(2026))
    assert Person.objects.count() == people  # half without e-mail, nobody created twice


@pytest.mark.django_db
def test_demo_shows_the_last_held_day_with_check_ins_and_a_repair(built):
    """2025 as it went: the desk's check-ins, the no-shows repaired away at 10:07 in a published
    version 2, and papers to print again; its people end as the history has them."""
    from ontmoeting.dayof.models import Attendance
    from ontmoeting.dayof.reprint import changes_on_paper
    from ontmoeting.planning.models import PlanStatus

    edition = Edition.objects.get(format="encounter_day", year=2025)
    assert edition.status == "evaluated"
    present = edition.participants.filter(status="present")
    checked_in = Attendance.objects.filter(participant__edition=edition, arrived__isnull=False)
    assert checked_in.count() == present.count() > 100
    assert all(a.arrived.date() == edition.date for a in checked_in)
    repaired = edition.plans.get(status=PlanStatus.PUBLISHED)
    no_shows = set(edition.participants.exclude(status="present").values_list("ref", flat=True))
    assert repaired.version == 2
    assert repaired.change["at"] == "10:07"
    assert set(repaired.change["absent"]) == no_shows
    assert not repaired.pairs.exclude(student__status="present").exists()
    assert changes_on_paper(edition).slip
    assert "10:07" in built.output
