"""Plan pages: coordinator-only, looked up through the edition, no N+1, the HTMX run partial.

They run in Dutch, the language coordinators read them in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ontmoeting.planning.jobs import run_pending_jobs
from ontmoeting.planning.models import JobStatus, Plan, PlanJob, PlanStatus
from ontmoeting.planning.services import plan_edition
from ontmoeting.privacy.models import AuditEntry
from tests.factories import KnowsLinkFactory
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned():
    edition, students, experts = plannable_edition()
    plan, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    return plan, students, experts


def _urls(plan):
    e, v = plan.edition_id, plan.version
    return [
        reverse("web:plan-list", args=[e]),
        reverse("web:plan-detail", args=[e, v]),
        reverse("web:plan-compare", args=[e]) + f"?a={v}&b={v}",
    ]


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_plan_pages_are_forbidden_to_researchers_and_admins(client, make_staff, planned, role):
    plan, students, _ = planned
    client.force_login(make_staff(role))
    for url in _urls(plan):
        response = client.get(url)
        assert response.status_code == 403
        assert students[0].person.last_name not in response.content.decode()
    e, v = plan.edition_id, plan.version
    assert client.post(reverse("web:plan-make", args=[e])).status_code == 403
    assert client.post(reverse("web:plan-publish", args=[e, v])).status_code == 403
    response = client.post(
        reverse("web:plan-edit", args=[e, v, "lock-pair"]), {"a": students[0].pk, "locked": "1"}
    )
    assert response.status_code == 403
    assert not PlanJob.objects.exists()
    assert not plan.pairs.filter(locked=True).exists()


def test_another_editions_plan_or_person_is_not_found(client, make_staff, planned):
    plan, _students, _ = planned
    other, other_students, _ = plannable_edition(year=2025)
    other_plan, _ = plan_edition(other, actor="test", settings=QUICK)
    client.force_login(make_staff("coordinator"))
    assert client.get(reverse("web:plan-detail", args=[other.pk, 2])).status_code == 404
    assert client.get(reverse("web:plan-detail", args=[plan.edition_id, 9])).status_code == 404
    job = PlanJob.objects.create(edition=other)
    assert client.get(reverse("web:plan-job", args=[plan.edition_id, job.pk])).status_code == 404
    response = client.post(
        reverse("web:plan-edit", args=[plan.edition_id, plan.version, "lock-pair"]),
        {"a": other_students[0].pk, "locked": "1"},
    )
    assert response.status_code == 404
    assert not other_plan.pairs.filter(locked=True).exists()


def test_make_plan_runs_and_the_partial_redirects_when_done(client, make_staff):
    edition, *_ = plannable_edition()
    client.force_login(make_staff("coordinator"))
    response = client.post(
        reverse("web:plan-make", args=[edition.pk]),
        {
            "seed": 1,
            "time_limit": 1,
            "group_min_size": 6,
            "group_max_size": 10,
            "pair_policy": "keep",
        },
    )
    job = PlanJob.objects.get()
    assert response.url == reverse("web:plan-job", args=[edition.pk, job.pk])
    partial = client.get(response.url, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert 'hx-trigger="every 1s"' in partial.content.decode()
    assert "<progress" in partial.content.decode()
    run_pending_jobs()
    done = client.get(response.url, headers={"HX-Request": "true"})
    assert done.headers["HX-Redirect"] == reverse("web:plan-detail", args=[edition.pk, 1])
    page = client.get(response.url)
    assert "hx-trigger" not in page.content.decode()
    assert 'id="open-plan"' in page.content.decode()


def test_plan_page_words_every_finding_with_names_hard_ones_first(client, make_staff, planned):
    plan, students, experts = planned
    plan.violations = [
        {
            "code": "first_time_chair",
            "rule": "newcomer_chair",
            "refs": [experts[1].ref],
            "hard": False,
            "group": 4,
            "params": {},
        },
        {
            "code": "knows",
            "rule": "knows",
            "refs": [students[0].ref, experts[2].ref],
            "hard": True,
            "group": None,
            "params": {},
        },
    ]
    plan.save()
    client.force_login(make_staff("coordinator"))
    html = client.get(reverse("web:plan-detail", args=[plan.edition_id, plan.version])).content
    html = html.decode()
    hard = html.index('data-testid="hard-violations"')
    assert hard < html.index('data-testid="warnings"') < html.index('data-testid="pairs"')
    student, expert = students[0], experts[2]
    assert (
        f"{student.person.full_name} ({student.ref}) en {expert.person.full_name} ({expert.ref}) "
        "kennen elkaar maar praten &#x27;s ochtends samen."
    ) in html[hard:]
    chair = experts[1]
    assert (
        f"{chair.person.full_name} ({chair.ref}) zit voor het eerst een groep voor (Groep 5)."
    ) in html[html.index('data-testid="warnings"') :]
    assert "chairs" not in html  # nothing of the engine's vocabulary reaches the page
    assert AuditEntry.objects.filter(action="plan.view", object_id=str(plan.pk)).count() == 1


def test_swap_that_breaks_a_rule_asks_for_confirmation(client, make_staff, planned):
    plan, students, _ = planned
    expert = {p.student_id: p.expert for p in plan.pairs.select_related("expert")}
    a = students[0]
    b = next(s for s in students if expert[s.pk] != expert[a.pk])
    x, y = sorted([a, expert[b.pk]], key=lambda p: p.pk)
    KnowsLinkFactory(a=x, b=y)
    client.force_login(make_staff("coordinator"))
    url = reverse("web:plan-edit", args=[plan.edition_id, plan.version, "swap-students"])
    response = client.post(url, {"a": a.pk, "b": b.pk})
    assert response.status_code == 409
    html = response.content.decode()
    assert 'name="confirm" value="1"' in html
    assert "kennen elkaar" in html
    assert plan.pairs.get(student=a).expert == expert[a.pk]
    assert Plan.objects.filter(edition_id=plan.edition_id).count() == 1
    response = client.post(url, {"a": a.pk, "b": b.pk, "confirm": "1"})
    assert response.url.startswith(reverse("web:plan-detail", args=[plan.edition_id, 2]))
    edited = Plan.objects.get(edition_id=plan.edition_id, version=2)
    assert "knows" in {v["code"] for v in edited.violations}
    page = client.get(response.url).content.decode()
    assert 'id="undo"' in page
    undo = client.post(reverse("web:plan-undo", args=[plan.edition_id, 2]))
    assert undo.url == reverse("web:plan-detail", args=[plan.edition_id, 1])
    assert Plan.objects.get(pk=edited.pk).status == PlanStatus.UNDONE


def test_editing_a_published_version_redirects_to_the_new_draft(client, make_staff, planned):
    plan, students, _ = planned
    plan.status = PlanStatus.PUBLISHED
    plan.save()
    client.force_login(make_staff("coordinator"))
    url = reverse("web:plan-edit", args=[plan.edition_id, plan.version, "lock-pair"])
    response = client.post(url, {"a": students[0].pk, "locked": "1"})
    assert response.url.startswith(reverse("web:plan-detail", args=[plan.edition_id, 2]))
    assert Plan.objects.get(edition_id=plan.edition_id, version=2).status == PlanStatus.DRAFT


def test_publish_refused_shows_why_in_words(client, make_staff, planned):
    plan, students, _ = planned
    expert = plan.pairs.get(student=students[0]).expert
    a, b = sorted((students[0], expert), key=lambda p: p.pk)
    KnowsLinkFactory(edition=plan.edition, a=a, b=b)
    client.force_login(make_staff("coordinator"))
    response = client.post(
        reverse("web:plan-publish", args=[plan.edition_id, plan.version]), follow=True
    )
    html = response.content.decode()
    assert "Versie 1 breekt 1 harde regel" in html
    assert f"{students[0].person.full_name} ({students[0].ref}) en" in html
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_publishing_the_engines_plan_in_the_browser_works(client, make_staff, planned):
    plan, *_ = planned
    client.force_login(make_staff("coordinator"))
    page = client.get(reverse("web:plan-detail", args=[plan.edition_id, plan.version]))
    assert "Alle harde regels zijn nageleefd." in page.content.decode()
    response = client.post(
        reverse("web:plan-publish", args=[plan.edition_id, plan.version]), follow=True
    )
    assert "Versie 1 is gepubliceerd." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED


def test_replan_queues_a_run_based_on_the_version(client, make_staff, planned):
    plan, *_ = planned
    client.force_login(make_staff("coordinator"))
    response = client.post(reverse("web:plan-replan", args=[plan.edition_id, plan.version]))
    job = PlanJob.objects.get()
    assert (job.base_plan, job.status) == (plan, JobStatus.QUEUED)
    assert response.url == reverse("web:plan-job", args=[plan.edition_id, job.pk])


def test_compare_page_shows_the_changes(client, make_staff, planned):
    plan, students, _ = planned
    plan.status = PlanStatus.WITHDRAWN
    plan.save()
    client.force_login(make_staff("coordinator"))
    other = next(g for g in plan.groups.all() if not g.memberships.filter(participant=students[0]))
    client.post(
        reverse("web:plan-edit", args=[plan.edition_id, 1, "move"]),
        {"a": students[0].pk, "group": other.number, "confirm": "1"},
    )
    response = client.get(reverse("web:plan-compare", args=[plan.edition_id]) + "?a=1&b=2")
    assert [(c.kind, c.who) for c in response.context["changes"]] == [("group", students[0])]
    html = response.content.decode()
    assert f"{students[0].person.full_name} ({students[0].ref})" in html
    assert other.name in html


def _more_versions(plan, n):
    for _ in range(n):
        copy = Plan.objects.get(pk=plan.pk)
        copy.pk = None
        copy.version = Plan.objects.filter(edition_id=plan.edition_id).count() + 1
        copy.save()


def test_versions_list_query_count_does_not_grow(
    client, make_staff, planned, django_assert_max_num_queries
):
    plan, *_ = planned
    client.force_login(make_staff("coordinator"))
    url = reverse("web:plan-list", args=[plan.edition_id])
    with django_assert_max_num_queries(18):
        assert client.get(url).status_code == 200
    _more_versions(plan, 2)
    with django_assert_max_num_queries(18):
        response = client.get(url)
    assert len(response.context["versions"]) == 3


@pytest.mark.parametrize("n_pairs", [1, 3])
def test_plan_view_query_count_does_not_grow(
    client, make_staff, django_assert_max_num_queries, n_pairs
):
    edition, *_ = plannable_edition(n_pairs=n_pairs * 6, chairs=n_pairs)
    settings = QUICK.__class__(group_min_size=2, group_max_size=12, time_limit=0.5)
    plan, _ = plan_edition(edition, actor="test", settings=settings)
    assert plan.groups.count() == n_pairs
    client.force_login(make_staff("coordinator"))
    with django_assert_max_num_queries(22):
        response = client.get(reverse("web:plan-detail", args=[edition.pk, plan.version]))
    assert len(response.context["page"].pairs) == n_pairs * 6


def test_the_plan_list_shows_the_groups_the_settings_give_before_a_run(client, make_staff):
    edition, *_ = plannable_edition(n_pairs=12, chairs=3)
    client.force_login(make_staff("coordinator"))
    page = client.get(reverse("web:plan-list", args=[edition.pk])).content.decode()
    # 24 people, groups of 6-10: 3 groups of 8 (3 chairs), in the 4 group rooms
    assert "Deze instellingen geven 3 groepen van 8 tot 8 mensen" in page
    preview = client.get(
        reverse("web:plan-preview", args=[edition.pk]),
        {"group_min_size": "2", "group_max_size": "4"},
        headers={"HX-Request": "true"},
    ).content.decode()
    # groups of 2-4 (3 in the middle) make 8 groups of 3: 3 experts are willing to chair
    assert (
        "8 groepen hebben 8 voorzitters nodig; 3 ervaringsdeskundigen willen een groep" in preview
    )
    assert "tot 8 mensen geeft 3 groepen" in preview
