"""Editions, their participants (identities: coordinators only) and their plans."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router

from ontmoeting.api.auth import caller
from ontmoeting.api.routers.common import EditionId, answers, edition_or_404
from ontmoeting.api.schemas import EditionDetailOut, EditionOut, ParticipantOut, PlanOut
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.planning.models import Plan, PlanStatus
from ontmoeting.planning.selectors import plan_json
from ontmoeting.privacy.audit import record

router = Router(tags=["editions"])


def _edition(edition: Edition) -> dict[str, object]:
    return {
        "id": edition.pk,
        "year": edition.year,
        "format": edition.format,
        "title": edition.title,
        "date": edition.date,
        "status": edition.status,
    }


@router.get("/editions", response=answers(list[EditionOut]), summary="List the editions")
def list_editions(request: HttpRequest) -> list[dict[str, object]]:
    caller(request, "read:editions")
    return [_edition(e) for e in Edition.objects.order_by("-date", "pk")]


@router.get("/editions/{edition_id}", response=answers(EditionDetailOut), summary="One edition")
def edition_detail(request: HttpRequest, edition_id: EditionId) -> dict[str, object]:
    caller(request, "read:editions")
    edition = edition_or_404(edition_id)
    return {
        **_edition(edition),
        "window_start": edition.window_start,
        "window_end": edition.window_end,
        "venue": edition.venue.name if edition.venue else None,
        "target_pairs": edition.target_pairs,
        "participants": edition.participants.count(),
    }


@router.get(
    "/editions/{edition_id}/participants",
    response=answers(list[ParticipantOut]),
    summary="The participants of an edition (coordinators: names and contact; audited)",
)
def participants(request: HttpRequest, edition_id: EditionId) -> list[dict[str, object]]:
    who = caller(request, "read:participants")
    edition = edition_or_404(edition_id)
    rows = list(
        Participant.objects.filter(edition=edition)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    record(
        "participant.list",
        actor=who.user,
        obj=edition,
        participants=[p.pk for p in rows],
        **who.audit_data(),
    )
    return [
        {
            "id": p.pk,
            "ref": p.ref,
            "role": p.role,
            "status": p.status,
            "first_name": p.person.first_name,
            "last_name": p.person.last_name,
            "email": p.person.email,
            "phone": p.person.phone,
            "language": p.language,
            "class_group": p.class_group,
        }
        for p in rows
    ]


@router.get(
    "/editions/{edition_id}/plan",
    response=answers(PlanOut),
    summary="A plan of an edition, as `ontmoeting plan YEAR --json` prints it",
)
def plan(
    request: HttpRequest,
    edition_id: EditionId,
    which: Query[Literal["published", "latest"]] = "published",
) -> dict[str, object]:
    """``published``: the plan participants see; ``latest``: the newest version."""
    caller(request, "read:plans")
    edition = edition_or_404(edition_id)
    plans = Plan.objects.filter(edition=edition).order_by("-version")
    if which == "published":
        plans = plans.filter(status=PlanStatus.PUBLISHED)
    found = plans.first()
    if found is None:
        raise Http404
    return plan_json(found)
