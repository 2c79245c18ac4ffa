"""The outbox worker: hand queued messages to the mail server, with retries, never twice.

How a message is never sent twice
---------------------------------
1. **Claim before sending.** A worker takes one message at a time with a conditional
   ``UPDATE … SET status='sending', claim=<fresh uuid> WHERE id=… AND status='queued'``; only the
   worker whose UPDATE changed the row owns it. On PostgreSQL the candidate row is first locked
   with ``SELECT … FOR UPDATE SKIP LOCKED`` so concurrent workers pick different rows instead of
   queueing behind each other; on SQLite (one writer at a time) the conditional UPDATE alone is
   the claim. Two workers, threads or processes, therefore never hold the same message.
2. **Log, then hand over, then mark.** Just before the SMTP transaction the worker stores a
   ``SendAttempt`` with result "started". When the server accepted the message, the row becomes
   "sent" (status, sent_at and the attempt are written in one transaction, guarded by the claim
   uuid, so a worker that lost its claim can never mark someone else's row).
3. **A crash in between is never retried blindly.** If a worker dies after claiming, the row
   stays "sending". The next pass looks at rows claimed longer than ``LEASE`` ago:
   - no "started" attempt: the mail server was never contacted, so the row is safely queued
     again;
   - a "started" attempt: the server may have accepted it (the ambiguous window between the
     server's "250 OK" and our write). We do **not** resend it: the attempt becomes "uncertain"
     and the message "failed" with a clear error, so the coordinator sees it and decides ("retry
     now"). The Message-ID header is fixed per outbox row, so if the coordinator does resend it,
     the copy carries the same Message-ID and mail systems (and people) can recognise it as the
     same message rather than a new one.
   This gives *at most once* automatically, and *exactly once* whenever nothing crashes inside
   the few milliseconds of that window.
4. **Failures are kept.** A refusal with a 4xx code, a dropped connection or an unreachable
   server defers the message with exponential backoff (1, 5, 25, 125 … minutes, at most a day)
   until ``ONTMOETING_OUTBOX_MAX_ATTEMPTS`` (default 6) attempts; a permanent 5xx refusal fails
   it at once. Every attempt is a ``SendAttempt`` row with its result and error. When the server
   cannot be reached at all the pass stops early: the other messages wait, untouched.

The outbox always speaks SMTP (``django.core.mail.backends.smtp.EmailBackend`` with
``EMAIL_HOST``/``EMAIL_PORT``…), whatever ``EMAIL_BACKEND`` says; set
``ONTMOETING_OUTBOX_BACKEND`` to use another backend.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from ontmoeting.messaging.enums import AttemptResult, MessageStatus
from ontmoeting.messaging.link_requests import resolve_link_requests
from ontmoeting.messaging.models import OutboxMessage, SendAttempt
from ontmoeting.messaging.sealed import reveal, unseal

logger = logging.getLogger(__name__)

#: A claim older than this is considered abandoned by a crashed worker.
LEASE = dt.timedelta(minutes=10)
#: First retry delay; each next one is five times longer, capped at ``MAX_DELAY``.
BASE_DELAY = dt.timedelta(minutes=1)
MAX_DELAY = dt.timedelta(days=1)
UNCERTAIN_ERROR = (
    "Interrupted while handing the message to the mail server: it may have been delivered. "
    "Not resent automatically; check with the recipient, then use 'retry now' if needed."
)


def max_attempts() -> int:
    return int(getattr(settings, "ONTMOETING_OUTBOX_MAX_ATTEMPTS", 6))


def backoff(attempts: int) -> dt.timedelta:
    """Delay before the next try after ``attempts`` failed tries: 1, 5, 25, 125 … minutes."""
    exponent = min(max(attempts - 1, 0), 10)  # 5**10 minutes is far beyond the cap
    return min(BASE_DELAY * int(5**exponent), MAX_DELAY)


@dataclass
class SendReport:
    """What one pass did."""

    sent: int = 0
    deferred: int = 0
    failed: int = 0
    requeued: int = 0
    uncertain: int = 0
    stopped_early: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def attempted(self) -> int:
        return self.sent + self.deferred + self.failed


def _due(now: dt.datetime) -> Q:
    return Q(status=MessageStatus.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def recover_stale(*, now: dt.datetime, report: SendReport | None = None) -> None:
    """Deal with messages a crashed worker left "sending" (see the module docstring)."""
    report = report if report is not None else SendReport()
    stale = OutboxMessage.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=now - LEASE)
    for message_id, claim in stale.values_list("pk", "claim"):
        with transaction.atomic():
            started = SendAttempt.objects.filter(
                message_id=message_id, result=AttemptResult.STARTED
            )
            rows = OutboxMessage.objects.filter(pk=message_id, claim=claim)
            if started.exists():
                started.update(result=AttemptResult.UNCERTAIN, finished=now, error=UNCERTAIN_ERROR)
                if rows.update(status=MessageStatus.FAILED, claim=None, last_error=UNCERTAIN_ERROR):
                    report.uncertain += 1
            elif rows.update(status=MessageStatus.QUEUED, claim=None, next_attempt_at=None):
                report.requeued += 1


def claim_next(*, now: dt.datetime) -> tuple[OutboxMessage, uuid.UUID] | None:
    """Atomically take the next due message for this worker; None when nothing is due."""
    candidates = OutboxMessage.objects.filter(_due(now)).order_by(
        F("next_attempt_at").asc(nulls_first=True), "pk"
    )
    skip_locked = db_connection.features.has_select_for_update_skip_locked
    while True:
        with transaction.atomic():
            if skip_locked:
                pks = list(candidates.select_for_update(skip_locked=True).values_list("pk")[:1])
            else:
                pks = list(candidates.values_list("pk")[:10])
            if not pks:
                return None
            for (pk,) in pks:
                token = uuid.uuid4()
                won = OutboxMessage.objects.filter(pk=pk, status=MessageStatus.QUEUED).update(
                    status=MessageStatus.SENDING,
                    claim=token,
                    claimed_at=now,
                    attempts=F("attempts") + 1,
                )
                if won:
                    return OutboxMessage.objects.get(pk=pk), token
        # Every candidate was taken by another worker meanwhile: look again.


def build_email(
    message: OutboxMessage, connection: BaseEmailBackend | None
) -> EmailMultiAlternatives:
    """The email for an outbox row: text, HTML alternative and its fixed Message-ID; the
    message's sealed links are put back here, in the email only."""
    links = unseal(message.sealed_links)
    email = EmailMultiAlternatives(
        subject=reveal(message.subject, links),
        body=reveal(message.body_text, links),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"Message-ID": message.message_id, "Auto-Submitted": "auto-generated"},
        connection=connection,
    )
    if message.body_html:
        # rendering.render_html escaped every value when the message was queued, and reveal()
        # escapes the links it puts back.
        body = mark_safe(reveal(message.body_html, links, html=True))  # nosec B308 B703
        html = render_to_string(
            "messaging/email.html",
            {
                "subject": reveal(message.subject, links),
                "body": body,
                "language": message.language,
            },
        )
        email.attach_alternative(html, "text/html")
    return email


def _smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return max(codes) if codes else None
    return getattr(error, "smtp_code", None)


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{rcpt}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
            for rcpt, (code, msg) in error.recipients.items()
        ]
        return f"Recipient refused ({'; '.join(parts)})"
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"{type(error).__name__}: {error.smtp_code} {text}"
    return f"{type(error).__name__}: {error}"[:1000]


def _finish(
    message: OutboxMessage,
    token: uuid.UUID,
    attempt: SendAttempt | None,
    *,
    now: dt.datetime,
    error: Exception | None,
    report: SendReport,
) -> None:
    """Record the outcome of one attempt (sent, deferred or failed) in one transaction."""
    rows = OutboxMessage.objects.filter(pk=message.pk, claim=token, status=MessageStatus.SENDING)
    finished = timezone.now()
    with transaction.atomic():
        if error is None:
            rows.update(status=MessageStatus.SENT, sent_at=now, claim=None, last_error="")
            result, text = AttemptResult.SENT, ""
            report.sent += 1
        else:
            text = _describe(error)
            code = _smtp_code(error)
            permanent = code is not None and code >= 500
            if permanent or message.attempts >= max_attempts():
                rows.update(status=MessageStatus.FAILED, claim=None, last_error=text)
                result = AttemptResult.FAILED
                report.failed += 1
            else:
                rows.update(
                    status=MessageStatus.QUEUED,
                    claim=None,
                    last_error=text,
                    next_attempt_at=now + backoff(message.attempts),
                )
                result = AttemptResult.DEFERRED
                report.deferred += 1
            report.errors.append(f"#{message.pk}: {text}")
        if attempt is None:
            SendAttempt.objects.create(
                message=message, started=now, finished=finished, result=result, error=text
            )
        else:
            SendAttempt.objects.filter(pk=attempt.pk).update(
                finished=finished, result=result, error=text
            )


def open_connection() -> BaseEmailBackend:
    backend = getattr(
        settings, "ONTMOETING_OUTBOX_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
    )
    connection: BaseEmailBackend = get_connection(backend, fail_silently=False)
    return connection


def send_pending(*, limit: int | None = None, now: dt.datetime | None = None) -> SendReport:
    """One pass: queue the links people asked for (``link_requests``), recover abandoned
    claims, then send every due message (at most ``limit``)."""
    now = now or timezone.now()
    report = SendReport()
    resolve_link_requests()
    recover_stale(now=now, report=report)
    mail: BaseEmailBackend | None = None
    handled = 0
    try:
        while limit is None or handled < limit:
            claimed = claim_next(now=now)
            if claimed is None:
                break
            message, token = claimed
            handled += 1
            attempt = None
            try:
                if mail is None:
                    mail = open_connection()
                    mail.open()
                attempt = SendAttempt.objects.create(
                    message=message, started=now, result=AttemptResult.STARTED
                )
                build_email(message, mail).send()
            except (smtplib.SMTPException, OSError) as error:
                _finish(message, token, attempt, now=now, error=error, report=report)
                connection_level = not isinstance(
                    error,
                    (
                        smtplib.SMTPRecipientsRefused,
                        smtplib.SMTPDataError,
                        smtplib.SMTPSenderRefused,
                    ),
                )
                if mail is not None:
                    mail.close()
                    mail = None
                if connection_level:
                    report.stopped_early = _describe(error)
                    break
            else:
                _finish(message, token, attempt, now=now, error=None, report=report)
    finally:
        if mail is not None:
            mail.close()
    if report.errors:
        logger.warning("outbox pass: %s", "; ".join(report.errors))
    return report


def run_worker(
    *,
    interval: float,
    stop: threading.Event,
    limit: int | None = None,
    on_pass: Callable[[SendReport], None] | None = None,
) -> int:
    """Run passes every ``interval`` seconds until ``stop`` is set; return the number of passes."""
    from django.db import close_old_connections

    passes = 0
    while not stop.is_set():
        close_old_connections()
        report = send_pending(limit=limit)
        passes += 1
        if on_pass is not None:
            on_pass(report)
        stop.wait(interval)
    close_old_connections()
    return passes
