"""The desk's JSON endpoint: taps kept on a phone or tablet (scans and buttons), sent in batches.

The page (``web/static/web/desk.js``) posts ``{"taps": [{key, kind, participant | token, at}]}``
with the CSRF token of the page; the answer names, per key, what happened and the sentence to
show. The rules for each tap are in ``dayof/sync.py``.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.dayof.board import is_present
from ontmoeting.dayof.sync import MAX_BATCH, SyncAnswer, sync_taps
from ontmoeting.editions.models import Edition
from ontmoeting.web.permissions import StaffRequest, desk_required
from ontmoeting.web.views.dayof import _said as said


def _answer(answer: SyncAnswer) -> dict[str, Any]:
    result = answer.result
    if result is None:
        return {"key": answer.key, "ok": False, "outcome": "refused", "message": answer.error}
    participant = result.participant
    return {
        "key": answer.key,
        "ok": True,
        "outcome": result.outcome,
        "kind": result.kind,
        "message": said(result),
        "participant": participant.pk,
        "name": participant.person.full_name,
        "ref": participant.ref,
        "present": is_present(participant),
        "at": result.at.isoformat() if result.at else None,
    }


@require_POST
@desk_required
def desk_sync(request: StaffRequest, edition_id: int) -> JsonResponse:
    """Record a batch of taps (at most ``MAX_BATCH``); answer each by its key."""
    edition = get_object_or_404(Edition, pk=edition_id)
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        body = None
    taps = body.get("taps") if isinstance(body, dict) else None
    if not isinstance(taps, list) or len(taps) > MAX_BATCH:
        error = _("Send a list of at most %(n)s taps.") % {"n": MAX_BATCH}
        return JsonResponse({"error": error}, status=400)
    answers = sync_taps(edition, taps, actor=request.user)
    return JsonResponse({"results": [_answer(a) for a in answers]})
