"""Schemathesis fuzzes every operation of the OpenAPI document against the real WSGI app, as a
coordinator with data present (an edition with participants, a published plan, survey
answers): no answer may be a 500 or stray from the documented schema (problem details
included)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ontmoeting.privacy.api_tokens import allowed_scopes, create_token
from tests.reports.survey_data import make_survey_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def _connection_kept():
    """Django closes the database connection when a request ends; its test client stops that
    (the test's transaction lives on the connection), and so must a raw WSGI call."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(make_staff, settings, _connection_kept):
    settings.ONTMOETING_API_RATE = 100_000
    data = make_survey_edition(n_students=4, n_answering=3)
    user = make_staff("coordinator", "fuzzer")
    token = create_token(user, name="fuzz", scopes=allowed_scopes(user)).text
    return data.edition, token


#: Loaded from the app itself (no database needed to write the document).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_error_and_no_schema_violation(case, world):
    edition, token = world
    edition_id = (case.path_parameters or {}).get("edition_id")
    if isinstance(edition_id, int) and edition_id % 2:  # half the calls reach real data
        case.path_parameters["edition_id"] = edition.pk
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[
            not_a_server_error,
            response_schema_conformance,
            content_type_conformance,
            status_code_conformance,
        ],
    )
