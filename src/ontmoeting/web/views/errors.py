"""The error pages: plain words in the visitor's language, a way on, and whom to ask.

Django renders ``400.html``, ``403.html``, ``404.html`` and ``500.html`` itself (templates at the
root of ``web/templates``); only the CSRF refusal needs a view, or Django shows its own English
page with the internal reason.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: 403, and how to send it again."""
    return render(request, "403_csrf.html", status=403)
