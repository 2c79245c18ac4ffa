"""Check-in at the desk: the same service as the desk page's taps (``dayof/sync.py``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from ontmoeting.api.auth import caller
from ontmoeting.api.problems import Problem, problem
from ontmoeting.api.routers.common import EditionId, answers, edition_or_404
from ontmoeting.api.schemas import CheckinIn, CheckinOut
from ontmoeting.dayof.board import is_present
from ontmoeting.dayof.sync import sync_taps
from ontmoeting.privacy.audit import record

router = Router(tags=["check-in"])


@router.post(
    "/editions/{edition_id}/checkins",
    response=answers(CheckinOut, _409=Problem),
    summary="Check someone in (or out, or undo): idempotent by the tap's key",
)
def check_in(
    request: HttpRequest, edition_id: EditionId, tap: CheckinIn
) -> dict[str, object] | HttpResponse:
    """Record one tap as the desk does. Sending the same ``key`` again records nothing and
    answers ``repeated``; a tap the desk would refuse is a 409 with the desk's reason."""
    who = caller(request, "write:checkin")
    edition = edition_or_404(edition_id)
    item: dict[str, object] = {"key": tap.key, "kind": tap.kind}
    if tap.badge:
        item["token"] = tap.badge
    elif tap.participant is not None:
        item["participant"] = tap.participant
    if tap.at is not None:
        item["at"] = tap.at.isoformat()
    answer = sync_taps(edition, [item], actor=who.user)[0]
    result = answer.result
    if result is None:
        return problem(request, 409, answer.error)
    participant = result.participant
    if result.outcome == "done":
        record(
            "api.checkin",
            actor=who.user,
            obj=participant,
            kind=result.kind,
            key=tap.key,
            **who.audit_data(),
        )
    return {
        "key": answer.key,
        "outcome": result.outcome,
        "kind": result.kind,
        "participant": participant.pk,
        "ref": participant.ref,
        "present": is_present(participant),
        "at": result.at,
    }
