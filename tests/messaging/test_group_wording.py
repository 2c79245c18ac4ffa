"""A group's name already says it is a group ("Groep 15"): no text writes "groep Groep 15"."""

from __future__ import annotations

import re
from pathlib import Path

from ontmoeting.messaging.defaults import DEFAULT_TEMPLATES

PORTAL = Path(__file__).resolve().parents[2] / "src/ontmoeting/web/templates/portal"
DOUBLED = re.compile(r"\b(groep|group|gruppo)\s+\{\{\s*group\s*\}\}", re.IGNORECASE)


def test_no_default_message_puts_the_word_group_before_the_groups_name():
    texts = [text for texts in DEFAULT_TEMPLATES.values() for text in texts]
    assert any("{{ group }}" in text for text in texts)
    assert [text for text in texts if DOUBLED.search(text)] == []


def test_no_portal_page_puts_the_word_group_before_the_groups_name():
    pages = [
        p.name for p in PORTAL.rglob("*.html") if DOUBLED.search(p.read_text(encoding="utf-8"))
    ]
    assert pages == []
