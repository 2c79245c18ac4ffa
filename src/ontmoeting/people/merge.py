"""Joining two records of one person: ``merge_preview`` says what would move and what blocks,
``merge_people`` does it.

A person who took part in two editions may exist twice (an expert imported without an e-mail
address is created again next year). Merging keeps one record and moves everything of the
other onto it:

- **Found, not listed.** Every foreign key to ``Person`` is found through
  ``Person._meta.related_objects`` and re-pointed with one UPDATE, so a key added later moves
  too. people sits below editions, messaging and privacy: their rows are reached through the
  relations, never imported. Expense claims and study codes hang on a participation and move
  with it.
- **Refused, as data.** The same record twice, an anonymised (erased) record, two
  participations in one edition (named by its year), or any other row that may exist only once
  per person: the preview lists each problem and ``merge_people`` raises ``MergeRefused``.
- **The expert profile** (one-to-one) is merged field by field (``_merge_profile``); consents
  stay as rows on both sides (their history), and with the special-category consent in force
  the domains held as pending come into use, as when the person consents.
- Keep's empty e-mail, phone and gender are filled from drop; then drop is deleted and one
  audit entry ``person.merge`` says what moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ontmoeting.people.enums import Role, Training, WorkStatus
from ontmoeting.people.models import ExpertProfile, Person
from ontmoeting.people.services import activate_pending_domains
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.consent import has_special_consent

#: The relations handled by name: the profile (merged, not moved) and the participations (one
#: per edition, refused by year).
PROFILE = "expert_profile"
PARTICIPATIONS = "participations"
#: First-level fields of keep filled from drop when keep's are empty.
FILLED_FIELDS = ("email", "phone", "postal_address", "gender")
PAID = {WorkStatus.PAID_EMPLOYEE, WorkStatus.SELF_EMPLOYED}


@dataclass(frozen=True)
class Problem:
    """Why two records cannot be merged: a ``code`` and what the message names."""

    code: str
    year: int | None = None
    edition: str = ""
    person_id: int | None = None
    relation: str = ""

    @property
    def message(self) -> str:
        """The problem in the active language."""
        if self.code == "same_person":
            return _("A record cannot be merged with itself.")
        if self.code == "gone":
            return _("One of the two records no longer exists.")
        if self.code == "anonymised":
            return _(
                "Person #%(id)s was anonymised or erased; an emptied record cannot be merged."
            ) % {"id": self.person_id}
        if self.code == "same_edition":
            return _(
                "Both records take part in the edition of %(year)s (%(edition)s); a person "
                "takes part in an edition only once, so they cannot be merged."
            ) % {"year": self.year, "edition": self.edition}
        return _(
            "Both records have %(relation)s that a person may have only once; they cannot be "
            "merged."
        ) % {"relation": self.relation}


@dataclass(frozen=True)
class ParticipationLine:
    """One participation of the record that goes: its edition, reference and role."""

    year: int
    edition: str
    ref: str
    role: str


@dataclass(frozen=True)
class Move:
    """How many rows of one relation move from drop to keep (``key`` is the accessor)."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class ProfilePlan:
    """What happens to drop's expert profile: ``none``, ``move`` (keep has none) or ``merge``."""

    action: str
    memberships: int = 0
    memberships_shared: int = 0
    domains: int = 0
    pending_domains: int = 0


@dataclass(frozen=True)
class MergePreview:
    """What merging ``drop`` into ``keep`` would move, and what blocks it."""

    keep_id: int
    drop_id: int
    participations: tuple[ParticipationLine, ...]
    moves: tuple[Move, ...]
    profile: ProfilePlan
    problems: tuple[Problem, ...]

    @property
    def blocked(self) -> bool:
        return bool(self.problems)

    @property
    def counts(self) -> dict[str, int]:
        """Rows per relation (accessor name), for the audit entry and the command line."""
        return {move.key: move.count for move in self.moves}


@dataclass(frozen=True)
class MergeResult:
    keep: Person
    dropped_id: int
    moved: dict[str, int] = field(default_factory=dict)


class MergeRefused(ValueError):
    """The two records cannot be merged; ``problems`` says why (the message names each)."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__(" ".join(problem.message for problem in problems))


def _relations() -> list[Any]:
    """Every relation from another model to Person (many-to-one and one-to-one)."""
    return [rel for rel in Person._meta.related_objects if rel.get_accessor_name() != PROFILE]


def _rows(rel: Any, person: Person) -> models.QuerySet[Any]:
    model: type[models.Model] = rel.related_model
    return model._base_manager.filter(**{rel.field.name: person.pk})


def _unique_sets(rel: Any) -> list[tuple[list[str], Q | None]]:
    """The other fields of each unique rule that holds the key to Person, with its condition."""
    meta = rel.related_model._meta
    name = rel.field.name
    rules: list[tuple[list[str], Q | None]] = [
        (list(constraint.fields), constraint.condition)
        for constraint in meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and name in constraint.fields
    ]
    rules += [(list(fields), None) for fields in meta.unique_together if name in fields]
    return [([f for f in fields if f != name], condition) for fields, condition in rules]


def _clashes(rel: Any, keep: Person, drop: Person) -> bool:
    """True when moving drop's rows of ``rel`` would break a unique rule of keep's rows."""
    if rel.one_to_one:
        return _rows(rel, keep).exists() and _rows(rel, drop).exists()
    for others, condition in _unique_sets(rel):
        keep_rows, drop_rows = _rows(rel, keep), _rows(rel, drop)
        if condition is not None:
            keep_rows, drop_rows = keep_rows.filter(condition), drop_rows.filter(condition)
        if not others and keep_rows.exists() and drop_rows.exists():
            return True
        if others and set(keep_rows.values_list(*others)) & set(drop_rows.values_list(*others)):
            return True
    return False


def _problems(keep: Person, drop: Person) -> list[Problem]:
    if keep.pk == drop.pk:
        return [Problem("same_person", person_id=keep.pk)]
    problems = [
        Problem("anonymised", person_id=person.pk)
        for person in (keep, drop)
        if person.anonymised is not None
    ]
    keep_editions = keep.participations.values("edition_id")
    for participation in drop.participations.filter(edition_id__in=keep_editions).select_related(
        "edition"
    ):
        edition = participation.edition
        problems.append(Problem("same_edition", year=edition.year, edition=str(edition)))
    problems += [
        Problem("clash", relation=str(rel.related_model._meta.verbose_name_plural))
        for rel in _relations()
        if rel.get_accessor_name() != PARTICIPATIONS and _clashes(rel, keep, drop)
    ]
    return problems


def _profile_plan(keep: Person, drop: Person) -> ProfilePlan:
    drop_profile = ExpertProfile.objects.filter(person=drop).first()
    if drop_profile is None:
        return ProfilePlan("none")
    keep_profile = ExpertProfile.objects.filter(person=keep).first()
    groups = set(drop_profile.memberships.values_list("group_id", flat=True))
    shared = set()
    if keep_profile is not None:
        shared = groups & set(keep_profile.memberships.values_list("group_id", flat=True))
    return ProfilePlan(
        "move" if keep_profile is None else "merge",
        memberships=len(groups - shared),
        memberships_shared=len(shared),
        domains=drop_profile.domains.count(),
        pending_domains=drop_profile.pending_domains.count(),
    )


def participation_lines(person: Person) -> tuple[ParticipationLine, ...]:
    """The person's participations, oldest edition first."""
    return tuple(
        ParticipationLine(
            year=p.edition.year, edition=str(p.edition), ref=p.ref, role=p.get_role_display()
        )
        for p in person.participations.select_related("edition").order_by("edition__date")
    )


def merge_preview(keep: Person, drop: Person) -> MergePreview:
    """What merging ``drop`` into ``keep`` would move, and the problems that refuse it."""
    moves = tuple(
        Move(
            key=rel.get_accessor_name(),
            label=str(rel.related_model._meta.verbose_name_plural),
            count=_rows(rel, drop).count(),
        )
        for rel in _relations()
    )
    return MergePreview(
        keep_id=keep.pk,
        drop_id=drop.pk,
        participations=participation_lines(drop),
        moves=moves,
        profile=_profile_plan(keep, drop),
        problems=tuple(_problems(keep, drop)),
    )


def _union(first: list[str], second: list[str]) -> list[str]:
    """Both lists, first's order first, without repeats."""
    return list(dict.fromkeys([*first, *second]))


def _merge_lists(keep: ExpertProfile, drop: ExpertProfile) -> None:
    keep.languages = _union(keep.languages, drop.languages)
    roles = _union(keep.roles, drop.roles)
    if len(roles) > 1:  # 'no specific role' excludes the others (ExpertProfile.clean)
        roles = [r for r in roles if r != Role.NO_SPECIFIC_ROLE]
    keep.roles = roles
    statuses = _union(keep.statuses, drop.statuses)
    if PAID & set(statuses):  # 'no status' never goes with paid work (ExpertProfile.clean)
        statuses = [s for s in statuses if s != WorkStatus.NONE]
    keep.statuses = statuses


def _merge_memberships(keep: ExpertProfile, drop: ExpertProfile) -> int:
    """Move drop's memberships to keep; a group both belong to keeps the earliest ``since``."""
    held = {m.group_id: m for m in keep.memberships.all()}
    moved = 0
    for membership in drop.memberships.all():
        own = held.get(membership.group_id)
        if own is None:
            membership.expert = keep
            membership.save(update_fields=["expert"])
            moved += 1
        elif membership.since < own.since:
            own.since = membership.since
            own.save(update_fields=["since"])
    return moved


def _merge_profile(keep: Person, drop: Person) -> int:
    """Merge drop's expert profile into keep's (or hand it over); returns memberships moved."""
    drop_profile = ExpertProfile.objects.filter(person=drop).first()
    if drop_profile is None:
        return 0
    keep_profile = ExpertProfile.objects.filter(person=keep).first()
    if keep_profile is None:
        drop_profile.person = keep
        drop_profile.save(update_fields=["person"])
        return drop_profile.memberships.count()
    moved = _merge_memberships(keep_profile, drop_profile)
    keep_profile.domains.add(*drop_profile.domains.all())
    keep_profile.pending_domains.add(*drop_profile.pending_domains.all())
    _merge_lists(keep_profile, drop_profile)
    keep_profile.can_chair = keep_profile.can_chair or drop_profile.can_chair
    keep_profile.chaired_before = keep_profile.chaired_before or drop_profile.chaired_before
    if keep_profile.training == Training.NONE:
        keep_profile.training = drop_profile.training
    for name in ("accessibility", "diet"):
        if not getattr(keep_profile, name):
            setattr(keep_profile, name, getattr(drop_profile, name))
    keep_profile.save()
    drop_profile.delete()
    return moved


def _fill_fields(keep: Person, drop: Person) -> list[str]:
    filled = [name for name in FILLED_FIELDS if not getattr(keep, name) and getattr(drop, name)]
    for name in filled:
        setattr(keep, name, getattr(drop, name))
    if filled:
        keep.save(update_fields=[*filled, "updated"])
    return filled


def _locked(keep: Person, drop: Person) -> tuple[Person, Person]:
    """Both rows, locked for the transaction (in key order); refused when one is gone."""
    rows = Person.objects.select_for_update().filter(pk__in=[keep.pk, drop.pk]).order_by("pk")
    found = {person.pk: person for person in rows}
    if keep.pk not in found or drop.pk not in found:
        raise MergeRefused((Problem("gone"),))
    return found[keep.pk], found[drop.pk]


@transaction.atomic
def merge_people(*, keep: Person, drop: Person, actor: Actor) -> MergeResult:
    """Move everything of ``drop`` onto ``keep``, delete ``drop`` and audit it once; raises
    ``MergeRefused`` (changing nothing) when ``merge_preview`` reports a problem."""
    if keep.pk == drop.pk:
        raise MergeRefused((Problem("same_person", person_id=keep.pk),))
    keep, drop = _locked(keep, drop)
    preview = merge_preview(keep, drop)
    if preview.blocked:
        raise MergeRefused(preview.problems)
    moved = {
        rel.get_accessor_name(): _rows(rel, drop).update(**{rel.field.name: keep})
        for rel in _relations()
    }
    moved["memberships"] = _merge_profile(keep, drop)
    if has_special_consent(keep):
        moved["domains_activated"] = activate_pending_domains(keep)
    filled = _fill_fields(keep, drop)
    dropped_id = drop.pk
    Person.objects.filter(pk=dropped_id).delete()
    record(
        "person.merge",
        actor=actor,
        obj=keep,
        dropped=dropped_id,
        moved=moved,
        profile=preview.profile.action,
        filled=filled,
    )
    return MergeResult(keep=keep, dropped_id=dropped_id, moved=moved)


# ----------------------------------------------------------------- choosing the two records


@dataclass(frozen=True)
class PersonSide:
    """One record as the merge page shows it. Self-help groups only with the person's
    special-category consent (they can tell a domain); domains of experience never."""

    person: Person
    participations: tuple[ParticipationLine, ...]
    groups: tuple[str, ...]
    groups_hidden: bool
    has_profile: bool


def person_side(person: Person) -> PersonSide:
    """``person`` with their editions and, when they consented, their self-help groups."""
    profile = ExpertProfile.objects.filter(person=person).first()
    consented = has_special_consent(person)
    groups: tuple[str, ...] = ()
    if profile is not None and consented:
        groups = tuple(m.group.name for m in profile.memberships.select_related("group"))
    return PersonSide(
        person=person,
        participations=participation_lines(person),
        groups=groups,
        groups_hidden=profile is not None and not consented,
        has_profile=profile is not None,
    )


def find_people(query: str, *, limit: int = 20) -> list[Person]:
    """People (not anonymised) whose name, e-mail or phone holds every word of ``query``."""
    words = query.split()
    if not words:
        return []
    found = Person.objects.filter(anonymised__isnull=True)
    for word in words:
        found = found.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
        )
    return list(found.order_by("last_name", "first_name", "pk")[:limit])
