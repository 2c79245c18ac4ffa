"""The merge page: a coordinator finds two records of one person, compares them (never their
domains of experience) and merges them; nobody else gets in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ontmoeting.people.models import ExpertProfile, Person
from ontmoeting.privacy.models import AuditEntry, Consent
from tests.factories import (
    EditionFactory,
    ExperienceDomainFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
    SelfHelpGroupFactory,
    consent_special,
)

pytestmark = pytest.mark.django_db

URL = "/staff/people/merge/"


@pytest.fixture
def twice():
    """Marc as an expert in 2025, and again in 2026 without his e-mail; both have a profile
    with a domain of experience, and he consented to special-category data."""
    keep = PersonFactory(first_name="Marc", last_name="Peeters", email="marc@example.org")
    drop = PersonFactory(first_name="Marc", last_name="Peeters", email="", phone="0470 11 22 33")
    ParticipantFactory(edition=EditionFactory(year=2025), person=keep, role="expert", ref="E7")
    ParticipantFactory(edition=EditionFactory(year=2026), person=drop, role="expert", ref="E14")
    for person, code in ((keep, "verslaving"), (drop, "rouw")):
        consent_special(person)
        profile = ExpertProfileFactory(person=person)
        profile.domains.add(ExperienceDomainFactory(code=code, name_nl=f"Domein-{code}"))
    MembershipFactory(
        expert=ExpertProfile.objects.get(person=drop), group=SelfHelpGroupFactory(name="Similes")
    )
    return keep, drop


@pytest.fixture
def coordinator(client, make_staff):
    user = make_staff("coordinator")
    client.force_login(user)
    return user


def test_a_coordinator_finds_both_records_by_name(client, coordinator, twice):
    keep, drop = twice
    PersonFactory(first_name="Anna", last_name="Smet")

    page = client.get(URL, {"q": "peeters"})

    assert page.status_code == 200
    found = [p.pk for p in page.context["found"]]
    assert found == sorted([keep.pk, drop.pk])
    assert "Smet" not in page.content.decode()
    entry = AuditEntry.objects.get(action="person.merge_view")
    assert (entry.actor, entry.data["query"]) == (coordinator, "peeters")


def test_the_search_also_finds_a_phone_number(client, coordinator, twice):
    _keep, drop = twice

    page = client.get(URL, {"q": "0470 11"})

    assert [p.pk for p in page.context["found"]] == [drop.pk]


def test_the_page_compares_both_with_editions_and_groups_but_never_domains(
    client, coordinator, twice
):
    keep, drop = twice

    page = client.get(URL, {"keep": keep.pk, "drop": drop.pk})

    html = page.content.decode()
    assert "marc@example.org" in html
    assert "0470 11 22 33" in html
    assert "2025 · E7" in html
    assert "2026 · E14" in html
    assert "Similes" in html
    assert "Domein-" not in html
    assert "verslaving" not in html
    assert 'id="merge-form"' in html


def test_without_special_consent_the_groups_are_hidden_too(client, coordinator, twice):
    keep, drop = twice
    Consent.objects.filter(person=drop).delete()

    html = client.get(URL, {"keep": keep.pk, "drop": drop.pk}).content.decode()

    assert "Similes" not in html


def test_a_coordinator_merges_and_is_told_so(client, coordinator, twice):
    keep, drop = twice

    response = client.post(URL, {"keep": keep.pk, "drop": drop.pk, "confirm": "on"}, follow=True)

    assert response.redirect_chain[-1][0] == f"{URL}?keep={keep.pk}"
    assert not Person.objects.filter(pk=drop.pk).exists()
    assert sorted(keep.participations.values_list("ref", flat=True)) == ["E14", "E7"]
    assert f"#{drop.pk}" in response.content.decode()
    entry = AuditEntry.objects.get(action="person.merge")
    assert (entry.actor, entry.data["dropped"]) == (coordinator, drop.pk)


def test_without_the_confirmation_nothing_is_merged(client, coordinator, twice):
    keep, drop = twice

    response = client.post(URL, {"keep": keep.pk, "drop": drop.pk}, follow=True)

    assert response.status_code == 200
    assert Person.objects.filter(pk=drop.pk).exists()


def test_a_clash_is_shown_without_a_merge_button_and_a_post_is_refused(client, coordinator, twice):
    keep, drop = twice
    ParticipantFactory(edition=EditionFactory(year=2026), person=keep, ref="E99")

    page = client.get(URL, {"keep": keep.pk, "drop": drop.pk})
    posted = client.post(URL, {"keep": keep.pk, "drop": drop.pk, "confirm": "on"}, follow=True)

    assert 'id="merge-form"' not in page.content.decode()
    assert "2026" in page.context["preview"].problems[0].message
    assert Person.objects.filter(pk=drop.pk).exists()
    assert [str(m) for m in posted.context["messages"]] == [
        page.context["preview"].problems[0].message
    ]


def test_a_record_gone_meanwhile_is_reported(client, coordinator, twice):
    keep, _drop = twice

    response = client.post(URL, {"keep": keep.pk, "drop": 999999, "confirm": "on"}, follow=True)

    assert response.status_code == 200
    assert Person.objects.filter(pk=keep.pk).exists()


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_other_roles_are_refused(client, make_staff, twice, role):
    keep, drop = twice
    client.force_login(make_staff(role))

    assert client.get(URL, {"q": "peeters"}).status_code == 403
    assert client.post(URL, {"keep": keep.pk, "drop": drop.pk, "confirm": "on"}).status_code == 403
    assert Person.objects.filter(pk=drop.pk).exists()


def test_a_visitor_is_sent_to_the_login(client, twice):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_search_costs_the_same_queries_for_one_or_three_people(client, coordinator):
    def queries_for(n):
        for _ in range(n):
            PersonFactory(last_name="Janssens")
        with CaptureQueriesContext(connection) as captured:
            page = client.get(URL, {"q": "janssens"})
        Person.objects.filter(last_name="Janssens").delete()
        assert len(page.context["found"]) == n
        return len(captured)

    assert queries_for(1) == queries_for(3)
