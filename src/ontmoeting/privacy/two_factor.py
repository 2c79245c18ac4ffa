"""Staff's second factor: an authenticator app (TOTP) and ten recovery codes (django-otp).

- who must: admins (the admin role; superusers hold every role) and anyone who may open the
  Django admin; every other staff member may turn it on;
- enrolment: ``start_totp_enrolment`` gives the account's one unconfirmed TOTP device (the same
  one until it is confirmed, so reloading the page keeps the QR code); ``confirm_totp_enrolment``
  takes a first code from the app, confirms the device and issues recovery codes;
- signing in: ``verify_code`` tries the app's code, then a recovery code (each works once).
  Both devices slow down wrong codes themselves (django-otp's exponential throttle).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.roles import StaffRole, has_role

#: How many recovery codes an account gets at a time (a new set replaces the old one).
RECOVERY_CODES = 10
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"


def second_factor_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for admins and for anyone who may open the Django admin."""
    return has_role(user, StaffRole.ADMIN) or bool(getattr(user, "is_staff", False))


def has_second_factor(user: User) -> bool:
    """True when ``user`` has a confirmed authenticator app."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def start_totp_enrolment(user: User) -> TOTPDevice:
    """The account's unconfirmed TOTP device, made on first call (idempotent)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": APP_DEVICE_NAME}
    )
    return device


@transaction.atomic
def confirm_totp_enrolment(device: TOTPDevice, code: str, *, actor: Actor) -> list[str] | None:
    """Confirm ``device`` when ``code`` is its current code: it replaces any earlier app, and
    returns fresh recovery codes (shown once). None when the code is wrong."""
    if device.confirmed or not device.verify_token(code.strip()):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record("staff.second_factor.enrol", actor=actor, obj=device.user)
    return _issue_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User, *, actor: Actor) -> list[str]:
    """Replace the account's recovery codes by ten new ones (returned, shown once)."""
    codes = _issue_recovery_codes(user)
    record("staff.second_factor.recovery_codes", actor=actor, obj=user)
    return codes


def _issue_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def verify_code(user: User, code: str) -> Device | None:
    """The device that accepts ``code`` (the app's code or an unused recovery code), if any.

    A recovery code is used up; a wrong code counts towards the device's throttle (the rows are
    locked, so parallel guesses are counted too)."""
    code = code.strip().replace(" ", "")
    if not code:
        return None
    app = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if app is not None and code.isdigit() and app.verify_token(code):
        return app
    recovery = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if recovery is not None and recovery.verify_token(code):
        return recovery
    return None


@transaction.atomic
def remove_second_factor(user: User, *, actor: Actor) -> bool:
    """Remove the account's app and recovery codes (a lost phone); True when there were any."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    if removed:
        record("staff.second_factor.remove", actor=actor, obj=user)
    return bool(removed)
