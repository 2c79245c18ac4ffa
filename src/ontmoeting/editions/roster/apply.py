"""Writing validated roster rows with bulk queries; the caller holds the transaction."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.editions.models import KnowsLink, Participant
from ontmoeting.editions.roster.columns import needs_step_free
from ontmoeting.editions.roster.context import ROLE_OF_KIND, Context, RowData
from ontmoeting.editions.roster.report import Action, ImportReport, RowChange
from ontmoeting.editions.selectors import veteran_person_ids
from ontmoeting.people.models import (
    ExperienceDomain,
    ExpertProfile,
    Membership,
    Person,
    ProfessionalProfile,
    Sector,
    SelfHelpGroup,
)
from ontmoeting.people.selectors import consented_person_ids, eligibility_on

STATUS_OF_NEW = {
    "students": ParticipantStatus.INVITED,
    "experts": ParticipantStatus.REGISTERED,
    "professionals": ParticipantStatus.REGISTERED,
}


class _Changes:
    """Changed column keys per row, and which model fields to bulk-update."""

    def __init__(self) -> None:
        self.by_row: dict[int, list[str]] = {}
        self.fields: dict[type[models.Model], set[str]] = {}
        self.dirty: dict[type[models.Model], dict[int, models.Model]] = {}

    def set(self, row: RowData, obj: models.Model, attr: str, value: Any, key: str) -> None:
        if getattr(obj, attr) == value:
            return
        setattr(obj, attr, value)
        if obj.pk is None:
            return
        self.mark(row, key)
        self.fields.setdefault(type(obj), set()).add(attr)
        self.dirty.setdefault(type(obj), {})[id(obj)] = obj

    def mark(self, row: RowData, key: str) -> None:
        keys = self.by_row.setdefault(row.row, [])
        if key not in keys:
            keys.append(key)

    def save(self, model: type[models.Model], *, stamp: str | None = None) -> None:
        objects = list(self.dirty.get(model, {}).values())
        if not objects:
            return
        fields = sorted(self.fields[model])
        if stamp:
            now = timezone.now()
            for obj in objects:
                setattr(obj, stamp, now)
            fields.append(stamp)
        model._default_manager.bulk_update(objects, fields, batch_size=500)


def apply_rows(rows: list[RowData], context: Context, report: ImportReport) -> None:
    """Create or update people, profiles, memberships, participants and knows links."""
    changes = _Changes()
    new_participants = {row.row for row in rows if row.participant is None}
    known_people = {row.row for row in rows if row.person is not None}
    _save_groups(context)
    _save_persons(rows, changes)
    if context.kind == "experts":
        _save_profiles(rows, context, changes)
    elif context.kind == "professionals":
        _save_professional_profiles(rows, changes)
    _save_participants(rows, context, changes)
    _save_knows(rows, context, changes, new_participants)
    notes = _expert_notes(rows, context, report) if context.kind == "experts" else {}
    for row in rows:
        fields = tuple(changes.by_row.get(row.row, ()))
        action: Action
        if row.row in new_participants:
            action = "created"
            note = (
                _("known person, recognised by %(how)s") % {"how": row.matched_by}
                if row.matched_by
                else ""
            )
            if row.candidates:
                note = _("a new person, unless you say it is %(who)s (see above)") % {
                    "who": " / ".join(c.name for c in row.candidates)
                }
        else:
            action, note = ("updated" if fields else "unchanged"), ""
        note = "; ".join(n for n in (note, notes.get(row.row, "")) if n)
        report.changes.append(
            RowChange(
                row.row,
                row.ref,
                action,
                fields if action == "updated" else (),
                note,
                known=action == "created" and row.row in known_people,
            )
        )


def _save_groups(context: Context) -> None:
    new = [g for g in context.groups_by_name.values() if g.pk is None]
    SelfHelpGroup.objects.bulk_create(new)


def _save_persons(rows: list[RowData], changes: _Changes) -> None:
    created: list[Person] = []
    for row in rows:
        person = row.person or Person()
        for key in ("first_name", "last_name", "email", "phone", "gender"):
            if key in row.values:
                changes.set(row, person, key, row.values[key], key)
        if person.pk is None:
            spoken = row.values.get("language") or row.values.get("languages") or []
            if spoken:
                person.language = spoken[0]
            created.append(person)
        row.person = person
    Person.objects.bulk_create(created, batch_size=500)
    changes.save(Person, stamp="updated")


def _save_profiles(rows: list[RowData], context: Context, changes: _Changes) -> None:
    known_ids = [row.person.pk for row in rows if row.person and not _is_new(row.person)]
    profiles = {
        p.person_id: p
        for p in ExpertProfile.objects.filter(person_id__in=known_ids).prefetch_related(
            "domains", "pending_domains", "memberships"
        )
    }
    domain_ids = dict(ExperienceDomain.objects.values_list("code", "pk"))
    created: list[ExpertProfile] = []
    domains_to_set: dict[int, tuple[ExpertProfile, set[int]]] = {}
    memberships: list[tuple[RowData, ExpertProfile, Membership | None]] = []
    for row in rows:
        assert row.person is not None
        profile = profiles.get(row.person.pk) or ExpertProfile(person=row.person)
        new = profile.pk is None
        values = row.values
        for key, attr in (
            ("languages", "languages"),
            ("can_chair", "can_chair"),
            ("status", "statuses"),
            ("training", "training"),
            ("roles", "roles"),
            ("accessibility", "accessibility"),
            ("diet", "diet"),
        ):
            if key in values:
                changes.set(row, profile, attr, values[key], key)
        if new:
            created.append(profile)
        if "domains" in values:
            wanted = {domain_ids[code] for code in values["domains"]}
            current = (
                set()
                if new
                else {d.pk for d in profile.domains.all()}
                | {d.pk for d in profile.pending_domains.all()}
            )
            if wanted != current:
                domains_to_set[id(profile)] = (profile, wanted)
                if not new:
                    changes.mark(row, "domains")
        group = context.groups_by_name[values["self_help_group"].strip().lower()]
        existing = (
            None
            if new or group.pk is None
            else next((m for m in profile.memberships.all() if m.group_id == group.pk), None)
        )
        memberships.append((row, profile, existing))
    ExpertProfile.objects.bulk_create(created, batch_size=500)
    changes.save(ExpertProfile)
    _save_domains(domains_to_set)
    _save_memberships(memberships, context, changes)


def _save_professional_profiles(rows: list[RowData], changes: _Changes) -> None:
    """Each professional's sector, organisation, function and willingness to co-facilitate."""
    known_ids = [row.person.pk for row in rows if row.person and not _is_new(row.person)]
    profiles = {p.person_id: p for p in ProfessionalProfile.objects.filter(person_id__in=known_ids)}
    sector_ids = dict(Sector.objects.values_list("code", "pk"))
    created: list[ProfessionalProfile] = []
    for row in rows:
        assert row.person is not None
        profile = profiles.get(row.person.pk) or ProfessionalProfile(person=row.person)
        values = row.values
        changes.set(row, profile, "sector_id", sector_ids[values["sector"]], "sector")
        for key, attr in (
            ("organisation", "organisation"),
            ("function", "function"),
            ("co_facilitate", "can_co_facilitate"),
        ):
            if key in values:
                changes.set(row, profile, attr, values[key], key)
        if profile.pk is None:
            created.append(profile)
    ProfessionalProfile.objects.bulk_create(created, batch_size=500)
    changes.save(ProfessionalProfile)


def _is_new(obj: models.Model) -> bool:
    return obj._state.adding


def _save_domains(domains_to_set: dict[int, tuple[ExpertProfile, set[int]]]) -> None:
    """Write the domains a roster gives: in use for people with the special-category consent,
    held as pending (never shown or used) for the others until they consent."""
    if not domains_to_set:
        return
    profile_ids = [profile.pk for profile, _wanted in domains_to_set.values()]
    consented = consented_person_ids(p.person_id for p, _wanted in domains_to_set.values())
    for field in (ExpertProfile.domains, ExpertProfile.pending_domains):
        field.through.objects.filter(expertprofile_id__in=profile_ids).delete()
    for field, keep in ((ExpertProfile.domains, True), (ExpertProfile.pending_domains, False)):
        through: Any = field.through
        through.objects.bulk_create(
            [
                through(expertprofile_id=profile.pk, experiencedomain_id=domain_id)
                for profile, wanted in domains_to_set.values()
                if (profile.person_id in consented) == keep
                for domain_id in sorted(wanted)
            ],
            batch_size=500,
        )


def _save_memberships(
    memberships: list[tuple[RowData, ExpertProfile, Membership | None]],
    context: Context,
    changes: _Changes,
) -> None:
    created: list[Membership] = []
    for row, profile, existing in memberships:
        since = row.values["member_since"]
        if existing is None:
            group = context.groups_by_name[row.values["self_help_group"].strip().lower()]
            created.append(Membership(expert=profile, group=group, since=since))
            if row.participant is not None:
                changes.mark(row, "self_help_group")
        else:
            changes.set(row, existing, "since", since, "member_since")
    Membership.objects.bulk_create(created, batch_size=500)
    changes.save(Membership)


def _save_participants(rows: list[RowData], context: Context, changes: _Changes) -> None:
    role = ROLE_OF_KIND[context.kind]
    created: list[Participant] = []
    for row in rows:
        assert row.person is not None
        participant = row.participant or Participant(
            edition=context.edition,
            person=row.person,
            ref=row.ref,
            role=role,
            status=STATUS_OF_NEW[context.kind],
        )
        values = row.values
        spoken_key = "language" if context.kind == "students" else "languages"
        if spoken_key in values:
            spoken = values[spoken_key]
            changes.set(row, participant, "language", spoken[0], spoken_key)
            changes.set(row, participant, "languages", spoken, spoken_key)
        for key in ("class_group", "interests", "diet"):
            if key in values:
                changes.set(row, participant, key, values[key], key)
        if "accessibility" in values:
            changes.set(row, participant, "accessibility", values["accessibility"], "accessibility")
            changes.set(
                row,
                participant,
                "needs_step_free",
                needs_step_free(values["accessibility"]),
                "accessibility",
            )
        if participant.pk is None:
            created.append(participant)
        row.participant = participant
        context.participants_by_ref[row.ref] = participant
    Participant.objects.bulk_create(created, batch_size=500)
    changes.save(Participant, stamp="updated")


def _save_knows(
    rows: list[RowData], context: Context, changes: _Changes, new_rows: set[int]
) -> None:
    if not any(row.knows for row in rows):
        return
    existing = set(KnowsLink.objects.filter(edition=context.edition).values_list("a_id", "b_id"))
    created: list[KnowsLink] = []
    for row in rows:
        assert row.participant is not None
        for ref in row.knows:
            other = context.participants_by_ref[ref]
            a, b = sorted((row.participant.pk, other.pk))
            if (a, b) in existing:
                continue
            existing.add((a, b))
            created.append(KnowsLink(edition=context.edition, a_id=a, b_id=b))
            if row.row not in new_rows:
                changes.mark(row, "knows")
    KnowsLink.objects.bulk_create(created, batch_size=500)


def _expert_notes(rows: list[RowData], context: Context, report: ImportReport) -> dict[int, str]:
    """Veteran or newcomer per row; a warning for each expert not eligible on the day."""
    person_ids = [row.person.pk for row in rows if row.person is not None]
    profiles = {
        p.person_id: p
        for p in ExpertProfile.objects.filter(person_id__in=person_ids).prefetch_related(
            "memberships__group"
        )
    }
    veterans = veteran_person_ids(context.edition, person_ids)
    notes: dict[int, str] = {}
    for row in rows:
        assert row.person is not None
        notes[row.row] = _("veteran") if row.person.pk in veterans else _("newcomer")
        eligibility = eligibility_on(profiles.get(row.person.pk), context.edition.date)
        if not eligibility.eligible:
            report.warn(
                row.row,
                None,
                None,
                _("%(ref)s not eligible: %(reason)s")
                % {"ref": row.ref, "reason": eligibility.reason},
            )
    return notes
