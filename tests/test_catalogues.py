"""The interface is complete in Dutch and Italian: every message translated, placeholders kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "ontmoeting" / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[-+ #0-9.]*[sdfr]|%[sd]|\{\{ ?[a-z_]+ ?\}\}")


def _placeholders(text: str) -> list[str]:
    return sorted(p.replace(" ", "") for p in PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", ["nl", "it"])
def test_every_message_is_translated_with_its_placeholders(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as f:
        catalog = read_po(f, locale=language)
    missing, fuzzy, broken = [], [], []
    for message in catalog:
        if not message.id:
            continue
        sources = list(message.id) if isinstance(message.id, tuple) else [message.id]
        targets = list(message.string) if isinstance(message.string, tuple) else [message.string]
        if not all(targets):
            missing.append(sources[0])
        elif message.fuzzy:
            fuzzy.append(sources[0])
        elif _placeholders(sources[0]) != _placeholders(targets[0]):
            broken.append(sources[0])
    assert (missing, fuzzy, broken) == ([], [], [])
