"""Synthetic mail for the e-mail tests: headers as the parser gives them, and mbox files."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

from mutuals.core.mail.headers import Address, MailHeaders

ME = "jordan@example.org"
BASE = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def msg(
    message_id: str,
    *,
    sender: str,
    to: tuple[str, ...] | str = (),
    cc: tuple[str, ...] = (),
    at: dt.datetime | int = 0,
    subject: str = "Coffee?",
    in_reply_to: str | None = None,
    references: tuple[str, ...] = (),
    automated: bool = False,
) -> MailHeaders:
    """A message's headers; `at` in hours after BASE when an int."""
    when = BASE + dt.timedelta(hours=at) if isinstance(at, int) else at
    to = (to,) if isinstance(to, str) else to
    return MailHeaders(
        message_id=message_id,
        sender=Address(name="", email=sender),
        to=tuple(Address(name="", email=a) for a in to),
        cc=tuple(Address(name="", email=a) for a in cc),
        date=when,
        subject=subject,
        in_reply_to=in_reply_to,
        references=references,
        automated=automated,
    )


def raw(
    message_id: str | None,
    *,
    sender: str,
    to: str = ME,
    at: int = 0,
    subject: str = "Coffee?",
    in_reply_to: str | None = None,
    extra: bytes = b"",
    body: bytes = b"Hello\n",
) -> bytes:
    """One message as an mbox holds it, "From " line first."""
    when = BASE + dt.timedelta(hours=at)
    lines = [
        f"From {sender} {when.strftime('%a %b %d %H:%M:%S %Y')}".encode(),
        f"From: {sender}".encode(),
        f"To: {to}".encode(),
        f"Date: {format_datetime(when)}".encode(),
        f"Subject: {subject}".encode(),
    ]
    if message_id:
        lines.append(f"Message-ID: <{message_id}>".encode())
    if in_reply_to:
        lines.append(f"In-Reply-To: <{in_reply_to}>".encode())
        lines.append(f"References: <{in_reply_to}>".encode())
    if extra:
        lines.append(extra.rstrip(b"\n"))
    return b"\n".join(lines) + b"\n\n" + body + b"\n"
