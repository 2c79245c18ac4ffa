"""Separation of payment duties: who may make a payment file and mark it paid.

With ``ONTMOETING_SEPARATE_PAYMENT_DUTIES`` on (the default), a payment batch is made and marked
paid only by a user in the finance role who did not enter, change on behalf, send, approve or
reject any claim in it (the claim's fields and its events say who did). The finance user who
made a batch may mark it paid. Off: coordinators pay too, as before (a very small team).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, ClaimEvent
from ontmoeting.expenses.services import ENTERING_STEPS, ClaimError
from ontmoeting.privacy.roles import StaffRole, has_role

#: The events that put a user's hands on a claim before payment: entering, changing and
#: sending it, and deciding on it.
HANDS_ON_STEPS = ENTERING_STEPS | Q(from_status=ClaimStatus.SUBMITTED)


def separated() -> bool:
    """True when payment duties are separated (the setting, on unless set to ``0``)."""
    return bool(getattr(settings, "ONTMOETING_SEPARATE_PAYMENT_DUTIES", True))


def may_pay(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True when ``user`` may make payment files and mark them paid at all (the pages ask)."""
    if has_role(user, StaffRole.FINANCE):
        return True
    return not separated() and has_role(user, StaffRole.COORDINATOR)


def hands_on_claims(user: User, claim_ids: Iterable[int]) -> list[int]:
    """The ids, ascending, of the claims among ``claim_ids`` that ``user`` entered, changed on
    behalf, sent, approved, rejected or let past a ceiling."""
    touched = ClaimEvent.objects.filter(HANDS_ON_STEPS, actor=user).values("claim_id")
    return list(
        Claim.objects.filter(pk__in=list(claim_ids))
        .filter(
            Q(entered_by=user)
            | Q(submitted_by=user)
            | Q(decided_by=user)
            | Q(override_by=user)
            | Q(pk__in=touched)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def check_payer(actor: User, claim_ids: Iterable[int]) -> None:
    """ClaimError (code ``separation_of_duties``) when ``actor`` may not make or mark paid a
    payment file of the claims ``claim_ids``; nothing when the duties are not separated."""
    if not separated():
        return
    if not has_role(actor, StaffRole.FINANCE):
        raise ClaimError(
            _("Only a finance user can make a payment file or mark it paid."),
            code="separation_of_duties",
        )
    own = hands_on_claims(actor, claim_ids)
    if own:
        raise ClaimError(
            ngettext(
                "You entered, sent or approved claim %(claims)s of this payment file. Another "
                "finance user must make it and mark it paid (separation of duties).",
                "You entered, sent or approved claims %(claims)s of this payment file. Another "
                "finance user must make it and mark it paid (separation of duties).",
                len(own),
            )
            % {"claims": ", ".join(str(pk) for pk in own)},
            code="separation_of_duties",
        )
