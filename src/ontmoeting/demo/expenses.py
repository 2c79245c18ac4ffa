"""The demo's travel and lunch claims: experts of past editions claimed their costs, through the
same services as the pages (save, send, approve with four eyes, a payment file, the bank).

The 2024 edition's claims were approved (one rejected), paid in the first payment file, and the
bank statement that shows it was reconciled. Of the 2025 edition some claims are still drafts or
wait for a decision, one was rejected, the approved ones are in a second payment file the bank
has not paid yet, and one was approved after it. Amounts are Flemish: kilometres by car to Gent,
NMBS train and De Lijn tickets, a lunch, parking.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ontmoeting.demo.bank import Paid, camt053_batch
from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.expenses import receipts
from ontmoeting.expenses.enums import ClaimStatus, TravelMode
from ontmoeting.expenses.models import (
    BankStatement,
    Claim,
    ClaimEvent,
    PaymentBatch,
    Receipt,
)
from ontmoeting.expenses.payments import create_batch
from ontmoeting.expenses.reconcile import end_to_end_id_of, reconcile_statement
from ontmoeting.expenses.sepa import debtor
from ontmoeting.expenses.services import ClaimInput, approve_claim, reject_claim, save_claim
from ontmoeting.expenses.target2 import next_business_day
from ontmoeting.privacy.roles import StaffRole

PORTAL = "portal"
#: The finance user who makes the payment files and reconciles the bank statement.
FINANCE_USER = "finance"
#: The second coordinator who approves what the first one typed in from paper (four eyes).
SECOND_COORDINATOR = "coordinator2"
DEMO_USERS = ("coordinator", SECOND_COORDINATOR, FINANCE_USER)
#: Where experts come from, and the kilometres to Gent and back.
TRIPS = (
    ("Aalst", 58),
    ("Brugge", 104),
    ("Kortrijk", 96),
    ("Lokeren", 46),
    ("Oudenaarde", 62),
    ("Dendermonde", 66),
    ("Eeklo", 52),
    ("Ninove", 70),
)
#: Public transport there and back: NMBS train tickets and De Lijn tickets.
TICKETS = (
    ("NMBS Aalst - Gent-Sint-Pieters", Decimal("12.40")),
    ("NMBS Antwerpen-Centraal - Gent-Sint-Pieters", Decimal("21.80")),
    ("NMBS Brussel-Zuid - Gent-Sint-Pieters", Decimal("19.60")),
    ("De Lijn, twee enkele ritten", Decimal("5.00")),
    ("NMBS Deinze - Gent-Sint-Pieters", Decimal("7.20")),
)
LUNCHES = (Decimal("12.50"), Decimal("13.80"), Decimal("9.90"), Decimal("14.60"))
#: Belgian bank codes (BNP Paribas Fortis, Belfius, KBC, ING, Argenta).
BANK_CODES = ("001", "068", "734", "363", "973")
#: Per past edition: how many claims end in which state ("approved_late": approved after the
#: last payment file was made).
PLAN: dict[int, tuple[tuple[str, int], ...]] = {
    2024: (("approved", 7), ("rejected", 1)),
    2025: (("draft", 2), ("sent", 2), ("rejected", 1), ("approved", 3), ("approved_late", 1)),
}
REJECTION = (
    "Dit ticket is van een andere dag dan de ontmoetingsdag. Stuur het juiste ticket, a.u.b."
)


@dataclass(frozen=True)
class ExpensesSummary:
    """What the demo holds: claims per state, payment files, files reconciled."""

    per_state: dict[str, int]
    batches: int
    reconciled: int


def png_receipt() -> bytes:
    """A real, tiny PNG: the photo of a ticket."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xf0\xf0\xf0")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _receipt(name: str) -> receipts.CheckedFile:
    upload = SimpleUploadedFile(name, png_receipt(), content_type="image/png")
    return receipts.check_upload(upload)


def belgian_iban(rng: random.Random) -> str:
    """A checksum-valid Belgian IBAN of a real bank code (the account number is made up)."""
    bank = rng.choice(BANK_CODES)
    account = f"{rng.randrange(10**7):07d}"
    national = int(bank + account) % 97 or 97
    bban = f"{bank}{account}{national:02d}"
    digits = "".join(str(int(ch, 36)) for ch in bban + "BE00")
    return f"BE{98 - int(digits) % 97:02d}{bban}"


def _input(rng: random.Random, holder: str) -> ClaimInput:
    """Costs of one expert: by car (sometimes with parking) or by train or bus; often a lunch."""
    data = ClaimInput(iban=belgian_iban(rng), account_holder=holder, other_declared=True)
    if rng.random() < 0.55:
        _town, km = rng.choice(TRIPS)
        data.travel_mode, data.km = TravelMode.CAR, Decimal(km)
        if rng.random() < 0.3:
            data.parking_amount = Decimal("6.50")
            data.parking_receipt = _receipt("parking-sint-pietersplein.png")
    else:
        _line, price = rng.choice(TICKETS)
        data.travel_mode, data.ticket_amount = TravelMode.PUBLIC_TRANSPORT, price
        data.ticket_receipt = _receipt("ticket.png")
    if rng.random() < 0.6:
        data.lunch_paid, data.lunch_amount = True, rng.choice(LUNCHES)
        data.lunch_receipt = _receipt("kasticket-lunch.png")
    return data


def demo_user(username: str) -> User:
    """A demo staff user holding its role — finance for ``finance``, coordinator for the others
    (made without a usable password when missing; ``set_up_staff`` gives the printed logins
    theirs)."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    role = StaffRole.FINANCE if username == FINANCE_USER else StaffRole.COORDINATOR
    user.groups.add(Group.objects.get(name=role))
    return user


def _experts(edition: Edition, count: int, rng: random.Random) -> list[Participant]:
    present = list(
        Participant.objects.filter(
            edition=edition, role=ParticipantRole.EXPERT, status=ParticipantStatus.PRESENT
        )
        .select_related("person")
        .order_by("ref")
    )
    return rng.sample(present, min(count, len(present)))


def _backdate(edition: Edition, claims: list[Claim]) -> None:
    """Sent a few days after the day, decided two weeks later: the history, not today."""
    for number, claim in enumerate(claims):
        sent = timezone.make_aware(dt.datetime.combine(edition.date, dt.time(19, 30)))
        sent += dt.timedelta(days=1 + number % 5, minutes=7 * number)
        decided = sent + dt.timedelta(days=12, hours=2)
        Claim.objects.filter(pk=claim.pk, submitted_at__isnull=False).update(submitted_at=sent)
        Claim.objects.filter(pk=claim.pk, decided_at__isnull=False).update(decided_at=decided)
        events = ClaimEvent.objects.filter(claim=claim)
        events.filter(to_status=ClaimStatus.DRAFT).update(at=sent - dt.timedelta(hours=1))
        events.filter(to_status=ClaimStatus.SUBMITTED).update(at=sent)
        events.filter(to_status__in=[ClaimStatus.APPROVED, ClaimStatus.REJECTED]).update(at=decided)


def _claim(participant: Participant, end: str, rng: random.Random, users: dict[str, User]) -> Claim:
    """One claim brought to ``end``: a third typed in from paper by the coordinator (approved
    by the second coordinator), the rest sent from the portal."""
    on_paper = rng.random() < 0.35
    entered_by: User | str = users["coordinator"] if on_paper else PORTAL
    approver = users[SECOND_COORDINATOR] if on_paper else users["coordinator"]
    claim, _check = save_claim(
        participant=participant,
        data=_input(rng, participant.person.full_name),
        actor=entered_by,
        on_behalf=on_paper,
        submit=end != "draft",
    )
    if end in ("approved", "approved_late"):
        claim = approve_claim(claim=claim, actor=approver)
    elif end == "rejected":
        claim = reject_claim(claim=claim, actor=approver, reason=REJECTION)
    return claim


def _pay_first_batch(batch: PaymentBatch, finance: User) -> None:
    """The bank booked the file on its execution date; finance reconciles that statement."""
    claims = list(batch.claims.select_related("edition").order_by("pk"))
    content = camt053_batch(
        statement_id=f"{batch.execution_date.year}-{batch.execution_date.timetuple().tm_yday:03d}",
        iban=debtor()["IBAN"],
        booked=batch.execution_date,
        batch_message_id=batch.message_id,
        payments=[
            Paid(end_to_end_id_of(c), c.total, c.account_holder, f"Onkosten claim {c.pk}")
            for c in claims
        ],
    )
    name = f"camt053-{batch.execution_date.isoformat()}.xml"
    reconcile_statement(file_name=name, content=content, actor=finance)


def add_expenses(editions: dict[int, Edition], *, seed: int, today: dt.date) -> ExpensesSummary:
    """Claims of the past editions in every state, two payment files, one reconciled."""
    rng = random.Random(f"expenses-{seed}")  # nosec B311 (demo data, reproducible by seed)
    users = {name: demo_user(name) for name in DEMO_USERS}
    first: PaymentBatch | None = None
    for year, plan in PLAN.items():
        edition = editions.get(year)
        if edition is None:
            continue
        ends = [end for end, count in plan for _ in range(count)]
        people = _experts(edition, len(ends), rng)
        late = [p for p, end in zip(people, ends, strict=False) if end == "approved_late"]
        claims = [
            _claim(p, end, rng, users)
            for p, end in zip(people, ends, strict=False)
            if end != "approved_late"
        ]
        _backdate(edition, claims)
        execution = next_business_day(edition.date + dt.timedelta(days=30))
        if first is not None:
            execution = next_business_day(today)
        batch = create_batch(edition=edition, actor=users[FINANCE_USER], execution_date=execution)
        if first is None:
            first = batch
            _pay_first_batch(batch, users[FINANCE_USER])
        claims = [_claim(p, "approved_late", rng, users) for p in late]
        _backdate(edition, claims)
    return expenses_summary()


def expenses_summary() -> ExpensesSummary:
    """Claims per state, payment files and how many of them are reconciled."""
    per_state = Counter(Claim.objects.values_list("status", flat=True))
    return ExpensesSummary(
        per_state={status: per_state.get(status, 0) for status in ClaimStatus.values},
        batches=PaymentBatch.objects.count(),
        reconciled=PaymentBatch.objects.filter(reconciled_at__isnull=False).count(),
    )


def reset_expenses() -> None:
    """Delete the demo's claims (with their receipt files), payment files and statements, and
    the extra demo users that only the claims refer to."""
    for name in Receipt.objects.values_list("stored_name", flat=True):
        receipts.delete_file(name)
    BankStatement.objects.all().delete()
    Claim.objects.all().delete()
    PaymentBatch.objects.all().delete()
    for user in get_user_model().objects.filter(username__in=[SECOND_COORDINATOR, FINANCE_USER]):
        # The finance login stays once it was given a password (a printed demo login).
        if user.username == SECOND_COORDINATOR or not user.has_usable_password():
            user.delete()
