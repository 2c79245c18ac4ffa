"""Messages follow reality: a schedule message is sent only to people of the published plan; a
message that would leave a placeholder empty is held and named, never queued."""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.messaging.bulk import preview_bulk, queue_bulk
from ontmoeting.messaging.enums import MessageKind
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.planning.publish import publish_plan
from ontmoeting.planning.services import plan_edition
from tests.factories import ParticipantFactory, PersonFactory
from tests.web.plans_factories import plannable_edition

pytestmark = pytest.mark.django_db


def test_the_schedule_goes_only_to_people_in_the_published_plan():
    edition, students, _experts = plannable_edition(n_pairs=6, chairs=2)
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    publish_plan(plan, actor="test")
    late = ParticipantFactory(
        edition=edition,
        role=ParticipantRole.STUDENT,
        status=ParticipantStatus.CONFIRMED,
        person=PersonFactory(first_name="Laat", last_name="Ingeschreven", language="nl"),
        ref="S099",
    )
    preview = preview_bulk(
        edition=edition, kind=MessageKind.PLAN_PUBLISHED, selection="students", extra={}
    )
    assert [h.participant for h in preview.held] == [late]
    assert "partner_first_name" in preview.held[0].empty
    assert preview.total == len(students)

    queued, skipped = queue_bulk(
        edition=edition,
        kind=MessageKind.PLAN_PUBLISHED,
        selection="students",
        extra={},
        actor="test",
    )
    assert (queued, skipped) == (len(students), 1)
    sent_to = set(OutboxMessage.objects.values_list("participant_id", flat=True))
    assert sent_to == {s.pk for s in students}
    for message in OutboxMessage.objects.all():
        assert " in zaal ." not in message.body_text  # no blank room
