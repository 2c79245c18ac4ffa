"""Expense claims of volunteers: figures valid over periods, claims with lines and receipts,
events, batches."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Edition, Participant
from ontmoeting.expenses.enums import ClaimStatus, LineKind, RateKind, Regime, StatementFormat


class Digits(TypedDict):
    """The size of a decimal field, passed as ``**MONEY`` or ``**RATE``."""

    max_digits: int
    decimal_places: int


ZERO = Decimal("0.00")
MONEY: Digits = {"max_digits": 10, "decimal_places": 2}
RATE: Digits = {"max_digits": 8, "decimal_places": 4}


class Rate(models.Model):
    """One figure of the Belgian rules, valid from a date to a date (inclusive; open-ended when
    ``valid_to`` is empty), with where it comes from. See rates.py."""

    kind = models.CharField(_("figure"), max_length=20, choices=RateKind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=4)
    source = models.TextField(_("source"), blank=True)
    confirmed = models.BooleanField(_("confirmed against the official source"), default=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "valid_from"]
        verbose_name = _("rate")
        verbose_name_plural = _("rates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "valid_from"], name="one_rate_per_start"),
            models.CheckConstraint(condition=Q(value__gte=0), name="rate_not_negative"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="rate_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.valid_from}: {self.value}"


class PaymentBatch(models.Model):
    """One SEPA file: the approved claims it pays, kept encrypted (it holds IBANs)."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="payment_batches"
    )
    message_id = models.CharField(_("message id"), max_length=35)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    execution_date = models.DateField(_("execution date"))
    count = models.PositiveIntegerField(_("number of payments"))
    total = models.DecimalField(_("total"), **MONEY)
    sepa_encrypted = models.TextField(_("SEPA file (encrypted)"))
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    #: When every claim of the batch was found on a bank statement (reconcile.py).
    reconciled_at = models.DateTimeField(_("reconciled"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")

    def __str__(self) -> str:
        return self.message_id


class Claim(models.Model):
    """One expert's claim for one edition: the lines, the bank account and the state."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="claims"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="claims"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT
    )
    regime = models.CharField(
        _("way of reimbursing"), max_length=10, choices=Regime.choices, default=Regime.REAL
    )
    iban_encrypted = models.TextField(_("IBAN (encrypted)"), blank=True)
    iban_masked = models.CharField(_("IBAN (masked)"), max_length=50, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=140, blank=True)
    #: BIC and address of the account holder: the SEPA scheme requires them for accounts in
    #: SEPA countries outside the EEA (CH, GB, …); empty otherwise.
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    holder_street = models.CharField(_("street and number"), max_length=70, blank=True)
    holder_postcode = models.CharField(_("postcode"), max_length=16, blank=True)
    holder_town = models.CharField(_("town"), max_length=35, blank=True)
    holder_country = models.CharField(_("country"), max_length=2, blank=True)
    #: The volunteer's declaration: allowances received from other organisations this calendar
    #: year (counted toward the legal ceilings, which hold across all organisations).
    other_allowances = models.DecimalField(
        _("allowances from other organisations this year (euro)"), default=ZERO, **MONEY
    )
    other_km = models.DecimalField(
        _("km paid by other organisations this year"),
        max_digits=7,
        decimal_places=1,
        default=Decimal("0"),
    )
    other_declared = models.BooleanField(_("other organisations declared"), default=False)
    total = models.DecimalField(_("total"), default=ZERO, **MONEY)
    on_behalf = models.BooleanField(_("entered by a coordinator from a paper form"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    #: The staff user who sent the claim (empty when the expert sent it from the portal).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or rejected by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("approved or rejected"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    #: A second person let the claim pass a yearly ceiling, with a reason (logged).
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ceiling passed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    override_reason = models.TextField(_("reason for passing the ceiling"), blank=True)
    override_at = models.DateTimeField(_("ceiling passed"), null=True, blank=True)
    #: The SEPA end-to-end id the claim was paid under (set when it goes into a batch).
    end_to_end_id = models.CharField(_("end-to-end id"), max_length=35, blank=True)
    batch = models.ForeignKey(
        PaymentBatch,
        verbose_name=_("payment batch"),
        on_delete=models.PROTECT,
        related_name="claims",
        null=True,
        blank=True,
    )
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["edition", "participant__person__last_name", "participant__person__first_name"]
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "participant"], name="one_claim_per_edition"
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="claim_total_not_negative"),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.participant.person} ({self.edition.year})"

    @property
    def editable(self) -> bool:
        return self.status == ClaimStatus.DRAFT


def _receipt_name() -> str:
    import secrets

    return secrets.token_hex(24)


class Receipt(models.Model):
    """A ticket or receipt (photo or PDF) kept privately on disk under a random name."""

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="receipts"
    )
    stored_name = models.CharField(max_length=64, unique=True, default=_receipt_name)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return self.original_name


class ClaimLine(models.Model):
    """One cost of a claim: kilometres times the rate, or the amount on a receipt."""

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LineKind.choices)
    km = models.DecimalField(
        _("kilometres"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    amount = models.DecimalField(_("amount paid"), null=True, blank=True, **MONEY)
    rate = models.DecimalField(_("rate"), null=True, blank=True, **RATE)
    total = models.DecimalField(_("reimbursed"), **MONEY)
    receipt = models.OneToOneField(
        Receipt,
        verbose_name=_("receipt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="line",
    )

    class Meta:
        ordering = ["claim", "kind"]
        verbose_name = _("claim line")
        verbose_name_plural = _("claim lines")
        constraints = [
            models.UniqueConstraint(fields=["claim", "kind"], name="one_line_per_kind"),
            models.CheckConstraint(
                condition=(Q(km__isnull=True) | Q(km__gte=0))
                & (Q(amount__isnull=True) | Q(amount__gte=0))
                & Q(total__gte=0),
                name="claim_line_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.total}"


class ClaimEvent(models.Model):
    """Every move of a claim: who, when, from which state to which."""

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    actor_label = models.CharField(_("by"), max_length=150)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("claim event")
        verbose_name_plural = _("claim events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        """The status the claim left, in the active language ("" for its first step)."""
        return str(ClaimStatus(self.from_status).label) if self.from_status else ""

    @property
    def to_label(self) -> str:
        """The status the claim moved to, in the active language."""
        return str(ClaimStatus(self.to_status).label)


class BankStatement(models.Model):
    """A bank statement a finance user uploaded (camt.053 or CSV) to reconcile batches."""

    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    format = models.CharField(_("format"), max_length=10, choices=StatementFormat.choices)
    statement_id = models.CharField(_("statement"), max_length=35, blank=True)
    account_masked = models.CharField(_("account"), max_length=50, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")

    def __str__(self) -> str:
        return self.statement_id or self.file_name


class StatementEntry(models.Model):
    """One debit on a statement, matched to the claim it paid (or left unmatched)."""

    statement = models.ForeignKey(
        BankStatement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="entries"
    )
    booking_date = models.DateField(_("booked"))
    amount = models.DecimalField(_("amount"), **MONEY)
    end_to_end_id = models.CharField(_("end-to-end id"), max_length=35, blank=True)
    counterparty = models.CharField(_("to"), max_length=140, blank=True)
    remittance = models.CharField(_("communication"), max_length=140, blank=True)
    claim = models.ForeignKey(
        Claim,
        verbose_name=_("claim"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statement_entries",
    )

    class Meta:
        ordering = ["statement", "booking_date", "pk"]
        verbose_name = _("statement entry")
        verbose_name_plural = _("statement entries")

    def __str__(self) -> str:
        return f"{self.booking_date} {self.amount} {self.end_to_end_id}"
