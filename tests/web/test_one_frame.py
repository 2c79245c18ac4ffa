"""One frame: every page of an edition carries the breadcrumb and the edition's pages grouped
by the year's work (Voorbereiden · Plannen · Communiceren · Na de dag); the focus ring is
visible on white."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.web.plans_factories import plannable_edition

pytestmark = pytest.mark.django_db

SITE_CSS = Path(__file__).resolve().parents[2] / "src/ontmoeting/web/static/web/site.css"

EDITION_PAGES = (
    "web:edition-dashboard",
    "web:participant-list",
    "web:roster-upload",
    "web:block-list",
    "web:venue-detail",
    "web:documents",
    "web:messages",
    "web:expenses",
    "web:survey-waves",
    "web:day-debriefing",
    "web:plan-list",
    "web:invitations",
)


@pytest.mark.parametrize("page", EDITION_PAGES)
def test_every_edition_page_has_the_breadcrumb_and_the_grouped_tabs(client, make_staff, page):
    edition, _students, _experts = plannable_edition(n_pairs=2, chairs=1)
    client.force_login(make_staff("coordinator"))
    html = client.get(reverse(page, args=[edition.pk])).content.decode()
    assert 'data-testid="edition-nav"' in html
    crumbs = re.search(r'<p class="crumbs">(.*?)</p>', html, re.S)
    assert crumbs is not None
    assert "Edities" in crumbs.group(1)
    assert str(edition) in crumbs.group(1)
    for group in ("Voorbereiden", "Plannen", "Communiceren", "Na de dag"):
        assert group in html
    assert html.count('aria-current="page"') >= 1


def _luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_focus_ring_has_at_least_3_to_1_contrast_on_white():
    rule = re.search(
        r":focus-visible\s*\{[^}]*outline:[^;]*?(#[0-9a-fA-F]{6})", SITE_CSS.read_text()
    )
    assert rule, "site.css sets the focus ring colour"
    ring = _luminance(rule.group(1))
    ratio = (1.0 + 0.05) / (ring + 0.05)
    assert ratio >= 3.0, f"{rule.group(1)} on white is {ratio:.2f}:1"
