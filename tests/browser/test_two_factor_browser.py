"""An admin sets up two-step login in a real browser, then signs in with password and code."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def code_from(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key on the page (a code works once, so a second
    sign-in within the same 30 s takes the next period's code, which the server accepts)."""
    key = secret.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(key), drift=steps_ahead):06d}"


def test_an_admin_sets_up_the_app_and_signs_in_with_a_code(
    live_server, page, login, make_staff, axe
):
    admin = make_staff("admin")
    login(admin)
    # 1. Signed in with the password only: the admin is sent to set up the second step.
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Aanmelden in twee stappen instellen"
    )
    assert page.locator(".qr svg").is_visible()
    axe(page)
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Je wachtwoord").fill("correct horse battery staple")
    page.get_by_label("Code uit de app").fill(code_from(secret))
    page.get_by_role("button", name="Aanmelden in twee stappen aanzetten").click()

    # 2. Ten recovery codes, shown once.
    assert page.get_by_role("heading", level=1).inner_text() == "Je herstelcodes"
    assert page.locator(".recovery-codes code").count() == 10
    axe(page)
    page.get_by_role("link", name="Personeelsaccounts").click()
    assert page.get_by_role("heading", level=1).is_visible()
    page.get_by_role("button", name="Afmelden").click()

    # 3. The next sign-in asks for the code after the password.
    login(admin)
    assert page.get_by_role("heading", level=1).inner_text() == "Tweede stap: je code"
    axe(page)
    page.get_by_label("Code").fill(code_from(secret, steps_ahead=1))
    page.get_by_role("button", name="Bevestigen").click()
    page.goto(f"{live_server.url}/staff/")
    assert page.get_by_role("heading", level=1).inner_text() == "Personeelsaccounts"


def test_a_locked_out_login_shows_an_accessible_dutch_page(live_server, page, make_staff, axe):
    make_staff("coordinator")
    for _ in range(5):
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "coordinator")
        page.fill("#id_password", "wrong")
        page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Te veel pogingen"
    assert "Probeer het opnieuw over 15 minuten." in page.get_by_role("alert").inner_text()
    axe(page)
