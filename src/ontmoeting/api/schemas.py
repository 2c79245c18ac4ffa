"""The shapes the API answers with (its OpenAPI components)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

#: Ids fit a 32-bit integer (a larger one names nothing, and must not reach the database).
MAX_ID = 2**31 - 1


class EditionOut(Schema):
    id: int
    year: int
    format: str
    title: str
    date: dt.date
    status: str


class EditionDetailOut(EditionOut):
    window_start: dt.date
    window_end: dt.date
    venue: str | None
    target_pairs: int
    participants: int


class ParticipantOut(Schema):
    """A participant as coordinators see them on the participant pages."""

    id: int
    ref: str
    role: str
    status: str
    first_name: str
    last_name: str
    email: str
    phone: str
    language: str
    class_group: str


class PairOut(Schema):
    student: str
    expert: str
    room: str | None


class GroupOut(Schema):
    name: str
    chair: str
    members: list[str]
    room: str | None


class PlanOut(Schema):
    """A plan exactly as ``ontmoeting plan YEAR --json`` prints it (people by their refs)."""

    version: int
    pairs: list[PairOut]
    groups: list[GroupOut]
    unpaired: list[Any]
    violations: list[Any]
    objective: dict[str, Any]
    seconds: float


class CheckinIn(Schema):
    """One tap at the desk: a participant id or a badge code, and the desk's own key."""

    key: str = Field(
        min_length=1, max_length=64, description="Your id of this tap: a repeat counts once."
    )
    kind: Literal["arrive", "leave", "undo"] = "arrive"
    participant: int | None = Field(default=None, ge=1, le=MAX_ID)
    badge: str | None = Field(default=None, max_length=200, description="The code of a badge.")
    at: dt.datetime | None = Field(default=None, description="When it happened (default: now).")


class CheckinOut(Schema):
    key: str
    outcome: Literal["done", "already", "repeated"]
    kind: str
    participant: int
    ref: str
    present: bool
    at: dt.datetime | None


class VariableOut(Schema):
    name: str
    label: str
    type: str
    wave: str
    subscale: str


class ResearchOut(Schema):
    """The de-identified data set of the research export: one row per pseudonym."""

    edition_year: int
    audience: str
    profile: str
    variables: list[VariableOut]
    rows: list[dict[str, Any]]


class ClaimOut(Schema):
    """An approved (or paid) claim, with what a payment needs and no more."""

    id: int
    status: str
    account_holder: str
    iban_masked: str
    total: str
    approved_at: dt.datetime | None
    batch: int | None
    end_to_end_id: str
    paid_at: dt.datetime | None
