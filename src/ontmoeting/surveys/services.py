"""Writes of the surveys app: waves, invitations and reminders, answers, paper forms, coding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.editions.enums import BlockKind
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.messaging.enums import MessageKind
from ontmoeting.messaging.services import queue_message
from ontmoeting.privacy.audit import Actor, actor_user, record
from ontmoeting.privacy.tokens import hash_token
from ontmoeting.surveys import vault
from ontmoeting.surveys.codes import invite_token, normalise_self_code
from ontmoeting.surveys.defaults import DEFAULT_FOR_WAVE, ensure_default_instruments
from ontmoeting.surveys.enums import (
    SURVEY_LANGUAGES,
    Audience,
    ItemKind,
    ResponseSource,
    WaveKind,
    WaveStatus,
)
from ontmoeting.surveys.models import (
    Answer,
    CodedSegment,
    Instrument,
    Item,
    QualCode,
    Response,
    StudyCode,
    Wave,
    WaveInvite,
)
from ontmoeting.surveys.scrub_names import database_scrubber

#: The message kind of a wave's invitation: before the day it speaks of the coming day, after
#: it of the day that was; experts read their own text (``messaging.enums.kind_for``).
INVITATION_KINDS: dict[str, str] = {
    WaveKind.PRE: MessageKind.SURVEY_PRE,
    WaveKind.POST: MessageKind.SURVEY_POST,
    WaveKind.FOLLOW_UP: MessageKind.SURVEY_POST,
    WaveKind.EXPERT_FEEDBACK: MessageKind.SURVEY_POST,
}
#: The kind of a reminder to answer (no thanks: a pre wave's reminder comes before the day).
REMINDER_KIND = MessageKind.SURVEY_REMINDER


#: Edition -> {class group: when its debriefing session ends}; empty without sessions. Set by
#: the app that schedules debriefings on their own date (dayof, in its AppConfig.ready()).
SessionEnds = Callable[[Edition], Mapping[str, dt.datetime]]
_SESSION_SOURCES: list[SessionEnds] = []


def register_debriefing_sessions(source: SessionEnds) -> None:
    """Ask ``source`` for the debriefing sessions per class group; registering twice is one."""
    if source not in _SESSION_SOURCES:
        _SESSION_SOURCES.append(source)


def debriefing_session_ends(edition: Edition) -> dict[str, dt.datetime]:
    """When each class group's debriefing session ends (empty when none is scheduled)."""
    ends: dict[str, dt.datetime] = {}
    for source in _SESSION_SOURCES:
        ends.update(source(edition))
    return ends


def debriefing_end(edition: Edition) -> dt.datetime | None:
    """When the debriefing opens the post survey: the end of the first class group's session
    when there are sessions, else the end of the debriefing block on the day, else None."""
    sessions = debriefing_session_ends(edition)
    if sessions:
        return min(sessions.values())
    block = edition.blocks.filter(kind=BlockKind.DEBRIEFING).order_by("-ends").first()
    if block is None:
        return None
    return timezone.make_aware(dt.datetime.combine(edition.date, block.ends))


def debriefing_end_for(participant: Participant) -> dt.datetime | None:
    """When ``participant``'s debriefing ends: their class group's session, else the edition's
    rule (``debriefing_end``)."""
    sessions = debriefing_session_ends(participant.edition)
    return sessions.get(participant.class_group) or debriefing_end(participant.edition)


def day_start(edition: Edition) -> dt.datetime:
    first = edition.blocks.exclude(kind=BlockKind.DEBRIEFING).order_by("starts").first()
    return timezone.make_aware(
        dt.datetime.combine(edition.date, first.starts if first else dt.time(9))
    )


def check_wave_dates(
    *, edition: Edition, kind: str, opens: dt.datetime, closes: dt.datetime
) -> None:
    """Raise ValidationError when the dates do not fit the kind of wave."""
    if opens >= closes:
        raise ValidationError({"closes": _("A wave must close after it opens.")})
    if kind == WaveKind.PRE and closes > day_start(edition):
        raise ValidationError({"closes": _("The pre wave must close before the day starts.")})
    if kind in (WaveKind.POST, WaveKind.FOLLOW_UP):
        end = debriefing_end(edition)
        if end is None:
            raise ValidationError(
                {
                    "kind": _(
                        "Schedule the debriefing workshop in the programme first: the post "
                        "survey opens after it."
                    )
                }
            )
        if opens < end:
            raise ValidationError(
                {
                    "opens": _("The wave opens after the debriefing workshop (%(end)s).")
                    % {"end": timezone.localtime(end).strftime("%Y-%m-%d %H:%M")}
                }
            )


@transaction.atomic
def create_wave(
    *,
    edition: Edition,
    kind: str,
    opens: dt.datetime,
    closes: dt.datetime,
    actor: Actor,
    instrument: Instrument | None = None,
    audience: str | None = None,
) -> Wave:
    """Create the ``kind`` wave of ``edition`` (idempotent: an existing one is returned)."""
    existing = Wave.objects.filter(edition=edition, kind=kind).first()
    if existing is not None:
        return existing
    if kind not in WaveKind.values:
        raise ValidationError({"kind": _("Unknown kind of wave.")})
    check_wave_dates(edition=edition, kind=kind, opens=opens, closes=closes)
    if instrument is None:
        instrument = ensure_default_instruments()[DEFAULT_FOR_WAVE[kind]]
    if audience is None:
        audience = Audience.EXPERTS if kind == WaveKind.EXPERT_FEEDBACK else Audience.STUDENTS
    wave = Wave.objects.create(
        edition=edition,
        kind=kind,
        opens=opens,
        closes=closes,
        instrument=instrument,
        audience=audience,
    )
    record("surveys.wave_created", actor=actor, obj=wave, kind=kind)
    return wave


@transaction.atomic
def set_wave_status(*, wave: Wave, status: str, actor: Actor) -> Wave:
    """Open or close a wave (idempotent). A closed wave may be reopened."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status == status:
        return wave
    if status not in WaveStatus.values:
        raise ValidationError(_("Unknown status."))
    wave.status = status
    wave.save(update_fields=["status"])
    record("surveys.wave_status", actor=actor, obj=wave, status=status)
    return wave


def survey_url(wave: Wave, code: StudyCode) -> str:
    token = invite_token(wave.pk, code.code)
    return settings.SITE_URL + reverse("web:survey-take", kwargs={"token": token})


def _send(invitee: vault.Invitee, *, wave: Wave, actor: Actor, key: str, kind: str) -> None:
    participant = invitee.participant
    queue_message(
        kind=kind,
        person=participant.person,
        edition=wave.edition,
        participant=participant,
        context={"survey_link": survey_url(wave, invitee.invite.study_code)},
        actor=actor,
        dedupe_key=key,
    )


def _debriefed(
    wave: Wave, participants: Iterable[Participant], now: dt.datetime
) -> Iterator[Participant]:
    """The participants a post or follow-up wave may invite at ``now``: those whose class
    group's debriefing session has ended; those without a session as before (the wave is open,
    so the edition's debriefing has passed). A later call finds those whose session ended since.
    """
    sessions = (
        debriefing_session_ends(wave.edition)
        if wave.edition is not None and wave.kind in (WaveKind.POST, WaveKind.FOLLOW_UP)
        else {}
    )
    for participant in participants:
        end = sessions.get(participant.class_group)
        if end is None or end <= now:
            yield participant


def _when(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _refuse_when_closed(wave: Wave, now: dt.datetime) -> None:
    """Nobody is asked to answer a wave whose closing date has passed: the link would show
    "closed" (move the closing date first)."""
    if wave.closes <= now:
        raise ValidationError(
            _(
                "This wave closed on %(date)s: an invitation or reminder now would lead to a "
                "closed questionnaire. Move its closing date first."
            )
            % {"date": _when(wave.closes)},
            code="past_closing_date",
        )


def _refuse_reminder_unless_open(wave: Wave, now: dt.datetime) -> None:
    """A reminder goes out only while the wave takes answers: status open and between its
    opening and closing dates. Each refusal says what to do."""
    if wave.status == WaveStatus.DRAFT:
        raise ValidationError(
            _("This wave is still a draft: open it and send the invitations before reminding."),
            code="draft",
        )
    if wave.status != WaveStatus.OPEN:
        raise ValidationError(
            _("This wave is closed: reopen it before sending reminders."), code="closed"
        )
    if now < wave.opens:
        raise ValidationError(
            _(
                "This wave opens on %(date)s: a reminder now would lead to a questionnaire "
                "that does not take answers yet."
            )
            % {"date": _when(wave.opens)},
            code="not_yet_open",
        )
    _refuse_when_closed(wave, now)


def check_reminders_allowed(wave: Wave, now: dt.datetime | None = None) -> None:
    """Raise the ValidationError :func:`remind_wave` would (before a reminder is queued)."""
    _refuse_reminder_unless_open(wave, now or timezone.now())


@transaction.atomic
def invite_wave(*, wave: Wave, actor: Actor) -> int:
    """Give every person of the wave's audience a study code and an invitation; queue messages.

    Idempotent: people already invited get nothing new. Returns the number newly invited. In a
    post or follow-up wave a student is invited once their class group's debriefing session has
    ended (``debriefing_end_for``): a later call invites those whose session ended since.
    """
    if wave.status != WaveStatus.OPEN:
        raise ValidationError(_("Open the wave before sending invitations."))
    now = timezone.now()
    _refuse_when_closed(wave, now)
    new = 0
    for participant in _debriefed(wave, vault.audience_participants(wave), now):
        code = vault.study_code_for(participant, audience=wave.audience)
        language = participant.language if participant.language in SURVEY_LANGUAGES else "nl"
        invite, _created = WaveInvite.objects.get_or_create(
            wave=wave,
            study_code=code,
            defaults={
                "token_hash": hash_token(invite_token(wave.pk, code.code)),
                "language": language,
            },
        )
        if invite.invited_at is not None:
            continue
        _send(
            vault.Invitee(participant, invite),
            wave=wave,
            actor=actor,
            key=f"survey-invite:{wave.pk}:{code.code}",
            kind=INVITATION_KINDS[wave.kind],
        )
        invite.invited_at = now
        invite.save(update_fields=["invited_at"])
        new += 1
    if new:
        record("surveys.invited", actor=actor, obj=wave, count=new)
    return new


@transaction.atomic
def remind_wave(*, wave: Wave, actor: Actor) -> int:
    """Remind only the invitees who have not completed the wave; returns how many were reminded.

    Refused (ValidationError, with a code) unless the wave takes answers now: a draft
    (``draft``), a closed wave (``closed``), one whose opening date is still to come
    (``not_yet_open``) or whose closing date has passed (``past_closing_date``).
    """
    now = timezone.now()
    _refuse_reminder_unless_open(wave, now)
    count = 0
    for invitee in vault.invitees(wave, only_without_answer=True):
        invite = invitee.invite
        if invite.invited_at is None:
            continue
        invite.reminder_count += 1
        invite.reminded_at = now
        invite.save(update_fields=["reminder_count", "reminded_at"])
        _send(
            invitee,
            wave=wave,
            actor=actor,
            key=f"survey-remind:{wave.pk}:{invite.study_code.code}:{invite.reminder_count}",
            kind=REMINDER_KIND,
        )
        count += 1
    if count:
        record("surveys.reminded", actor=actor, obj=wave, count=count)
    return count


def invite_for_token(token: str) -> WaveInvite | None:
    """The invitation a survey link opens, or None (unknown or malformed token)."""
    if not token or len(token) > 64:
        return None
    return (
        WaveInvite.objects.select_related("wave__instrument", "wave__edition", "study_code")
        .filter(token_hash=hash_token(token))
        .first()
    )


class AnswerError(ValidationError):
    """An answer does not fit its item."""


def clean_value(item: Item, raw: Any) -> dict[str, Any] | None:
    """The Answer fields for a raw value (str, number or list), None when unanswered."""
    if raw in (None, "", []):
        return None
    if item.kind == ItemKind.LIKERT:
        try:
            number = int(raw)
        except (TypeError, ValueError) as exc:
            raise AnswerError(_("Choose one of the options.")) from exc
        if number not in item.scale_values():
            raise AnswerError(_("Choose one of the options."))
        return {"value_number": float(number), "value_choices": [], "value_text": ""}
    allowed = {c["value"] for c in item.choices}
    if item.kind == ItemKind.SINGLE:
        if raw not in allowed:
            raise AnswerError(_("Choose one of the options."))
        return {"value_number": None, "value_choices": [raw], "value_text": ""}
    if item.kind == ItemKind.MULTIPLE:
        values = [raw] if isinstance(raw, str) else list(raw)
        if not set(values) <= allowed:
            raise AnswerError(_("Choose from the options."))
        ordered = [c["value"] for c in item.choices if c["value"] in values]
        return {"value_number": None, "value_choices": ordered, "value_text": ""}
    text = str(raw).strip()[:5000]
    return {"value_number": None, "value_choices": [], "value_text": text} if text else None


def _write_answers(response: Response, items: list[Item], data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for item in items:
        if item.code not in data:
            continue
        try:
            fields = clean_value(item, data[item.code])
        except AnswerError as exc:
            errors[item.code] = exc.messages[0]
            continue
        if fields is None:
            Answer.objects.filter(response=response, item=item).delete()
        else:
            Answer.objects.update_or_create(response=response, item=item, defaults=fields)
    return errors


@dataclass(frozen=True)
class SaveResult:
    response: Response | None
    errors: dict[str, str]
    missing: list[str]


@transaction.atomic
def save_online_answers(
    *, invite: WaveInvite, data: dict[str, Any], self_code: str = "", complete: bool = False
) -> SaveResult:
    """Keep the invitee's answers (a partial response is kept); ``complete`` submits it.

    Nothing changes once a response is complete or the wave is not accepting answers. Required
    items must be answered to complete.
    """
    wave = invite.wave
    response = Response.objects.filter(wave=wave, study_code=invite.study_code).first()
    if response is not None and response.completed_at is not None:
        return SaveResult(response, {}, [])
    if not wave.is_accepting(timezone.now()):
        return SaveResult(response, {"__all__": _("This survey is closed.")}, [])
    if response is None:
        response = Response.objects.create(
            wave=wave,
            study_code=invite.study_code,
            source=ResponseSource.ONLINE,
            language=invite.language,
        )
    items = list(wave.instrument.items.all())
    errors = _write_answers(response, items, data)
    normalised = normalise_self_code(self_code)
    if normalised and normalised != response.self_code:
        response.self_code = normalised
    missing: list[str] = []
    if complete and not errors:
        answered = set(
            Answer.objects.filter(response=response).values_list("item__code", flat=True)
        )
        missing = [i.code for i in items if i.required and i.code not in answered]
        if not missing:
            response.completed_at = timezone.now()
    response.save()
    return SaveResult(response, errors, missing)


@transaction.atomic
def enter_paper_response(
    *,
    wave: Wave,
    self_code: str,
    answers: dict[str, Any],
    actor: Actor,
    study_code: str = "",
) -> Response:
    """Store a paper form typed in by staff: complete, linked by self-code (and study code if
    the form carries one). Raises ValidationError naming the fields that are wrong."""
    normalised = normalise_self_code(self_code)
    code = None
    if study_code.strip():
        code = StudyCode.objects.filter(
            code=study_code.strip().upper(), edition=wave.edition_id
        ).first()
        if code is None:
            raise ValidationError(
                {"study_code": _("This study code does not belong to this edition.")}
            )
        if Response.objects.filter(wave=wave, study_code=code).exists():
            raise ValidationError(
                {"study_code": _("This study code has already answered this wave.")}
            )
    if not normalised and code is None:
        raise ValidationError(
            {
                "self_code": _(
                    "Give the self-made code as on the form: two letters, two digits, "
                    "two letters (e.g. MA07GE)."
                )
            }
        )
    response = Response.objects.create(
        wave=wave,
        study_code=code,
        self_code=normalised,
        source=ResponseSource.PAPER,
        entered_by=actor_user(actor),
        completed_at=timezone.now(),
    )
    errors = _write_answers(response, list(wave.instrument.items.all()), answers)
    if errors:
        raise ValidationError(errors)
    record("surveys.paper_entered", actor=actor, obj=response, wave=wave.pk)
    return response


# Thematic coding -------------------------------------------------------------------------------


@transaction.atomic
def create_code(*, label: str, actor: Actor, description: str = "") -> QualCode:
    """Create a code for thematic coding (idempotent on the label)."""
    label = label.strip()
    if not label:
        raise ValidationError({"label": _("Give the code a label.")})
    code, created = QualCode.objects.get_or_create(
        label=label, defaults={"description": description}
    )
    if created:
        record("surveys.code_created", actor=actor, obj=code)
    return code


@transaction.atomic
def code_answer(
    *,
    answer: Answer,
    codes: list[QualCode],
    actor: Actor,
    excerpt: str = "",
    from_original: bool = False,
) -> int:
    """Apply ``codes`` to an open answer (optionally an excerpt of it); returns how many are new.

    The excerpt must be a part of the scrubbed text researchers read; with ``from_original`` (a
    coordinator reading the original text) a part of the original text is taken too. Checked
    against the scrubbed text only, an excerpt tells nothing about what the scrubber hid."""
    if answer.item.kind != ItemKind.OPEN:
        raise ValidationError(_("Only open answers can be coded."))
    excerpt = excerpt.strip()
    if excerpt and not (
        (from_original and excerpt in answer.value_text)
        or excerpt in database_scrubber().scrub(answer.value_text)
    ):
        raise ValidationError({"excerpt": _("The excerpt must be a part of the answer.")})
    user = actor if getattr(actor, "is_authenticated", False) else None
    new = 0
    for code in codes:
        _segment, created = CodedSegment.objects.get_or_create(
            answer=answer, code=code, excerpt=excerpt, defaults={"coder": user}
        )
        new += created
    if new:
        record("surveys.coded", actor=actor, obj=answer, codes=[c.pk for c in codes])
    return new


@transaction.atomic
def remove_segment(*, segment: CodedSegment, actor: Actor) -> None:
    record("surveys.uncoded", actor=actor, obj=segment.answer, code=segment.code_id)
    segment.delete()
