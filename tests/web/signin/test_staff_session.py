"""A staff session ends after 30 idle minutes and 12 hours after signing in (settings).
Before: sessions lasted 14 days with no idle timeout."""

from __future__ import annotations

import pytest

from ontmoeting.web.signin.session import LAST_SEEN, SIGNED_IN_AT
from tests.web.portal_factories import expert_in, open_edition, sign_in
from tests.web.signin.helpers import log_in

pytestmark = pytest.mark.django_db


def shift(client, key: str, seconds: int) -> None:
    """Move a clock of the session back by ``seconds``, as if that much time had passed."""
    session = client.session
    session[key] -= seconds
    session.save()


@pytest.fixture
def signed_in(client, make_staff):
    make_staff("coordinator")
    log_in(client, "coordinator")
    return client


def test_a_session_idle_for_more_than_30_minutes_ends(signed_in):
    shift(signed_in, LAST_SEEN, 31 * 60)
    response = signed_in.get("/editions/")
    assert response.url == "/login/?next=/editions/"
    assert "_auth_user_id" not in signed_in.session
    page = signed_in.get(response.url).content.decode()
    assert "Je sessie is afgelopen. Meld je opnieuw aan." in page


def test_a_session_in_use_stays_open(signed_in):
    shift(signed_in, LAST_SEEN, 29 * 60)
    assert signed_in.get("/editions/").status_code == 200
    shift(signed_in, LAST_SEEN, 29 * 60)  # active a minute ago: the idle clock starts again
    assert signed_in.get("/editions/").status_code == 200


def test_a_session_ends_12_hours_after_signing_in_even_in_use(signed_in):
    shift(signed_in, SIGNED_IN_AT, 12 * 3600 + 1)
    assert signed_in.get("/editions/").url.startswith("/login/")


def test_the_limits_are_settings(signed_in, settings):
    settings.ONTMOETING_STAFF_IDLE_MINUTES = 5
    shift(signed_in, LAST_SEEN, 6 * 60)
    assert signed_in.get("/editions/").url.startswith("/login/")


def test_the_session_cookie_expires_with_the_idle_limit(signed_in):
    assert signed_in.session.get_expiry_age() == 30 * 60


def test_a_session_without_the_clocks_counts_as_ended(signed_in):
    """A session made before the limits existed (14 days) does not live on."""
    session = signed_in.session
    del session[SIGNED_IN_AT]
    session.save()
    assert signed_in.get("/editions/").url.startswith("/login/")


def test_an_htmx_request_is_sent_to_the_login_page_as_a_whole(signed_in):
    shift(signed_in, LAST_SEEN, 31 * 60)
    response = signed_in.get("/editions/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/login/"


def test_a_participants_personal_page_keeps_its_own_rules(client):
    """The staff limits touch only signed-in staff: a personal-page session has no user."""
    edition = open_edition()
    sign_in(client, expert_in(edition))
    assert SIGNED_IN_AT not in client.session
    assert client.get("/me/").status_code == 200
