"""Writing claims: save (and send), approve, reject, pass a ceiling; the figures (rates). Keyword-only, atomic,
one audit entry each.

Four eyes: whoever entered a claim (a coordinator typing in a paper form), changed it on the
expert's behalf or sent it cannot approve or reject it. Every such step is a ClaimEvent with its
actor, and the guard reads those events (not only ``entered_by``, which is set once when a
coordinator creates the claim, and ``submitted_by``).
Claims are locked with ``select_for_update`` so two coordinators cannot decide one twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.expenses import accounts, receipts
from ontmoeting.expenses.crypto import decrypt
from ontmoeting.expenses.enums import (
    FLAT_EXTRA_KINDS,
    KM_KINDS,
    RECEIPT_KINDS,
    ClaimStatus,
    LineKind,
    Regime,
    TravelMode,
)
from ontmoeting.expenses.models import Claim, ClaimEvent, ClaimLine, Rate, Receipt
from ontmoeting.expenses.rates import line_value, rates_for, valid_on
from ontmoeting.expenses.rules import LineValue, YearCheck, check_year, flat_km_left
from ontmoeting.privacy.audit import Actor, actor_user, record

#: The form field holding the amount of each receipt line.
AMOUNT_FIELDS: dict[str, str] = {
    LineKind.PUBLIC_TRANSPORT: "ticket_amount",
    LineKind.PARKING: "parking_amount",
    LineKind.LUNCH: "lunch_amount",
}
#: The form field holding the receipt of each receipt line.
RECEIPT_FIELDS: dict[str, str] = {
    LineKind.PUBLIC_TRANSPORT: "ticket_receipt",
    LineKind.PARKING: "parking_receipt",
    LineKind.LUNCH: "lunch_receipt",
}


#: The events of entering a claim: its creation, every save, and sending it.
ENTERING_STEPS = Q(to_status__in=(ClaimStatus.DRAFT, ClaimStatus.SUBMITTED))


class ClaimError(ValidationError):
    """A claim cannot be saved or moved; the message says why in plain words. ``code`` names
    the reason (``too_early``, ``ceiling``, ``four_eyes``, ``overlap``…) whatever the message's
    shape."""

    def __init__(self, message: Any, code: str | None = None, params: Any = None) -> None:
        super().__init__(message, code, params)
        self.code = code


@dataclass
class ClaimInput:
    """What the form asks, already parsed (amounts as Decimal, receipts checked)."""

    regime: str = Regime.REAL
    travel_mode: str = TravelMode.NONE
    km: Decimal | None = None
    ticket_amount: Decimal | None = None
    ticket_receipt: receipts.CheckedFile | None = None
    parking_amount: Decimal | None = None
    parking_receipt: receipts.CheckedFile | None = None
    lunch_paid: bool = False
    lunch_amount: Decimal | None = None
    lunch_receipt: receipts.CheckedFile | None = None
    iban: str = ""
    account_holder: str = ""
    #: BIC and holder's address: required for an account in a SEPA country outside the EEA.
    bic: str = ""
    holder_street: str = ""
    holder_postcode: str = ""
    holder_town: str = ""
    holder_country: str = ""
    #: The person answered whether other organisations paid them volunteer allowances this
    #: year (and how much, and for how many km); required before sending.
    other_declared: bool = False
    other_allowances: Decimal | None = None
    other_km: Decimal | None = None

    def wanted_lines(self) -> dict[str, tuple[Decimal | None, Decimal | None]]:
        """kind → (km, amount) of the lines this input asks for."""
        wanted: dict[str, tuple[Decimal | None, Decimal | None]] = {}
        if self.travel_mode in KM_KINDS:
            wanted[self.travel_mode] = (self.km, None)
        elif self.travel_mode == TravelMode.PUBLIC_TRANSPORT:
            wanted[LineKind.PUBLIC_TRANSPORT] = (None, self.ticket_amount)
        if self.parking_amount:
            wanted[LineKind.PARKING] = (None, self.parking_amount)
        if self.lunch_paid:
            wanted[LineKind.LUNCH] = (None, self.lunch_amount)
        if self.regime == Regime.FLAT:
            wanted[LineKind.FLAT] = (None, None)
        return wanted

    def new_receipt(self, kind: str) -> receipts.CheckedFile | None:
        return {
            LineKind.PUBLIC_TRANSPORT: self.ticket_receipt,
            LineKind.PARKING: self.parking_receipt,
            LineKind.LUNCH: self.lunch_receipt,
        }.get(LineKind(kind))


@dataclass
class Preview:
    """The lines and total a claim input comes to (nothing stored)."""

    lines: list[LineValue]
    total: Decimal
    errors: dict[str, list[str]] = field(default_factory=dict)
    #: What the person should know about the amounts (km beyond the yearly cap not paid).
    notes: list[str] = field(default_factory=list)


def _km_left(edition: Edition, data: ClaimInput, participant: Participant | None) -> Decimal | None:
    """The km still payable next to the flat allowance (None: no cap applies)."""
    if data.regime != Regime.FLAT or participant is None:
        return None
    return flat_km_left(
        person_id=participant.person_id,
        day=edition.date,
        exclude=None,
        other_km=data.other_km or Decimal(0),
        rates=rates_for(edition.date),
    )


def _cap_note(km: Decimal | None, km_left: Decimal | None, cap: int) -> str | None:
    if km is None or km_left is None or km <= km_left:
        return None
    return _(
        "Next to the fixed amount at most %(cap)s km a year are paid back (other organisations "
        "included). Of these %(km)s km, %(left)s km are paid."
    ) % {"cap": cap, "km": km, "left": km_left}


def preview(
    *, edition: Edition, data: ClaimInput, participant: Participant | None = None
) -> Preview:
    """Price ``data`` with the figures valid on the edition's day and list what is missing.

    With ``participant``, the km beyond the yearly cap next to the flat allowance are not paid.
    """
    rates = rates_for(edition.date)
    km_left = _km_left(edition, data, participant)
    errors: dict[str, list[str]] = {}
    notes: list[str] = []
    lines: list[LineValue] = []
    for kind, (km, amount) in data.wanted_lines().items():
        if kind in KM_KINDS and not km:
            errors.setdefault("km", []).append(_("How many kilometres, there and back?"))
        if kind in (LineKind.PUBLIC_TRANSPORT, LineKind.LUNCH) and not amount:
            errors.setdefault(AMOUNT_FIELDS[kind], []).append(_("How much did you pay?"))
        for name, value in (("km", km), (AMOUNT_FIELDS.get(kind, "amount"), amount)):
            if value is not None and value < 0:
                errors.setdefault(name, []).append(_("An amount cannot be below zero."))
        if data.regime == Regime.FLAT and kind not in (*FLAT_EXTRA_KINDS, LineKind.FLAT):
            errors.setdefault("regime", []).append(
                _(
                    "With the fixed amount for the day, tickets, parking and lunch are included. "
                    "Choose 'my real costs' to claim them with receipts."
                )
            )
        capped = km_left if kind in KM_KINDS else None
        rate, total = line_value(rates, kind, km=km, amount=amount, km_left=capped)
        note = _cap_note(km, capped, rates.real_km_yearly_cap)
        if note:
            notes.append(note)
        lines.append(
            LineValue(kind=kind, km=km, amount=amount, rate=rate, total=max(total, Decimal("0.00")))
        )
    total = sum((line.total for line in lines), Decimal("0.00"))
    return Preview(lines=lines, total=total, errors=errors, notes=notes)


def _event(claim: Claim, *, from_status: str, actor: Actor, note: str = "") -> None:
    user = actor_user(actor)
    label = actor if isinstance(actor, str) else (user.get_username() if user else "")
    ClaimEvent.objects.create(
        claim=claim,
        from_status=from_status,
        to_status=claim.status,
        actor=user,
        actor_label=label or "?",
        note=note,
    )


def _lock(claim_id: int) -> Claim:
    return (
        Claim.objects.select_for_update().select_related("edition", "participant").get(pk=claim_id)
    )


def _year_check(claim: Claim, *, lines: Sequence[LineValue | ClaimLine]) -> YearCheck:
    rates = rates_for(claim.edition.date)
    return check_year(claim, regime=claim.regime, lines=lines, rates=rates)


@dataclass
class _Files:
    """Receipt files to write once the rows are stored, and to delete once they are committed."""

    to_write: list[tuple[str, bytes]] = field(default_factory=list)
    to_delete: list[str] = field(default_factory=list)

    def write_now_delete_on_commit(self) -> None:
        for stored_name, content in self.to_write:
            receipts.write_file(stored_name, content)
        names = list(self.to_delete)
        transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        receipts.delete_file(name)


@transaction.atomic
def save_claim(
    *,
    participant: Participant,
    data: ClaimInput,
    actor: Actor,
    on_behalf: bool = False,
    submit: bool = False,
) -> tuple[Claim, YearCheck | None]:
    """Store the claim of ``participant`` (creating it), and send it when ``submit``.

    Raises ClaimError and stores nothing when the input is incomplete, the claim was already
    sent, or the year would mix real costs and the flat allowance. Returns the claim and, when
    sent, the yearly check (its warnings are shown to the person and the coordinator).
    """
    if participant.role != ParticipantRole.EXPERT:
        raise ClaimError(_("Only experts by experience can claim travel and lunch costs."))
    if submit:
        _check_day_passed(participant.edition)
    result = preview(edition=participant.edition, data=data, participant=participant)
    claim, created = _claim_to_fill(participant, actor=actor, on_behalf=on_behalf)
    _check_editable(claim)
    old_lines = {line.kind: line for line in claim.lines.select_related("receipt")}
    errors = _missing(claim, data=data, result=result, old_lines=old_lines, submit=submit)
    if errors:
        raise ClaimError(errors)
    _set_details(claim, data=data, actor=actor, on_behalf=on_behalf)
    _set_declaration(claim, data=data)
    files = _Files(to_delete=_drop_lines(old_lines, keep={line.kind for line in result.lines}))
    for value in result.lines:
        _store_line(
            claim,
            value,
            old=old_lines.get(value.kind),
            upload=data.new_receipt(value.kind),
            files=files,
        )
    claim.total = result.total
    check = _send(claim, lines=result.lines, actor=actor) if submit else None
    claim.save()
    if check is not None:
        _event(claim, from_status=ClaimStatus.DRAFT, actor=actor, note="\n".join(check.warnings))
    elif not created and actor_user(actor) is not None:
        _event(claim, from_status=ClaimStatus.DRAFT, actor=actor, note=_("changed on behalf"))
    record(
        "expenses.claim_submitted" if submit else "expenses.claim_saved",
        actor=actor,
        obj=claim,
        created=created,
        on_behalf=on_behalf,
        total=str(claim.total),
    )
    files.write_now_delete_on_commit()
    return claim, check


def _claim_to_fill(
    participant: Participant, *, actor: Actor, on_behalf: bool
) -> tuple[Claim, bool]:
    """The participant's claim, locked, and whether it is new (a new one gets its first event;
    one a staff user creates on behalf records them once as ``entered_by``)."""
    existing = Claim.objects.filter(edition_id=participant.edition_id, participant=participant)
    claim_id = existing.values_list("pk", flat=True).first()
    if claim_id is not None:
        return _lock(claim_id), False
    user = actor_user(actor) if on_behalf else None
    claim = Claim.objects.create(
        edition_id=participant.edition_id,
        participant=participant,
        on_behalf=user is not None,
        entered_by=user,
    )
    _event(claim, from_status="", actor=actor, note=_("entered on paper") if on_behalf else "")
    return claim, True


def _check_day_passed(edition: Edition) -> None:
    """ClaimError ``too_early`` before the day of the edition (a draft can be saved any time)."""
    if timezone.localdate() < edition.date:
        raise ClaimError(
            _(
                "The day has not taken place yet. You can save your claim now and send it "
                "from %(date)s."
            )
            % {"date": date_format(edition.date, "DATE_FORMAT")},
            code="too_early",
        )


def _set_declaration(claim: Claim, *, data: ClaimInput) -> None:
    """The person's answer about other organisations' allowances of this year."""
    if not data.other_declared:
        return
    claim.other_declared = True
    claim.other_allowances = data.other_allowances or Decimal("0.00")
    claim.other_km = data.other_km or Decimal("0")


def _check_editable(claim: Claim) -> None:
    """ClaimError when the claim was sent already (only a draft changes)."""
    if not claim.editable:
        raise ClaimError(
            _("This claim was already sent (%(status)s). It cannot be changed any more.")
            % {"status": claim.get_status_display()},
            code="locked",
        )


def _missing(
    claim: Claim,
    *,
    data: ClaimInput,
    result: Preview,
    old_lines: dict[str, ClaimLine],
    submit: bool,
) -> dict[str, list[str]]:
    """The preview's errors and the account's (a bad IBAN or BIC always), and for sending also:
    every receipt, the account with BIC and address where needed, and a line."""
    errors = {**result.errors, **accounts.account_errors(claim, data=data, submit=submit)}
    if not submit:
        return errors
    for line in result.lines:
        if line.kind not in RECEIPT_KINDS:
            continue
        old = old_lines.get(line.kind)
        has_old = old is not None and old.receipt_id is not None
        if data.new_receipt(line.kind) is None and not has_old:
            errors.setdefault(RECEIPT_FIELDS[line.kind], []).append(
                _("Add a photo or PDF of the ticket or receipt, please.")
            )
    if not (data.iban or claim.iban_encrypted):
        errors.setdefault("iban", []).append(_("Fill in your bank account number (IBAN)."))
    if not (data.account_holder or claim.account_holder):
        errors.setdefault("account_holder", []).append(_("Whose account is it?"))
    if not result.lines:
        errors.setdefault("travel_mode", []).append(_("There is nothing to pay back yet."))
    if not (data.other_declared or claim.other_declared):
        errors.setdefault("other_received", []).append(
            _("Tell us whether other organisations paid you volunteer allowances this year.")
        )
    return errors


def _set_details(claim: Claim, *, data: ClaimInput, actor: Actor, on_behalf: bool) -> None:
    """The way of reimbursing and the bank account (encrypted). Who entered the claim is set
    once, when it is created (``_claim_to_fill``); later saves are events, never overwrites."""
    claim.regime = data.regime
    accounts.apply_account(claim, data)
    if data.account_holder:
        claim.account_holder = data.account_holder.strip()


def _drop_lines(old_lines: dict[str, ClaimLine], *, keep: set[str]) -> list[str]:
    """Delete the stored lines of kinds not in ``keep``, with their receipts; returns the
    receipts' file names (deleted from disk once the transaction commits)."""
    dropped: list[str] = []
    for kind, line in old_lines.items():
        if kind in keep:
            continue
        if line.receipt is not None:
            dropped.append(line.receipt.stored_name)
            line.receipt.delete()
        line.delete()
    return dropped


def _store_line(
    claim: Claim,
    value: LineValue,
    *,
    old: ClaimLine | None,
    upload: receipts.CheckedFile | None,
    files: _Files,
) -> None:
    """Save ``value`` as the claim's line of its kind; a new upload replaces the old receipt."""
    line = old or ClaimLine(claim=claim, kind=value.kind)
    line.km, line.amount, line.rate, line.total = value.km, value.amount, value.rate, value.total
    if upload is not None:
        if line.receipt is not None:
            files.to_delete.append(line.receipt.stored_name)
            replaced = line.receipt
            line.receipt = None
            line.save()
            replaced.delete()
        line.receipt = Receipt.objects.create(
            claim=claim,
            original_name=upload.name,
            content_type=upload.content_type,
            size=len(upload.data),
            sha256=upload.sha256,
        )
        files.to_write.append((line.receipt.stored_name, upload.data))
    line.save()


def _send(claim: Claim, *, lines: Sequence[LineValue], actor: Actor) -> YearCheck:
    """Mark the claim sent (and by which staff user, if any), unless its calendar year would
    break a rule (ClaimError)."""
    check = _year_check(claim, lines=lines)
    if check.errors:
        raise ClaimError(check.errors)
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_at = timezone.now()
    claim.submitted_by = actor_user(actor)
    return check


def _is_the_claimant(claim: Claim, actor: User) -> bool:
    """True when ``actor``'s email address is the claimant's (the person deciding is them)."""
    email = (actor.email or "").strip()
    person_email = (claim.participant.person.email or "").strip()
    return bool(email) and email.lower() == person_email.lower()


def _own_account(claim: Claim, actor: User) -> bool:
    """True when the claim pays into an account that ``actor`` claimed to as an expert (a
    claim of a person with the actor's email address)."""
    email = (actor.email or "").strip()
    if not email or not claim.iban_encrypted:
        return False
    own = Claim.objects.filter(participant__person__email__iexact=email).exclude(pk=claim.pk)
    iban = decrypt(claim.iban_encrypted)
    return any(decrypt(token) == iban for token in own.values_list("iban_encrypted", flat=True))


def entered_or_sent_by(claim: Claim, user: User) -> bool:
    """True when ``user`` entered ``claim``, changed it on the expert's behalf or sent it."""
    if user.pk in (claim.entered_by_id, claim.submitted_by_id):
        return True
    return claim.events.filter(ENTERING_STEPS, actor=user).exists()


def _decide_guard(claim: Claim, actor: User) -> None:
    if claim.status != ClaimStatus.SUBMITTED:
        raise ClaimError(
            _("This claim is %(status)s; only a claim that was sent can be approved or rejected.")
            % {"status": claim.get_status_display()},
            code="state",
        )
    if entered_or_sent_by(claim, actor):
        raise ClaimError(
            _(
                "You entered, changed or sent this claim yourself. Another coordinator must "
                "approve or reject it (four eyes)."
            ),
            code="four_eyes",
        )
    if _is_the_claimant(claim, actor) or _own_account(claim, actor):
        raise ClaimError(
            _(
                "This claim is yours or pays into your own account. Another coordinator must "
                "approve it (four eyes)."
            ),
            code="four_eyes",
        )


@transaction.atomic
def approve_claim(*, claim: Claim, actor: User) -> Claim:
    """Approve a sent claim. Four eyes; beyond a ceiling only after a second person's override
    (ClaimError ``ceiling``), and never by the person who overrode it."""
    claim = _lock(claim.pk)
    _decide_guard(claim, actor)
    check = _year_check(claim, lines=list(claim.lines.all()))
    if check.errors:
        raise ClaimError(check.errors)
    if check.over_ceiling:
        if claim.override_by_id is None:
            raise ClaimError(
                [
                    *check.over_ceiling,
                    _(
                        "A second coordinator must first let this claim pass the ceiling, "
                        "with a reason."
                    ),
                ],
                code="ceiling",
            )
        if claim.override_by_id == actor.pk:
            raise ClaimError(
                _(
                    "You let this claim pass the ceiling. Another coordinator must approve it "
                    "(four eyes)."
                ),
                code="four_eyes",
            )
    claim.status = ClaimStatus.APPROVED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "decided_by", "decided_at", "updated"])
    notes = [*check.over_ceiling, *check.warnings]
    _event(claim, from_status=ClaimStatus.SUBMITTED, actor=actor, note="\n".join(notes))
    record("expenses.claim_approved", actor=actor, obj=claim, warnings=notes)
    return claim


@transaction.atomic
def override_ceiling(*, claim: Claim, actor: User, reason: str) -> Claim:
    """Let a sent claim pass a yearly ceiling, with a reason. The actor is a second person:
    not the claimant, not whoever entered or sent it; another person then approves it."""
    reason = (reason or "").strip()
    if not reason:
        raise ClaimError({"reason": [_("Say why this claim may pass the ceiling.")]})
    claim = _lock(claim.pk)
    _decide_guard(claim, actor)
    claim.override_by = actor
    claim.override_reason = reason
    claim.override_at = timezone.now()
    claim.save(update_fields=["override_by", "override_reason", "override_at", "updated"])
    _event(
        claim,
        from_status=claim.status,
        actor=actor,
        note=_("Ceiling passed: %(reason)s") % {"reason": reason},
    )
    record("expenses.ceiling_override", actor=actor, obj=claim, reason=reason)
    return claim


@transaction.atomic
def reject_claim(*, claim: Claim, actor: User, reason: str) -> Claim:
    """Reject a sent claim with a reason the expert will read."""
    reason = (reason or "").strip()
    if not reason:
        raise ClaimError({"reason": [_("Say why, so the person understands.")]})
    claim = _lock(claim.pk)
    _decide_guard(claim, actor)
    claim.status = ClaimStatus.REJECTED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.rejection_reason = reason
    claim.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason", "updated"])
    _event(claim, from_status=ClaimStatus.SUBMITTED, actor=actor, note=reason)
    record("expenses.claim_rejected", actor=actor, obj=claim)
    return claim


@transaction.atomic
def save_rate(
    *,
    kind: str,
    valid_from: date,
    valid_to: date | None,
    value: Decimal,
    source: str,
    confirmed: bool,
    actor: Actor,
) -> Rate:
    """Add a figure valid from ``valid_from`` to ``valid_to`` (inclusive; None = open-ended).

    A period overlapping another figure of the same kind is refused (ClaimError ``overlap``):
    end or correct that one first. Audited.
    """
    if value < 0:
        raise ClaimError({"value": [_("A rate cannot be below zero.")]})
    if valid_to is not None and valid_to < valid_from:
        raise ClaimError({"valid_to": [_("The period ends before it starts.")]})
    if not source.strip():
        raise ClaimError({"source": [_("Say where the figure comes from (a link or a text).")]})
    clash = _overlapping(kind, valid_from, valid_to)
    if clash is not None:
        raise ClaimError(
            {
                "valid_from": [
                    _(
                        "This period overlaps the figure valid from %(start)s to %(end)s "
                        "(€ %(value)s). One figure per day: choose another period."
                    )
                    % {
                        "start": clash.valid_from.isoformat(),
                        "end": clash.valid_to.isoformat() if clash.valid_to else "…",
                        "value": clash.value,
                    }
                ]
            },
            code="overlap",
        )
    rate = Rate.objects.create(
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        value=value,
        source=source.strip(),
        confirmed=confirmed,
    )
    record(
        "expenses.rate_saved",
        actor=actor,
        obj=rate,
        kind=kind,
        valid_from=valid_from.isoformat(),
        valid_to=valid_to.isoformat() if valid_to else None,
        value=str(value),
        confirmed=confirmed,
    )
    return rate


def _overlapping(kind: str, valid_from: date, valid_to: date | None) -> Rate | None:
    """A stored figure of ``kind`` whose period shares a day with the given one."""
    rows = Rate.objects.select_for_update().filter(kind=kind)
    rows = rows.filter(valid_on(valid_from) | _starts_within(valid_from, valid_to))
    return rows.order_by("valid_from").first()


def _starts_within(valid_from: date, valid_to: date | None) -> Q:
    starts = Q(valid_from__gte=valid_from)
    return starts if valid_to is None else starts & Q(valid_from__lte=valid_to)
