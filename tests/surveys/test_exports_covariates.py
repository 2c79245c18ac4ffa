"""The coordinator-side step that labels study codes with subgroups from the plan."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.planning.models import Plan, PlannedPair, PlanStatus
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.surveys.enums import Audience
from ontmoeting.surveys.exports.covariates import attach_study_covariates
from ontmoeting.surveys.models import StudyCode, StudyCodeVault
from tests.factories import (
    EditionFactory,
    ExperienceDomainFactory,
    ExpertProfileFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def _expert(edition, *domains):
    profile = ExpertProfileFactory()
    profile.domains.set([ExperienceDomainFactory(code=d) for d in domains])
    return ParticipantFactory(
        edition=edition,
        person=profile.person,
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.PRESENT,
    )


def _code(participant, audience, name):
    code = StudyCode.objects.create(code=name, edition=participant.edition, audience=audience)
    StudyCodeVault.objects.create(study_code=code, participant=participant)
    return code


def test_students_get_their_experts_domain_and_experience_experts_only_experience():
    earlier = EditionFactory(year=2024, date=dt.date(2024, 12, 10), status="held")
    edition = EditionFactory(year=2026)
    veteran = _expert(edition, "addiction")
    ParticipantFactory(
        edition=earlier,
        person=veteran.person,
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.PRESENT,
    )
    newcomer = _expert(edition, "mental_health", "unemployment")
    students = [ParticipantFactory(edition=edition) for _ in range(3)]
    plan = Plan.objects.create(edition=edition, version=1, status=PlanStatus.PUBLISHED)
    PlannedPair.objects.create(plan=plan, student=students[0], expert=veteran)
    PlannedPair.objects.create(plan=plan, student=students[1], expert=newcomer)
    codes = [_code(s, Audience.STUDENTS, f"S{i}") for i, s in enumerate(students)]
    expert_code = _code(newcomer, Audience.EXPERTS, "E1")

    assert attach_study_covariates(edition=edition, actor="cli") == 3
    for code in (*codes, expert_code):
        code.refresh_from_db()
    assert codes[0].covariates == {"expert_domain": "addiction", "expert_experience": "veteran"}
    assert codes[1].covariates == {"expert_domain": "multiple", "expert_experience": "newcomer"}
    assert codes[2].covariates == {}
    assert expert_code.covariates == {"experience": "newcomer"}
    assert AuditEntry.objects.filter(action="surveys.covariates").count() == 1

    # Idempotent: nothing changed, nothing written, no second audit entry.
    assert attach_study_covariates(edition=edition, actor="cli") == 0
    assert AuditEntry.objects.filter(action="surveys.covariates").count() == 1
