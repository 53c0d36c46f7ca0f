"""Sending the morning digest, exactly once per user and day, however many workers run.

The rule, in words:
- Before sending, a worker claims (owner, day) in a transaction: it inserts the DigestSent row
  (the unique constraint lets one insert win), or, when the row exists, takes it over with a
  conditional update that only succeeds if the row is failed (released for a retry), stale (a
  worker stopped mid-send) or, with `force`, already sent. Both databases run that update one
  worker at a time on the row, so exactly one claim wins.
- The winner sends, then marks the row sent. A failed send marks it failed, with the reason in
  words (the mail server's address and what went wrong, never the recipient or the content) and
  the claim released, so the next run sends it again: nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import socket
import ssl
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from mutuals.digest import emails, selectors
from mutuals.digest.models import DigestSent
from mutuals.mail import SMTP_TIMEOUT, smtp_connection

logger = logging.getLogger("mutuals.digest")

SENT = "sent"
ALREADY_SENT = "already_sent"
IN_PROGRESS = "in_progress"
FAILED = "failed"
NO_ADDRESS = "no_address"
NO_MAIL_SERVER = "no_mail_server"
NO_MAIL_SERVER_MESSAGE = (
    "This install has no mail server set, so nothing was sent: whoever runs it sets "
    "MUTUALS_SMTP_HOST (see docs/deploy.md)."
)
NO_ADDRESS_MESSAGE = "Add your e-mail address in Settings first: the digest goes there."


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one digest: `status` is one of the constants above, `message` says it."""

    status: str
    message: str

    @property
    def sent(self) -> bool:
        return self.status == SENT


@dataclass(slots=True)
class RunSummary:
    """One pass over the users whose digest is due."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


def claim(
    *, owner: AbstractBaseUser, day: dt.date, force: bool = False, now: dt.datetime | None = None
) -> str | None:
    """Claim the owner's digest for `day`: the claim's token, or None when another worker holds
    it or it was sent already (and `force` is false)."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    try:
        with transaction.atomic():
            DigestSent.objects.create(
                owner=owner, day=day, status=DigestSent.CLAIMED, claim=token, claimed_at=now
            )
        return token
    except IntegrityError:
        pass  # the row exists: take it over only if it is free
    free = Q(status=DigestSent.FAILED) | Q(
        status=DigestSent.CLAIMED, claimed_at__lt=now - selectors.STALE_CLAIM
    )
    if force:
        free |= Q(status=DigestSent.SENT)
    with transaction.atomic():
        won = DigestSent.objects.filter(free, owner=owner, day=day).update(
            status=DigestSent.CLAIMED, claim=token, claimed_at=now
        )
    return token if won else None


def _mark(owner: AbstractBaseUser, day: dt.date, token: str, **fields: object) -> None:
    with transaction.atomic():
        DigestSent.objects.filter(owner=owner, day=day, claim=token).update(
            attempts=F("attempts") + 1, **fields
        )


def _message(digest: emails.Digest, to: str) -> EmailMultiAlternatives:
    connection = smtp_connection()
    message = EmailMultiAlternatives(
        subject=emails.subject(digest),
        body=emails.text_body(digest),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        connection=connection,
    )
    message.attach_alternative(emails.html_body(digest), "text/html")
    return message


def explain_failure(error: Exception) -> str:
    """A failed send in words: the server and what went wrong, never the recipient (servers
    quote it in their answers, so those are left out too)."""
    server = selectors.mail_server()
    retry = "nothing was sent, it will be retried."
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return (
            f"The mail server at {server} refused the user name or password "
            f"(MUTUALS_SMTP_USER, MUTUALS_SMTP_PASSWORD); {retry}"
        )
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"The mail server at {server} refused your e-mail address; {retry}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"The mail server at {server} closed the connection; {retry}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"The mail server at {server} answered with error {error.smtp_code}; {retry}"
    if isinstance(error, smtplib.SMTPException):
        return f"The mail server at {server} refused the message; {retry}"
    return f"Could not reach the mail server at {server} ({_network_reason(error)}); {retry}"


def _network_reason(error: Exception) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError | socket.timeout):
        return f"no answer within {SMTP_TIMEOUT} seconds"
    if isinstance(error, socket.gaierror):
        return "its name is not known"
    if isinstance(error, ssl.SSLError):
        return "the secure connection (TLS) failed"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return "the connection failed"


def send_digest(
    *, owner: AbstractBaseUser, today: dt.date | None = None, force: bool = False
) -> Outcome:
    """Send the owner's digest for `today` (the local day) unless it was sent already, or again
    with `force`."""
    if not selectors.mail_server_configured():
        return Outcome(NO_MAIL_SERVER, NO_MAIL_SERVER_MESSAGE)
    address = (getattr(owner, "email", "") or "").strip()
    if not address:
        return Outcome(NO_ADDRESS, NO_ADDRESS_MESSAGE)
    today = today or timezone.localdate()
    token = claim(owner=owner, day=today, force=force)
    if token is None:
        return _not_claimed(owner, today)
    digest = selectors.digest_for(owner=owner, today=today)
    try:
        _message(digest, address).send()
    except (OSError, smtplib.SMTPException) as error:  # SMTPException is an OSError too
        reason = explain_failure(error)
        _mark(owner, today, token, status=DigestSent.FAILED, error=reason)
        logger.warning("A digest was not sent: %s", reason)  # no one named, no content
        return Outcome(FAILED, reason)
    _mark(
        owner,
        today,
        token,
        status=DigestSent.SENT,
        sent_at=timezone.now(),
        error="",
        items=len(digest.actions),
    )
    return Outcome(SENT, "Sent today's digest to your e-mail address.")


def _not_claimed(owner: AbstractBaseUser, today: dt.date) -> Outcome:
    found = selectors.digest_of(owner=owner, day=today)
    if found is not None and found.status == DigestSent.SENT:
        return Outcome(ALREADY_SENT, "Today's digest was sent already.")
    return Outcome(IN_PROGRESS, "Today's digest is being sent right now.")


def send_due_digests(*, now: dt.datetime | None = None) -> RunSummary:
    """Send every digest that is due at `now` (see selectors.due_owners); each one once."""
    summary = RunSummary()
    if not selectors.mail_server_configured():
        return summary
    local = timezone.localtime(now or timezone.now())
    for owner in selectors.due_owners(now=local):
        outcome = send_digest(owner=owner, today=local.date())
        if outcome.sent:
            summary.sent += 1
        elif outcome.status == FAILED:
            summary.failed += 1
            summary.errors.append(outcome.message)
        else:
            summary.skipped += 1
    if summary.sent or summary.failed:
        logger.info("Morning digests: %d sent, %d failed.", summary.sent, summary.failed)
    return summary
