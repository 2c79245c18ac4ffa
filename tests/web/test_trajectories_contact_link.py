"""The team contact's personal link: it shows and changes only their own team's actions (ids of
another team in the URL or the POST reach nothing), an expired or revoked link fails, and every
change is audited."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from ontmoeting.cocreation.models import Action
from ontmoeting.cocreation.team_links import issue_team_link, stop_team_links
from ontmoeting.privacy.models import AccessToken, AuditEntry
from tests.cocreation.trajectory_factories import two_teams

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return two_teams()


def _path(team) -> str:
    return urlsplit(issue_team_link(team=team, actor="test")).path


def test_the_link_shows_only_the_own_teams_actions(client, world):
    response = client.get(_path(world.a))
    assert response.status_code == 200
    body = response.content.decode()
    assert [a.description in body for a in world.actions_a] == [True, True]
    assert [a.description in body for a in world.actions_b] == [False, False]
    assert response["Cache-Control"] == "no-store"


def test_a_post_with_another_teams_action_id_changes_nothing(client, world):
    path = _path(world.a)
    for foreign in world.actions_b:
        response = client.post(path, {"action": foreign.pk, "status": "done", "note": "x"})
        assert response.status_code == 404
    assert set(
        Action.objects.filter(pk__in=[a.pk for a in world.actions_b]).values_list(
            "status", flat=True
        )
    ) == {"open"}
    assert not AuditEntry.objects.filter(action="trajectory.action.status").exists()


def test_a_post_on_an_own_action_changes_it_and_is_audited(client, world):
    own = world.actions_a[1]
    response = client.post(_path(world.a), {"action": own.pk, "status": "done", "note": "Klaar!"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.status, own.status_note) == ("done", "Klaar!")
    entry = AuditEntry.objects.get(action="trajectory.action.status")
    assert (entry.object_id, entry.actor_label, entry.data["after"]) == (
        str(own.pk),
        "team-link",
        "done",
    )


def test_the_link_works_for_several_visits_until_a_new_one_is_made(client, world):
    old = _path(world.a)
    assert client.get(old).status_code == 200
    assert client.get(old).status_code == 200
    new = _path(world.a)
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200


def test_an_expired_a_revoked_a_malformed_and_an_unknown_link_fail(client, world):
    path = _path(world.a)
    AccessToken.objects.update(expires=timezone.now() - dt.timedelta(minutes=1))
    assert client.get(path).status_code == 410
    own = world.actions_a[0]
    assert client.post(path, {"action": own.pk, "status": "done"}).status_code == 410
    revoked = _path(world.a)
    stop_team_links(person=world.a.contact, actor="test")
    assert client.get(revoked).status_code == 410
    assert client.get("/team/kort/").status_code == 400
    assert client.get("/team/" + "A" * 43 + "/").status_code == 404
    own.refresh_from_db()
    assert own.status == "open"


def test_a_personal_page_link_does_not_open_the_team_page(client, world):
    from ontmoeting.privacy.tokens import issue_link

    raw = (
        urlsplit(issue_link(world.a.contact, purpose="personal_page"))
        .path.rstrip("/")
        .rsplit("/", 1)[1]
    )
    assert client.get(f"/team/{raw}/").status_code == 404
