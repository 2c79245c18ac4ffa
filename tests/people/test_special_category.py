"""Special-category data (domains of experience, memberships) is shown and used only with a
recorded special-category consent; domains given without it are held as pending."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.people.services import set_domains
from ontmoeting.planning.inputs import edition_inputs
from ontmoeting.privacy.consent import withdraw_consent
from ontmoeting.privacy.models import AuditEntry
from tests.factories import (
    EditionFactory,
    ExperienceDomainFactory,
    ParticipantFactory,
    consent_special,
)
from tests.web.w1_helpers import expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


@pytest.fixture
def edition():
    return EditionFactory(year=2026)


def _expert_with_domain(edition, *, ref="E1", consent=False):
    participant = expert(edition, ref=ref, name="Marc Peeters")
    participant.person.expert_profile.domains.add(
        ExperienceDomainFactory(code="verslaving", name_nl="Verslaving")
    )
    if consent:
        consent_special(participant.person)
    return participant


def _detail(client, participant):
    url = f"/editions/{participant.edition_id}/participants/{participant.pk}/"
    return client.get(url).content.decode()


def test_the_person_page_hides_domains_and_groups_without_special_consent(coordinator, edition):
    participant = _expert_with_domain(edition)

    group = participant.person.expert_profile.memberships.get().group.name
    page = _detail(coordinator, participant)

    assert "Verslaving" not in page
    assert group not in page
    assert 'data-testid="special-hidden"' in page


def test_the_person_page_shows_domains_and_groups_with_special_consent(coordinator, edition):
    participant = _expert_with_domain(edition, consent=True)

    group = participant.person.expert_profile.memberships.get().group.name
    page = _detail(coordinator, participant)

    assert "Verslaving" in page
    assert group in page


def test_the_domain_filter_finds_no_expert_without_special_consent(coordinator, edition):
    _expert_with_domain(edition, ref="E1")
    _expert_with_domain(edition, ref="E2", consent=True)
    url = f"/editions/{edition.pk}/participants/"

    page = coordinator.get(url, {"domain": "verslaving"})

    assert [p.ref for p in page.context["page"]] == ["E2"]


def test_the_edit_form_has_no_domains_field_without_special_consent(coordinator, edition):
    participant = _expert_with_domain(edition)
    url = f"/editions/{edition.pk}/participants/{participant.pk}/edit/"

    form = coordinator.get(url).context["form"]

    assert "domains" not in form.fields
    assert "domains" not in form.initial


def test_the_planning_input_uses_domains_only_with_special_consent(edition):
    _expert_with_domain(edition, ref="E1")
    _expert_with_domain(edition, ref="E2", consent=True)
    ParticipantFactory(edition=edition, role=ParticipantRole.STUDENT, ref="S1")

    experts = {e.ref: e.domains for e in edition_inputs(edition).experts}

    assert sorted(experts.values(), key=len) == [frozenset(), frozenset({"verslaving"})]


def test_domains_without_consent_are_held_until_the_person_consents(edition):
    profile = expert(edition, ref="E1", name="Lies Maes").person.expert_profile
    domain = ExperienceDomainFactory(code="armoede")

    assert set_domains(profile, [domain]) is False
    assert (list(profile.domains.all()), list(profile.pending_domains.all())) == ([], [domain])

    consent_special(profile.person)

    assert (list(profile.domains.all()), list(profile.pending_domains.all())) == ([domain], [])
    entry = AuditEntry.objects.get(action="consent.give")
    assert entry.data["domains_activated"] == 1


def test_withdrawing_the_consent_also_deletes_pending_domains(edition):
    profile = expert(edition, ref="E1", name="Lies Maes").person.expert_profile
    set_domains(profile, [ExperienceDomainFactory(code="armoede")])

    withdraw_consent(profile.person, kind="special_category", actor="test")

    assert list(profile.pending_domains.all()) == []
