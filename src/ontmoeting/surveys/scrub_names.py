"""The scrubber that knows the names in the database (:mod:`ontmoeting.surveys.scrub`).

The names are read to be masked, never shown: no audit entry. Build one scrubber per page or
export and use it for all of its texts (one query for the people, one for the staff accounts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.contrib.auth.models import User

from ontmoeting.people.models import Person
from ontmoeting.surveys.scrub import Scrubber


def _names(rows: Iterable[tuple[str, str]]) -> Iterator[str]:
    for first, last in rows:
        yield first
        yield last
        yield f"{first} {last}"


def database_scrubber() -> Scrubber:
    """A scrubber that knows the first and last names of every person (students, experts,
    professionals) and of every staff account: an answer often names a lecturer."""
    people = Person.objects.exclude(first_name="", last_name="").values_list(
        "first_name", "last_name"
    )
    staff = User.objects.exclude(first_name="", last_name="").values_list("first_name", "last_name")
    return Scrubber(known_names=[*_names(people), *_names(staff)])
