"""Deployment checks of the messages: links that reach people, mail that travels encrypted.

Registered for ``manage.py check --deploy`` (the messages speak to the operator in English, as
Django's own checks do). docs/operations.md explains every id.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def _is_local(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@register(Tags.security, deploy=True)
def check_site_url(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """The links in messages point at the public site, over HTTPS."""
    url = str(getattr(settings, "SITE_URL", ""))
    parts = urlsplit(url)
    errors: list[CheckMessage] = []
    if not parts.hostname or _is_local(parts.hostname):
        errors.append(
            Error(
                f"SITE_URL is {url!r}: the links in e-mails and letters would point at this "
                "machine, not at the site people can reach.",
                hint="Set ONTMOETING_SITE_URL to the public address, e.g. "
                "https://ontmoeting.example.org.",
                id="ontmoeting.E006",
            )
        )
    if parts.scheme != "https":
        errors.append(
            Error(
                f"SITE_URL is {url!r}: personal links would travel over plain HTTP.",
                hint="Set ONTMOETING_SITE_URL to an https:// address.",
                id="ontmoeting.E007",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def check_smtp_tls(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Mail goes to the SMTP server over TLS (STARTTLS or implicit TLS), and over one of them."""
    if settings.EMAIL_BACKEND != SMTP_BACKEND:
        return []
    use_tls = bool(getattr(settings, "EMAIL_USE_TLS", False))
    use_ssl = bool(getattr(settings, "EMAIL_USE_SSL", False))
    if use_tls and use_ssl:
        return [
            Error(
                "EMAIL_USE_TLS and EMAIL_USE_SSL are both on: no message could be sent.",
                hint="Keep EMAIL_USE_TLS=1 for STARTTLS (port 587) or EMAIL_USE_SSL=1 for "
                "implicit TLS (port 465), not both.",
                id="ontmoeting.E009",
            )
        ]
    if use_tls or use_ssl:
        return []
    return [
        Error(
            "E-mail is handed to the SMTP server without TLS: personal links and names would "
            "cross the network in clear text.",
            hint="Set EMAIL_USE_TLS=1 (STARTTLS, port 587) or EMAIL_USE_SSL=1 (implicit TLS, "
            "port 465).",
            id="ontmoeting.E008",
        )
    ]
