"""The bank account of a claim: checked on every write, stored encrypted with BIC and address.

Whoever writes a claim (the expert in the portal, a coordinator from a paper form) goes through
:func:`account_errors` and :func:`apply_account`, so no IBAN a bank would refuse is stored: the
IBAN is checked on every save (also a draft); the BIC and the holder's address are checked
when given and required on sending for accounts in SEPA countries outside the EEA.

An empty field keeps what the claim holds already (the form never shows the stored IBAN).
"""

from __future__ import annotations

from typing import Protocol

from babel import Locale
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ontmoeting.expenses.crypto import decrypt, encrypt
from ontmoeting.expenses.iban import check_bic, check_iban, mask_iban, needs_bic_and_address
from ontmoeting.expenses.models import Claim

#: The address fields of the holder, in the order the form asks them.
ADDRESS_FIELDS = ("holder_street", "holder_postcode", "holder_town", "holder_country")


class AccountInput(Protocol):
    """What the claim input says about the account (services.ClaimInput)."""

    iban: str
    bic: str
    holder_street: str
    holder_postcode: str
    holder_town: str
    holder_country: str


def _value(claim: Claim, data: AccountInput, name: str) -> str:
    """The new value of field ``name``, or the stored one when the input leaves it empty."""
    given = str(getattr(data, name) or "").strip()
    return given or str(getattr(claim, name) or "")


def _iban(claim: Claim, data: AccountInput, errors: dict[str, list[str]]) -> str:
    """The IBAN the claim will pay into (checked when new), or "" when there is none yet."""
    if data.iban:
        try:
            return check_iban(data.iban)
        except ValidationError as error:
            errors.setdefault("iban", []).extend(error.messages)
            return ""
    return decrypt(claim.iban_encrypted) if claim.iban_encrypted else ""


def _max_length(name: str) -> int:
    field = Claim._meta.get_field(name)
    assert isinstance(field, models.CharField)
    return field.max_length or 0


def _country_error(code: str) -> str | None:
    """None when ``code`` is an ISO 3166 country (the CLDR's list, via babel), else why not."""
    if len(code) == 2 and code.isalpha() and code != "ZZ" and code in Locale("en").territories:
        return None
    return _("Give the country as its two-letter code, like CH or GB.")


def account_errors(claim: Claim, *, data: AccountInput, submit: bool) -> dict[str, list[str]]:
    """Field → messages: a bad IBAN, BIC or country always; BIC and address missing on sending."""
    errors: dict[str, list[str]] = {}
    iban = _iban(claim, data, errors)
    if data.bic.strip():
        try:
            check_bic(data.bic)
        except ValidationError as error:
            errors.setdefault("bic", []).extend(error.messages)
    for name in ADDRESS_FIELDS[:3]:
        limit = _max_length(name)
        if len(_clean_text(str(getattr(data, name)))) > limit:
            errors.setdefault(name, []).append(
                _("At most %(count)s characters, please.") % {"count": limit}
            )
    country = data.holder_country.strip().upper()
    if country and (problem := _country_error(country)):
        errors.setdefault("holder_country", []).append(problem)
    if submit and iban and needs_bic_and_address(iban):
        if not _value(claim, data, "bic"):
            errors.setdefault("bic", []).append(
                _("For an account outside the EEA, the bank needs the BIC.")
            )
        for name in ADDRESS_FIELDS:
            if not _value(claim, data, name):
                errors.setdefault(name, []).append(
                    _("For an account outside the EEA, the bank needs the holder's address.")
                )
    return errors


def _clean_text(value: str) -> str:
    """Address text stored as typed (it is transliterated when the file is written)."""
    return " ".join(value.split())


def apply_account(claim: Claim, data: AccountInput) -> None:
    """Put the input's account on ``claim`` (not saved): the IBAN encrypted and masked, BIC and
    address as given; empty fields keep the stored values. ValidationError on a bad IBAN/BIC."""
    if data.iban:
        iban = check_iban(data.iban)
        claim.iban_encrypted = encrypt(iban)
        claim.iban_masked = mask_iban(iban)
    if data.bic.strip():
        claim.bic = check_bic(data.bic)
    for name in ADDRESS_FIELDS[:3]:
        if str(getattr(data, name)).strip():
            setattr(claim, name, _clean_text(str(getattr(data, name))))
    if data.holder_country.strip():
        claim.holder_country = data.holder_country.strip().upper()
