"""Every installed dependency has a permissive licence (MIT, BSD, Apache, PSF, LGPL…), never GPL/AGPL.

Packages offered under several licences are listed with the one we take, and why.
"""

from __future__ import annotations

import re
from importlib.metadata import distributions

#: Dual- or multi-licensed packages: the licence we use them under.
CHOSEN = {
    "pyphen": "LGPL-2.0-or-later (tri-licensed GPL/LGPL/MPL; WeasyPrint's hyphenation)",
    "text-unidecode": "Artistic License (dual Artistic/GPL; needed by sepaxml)",
}
COPYLEFT = re.compile(r"\b(A?GPL|Affero|General Public License)", re.I)
LESSER = re.compile(r"\bLGPL|Lesser General Public", re.I)


def _licence_text(dist) -> str:
    meta = dist.metadata
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return " | ".join(
        filter(
            None, [meta.get("License-Expression"), *classifiers, (meta.get("License") or "")[:200]]
        )
    )


def test_no_dependency_is_gpl_or_agpl():
    offending = {}
    for dist in distributions():
        name = dist.metadata["Name"].lower()
        text = _licence_text(dist)
        if name in CHOSEN:
            continue
        stripped = LESSER.sub("", text)
        if COPYLEFT.search(stripped):
            offending[name] = text
    assert offending == {}
