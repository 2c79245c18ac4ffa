"""The desk and the board as a day helper uses them: search, one tap, undo; nothing more."""

from __future__ import annotations

import pytest

from ontmoeting.dayof.models import DeskAction
from ontmoeting.documents.checkin import checkin_token
from ontmoeting.editions.enums import EditionStatus, ParticipantRole, ParticipantStatus
from tests.factories import (
    EditionFactory,
    ExperienceDomainFactory,
    ExpertProfileFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(year=2026, status=EditionStatus.PUBLISHED)


@pytest.fixture
def lotte(edition):
    person = PersonFactory(
        first_name="Lotte", last_name="Mertens", email="lotte@example.org", phone="0477123456"
    )
    ExpertProfileFactory(person=person)
    return ParticipantFactory(
        edition=edition, person=person, role=ParticipantRole.EXPERT, ref="E001"
    )


@pytest.fixture
def helper(client, make_staff):
    client.force_login(make_staff("helper"))
    return client


def test_a_helper_lands_on_the_day_and_sees_the_editions_desk(helper, edition):
    response = helper.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/day/"
    assert f'href="/day/{edition.pk}/desk/"' in response.content.decode()


def test_a_helper_finds_by_name_ref_or_badge_and_checks_in_with_one_tap(helper, edition, lotte):
    for query in ("Lotte", "e001", checkin_token(lotte)):
        page = helper.get(f"/day/{edition.pk}/desk/", {"q": query}).content.decode()
        assert 'data-testid="arrive-E001"' in page, query
    page = helper.get(f"/day/{edition.pk}/desk/", {"q": "lotte"}).content.decode()
    assert "lotte@example.org" not in page
    assert "0477123456" not in page
    response = helper.post(
        f"/day/{edition.pk}/desk/tap/",
        {"participant": lotte.pk, "kind": "arrive", "key": "abc", "q": "lotte"},
        follow=True,
    )
    assert "Lotte Mertens is aanwezig." in response.content.decode()
    assert 'data-testid="leave-E001"' in response.content.decode()
    lotte.refresh_from_db()
    assert lotte.status == ParticipantStatus.PRESENT
    # The same form sent again (a double tap) records nothing more.
    helper.post(
        f"/day/{edition.pk}/desk/tap/", {"participant": lotte.pk, "kind": "arrive", "key": "abc"}
    )
    assert DeskAction.objects.count() == 1
    helper.post(f"/day/{edition.pk}/desk/tap/", {"participant": lotte.pk, "kind": "undo"})
    lotte.refresh_from_db()
    assert lotte.status == ParticipantStatus.CONFIRMED


def test_the_desk_search_answers_htmx_with_the_results_only(helper, edition, lotte):
    response = helper.get(f"/day/{edition.pk}/desk/", {"q": "Mertens"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.startswith('<div id="desk-results"')
    assert "Lotte Mertens" in html


def test_the_board_calls_to_act_on_who_is_missing(helper, edition, lotte):
    html = helper.get(f"/day/{edition.pk}/board/").content.decode()
    assert 'data-testid="call-expert"' in html
    assert "1 ervaringsdeskundige ontbreekt om" in html


def test_a_helper_sees_no_domains_and_no_other_page(helper, edition, lotte):
    domain = ExperienceDomainFactory(code="gambling", name_nl="Gokken", name_en="Gambling")
    lotte.person.expert_profile.domains.add(domain)
    for url in (f"/day/{edition.pk}/desk/?q=Lotte", f"/day/{edition.pk}/board/"):
        assert "Gokken" not in helper.get(url).content.decode()
    for url in (
        "/editions/",
        f"/editions/{edition.pk}/",
        f"/editions/{edition.pk}/participants/",
        f"/editions/{edition.pk}/participants/{lotte.pk}/",
    ):
        assert helper.get(url).status_code == 403, url


def test_a_researcher_cannot_open_the_desk(client, make_staff, edition, lotte):
    client.force_login(make_staff("researcher"))
    assert client.get(f"/day/{edition.pk}/desk/").status_code == 403
    response = client.post(
        f"/day/{edition.pk}/desk/tap/", {"participant": lotte.pk, "kind": "arrive"}
    )
    assert response.status_code == 403
    assert not DeskAction.objects.exists()


def test_the_lunch_page_and_pdf_are_for_coordinators(client, make_staff, edition, lotte):
    lotte.diet = "vegetarisch"
    lotte.save()
    client.force_login(make_staff("helper"))
    assert client.get(f"/day/{edition.pk}/lunch/").status_code == 403
    client.logout()
    client.force_login(make_staff("coordinator"))
    html = client.get(f"/day/{edition.pk}/lunch/").content.decode()
    assert "1 maaltijd in totaal" in html
    assert "Vegetarisch" in html
    response = client.get(f"/day/{edition.pk}/lunch.pdf?source=present")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
