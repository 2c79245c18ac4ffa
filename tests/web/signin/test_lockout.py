"""Failed logins lock an account out for a while, per account and client address (django-axes,
in the database). Before: 30 wrong passwords in 30 s, then the right one worked."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt

from ontmoeting.web.client_address import client_address
from tests.web.signin.helpers import PASSWORD, log_in

pytestmark = pytest.mark.django_db


def fail(client, username="coordinator", times=5, **extra):
    for _ in range(times):
        response = log_in(client, username, "wrong", **extra)
        assert response.status_code in (200, 429)
    return response


def test_five_wrong_passwords_lock_out_even_the_right_one(client, make_staff):
    make_staff("coordinator")
    assert fail(client, times=4).status_code == 200  # the form again, with its error
    locked = fail(client, times=1)
    assert locked.status_code == 429
    response = log_in(client, "coordinator")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/editions/").url.startswith("/login/")


def test_the_lockout_page_says_in_dutch_when_to_try_again(client, make_staff):
    make_staff("coordinator")
    fail(client)
    response = log_in(client, "coordinator")
    page = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Te veel pogingen</h1>" in page
    assert "Probeer het opnieuw over 15 minuten." in page
    assert "Je kan opnieuw aanmelden vanaf" in page
    assert response["Retry-After"] == str(15 * 60)
    assert response["Content-Security-Policy"]


def test_the_lockout_ends_after_the_cool_off(client, make_staff):
    make_staff("coordinator")
    fail(client)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    response = log_in(client, "coordinator")
    assert response.status_code == 302
    assert client.get("/editions/").status_code == 200


def test_tries_during_the_lockout_do_not_extend_it(client, make_staff):
    make_staff("coordinator")
    fail(client)
    first = AccessAttempt.objects.get().attempt_time
    fail(client, times=3)
    assert AccessAttempt.objects.get().attempt_time == first


def test_the_limit_and_the_cool_off_are_settings(client, make_staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=3)
    make_staff("coordinator")
    response = fail(client, times=2)
    assert response.status_code == 429
    assert "over 3 minuten" in response.content.decode()


def test_another_address_still_logs_in(client, make_staff):
    """Per account and address: a colleague (or the owner elsewhere) is not locked out."""
    make_staff("coordinator")
    fail(client, REMOTE_ADDR="198.51.100.7")
    assert log_in(client, "coordinator", REMOTE_ADDR="198.51.100.7").status_code == 429
    assert log_in(client, "coordinator", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lockout(client, make_staff):
    make_staff("coordinator")
    for i in range(5):
        log_in(client, "coordinator", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = log_in(client, "coordinator", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_client_is_counted_apart(client, make_staff, settings):
    settings.ONTMOETING_TRUSTED_PROXIES = ["10.0.0.0/8"]
    make_staff("coordinator")
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    fail(client, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy)
    assert (
        log_in(client, "coordinator", HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy).status_code
        == 429
    )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    other = log_in(client, "coordinator", HTTP_X_FORWARDED_FOR="203.0.113.9", **via_proxy)
    assert other.status_code == 302


def test_the_django_admin_has_no_login_of_its_own(client, make_staff):
    """The admin login sends to the staff login, so the same lockout (and code) apply."""
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url == "/login/?next=/admin/"
    response = client.post("/admin/login/", {"username": "admin", "password": "x"})
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("198.51.100.7", "", [], "198.51.100.7"),
        ("198.51.100.7", "1.2.3.4", [], "198.51.100.7"),  # no proxy trusted: header ignored
        ("10.0.0.2", "1.2.3.4", ["10.0.0.0/8"], "1.2.3.4"),
        ("10.0.0.2", "6.6.6.6, 1.2.3.4", ["10.0.0.0/8"], "1.2.3.4"),  # forged left part
        ("10.0.0.2", "1.2.3.4, 10.0.0.3", ["10.0.0.0/8"], "1.2.3.4"),  # two proxies
        ("10.0.0.2", "junk, 1.2.3.4", ["10.0.0.0/8"], "1.2.3.4"),
        ("10.0.0.2", "1.2.3.4, junk", ["10.0.0.0/8"], "10.0.0.2"),
        ("10.0.0.2", "", ["10.0.0.0/8"], "10.0.0.2"),
        ("198.51.100.7", "1.2.3.4", ["10.0.0.0/8"], "198.51.100.7"),  # not from the proxy
    ],
)
def test_client_address(rf, settings, remote, forwarded, trusted, expected):
    settings.ONTMOETING_TRUSTED_PROXIES = trusted
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_a_failed_attempt_is_kept_without_the_password_typed(client, make_staff):
    """A wrong password is often nearly the right one: it is never stored."""
    make_staff("coordinator")
    log_in(client, "coordinator", "correct horse battery stapel")
    attempt = AccessAttempt.objects.get()
    assert "stapel" not in attempt.post_data
    assert attempt.username == "coordinator"


def test_a_login_without_a_request_is_left_to_the_password_check(make_staff):
    """Scripts and Django's test client have no client address to count."""
    from django.contrib.auth import authenticate

    user = make_staff("coordinator")
    assert authenticate(None, username="coordinator", password=PASSWORD) == user
    assert authenticate(None, username="coordinator", password="wrong") is None
