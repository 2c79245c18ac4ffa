"""The plan page you can work in: search, "only problems", and a change per row through a
picker that names people and groups as the coordinator reads them. Every change goes through
the hand-edit services, so it is a new version and the engine's rules are checked again.

In Dutch, as coordinators use the page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ontmoeting.planning.jobs import job_state
from ontmoeting.planning.models import JobStatus, Plan, PlanJob, PlannedGroupMember
from ontmoeting.planning.services import plan_edition
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned():
    edition, students, experts = plannable_edition()
    plan, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    return plan, students, experts


def _detail(plan, version=None):
    return reverse("web:plan-detail", args=[plan.edition_id, version or plan.version])


def _edit(plan, action, version=None):
    return reverse("web:plan-edit", args=[plan.edition_id, version or plan.version, action])


def _shown_students(html: str) -> set[str]:
    return set(re.findall(r'<tr id="pair-\d+" data-student="([^"]+)"', html))


def _shown_groups(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'<details class="group[^"]*" id="group-(\d+)"', html)}


def _post_confirmed(client, url, fields):
    """Post an edit; when it breaks a hard rule the page asks first, and we confirm."""
    response = client.post(url, fields)
    if response.status_code == 409:
        assert 'name="confirm" value="1"' in response.content.decode()
        response = client.post(url, {**fields, "confirm": "1"})
    return response


def _group_of(plan: Plan) -> dict[str, int]:
    """Each person's group number in ``plan``, read from the database."""
    return dict(
        PlannedGroupMember.objects.filter(group__plan=plan).values_list(
            "participant__ref", "group__number"
        )
    )


def test_search_by_name_or_ref_shows_only_that_persons_pair_and_group(client, make_staff, planned):
    plan, students, _experts = planned
    client.force_login(make_staff("coordinator"))
    full = client.get(_detail(plan)).content.decode()
    assert _shown_students(full) == {s.ref for s in students}
    assert len(_shown_groups(full)) == plan.groups.count()

    who = students[5]
    for q in (who.person.full_name.upper(), who.ref.lower()):
        html = client.get(_detail(plan), {"q": q}).content.decode()
        assert _shown_students(html) == {who.ref}
        assert _shown_groups(html) == {_group_of(plan)[who.ref]}
        assert 'id="group-' in html
        assert " open>" in html
        assert f'member-{who.pk}" class="match"' in html

    nobody = client.get(_detail(plan), {"q": "zzz-niemand"}).content.decode()
    assert _shown_students(nobody) == set()
    assert _shown_groups(nobody) == set()
    assert 'data-testid="no-pairs-shown"' in nobody


def test_only_problems_shows_the_pairs_and_groups_with_a_finding(client, make_staff, planned):
    plan, students, experts = planned
    # one finding on a pair (no group) and one on a group, as the engine stores them
    plan.violations = [
        {
            "code": "knows",
            "rule": "knows",
            "refs": [students[3].ref, experts[7].ref],
            "hard": True,
            "group": None,
            "groups": [],
            "params": {},
        },
        {
            "code": "first_time_chair",
            "rule": "newcomer_chair",
            "refs": [experts[1].ref],
            "hard": False,
            "group": 1,
            "groups": [],
            "params": {},
        },
    ]
    plan.save()
    for group in plan.groups.all():  # every rule check of the groups holds
        group.checks = [dict(c, ok=True) for c in group.checks]
        group.save()
    expert_of = dict(plan.pairs.values_list("student__ref", "expert__ref"))
    expected_pairs = {
        s.ref for s in students if s.ref == students[3].ref or expert_of[s.ref] == experts[7].ref
    }
    client.force_login(make_staff("coordinator"))
    html = client.get(_detail(plan), {"problems": "1"}).content.decode()
    assert _shown_students(html) == expected_pairs
    assert _shown_groups(html) == {2}  # group index 1 is "Groep 2"
    # combined with a search: only problem rows of that person
    other = next(s for s in students if s.ref not in expected_pairs)
    html = client.get(_detail(plan), {"problems": "1", "q": other.ref}).content.decode()
    assert _shown_students(html) == set()


def test_compact_view_leaves_out_the_reasons_and_rule_tables(client, make_staff, planned):
    plan, *_ = planned
    client.force_login(make_staff("coordinator"))
    full = client.get(_detail(plan)).content.decode()
    compact = client.get(_detail(plan), {"compact": "1"}).content.decode()
    assert 'class="why"' in full
    assert 'class="checks"' in full
    assert 'class="why"' not in compact
    assert 'class="checks"' not in compact
    assert _shown_students(compact) == _shown_students(full)
    assert len(compact) < len(full)


def test_move_from_a_row_with_the_group_picker_saves_a_new_checked_version(
    client, make_staff, planned
):
    plan, _students, _experts = planned
    before = _group_of(plan)
    chairs = set(plan.groups.values_list("chair__ref", flat=True))
    who_ref = next(ref for ref in sorted(before) if ref not in chairs)
    who = plan.edition.participants.get(ref=who_ref)
    target = plan.groups.exclude(number=before[who_ref]).order_by("number").first()
    client.force_login(make_staff("coordinator"))
    fields = {"a": who.pk, "group_pick": f"  {target.name.lower()} ", "filter": f"?q={who_ref}"}
    response = client.post(_edit(plan, "move"), fields)
    if response.status_code == 409:  # it parts a morning pair: the page asks, as it should
        assert 'name="confirm" value="1"' in response.content.decode()
        response = client.post(_edit(plan, "move"), {**fields, "confirm": "1"})
    assert response.status_code == 302
    draft = Plan.objects.get(edition_id=plan.edition_id, version=2)
    assert response.url == (f"{_detail(plan, 2)}?open={target.number}&q={who_ref}#member-{who.pk}")
    after = _group_of(draft)
    assert after[who_ref] == target.number
    assert {k: v for k, v in after.items() if k != who_ref} == {
        k: v for k, v in before.items() if k != who_ref
    }
    assert draft.based_on_id == plan.pk
    assert draft.change["action"] == "plan.move_member"
    assert _group_of(Plan.objects.get(pk=plan.pk)) == before  # the version edited stays
    page = client.get(response.url).content.decode()
    assert "Bewaard als versie 2. De regels werden opnieuw gecontroleerd." in page
    change = re.search(r'data-testid="plan-change">([^<]*)<', page).group(1)
    assert who.person.full_name in change
    assert f"verplaatst naar {target.name}" in change


def test_moves_out_of_a_group_are_checked_by_the_engines_size_rule(client, make_staff, planned):
    """The engine's check is the verdict: once a group holds fewer than the smallest size
    (6 here), the saved version carries the size violation for it; not before."""
    plan, *_ = planned
    group = plan.groups.order_by("number").first()
    other = plan.groups.exclude(pk=group.pk).order_by("number").first()
    leaving = list(
        group.memberships.exclude(participant_id=group.chair_id)
        .order_by("participant__ref")
        .values_list("participant_id", flat=True)
    )
    client.force_login(make_staff("coordinator"))
    version = plan.version
    for pk in leaving[:3]:
        fields = {"a": pk, "group_pick": other.name, "confirm": "1"}
        assert client.post(_edit(plan, "move", version), fields).status_code == 302
        version += 1
        draft = Plan.objects.get(edition_id=plan.edition_id, version=version)
        size = draft.groups.get(number=group.number).memberships.count()
        too_small = any(
            v["code"] == "group_size" and v.get("group") == group.number - 1
            for v in draft.violations
        )
        assert too_small == (size < QUICK.group_min_size), (size, draft.violations)


def test_swap_from_a_row_with_the_person_picker(client, make_staff, planned):
    plan, students, _experts = planned
    before = _group_of(plan)
    chairs = set(plan.groups.values_list("chair__ref", flat=True))
    movable = [s for s in students if s.ref not in chairs]
    a = movable[0]
    b = next(s for s in movable if before[s.ref] != before[a.ref])
    client.force_login(make_staff("coordinator"))
    response = _post_confirmed(
        client,
        _edit(plan, "swap-members"),
        {"a": a.pk, "pick": f"{b.ref} — {b.person.full_name}"},
    )
    assert response.status_code == 302
    after = _group_of(Plan.objects.get(edition_id=plan.edition_id, version=2))
    assert (after[a.ref], after[b.ref]) == (before[b.ref], before[a.ref])

    # the experts of two students, the second one named by name only
    expert_of = dict(plan.pairs.values_list("student__ref", "expert__ref"))
    c = next(s for s in students if expert_of[s.ref] != expert_of[a.ref])
    response = _post_confirmed(
        client, _edit(plan, "swap-students", 2), {"a": a.pk, "pick": c.person.full_name}
    )
    assert response.url.startswith(_detail(plan, 3))
    assert response.url.endswith(f"#pair-{a.pk}")
    swapped = dict(
        Plan.objects.get(edition_id=plan.edition_id, version=3).pairs.values_list(
            "student__ref", "expert__ref"
        )
    )
    assert (swapped[a.ref], swapped[c.ref]) == (expert_of[c.ref], expert_of[a.ref])


def test_a_picker_text_that_names_no_one_changes_nothing(client, make_staff, planned):
    plan, students, _ = planned
    client.force_login(make_staff("coordinator"))
    response = client.post(
        _edit(plan, "swap-members"), {"a": students[0].pk, "pick": "Niemand Bestaat"}, follow=True
    )
    assert "Niemand Bestaat" in response.content.decode()
    response = client.post(
        _edit(plan, "move"), {"a": students[0].pk, "group_pick": "Groep 99"}, follow=True
    )
    assert "Groep 99" in response.content.decode()
    assert Plan.objects.filter(edition_id=plan.edition_id).count() == 1


def test_run_form_folds_the_advanced_settings_and_the_status_says_what_happens(
    client, make_staff, planned
):
    plan, *_ = planned
    client.force_login(make_staff("coordinator"))
    html = client.get(reverse("web:plan-list", args=[plan.edition_id])).content.decode()
    form = html[html.index('data-testid="make-plan-form"') :]
    advanced = form[form.index('data-testid="advanced-settings"') :]
    assert form.index("id_group_min_size") < form.index('data-testid="advanced-settings"')
    assert 'id="id_seed"' in advanced
    assert 'id="id_time_limit"' in advanced
    assert 'data-testid="advanced-settings" open' not in form  # folded away

    job = PlanJob.objects.create(
        edition=plan.edition, status=JobStatus.RUNNING, progress=0.4, message="Bezig"
    )
    page = client.get(reverse("web:plan-job", args=[plan.edition_id, job.pk])).content.decode()
    text = re.search(r'data-testid="job-text">([^<]*)<', page).group(1)
    assert text.startswith("Bezig: 40 %")
    assert "Bezig: Bezig" not in page
    assert job_state(job)["status"] == JobStatus.RUNNING

    bad = client.post(
        reverse("web:plan-make", args=[plan.edition_id]),
        {
            "group_min_size": 6,
            "group_max_size": 10,
            "pair_policy": "keep",
            "seed": -1,
            "time_limit": 10,
        },
    ).content.decode()
    assert 'data-testid="advanced-settings" open' in bad  # an error in it opens it
