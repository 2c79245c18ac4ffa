"""Personal API tokens: made by a staff member for themselves, shown once, kept hashed.

A token reads ``ont_<prefix>_<secret>``: the prefix (public, unique) finds the row, the secret
(256 random bits) is kept only as its SHA-256. A token names its scopes, a subset of what its
holder's roles allow when it is made; each use grants only the scopes the holder's roles *still*
allow (a role taken away makes the token useless for it). It expires (90 days by default, a year
at most) and can be revoked. Making, revoking and refusing are audited; the API audits the
sensitive reads it serves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.models import ApiToken
from ontmoeting.privacy.roles import StaffRole, has_role

#: The public start of every token (not a secret).
TOKEN_START = "ont_"  # nosec B105
DEFAULT_DAYS = 90
MAX_DAYS = 366
#: A token's last use is written at most this often (each use is not a database write).
LAST_USED_EVERY = dt.timedelta(minutes=1)

#: Each scope and the roles that may hold it (a superuser holds every role).
SCOPE_ROLES: dict[str, tuple[str, ...]] = {
    "read:editions": (
        StaffRole.COORDINATOR,
        StaffRole.RESEARCHER,
        StaffRole.FINANCE,
        StaffRole.HELPER,
    ),
    "read:participants": (StaffRole.COORDINATOR,),
    "read:plans": (StaffRole.COORDINATOR,),
    "write:checkin": (StaffRole.COORDINATOR, StaffRole.HELPER),
    "read:research": (StaffRole.COORDINATOR, StaffRole.RESEARCHER),
    "read:claims": (StaffRole.FINANCE,),
}
SCOPES = tuple(SCOPE_ROLES)


def scope_labels() -> dict[str, str]:
    """What each scope lets a program do, in the active language."""
    return {
        "read:editions": _("read the editions (year, date, status)"),
        "read:participants": _("read the participants of an edition, with names and contact"),
        "read:plans": _("read the plans of an edition"),
        "write:checkin": _("check people in at the desk"),
        "read:research": _("read the de-identified survey data"),
        "read:claims": _("read the approved expense claims"),
    }


def allowed_scopes(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    """The scopes ``user``'s roles allow now, in the order of ``SCOPES``."""
    return [scope for scope, roles in SCOPE_ROLES.items() if any(has_role(user, r) for r in roles)]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    """A token just made: the row and the text, which is never shown again."""

    token: ApiToken
    text: str


def create_token(
    user: User,
    *,
    name: str,
    scopes: list[str],
    days: int = DEFAULT_DAYS,
    actor: Actor = None,
) -> NewToken:
    """Make a token for ``user`` with ``scopes`` (each allowed by their roles) for ``days``."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name, so you know later what it is for."))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("A token lasts between 1 and %(max)s days.") % {"max": MAX_DAYS})
    allowed = set(allowed_scopes(user))
    wanted = list(dict.fromkeys(scopes))
    refused = [s for s in wanted if s not in allowed]
    if not wanted or refused:
        raise ValidationError(
            _("Choose at least one scope among those your role allows: %(scopes)s.")
            % {"scopes": ", ".join(sorted(allowed)) or "—"}
        )
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=prefix,
        secret_hash=_digest(secret),
        scopes=wanted,
        expires=timezone.now() + dt.timedelta(days=days),
    )
    record(
        "api_token.create",
        actor=actor if actor is not None else user,
        obj=token,
        holder=user.get_username(),
        prefix=prefix,
        scopes=wanted,
        expires=token.expires.isoformat(),
    )
    return NewToken(token, f"{TOKEN_START}{prefix}_{secret}")


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created")


def all_tokens() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("user").order_by("-created")


def token_by_prefix(prefix: str) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(prefix=prefix).first()


def revoke_token(token: ApiToken, *, actor: Actor) -> bool:
    """Revoke ``token`` (False when it was revoked already); audited."""
    if token.revoked is not None:
        return False
    token.revoked = timezone.now()
    token.save(update_fields=["revoked"])
    record("api_token.revoke", actor=actor, obj=token, prefix=token.prefix)
    return True


def is_active(token: ApiToken, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return token.revoked is None and token.expires > now and token.user.is_active


def granted_scopes(token: ApiToken) -> frozenset[str]:
    """The token's scopes that its holder's roles allow now."""
    return frozenset(token.scopes) & frozenset(allowed_scopes(token.user))


def _split(text: str) -> tuple[str, str] | None:
    if not text.startswith(TOKEN_START):
        return None
    prefix, _sep, secret = text[len(TOKEN_START) :].partition("_")
    if not prefix or not secret or len(prefix) > 16 or len(secret) > 100:
        return None
    return prefix, secret


def authenticate(text: str) -> ApiToken | None:
    """The active token ``text`` stands for, its last use noted; None for anything else."""
    parts = _split(text)
    if parts is None:
        return None
    prefix, secret = parts
    token = token_by_prefix(prefix)
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(secret)):
        return None
    now = timezone.now()
    if not is_active(token, now):
        return None
    if token.last_used is None or now - token.last_used >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
    return token
