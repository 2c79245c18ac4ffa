"""An experience worker fills the practice survey on a phone through their personal link (roles
as yes/no rows, touch), and a researcher sees the answer counted in the report; axe on each page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ontmoeting.surveys import practice
from ontmoeting.surveys.codes import invite_token
from tests.factories import ExpertProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
CSV = (
    "respondent,role_critical_voice,role_bridge_figure,role_signal_function,role_support,"
    "role_lifeworld,role_accessibility,role_policy_influence,role_public_image,"
    "role_no_specific_role,status,training\n"
    "EW26-001,1,0,0,1,0,0,0,0,0,volunteer,none\n"
    "EW26-002,0,1,0,1,0,0,0,0,0,paid_employee,experience_work\n"
)


def _round():
    now = timezone.now()
    wave = practice.create_round(
        title="Ervaringswerkers 2026",
        opens=now - dt.timedelta(days=1),
        closes=now + dt.timedelta(days=30),
        actor="t",
        status="open",
    )
    practice.import_responses(wave=wave, text=CSV, actor="t")
    profile = ExpertProfileFactory(roles=[], statuses=[], training="none")
    invite = practice.invite_person(wave=wave, person=profile.person, actor="t")
    return wave, profile, invite_token(wave.pk, invite.study_code.code)


def test_experience_worker_answers_on_a_phone_and_the_researcher_sees_it_counted(
    live_server, browser, page, axe, login, make_staff
):
    wave, profile, token = _round()
    context = browser.new_context(locale="nl-BE", viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    url = f"{live_server.url}/research/practice/s/{token}/"
    phone.goto(url)
    assert phone.locator("html").get_attribute("lang") == "nl"
    axe(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # A yes or a no for every role row (the first option is "ja"), by touch.
    for role in ("critical_voice", "policy_influence"):
        phone.tap(f"label[for=id-role_{role}-1]")
    for role in ("bridge_figure", "signal_function", "support", "lifeworld", "accessibility"):
        phone.tap(f"label[for=id-role_{role}-2]")
    phone.tap("label[for=id-role_public_image-2]")
    phone.tap("label[for=id-role_no_specific_role-2]")
    phone.tap("label[for=id-status-1]")  # vrijwilliger
    phone.tap("label[for=id-status-2]")  # and paid employee
    phone.tap("label[for=id-training-2]")  # opleiding ervaringswerk
    phone.tap("label[for=id-equal_position-4]")
    phone.fill("#id-item-open_support", "Intervisie met andere ervaringswerkers.")
    phone.tap("label[for=id-profile_consent-1]")  # ja
    phone.tap("[data-testid=submit]")
    phone.wait_for_selector("[data-testid=thanks]")
    axe(phone)
    context.close()
    profile.refresh_from_db()
    assert profile.roles == ["critical_voice", "policy_influence"]
    assert profile.statuses == ["volunteer", "paid_employee"]

    login(make_staff("researcher"))
    page.goto(f"{live_server.url}/research/practice/")
    page.click(f"a[href='/research/practice/{wave.pk}/']")
    page.wait_for_selector("[data-testid=sample-n]")
    axe(page)
    assert page.get_attribute("[data-testid=sample-n]", "data-n") == "3"
    row = page.locator("[data-testid=row-roles-critical_voice]")
    assert (row.get_attribute("data-k"), row.get_attribute("data-n")) == ("2", "3")
    assert row.get_attribute("data-percent") == "66.7"
    assert "2/3" in row.inner_text()
    assert "66,7 %" in row.inner_text()  # Dutch decimal comma
    status = page.locator("[data-testid='row-status-volunteer+paid_employee']")
    assert status.get_attribute("data-k") == "1"
    assert page.locator("svg.bar-chart").count() >= 3
    page.click("[data-testid=coding-link]")
    assert "Intervisie met andere ervaringswerkers." in page.inner_text("main")
    axe(page)
