"""django-axes' lockout check, for logins that come with a request.

Every web login (the staff login page, the Django admin through it) passes its request, so
axes counts its failures per account and client address and refuses a locked-out login before
the password is checked. A login without a request (Django's test client, a script) has no
client address to count: it is left to the password backend instead of failing outright.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]
    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        super().authenticate(request, *args, **kwargs)
        return None
