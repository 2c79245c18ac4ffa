"""Links in the outbox, kept sealed: the stored text never holds a live link.

A message's links (the ``link`` and ``survey_link`` placeholders: personal pages, registration,
confirmation and survey links) are taken out of the rendered subject and text when the message
is queued. The stored text keeps a marker (``⟦link⟧``) in their place, and the links themselves
are stored encrypted (Fernet, with a key derived from ``SECRET_KEY``) in
``OutboxMessage.sealed_links``. The worker puts them back only in the email it hands to the mail
server, and the letters PDF only on paper; the coordinator's pages show "personal link
(hidden)". Changing ``SECRET_KEY`` makes the links of messages still queued unreadable: such a
message is sent without its link (the person asks for a new one).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from ontmoeting.messaging.rendering import LINK_PLACEHOLDERS

#: What a sealed link's key derives from (with SECRET_KEY): a key of its own for this purpose.
_KEY_CONTEXT = b"ontmoeting.messaging.sealed-links.v1:"
#: What staff read where a message holds a link.
HIDDEN_LABEL = _("personal link (hidden)")


def marker(name: str) -> str:
    """The stand-in for the link placeholder ``name`` in a stored message."""
    return f"\u27e6{name}\u27e7"


def _fernet() -> Fernet:
    digest = hashlib.sha256(_KEY_CONTEXT + settings.SECRET_KEY.encode("utf-8")).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def links_of(values: Mapping[str, object]) -> dict[str, str]:
    """The link values among a message's placeholder ``values`` (the non-empty ones)."""
    return {name: str(values[name]) for name in LINK_PLACEHOLDERS if values.get(name)}


def seal(links: Mapping[str, str]) -> str:
    """``links`` (or any small mapping of strings) encrypted for storage ('' when empty)."""
    if not links:
        return ""
    return _fernet().encrypt(json.dumps(dict(links)).encode("utf-8")).decode("ascii")


def unseal(sealed: str) -> dict[str, str]:
    """The links behind ``sealed`` ({} when none, or when the key changed since)."""
    if not sealed:
        return {}
    try:
        data = json.loads(_fernet().decrypt(sealed.encode("ascii")))
    except (InvalidToken, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def hide(text: str, links: Mapping[str, str], *, html: bool = False) -> str:
    """``text`` with every link of ``links`` replaced by its marker."""
    for name, url in links.items():
        text = text.replace(str(escape(url)) if html else url, marker(name))
        if html:
            text = text.replace(url, marker(name))
    return text


def reveal(text: str, links: Mapping[str, str], *, html: bool = False) -> str:
    """``text`` with each marker replaced by its link (escaped for HTML); a marker whose link
    is not known any more becomes empty."""
    for name in LINK_PLACEHOLDERS:
        url = links.get(name, "")
        text = text.replace(marker(name), str(escape(url)) if html else url)
    return text


def shown(text: str) -> str:
    """``text`` as staff may read it: each marker replaced by "personal link (hidden)"."""
    for name in LINK_PLACEHOLDERS:
        text = text.replace(marker(name), str(HIDDEN_LABEL))
    return text
