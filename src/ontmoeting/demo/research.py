"""The demo's evaluation research (seed 000: qualitative and quantitative, since 2014).

For every encounter day from 2014 until the last held one: a pre wave (students, before the
day), a post wave (students, after their debriefing workshop) and the experts' feedback wave,
with the built-in instruments, all closed. Students and experts get their study codes through
the vault (in bulk), invitations carry when they were sent and reminders; the answers come from
``respondents`` (after the day fewer negative attitudes, more critical thinking, less "helper
versus helped"), the open answers from ``open_answers``, coded with themes in the years that
were analysed. The current edition has its pre wave prepared, not yet open.

Everything is written with bulk inserts, drawn from the demo's seed; deleting the editions
deletes it (the themes are deleted by ``builder.reset_demo``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F, OuterRef, Subquery
from django.utils import timezone

from ontmoeting.demo.figures import (
    CURRENT_YEAR,
    EXPERT_ONLINE,
    EXPERT_PAPER,
    FIRST_SURVEY_YEAR,
    POST_ONLINE,
    PRE_ONLINE,
)
from ontmoeting.demo.open_answers import QUAL_CODES, OpenAnswer, open_answer
from ontmoeting.demo.respondents import (
    PAPER,
    Answering,
    ItemSpec,
    Person,
    plan_experts,
    plan_students,
)
from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.privacy.audit import Actor
from ontmoeting.privacy.tokens import hash_token
from ontmoeting.surveys import vault
from ontmoeting.surveys.codes import invite_token
from ontmoeting.surveys.defaults import EXPERT_SLUG, STUDENT_SLUG, ensure_default_instruments
from ontmoeting.surveys.enums import SURVEY_LANGUAGES, Audience, ItemKind, WaveKind, WaveStatus
from ontmoeting.surveys.exports.covariates import attach_study_covariates
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
from ontmoeting.surveys.services import (
    create_code,
    create_wave,
    debriefing_end,
    debriefing_session_ends,
    set_wave_status,
)

BATCH = 2000
#: Open answers per wave and edition (about 20 to 40 an edition in all).
OPEN_PER_WAVE = {WaveKind.PRE: (7, 12), WaveKind.POST: (9, 16), WaveKind.EXPERT_FEEDBACK: (5, 11)}
#: Chance that one open answer of a wave holds personal data a respondent wrote down.
PERSONAL_DATA = 0.35
#: Share of open answers coded: editions analysed, the last one being analysed.
CODED, BEING_CODED = 0.8, 0.3


@dataclass(frozen=True)
class ResearchSummary:
    """What the demo's research holds (for the command's summary and the audit entry)."""

    first_year: int
    last_year: int
    waves: int
    invited: int
    completed: int
    paper: int
    open_answers: int
    coded: int
    draft_year: int | None


@dataclass
class _Pending:
    """The rows of every edition, written at the end in a few bulk inserts."""

    invites: list[WaveInvite] = field(default_factory=list)
    responses: list[tuple[Response, Answering, OpenAnswer | None]] = field(default_factory=list)
    coded_share: dict[int, float] = field(default_factory=dict)  # wave pk → share coded


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _specs(instrument: Instrument) -> tuple[list[ItemSpec], dict[str, Item]]:
    items = list(instrument.items.select_related("subscale").order_by("order"))
    specs = [
        ItemSpec(
            code=i.code,
            kind=i.kind,
            subscale=i.subscale.code if i.subscale is not None else "",
            reverse=i.reverse_keyed,
            low=i.scale_min if i.scale_min is not None else 1,
            high=i.scale_max if i.scale_max is not None else 5,
            choices=tuple(c["value"] for c in i.choices),
        )
        for i in items
    ]
    return specs, {i.code: i for i in items}


def _waves(edition: Edition, actor: Actor) -> dict[str, Wave]:
    """The edition's three waves, closed: pre (three weeks before the day), post (from the
    first debriefing session, three weeks), expert feedback (from the evening of the day)."""
    day = edition.date
    after_debriefing = debriefing_end(edition) or _at(day + dt.timedelta(days=7), 12)
    dates = {
        WaveKind.PRE: (_at(day - dt.timedelta(days=21), 9), _at(day - dt.timedelta(days=1), 22)),
        WaveKind.POST: (after_debriefing, after_debriefing + dt.timedelta(days=21)),
        WaveKind.EXPERT_FEEDBACK: (_at(day, 17), _at(day + dt.timedelta(days=21), 22)),
    }
    waves: dict[str, Wave] = {}
    for kind, (opens, closes) in dates.items():
        wave = create_wave(edition=edition, kind=kind, opens=opens, closes=closes, actor=actor)
        waves[kind] = set_wave_status(wave=wave, status=WaveStatus.CLOSED, actor=actor)
    return waves


def _language(participant: Participant) -> str:
    return participant.language if participant.language in SURVEY_LANGUAGES else "nl"


def _invite(
    wave: Wave,
    code: StudyCode,
    participant: Participant,
    invited: dt.datetime,
    *,
    reminders: int,
) -> WaveInvite:
    return WaveInvite(
        wave=wave,
        study_code=code,
        token_hash=hash_token(invite_token(wave.pk, code.code)),
        language=_language(participant),
        invited_at=invited,
        reminded_at=invited + dt.timedelta(days=7 * reminders) if reminders else None,
        reminder_count=reminders,
    )


def _completed_at(
    rng: random.Random, wave: Wave, start: dt.datetime, answer: Answering
) -> dt.datetime:
    """When a response came in: online within days of the invitation, a paper form typed in
    after the class or the workshop where it was filled in."""
    if answer.source == PAPER:
        start = max(start, wave.opens) + dt.timedelta(days=rng.randint(1, 4))
    moment = start + dt.timedelta(hours=rng.expovariate(1 / 40))
    return min(moment, wave.closes - dt.timedelta(minutes=rng.randint(5, 600)))


def _responses(
    rng: random.Random,
    pending: _Pending,
    wave: Wave,
    answers: list[Answering],
    invited: Mapping[int, tuple[Participant, StudyCode, dt.datetime]],
) -> None:
    """Queue the invitations and responses of ``wave`` (open answers chosen among them)."""
    done = {a.participant for a in answers if a.complete and a.source != PAPER}
    for participant, code, at in invited.values():
        reminders = 0 if participant.pk in done else rng.choice((1, 1, 2))
        pending.invites.append(_invite(wave, code, participant, at, reminders=reminders))
    rows = []
    for answer in answers:
        participant, code, at = invited[answer.participant]
        completed = _completed_at(rng, wave, at, answer)
        response = Response(
            wave=wave,
            study_code=code if answer.with_study_code else None,
            source=answer.source,
            self_code=answer.self_code,
            language=_language(participant),
            completed_at=completed if answer.complete else None,
        )
        rows.append((response, answer))
    dutch = [i for i, (r, a) in enumerate(rows) if a.complete and r.language == "nl"]
    low, high = OPEN_PER_WAVE[WaveKind(wave.kind)]
    chosen = rng.sample(dutch, min(len(dutch), rng.randint(low, high)))
    with_personal = chosen[0] if chosen and rng.random() < PERSONAL_DATA else None
    texts = {i: open_answer(wave.kind, rng, personal_data=i == with_personal) for i in chosen}
    pending.responses.extend((r, a, texts.get(i)) for i, (r, a) in enumerate(rows))


def _edition_people(edition: Edition) -> tuple[list[Participant], list[Participant]]:
    """The students invited before the day (all but those who declined) and the experts
    present on the day."""
    rows = list(edition.participants.exclude(status=ParticipantStatus.DECLINED).order_by("pk"))
    students = [p for p in rows if p.role == ParticipantRole.STUDENT]
    experts = [
        p
        for p in rows
        if p.role == ParticipantRole.EXPERT and p.status == ParticipantStatus.PRESENT
    ]
    return students, experts


@dataclass(frozen=True)
class _Instruments:
    students: list[ItemSpec]
    experts: list[ItemSpec]


def _survey_edition(
    edition: Edition,
    *,
    rng: random.Random,
    instruments: _Instruments,
    times: Mapping[tuple[int, int], int],
    pending: _Pending,
    actor: Actor,
) -> None:
    waves = _waves(edition, actor)
    students, experts = _edition_people(edition)
    codes = vault.study_codes_for(students, audience=Audience.STUDENTS)
    codes |= vault.study_codes_for(experts, audience=Audience.EXPERTS)
    sessions = debriefing_session_ends(edition)
    pre, post, feedback = (
        waves[k] for k in (WaveKind.PRE, WaveKind.POST, WaveKind.EXPERT_FEEDBACK)
    )
    present = ParticipantStatus.PRESENT
    invited_pre = {p.pk: (p, codes[p.pk], pre.opens) for p in students}
    invited_post = {
        p.pk: (p, codes[p.pk], max(post.opens, sessions.get(p.class_group, post.opens)))
        for p in students
        if p.status == present
    }
    people = [Person(p.pk, p.language, p.status == present) for p in students]
    answers = plan_students(
        rng,
        edition.year,
        people,
        instruments.students,
        online_pre=rng.uniform(*PRE_ONLINE),
        online_post=rng.uniform(*POST_ONLINE),
    )
    _responses(rng, pending, pre, [a for a in answers if a.wave == WaveKind.PRE], invited_pre)
    _responses(rng, pending, post, [a for a in answers if a.wave == WaveKind.POST], invited_post)
    expert_people = [
        Person(p.pk, p.language, True, times[(p.person_id, edition.year)]) for p in experts
    ]
    feedback_answers = plan_experts(
        rng, expert_people, online=rng.uniform(*EXPERT_ONLINE), paper=EXPERT_PAPER
    )
    invited_experts = {p.pk: (p, codes[p.pk], feedback.opens) for p in experts}
    _responses(rng, pending, feedback, feedback_answers, invited_experts)
    share = BEING_CODED if edition.year == CURRENT_YEAR - 1 else CODED
    pending.coded_share.update({w.pk: share for w in waves.values()})


def _times_present() -> dict[tuple[int, int], int]:
    """(person, year) → how many editions up to that year the expert was present at."""
    rows = sorted(
        Participant.objects.filter(
            role=ParticipantRole.EXPERT, status=ParticipantStatus.PRESENT
        ).values_list("edition__year", "person_id")
    )
    counts: Counter[int] = Counter()
    times = {}
    for year, person in rows:
        counts[person] += 1
        times[(person, year)] = counts[person]
    return times


def _backdate(responses: list[Response]) -> None:
    """Give freshly inserted responses the history's dates (bulk_create stamps "now"): a form
    is started a quarter of an hour before it is sent; one never sent two days after the wave
    opened. Two statements instead of one update per row."""
    rows = Response.objects.filter(wave_id__in={r.wave_id for r in responses})
    rows.filter(completed_at__isnull=False).update(
        started_at=F("completed_at") - dt.timedelta(minutes=15), updated_at=F("completed_at")
    )
    opens = Subquery(Wave.objects.filter(pk=OuterRef("wave_id")).values("opens")[:1])
    rows.filter(completed_at__isnull=True).update(
        started_at=ExpressionWrapper(opens + dt.timedelta(days=2), output_field=DateTimeField()),
        updated_at=ExpressionWrapper(
            opens + dt.timedelta(days=2, minutes=9), output_field=DateTimeField()
        ),
    )


#: A closed answer as inserted: (response id, item id, number, chosen options).
AnswerRow = tuple[int, int, float | None, list[str]]


def _insert_answers(rows: list[AnswerRow]) -> None:
    """Insert the closed answers in one ``executemany`` without making model instances: tens
    of thousands of rows in a tenth of the time ``bulk_create`` takes (the demo stays fast)."""
    names = ("response", "item", "value_number", "value_choices", "value_text")
    fields = {f.name: f for f in Answer._meta.concrete_fields}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(fields[name].column) for name in names)
    marks = ", ".join(["%s"] * len(names))
    # Table and column names come from the model, the values are parameters.
    sql = f"INSERT INTO {quote(Answer._meta.db_table)} ({columns}) VALUES ({marks})"  # nosec B608
    choices = fields["value_choices"]
    none = choices.get_db_prep_save([], connection)
    params = [
        (
            response,
            item,
            number,
            choices.get_db_prep_save(chosen, connection) if chosen else none,
            "",
        )
        for response, item, number, chosen in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _closed_answers(
    response: Response, planned: Answering, items: dict[str, Item]
) -> list[AnswerRow]:
    rows: list[AnswerRow] = []
    for code, value in planned.values.items():
        item = items.get(code)
        if item is None:
            continue
        if item.kind == ItemKind.LIKERT:
            rows.append((response.pk, item.pk, float(value), []))
        else:
            rows.append((response.pk, item.pk, None, [str(value)]))
    return rows


def _write(
    pending: _Pending,
    items: Mapping[int, dict[str, Item]],
    themes: Mapping[str, QualCode],
    rng: random.Random,
) -> None:
    """Write the queued rows in a few bulk inserts."""
    WaveInvite.objects.bulk_create(pending.invites, batch_size=BATCH)
    responses = Response.objects.bulk_create(
        [r for r, _a, _o in pending.responses], batch_size=BATCH
    )
    _backdate(responses)
    closed: list[AnswerRow] = []
    opened: list[tuple[Answer, OpenAnswer]] = []
    for response, planned, text in pending.responses:
        by_code = items[response.wave.instrument_id]
        closed.extend(_closed_answers(response, planned, by_code))
        if text is not None:
            item = next(i for i in by_code.values() if i.kind == ItemKind.OPEN)
            opened.append((Answer(response=response, item=item, value_text=text.text), text))
    _insert_answers(closed)
    Answer.objects.bulk_create([answer for answer, _text in opened], batch_size=BATCH)
    segments = [
        CodedSegment(answer=answer, code=themes[theme], excerpt=excerpt)
        for answer, text in opened
        if text.segments and rng.random() < pending.coded_share[answer.response.wave_id]
        for theme, excerpt in text.segments
    ]
    CodedSegment.objects.bulk_create(segments, batch_size=BATCH)


def _prepare_pre(edition: Edition, actor: Actor) -> Wave:
    """The current edition's pre wave, prepared and not yet open (no invitations)."""
    day = edition.date
    return create_wave(
        edition=edition,
        kind=WaveKind.PRE,
        opens=_at(day - dt.timedelta(days=14), 9),
        closes=_at(day - dt.timedelta(days=1), 22),
        actor=actor,
    )


@transaction.atomic
def add_research(editions: Mapping[int, Edition], *, seed: int, actor: Actor) -> ResearchSummary:
    """Write the evaluation research of the demo's editions (see the module docstring)."""
    # A seeded generator on purpose: the demo history must be the same on every run.
    rng = random.Random(seed * 1_000 + 16)  # nosec B311
    built_in = ensure_default_instruments()
    student_specs, student_items = _specs(built_in[STUDENT_SLUG])
    expert_specs, expert_items = _specs(built_in[EXPERT_SLUG])
    instruments = _Instruments(student_specs, expert_specs)
    themes = {
        label: create_code(label=label, description=description, actor=actor)
        for label, description in QUAL_CODES
    }
    times = _times_present()
    pending = _Pending()
    years = sorted(y for y in editions if FIRST_SURVEY_YEAR <= y < CURRENT_YEAR)
    for year in years:
        _survey_edition(
            editions[year],
            rng=rng,
            instruments=instruments,
            times=times,
            pending=pending,
            actor=actor,
        )
    items = {built_in[STUDENT_SLUG].pk: student_items, built_in[EXPERT_SLUG].pk: expert_items}
    _write(pending, items, themes, rng)
    draft = editions.get(CURRENT_YEAR)
    if draft is not None:
        _prepare_pre(draft, actor)
    for year in years:
        attach_study_covariates(edition=editions[year], actor=actor)
    return research_counts()


def research_counts() -> ResearchSummary:
    """What the database holds of the research (a few counting queries)."""
    waves = Wave.objects.filter(status=WaveStatus.CLOSED, edition__isnull=False)
    years = sorted(set(waves.values_list("edition__year", flat=True)))
    # The encounter days' research only: practice rounds (no edition) are counted apart.
    complete = Response.objects.filter(completed_at__isnull=False, wave__edition__isnull=False)
    open_answers = Answer.objects.filter(
        item__kind=ItemKind.OPEN, response__wave__edition__isnull=False
    ).exclude(value_text="")
    draft = (
        Wave.objects.filter(status=WaveStatus.DRAFT, edition__isnull=False)
        .order_by("-edition__year")
        .first()
    )
    return ResearchSummary(
        first_year=years[0] if years else 0,
        last_year=years[-1] if years else 0,
        waves=waves.count(),
        invited=WaveInvite.objects.filter(
            invited_at__isnull=False, wave__edition__isnull=False
        ).count(),
        completed=complete.count(),
        paper=complete.filter(source=PAPER).count(),
        open_answers=open_answers.count(),
        coded=open_answers.filter(segments__isnull=False).distinct().count(),
        draft_year=draft.edition.year if draft is not None and draft.edition else None,
    )
