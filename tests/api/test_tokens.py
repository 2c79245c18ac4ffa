"""Personal API tokens: kept hashed, expiring, revocable, scoped, never more than the holder's
role; every making, revoking and sensitive read audited. Errors are problem details."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from ontmoeting.cli import main
from ontmoeting.privacy.api_tokens import create_token
from ontmoeting.privacy.models import ApiToken, AuditEntry
from tests.factories import EditionFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def edition():
    edition = EditionFactory()
    ParticipantFactory(edition=edition)
    return edition


def _problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert body["status"] == status
    assert body["instance"] == response.wsgi_request.path
    return body


def test_only_the_hash_of_the_secret_is_kept(make_staff):
    made = create_token(make_staff("coordinator"), name="roster sync", scopes=["read:editions"])
    prefix, secret = made.text.removeprefix("ont_").split("_", 1)
    row = ApiToken.objects.get()
    assert row.prefix == prefix
    assert secret not in str(row.__dict__)
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert (row.expires - timezone.now()).days in (89, 90)
    assert AuditEntry.objects.filter(action="api_token.create", object_id=str(row.pk)).exists()


def test_a_token_may_not_ask_more_than_the_role_allows(make_staff):
    researcher = make_staff("researcher")
    with pytest.raises(ValidationError):
        create_token(researcher, name="x", scopes=["read:participants"])
    with pytest.raises(ValidationError):
        create_token(researcher, name="x", scopes=["read:research"], days=400)


def test_a_wrong_missing_expired_or_revoked_token_is_a_401(api, make_staff, edition):
    made = create_token(make_staff("coordinator"), name="x", scopes=["read:editions"])
    assert api(made.text).get("/editions").status_code == 200
    for text in (None, made.text + "x", "ont_nothing_here", "Bearer"):
        body = _problem(api(text).get("/editions"), 401)
        assert body["type"].endswith("not-authenticated")
    ApiToken.objects.update(expires=timezone.now() - dt.timedelta(seconds=1))
    _problem(api(made.text).get("/editions"), 401)
    ApiToken.objects.update(expires=timezone.now() + dt.timedelta(days=1))
    assert main(["api-token", "revoke", made.token.prefix]) == 0
    _problem(api(made.text).get("/editions"), 401)
    assert AuditEntry.objects.filter(action="api_token.revoke", actor_label="cli").exists()


def test_a_token_without_the_scope_is_refused(api, make_staff, edition):
    made = create_token(make_staff("coordinator"), name="x", scopes=["read:editions"])
    body = _problem(api(made.text).get(f"/editions/{edition.pk}/participants"), 403)
    assert "read:participants" in body["detail"]


def test_a_holder_who_lost_the_role_loses_the_token(api, make_staff, edition):
    user = make_staff("coordinator")
    made = create_token(user, name="x", scopes=["read:editions", "read:participants"])
    assert api(made.text).get(f"/editions/{edition.pk}/participants").status_code == 200
    user.groups.remove(Group.objects.get(name="coordinator"))
    _problem(api(made.text).get(f"/editions/{edition.pk}/participants"), 403)
    _problem(api(made.text).get("/editions"), 403)


def test_last_use_is_noted(api, make_staff):
    made = create_token(make_staff("helper"), name="x", scopes=["read:editions"])
    api(made.text).get("/editions")
    assert ApiToken.objects.get().last_used is not None


def test_past_the_rate_limit_a_429_says_when_to_retry(api, make_staff, settings):
    settings.ONTMOETING_API_RATE = 2
    made = create_token(make_staff("helper"), name="x", scopes=["read:editions"])
    client = api(made.text)
    assert [client.get("/editions").status_code for _ in range(2)] == [200, 200]
    response = client.get("/editions")
    _problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60


def test_validation_and_unknown_paths_are_problems_too(api, token_for, edition):
    client = api(token_for("coordinator"))
    body = _problem(client.get("/editions/not-a-number"), 422)
    assert body["errors"]
    _problem(client.get(f"/editions/{edition.pk + 1000}"), 404)
    _problem(client.get("/no/such/thing"), 404)
    _problem(client.post(f"/editions/{edition.pk}/checkins", {"kind": "fly"}), 422)


def test_the_token_page_shows_a_new_token_once_and_revokes(client, make_staff):
    user = make_staff("researcher")
    client.force_login(user)
    page = client.get("/staff/api-tokens/")
    assert page.status_code == 200
    assert "read:participants" not in page.content.decode()
    made = client.post(
        "/staff/api-tokens/", {"name": "R script", "scopes": ["read:research"], "days": 30}
    )
    token = ApiToken.objects.get(user=user)
    assert f"ont_{token.prefix}_" in made.content.decode()
    assert f"ont_{token.prefix}_" not in client.get("/staff/api-tokens/").content.decode()
    client.post(f"/staff/api-tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked is not None


def test_one_cannot_revoke_someone_elses_token(client, make_staff):
    other = create_token(make_staff("coordinator"), name="x", scopes=["read:editions"])
    client.force_login(make_staff("researcher"))
    assert client.post(f"/staff/api-tokens/{other.token.pk}/revoke/").status_code == 404


def test_the_cli_makes_and_lists_tokens(make_staff, capsys):
    make_staff("finance", "fien")
    assert main(["api-token", "create", "fien", "--name", "bank", "--scope", "read:claims"]) == 0
    text = capsys.readouterr().out.strip()
    assert text.startswith("ont_")
    assert ApiToken.objects.get().user.username == "fien"
    assert main(["api-token", "list"]) == 0
    listing = capsys.readouterr().out
    assert "fien" in listing
    assert text.split("_", 2)[2] not in listing
    assert main(["api-token", "create", "fien", "--name", "x", "--scope", "read:plans"]) == 2


def test_the_docs_page_loads_only_our_own_scripts(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in page["Content-Security-Policy"]
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
