"""The interactive API docs work in a real browser under the site's strict CSP: Swagger UI
comes from our own static files, no script is blocked and the operations are listed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_swagger_page_renders_without_a_csp_violation(live_server, page):
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Ontmoeting API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert "/api/v1/editions/{edition_id}/checkins" in page.content()
    assert [m for m in blocked if "script" in m.lower()] == []
