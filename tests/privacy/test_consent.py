"""Consent: versioned texts, a separate special-category consent, withdrawal and its effects."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ontmoeting.privacy.consent import (
    current_text,
    give_consent,
    has_general_consent,
    has_special_consent,
    withdraw_consent,
)
from ontmoeting.privacy.models import AuditEntry, Consent, ConsentText
from tests.factories import ExperienceDomainFactory, ExpertProfileFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_default_texts_v1_exist_for_both_kinds_in_three_languages():
    rows = set(ConsentText.objects.values_list("kind", "language", "version"))
    assert rows >= {
        (kind, language, 1)
        for kind in ("general", "special_category")
        for language in ("nl", "en", "it")
    }


@pytest.mark.parametrize("language", ["nl", "en", "it"])
def test_default_texts_say_what_why_who_and_how_long(language):
    text = current_text("general", language)
    assert text.language == language
    assert text.body.count("\n\n") >= 4  # what, why, who, how long, withdrawal
    assert "5" in text.body


def test_current_text_is_the_latest_published_version():
    ConsentText.objects.create(
        kind="general", language="en", version=2, body="v2", published_at=timezone.now()
    )
    ConsentText.objects.create(
        kind="general",
        language="en",
        version=3,
        body="future",
        published_at=timezone.now() + timezone.timedelta(days=3),
    )
    assert current_text("general", "en").version == 2


def test_current_text_falls_back_to_dutch():
    assert current_text("special_category", "fr").language == "nl"


def test_special_consent_is_separate_from_the_general_one():
    person = PersonFactory()
    give_consent(person, text=current_text("general", "en"), actor="test")
    assert has_general_consent(person)
    assert not has_special_consent(person)
    give_consent(person, text=current_text("special_category", "en"), actor="test")
    assert has_special_consent(person)


def test_give_consent_twice_to_the_same_text_is_one_row():
    person = PersonFactory()
    text = current_text("general", "nl")
    first = give_consent(person, text=text, actor="test")
    assert give_consent(person, text=text, actor="test") == first
    assert Consent.objects.count() == 1


def test_give_consent_to_a_new_version_withdraws_the_old_one():
    person = PersonFactory()
    old = give_consent(person, text=current_text("general", "nl"), actor="test")
    new_text = ConsentText.objects.create(
        kind="general", language="nl", version=2, body="v2", published_at=timezone.now()
    )
    new = give_consent(person, text=new_text, actor="test")
    old.refresh_from_db()
    assert old.withdrawn_at is not None
    assert list(Consent.objects.filter(withdrawn_at__isnull=True)) == [new]


def test_withdraw_special_consent_deletes_the_domains_and_is_recorded():
    profile = ExpertProfileFactory()
    other = ExpertProfileFactory()
    domain = ExperienceDomainFactory(code="addiction")
    profile.domains.add(domain)
    other.domains.add(domain)
    give_consent(profile.person, text=current_text("special_category", "nl"), actor="test")
    assert withdraw_consent(profile.person, kind="special_category", actor="test") == 1
    assert not has_special_consent(profile.person)
    assert list(profile.domains.all()) == []
    assert list(other.domains.all()) == [domain]
    entry = AuditEntry.objects.get(action="consent.withdraw")
    assert (entry.object_id, entry.data["domains_deleted"]) == (str(profile.person.pk), 1)


def test_withdraw_consent_twice_changes_nothing_the_second_time():
    person = PersonFactory()
    give_consent(person, text=current_text("general", "nl"), actor="test")
    assert withdraw_consent(person, kind="general", actor="test") == 1
    assert withdraw_consent(person, kind="general", actor="test") == 0
    assert AuditEntry.objects.filter(action="consent.withdraw").count() == 1


def test_give_consent_is_recorded_with_version_and_how():
    person = PersonFactory()
    give_consent(person, text=current_text("general", "it"), actor="test", how="on_behalf")
    entry = AuditEntry.objects.get(action="consent.give")
    assert entry.data == {"kind": "general", "version": 1, "language": "it", "how": "on_behalf"}
