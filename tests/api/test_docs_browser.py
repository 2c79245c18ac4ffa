"""The interactive API docs work in a real browser under the site's strict CSP: Swagger UI
comes from our own static files, no script is blocked and the operations are listed."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _missing, browser, page  # noqa: F401  (their fixtures)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # As in tests/browser: skipped without chromium, except in CI, where it fails loudly.
    pytest.mark.skipif(
        _missing() is not None and os.environ.get("CI") != "true", reason=str(_missing())
    ),
]


def test_the_swagger_page_renders_without_a_csp_violation(live_server, page):  # noqa: F811
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Ontmoeting API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert "/api/v1/editions/{edition_id}/checkins" in page.content()
    assert [m for m in blocked if "script" in m.lower()] == []
