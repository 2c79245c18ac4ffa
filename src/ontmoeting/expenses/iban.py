"""Bank accounts: validating an IBAN (schwifty) for a SEPA transfer, the BIC, and masking.

A bank only takes a SEPA credit transfer to an account in a SEPA scheme country. The list below
follows the EPC's "EPC409-09 EPC List of SEPA Scheme Countries" (version 2025), by the country
code that starts the IBAN:

- the EEA states (the 27 EU states, Iceland, Liechtenstein, Norway) and the territories that use
  the IBAN of their state (Åland ``AX`` with Finland; French Guiana ``GF``, Guadeloupe ``GP``,
  Martinique ``MQ``, Mayotte ``YT``, Réunion ``RE``, Saint-Barthélemy ``BL`` and Saint-Martin
  ``MF`` with France; the Azores, Madeira, the Canary Islands, Ceuta and Melilla carry the IBAN of
  Portugal and Spain);
- the non-EEA SEPA countries and territories (Andorra, Albania, Switzerland, the United Kingdom
  with Guernsey, Jersey and the Isle of Man, Gibraltar, Monaco, Moldova, Montenegro, North
  Macedonia, Saint-Pierre-et-Miquelon, Serbia, San Marino, Vatican City). For these the scheme
  asks the payer's bank for the creditor's BIC and postal address, so a claim paying into such an
  account needs both.

schwifty also knows IBAN formats of countries outside SEPA (``BR``, ``SA``, …): those are refused.
"""

from __future__ import annotations

import warnings

from babel import Locale, UnknownLocaleError
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty.exceptions import NationalChecksumNotVerified, SchwiftyException

#: SEPA scheme countries in the EEA (EPC409-09), by the IBAN's country code.
SEPA_EEA: frozenset[str] = frozenset(
    {
        # the 27 EU states
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
        # the other EEA states
        "IS", "LI", "NO",
        # territories of EEA states with an IBAN code of their own in the IBAN registry
        "AX", "BL", "GF", "GP", "MF", "MQ", "RE", "YT",
    }
)  # fmt: skip
#: SEPA scheme countries outside the EEA (EPC409-09): BIC and postal address required.
SEPA_NON_EEA: frozenset[str] = frozenset(
    {
        "AD", "AL", "CH", "GB", "GG", "GI", "IM", "JE", "MC", "MD", "ME", "MK", "PM", "RS",
        "SM", "VA",
    }
)  # fmt: skip
SEPA_COUNTRIES: frozenset[str] = SEPA_EEA | SEPA_NON_EEA


def compact(value: str) -> str:
    """``' be68 5390 0754 7034 '`` → ``'BE68539007547034'`` (no spaces, upper case)."""
    return "".join((value or "").split()).upper()


def country_name(code: str) -> str:
    """The country's name in the active language (the code itself when it is unknown)."""
    try:
        locale = Locale.parse(to_locale(get_language() or "en"))
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    return str(locale.territories.get(code, code))


def _parse(value: str) -> IBAN:
    """The IBAN with its checksum and national BBAN check digits verified (SchwiftyException)."""
    with warnings.catch_warnings():
        # Countries without a registered national algorithm are accepted with their IBAN checksum.
        warnings.simplefilter("ignore", NationalChecksumNotVerified)
        return IBAN(value, validate_bban=True)


def check_iban(value: str) -> str:
    """The IBAN in compact form when a bank takes it for a SEPA transfer; else ValidationError.

    Checks the IBAN checksum, the national format and check digits (schwifty) and that the
    account is in a SEPA scheme country (EPC409-09).
    """
    text = compact(value)
    if not text:
        raise ValidationError(_("Fill in your bank account number (IBAN)."), code="required")
    try:
        iban = _parse(text)
    except SchwiftyException as error:
        raise ValidationError(
            _(
                "This bank account number is not right. Check it on your bank card; "
                "a Belgian one looks like BE68 5390 0754 7034."
            ),
            code="invalid",
        ) from error
    if iban.country_code not in SEPA_COUNTRIES:
        raise ValidationError(
            _(
                "We can only pay into an account in a SEPA country; %(country)s is not one. "
                "Give an account in Belgium or another SEPA country."
            )
            % {"country": country_name(iban.country_code)},
            code="not_sepa",
        )
    return str(iban.compact)


def clean_iban(value: str) -> str:
    """The form's check: the same as :func:`check_iban`."""
    return check_iban(value)


def needs_bic_and_address(iban: str) -> bool:
    """True when the account is in a SEPA country outside the EEA (BIC and address required)."""
    return compact(iban)[:2] in SEPA_NON_EEA


def check_bic(value: str) -> str:
    """The BIC in compact form (8 or 11 characters); ValidationError when it is not valid."""
    text = compact(value)
    try:
        return str(BIC(text).compact)
    except SchwiftyException as error:
        raise ValidationError(
            _("This BIC is not right. It has 8 or 11 letters and digits, like GKCCBEBB."),
            code="invalid_bic",
        ) from error


def mask_iban(compact: str) -> str:
    """``BE68539007547034`` → ``BE•• •••• •••• 7034`` (the country and the last four only)."""
    if len(compact) < 8:
        return "••••"
    hidden = "•" * (len(compact) - 8)
    body = compact[:2] + "••" + hidden + compact[-4:]
    return " ".join(body[i : i + 4] for i in range(0, len(body), 4))


def bic_of(compact: str) -> str | None:
    """The bank's BIC when the IBAN's bank is known to schwifty, else None."""
    try:
        bic = IBAN(compact).bic
    except SchwiftyException:
        return None
    return str(bic) if bic else None
