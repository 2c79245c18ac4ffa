"""Background runs of the engine: idempotent enqueue, progress, failures, stale runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ontmoeting.editions.models import Edition
from ontmoeting.planning.jobs import enqueue_plan, job_state, run_pending_jobs
from ontmoeting.planning.models import JobStatus, Plan, PlanJob
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ParticipantFactory
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


def test_enqueue_twice_while_queued_returns_the_same_job():
    edition, *_ = plannable_edition()
    first = enqueue_plan(edition, actor="test", settings=QUICK)
    second = enqueue_plan(edition, actor="test", seed=5, settings=QUICK)
    assert second == first
    assert PlanJob.objects.count() == 1
    assert AuditEntry.objects.filter(action="plan.job.enqueue").count() == 1


def test_sync_run_makes_a_plan_and_reaches_full_progress():
    edition, students, _experts = plannable_edition()
    job = enqueue_plan(edition, actor="test", seed=1, settings=QUICK)
    assert [j.pk for j in run_pending_jobs()] == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.DONE, 1.0)
    assert job.plan == Plan.objects.get(edition=edition)
    assert job.plan.pairs.count() == len(students)
    assert job.started <= job.finished
    assert Edition.objects.get(pk=edition.pk).status == "planned"


def test_enqueue_after_a_finished_run_starts_a_new_one():
    edition, *_ = plannable_edition()
    first = enqueue_plan(edition, actor="test", settings=QUICK)
    run_pending_jobs()
    second = enqueue_plan(edition, actor="test", settings=QUICK)
    assert second != first
    assert second.status == JobStatus.QUEUED


def test_failing_run_marks_the_job_failed_and_writes_no_plan():
    edition = EditionFactory(year=2026)
    ParticipantFactory(edition=edition, role="student", ref="S1")
    job = enqueue_plan(edition, actor="test", settings=QUICK)
    run_pending_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "1 deelnemende studenten en 0 deelnemende ervaringsdeskundigen" in job.error
    assert job.plan is None
    assert not Plan.objects.exists()
    assert job_state(job)["message"] == job.error


def test_running_job_with_an_old_heartbeat_shows_failed_and_does_not_block():
    edition, *_ = plannable_edition()
    old = timezone.now() - dt.timedelta(minutes=6)
    stuck = PlanJob.objects.create(
        edition=edition, status=JobStatus.RUNNING, heartbeat=old, progress=0.4
    )
    state = job_state(stuck)
    assert (state["status"], state["active"]) == (JobStatus.FAILED, False)
    assert state["message"] == "De berekening is gestopt; start ze opnieuw."
    fresh = enqueue_plan(edition, actor="test", settings=QUICK)
    assert fresh != stuck
    stuck.refresh_from_db()
    assert stuck.status == JobStatus.FAILED


def test_running_job_with_a_recent_heartbeat_is_running():
    edition, *_ = plannable_edition()
    job = PlanJob.objects.create(
        edition=edition, status=JobStatus.RUNNING, heartbeat=timezone.now(), progress=0.4
    )
    assert job_state(job)["status"] == JobStatus.RUNNING
    assert enqueue_plan(edition, actor="test") == job


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_job_enqueued_with_it_and_no_web_thread_does():
    from ontmoeting.background.worker import WorkerOptions, run

    edition, *_ = plannable_edition()
    job = enqueue_plan(edition, actor="test", settings=QUICK)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED  # nothing ran it in this (the "web") process
    run(WorkerOptions(batch=True, schedule=False))
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.DONE, 1.0), job.error
    assert job.plan is not None


def test_replan_around_the_locks_keeps_locked_pairs_and_members():
    from ontmoeting.planning.edits import lock_member, lock_pair
    from ontmoeting.planning.models import PlannedGroupMember
    from ontmoeting.planning.services import plan_edition

    edition, students, _ = plannable_edition()
    v1, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    pair = v1.pairs.get(student=students[3])
    v2 = lock_pair(v1, student=students[3], locked=True, actor="test")
    member = PlannedGroupMember.objects.select_related("group").get(
        group__plan=v1, participant=students[5]
    )
    v3 = lock_member(v2, participant=students[5], locked=True, actor="test")
    job = enqueue_plan(edition, actor="test", seed=9, settings=QUICK, base_plan=v3)
    run_pending_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    v4 = job.plan
    assert (v4.version, v4.based_on) == (4, v3)
    v2 = v4
    kept = v2.pairs.get(student=students[3])
    assert (kept.expert_id, kept.locked) == (pair.expert_id, True)
    moved = PlannedGroupMember.objects.select_related("group").get(
        group__plan=v2, participant=students[5]
    )
    assert (moved.group.number, moved.locked) == (member.group.number, True)


def test_a_queued_run_says_when_no_worker_runs_and_not_once_one_does():
    from ontmoeting.background.heartbeat import beat

    edition, *_ = plannable_edition()
    job = enqueue_plan(edition, actor="test", settings=QUICK)
    assert "ontmoeting worker" in job_state(job)["message"]
    beat("worker-on-another-machine")
    assert "ontmoeting worker" not in job_state(job)["message"]
