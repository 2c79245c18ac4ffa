"""Deployment checks of the expenses: a field key that can encrypt, kept apart, and a real debtor.

Registered for ``manage.py check --deploy`` (the messages speak to the operator in English, as
Django's own checks do). docs/operations.md explains every id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from ontmoeting.expenses import crypto, sepa
from ontmoeting.privacy.key_checks import key_file_errors

NEW_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


@register(Tags.security, deploy=True)
def check_field_key(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """A field key is set, is a Fernet key, and a key file is private and outside the data."""
    keys = crypto.configured_keys()
    if not keys:
        return [
            Error(
                "No field key: bank accounts cannot be encrypted, so the first expense claim "
                "would fail.",
                hint=f"Make a key with {NEW_KEY} and put it in ONTMOETING_FIELD_KEY or in the "
                f"file named by ONTMOETING_FIELD_KEY_FILE ({crypto.key_file()}).",
                id="ontmoeting.E001",
            )
        ]
    if bad := crypto.invalid_keys(keys):
        return [
            Error(
                f"Field key {bad[0]} is not a Fernet key (32 url-safe base64-encoded bytes).",
                hint=f"Make a key with {NEW_KEY}; several keys are separated by commas.",
                id="ontmoeting.E002",
            )
        ]
    if getattr(settings, "ONTMOETING_FIELD_KEY", ""):
        return []
    return key_file_errors(
        crypto.key_file(),
        name="field key",
        carries="the key that opens its bank accounts",
        hint="Move the key outside the data directory (default /etc/ontmoeting/field_key) and "
        "set ONTMOETING_FIELD_KEY_FILE, or pass the key in ONTMOETING_FIELD_KEY.",
        ids=("ontmoeting.E003", "ontmoeting.E004"),
    )


@register(Tags.security, deploy=True)
def check_debtor(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """The SEPA debtor is the department's account, not the demo one."""
    debtor = sepa.debtor()
    if debtor["IBAN"] != sepa.DEMO_DEBTOR["IBAN"] and debtor["name"] != sepa.DEMO_DEBTOR["name"]:
        return []
    return [
        Error(
            "The SEPA debtor is the demo account: payment files would pay from "
            f"{debtor['name']} ({debtor['IBAN']}).",
            hint="Set ONTMOETING_DEBTOR_NAME, ONTMOETING_DEBTOR_IBAN and ONTMOETING_DEBTOR_BIC "
            "to the department's account.",
            id="ontmoeting.E005",
        )
    ]
