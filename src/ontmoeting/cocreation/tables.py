"""Plan the mixed tables of a co-creation meeting and keep its harvest (services: writes).

An edition becomes the engine's :class:`~ontmoeting.engine.table_rules.TableProblem` (the
experts and professionals who confirmed, who is willing to facilitate or co-facilitate, each
professional's sector and organisation, the knows links); the engine's seating is saved as the
next :class:`~ontmoeting.cocreation.models.TablePlan` version with its seats and violations in
one transaction, and audited. The engine runs outside the transaction, so a crash in between
leaves no half-written plan. The harvest is one note per round and table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ontmoeting.cocreation.enums import SeatRole
from ontmoeting.cocreation.models import TableNote, TablePlan, TableSeat
from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, KnowsLink, Participant
from ontmoeting.engine.results import RuleCheck, Violation
from ontmoeting.engine.table_rules import Table, TableMember, TableProblem, check_tables
from ontmoeting.engine.tables import TableResult, solve_tables
from ontmoeting.planning.inputs import engine_ref
from ontmoeting.privacy.audit import Actor, record

#: Who is seated at the tables: the experts and professionals who confirmed (or are present).
SEATED = (ParticipantStatus.CONFIRMED, ParticipantStatus.PRESENT)
TABLE_ROLES = (ParticipantRole.EXPERT, ParticipantRole.PROFESSIONAL)


class NothingToSeat(ValueError):
    """The edition has no confirmed experts or professionals to seat."""


@dataclass(frozen=True)
class TableInputs:
    """The engine's members and knows pairs for an edition, and who each ref is."""

    members: tuple[TableMember, ...]
    knows: tuple[tuple[str, str], ...]
    participants: dict[str, Participant]  # engine ref -> participant

    def problem(
        self, *, rounds: int, min_size: int, max_size: int, co_facilitator: bool
    ) -> TableProblem:
        return TableProblem(
            members=self.members,
            rounds=rounds,
            min_size=min_size,
            max_size=max_size,
            co_facilitator=co_facilitator,
            knows=self.knows,
        )


def seated_people(edition: Edition) -> list[Participant]:
    """The confirmed experts and professionals of ``edition`` with their profiles (one query)."""
    return list(
        edition.participants.filter(status__in=SEATED, role__in=TABLE_ROLES)
        .select_related(
            "person",
            "person__expert_profile",
            "person__professional_profile",
            "person__professional_profile__sector",
        )
        .order_by("role", "ref", "pk")
    )


def _member(p: Participant) -> TableMember:
    ref = engine_ref(p)
    if p.role == ParticipantRole.EXPERT:
        profile = getattr(p.person, "expert_profile", None)
        return TableMember(ref, "expert", can_facilitate=bool(profile and profile.can_chair))
    pro = getattr(p.person, "professional_profile", None)
    return TableMember(
        ref,
        "professional",
        can_co_facilitate=bool(pro and pro.can_co_facilitate),
        sector=pro.sector.code if pro else "",
        organisation=pro.organisation if pro else "",
    )


def table_inputs(edition: Edition) -> TableInputs:
    """``edition`` as the engine's input (two queries)."""
    people = seated_people(edition)
    refs = {p.pk: engine_ref(p) for p in people}
    knows = tuple(
        (refs[a], refs[b])
        for a, b in KnowsLink.objects.filter(edition=edition).values_list("a_id", "b_id")
        if a in refs and b in refs
    )
    return TableInputs(
        members=tuple(_member(p) for p in people),
        knows=knows,
        participants={engine_ref(p): p for p in people},
    )


def plan_tables(
    edition: Edition,
    *,
    actor: Actor,
    rounds: int = 2,
    min_size: int = 5,
    max_size: int = 8,
    co_facilitator: bool = False,
    seed: int = 1,
    time_limit: float = 2.0,
) -> tuple[TablePlan, TableResult]:
    """Seat the confirmed experts and professionals of ``edition`` at mixed tables for
    ``rounds`` rounds and save the result as the next table-plan version."""
    inputs = table_inputs(edition)
    experts = sum(1 for m in inputs.members if m.role == "expert")
    if not experts or experts == len(inputs.members):
        raise NothingToSeat(
            _(
                "Edition %(year)s has %(e)s experts by experience and %(p)s professionals who "
                "confirmed: nothing to seat."
            )
            % {"year": edition.year, "e": experts, "p": len(inputs.members) - experts}
        )
    problem = inputs.problem(
        rounds=rounds, min_size=min_size, max_size=max_size, co_facilitator=co_facilitator
    )
    result = solve_tables(problem, seed=seed, time_limit=time_limit)
    plan = save_tables(
        edition,
        result,
        inputs=inputs,
        actor=actor,
        rounds=rounds,
        min_size=min_size,
        max_size=max_size,
        co_facilitator=co_facilitator,
        seed=seed,
    )
    return plan, result


def save_tables(
    edition: Edition,
    result: TableResult,
    *,
    inputs: TableInputs,
    actor: Actor,
    rounds: int,
    min_size: int,
    max_size: int,
    co_facilitator: bool,
    seed: int,
) -> TablePlan:
    """Save the engine's ``result`` as the next table-plan version of ``edition`` (atomic)."""
    people = inputs.participants
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).get()
        version = (edition.table_plans.aggregate(v=Max("version"))["v"] or 0) + 1
        plan = TablePlan.objects.create(
            edition=edition,
            version=version,
            rounds=rounds,
            min_size=min_size,
            max_size=max_size,
            seed=seed,
            options={
                "co_facilitator": co_facilitator,
                "notes": [n.to_json() for n in result.notes],
            },
            violations=[v.to_json() for v in result.violations],
            created_by=actor if isinstance(actor, User) else None,
        )
        TableSeat.objects.bulk_create(
            TableSeat(
                plan=plan,
                round=t.round + 1,
                table=t.index + 1,
                participant=people[ref],
                role=_seat_role(t, ref),
            )
            for t in result.tables
            for ref in t.members
        )
        record(
            "tables.create",
            actor=actor,
            obj=plan,
            edition=edition.pk,
            version=version,
            rounds=rounds,
            tables=len(result.tables),
            feasible=result.feasible,
            violations=len(result.violations),
        )
    return plan


def _seat_role(t: Table, ref: str) -> str:
    if ref == t.facilitator:
        return SeatRole.FACILITATOR
    if ref == t.co_facilitator:
        return SeatRole.CO_FACILITATOR
    return SeatRole.MEMBER


# ------------------------------------------------------------------ the one check


def saved_seating(plan: TablePlan) -> list[Table]:
    """The seats of ``plan`` as the engine's tables (rounds and tables from 0; one query)."""
    grouped: dict[tuple[int, int], dict[str, list[str]]] = {}
    seats = plan.seats.select_related("participant").order_by("round", "table", "pk")
    for seat in seats:
        slot = grouped.setdefault((seat.round - 1, seat.table - 1), {})
        slot.setdefault(seat.role, []).append(engine_ref(seat.participant))
    tables = []
    for (r, t), roles in sorted(grouped.items()):
        facilitator = (roles.get(SeatRole.FACILITATOR) or [""])[0]
        co = (roles.get(SeatRole.CO_FACILITATOR) or [""])[0]
        members = [facilitator, co, *roles.get(SeatRole.MEMBER, [])]
        tables.append(Table(r, t, facilitator, co, tuple(m for m in members if m)))
    return tables


def check_saved_tables(
    plan: TablePlan, inputs: TableInputs | None = None
) -> tuple[tuple[RuleCheck, ...], tuple[Violation, ...]]:
    """``plan``'s seating as it stands now, checked by the engine against today's roster (a
    participant who stopped taking part is named, not silently dropped)."""
    inputs = inputs or table_inputs(plan.edition)
    problem = inputs.problem(
        rounds=plan.rounds,
        min_size=plan.min_size,
        max_size=plan.max_size,
        co_facilitator=bool(plan.options.get("co_facilitator")),
    )
    return check_tables(problem, saved_seating(plan))


def plan_violations(plan: TablePlan) -> list[dict[str, Any]]:
    """``plan``'s violations as they stand now (JSON): the engine's check of the saved seating,
    or the stored reasons when no table could be formed."""
    if not plan.seats.exists():
        return list(plan.violations)
    return [v.to_json() for v in check_saved_tables(plan)[1]]


# ------------------------------------------------------------------ the harvest


def save_note(
    plan: TablePlan, *, round: int, table: int, text: str, actor: Actor
) -> TableNote | None:
    """Keep ``text`` as the harvest of ``table`` in ``round`` (both from 1): one note per table
    and round, replaced when written again, removed when emptied; idempotent."""
    text = text.strip()
    seats = plan.seats.filter(round=round, table=table)
    if not seats.exists():
        raise ValueError(f"plan {plan.pk} has no table {table} in round {round}")
    with transaction.atomic():
        note = (
            TableNote.objects.select_for_update()
            .filter(plan=plan, round=round, table=table)
            .order_by("created", "pk")
            .first()
        )
        if note is not None and note.text == text:
            return note
        if not text:
            if note is not None:
                TableNote.objects.filter(plan=plan, round=round, table=table).delete()
                record("tables.note_delete", actor=actor, obj=plan, round=round, table=table)
            return None
        user = actor if isinstance(actor, User) else None
        if note is None:
            note = TableNote.objects.create(
                plan=plan, round=round, table=table, text=text, written_by=user
            )
        else:
            note.text, note.written_by = text, user
            note.save(update_fields=["text", "written_by", "updated"])
        record("tables.note", actor=actor, obj=plan, round=round, table=table, chars=len(text))
    return note
