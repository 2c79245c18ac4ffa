"""Expert profiles: statuses, training and roles as in the practice-research survey (seed 001)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ontmoeting.people.models import ExperienceDomain
from tests.factories import ExpertProfileFactory


@pytest.mark.django_db
def test_status_combinations_from_the_survey_are_allowed():
    for statuses in (
        ["volunteer"],
        ["volunteer", "paid_employee"],
        ["paid_employee", "self_employed"],
        ["volunteer", "none"],
    ):
        ExpertProfileFactory(statuses=statuses).full_clean()


@pytest.mark.django_db
def test_no_status_cannot_go_with_paid_work():
    profile = ExpertProfileFactory(statuses=["none", "paid_employee"])
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert error.value.message_dict["statuses"] == [
        "'Geen statuut' kan niet gecombineerd worden met betaald werk."
    ]


@pytest.mark.django_db
def test_unknown_role_code_is_refused_by_name():
    profile = ExpertProfileFactory(roles=["critical_voice", "guru"])
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert error.value.message_dict["roles"] == ["Onbekende waarden voor rollen: guru."]


@pytest.mark.django_db
def test_no_specific_role_excludes_other_roles():
    profile = ExpertProfileFactory(roles=["no_specific_role", "support"])
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert error.value.message_dict["roles"] == [
        "'Geen specifieke rol' sluit de andere rollen uit."
    ]


@pytest.mark.django_db
def test_seeded_domains_have_stable_codes_and_translated_names():
    from django.utils import translation

    codes = set(ExperienceDomain.objects.values_list("code", flat=True))
    assert codes == {
        "addiction",
        "mental_health",
        "disability",
        "unemployment",
        "divorce",
        "youth_protection",
        "poverty",
    }
    domain = ExperienceDomain.objects.get(code="mental_health")
    with translation.override("nl"):
        assert domain.name == "Geestelijke gezondheid"
    with translation.override("it"):
        assert domain.name == "Salute mentale"
    with translation.override("en"):
        assert domain.name == "Mental health"
