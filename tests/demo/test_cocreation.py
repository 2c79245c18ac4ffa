"""The demo's co-creation meeting: built through the roster import, everyone confirmed."""

from __future__ import annotations

from collections import Counter

import pytest

from ontmoeting.demo.cocreation import build_cocreation_edition
from ontmoeting.editions.enums import BlockKind, EditionStatus, Format, ParticipantStatus
from ontmoeting.editions.models import KnowsLink
from ontmoeting.people.models import ProfessionalProfile
from ontmoeting.privacy.models import AuditEntry
from tests.factories import VenueFactory

pytestmark = pytest.mark.django_db

CONTACT = {"contact_name": "Lien", "contact_phone": "09 243 87 35", "contact_email": ""}


@pytest.fixture
def meeting():
    return build_cocreation_edition(
        year=2026, venue=VenueFactory(), seed=7, actor="demo", contact=CONTACT
    )


def test_demo_meeting_has_ten_experts_and_eight_professionals_per_sector(meeting):
    assert (meeting.format, meeting.status) == (Format.CO_CREATION, EditionStatus.RECRUITING)
    assert meeting.title == "Cocreatiemoment 2026"
    roles = Counter(meeting.participants.values_list("role", flat=True))
    assert roles == {"expert": 10, "professional": 24}
    assert set(meeting.participants.values_list("status", flat=True)) == {
        ParticipantStatus.CONFIRMED
    }
    profiles = ProfessionalProfile.objects.filter(person__participations__edition=meeting)
    sectors = Counter(profiles.values_list("sector__code", flat=True))
    assert sectors == {"ggz": 8, "verslavingszorg": 8, "jeugdhulp": 8}
    organisations = Counter(profiles.values_list("organisation", flat=True))
    assert organisations["CGG Eclips"] == organisations["De Sleutel"] == 3
    assert len(organisations) == 12
    chairs = meeting.participants.filter(role="expert", person__expert_profile__can_chair=True)
    assert chairs.count() >= 6
    assert KnowsLink.objects.filter(edition=meeting).count() == 4
    targets = dict(meeting.sector_targets.values_list("sector__code", "professionals"))
    assert targets == {"ggz": 8, "verslavingszorg": 8, "jeugdhulp": 8}
    kinds = list(meeting.blocks.order_by("starts").values_list("kind", flat=True))
    assert kinds == [BlockKind.WELCOME, BlockKind.TABLES, BlockKind.HARVEST, BlockKind.CLOSING]


def test_demo_meeting_came_through_the_roster_import(meeting):
    imports = AuditEntry.objects.filter(action="roster.import", object_id=str(meeting.pk))
    assert sorted(e.data["kind"] for e in imports) == ["experts", "professionals"]
    assert sorted(e.data["created"] for e in imports) == [10, 24]
