"""The limits of a staff session, kept in the session itself.

At sign-in (Django's ``user_logged_in`` signal, whichever login view or test client logged the
user in) the session gets the moment of signing in, the moment last seen and whether the user
still owes a second factor. A session without these stamps is not a staff session this code
made, and counts as ended: it fails closed.

- idle: ``ONTMOETING_STAFF_IDLE_MINUTES`` without a request ends the session;
- absolute: ``ONTMOETING_STAFF_SESSION_HOURS`` after signing in it ends whatever happens.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from ontmoeting.privacy.two_factor import has_second_factor, second_factor_required

SIGNED_IN_AT = "ontmoeting_staff_signed_in_at"
LAST_SEEN = "ontmoeting_staff_last_seen"
OWES_SECOND_FACTOR = "ontmoeting_staff_owes_second_factor"
#: "Last seen" is written at most this often (seconds): not a session write per request.
TOUCH_EVERY = 60


def idle_seconds() -> int:
    return int(settings.ONTMOETING_STAFF_IDLE_MINUTES) * 60


def lifetime_seconds() -> int:
    return int(settings.ONTMOETING_STAFF_SESSION_HOURS) * 3600


def stamp_sign_in(sender: Any, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    """Receiver of ``user_logged_in``: start the session's clocks, note a second factor owed."""
    now = int(time.time())
    session = request.session
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = now
    session[OWES_SECOND_FACTOR] = second_factor_required(user) or has_second_factor(user)  # type: ignore[arg-type]
    # The cookie and the stored session die with the idle limit too (renewed on each touch).
    session.set_expiry(idle_seconds())


def session_ended(session: SessionBase, now: float) -> str | None:
    """Why the staff session has ended ("idle", "lifetime", "unstamped"), or None."""
    signed_in_at, last_seen = session.get(SIGNED_IN_AT), session.get(LAST_SEEN)
    if not isinstance(signed_in_at, int) or not isinstance(last_seen, int):
        return "unstamped"
    if now - signed_in_at > lifetime_seconds():
        return "lifetime"
    if now - last_seen > idle_seconds():
        return "idle"
    return None


def touch(session: SessionBase, now: float) -> None:
    """Note that the staff member is active (at most once a minute)."""
    if now - int(session.get(LAST_SEEN, 0)) >= TOUCH_EVERY:
        session[LAST_SEEN] = int(now)


def owes_second_factor(session: SessionBase) -> bool:
    """True while the user signed in with a password must still give a code (fails closed)."""
    return bool(session.get(OWES_SECOND_FACTOR, True))


def verified(user: object) -> bool:
    """True when ``user`` gave a second factor in this session (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False
