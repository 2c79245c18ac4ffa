"""Bank accounts: validating an IBAN (schwifty) and showing it masked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException


def clean_iban(value: str) -> str:
    """The IBAN in compact form (``BE68539007547034``); ValidationError when it is not valid."""
    compact = "".join((value or "").split()).upper()
    if not compact:
        raise ValidationError(_("Fill in your bank account number (IBAN)."), code="required")
    try:
        return IBAN(compact).compact
    except SchwiftyException as error:
        raise ValidationError(
            _(
                "This bank account number is not right. Check it on your bank card; "
                "a Belgian one looks like BE68 5390 0754 7034."
            ),
            code="invalid",
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
