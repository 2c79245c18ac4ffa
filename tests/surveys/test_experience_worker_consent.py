"""Survey answers reach a person's expert profile only with their consent (the survey's own
question); researchers' data carry only the study code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ontmoeting.people.models import ExpertProfile
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.surveys import practice
from ontmoeting.surveys.models import Response, StudyCodeVault
from ontmoeting.surveys.practice_report import practice_report
from tests.factories import ExpertProfileFactory, PersonFactory

ANSWERS = {
    "role_critical_voice": "yes",
    "role_bridge_figure": "no",
    "role_signal_function": "no",
    "role_support": "yes",
    "role_lifeworld": "no",
    "role_accessibility": "no",
    "role_policy_influence": "yes",
    "role_public_image": "no",
    "role_no_specific_role": "no",
    "status": ["volunteer", "paid_employee"],
    "training": "experience_work",
    "equal_position": "4",
}


@pytest.fixture
def wave(db):
    now = timezone.now()
    return practice.create_round(
        title="Ervaringswerkers 2026",
        opens=now - dt.timedelta(days=1),
        closes=now + dt.timedelta(days=10),
        actor="test",
        status="open",
    )


def _answer(wave, person, consent: str | None):
    invite = practice.invite_person(wave=wave, person=person, actor="test")
    data = dict(ANSWERS)
    if consent is not None:
        data["profile_consent"] = consent
    result = practice.save_answers(invite=invite, data=data, complete=True, actor="test")
    assert result.errors == {}
    assert result.response is not None
    assert result.response.completed_at is not None
    return invite


def test_profile_gets_roles_status_and_training_when_the_respondent_consents(wave):
    profile = ExpertProfileFactory(roles=[], statuses=[], training="none")
    _answer(wave, profile.person, "yes")
    profile.refresh_from_db()
    assert profile.roles == ["critical_voice", "support", "policy_influence"]
    assert profile.statuses == ["volunteer", "paid_employee"]
    assert profile.training == "experience_work"
    assert AuditEntry.objects.filter(action="surveys.profile_from_survey").count() == 1


@pytest.mark.parametrize("consent", ["no", None])
def test_nothing_reaches_the_profile_without_consent(wave, consent):
    profile = ExpertProfileFactory(roles=["lifeworld"], statuses=["none"], training="none")
    _answer(wave, profile.person, consent)
    profile.refresh_from_db()
    assert (profile.roles, profile.statuses, profile.training) == (["lifeworld"], ["none"], "none")
    assert not AuditEntry.objects.filter(action="surveys.profile_from_survey").exists()


def test_a_person_without_a_profile_gets_one_only_with_consent(wave):
    without, consenting = PersonFactory(), PersonFactory()
    _answer(wave, without, "no")
    _answer(wave, consenting, "yes")
    assert not ExpertProfile.objects.filter(person=without).exists()
    assert ExpertProfile.objects.get(person=consenting).roles == [
        "critical_voice",
        "support",
        "policy_influence",
    ]


def test_inviting_twice_keeps_the_code_and_the_answers_stay_pseudonymous(wave):
    person = PersonFactory(first_name="Mieke", last_name="Vermeulen")
    first = practice.invite_person(wave=wave, person=person, actor="test")
    again = practice.invite_person(wave=wave, person=person, actor="test")
    assert again.pk == first.pk
    _answer(wave, person, "yes")
    assert StudyCodeVault.objects.get(study_code=first.study_code).person == person
    report = practice_report(wave, "nl")
    assert report.respondents == 1
    rows = {r.code: (r.k, r.n) for r in report.roles.rows}
    assert rows["critical_voice"] == (1, 1)
    assert Response.objects.get(wave=wave).pseudonym == first.study_code.code
    assert "Mieke" not in repr(report)


def test_a_completed_response_feeds_the_profile_once(wave):
    profile = ExpertProfileFactory()
    invite = _answer(wave, profile.person, "yes")
    practice.save_answers(invite=invite, data={"training": "none"}, complete=True, actor="test")
    profile.refresh_from_db()
    assert profile.training == "experience_work"
    assert AuditEntry.objects.filter(action="surveys.profile_from_survey").count() == 1


def test_an_answer_the_profile_cannot_hold_stays_in_the_survey_only(wave):
    profile = ExpertProfileFactory(statuses=["volunteer"])
    invite = practice.invite_person(wave=wave, person=profile.person, actor="test")
    data = {**ANSWERS, "status": ["paid_employee", "none"], "profile_consent": "yes"}
    result = practice.save_answers(invite=invite, data=data, complete=True, actor="test")
    assert result.response is not None
    assert result.response.completed_at is not None
    profile.refresh_from_db()
    assert profile.statuses == ["volunteer"]


def test_the_persons_copy_holds_their_practice_answers_and_erasure_unlinks_them(wave):
    from ontmoeting.surveys.vault import person_study_rows, unlink_person

    profile = ExpertProfileFactory()
    invite = _answer(wave, profile.person, "no")
    rows = person_study_rows(profile.person)
    assert [r["study_code"] for r in rows] == [invite.study_code.code]
    assert {"item": "role_support", "wave": "practice"}.items() <= next(
        a for a in rows[0]["answers"] if a["item"] == "role_support"
    ).items()
    assert unlink_person(profile.person) == 1
    assert person_study_rows(profile.person) == []
    assert Response.objects.filter(study_code=invite.study_code).exists()  # answers stay
