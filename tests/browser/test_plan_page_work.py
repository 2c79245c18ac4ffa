"""A coordinator works in a planned edition's plan page with the keyboard only: searches a
person, opens the change of their row, picks a group and a person by typing, and sees the new
version — in Dutch, in a real browser, with axe-core on the page."""

from __future__ import annotations

import re

import pytest

from ontmoeting.planning.models import Plan, PlannedGroupMember
from ontmoeting.planning.services import plan_edition
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _group_of(plan: Plan) -> dict[str, int]:
    return dict(
        PlannedGroupMember.objects.filter(group__plan=plan).values_list(
            "participant__ref", "group__number"
        )
    )


def _confirm_if_asked(page, axe) -> None:
    """A change that breaks a hard rule asks first; confirm with the keyboard."""
    if page.locator("#confirm-edit").count():
        axe(page)
        page.focus("#confirm-edit")
        with page.expect_navigation():
            page.keyboard.press("Enter")


def test_search_then_move_and_swap_with_the_keyboard_only(
    live_server, page, make_staff, axe, login
):
    edition, students, _experts = plannable_edition(n_pairs=12, chairs=3)
    plan, _ = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    login(make_staff("coordinator"))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/editions/{edition.pk}/plans/{plan.version}/")
    axe(page)
    assert page.locator("details.group[open]").count() == 0  # groups start folded

    chairs = set(plan.groups.values_list("chair__ref", flat=True))
    who = next(s for s in students if s.ref not in chairs)
    before = _group_of(plan)
    target = plan.groups.exclude(number=before[who.ref]).order_by("number").first()

    # Search by name: only their pair and their (open) group remain.
    page.focus("#plan-q")
    page.keyboard.type(who.person.full_name)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-testid=pairs] tbody tr").count() == 1
    assert page.locator("details.group").count() == 1
    assert page.locator("details.group[open]").count() == 1
    axe(page)

    # Tab to the row's "Verplaatsen", open it with Enter: the cursor lands in the group picker.
    move = page.locator(f"[data-testid=move-{who.ref}] summary")
    for _ in range(80):
        page.keyboard.press("Tab")
        if move.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the row's move action cannot be reached with Tab")
    page.keyboard.press("Enter")
    picker = page.locator(f"#move-to-{who.pk}")
    picker.wait_for()
    assert picker.evaluate("el => el === document.activeElement")
    axe(page)
    page.keyboard.type(target.name)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _confirm_if_asked(page, axe)
    page.wait_for_url(re.compile(rf"/plans/{plan.version + 1}/"))
    axe(page)
    moved = Plan.objects.get(edition=edition, version=plan.version + 1)
    assert _group_of(moved)[who.ref] == target.number
    assert "Bewaard als versie 2." in page.content()
    assert "verplaatst naar" in page.locator("[data-testid=plan-change]").inner_text()
    # the search is kept and the person's new group is open at their row
    assert page.locator("#plan-q").input_value() == who.person.full_name
    assert page.locator(f"#group-{target.number}[open] #member-{who.pk}").count() == 1

    # Swap them back with someone from their old group, typing a ref in the person picker.
    other = next(
        ref for ref, n in _group_of(moved).items() if n == before[who.ref] and ref not in chairs
    )
    page.locator(f"[data-testid=move-{who.ref}] summary").focus()
    page.keyboard.press("Enter")
    page.locator(f"#swap-member-{who.pk}").focus()
    page.keyboard.type(other)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _confirm_if_asked(page, axe)
    page.wait_for_url(re.compile(rf"/plans/{plan.version + 2}/"))
    swapped = _group_of(Plan.objects.get(edition=edition, version=plan.version + 2))
    assert (swapped[who.ref], swapped[other]) == (before[who.ref], target.number)
    axe(page)

    # Only problems and the compact view, with the keyboard too.
    page.goto(f"{live_server.url}/editions/{edition.pk}/plans/{plan.version + 2}/")
    page.focus("#plan-compact")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"compact=1"))
    assert page.locator("td.why").count() == 0
    axe(page)
