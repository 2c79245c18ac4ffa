"""Practice research rounds (seed 001): a survey of experience workers, not tied to an edition.

A round is a ``Wave`` of kind ``practice`` with a title and no edition. Its respondents come in
three ways, all into the same pseudonymous tables:

* **online** — ``invite_person`` gives a person a random study code (linked to them only in the
  vault) and a personal link; ``save_answers`` keeps their answers; on completion their profile
  is updated **only** when they answered yes to the consent question (``apply_to_profile``);
* **paper** — staff type a form in with the existing ``services.enter_paper_response``;
* **imported** — ``import_responses`` reads a researcher's CSV export (one row per respondent:
  a pseudonymous code, one column per item; role rows 1/0/blank, status options joined by ";").
  Every row is checked first; any error names the row and column, and nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.people.models import ExpertProfile, Person
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.tokens import hash_token
from ontmoeting.surveys import experience_workers as ew
from ontmoeting.surveys.codes import invite_token, random_study_code
from ontmoeting.surveys.enums import Audience, ResponseSource, WaveKind, WaveStatus
from ontmoeting.surveys.models import (
    Answer,
    Instrument,
    Item,
    Response,
    StudyCode,
    StudyCodeVault,
    Wave,
    WaveInvite,
)
from ontmoeting.surveys.services import (
    AnswerError,
    SaveResult,
    clean_value,
    enter_paper_response,
    save_online_answers,
    set_wave_status,
)

CODE_COLUMN = "respondent"
ROLE_VALUES = {"1": ew.YES, "0": ew.NO, "": None}
MAX_IMPORT_ROWS = 5000


def practice_rounds() -> list[Wave]:
    """Every practice round, newest first."""
    return list(Wave.objects.filter(kind=WaveKind.PRACTICE).order_by("-opens", "-pk"))


@transaction.atomic
def create_round(
    *,
    title: str,
    opens: dt.datetime,
    closes: dt.datetime,
    actor: Actor,
    instrument: Instrument | None = None,
    status: str = WaveStatus.DRAFT,
) -> Wave:
    """Create a practice round (idempotent on the title: an existing one is returned)."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the round a title.")})
    existing = Wave.objects.filter(kind=WaveKind.PRACTICE, title=title).first()
    if existing is not None:
        return existing
    if opens >= closes:
        raise ValidationError({"closes": _("The round must close after it opens.")})
    wave = Wave.objects.create(
        edition=None,
        title=title,
        kind=WaveKind.PRACTICE,
        instrument=instrument or ew.ensure_experience_worker_instrument(),
        audience=Audience.EXPERTS,
        opens=opens,
        closes=closes,
        status=status,
    )
    record("surveys.practice_round_created", actor=actor, obj=wave)
    return wave


def set_round_status(*, wave: Wave, status: str, actor: Actor) -> Wave:
    """Open or close a practice round (idempotent: ``services.set_wave_status``, audited)."""
    if wave.kind != WaveKind.PRACTICE:
        raise ValidationError(_("This is not a practice round."))
    return set_wave_status(wave=wave, status=status, actor=actor)


def edition_experts(edition_id: int) -> list[Person]:
    """The people with an expert profile who take part in an edition as experts."""
    return list(
        Person.objects.filter(
            expert_profile__isnull=False,
            participations__edition_id=edition_id,
            participations__role=ParticipantRole.EXPERT,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


@transaction.atomic
def invite_people(*, wave: Wave, people: list[Person], actor: Actor) -> int:
    """Invite each of ``people`` (``invite_person``: idempotent); returns how many are new."""
    before = WaveInvite.objects.filter(wave=wave).count()
    for person in people:
        invite_person(wave=wave, person=person, actor=actor, language=person.language or "nl")
    return WaveInvite.objects.filter(wave=wave).count() - before


def survey_path(wave: Wave, code: StudyCode) -> str:
    """The personal link (path) of ``code`` in a practice round."""
    return reverse("web:practice-survey-take", kwargs={"token": invite_token(wave.pk, code.code)})


@transaction.atomic
def invite_person(*, wave: Wave, person: Person, actor: Actor, language: str = "nl") -> WaveInvite:
    """Give ``person`` a study code of this round (in the vault only) and an invitation
    (idempotent: a person already invited keeps their code and link)."""
    if wave.kind != WaveKind.PRACTICE:
        raise ValidationError(_("Only a practice round invites people directly."))
    existing = (
        WaveInvite.objects.filter(
            wave=wave,
            study_code__in=StudyCodeVault.objects.filter(person=person).values("study_code"),
        )
        .select_related("study_code")
        .first()
    )
    if existing is not None:
        return existing
    code = StudyCode.objects.create(code=_free_code(), edition=None, audience=wave.audience)
    StudyCodeVault.objects.create(study_code=code, person=person)
    invite = WaveInvite.objects.create(
        wave=wave,
        study_code=code,
        token_hash=hash_token(invite_token(wave.pk, code.code)),
        language=language if language in ("nl", "en", "it") else "nl",
        invited_at=timezone.now(),
    )
    record("surveys.practice_invited", actor=actor, obj=wave, study_code=code.code)
    return invite


def _free_code() -> str:
    while True:
        code = random_study_code()
        if not StudyCode.objects.filter(code=code).exists():
            return code


@transaction.atomic
def save_answers(
    *, invite: WaveInvite, data: dict[str, Any], complete: bool, actor: Actor
) -> SaveResult:
    """Keep a respondent's answers (``services.save_online_answers``); once the response is
    complete, feed their profile if they consented (``apply_to_profile``)."""
    was_complete = Response.objects.filter(
        wave=invite.wave, study_code=invite.study_code, completed_at__isnull=False
    ).exists()
    result = save_online_answers(invite=invite, data=data, complete=complete)
    response = result.response
    if not was_complete and response is not None and response.completed_at is not None:
        apply_to_profile(response=response, actor=actor)
    return result


@transaction.atomic
def enter_paper(
    *, wave: Wave, answers: dict[str, Any], actor: Actor, study_code: str = "", self_code: str = ""
) -> Response:
    """A paper form typed in by staff (``services.enter_paper_response``); a form that carries
    the study code of an invited person feeds their profile when they ticked yes to consent."""
    if wave.kind != WaveKind.PRACTICE:
        raise ValidationError(_("Only a practice round invites people directly."))
    response = enter_paper_response(
        wave=wave, self_code=self_code, study_code=study_code, answers=answers, actor=actor
    )
    apply_to_profile(response=response, actor=actor)
    return response


@dataclass(frozen=True)
class Invited:
    """An invited person as the coordinator sees them (never on a researcher's page)."""

    name: str
    study_code: str
    path: str
    answered: bool


def invited(wave: Wave) -> list[Invited]:
    """Who was invited to a practice round, with their personal link (coordinators only)."""
    invites = {
        i.study_code_id: i
        for i in WaveInvite.objects.filter(wave=wave).select_related("study_code")
    }
    done = set(
        Response.objects.filter(
            wave=wave, study_code_id__in=invites, completed_at__isnull=False
        ).values_list("study_code_id", flat=True)
    )
    entries = StudyCodeVault.objects.filter(
        study_code_id__in=invites, person__isnull=False
    ).select_related("person")
    rows = [
        Invited(
            name=f"{e.person.first_name} {e.person.last_name}" if e.person else "",
            study_code=invites[e.study_code_id].study_code.code,
            path=survey_path(wave, invites[e.study_code_id].study_code),
            answered=e.study_code_id in done,
        )
        for e in entries
    ]
    return sorted(rows, key=lambda r: r.name)


def _answer_map(response: Response) -> dict[str, list[str]]:
    return {
        a.item.code: a.value_choices
        for a in Answer.objects.filter(response=response).select_related("item")
    }


@transaction.atomic
def apply_to_profile(*, response: Response, actor: Actor) -> bool:
    """Write roles, statuses and training into the respondent's ``ExpertProfile`` when they
    answered yes to the consent question; otherwise nothing reaches the profile. Returns
    whether the profile was written. Rows left blank leave the profile's roles as they were."""
    if response.study_code_id is None:
        return False
    entry = StudyCodeVault.objects.filter(study_code_id=response.study_code_id).first()
    if entry is None or entry.person_id is None:
        return False
    answers = _answer_map(response)
    if answers.get(ew.CONSENT_ITEM) != [ew.YES]:
        return False
    profile = ExpertProfile.objects.filter(person_id=entry.person_id).first() or ExpertProfile(
        person_id=entry.person_id
    )
    roles = [
        code.removeprefix(ew.ROLE_PREFIX) for code in ew.ROLE_ITEMS if answers.get(code) == [ew.YES]
    ]
    answered_roles = [code for code in ew.ROLE_ITEMS if answers.get(code)]
    fields: list[str] = []
    if answered_roles:
        profile.roles = roles
        fields.append("roles")
    if answers.get(ew.STATUS_ITEM):
        profile.statuses = answers[ew.STATUS_ITEM]
        fields.append("statuses")
    if answers.get(ew.TRAINING_ITEM):
        profile.training = answers[ew.TRAINING_ITEM][0]
        fields.append("training")
    if not fields:
        return False
    try:
        profile.clean()  # e.g. "no status" with paid work: kept in the survey, not the profile
    except ValidationError:
        record("surveys.profile_not_updated", actor=actor, obj=response, reason="invalid")
        return False
    if profile.pk is None:
        profile.save()
    else:
        profile.save(update_fields=fields)
    record(
        "surveys.profile_from_survey",
        actor=actor,
        obj=profile,
        wave=response.wave_id,
        fields=fields,
    )
    return True


# Import of a researcher's CSV export ----------------------------------------------------------


class ResponseImportError(Exception):
    """The file cannot be imported; ``errors`` lists every problem (nothing was written)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int


def _raw(item: Item, text: str) -> Any:
    text = text.strip()
    if item.code in ew.ROLE_ITEMS:
        if text not in ROLE_VALUES:
            raise AnswerError(_("Give 1 (yes), 0 (no) or leave it empty."))
        return ROLE_VALUES[text]
    if item.kind == "multiple":
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


def _parse_row(
    items: dict[str, Item], row: dict[str, str], line: int, errors: list[str]
) -> dict[str, dict[str, Any]]:
    fields: dict[str, dict[str, Any]] = {}
    for code, item in items.items():
        try:
            value = clean_value(item, _raw(item, row.get(code) or ""))
        except AnswerError as exc:
            errors.append(
                _("Row %(row)s, column %(column)s: %(error)s")
                % {"row": line, "column": code, "error": exc.messages[0]}
            )
            continue
        if value is not None:
            fields[code] = value
    return fields


def _read(text: str, items: dict[str, Item]) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    errors: list[str] = []
    if CODE_COLUMN not in header:
        errors.append(_("The column %(column)s is missing.") % {"column": CODE_COLUMN})
    unknown = [c for c in header if c != CODE_COLUMN and c not in items]
    if unknown:
        errors.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if errors:
        return [], errors
    parsed: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        if line > MAX_IMPORT_ROWS + 1:
            errors.append(_("The file has too many rows."))
            break
        code = (row.get(CODE_COLUMN) or "").strip().upper()
        if not code or len(code) > 20 or code in seen:
            errors.append(_("Row %(row)s: a missing or repeated respondent code.") % {"row": line})
            continue
        seen.add(code)
        parsed.append((code, _parse_row(items, row, line, errors)))
    return parsed, errors


@transaction.atomic
def import_responses(
    *, wave: Wave, text: str, actor: Actor, completed_at: dt.datetime | None = None
) -> ImportResult:
    """Import a CSV export of completed responses into a practice round (idempotent: a
    respondent code already in the round is skipped), completed at ``completed_at`` (default:
    now; the file has no times). Raises ``ResponseImportError``."""
    if wave.kind != WaveKind.PRACTICE:
        raise ResponseImportError([_("Responses can be imported into a practice round only.")])
    items = {item.code: item for item in wave.instrument.items.all()}
    parsed, errors = _read(text, items)
    taken = dict(
        StudyCode.objects.filter(code__in=[c for c, _f in parsed]).values_list("code", "pk")
    )
    in_round = set(
        Response.objects.filter(wave=wave, study_code__code__in=taken).values_list(
            "study_code__code", flat=True
        )
    )
    clashes = sorted(set(taken) - in_round)
    if clashes:
        errors.append(
            _("These respondent codes belong to another study: %(codes)s.")
            % {"codes": ", ".join(clashes[:10])}
        )
    if errors:
        raise ResponseImportError(errors)
    now = completed_at or timezone.now()
    created = 0
    for code, fields in parsed:
        if code in in_round:
            continue
        study_code = StudyCode.objects.create(code=code, edition=None, audience=wave.audience)
        response = Response.objects.create(
            wave=wave,
            study_code=study_code,
            source=ResponseSource.IMPORTED,
            completed_at=now,
        )
        Answer.objects.bulk_create(
            Answer(response=response, item=items[item_code], **values)
            for item_code, values in fields.items()
        )
        created += 1
    record(
        "surveys.practice_imported", actor=actor, obj=wave, created=created, skipped=len(in_round)
    )
    return ImportResult(created=created, skipped=len(in_round))
