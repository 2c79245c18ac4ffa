"""Error pages speak the visitor's language, offer a way on and whom to ask, fit a phone, and
never show an internal exception."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

CONTACT = {
    "ONTMOETING_COORDINATOR_EMAIL": "ontmoetingsdag@example.org",
    "ONTMOETING_COORDINATOR_PHONE": "09 264 00 00",
}


@override_settings(**CONTACT)
@pytest.mark.parametrize(
    ("language", "heading", "way_on"),
    [
        ("nl", "Pagina niet gevonden", "Deelnemers: vraag een nieuwe link"),
        ("en", "Page not found", "Participants: ask for a new link"),
        ("it", "Pagina non trovata", "Partecipanti: chiedete un nuovo link"),
    ],
)
def test_an_unknown_address_answers_404_in_the_visitors_language(language, heading, way_on):
    client = Client(headers={"accept-language": language})
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert heading in html
    assert way_on in html
    assert 'name="viewport"' in html
    assert "09 264 00 00" in html
    assert "ontmoetingsdag@example.org" in html


def test_a_role_without_access_gets_the_403_page(client, make_staff):
    client.force_login(make_staff("researcher"))
    response = client.get("/day/")
    assert response.status_code == 403
    assert "U mag deze pagina niet openen" in response.content.decode()


def test_a_form_without_its_token_gets_a_page_that_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in html
    assert "CSRF" not in html


@override_settings(ROOT_URLCONF="tests.web.urls_raising", **CONTACT)
def test_a_crash_shows_the_500_page_without_the_internal_detail():
    client = Client(raise_request_exception=False)
    response = client.get("/crash/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis aan onze kant" in html
    assert "table foo" not in html
    assert "RuntimeError" not in html
    assert "09 264 00 00" in html


def test_an_unreadable_spreadsheet_is_refused_without_the_librarys_words():
    from ontmoeting.privacy.uploads import UnsafeFileError
    from ontmoeting.privacy.xlsx import check_archive

    with pytest.raises(UnsafeFileError) as refused:
        check_archive(b"this is not a spreadsheet at all")
    assert "zip" not in str(refused.value).lower()
    assert "xlsx" in str(refused.value)
