"""Magic-link tokens: long enough, hashed at rest, expiring, single-purpose."""

from __future__ import annotations

import base64
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from ontmoeting.privacy.models import AccessToken
from ontmoeting.privacy.tokens import check_token, hash_token, issue_link, resolve_token
from tests.factories import ParticipantFactory, PersonFactory
from tests.web.portal_factories import open_edition, token_of

pytestmark = pytest.mark.django_db


def test_issue_link_token_has_at_least_120_bits():
    raw = token_of(issue_link(PersonFactory()))
    random_bytes = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    assert len(random_bytes) * 8 >= 120
    assert len(random_bytes) == 32


def test_issue_link_gives_a_fresh_token_each_time():
    person = PersonFactory()
    assert token_of(issue_link(person)) != token_of(issue_link(person))


def test_issue_link_stores_only_the_hash_and_the_raw_token_is_nowhere_in_the_database():
    raw = token_of(issue_link(PersonFactory()))
    token = AccessToken.objects.get()
    assert token.token_hash == hash_token(raw)
    assert len(token.token_hash) == 64
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert raw not in dump.getvalue()
    assert token.token_hash in dump.getvalue()


def test_issue_link_full_url_points_at_the_purpose_page(settings):
    settings.SITE_URL = "https://ontmoeting.example.org"
    person = PersonFactory()
    assert issue_link(person).startswith("https://ontmoeting.example.org/me/link/")
    assert "/register/" in issue_link(person, purpose="register", edition=open_edition())
    assert "/confirm/" in issue_link(person, purpose="confirm")


def test_issue_link_rejects_an_unknown_purpose():
    with pytest.raises(ValueError, match="unknown link purpose"):
        issue_link(PersonFactory(), purpose="anything")


def test_issue_link_with_edition_links_the_participant():
    participant = ParticipantFactory(edition=open_edition())
    issue_link(participant.person, edition=participant.edition)
    assert AccessToken.objects.get().participant == participant


def test_resolve_token_finds_a_valid_token():
    person = PersonFactory()
    raw = token_of(issue_link(person))
    assert resolve_token(raw).person == person


def test_resolve_token_unknown_malformed_expired_and_revoked_give_none():
    person = PersonFactory()
    expired = token_of(issue_link(person, lifetime=dt.timedelta(seconds=-1)))
    revoked = token_of(issue_link(person))
    AccessToken.objects.filter(token_hash=hash_token(revoked)).update(revoked=timezone.now())
    assert resolve_token("A" * 43) is None
    assert resolve_token("not a token") is None
    assert resolve_token(expired) is None
    assert resolve_token(revoked) is None


def test_check_token_tells_malformed_unknown_and_expired_apart():
    person = PersonFactory()
    expired = token_of(issue_link(person, lifetime=dt.timedelta(days=60)))
    later = timezone.now() + dt.timedelta(days=61)
    assert check_token("short").state == "malformed"
    assert check_token("A" * 43).state == "unknown"
    assert check_token(expired, now=later).state == "expired"
    assert check_token(expired).state == "ok"


def test_check_token_of_another_purpose_counts_as_unknown():
    raw = token_of(issue_link(PersonFactory(), purpose="confirm"))
    assert check_token(raw, purpose="personal_page").state == "unknown"
    assert check_token(raw, purpose="confirm").state == "ok"


def test_personal_page_links_expire_after_three_days_by_default(settings):
    issue_link(PersonFactory())
    token = AccessToken.objects.get()
    assert token.expires - token.created == pytest.approx(
        dt.timedelta(hours=72), abs=dt.timedelta(seconds=5)
    )
    settings.ONTMOETING_LINK_HOURS = {"personal_page": 7}
    issue_link(PersonFactory())
    newest = AccessToken.objects.order_by("-pk").first()
    assert newest.expires - newest.created < dt.timedelta(hours=8)
