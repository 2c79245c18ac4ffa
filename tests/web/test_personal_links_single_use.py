"""Personal links sign in once, live a few days, and stop when replaced, on withdrawal of
consent and on request; a staff session never becomes a participant's (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ontmoeting.editions.registration import withdraw_general_consent
from ontmoeting.privacy.models import AccessToken, AuditEntry
from ontmoeting.privacy.tokens import issue_link
from ontmoeting.web.views.portal.common import SESSION_KEY
from tests.web.portal_factories import _clear_rate_limits, expert_in, open_edition, path_of

pytestmark = pytest.mark.django_db
__all__ = ["_clear_rate_limits"]


def link_of(participant) -> str:
    return path_of(issue_link(participant.person, participant=participant))


def assert_link_problem(response) -> None:
    html = response.content.decode()
    assert response.status_code == 410
    assert 'data-testid="link-expired"' in html
    assert 'name="email"' in html  # the form for a new link


def test_a_personal_link_signs_in_only_once(client):
    participant = expert_in(open_edition())
    link = link_of(participant)
    assert client.post(link).status_code == 302
    other = Client()
    assert_link_problem(other.get(link))
    assert_link_problem(other.post(link))
    assert SESSION_KEY not in other.session
    assert other.get("/me/").status_code == 302


def test_a_personal_link_does_not_work_again_after_signing_out(client):
    participant = expert_in(open_edition())
    link = link_of(participant)
    client.post(link)
    client.post("/me/logout/")
    assert_link_problem(client.post(link))
    assert client.get("/me/").status_code == 302


def test_a_personal_link_lives_72_hours_by_default_and_the_setting_changes_it(settings):
    participant = expert_in(open_edition())
    link_of(participant)
    token = AccessToken.objects.get()
    assert token.expires - token.created == pytest.approx(
        dt.timedelta(hours=72), abs=dt.timedelta(seconds=5)
    )
    settings.ONTMOETING_LINK_HOURS = {"personal_page": 2}
    link_of(participant)
    newest = AccessToken.objects.order_by("-pk").first()
    assert newest.expires - newest.created < dt.timedelta(hours=3)


def test_registration_and_confirmation_link_lifetimes_are_settings(settings):
    participant = expert_in(open_edition())
    settings.ONTMOETING_LINK_HOURS = {"register": 5, "confirm": 7}
    issue_link(participant.person, purpose="register", edition=participant.edition)
    issue_link(participant.person, purpose="confirm", participant=participant)
    lifetimes = {
        t.purpose: round((t.expires - t.created).total_seconds() / 3600)
        for t in AccessToken.objects.all()
    }
    assert lifetimes == {"register": 5, "confirm": 7}


def test_a_new_personal_link_revokes_the_older_one(client):
    participant = expert_in(open_edition())
    older = link_of(participant)
    newer = link_of(participant)
    assert_link_problem(client.post(older))
    assert client.post(newer).status_code == 302


def test_withdrawing_consent_revokes_the_links_and_ends_the_session(client):
    participant = expert_in(open_edition())
    client.post(link_of(participant))
    unused = link_of(participant)
    assert client.get("/me/").status_code == 200
    withdraw_general_consent(participant.person, actor="portal")
    assert client.get("/me/").status_code == 302
    assert_link_problem(Client().post(unused))


def test_stop_my_links_ends_every_session_and_every_link(client):
    participant = expert_in(open_edition())
    phone = Client()
    phone.post(link_of(participant))
    client.post(link_of(participant))
    unused = link_of(participant)
    assert 'data-testid="stop-links"' in client.get("/me/").content.decode()
    response = client.post("/me/stop-links/")
    assert (response.status_code, response["Location"]) == (302, "/me/new-link/")
    assert client.get("/me/").status_code == 302
    assert phone.get("/me/").status_code == 302
    assert_link_problem(Client().post(unused))
    assert AuditEntry.objects.filter(action="portal.links_stopped").count() == 1
    assert client.get("/me/stop-links/").status_code in (302, 405)


def test_a_coordinator_cannot_sign_in_with_a_participants_link(client, make_staff):
    participant = expert_in(open_edition())
    link = link_of(participant)
    client.force_login(make_staff("coordinator"))
    response = client.post(link)
    assert response.status_code == 403
    assert 'data-testid="staff-signed-in"' in response.content.decode()
    assert SESSION_KEY not in client.session
    assert AccessToken.objects.get().last_used is None
    assert client.get("/me/").status_code == 302


def test_a_staff_login_ends_the_participant_session(client, make_staff):
    participant = expert_in(open_edition())
    client.post(link_of(participant))
    assert client.get("/me/").status_code == 200
    client.force_login(make_staff("coordinator"))
    assert client.get("/me/").status_code == 302
    assert client.get("/me/expenses/").status_code == 302
