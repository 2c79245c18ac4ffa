"""The coordinator side of pseudonymity: the only module that reads ``StudyCodeVault``.

Researcher pages, researcher selectors (``selectors.py``) and exports never import this module;
a test asserts it. Coordinators use it to invite, to remind only those who have not answered,
and to see experts flagged for recruitment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from ontmoeting.editions.enums import TAKING_PART, ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.people.models import Person
from ontmoeting.surveys.codes import random_study_code
from ontmoeting.surveys.enums import Audience, WaveKind
from ontmoeting.surveys.models import (
    Answer,
    Response,
    StudyCode,
    StudyCodeVault,
    Wave,
    WaveInvite,
)

AUDIENCE_ROLE: dict[str, str] = {
    Audience.STUDENTS: ParticipantRole.STUDENT,
    Audience.EXPERTS: ParticipantRole.EXPERT,
}


def study_code_for(participant: Participant, *, audience: str) -> StudyCode:
    """The participant's study code in their edition, created (random, unique) on first use."""
    entry = (
        StudyCodeVault.objects.select_related("study_code").filter(participant=participant).first()
    )
    if entry is not None:
        return entry.study_code
    for _attempt in range(20):
        try:
            with transaction.atomic():
                code = StudyCode.objects.create(
                    code=random_study_code(), edition_id=participant.edition_id, audience=audience
                )
                StudyCodeVault.objects.create(study_code=code, participant=participant)
                return code
        except IntegrityError:
            # A collision of random codes (or a concurrent first use): try again / reuse.
            entry = StudyCodeVault.objects.filter(participant=participant).first()
            if entry is not None:
                return entry.study_code
    raise RuntimeError("could not draw a unique study code")  # pragma: no cover


@transaction.atomic
def study_codes_for(participants: Sequence[Participant], *, audience: str) -> dict[int, StudyCode]:
    """The study codes of many participants (by participant id), as ``study_code_for`` gives
    them one by one: existing ones kept, the missing drawn (random, unique) and stored with
    their vault entries in two inserts."""
    found = {
        e.participant_id: e.study_code
        for e in StudyCodeVault.objects.select_related("study_code").filter(
            participant__in=[p.pk for p in participants]
        )
        if e.participant_id is not None
    }
    missing = [p for p in participants if p.pk not in found]
    # In the order drawn: a code says nothing about its participant's place in the list.
    drawn: dict[str, None] = {}
    while len(drawn) < len(missing):
        wanted = [random_study_code() for _ in range(len(missing) - len(drawn))]
        taken = set(StudyCode.objects.filter(code__in=wanted).values_list("code", flat=True))
        drawn.update((code, None) for code in wanted if code not in taken)
    codes = StudyCode.objects.bulk_create(
        StudyCode(code=code, edition_id=p.edition_id, audience=audience)
        for p, code in zip(missing, drawn, strict=True)
    )
    StudyCodeVault.objects.bulk_create(
        StudyCodeVault(study_code=code, participant=p)
        for p, code in zip(missing, codes, strict=True)
    )
    return found | {p.pk: code for p, code in zip(missing, codes, strict=True)}


def audience_participants(wave: Wave) -> QuerySet[Participant]:
    """Who a wave is for: the edition's participants of its audience who take part.

    After the day (post, follow-up, expert feedback) only those marked present, when the
    edition has any presence marked.
    """
    if wave.edition_id is None:  # a practice round invites people, not participants
        return Participant.objects.none()
    taking_part = Participant.objects.filter(
        edition_id=wave.edition_id, role=AUDIENCE_ROLE[wave.audience], status__in=TAKING_PART
    )
    if wave.kind != WaveKind.PRE:
        present = taking_part.filter(status=ParticipantStatus.PRESENT)
        if present.exists():
            taking_part = present
    return taking_part.select_related("person").order_by("pk")


@dataclass(frozen=True)
class Invitee:
    participant: Participant
    invite: WaveInvite


def invitees(wave: Wave, *, only_without_answer: bool = False) -> list[Invitee]:
    """The invited participants of ``wave`` (optionally only those with no completed response
    to this wave: one who completed another wave, or started this one, is still without)."""
    invites = WaveInvite.objects.filter(wave=wave).select_related("study_code")
    if only_without_answer:
        # One subquery on the same response: an exclude() over the reverse relation would let
        # the wave and the completion match two different responses (Django's exclude()
        # semantics for multi-valued relations).
        completed = Response.objects.filter(
            wave=wave, study_code=OuterRef("study_code"), completed_at__isnull=False
        )
        invites = invites.exclude(Exists(completed))
    invites_by_code = {i.study_code_id: i for i in invites}
    entries = StudyCodeVault.objects.filter(study_code_id__in=invites_by_code).select_related(
        "participant__person"
    )
    return [
        Invitee(e.participant, invites_by_code[e.study_code_id])
        for e in entries
        if e.participant is not None
    ]


@dataclass
class FlaggedExpert:
    """An expert whose feedback suggests care in recruiting them again."""

    participant: Participant
    year: int
    reasons: list[str] = field(default_factory=list)
    answers: dict[str, object] = field(default_factory=dict)


def _flags(edition_filter: dict[str, object]) -> dict[int, FlaggedExpert]:
    answers = (
        Answer.objects.filter(
            response__wave__kind=WaveKind.EXPERT_FEEDBACK,
            response__completed_at__isnull=False,
            response__study_code__isnull=False,
            **edition_filter,
        )
        .exclude(item__flag_when={})
        .select_related("item", "response__study_code", "response__wave__edition")
        .order_by("response__wave__edition__date")
    )
    by_code: dict[int, list[Answer]] = {}
    for answer in answers:
        code_id = answer.response.study_code_id
        assert code_id is not None  # the query keeps answers with a study code only
        by_code.setdefault(code_id, []).append(answer)
    vault = {
        e.study_code_id: e.participant
        for e in StudyCodeVault.objects.filter(study_code_id__in=by_code).select_related(
            "participant__person"
        )
    }
    flagged: dict[int, FlaggedExpert] = {}
    for code_id, code_answers in by_code.items():
        participant = vault.get(code_id)
        if participant is None:
            continue
        edition = code_answers[0].response.wave.edition
        if edition is None:
            continue
        year = edition.year
        record = FlaggedExpert(participant=participant, year=year)
        for answer in code_answers:
            value = answer.value_number if answer.value_number is not None else answer.value_choices
            record.answers[answer.item.code] = value
            if answer.item.is_flagged(number=answer.value_number, choices=answer.value_choices):
                label = answer.item.value_labels()
                shown = (
                    label.get(int(answer.value_number), answer.value_number)
                    if answer.value_number is not None
                    else ", ".join(str(label.get(c, c)) for c in answer.value_choices)
                )
                record.reasons.append(f"{answer.item.text_in()} — {shown}")
        if record.reasons:
            # The latest edition's feedback wins for a person.
            flagged[participant.person_id] = record
        else:
            flagged.pop(participant.person_id, None)
    return flagged


def experts_flagged_for_recruitment(edition: Edition) -> list[FlaggedExpert]:
    """Experts whose latest feedback *before* ``edition`` showed low energy or no wish to return.

    For the recruitment of ``edition``: the expert feedback of earlier editions, the latest per
    person. Coordinator-side only (reads the vault).
    """
    flagged = _flags({"response__wave__edition__date__lt": edition.date})
    return sorted(
        flagged.values(), key=lambda f: (f.participant.person.last_name, f.participant.pk)
    )


def experts_flagged_in_feedback(edition: Edition) -> list[FlaggedExpert]:
    """Experts flagged by the expert feedback of ``edition`` itself."""
    flagged = _flags({"response__wave__edition": edition})
    return sorted(
        flagged.values(), key=lambda f: (f.participant.person.last_name, f.participant.pk)
    )


# --------------------------------------------------------- a person's copy and erasure


def person_study_rows(person: Person) -> list[dict[str, object]]:
    """The person's study codes with their answers (for their copy, ``privacy/subject.py``)."""
    entries = StudyCodeVault.objects.filter(
        Q(participant__person=person) | Q(person=person)
    ).select_related("study_code", "participant__edition")
    codes = {e.study_code_id: e for e in entries}
    answers = (
        Answer.objects.filter(response__study_code_id__in=codes)
        .select_related("response__wave", "item")
        .order_by("response__wave__opens", "item__pk", "pk")
    )
    by_code: dict[int, list[dict[str, object]]] = {code_id: [] for code_id in codes}
    for answer in answers:
        response = answer.response
        assert response.study_code_id is not None
        by_code[response.study_code_id].append(
            {
                "wave": response.wave.kind,
                "item": answer.item.code,
                "number": answer.value_number,
                "choices": answer.value_choices,
                "text": answer.value_text,
            }
        )
    return [
        {
            "edition": entry.participant.edition.year if entry.participant else None,
            "study_code": entry.study_code.code,
            "answers": by_code[code_id],
        }
        for code_id, entry in codes.items()
    ]


def unlink_person(person: Person) -> int:
    """Remove the link between the person's study codes and them: their answers stay, under
    the study code only (pseudonymous research data). Returns how many links were removed."""
    return StudyCodeVault.objects.filter(Q(participant__person=person) | Q(person=person)).delete()[
        0
    ]
