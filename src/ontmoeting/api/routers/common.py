"""What every router needs: the edition of a path and the documented answers."""

from __future__ import annotations

from typing import Annotated, Any

from django.shortcuts import get_object_or_404
from ninja import Path

from ontmoeting.api.problems import ERRORS
from ontmoeting.api.schemas import MAX_ID
from ontmoeting.editions.models import Edition

EditionId = Annotated[int, Path(ge=1, le=MAX_ID, description="The edition's id.")]


def edition_or_404(edition_id: int) -> Edition:
    return get_object_or_404(Edition.objects.select_related("venue"), pk=edition_id)


def answers(ok: Any, **more: Any) -> dict[int, Any]:
    """The responses of an operation: ``ok`` for 200, problem details for every error."""
    return {200: ok, **ERRORS, **{int(code[1:]): schema for code, schema in more.items()}}
