"""``/healthz`` for a monitor: open without signing in, no personal data, 200 only when the
database answers and a task worker beat lately."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ontmoeting.background.heartbeat import beat, stopped
from ontmoeting.background.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_no_worker_ever_is_503_none(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "worker": "none", "last_heartbeat": None}


def test_a_live_worker_is_200(client):
    beat("w1")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == body["worker"] == "ok"
    seen = WorkerHeartbeat.objects.get().last_seen
    assert dt.datetime.fromisoformat(body["last_heartbeat"]) == seen


def test_a_silent_worker_is_stale(client, settings):
    beat("w1")
    settings.ONTMOETING_WORKER_STALE_SECONDS = 60
    WorkerHeartbeat.objects.update(last_seen=timezone.now() - dt.timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"


def test_a_worker_that_stopped_is_stale(client):
    beat("w1")
    stopped("w1")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"


def test_open_without_signing_in_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 503  # an answer, not a redirect to the login page
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_a_signed_in_staff_member_gets_the_same_answer(client, make_staff):
    user = make_staff("coordinator")
    client.force_login(user)
    beat("w1")
    assert client.get("/healthz").status_code == 200


def test_only_get_and_head(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 503


def test_no_personal_data_and_nothing_but_the_three_facts(client, make_staff):
    make_staff("admin")
    beat("w1", current_task="plan 2026")
    body = client.get("/healthz").json()
    assert set(body) == {"database", "worker", "last_heartbeat"}
    assert "plan" not in str(body)
