"""Helpers for the portal tests: open editions, registration answers, links and sign-in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ontmoeting.editions.enums import EditionStatus, ParticipantRole
from ontmoeting.privacy.tokens import issue_link
from tests.factories import EditionFactory, ParticipantFactory, SelfHelpGroupFactory


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    """The new-link rate limit lives in the cache; every test starts with a clean one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def open_edition(**kwargs):
    """An edition a month from today, recruiting: registration is open."""
    day = timezone.localdate() + dt.timedelta(days=30)
    defaults = {
        "year": day.year,
        "date": day,
        "window_start": day - dt.timedelta(days=40),
        "window_end": day + dt.timedelta(days=10),
        "status": EditionStatus.RECRUITING,
    }
    return EditionFactory(**{**defaults, **kwargs})


def past_edition(**kwargs):
    """An edition whose day and window are over (still 'recruiting' on paper)."""
    defaults = {
        "year": 2019,
        "date": dt.date(2019, 12, 10),
        "window_start": dt.date(2019, 11, 30),
        "window_end": dt.date(2019, 12, 18),
        "status": EditionStatus.RECRUITING,
    }
    return EditionFactory(**{**defaults, **kwargs})


def token_of(link: str) -> str:
    """The raw token at the end of a link URL."""
    return link.rstrip("/").rsplit("/", 1)[1]


def path_of(link: str) -> str:
    from django.conf import settings

    return link.removeprefix(settings.SITE_URL)


#: A postal address, needed when someone registers without an email address (letters).
ADDRESS = {"street": "Kerkstraat 12", "postcode": "9000", "town": "Gent"}


def answers(group=None, **overrides) -> dict[str, object]:
    """A complete, valid registration form submission."""
    group = group or SelfHelpGroupFactory()
    data = {
        "first_name": "Marleen",
        "last_name": "Peeters",
        "email": "marleen@example.org",
        "phone": "",
        "self_help_group": group.pk,
        "member_since_month": "3",
        "member_since_year": "2018",
        "languages": ["nl"],
        "can_chair": "yes",
        "accessibility": "",
        "diet": "vegetarian",
        "travel": "public_transport",
        "general_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def expert_in(edition, **kwargs):
    return ParticipantFactory(edition=edition, role=ParticipantRole.EXPERT, **kwargs)


def sign_in(client, participant) -> None:
    """Sign ``participant`` in to the personal page the way a person does: GET, then POST."""
    link = path_of(issue_link(participant.person, participant=participant))
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302, response
