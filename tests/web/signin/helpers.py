"""Signing in the way a person does: the login form, then the code page."""

from __future__ import annotations

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery staple"


def log_in(client, username: str, password: str = PASSWORD, **extra):
    """POST the login form (``extra``: request headers such as REMOTE_ADDR)."""
    return client.post("/login/", {"username": username, "password": password}, **extra)


def app_for(user) -> TOTPDevice:
    """A confirmed authenticator app for ``user``."""
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def code_of(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the app shows now (or ``steps_ahead`` periods of 30 s later, which the server
    accepts too: a code is used once, so a second sign-in in the same period takes the next)."""
    return f"{totp(device.bin_key, step=device.step, drift=steps_ahead):06d}"
