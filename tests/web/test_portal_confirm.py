"""Students confirm (or decline) through their invitation link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ontmoeting.editions.enums import EditionStatus, ParticipantStatus
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.privacy.tokens import issue_link
from tests.factories import ParticipantFactory
from tests.web.portal_factories import open_edition, past_edition, path_of

pytestmark = pytest.mark.django_db


def student(edition, **kwargs):
    return ParticipantFactory(edition=edition, status=ParticipantStatus.INVITED, **kwargs)


def confirm_link(participant) -> str:
    return path_of(issue_link(participant.person, purpose="confirm", participant=participant))


def test_student_confirm_get_shows_buttons_and_changes_nothing(client):
    participant = student(open_edition())
    response = client.get(confirm_link(participant))
    html = response.content.decode()
    assert 'data-testid="confirm-yes"' in html
    assert 'data-testid="confirm-no"' in html
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.INVITED


@pytest.mark.parametrize(
    ("answer", "status", "action"),
    [
        ("yes", ParticipantStatus.CONFIRMED, "participant.confirm"),
        ("no", ParticipantStatus.DECLINED, "participant.decline"),
    ],
)
def test_student_confirm_post_sets_the_status(client, answer, status, action):
    participant = student(open_edition())
    response = client.post(confirm_link(participant), {"answer": answer})
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.status == status
    assert AuditEntry.objects.get(action=action).object_id == str(participant.pk)


def test_student_can_change_their_answer_and_repeating_it_changes_nothing(client):
    participant = student(open_edition())
    link = confirm_link(participant)
    client.post(link, {"answer": "no"})
    client.post(link, {"answer": "yes"})
    client.post(link, {"answer": "yes"})
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.CONFIRMED
    assert AuditEntry.objects.filter(action__startswith="participant.").count() == 2


def test_student_confirm_without_an_answer_asks_again(client):
    participant = student(open_edition())
    response = client.post(confirm_link(participant), {"answer": "maybe"})
    assert response.status_code == 400
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.INVITED


def test_student_confirm_for_a_closed_edition_shows_the_closed_page(client):
    for edition in (past_edition(), open_edition(year=2031, status=EditionStatus.ARCHIVED)):
        participant = student(edition)
        response = client.post(confirm_link(participant), {"answer": "yes"})
        assert response.templates[0].name == "portal/closed.html"
        participant.refresh_from_db()
        assert participant.status == ParticipantStatus.INVITED


def test_student_confirm_link_does_not_open_the_personal_page(client):
    participant = student(open_edition())
    token = confirm_link(participant).rstrip("/").rsplit("/", 1)[1]
    assert client.post(f"/me/link/{token}/").status_code == 404
    assert client.get("/me/").status_code == 302


def test_student_confirm_link_of_one_student_changes_only_that_student(client):
    edition = open_edition()
    one, other = student(edition), student(edition)
    client.post(confirm_link(one), {"answer": "yes"})
    other.refresh_from_db()
    assert other.status == ParticipantStatus.INVITED


def test_after_confirming_a_student_reads_the_plan_follows_until_it_is_published(client):
    from ontmoeting.planning.publish import publish_plan
    from ontmoeting.planning.services import plan_edition
    from tests.web.plans_factories import plannable_edition

    day = timezone.localdate() + dt.timedelta(days=30)
    edition, _students, _experts = plannable_edition(
        n_pairs=4,
        chairs=1,
        year=day.year,
        date=day,
        window_start=day - dt.timedelta(days=40),
        window_end=day + dt.timedelta(days=10),
        status=EditionStatus.RECRUITING,
    )
    before, after = student(edition), student(edition)
    html = client.post(confirm_link(before), {"answer": "yes"}).content.decode()
    assert 'data-testid="plan-follows"' in html
    assert "zodra de planning klaar is" in html

    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    publish_plan(plan, actor="test")
    html = client.post(confirm_link(after), {"answer": "yes"}).content.decode()
    assert 'data-testid="plan-ready"' in html
    assert "zodra de planning klaar is" not in html
    assert 'href="/me/new-link/"' in html
