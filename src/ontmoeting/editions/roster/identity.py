"""One person across the years: a roster row without a known e-mail address found by phone or name.

The keys, strongest first:

- **phone** (digits only, ``+32``/``0032`` read as ``0``): the same person when the name agrees
  too (same last name, or same first and last name); only *probable* when the name differs (a
  shared family phone).
- **name and self-help group** (names compared folded: case and accents do not count): the same
  person when they were a member of the row's group and no e-mail address contradicts it.
- **name alone**, or name and group with another e-mail address on record: *probable*.

A probable match is never taken silently and never silently created twice: the coordinator says
"same person" or "someone else" in the preview (or with ``--decide`` on the command line), and an
import with an open question writes nothing. People already taking part in the edition under
another ref are not candidates. The lookups load the department's people once per import
(``load``): a few thousand rows, far below the cost of one query per roster row.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from ontmoeting.editions.models import Participant
from ontmoeting.editions.roster.words import fold
from ontmoeting.people.models import Membership, Person


def phone_key(phone: str) -> str:
    """``"+32 470 12 34 56"`` and ``"0470/12.34.56"`` → ``"0470123456"``; short numbers → ``""``."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+"):
        digits = "0" + digits[2:] if digits.startswith("32") else "00" + digits
    elif digits.startswith("0032"):
        digits = "0" + digits[4:]
    return digits if len(digits) >= 8 else ""


def _other_email(person: Person, email: str) -> bool:
    """The row and the person both have an e-mail address, and they differ."""
    return bool(email and person.email and person.email.lower() != email)


def name_key(first_name: str, last_name: str) -> str:
    return f"{fold(first_name)}|{fold(last_name)}"


@dataclass(frozen=True)
class Candidate:
    """A person of earlier years a row may be, why, and their editions for the coordinator."""

    person_id: int
    name: str
    how: str
    history: str
    certain: bool


@dataclass
class People:
    """The department's people by phone key, by name key, their groups and editions."""

    by_phone: dict[str, list[Person]] = field(default_factory=dict)
    by_name: dict[str, list[Person]] = field(default_factory=dict)
    groups: dict[int, set[str]] = field(default_factory=dict)
    history: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> People:
        people = cls(by_phone=defaultdict(list), by_name=defaultdict(list))
        for person in Person.objects.filter(anonymised__isnull=True).only(
            "pk", "first_name", "last_name", "email", "phone"
        ):
            if key := phone_key(person.phone):
                people.by_phone[key].append(person)
            people.by_name[name_key(person.first_name, person.last_name)].append(person)
        groups: defaultdict[int, set[str]] = defaultdict(set)
        for person_id, group in Membership.objects.values_list("expert__person_id", "group__name"):
            groups[person_id].add(group.strip().lower())
        people.groups = dict(groups)
        history: defaultdict[int, list[str]] = defaultdict(list)
        for person_id, year, ref in Participant.objects.order_by("-edition__date").values_list(
            "person_id", "edition__year", "ref"
        ):
            history[person_id].append(f"{ref or '—'} {year}")
        people.history = dict(history)
        return people

    def candidates(self, values: dict[str, object], *, exclude: set[int]) -> list[Candidate]:
        """Who the row with these values may be, strongest first (see the module docstring)."""
        first, last = str(values.get("first_name", "")), str(values.get("last_name", ""))
        found: dict[int, Candidate] = {}
        email = str(values.get("email", "")).lower()
        phone = phone_key(str(values.get("phone", "")))
        for person in self.by_phone.get(phone, []) if phone else []:
            same_name = fold(person.last_name) == fold(last) or name_key(
                person.first_name, person.last_name
            ) == name_key(first, last)
            certain = same_name and not _other_email(person, email)
            found.setdefault(person.pk, self._candidate(person, _("the same phone"), certain))
        group = str(values.get("self_help_group", "")).strip().lower()
        for person in self.by_name.get(name_key(first, last), []):
            in_group = bool(group) and group in self.groups.get(person.pk, set())
            how = _("the same name and self-help group") if in_group else _("the same name")
            certain = in_group and not _other_email(person, email)
            found.setdefault(person.pk, self._candidate(person, how, certain))
        ranked = sorted(
            (c for c in found.values() if c.person_id not in exclude),
            key=lambda c: (not c.certain, c.person_id),
        )
        if sum(c.certain for c in ranked) > 1:  # two people fit equally well: ask
            ranked = [replace(c, certain=False) for c in ranked]
        return ranked

    def _candidate(self, person: Person, how: str, certain: bool) -> Candidate:
        return Candidate(
            person_id=person.pk,
            name=person.full_name,
            how=how,
            history=", ".join(self.history.get(person.pk, [])[:4]),
            certain=certain,
        )
