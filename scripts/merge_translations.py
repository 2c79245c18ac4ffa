"""Merge translations kept as JSON (index -> text, for an extracted list of msgids) into a .po file.

Usage: python scripts/merge_translations.py LANG LIST.json TRANSLATIONS.json [...pairs]
Only empty or fuzzy entries are filled; placeholders are checked and a mismatch is reported
and skipped.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[-+ #0-9.]*[sdfr]|%[sd]|\{\{ ?[a-z_]+ ?\}\}|\{[a-z_]+\}")


def _placeholders(text: str) -> list[str]:
    return sorted(p.replace(" ", "") for p in PLACEHOLDER.findall(text))


def merge(language: str, pairs: list[tuple[Path, Path]]) -> None:
    po_path = Path(f"src/ontmoeting/locale/{language}/LC_MESSAGES/django.po")
    with po_path.open("rb") as f:
        catalog = read_po(f, locale=language)
    filled = skipped = 0
    for list_path, tr_path in pairs:
        entries = json.loads(list_path.read_text())
        translations = json.loads(tr_path.read_text())
        for index, entry in enumerate(entries):
            text = translations.get(str(index))
            if text is None:
                continue
            msgid = tuple(entry["id"]) if isinstance(entry["id"], list) else entry["id"]
            message = catalog.get(msgid, context=entry["context"])
            if message is None:
                continue
            source = list(msgid) if isinstance(msgid, tuple) else [msgid]
            target = list(text) if isinstance(text, list) else [text]
            if any(
                _placeholders(s) != _placeholders(t) for s, t in zip(source, target, strict=False)
            ):
                print(f"placeholder mismatch, skipped: {source[0][:60]!r} -> {target[0][:60]!r}")
                skipped += 1
                continue
            current = message.string
            empty = not any(current) if isinstance(current, (tuple, list)) else not current
            if empty or message.fuzzy:
                message.string = tuple(target) if isinstance(msgid, tuple) else target[0]
                message.flags.discard("fuzzy")
                filled += 1
    with po_path.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False)
    print(f"{language}: {filled} filled, {skipped} skipped")


if __name__ == "__main__":
    lang, *rest = sys.argv[1:]
    merge(lang, [(Path(rest[i]), Path(rest[i + 1])) for i in range(0, len(rest), 2)])
