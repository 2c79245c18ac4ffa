"""Deployment checks of the research key: set, long enough, and a key file kept apart.

Registered for ``manage.py check --deploy`` beside the field key's checks (expenses/checks.py);
docs/operations.md explains every id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from ontmoeting.privacy.key_checks import key_file_errors
from ontmoeting.surveys import pseudonyms

NEW_KEY = 'python -c "import secrets; print(secrets.token_hex(32))"'


@register(Tags.security, deploy=True)
def check_research_key(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """A research key of at least 32 characters; a key file private and outside the data."""
    key = pseudonyms.configured_key()
    if len(key) < pseudonyms.KEY_BYTES:
        return [
            Error(
                "No research key of at least 32 characters: research exports and pages could not "
                "make pseudonyms.",
                hint=f"Make a key with {NEW_KEY} and put it in ONTMOETING_RESEARCH_KEY or in the "
                f"file named by ONTMOETING_RESEARCH_KEY_FILE ({pseudonyms.key_file()}).",
                id="ontmoeting.E011",
            )
        ]
    if getattr(settings, "ONTMOETING_RESEARCH_KEY", ""):
        return []
    return key_file_errors(
        pseudonyms.key_file(),
        name="research key",
        carries="the key that rebuilds its pseudonyms",
        hint="Move it outside the data directory (default /etc/ontmoeting/research_key).",
        ids=("ontmoeting.E012", "ontmoeting.E013"),
    )
