"""E-mail invitations to a group: made from a CSV list, sent in the background, reported
address by address, and retried without sending anything twice.

Who may: a group administrator of that group, or an administrator of the install
(`services.group_for_admin`). Keyword-only, the acting user explicit (`by`).

- With no mail server (MUTUALS_SMTP_HOST), or when asked not to send, the codes are made at
  once and handed back to give out by hand (`InvitationReport`); only their hashes are kept.
- Otherwise the list becomes an `InvitationBatch` whose invitations wait on the task queue
  (`groups.tasks.send_invitations`, run by `mutuals worker` or the worker inside `mutuals
  serve`; the CLI runs the same `send_batch` itself). Each address's code is made only when
  its e-mail goes: the worker claims the invitation (waiting → sending) with the new code's
  hash in one conditional UPDATE, sends, then marks it sent or failed with the reason in
  words. So no raw code is ever stored (the task's arguments hold the batch's id only), two
  workers never send one address twice, and a code that reached no one was never known to
  anyone.
- Retrying sends the failed ones again, each with a new code; sent ones are never touched. An
  invitation left "being sent" by a worker that stopped midway is reported failed after
  `STALE_SENDING` (it may have gone: a retry gives it a new code, and the old one stops
  working).
- The logs say only how many were sent or failed, never an address.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from mutuals.core.codes import hash_code, new_code
from mutuals.groups import services
from mutuals.groups.models import Group, GroupInvitation, InvitationBatch
from mutuals.mail import smtp_connection

logger = logging.getLogger("mutuals.groups")

STALE_SENDING = dt.timedelta(minutes=10)  # a claim older than this: its worker stopped
CHUNK = 200  # invitations read at a time while sending

NO_MAIL_SERVER = (
    "This install has no mail server set (MUTUALS_SMTP_HOST), so no e-mail was sent: "
    "give each person their code yourself."
)
NO_MAIL_SERVER_NOW = "The install has no mail server set now (MUTUALS_SMTP_HOST)."
STOPPED_MIDWAY = (
    "The sending stopped while this one was going: it may have gone. Sending it again makes "
    "a new code, and the old one stops working."
)
NOTHING_TO_RETRY = "Every invitation in this list was sent or is waiting: there is none to retry."
STATE_WORDS = {
    GroupInvitation.WAITING: "waiting",
    GroupInvitation.SENDING: "being sent",
    GroupInvitation.SENT: "sent",
    GroupInvitation.FAILED: "not sent",
}


def mail_server_configured() -> bool:
    return bool(settings.MUTUALS_SMTP_HOST)


# ---- what is handed back -----------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    """One address's invitation made at once: its code (shown only now)."""

    email: str
    code: str


@dataclass(frozen=True)
class InvitationReport:
    """Invitations made at once, to hand out by hand (nothing sent)."""

    invitations: tuple[Invitation, ...]
    message: str

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape (CLI and API): each address and its code."""
        items = [{"email": i.email, "code": i.code} for i in self.invitations]
        return {"count": len(items), "words": self.message, "items": items}


def _number(count: int) -> str:
    return f"{count:,}"


@dataclass(frozen=True)
class BatchProgress:
    """Where a list sent in the background stands: counts, and why the failed ones failed
    (each reason with how many), in words for every interface."""

    batch_id: int
    group_id: int
    created_at: dt.datetime
    total: int
    sent: int
    failed: int
    reasons: tuple[tuple[str, int], ...] = field(default=())
    group_name: str = ""  # filled where the group was read (`batch_of`)

    @property
    def waiting(self) -> int:
        return self.total - self.sent - self.failed

    @property
    def done(self) -> bool:
        return self.waiting == 0

    def words(self) -> str:
        """ "312 of 5,000 sent, 2 failed: The mail server … refused this address (2)."."""
        sentence = f"{_number(self.sent)} of {_number(self.total)} sent"
        if self.failed:
            why = "; ".join(
                f"{reason.rstrip('.')} ({_number(count)})" for reason, count in self.reasons
            )
            sentence += f", {_number(self.failed)} failed: {why}"
        if not self.done:
            sentence += f"; {_number(self.waiting)} still to send"
        return sentence + "."

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.batch_id,
            "group_id": self.group_id,
            "created_at": self.created_at.isoformat(),
            "total": self.total,
            "sent": self.sent,
            "failed": self.failed,
            "waiting": self.waiting,
            "done": self.done,
            "words": self.words(),
            "reasons": [{"reason": r, "count": n} for r, n in self.reasons],
        }


# ---- the e-mail --------------------------------------------------------------------------


def join_link(code: str, base: str | None = None) -> str:
    """The join link: MUTUALS_BASE_URL (or `base`, the address the page was asked at) and the
    join page's path; the path alone when neither is known."""
    root = (settings.MUTUALS_BASE_URL or base or "").rstrip("/")
    return root + services.join_path(code)


def invitation_text(
    *, group: str, inviter: str, code: str, link: str, expires: dt.date
) -> tuple[str, str]:
    """The e-mail's subject and plain-text body: who invites, the group, the join link with
    the code (where someone with no account yet can make one), and until when it works."""
    subject = f"{inviter} invites you to join {group} on mutuals"
    if link.startswith("http"):
        how = (
            f"Join with this link (with no account on it yet, you make one there):\n\n    {link}\n"
        )
    else:
        how = f"Open mutuals and join with this code:\n\n    {code}\n"
    body = (
        f"{inviter} invites you to join {group} on mutuals, where its members help each "
        f"other with introductions.\n\n{how}\n"
        f"The invitation works once, until {expires.day} {expires:%b %Y}. Your code is "
        f"{code}.\n"
    )
    return subject, body


def _why_not(error: Exception) -> str:
    """A failed send in words: what the mail server did (never its login, never the
    address: servers quote it in their answers, so those are left out)."""
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"The mail server at {server} refused this address."
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"The mail server at {server} refused the user name or password."
    if isinstance(error, smtplib.SMTPResponseException):
        return f"The mail server at {server} answered with error {error.smtp_code}."
    if isinstance(error, smtplib.SMTPException):
        return f"The mail server at {server} refused the message."
    return f"Could not reach the mail server at {server}."


# ---- making them -------------------------------------------------------------------------


def invite_by_email(
    *,
    by: AbstractBaseUser,
    group_id: int,
    csv_text: str,
    days: int = services.INVITATION_DAYS,
    send: bool = True,
    base: str | None = None,
    queue: bool = True,
    now: dt.datetime | None = None,
) -> InvitationReport | BatchProgress:
    """Single-use invitations for a CSV list of addresses (a bad line is named and no one is
    invited). Sent by e-mail when a mail server is set and `send` is true: the list waits on
    the task queue (`queue`; the CLI sends it itself with `send_batch`) and its progress is
    returned; otherwise the codes are handed back."""
    if not send or not mail_server_configured():
        pairs = services.invite_emails(by=by, group_id=group_id, csv_text=csv_text, days=days)
        message = (
            f"{len(pairs)} invitations made: give each person their code."
            if not send
            else NO_MAIL_SERVER
        )
        return InvitationReport(tuple(Invitation(e, c) for e, c in pairs), message)
    batch = services.invite_emails_later(
        by=by, group_id=group_id, csv_text=csv_text, days=days, link_root=base or "", now=now
    )
    if queue:
        _enqueue(batch.pk)
    return progress_of(batch)


def _enqueue(batch_id: int) -> None:
    from mutuals.groups.tasks import send_invitations

    transaction.on_commit(lambda: send_invitations.enqueue(batch_id))


# ---- sending them ------------------------------------------------------------------------


def _fail_waiting(batch_id: int, reason: str) -> int:
    return GroupInvitation.objects.filter(batch_id=batch_id, state=GroupInvitation.WAITING).update(
        state=GroupInvitation.FAILED, reason=reason[:300]
    )


def release_stale(*, batch_id: int, now: dt.datetime | None = None) -> int:
    """Invitations claimed longer than `STALE_SENDING` ago by a worker that stopped: failed,
    saying they may have gone; how many."""
    before = (now or timezone.now()) - STALE_SENDING
    return GroupInvitation.objects.filter(
        batch_id=batch_id, state=GroupInvitation.SENDING, claimed_at__lt=before
    ).update(state=GroupInvitation.FAILED, reason=STOPPED_MIDWAY)


def _claim(pk: int) -> str | None:
    """Take a waiting invitation for sending, giving it its code: the code, or None when
    another worker took it first."""
    code = new_code()
    won = GroupInvitation.objects.filter(pk=pk, state=GroupInvitation.WAITING).update(
        state=GroupInvitation.SENDING, claimed_at=timezone.now(), code_hash=hash_code(code)
    )
    return code if won else None


def _mark(pk: int, *, error: Exception | None) -> None:
    if error is None:
        fields: dict[str, Any] = {"state": GroupInvitation.SENT, "sent_at": timezone.now()}
        fields["reason"] = ""
    else:
        fields = {"state": GroupInvitation.FAILED, "reason": _why_not(error)}
    GroupInvitation.objects.filter(pk=pk, state=GroupInvitation.SENDING).update(**fields)


def send_batch(*, batch_id: int, on_each: Callable[[], None] | None = None) -> BatchProgress:
    """Send every waiting invitation of the list, each once (see the module's rule); the
    progress after. `on_each` is called after each address (the CLI's progress bar). Runs
    outside a transaction, so the admin page sees the progress as it goes."""
    batch = InvitationBatch.objects.select_related("group", "invited_by").get(pk=batch_id)
    release_stale(batch_id=batch_id)
    if not mail_server_configured():
        _fail_waiting(batch_id, NO_MAIL_SERVER_NOW)
        return progress_of(batch)
    connection = smtp_connection()
    try:
        connection.open()
    except OSError as error:  # SMTPException is an OSError too
        _fail_waiting(batch_id, _why_not(error))
    else:
        _send_waiting(batch, connection, on_each)
    progress = progress_of(batch)
    if progress.failed:
        logger.warning("%d of %d group invitations were not sent.", progress.failed, progress.total)
    return progress


def _send_waiting(
    batch: InvitationBatch, connection: Any, on_each: Callable[[], None] | None
) -> None:
    """Claim and send the list's waiting invitations, a chunk at a time, on an open
    connection (closed after)."""
    batch_id = batch.pk
    inviter = services.user_name(batch.invited_by) if batch.invited_by else "An administrator"
    try:
        while True:
            waiting = list(
                GroupInvitation.objects.filter(batch_id=batch_id, state=GroupInvitation.WAITING)
                .order_by("pk")
                .values_list("pk", "email", "expires_at")[:CHUNK]
            )
            if not waiting:
                break
            for pk, email, expires_at in waiting:
                code = _claim(pk)
                if code is None:
                    continue
                problem = _send_one(connection, batch, inviter, email, code, expires_at)
                _mark(pk, error=problem)
                if isinstance(problem, smtplib.SMTPServerDisconnected):
                    connection.close()
                    connection.open()  # when it cannot: the outer except fails the rest
                if on_each is not None:
                    on_each()
    except OSError as error:  # the server went away and could not be reached again
        _fail_waiting(batch_id, _why_not(error))
    finally:
        connection.close()


def _send_one(
    connection: Any,
    batch: InvitationBatch,
    inviter: str,
    email: str,
    code: str,
    expires_at: dt.datetime,
) -> OSError | None:
    subject, body = invitation_text(
        group=batch.group.name,
        inviter=inviter,
        code=code,
        link=join_link(code, batch.link_root),
        expires=timezone.localdate(expires_at),
    )
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        connection=connection,
    )
    try:
        message.send()
    except OSError as error:
        return error
    return None


@transaction.atomic
def retry_failed(
    *,
    by: AbstractBaseUser,
    group_id: int,
    batch_id: int,
    queue: bool = True,
    now: dt.datetime | None = None,
) -> BatchProgress:
    """Send the list's failed invitations again (each with a new code when it goes, working
    for the list's days from now); the sent ones are never sent again. ValidationError when
    none failed; InvitationBatch.DoesNotExist for a list not of this group."""
    from django.core.exceptions import ValidationError

    services.group_for_admin(by=by, group_id=group_id)
    batch = InvitationBatch.objects.get(pk=batch_id, group_id=group_id)
    now = now or timezone.now()
    release_stale(batch_id=batch.pk, now=now)
    again = GroupInvitation.objects.filter(batch=batch, state=GroupInvitation.FAILED).update(
        state=GroupInvitation.WAITING,
        reason="",
        claimed_at=None,
        expires_at=now + dt.timedelta(days=batch.days),
    )
    if not again:
        raise ValidationError({"batch": [NOTHING_TO_RETRY]})
    if queue:
        _enqueue(batch.pk)
    return progress_of(batch)


# ---- reading them ------------------------------------------------------------------------


def _progress(batch: InvitationBatch, rows: list[tuple[str, str, int]]) -> BatchProgress:
    sent = sum(n for state, _, n in rows if state == GroupInvitation.SENT)
    failed = [(reason, n) for state, reason, n in rows if state == GroupInvitation.FAILED]
    reasons: dict[str, int] = {}
    for reason, count in failed:
        reasons[reason] = reasons.get(reason, 0) + count
    ordered = tuple(sorted(reasons.items(), key=lambda item: (-item[1], item[0])))
    return BatchProgress(
        batch_id=batch.pk,
        group_id=batch.group_id,
        created_at=batch.created_at,
        total=batch.total,
        sent=sent,
        failed=sum(n for _, n in failed),
        reasons=ordered,
    )


def _state_counts(batch_ids: list[int]) -> dict[int, list[tuple[str, str, int]]]:
    """Each list's invitations counted by state and reason: one query (the batch/state index)."""
    found: dict[int, list[tuple[str, str, int]]] = {pk: [] for pk in batch_ids}
    rows = (
        GroupInvitation.objects.filter(batch_id__in=batch_ids)
        .values("batch_id", "state", "reason")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("batch_id", "state", "reason", "n")
    )
    for batch_id, state, reason, count in rows:
        found[batch_id].append((state, reason, count))
    return found


def progress_of(batch: InvitationBatch) -> BatchProgress:
    return _progress(batch, _state_counts([batch.pk])[batch.pk])


def batches_of(*, group: Group, limit: int = 5) -> list[BatchProgress]:
    """The group's latest lists sent in the background, newest first, with their progress:
    two queries whatever their size."""
    batches = list(InvitationBatch.objects.filter(group=group)[:limit])
    counts = _state_counts([b.pk for b in batches])
    return [_progress(b, counts[b.pk]) for b in batches]


def batch_of(*, by: AbstractBaseUser, group_id: int, batch_id: int) -> BatchProgress:
    """One list's progress, for the group's administrators (`services.group_for_admin`'s
    refusals); InvitationBatch.DoesNotExist for a list not of this group."""
    group = services.group_for_admin(by=by, group_id=group_id)
    progress = progress_of(InvitationBatch.objects.get(pk=batch_id, group_id=group_id))
    return replace(progress, group_name=group.name)


@dataclass(frozen=True)
class AddressReport:
    email: str
    state: str
    words: str
    reason: str
    sent_at: dt.datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "state": self.state,
            "state_words": self.words,
            "reason": self.reason or None,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


def addresses_of(
    *, batch: BatchProgress, failed_only: bool = False, offset: int = 0, limit: int | None = None
) -> list[AddressReport]:
    """A list's report address by address: the failed first, then waiting, then sent, each in
    the order of the list (never a code)."""
    rank = {GroupInvitation.FAILED: 0, GroupInvitation.SENDING: 1, GroupInvitation.WAITING: 1}
    found = GroupInvitation.objects.filter(batch_id=batch.batch_id)
    if failed_only:
        found = found.filter(state=GroupInvitation.FAILED)
    rows = sorted(
        found.values_list("pk", "email", "state", "reason", "sent_at"),
        key=lambda row: (rank.get(row[2], 2), row[0]),
    )
    end = None if limit is None else offset + limit
    return [
        AddressReport(email, state, STATE_WORDS.get(state, state), reason, sent_at)
        for _, email, state, reason, sent_at in rows[offset:end]
    ]
