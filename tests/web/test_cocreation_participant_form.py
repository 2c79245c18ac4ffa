"""Adding and editing a professional by hand on a co-creation meeting: sector, organisation,
function and willingness to co-facilitate are saved in their professional profile."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import Format, ParticipantRole
from ontmoeting.editions.models import Participant
from ontmoeting.people.models import ProfessionalProfile
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


@pytest.fixture
def meeting():
    return EditionFactory(year=2026, format=Format.CO_CREATION)


def _professional(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Hanne",
        "last_name": "Vermeulen",
        "email": "hanne.vermeulen@cgg-eclips.example",
        "role": ParticipantRole.PROFESSIONAL,
        "status": "invited",
        "language": "nl",
        "sector": "ggz",
        "organisation": "CGG Eclips",
        "function": "policy_officer",
        "can_co_facilitate": "on",
    }
    data.update(changes)
    return data


def test_adding_a_professional_saves_their_profile(coordinator, meeting):
    response = coordinator.post(f"/editions/{meeting.pk}/participants/new/", _professional())
    assert response.status_code == 302
    participant = Participant.objects.get(edition=meeting)
    profile = ProfessionalProfile.objects.get(person=participant.person)
    assert (profile.sector.code, profile.organisation, profile.function) == (
        "ggz",
        "CGG Eclips",
        "policy_officer",
    )
    assert profile.can_co_facilitate is True
    assert AuditEntry.objects.filter(action="participant.add").count() == 1


def test_a_professional_added_by_hand_counts_under_their_sector(coordinator, meeting):
    coordinator.post(f"/editions/{meeting.pk}/participants/new/", _professional())
    page = coordinator.get(f"/editions/{meeting.pk}/").content.decode()
    assert 'data-testid="sector-ggz-professionals">1<' in page
    assert 'data-sector=""' not in page  # no "no sector given" row
    assert 'data-testid="count-co-facilitators">1<' in page


def test_a_professional_without_a_sector_is_refused(coordinator, meeting):
    response = coordinator.post(
        f"/editions/{meeting.pk}/participants/new/", _professional(sector="")
    )
    assert response.status_code == 200
    assert "sector" in response.context["form"].errors
    assert not Participant.objects.exists()


def test_an_expert_needs_no_sector(coordinator, meeting):
    response = coordinator.post(
        f"/editions/{meeting.pk}/participants/new/",
        _professional(role=ParticipantRole.EXPERT, sector="", email="an@example.org"),
    )
    assert response.status_code == 302
    assert not ProfessionalProfile.objects.exists()


def test_editing_a_professional_changes_their_profile_and_audits_the_fields(coordinator, meeting):
    coordinator.post(f"/editions/{meeting.pk}/participants/new/", _professional())
    participant = Participant.objects.get(edition=meeting)
    url = f"/editions/{meeting.pk}/participants/{participant.pk}/edit/"
    form = coordinator.get(url).context["form"]
    assert form.initial["sector"] == "ggz"
    assert form.initial["can_co_facilitate"] is True
    edit = _professional(sector="jeugdhulp", organisation="VZW Oranjehuis")
    del edit["role"], edit["can_co_facilitate"]
    assert coordinator.post(url, edit).status_code == 302
    profile = ProfessionalProfile.objects.get(person=participant.person)
    assert (profile.sector.code, profile.organisation, profile.can_co_facilitate) == (
        "jeugdhulp",
        "VZW Oranjehuis",
        False,
    )
    change = AuditEntry.objects.get(action="participant.change")
    assert change.data["fields"] == ["can_co_facilitate", "organisation", "sector"]
    # The same again changes nothing and writes no second entry.
    coordinator.post(url, edit)
    assert AuditEntry.objects.filter(action="participant.change").count() == 1


def test_an_encounter_days_form_has_no_professional_fields(coordinator):
    day = EditionFactory(year=2026)
    form = coordinator.get(f"/editions/{day.pk}/participants/new/").context["form"]
    assert not {"sector", "organisation", "function", "can_co_facilitate"} & set(form.fields)
