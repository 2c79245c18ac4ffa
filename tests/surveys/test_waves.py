"""Waves, study codes and the vault, invitations and reminders, paper forms, rates, flags, coding."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.surveys import selectors, services, vault
from ontmoeting.surveys.codes import ALPHABET, make_self_code, normalise_self_code
from ontmoeting.surveys.models import Answer, StudyCode, StudyCodeVault, WaveInvite
from ontmoeting.surveys.pseudonyms import keyed_pseudonym, study_scope
from tests.factories import EditionFactory
from tests.surveys.helpers import (
    LIKERT_ALL_4,
    answer,
    aware,
    edition_with_debriefing,
    experts,
    open_wave,
    students,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "ontmoeting"


@pytest.mark.django_db
def test_post_wave_needs_a_debriefing_and_opens_after_it():
    edition = EditionFactory()
    day = edition.date
    with pytest.raises(ValidationError, match="nabesprekingsworkshop"):
        services.create_wave(
            edition=edition,
            kind="post",
            opens=aware(day, 18),
            closes=aware(day + dt.timedelta(days=9)),
            actor="t",
        )
    edition = edition_with_debriefing(2027)
    with pytest.raises(ValidationError, match="opent na de nabesprekingsworkshop"):
        services.create_wave(
            edition=edition,
            kind="post",
            opens=aware(edition.date, 12),
            closes=aware(edition.date + dt.timedelta(days=9)),
            actor="t",
        )
    wave = services.create_wave(
        edition=edition,
        kind="post",
        opens=aware(edition.date, 18),
        closes=aware(edition.date + dt.timedelta(days=9)),
        actor="t",
    )
    assert (wave.audience, wave.status, wave.instrument.slug) == (
        "students",
        "draft",
        "ontmoeting-students",
    )


@pytest.mark.django_db
def test_pre_wave_must_close_before_the_day_and_create_is_idempotent():
    edition = edition_with_debriefing()
    day = edition.date
    with pytest.raises(ValidationError, match="moet sluiten voor de dag begint"):
        services.create_wave(
            edition=edition,
            kind="pre",
            opens=aware(day - dt.timedelta(days=9)),
            closes=aware(day, 12),
            actor="t",
        )
    first = services.create_wave(
        edition=edition,
        kind="pre",
        opens=aware(day - dt.timedelta(days=9)),
        closes=aware(day, 8),
        actor="t",
    )
    again = services.create_wave(
        edition=edition,
        kind="pre",
        opens=aware(day - dt.timedelta(days=9)),
        closes=aware(day, 8),
        actor="t",
    )
    assert again.pk == first.pk


@pytest.mark.django_db
def test_wave_lifecycle_open_close_reopen_and_invitations_need_an_open_wave():
    edition = edition_with_debriefing()
    day = edition.date
    wave = services.create_wave(
        edition=edition,
        kind="expert_feedback",
        opens=aware(day, 18),
        closes=aware(day + dt.timedelta(days=9)),
        actor="t",
    )
    assert wave.audience == "experts"
    with pytest.raises(ValidationError):
        services.invite_wave(wave=wave, actor="t")
    assert services.set_wave_status(wave=wave, status="open", actor="t").status == "open"
    assert services.set_wave_status(wave=wave, status="closed", actor="t").status == "closed"
    assert services.set_wave_status(wave=wave, status="open", actor="t").status == "open"


@pytest.mark.django_db
def test_invitations_give_random_unique_study_codes_kept_in_the_vault():
    edition = edition_with_debriefing()
    people = students(edition, 5)
    experts(edition, 2)
    wave = open_wave(edition, "pre")
    assert services.invite_wave(wave=wave, actor="t") == 5
    assert services.invite_wave(wave=wave, actor="t") == 0  # idempotent
    codes = list(StudyCode.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 5
    assert all(
        len(c) == 9 and c[4] == "-" and set(c.replace("-", "")) <= set(ALPHABET) for c in codes
    )
    # Codes do not follow the order of people (random, not sequential).
    assert StudyCodeVault.objects.count() == 5
    assert {e.participant_id for e in StudyCodeVault.objects.all()} == {p.pk for p in people}
    assert OutboxMessage.objects.filter(kind="survey_pre").count() == 5
    # The same participant keeps the same code in the next wave.
    post = open_wave(edition, "post")
    services.invite_wave(wave=post, actor="t")
    assert StudyCode.objects.count() == 5
    assert WaveInvite.objects.filter(wave=post).count() == 5


@pytest.mark.django_db
def test_reminders_go_only_to_those_who_have_not_completed():
    edition = edition_with_debriefing()
    done, partial, silent = students(edition, 3)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    invite_of = {i.participant.pk: i.invite for i in vault.invitees(wave)}
    answer(invite_of[done.pk], LIKERT_ALL_4)
    answer(invite_of[partial.pk], {"att_1": 2}, complete=False)
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    assert services.remind_wave(wave=wave, actor="t") == 2
    reminded = OutboxMessage.objects.exclude(pk__in=before)
    assert sorted(m.person_id for m in reminded) == sorted([partial.person_id, silent.person_id])
    assert services.remind_wave(wave=wave, actor="t") == 2  # a second round, again only those two
    assert WaveInvite.objects.get(pk=invite_of[done.pk].pk).reminder_count == 0


@pytest.mark.django_db
def test_responses_carry_only_the_study_code():
    from ontmoeting.surveys.models import Response

    field_names = {f.name for f in Response._meta.get_fields()}
    assert "participant" not in field_names
    assert "person" not in field_names
    assert {f.related_model.__name__ for f in StudyCode._meta.get_fields() if f.is_relation} >= {
        "Edition"
    }
    assert "participant" not in {f.name for f in StudyCode._meta.get_fields()}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_researcher_code_never_touches_the_vault():
    """Researcher selectors, scoring, exports and reports never import the vault or read it."""
    paths = [SRC / "surveys" / "selectors.py", SRC / "surveys" / "scoring.py"]
    for folder in ("surveys/stats", "surveys/exports", "reports"):
        paths += sorted((SRC / folder).rglob("*.py")) if (SRC / folder).exists() else []
    # Coordinator-side (writes pseudonymous subgroup labels onto study codes from the plan).
    # and S2's coordinator-only "identified" export profile): both refuse researchers.
    coordinator_side = {
        SRC / "surveys" / "exports" / "covariates.py",
        SRC / "surveys" / "exports" / "identified.py",
    }
    for path in paths:
        if path in coordinator_side:
            continue
        tree = ast.parse(path.read_text())
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        used |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        assert "StudyCodeVault" not in used, path
        assert not any(name.endswith("vault") for name in _imports(path)), path


def test_researcher_views_never_touch_the_vault():
    """In the web views, only coordinator-decorated functions may use the vault."""
    tree = ast.parse((SRC / "web" / "views" / "surveys.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and "vault" in ast.unparse(node):
            decorators = [ast.unparse(d) for d in node.decorator_list]
            assert decorators == ["coordinator_required"], node.name
    public = (SRC / "web" / "views" / "surveys_public.py").read_text()
    assert "vault" not in public


def test_self_codes_are_normalised():
    assert (
        make_self_code(mother_first_name="Émilie", birth_day="7", birth_town="'s-Hertogenbosch")
        == "EM07SH"
    )
    assert make_self_code(mother_first_name="M", birth_day=7, birth_town="Gent") == ""
    assert make_self_code(mother_first_name="Maria", birth_day=32, birth_town="Gent") == ""
    assert normalise_self_code(" ma 07-ge ") == "MA07GE"
    assert normalise_self_code("MA7GE") == ""


@pytest.mark.django_db
def test_paper_forms_match_pre_by_self_code_and_report_the_match_rate():
    edition = edition_with_debriefing()
    a, b, c = students(edition, 3)
    pre = open_wave(edition, "pre")
    services.invite_wave(wave=pre, actor="t")
    invite_of = {i.participant.pk: i.invite for i in vault.invitees(pre)}
    answer(invite_of[a.pk], LIKERT_ALL_4, self_code="MA07GE")
    answer(invite_of[b.pk], LIKERT_ALL_4, self_code="JO12AN")
    answer(invite_of[c.pk], LIKERT_ALL_4)
    post = open_wave(edition, "post")
    services.invite_wave(wave=post, actor="t")
    post_invite = {i.participant.pk: i.invite for i in vault.invitees(post)}
    answer(post_invite[c.pk], LIKERT_ALL_4)  # online, linked by study code
    services.enter_paper_response(wave=post, self_code="ma07ge", answers={"att_1": 5}, actor="t")
    services.enter_paper_response(wave=post, self_code="ZZ01ZZ", answers={"att_1": 3}, actor="t")
    with pytest.raises(ValidationError):
        services.enter_paper_response(wave=post, self_code="nonsense", answers={}, actor="t")
    with pytest.raises(ValidationError) as info:
        services.enter_paper_response(
            wave=post, self_code="AB01CD", answers={"att_1": 9}, actor="t"
        )
    assert "att_1" in info.value.message_dict
    pairs = selectors.edition_linkage(edition)
    assert (pairs.total, pairs.by_study_code, pairs.by_self_code) == (2, 1, 1)
    assert (pairs.online_online, pairs.online_paper) == (1, 1)
    # b answered pre only; ZZ01ZZ's post form matches no pre answer
    assert (pairs.unmatched_first, pairs.unmatched_second) == (1, 1)


@pytest.mark.django_db
def test_duplicate_self_codes_are_ambiguous_and_not_matched():
    edition = edition_with_debriefing()
    pre = open_wave(edition, "pre")
    post = open_wave(edition, "post")
    for _ in range(2):
        services.enter_paper_response(wave=pre, self_code="MA07GE", answers={}, actor="t")
    services.enter_paper_response(wave=post, self_code="MA07GE", answers={}, actor="t")
    pairs = selectors.edition_linkage(edition)
    assert (pairs.total, pairs.ambiguous_codes) == (0, 1)


@pytest.mark.django_db
def test_response_rates_count_invited_started_completed():
    edition = edition_with_debriefing()
    people = students(edition, 4)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    invite_of = {i.participant.pk: i.invite for i in vault.invitees(wave)}
    answer(invite_of[people[0].pk], LIKERT_ALL_4)
    answer(invite_of[people[1].pk], {"att_1": 1}, complete=False)
    services.enter_paper_response(wave=wave, self_code="MA07GE", answers={}, actor="t")
    (rates,) = selectors.response_rates([wave])
    assert (rates.invited, rates.started, rates.completed, rates.paper) == (4, 3, 2, 1)
    assert rates.rate == 0.25


@pytest.mark.django_db
def test_partial_answers_are_kept_and_submit_completes_once():
    edition = edition_with_debriefing()
    students(edition, 1)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    (invitee,) = vault.invitees(wave)
    response = answer(invitee.invite, {"att_1": 2, "open_thoughts": "Curious"}, complete=False)
    assert response.completed_at is None
    assert Answer.objects.filter(response=response).count() == 2
    result = services.save_online_answers(invite=invitee.invite, data={"att_1": "9"}, complete=True)
    assert result.errors == {"att_1": "Kies een van de opties."}
    assert result.response.completed_at is None
    done = answer(invitee.invite, {"att_2": 5, "prior_contact": "no"})
    assert done.completed_at is not None
    assert done.pk == response.pk
    # After completion nothing changes.
    services.save_online_answers(invite=invitee.invite, data={"att_1": 5}, complete=True)
    assert Answer.objects.get(response=done, item__code="att_1").value_number == 2


def _feedback(edition, expert, energy, come_back):
    wave = open_wave(edition, "expert_feedback")
    services.invite_wave(wave=wave, actor="t")
    invite = next(i.invite for i in vault.invitees(wave) if i.participant.pk == expert.pk)
    answer(invite, {"energy": energy, "come_back": come_back})


@pytest.mark.django_db
def test_experts_with_low_energy_or_no_wish_to_return_are_flagged_for_next_recruitment():
    last_year = edition_with_debriefing(2025)
    tired, leaving, keen = experts(last_year, 3)
    wave = open_wave(last_year, "expert_feedback")
    services.invite_wave(wave=wave, actor="t")
    invite_of = {i.participant.pk: i.invite for i in vault.invitees(wave)}
    answer(invite_of[tired.pk], {"energy": 2, "come_back": "maybe"})
    answer(invite_of[leaving.pk], {"energy": 4, "come_back": "no"})
    answer(invite_of[keen.pk], {"energy": 5, "come_back": "yes"})
    this_year = edition_with_debriefing(2026)
    flagged = vault.experts_flagged_for_recruitment(this_year)
    assert sorted(f.participant.pk for f in flagged) == sorted([tired.pk, leaving.pk])
    reasons = {f.participant.pk: f.reasons for f in flagged}
    assert reasons[tired.pk] == [
        "Hoeveel energie heb je om je verhaal volgend jaar opnieuw te vertellen? — weinig energie"
    ]
    assert [f.year for f in flagged] == [2025, 2025]
    assert vault.experts_flagged_for_recruitment(last_year) == []
    assert {f.participant.pk for f in vault.experts_flagged_in_feedback(last_year)} == {
        tired.pk,
        leaving.pk,
    }


@pytest.mark.django_db
def test_thematic_coding_counts_per_code():
    edition = edition_with_debriefing()
    people = students(edition, 3)
    wave = open_wave(edition, "post")
    services.invite_wave(wave=wave, actor="t")
    invite_of = {i.participant.pk: i.invite for i in vault.invitees(wave)}
    texts = ["I saw a person, not a problem.", "It was hard but good.", "Stigma is everywhere."]
    answers = []
    for person, text in zip(people, texts, strict=True):
        response = answer(invite_of[person.pk], {"open_thoughts": text})
        answers.append(response.answers.get(item__code="open_thoughts"))
    person_code = services.create_code(label="person beyond problem", actor="t")
    stigma = services.create_code(label="stigma", actor="t")
    assert services.create_code(label="stigma", actor="t").pk == stigma.pk
    services.code_answer(answer=answers[0], codes=[person_code], excerpt="a person", actor="t")
    services.code_answer(answer=answers[0], codes=[person_code, stigma], actor="t")
    assert services.code_answer(answer=answers[0], codes=[stigma], actor="t") == 0  # idempotent
    services.code_answer(answer=answers[2], codes=[stigma], excerpt="Stigma", actor="t")
    with pytest.raises(ValidationError):
        services.code_answer(answer=answers[1], codes=[stigma], excerpt="not in it", actor="t")
    counts = {c.label: (c.n_segments, c.n_answers) for c in selectors.code_counts(edition)}
    assert counts == {"person beyond problem": (2, 1), "stigma": (2, 2)}
    rows = selectors.qda_rows(edition)
    assert [r["codes"] for r in rows] == ["person beyond problem; stigma", "", "stigma"]
    code = answers[0].response.study_code.code
    assert rows[0]["pseudonym"] == keyed_pseudonym(study_scope(edition.year, "students"), code)
    assert [r for r in rows if code in r.values()] == []


@pytest.mark.django_db
def test_a_wave_whose_closing_date_passed_sends_no_invitation_or_reminder():
    from django.utils import timezone

    from ontmoeting.surveys.models import Wave

    edition = edition_with_debriefing()
    students(edition, 2)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    Wave.objects.filter(pk=wave.pk).update(closes=timezone.now() - dt.timedelta(hours=1))
    wave.refresh_from_db()
    before = OutboxMessage.objects.count()
    with pytest.raises(ValidationError, match="sluitdatum"):
        services.remind_wave(wave=wave, actor="t")
    students(edition, 1)
    with pytest.raises(ValidationError, match="sluitdatum"):
        services.invite_wave(wave=wave, actor="t")
    assert OutboxMessage.objects.count() == before


def _refusal(wave) -> tuple[str, int]:
    """The code of the ValidationError that refuses a reminder, and how many mails went out."""
    before = OutboxMessage.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.remind_wave(wave=wave, actor="t")
    (error,) = caught.value.error_list
    return error.code, OutboxMessage.objects.count() - before


@pytest.mark.django_db
def test_no_reminder_for_a_draft_wave():
    from ontmoeting.surveys.models import Wave

    edition = edition_with_debriefing()
    students(edition, 2)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    Wave.objects.filter(pk=wave.pk).update(status="draft")
    wave.refresh_from_db()
    assert _refusal(wave) == ("draft", 0)


@pytest.mark.django_db
def test_no_reminder_for_a_closed_wave_even_before_its_closing_date():
    edition = edition_with_debriefing()
    students(edition, 2)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    wave = services.set_wave_status(wave=wave, status="closed", actor="t")
    assert wave.closes > timezone.now()
    assert _refusal(wave) == ("closed", 0)
    wave = services.set_wave_status(wave=wave, status="open", actor="t")
    assert services.remind_wave(wave=wave, actor="t") == 2  # reopened: reminders go out


@pytest.mark.django_db
def test_no_reminder_before_the_wave_opens():
    from ontmoeting.surveys.models import Wave

    edition = edition_with_debriefing()
    students(edition, 2)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    Wave.objects.filter(pk=wave.pk).update(opens=timezone.now() + dt.timedelta(hours=2))
    wave.refresh_from_db()
    assert _refusal(wave) == ("not_yet_open", 0)


@pytest.mark.django_db
def test_no_reminder_after_the_closing_date_of_an_open_wave():
    from ontmoeting.surveys.models import Wave

    edition = edition_with_debriefing()
    students(edition, 2)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    Wave.objects.filter(pk=wave.pk).update(closes=timezone.now() - dt.timedelta(minutes=1))
    wave.refresh_from_db()
    assert _refusal(wave) == ("past_closing_date", 0)


@pytest.mark.django_db
def test_a_reminder_reaches_who_completed_the_pre_wave_but_not_the_post_wave():
    """Completing one wave is no answer to the next: the student who completed pre and left
    post half done is reminded of post; the one who completed both is not."""
    edition = edition_with_debriefing()
    both, half = students(edition, 2)
    pre = open_wave(edition, "pre")
    services.invite_wave(wave=pre, actor="t")
    for invitee in vault.invitees(pre):
        answer(invitee.invite, LIKERT_ALL_4)
    post = open_wave(edition, "post")
    services.invite_wave(wave=post, actor="t")
    post_invite = {i.participant.pk: i.invite for i in vault.invitees(post)}
    answer(post_invite[both.pk], LIKERT_ALL_4)
    answer(post_invite[half.pk], {"att_1": 2}, complete=False)
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    assert services.remind_wave(wave=post, actor="t") == 1
    (reminder,) = OutboxMessage.objects.exclude(pk__in=before)
    assert (reminder.person_id, reminder.kind) == (half.person_id, "survey_reminder")
    assert services.remind_wave(wave=pre, actor="t") == 0  # both completed pre
