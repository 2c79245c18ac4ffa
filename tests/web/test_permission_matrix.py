"""Every staff page against every role, with data present that could leak.

Walks the URL configuration, so a new staff page is covered the day it is added: a visitor is
sent to the login page, a role the view does not allow gets 403, an allowed role gets in, and a
page that researchers or admins may open never shows a participant's name or email; a page a
day helper may open (the desk, the board) shows names but never an e-mail address, a phone
number or a domain of experience.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ontmoeting.dayof.debriefing import schedule_session
from ontmoeting.planning.services import plan_edition
from tests.web.plans_factories import plannable_edition

ROLES = ("coordinator", "researcher", "admin", "helper", "finance")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def staff_pages():
    """(route, allowed roles) of every view guarded by ``role_required``."""
    pages = []
    for route, pattern in _walk(get_resolver().url_patterns):
        roles = getattr(pattern.callback, "allowed_roles", None)
        if roles is not None:
            pages.append((route, tuple(roles)))
    return sorted(set(pages))


@pytest.fixture
def world(db, make_staff):
    edition, students, experts = plannable_edition(n_pairs=6, chairs=2)
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=0.1)
    users = {role: make_staff(role) for role in ROLES}
    session = schedule_session(
        edition=edition,
        class_group=students[0].class_group,
        date=edition.date,
        starts=dt.time(17),
        ends=dt.time(18),
        place="Klaslokaal",
        actor="test",
    )
    values = {
        "edition_id": edition.pk,
        "year": edition.year,
        "participant_id": experts[0].pk,
        "version": plan.version,
        "user_id": users["coordinator"].pk,
        "block_id": 1,
        "room_id": edition.venue.rooms.first().pk,
        "session_id": session.pk,
    }
    everyone = [*students, *experts]
    contact = [p.person.email for p in everyone if p.person.email]
    contact += [p.person.phone for p in everyone if p.person.phone]
    domains = sorted(
        {d.name_nl for p in experts for d in p.person.expert_profile.domains.all()}
        | {d.name_en for p in experts for d in p.person.expert_profile.domains.all()}
    )
    secrets = {
        "helper": [*contact, *domains],
        "other": [p.person.last_name for p in everyone] + contact,
    }
    return users, values, secrets


def _url(route: str, values: dict) -> str:
    import re

    def fill(match):
        converter, name = match.group(1), match.group(2)
        if name in values:
            return str(values[name])
        return {"int": "987654", "str": "x", "slug": "x"}.get(converter or "str", "x")

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
    return "/" + path.lstrip("^").rstrip("$")


def test_the_matrix_covers_the_pages():
    routes = [route for route, _ in staff_pages()]
    assert len(routes) > 40
    for expected in ("editions/", "staff/", "reports/", "research/", "day/"):
        assert any(r.startswith(expected) for r in routes), expected


@pytest.mark.parametrize(("route", "allowed"), staff_pages())
def test_each_role_against_each_page(client, world, route, allowed):
    users, values, secrets = world
    url = _url(route, values)
    send = client.get
    response = send(url)
    if response.status_code == 405:  # a POST-only action: the role check must hold there too
        send = client.post
        response = send(url)
    assert response.status_code == 302, url
    assert "/login/" in response.url, url
    for role in ROLES:
        client.force_login(users[role])
        response = send(url)
        if role in allowed:
            assert response.status_code != 403, (url, role)
            if role != "coordinator" and response.status_code == 200:
                body = response.content.decode(errors="replace")
                kept = secrets["helper" if role == "helper" else "other"]
                leaked = [s for s in kept if s and s in body]
                assert leaked == [], (url, role, leaked)
        else:
            assert response.status_code == 403, (url, role, response.status_code)
        client.logout()
