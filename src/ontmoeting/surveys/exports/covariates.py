"""Coordinator side: put subgroup labels on the study codes from the planning data.

For each student's study code: the domain of experience of the expert they met in the morning
(from the published plan, else the newest plan) and whether that expert was a newcomer or a
veteran. For each expert's study code: newcomer or veteran only (their own domains are
special-category data and stay out of the research data). The result is pseudonymous rows —
study code + labels — stored in ``StudyCode.covariates``; names never leave the vault.
"""

from __future__ import annotations

from django.db import transaction

from ontmoeting.editions.models import Edition
from ontmoeting.editions.selectors import veteran_person_ids
from ontmoeting.planning.models import Plan, PlannedPair, PlanStatus
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.surveys.enums import Audience
from ontmoeting.surveys.models import StudyCode, StudyCodeVault

MULTIPLE_DOMAINS = "multiple"


def _plan(edition: Edition) -> Plan | None:
    plans = Plan.objects.filter(edition=edition)
    return plans.filter(status=PlanStatus.PUBLISHED).first() or plans.order_by("-version").first()


def attach_study_covariates(*, edition: Edition, actor: Actor) -> int:
    """Write the subgroup labels of every study code of ``edition``; returns how many changed.

    Idempotent: running it again after nothing changed writes nothing and records no entry.
    """
    plan = _plan(edition)
    pairs = (
        list(
            PlannedPair.objects.filter(plan=plan).select_related("expert__person")
            .prefetch_related("expert__person__expert_profile__domains")
        )
        if plan
        else []
    )  # fmt: skip
    expert_of_student = {p.student_id: p.expert for p in pairs}
    entries = [
        (entry, entry.participant)
        for entry in StudyCodeVault.objects.filter(study_code__edition=edition).select_related(
            "study_code", "participant"
        )
        if entry.participant is not None
    ]
    person_ids = {participant.person_id for _entry, participant in entries} | {
        p.expert.person_id for p in pairs
    }
    veterans = veteran_person_ids(edition, person_ids)

    def experience(person_id: int) -> str:
        return "veteran" if person_id in veterans else "newcomer"

    changed: list[StudyCode] = []
    for entry, participant in entries:
        code = entry.study_code
        if code.audience == Audience.STUDENTS:
            expert = expert_of_student.get(participant.pk)
            if expert is None:
                wanted: dict[str, str] = {}
            else:
                profile = getattr(expert.person, "expert_profile", None)
                domains = sorted(d.code for d in profile.domains.all()) if profile else []
                wanted = {"expert_experience": experience(expert.person_id)}
                if domains:
                    wanted["expert_domain"] = domains[0] if len(domains) == 1 else MULTIPLE_DOMAINS
        else:
            wanted = {"experience": experience(participant.person_id)}
        merged = {
            k: v
            for k, v in code.covariates.items()
            if k not in {"expert_domain", "expert_experience", "experience"}
        } | wanted
        if merged != code.covariates:
            code.covariates = merged
            changed.append(code)
    if changed:
        with transaction.atomic():
            StudyCode.objects.bulk_update(changed, ["covariates"])
            record("surveys.covariates", actor=actor, obj=edition, changed=len(changed))
    return len(changed)
