"""Repair on the day: the published plan, given who is absent, with the fewest changes.

``propose_repair`` runs the engine's repair (``engine/repair.py``: the morning re-solved so the
fewest students change expert, an absent chair replaced by a willing member, groups rebalanced
only as needed) on the published version and words every change; it writes nothing.
``apply_repair`` does the same, then in one go: marks the absent people absent, saves the result
as a new plan version ("hersteld om 10:07"), publishes it (the engine's check again, with the
absent people gone), and queues a "schedule changed" message for everyone whose day changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.dayof.board import arrived_unplanned, named_in
from ontmoeting.dayof.checkin import EXPECTED
from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.engine.repair import Change, RepairResult, repair_plan
from ontmoeting.messaging.bulk import participant_values
from ontmoeting.messaging.enums import MessageKind
from ontmoeting.messaging.services import queue_message
from ontmoeting.planning.checking import plan_settings, saved_result
from ontmoeting.planning.inputs import EditionInputs, edition_inputs, engine_ref
from ontmoeting.planning.models import Plan, PlanStatus
from ontmoeting.planning.publish import CannotPublish, publish_plan
from ontmoeting.planning.services import save_result
from ontmoeting.planning.wording import Names, violation_text
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.tokens import issue_link


class CannotRepair(ValueError):
    """Nothing to repair (no published plan, nobody absent); the message says why."""


@dataclass(frozen=True)
class Proposal:
    """The repaired plan, its changes and their sentences, before anything is written."""

    edition: Edition
    published: Plan
    absent: tuple[Participant, ...]
    result: RepairResult
    sentences: tuple[tuple[str, str], ...]  # (ref of the person concerned, sentence)
    inputs: EditionInputs

    @property
    def feasible(self) -> bool:
        return self.result.feasible

    @property
    def problems(self) -> list[str]:
        """The hard rules the repaired plan would break, in words (the one check's verdict)."""
        names = Names(people=_names(self.inputs))
        return [violation_text(v.to_json(), names) for v in self.result.violations if v.hard]


def published_plan(edition: Edition) -> Plan | None:
    return (
        Plan.objects.filter(edition=edition, status=PlanStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


def _names(inputs: EditionInputs) -> dict[str, str]:
    return {ref: p.person.full_name for ref, p in inputs.participants.items()}


def _group_name(index: str | None) -> str:
    if index is None or not str(index).lstrip("-").isdigit():
        return str(index or "—")
    return _("Group %(n)s") % {"n": int(index) + 1}


def sentence(change: Change, names: dict[str, str]) -> str:
    """One change in words, for the coordinator, the desk and the message (``Change`` of
    ``engine/repair.py``: ``ref`` is a person, or a group index for new_chair and group_room)."""
    person = names.get(change.ref, change.ref)
    before = names.get(change.before or "", change.before or "—")
    after = names.get(change.after or "", change.after or "—")
    parts = {
        "who": person,
        "before": before,
        "after": after,
        "group": _group_name(change.ref),
        "from": _group_name(change.before),
        "to": _group_name(change.after),
    }
    if change.before in (None, "None") and change.kind in ("repair_pair", "move"):
        return {
            "repair_pair": _("%(who)s was not in the plan and now talks with %(after)s"),
            "move": _("%(who)s was not in the plan and joins %(to)s"),
        }[change.kind] % parts
    texts = {
        "repair_pair": _("%(who)s now talks with %(after)s instead of %(before)s"),
        "unserved": _("%(who)s has no conversation partner left this morning"),
        "expert_free": _("%(who)s has no student this morning (their student is absent)"),
        "remove": _("%(who)s is absent and leaves %(from)s"),
        "new_chair": _("%(after)s now chairs %(group)s instead of %(before)s"),
        "move": _("%(who)s moves from %(from)s to %(to)s"),
        "room": _("the conversation of %(who)s moves from room %(before)s to %(after)s"),
        "group_room": _("%(group)s moves from room %(before)s to %(after)s"),
    }
    return texts.get(change.kind, _("%(who)s: %(kind)s")) % {**parts, "kind": change.kind}


def concerned(change: Change, groups: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """The people whose day a change changes: the person, or everyone of the group."""
    if change.kind in ("new_chair", "group_room") and change.ref.isdigit():
        return groups.get(int(change.ref), ())
    return (change.ref,)


def propose_repair(edition: Edition, *, absent: Sequence[Participant]) -> Proposal:
    """The repair of the published plan for ``absent`` people; writes nothing."""
    published = published_plan(edition)
    if published is None:
        raise CannotRepair(_("There is no published plan to repair."))
    if not absent and not arrived_unplanned(edition, published):
        raise CannotRepair(
            _("Say who is absent: nobody was chosen, and nobody arrived who is not in the plan.")
        )
    inputs = edition_inputs(edition)
    refs = {engine_ref(p) for p in absent}
    result = repair_plan(
        saved_result(published, inputs),
        inputs.students,
        inputs.experts,
        inputs.rooms,
        plan_settings(published.settings),
        absent=refs,
        blocks=inputs.blocks,
    )
    names = {**_names(inputs), **{engine_ref(p): p.person.full_name for p in absent}}
    groups = {g.index: g.members for g in result.plan.groups}
    sentences = tuple(
        (ref, sentence(c, names)) for c in result.changes for ref in concerned(c, groups)
    )
    return Proposal(edition, published, tuple(absent), result, sentences, inputs)


def apply_repair(edition: Edition, *, absent: Sequence[Participant], actor: Actor) -> Plan:
    """Repair, save as a new version, publish it, and tell the people whose day changed.

    A repair that would break a hard rule is refused before anything is written (the proposal
    names the rules; the coordinator edits the plan by hand instead)."""
    proposal = propose_repair(edition, absent=absent)
    if not proposal.feasible:
        raise CannotRepair(
            _("The repaired plan would break a hard rule: %(problems)s")
            % {"problems": "; ".join(proposal.problems) or "—"}
        )
    now = timezone.localtime()
    try:
        with transaction.atomic():  # statuses, the new version and its publication, or nothing
            plan = _save_and_publish(edition, proposal, absent, actor, now.strftime("%H:%M"))
    except CannotPublish as exc:
        raise CannotRepair(str(exc)) from None
    _tell(proposal, plan, actor)
    record(
        "plan.repair",
        actor=actor,
        obj=plan,
        version=plan.version,
        absent=sorted(p.ref for p in absent),
        changes=len(proposal.result.changes),
    )
    return plan


def _save_and_publish(
    edition: Edition, proposal: Proposal, absent: Sequence[Participant], actor: Actor, at: str
) -> Plan:
    Participant.objects.filter(pk__in=[p.pk for p in absent], status__in=EXPECTED).exclude(
        status=ParticipantStatus.PRESENT
    ).update(status=ParticipantStatus.ABSENT, updated=timezone.now())  # a cancellation stays one
    plan = save_result(
        edition,
        proposal.result.plan,
        inputs=proposal.inputs,
        actor=actor,
        seed=proposal.published.seed,
        settings=plan_settings(proposal.published.settings),
        based_on=proposal.published,
        change={
            "action": "plan.repair",
            "at": at,
            "absent": sorted(engine_ref(p) for p in absent),
            "changes": len(proposal.result.changes),
        },
    )
    return publish_plan(plan, actor=actor)


def _tell(proposal: Proposal, plan: Plan, actor: Actor) -> None:
    """A "schedule changed" message for each person concerned who is not absent."""
    absent = {p.pk for p in proposal.absent}
    by_ref: dict[str, list[str]] = {}
    for ref, text in proposal.sentences:
        by_ref.setdefault(ref, []).append(text)
    for ref, texts in by_ref.items():
        participant = proposal.inputs.participants.get(ref)
        if participant is None or participant.pk in absent:
            continue
        link = issue_link(participant.person, purpose="personal_page", participant=participant)
        values = participant_values(
            participant,
            kind=MessageKind.PLAN_CHANGED,
            extra={"changes": "\n".join(texts)},
            link=link,
        )
        queue_message(
            kind=MessageKind.PLAN_CHANGED,
            person=participant.person,
            edition=proposal.edition,
            participant=participant,
            context=values,
            actor=actor,
            dedupe_key=f"plan_repair:{plan.pk}:{participant.pk}",
        )


def gone_from_plan(edition: Edition) -> list[Participant]:
    """People in the published plan who cancelled or declined since (or were marked absent by
    hand): their partners' and groups' days still show them until the plan is repaired."""
    plan = published_plan(edition)
    if plan is None:
        return []
    in_plan = named_in(plan)
    return list(
        edition.participants.filter(pk__in=in_plan)
        .exclude(status__in=EXPECTED)
        .select_related("person")
        .order_by("ref")
    )
