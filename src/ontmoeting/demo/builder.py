"""Write the planned demo history to the database (bulk inserts), reset it, set up staff logins."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction

from ontmoeting.demo.cocreation import build_cocreation_edition
from ontmoeting.demo.cocreation_tables import plan_demo_tables
from ontmoeting.demo.day import replay_the_day
from ontmoeting.demo.debriefings import add_debriefings
from ontmoeting.demo.expenses import add_expenses, reset_expenses
from ontmoeting.demo.figures import TODAY
from ontmoeting.demo.history import EditionSpec, ExpertSpec, History, plan_history
from ontmoeting.demo.in_words import add_department_words
from ontmoeting.demo.practice_survey import build_practice_survey, reset_practice_survey
from ontmoeting.demo.registrations import add_link_registrations
from ontmoeting.demo.research import ResearchSummary, add_research
from ontmoeting.demo.trajectories import build_trajectories, reset_trajectories
from ontmoeting.editions.enums import EditionStatus, Format, RoomKind
from ontmoeting.editions.models import Edition, KnowsLink, Participant, Room, ValueSynonym, Venue
from ontmoeting.editions.services import create_edition, transition_edition, update_contact
from ontmoeting.people.models import (
    ExperienceDomain,
    ExpertProfile,
    Membership,
    Person,
    SelfHelpGroup,
)
from ontmoeting.privacy.audit import record
from ontmoeting.privacy.consent import current_text
from ontmoeting.privacy.consent_defaults import PUBLISHED
from ontmoeting.privacy.models import AuditEntry, Consent, ConsentHow, ConsentKind
from ontmoeting.privacy.roles import StaffRole, sync_roles
from ontmoeting.surveys.models import QualCode

ACTOR = "demo"
VENUE_NAME = "Campus Sociaal Werk"
#: Staff logins the demo makes: (username, role group, is_staff/superuser).
STAFF_USERS = (
    ("coordinator", StaffRole.COORDINATOR, False),
    ("researcher", StaffRole.RESEARCHER, False),
    ("admin", StaffRole.ADMIN, True),
    ("helper", StaffRole.HELPER, False),
    ("finance", StaffRole.FINANCE, False),
)
REQUIRED_TABLES = (
    Edition._meta.db_table,
    Participant._meta.db_table,
    Person._meta.db_table,
    ExperienceDomain._meta.db_table,
    AuditEntry._meta.db_table,
    Group._meta.db_table,
)
#: The path of an edition through its lifecycle as far as it goes without a published plan.
#: The demo's past editions have no plan versions (their days were planned before the
#: software), so their later status (held, evaluated, archived) is written as history: the
#: lifecycle only lets an edition be published once one of its plans is.
LIFECYCLE = (EditionStatus.RECRUITING, EditionStatus.PLANNED)


#: Whom the co-creation meeting's participants contact.
COCREATION_CONTACT = {
    "contact_name": "Lien De Smet, coördinator cocreatie",
    "contact_phone": "09 243 87 35",
    "contact_email": "cocreatie@example.org",
}


class DemoError(Exception):
    """The demo cannot run on this database (tables missing, foreign data present)."""


@dataclass(frozen=True)
class DemoState:
    editions: int
    demo_editions: int
    people: int

    @property
    def empty(self) -> bool:
        return self.editions == 0 and self.people == 0

    @property
    def is_demo(self) -> bool:
        return self.editions > 0 and self.editions == self.demo_editions


def missing_tables() -> list[str]:
    """Tables the demo needs that the database lacks (migrations not run)."""
    present = set(connection.introspection.table_names())
    return [t for t in REQUIRED_TABLES if t not in present]


def demo_state() -> DemoState:
    """What the database holds: editions, how many of them the demo made, people."""
    edition_ids = [str(pk) for pk in Edition.objects.values_list("pk", flat=True)]
    demo_ids = set(
        AuditEntry.objects.filter(
            action="edition.create", actor_label=ACTOR, object_id__in=edition_ids
        ).values_list("object_id", flat=True)
    )
    return DemoState(
        editions=len(edition_ids), demo_editions=len(demo_ids), people=Person.objects.count()
    )


@transaction.atomic
def reset_demo() -> None:
    """Delete the demo data: expense claims and payment files, editions (with their surveys),
    participants, people, self-help groups, venues, the themes of the thematic coding.

    Experience domains stay (a migration seeds them). Raises DemoError when the database holds
    editions the demo did not make, so real data is never deleted by a demo command.
    """
    state = demo_state()
    if state.editions and not state.is_demo:
        raise DemoError(
            f"{state.editions - state.demo_editions} edition(s) were not made by the demo; "
            "refusing to delete them."
        )
    reset_expenses()
    reset_trajectories()
    reset_practice_survey()
    KnowsLink.objects.all().delete()
    Participant.objects.all().delete()
    Edition.objects.all().delete()
    Room.objects.all().delete()
    Venue.objects.all().delete()
    Membership.objects.all().delete()
    ExpertProfile.objects.all().delete()
    Person.objects.all().delete()
    SelfHelpGroup.objects.all().delete()
    ValueSynonym.objects.all().delete()
    QualCode.objects.all().delete()
    record("demo.reset", actor=ACTOR)


def set_up_staff() -> dict[str, str]:
    """Create (or update) the staff logins with fresh random passwords; returns them."""
    sync_roles()
    user_model = get_user_model()
    passwords = {}
    for username, role, admin in STAFF_USERS:
        user, _created = user_model.objects.get_or_create(username=username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_active = True
        user.is_staff = admin
        user.is_superuser = admin
        user.email = f"{username}@example.org"
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        passwords[username] = password
    return passwords


def demo_venue() -> Venue:
    """The demo's venue: a plenary hall, a restaurant, 18 conversation rooms (the old wing
    without a lift) and 22 group rooms."""
    venue = Venue.objects.create(
        name=VENUE_NAME,
        address="Campusplein 1",
        town="Gent",
        notes="Ingang via de hoofdingang; de oude vleugel heeft geen lift.",
    )
    rooms = [Room(venue=venue, name="Aula Relationeel", capacity=260, kind=RoomKind.PLENARY)]
    rooms.append(Room(venue=venue, name="Restaurant", capacity=240, kind=RoomKind.LUNCH))
    # Conversation rooms: 8 to 20 seats (two per pair); the old wing has stairs only.
    sizes = (20, 20, 18, 18, 16, 16, 16, 14, 14, 14, 12, 12, 12, 10, 10, 10, 8, 8)
    for i, size in enumerate(sizes, 1):
        old_wing = i > 14
        rooms.append(
            Room(
                venue=venue,
                name=f"{'B' if old_wing else 'A'}.{1 + i // 8}.{i:02d}",
                capacity=size,
                kind=RoomKind.CONVERSATION,
                floor=1 + i // 8,
                step_free=not old_wing,
            )
        )
    # Group rooms for about twenty groups of ten to twelve people.
    for i in range(1, 23):
        rooms.append(
            Room(
                venue=venue,
                name=f"C.0.{i:02d}" if i <= 16 else f"D.2.{i:02d}",
                capacity=12 if i % 3 else 14,
                kind=RoomKind.GROUP,
                floor=0 if i <= 16 else 2,
                step_free=i <= 16 or i % 2 == 0,
            )
        )
    Room.objects.bulk_create(rooms)
    return venue


def _consents(experts: list[ExpertSpec], people: list[Person]) -> None:
    """Every demo expert consented, on a paper form a coordinator entered, to the general text
    and to the special-category one that covers the domains and memberships the demo shows."""
    texts = {
        (kind, language): current_text(kind, language)
        for kind in (ConsentKind.GENERAL, ConsentKind.SPECIAL_CATEGORY)
        for language in {e.language for e in experts}
    }
    Consent.objects.bulk_create(
        Consent(person=person, text=text, given_at=PUBLISHED, how=ConsentHow.ON_BEHALF)
        for e, person in zip(experts, people, strict=True)
        for kind in (ConsentKind.GENERAL, ConsentKind.SPECIAL_CATEGORY)
        if (text := texts[(kind, e.language)]) is not None
    )


def _people(
    history: History, domains: dict[str, ExperienceDomain]
) -> tuple[dict[int, Person], dict[tuple[int, str], Person]]:
    """Bulk-create every expert (once, kept across years) and every student (one per year)."""
    groups = SelfHelpGroup.objects.bulk_create(
        SelfHelpGroup(
            name=g.name,
            domain=domains[g.domain],
            town=g.town,
            contact_person=history.contacts[g.name][0],
            contact_email=history.contacts[g.name][1],
        )
        for g in history.groups
    )
    group_by_name = {g.name: g for g in groups}
    experts = list(history.experts.values())
    expert_people = Person.objects.bulk_create(
        Person(
            first_name=e.name.first,
            last_name=e.name.last,
            email=e.email,
            phone=e.phone,
            gender=e.gender,
            language=e.language,
        )
        for e in experts
    )
    profiles = ExpertProfile.objects.bulk_create(
        ExpertProfile(
            person=person,
            languages=e.languages,
            can_chair=e.can_chair,
            chaired_before=e.chaired_before,
            statuses=e.statuses,
            training=e.training,
            roles=e.roles,
            accessibility=e.accessibility,
            diet=e.diet,
        )
        for e, person in zip(experts, expert_people, strict=True)
    )
    through = ExpertProfile.domains.through
    through.objects.bulk_create(
        through(expertprofile_id=profile.pk, experiencedomain_id=domains[code].pk)
        for e, profile in zip(experts, profiles, strict=True)
        for code in e.domains
    )
    Membership.objects.bulk_create(
        Membership(expert=profile, group=group_by_name[name], since=since)
        for e, profile in zip(experts, profiles, strict=True)
        for name, since in e.memberships
    )
    _consents(experts, expert_people)
    students = [(spec.year, s) for spec in history.editions for s, _ref, _st in spec.students]
    student_people = Person.objects.bulk_create(
        Person(
            first_name=s.name.first,
            last_name=s.name.last,
            email=s.email,
            gender=s.gender,
            language=s.language,
        )
        for _year, s in students
    )
    by_expert = {e.key: p for e, p in zip(experts, expert_people, strict=True)}
    by_student = {(year, s.email): p for (year, s), p in zip(students, student_people, strict=True)}
    return by_expert, by_student


def _participants(
    history: History,
    edition: Edition,
    spec: EditionSpec,
    experts: dict[int, Person],
    students: dict[tuple[int, str], Person],
) -> list[Participant]:
    rows = []
    for student, ref, status in spec.students:
        rows.append(
            Participant(
                edition=edition,
                person=students[(spec.year, student.email)],
                ref=ref,
                role="student",
                status=status,
                class_group=student.class_group,
                language=student.language,
                languages=student.languages,
                accessibility=student.accessibility,
                needs_step_free=student.needs_step_free,
                diet=student.diet,
                interests=student.interests,
            )
        )
    for key, ref, status in spec.experts:
        expert = history.experts[key]
        rows.append(
            Participant(
                edition=edition,
                person=experts[key],
                ref=ref,
                role="expert",
                status=status,
                language=expert.language,
                languages=expert.languages,
                accessibility=expert.accessibility,
                needs_step_free=expert.needs_step_free,
                diet=expert.diet,
            )
        )
    return rows


#: Whom the demo's participants call with a question (a fictitious coordinator and number).
DEMO_CONTACT = {
    "contact_name": "Sofie Claes, coördinator ontmoetingsdag",
    "contact_phone": "09 243 87 21",
    "contact_email": "ontmoetingsdag@example.org",
}


def _write_past_status(edition: Edition, status: str) -> None:
    """Give a past edition of the history its status (held, evaluated, archived), audited."""
    before = edition.status
    Edition.objects.filter(pk=edition.pk).update(status=status)
    edition.status = status
    record(
        "edition.transition", actor=ACTOR, obj=edition, before=before, after=status, history=True
    )


@dataclass(frozen=True)
class Built:
    """What ``build_demo`` wrote: the planned history and the research on it."""

    history: History
    research: ResearchSummary


@transaction.atomic
def build_demo(seed: int) -> Built:
    """Write the demo history for ``seed`` to an empty database; returns what it wrote."""
    history = plan_history(seed)
    domains = {d.code: d for d in ExperienceDomain.objects.all()}
    missing = sorted({g.domain for g in history.groups} - set(domains))
    if missing:
        raise DemoError(f"experience domains missing: {', '.join(missing)} (run the migrations)")
    venue = demo_venue()
    experts, students = _people(history, domains)
    editions: dict[int, Edition] = {}
    rows: list[Participant] = []
    for spec in history.editions:
        edition = create_edition(
            year=spec.year,
            date=spec.date,
            window_start=spec.window_start,
            window_end=spec.window_end,
            actor=ACTOR,
            format=Format.ENCOUNTER_DAY,
            venue=venue,
            target_pairs=spec.target_pairs,
            target_newcomer_share=Decimal(spec.target_newcomer_share),
            title=f"Ontmoetingsdag {spec.year}",
        )
        update_contact(edition, **DEMO_CONTACT, actor=ACTOR)
        target = EditionStatus(spec.status)
        for status in (
            LIFECYCLE[: LIFECYCLE.index(target) + 1] if target in LIFECYCLE else LIFECYCLE
        ):
            edition = transition_edition(edition, to=status, actor=ACTOR)
        if target not in LIFECYCLE:
            _write_past_status(edition, target)
        editions[spec.year] = edition
        rows.extend(_participants(history, edition, spec, experts, students))
    created = Participant.objects.bulk_create(rows, batch_size=1000)
    by_ref = {(p.edition_id, p.ref): p for p in created}
    links = []
    for spec in history.editions:
        edition = editions[spec.year]
        for student_ref, expert_ref in spec.knows:
            a, b = sorted(
                (by_ref[(edition.pk, student_ref)].pk, by_ref[(edition.pk, expert_ref)].pk)
            )
            links.append(KnowsLink(edition=edition, a_id=a, b_id=b))
    KnowsLink.objects.bulk_create(links)
    for spec in history.editions:
        add_debriefings(editions[spec.year], held=not spec.current, seed=seed, actor=ACTOR)
    add_link_registrations(editions[max(editions)], today=TODAY)
    add_department_words(ACTOR)
    replay_the_day(editions[max(editions) - 1], seed=seed)
    research = add_research(editions, seed=seed, actor=ACTOR)
    add_expenses(editions, seed=seed, today=TODAY)
    build_trajectories()
    build_practice_survey(today=TODAY, people=list(experts.values())[:3], actor=ACTOR)
    cocreation = build_cocreation_edition(
        year=max(editions), venue=venue, seed=seed, actor=ACTOR, contact=COCREATION_CONTACT
    )
    plan_demo_tables(cocreation)
    record(
        "demo.build",
        actor=ACTOR,
        seed=seed,
        today=TODAY.isoformat(),
        editions=len(editions),
        people=len(experts) + len(students),
        participants=len(created),
        responses=research.completed,
    )
    return Built(history=history, research=research)
