"""WSGI entry point.

In production (``ONTMOETING_ENV=production``) it refuses to start when a deployment check finds
an error (no field key, a localhost site URL, SMTP without TLS, the demo debtor…: the
``ontmoeting.E0xx`` of docs/operations.md): a server that would fail its users at the first
claim or the first e-mail does not start at all. Warnings do not stop it.
"""

import os

from django.conf import settings
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.config.settings")
application = get_wsgi_application()

if getattr(settings, "PRODUCTION", False):
    _errors = [m for m in run_checks(include_deployment_checks=True) if m.is_serious()]
    if _errors:
        raise ImproperlyConfigured(
            "Refusing to start; run 'ontmoeting manage check --deploy':\n"
            + "\n".join(str(error) for error in _errors)
        )
