"""Real-browser tests: Debian's chromium driven by Playwright, axe-core injected on every page.

Skipped with a reason when chromium or axe-core is missing on a developer's machine; in CI
(``CI=true``) a missing browser is an error, never a silent skip.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ONTMOETING_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return f"axe-core not found at {AXE} (npm ci)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        return  # in CI the browser fixture fails loudly instead
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason is not None:
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, settings):
    # The strict CSP stays on in the browser: axe-core is evaluated through the DevTools
    # protocol (page.evaluate), which a page's CSP does not govern, instead of a <script> tag.
    # The browser asks for the test's language (Dutch unless the test is marked english).
    locale = {"nl": "nl-BE", "it": "it-IT"}.get(settings.LANGUAGE_CODE, "en-GB")
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


class AxeViolations(AssertionError):
    pass


def check_accessibility(page) -> list[dict]:
    """Run axe-core on the page; fail on any serious or critical violation (WCAG 2.1 AA)."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if bad:
        summary = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in bad
        ]
        raise AxeViolations(f"{page.url}: {json.dumps(summary, indent=1)}")
    return result["violations"]


@pytest.fixture
def axe():
    return check_accessibility


@pytest.fixture
def login(live_server, page):
    """Log ``user`` in through the login form (password 'correct horse battery staple')."""

    def do(user):
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "correct horse battery staple")
        page.get_by_role("button", name="Aanmelden").click()
        page.wait_for_load_state()
        return page

    return do
