"""No student wording on a co-creation meeting: every page its nav reaches, and the encounter
day's own pages (plans, survey waves, check-in desk, debriefing) either adapted or closed."""

from __future__ import annotations

import re

import pytest

from ontmoeting.documents.checkin import checkin_token
from ontmoeting.editions.models import Participant
from ontmoeting.surveys.defaults import STUDENT_SLUG
from tests.factories import EditionFactory
from tests.web import test_cocreation_pages as pages

pytestmark = pytest.mark.django_db

#: The co-creation pages' word list and fixtures (the meeting of the Dutch roster), shared.
STUDENT_WORDS = pages.STUDENT_WORDS
media = pages.media
coordinator = pages.coordinator
meeting = pages.meeting

NAV = re.compile(r'<nav class="edition-nav".*?</nav>', re.DOTALL)
HREF = re.compile(r'href="([^"]+)"')


def _student_words(html: str) -> list[str]:
    return [html[max(0, m.start() - 60) : m.end() + 60] for m in STUDENT_WORDS.finditer(html)]


def _nav_links(html: str) -> list[str]:
    nav = NAV.search(html)
    assert nav is not None
    return HREF.findall(nav.group(0))


def test_every_page_in_the_nav_of_a_co_creation_meeting_has_no_student_word(coordinator, meeting):
    links = _nav_links(coordinator.get(f"/editions/{meeting.pk}/").content.decode())
    assert f"/editions/{meeting.pk}/tables/" in links
    assert f"/editions/{meeting.pk}/plans/" not in links
    assert f"/day/{meeting.pk}/debriefing/" not in links
    for url in links:
        response = coordinator.get(url, follow=True)
        assert response.status_code == 200, url
        assert _student_words(response.content.decode()) == [], url


def test_nav_of_an_encounter_day_keeps_plans_and_debriefing(coordinator):
    day = EditionFactory(year=2026)
    links = _nav_links(coordinator.get(f"/editions/{day.pk}/").content.decode())
    assert f"/editions/{day.pk}/plans/" in links
    assert f"/day/{day.pk}/debriefing/" in links
    assert f"/editions/{day.pk}/tables/" not in links


def test_plans_page_of_a_co_creation_meeting_leads_to_its_tables(coordinator, meeting):
    response = coordinator.get(f"/editions/{meeting.pk}/plans/")
    assert response.status_code == 302
    assert response["Location"] == f"/editions/{meeting.pk}/tables/"
    # The encounter-day planner's other pages are closed for it.
    assert coordinator.get(f"/editions/{meeting.pk}/plans/preview/").status_code == 404
    assert coordinator.post(f"/editions/{meeting.pk}/plans/make/").status_code == 404


def test_debriefing_pages_are_for_encounter_days_only(coordinator, meeting):
    assert coordinator.get(f"/day/{meeting.pk}/debriefing/").status_code == 404
    assert coordinator.get(f"/day/{meeting.pk}/debriefing/new/").status_code == 404


def test_survey_waves_of_a_co_creation_meeting_offer_no_student_instrument(coordinator, meeting):
    response = coordinator.get(f"/research/editions/{meeting.pk}/waves/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _student_words(html) == []
    form = response.context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["expert_feedback"]
    slugs = set(form.fields["instrument"].queryset.values_list("slug", flat=True))
    assert STUDENT_SLUG not in slugs
    assert slugs  # the experts' feedback instrument is still offered


def test_a_co_creation_meeting_cannot_get_a_students_wave(coordinator, meeting):
    response = coordinator.post(
        f"/research/editions/{meeting.pk}/waves/",
        {"kind": "pre", "opens": "2026-11-20T09:00", "closes": "2026-11-30T09:00"},
    )
    assert response.status_code == 200  # the form again, with an error
    assert not meeting.waves.exists()


def test_desk_checks_in_a_professional_by_badge_without_student_wording(coordinator, meeting):
    professional = Participant.objects.get(edition=meeting, ref="P04")
    desk = f"/day/{meeting.pk}/desk/"
    found = coordinator.get(desk, {"q": checkin_token(professional)})
    html = found.content.decode()
    assert 'data-testid="desk-P04"' in html
    assert re.findall(r'data-participant="(\d+)"', html) == [str(professional.pk)]
    assert _student_words(html) == []
    tapped = coordinator.post(
        f"/day/{meeting.pk}/desk/tap/",
        {"participant": professional.pk, "kind": "arrive", "key": "k1"},
        follow=True,
    )
    assert tapped.status_code == 200
    assert _student_words(tapped.content.decode()) == []
    professional.refresh_from_db()
    assert professional.attendance.arrived is not None
    expert = Participant.objects.get(edition=meeting, ref="E01")
    by_ref = coordinator.get(desk, {"q": "E01"}).content.decode()
    assert f'data-participant="{expert.pk}"' in by_ref
    assert _student_words(by_ref) == []
