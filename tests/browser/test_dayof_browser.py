"""A helper at the check-in desk on a phone, in Dutch: search, one tap, undo, the board."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_helper_checks_someone_in_on_a_phone_and_the_board_follows(
    live_server, page, make_staff, axe
):
    from ontmoeting.editions.enums import EditionStatus, ParticipantRole, ParticipantStatus

    helper = make_staff("helper")
    edition = EditionFactory(year=2026, status=EditionStatus.PUBLISHED)
    lotte = ParticipantFactory(
        edition=edition,
        person=PersonFactory(first_name="Lotte", last_name="Mertens"),
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.CONFIRMED,
        ref="E001",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/login/", timeout=60_000)
    page.fill("#id_username", helper.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/day/$"))
    axe(page)

    page.click(f"[data-testid=board-{edition.year}]")
    expect(page.get_by_test_id("call-expert")).to_contain_text("1 ervaringsdeskundige ontbreekt")
    axe(page)

    page.goto(f"{live_server.url}/day/{edition.pk}/desk/")
    page.fill("[data-testid=desk-q]", "mertens")
    expect(page.get_by_test_id("arrive-E001")).to_be_visible()  # the search answers as one types
    axe(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # the desk fits the phone: no sideways scrolling
    box = page.get_by_test_id("arrive-E001").bounding_box()
    assert box is not None
    assert box["height"] >= 44  # a large touch target
    page.get_by_test_id("arrive-E001").click()
    expect(page.locator(".desk-messages")).to_contain_text("Lotte Mertens is aanwezig.")
    lotte.refresh_from_db()
    assert lotte.status == ParticipantStatus.PRESENT

    page.get_by_test_id("undo-E001").click()
    expect(page.locator(".desk-messages")).to_contain_text("Ongedaan gemaakt voor Lotte Mertens.")
    page.get_by_test_id("arrive-E001").click()
    expect(page.locator(".desk-messages")).to_contain_text("Lotte Mertens is aanwezig.")
    page.goto(f"{live_server.url}/day/{edition.pk}/board/")
    expect(page.get_by_test_id("board-counts")).to_contain_text("1")
    assert page.get_by_test_id("call-expert").count() == 0


def test_the_coordinator_repairs_after_two_no_shows_and_prints_only_the_changed_sheets(
    live_server, page, make_staff, login, axe
):
    """At 10:05 two experts have not come: tick them on the board, read the proposed changes,
    accept, and print the desk slip and the group sheets that changed."""
    from ontmoeting.editions.models import DEFAULT_PROGRAMME, ProgrammeBlock
    from ontmoeting.planning.publish import publish_plan
    from ontmoeting.planning.services import plan_edition
    from tests.documents.builders import pdf_text
    from tests.web.plans_factories import plannable_edition

    edition, _students, _experts = plannable_edition(n_pairs=12, chairs=3)
    ProgrammeBlock.objects.bulk_create(
        ProgrammeBlock(edition=edition, kind=kind, starts=starts, ends=ends)
        for kind, starts, ends in DEFAULT_PROGRAMME
    )
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    publish_plan(plan, actor="test")
    chairs = set(plan.groups.values_list("chair", flat=True))
    no_shows = [p.expert for p in plan.pairs.order_by("pk") if p.expert_id not in chairs][:2]
    login(make_staff("coordinator"))

    page.goto(f"{live_server.url}/day/{edition.pk}/board/")
    for expert in no_shows:
        page.get_by_test_id(f"absent-{expert.ref}").check()
    page.get_by_test_id("propose-repair").click()
    changes = page.get_by_test_id("repair-changes")
    expect(changes).to_contain_text("praat nu met")
    axe(page)
    page.get_by_test_id("apply-repair").click()
    page.wait_for_url(re.compile(r"/reprint/$"))
    expect(page.locator(".desk-messages")).to_contain_text("Versie 2 is gepubliceerd")
    expect(page.get_by_test_id("reprint-slip")).to_contain_text("van wie de dag veranderde")
    axe(page)

    with page.expect_download() as slip:
        page.get_by_test_id("slip-pdf").click()
    slip_text = "\n".join(pdf_text(Path(slip.value.path()).read_bytes()))
    assert "Wijzigingen voor de onthaalbalie" in slip_text
    with page.expect_download() as sheets:
        page.get_by_test_id("sheets-pdf").click()
    pages = pdf_text(Path(sheets.value.path()).read_bytes())
    repaired = edition.plans.get(version=2)

    def members(version):
        return {
            g.number: {m.participant_id for m in g.memberships.all()} | {g.chair_id, g.room_id}
            for g in version.groups.prefetch_related("memberships")
        }

    before, after = members(plan), members(repaired)
    changed = [n for n in after if before.get(n) != after[n]]
    assert len(pages) == len(changed) >= 1  # only the changed groups come out again
    for expert in no_shows:
        assert expert.person.first_name not in "\n".join(pages)
