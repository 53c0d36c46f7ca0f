"""One message's headers, read forgivingly: what mutuals keeps of an e-mail (never its body).

`parse_headers(raw)` takes a message's header block (or the whole message: it stops at the
first blank line) as bytes and never raises: 8-bit bytes are read as UTF-8, else Latin-1;
RFC 2047 encoded words are decoded; an address that cannot be read is left out; a date that
cannot be read is None. A message without a Message-ID gets a stable fingerprint of its
headers instead, so the same message read from an mbox file and from an IMAP server is known
as the same message.

`automated` is true for mail no person wrote to you: mailing lists and newsletters (List-Id,
List-Unsubscribe, Precedence bulk/list/junk), automatic replies and notifications
(Auto-Submitted other than "no", X-Autoreply, X-Autorespond) and no-reply senders
(`is_automated_sender`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from typing import Final

SUBJECT_MAX: Final = 200
NAME_MAX: Final = 200
EMAIL_MAX: Final = 254
ID_MAX: Final = 250
REFERENCES_MAX: Final = 50  # a long thread's References keeps its first and last ids
# The header fields read; everything else in the block is passed over.
_WANTED: Final = frozenset(
    {
        b"message-id",
        b"from",
        b"sender",
        b"to",
        b"cc",
        b"date",
        b"subject",
        b"in-reply-to",
        b"references",
        b"list-id",
        b"list-unsubscribe",
        b"precedence",
        b"auto-submitted",
        b"x-autoreply",
        b"x-autorespond",
    }
)
_WANTED_FIELD = re.compile(
    rb"^(" + b"|".join(re.escape(n) for n in sorted(_WANTED)) + rb")[ \t]*:"
    rb"([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_BULK_PRECEDENCE: Final = frozenset({"bulk", "list", "junk"})
_AUTOMATED_LOCAL = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?"
    r"|notifications?|notify|newsletters?|news[-_.]?letter|alerts?|automailer|auto[-_.]?reply)"
    r"(?:[-_.+].*)?$"
)
_ID_TOKEN = re.compile(rb"<([^<>\s]+)>")
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
_SPACES = re.compile(r"\s+")
_FOLD = re.compile(rb"\r?\n[ \t]+")
_MONTHS: Final = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_PLAIN_DATE = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s+([+-])(\d{2})(\d{2})(?:\s*\(.*\))?$"
)
_SPECIAL = re.compile(r'["()\\:;\[\]]')


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    email: str  # lower-cased


@dataclass(frozen=True, slots=True)
class MailHeaders:
    message_id: str  # without <>; a stable fingerprint of the headers when missing
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: dt.datetime | None  # timezone-aware UTC; None when unparseable
    subject: str
    in_reply_to: str | None
    references: tuple[str, ...]
    automated: bool  # List-Id, Precedence bulk/list/junk, Auto-Submitted, no-reply senders

    @property
    def recipients(self) -> tuple[Address, ...]:
        """To and Cc, each address once, in order."""
        seen: set[str] = set()
        out = []
        for address in (*self.to, *self.cc):
            if address.email not in seen:
                seen.add(address.email)
                out.append(address)
        return tuple(out)


def is_automated_sender(email: str) -> bool:
    """no-reply@, mailer-daemon@, notifications@, newsletter@ and their +tagged forms."""
    local = email.rpartition("@")[0].lower()
    return bool(_AUTOMATED_LOCAL.match(local))


def parse_headers(raw: bytes) -> MailHeaders:
    """The headers mutuals reads from a message's header block; never raises."""
    fields = _fields(raw)
    sender = _first(_addresses(fields.get(b"from", [])))
    if sender is None:
        sender = _first(_addresses(fields.get(b"sender", [])))
    to = _addresses(fields.get(b"to", []))
    cc = _addresses(fields.get(b"cc", []))
    date = _date(_last(fields, b"date"))
    subject = _clip(_SPACES.sub(" ", _decoded(_last(fields, b"subject"))).strip(), SUBJECT_MAX)
    ids = _ids(_last(fields, b"message-id"))
    replied = _ids(_last(fields, b"in-reply-to"))
    references = _references(_ids(b" ".join(fields.get(b"references", []))))
    in_reply_to = replied[0] if replied else None
    message_id = ids[0] if ids else _fingerprint(fields)
    automated = _automated(fields, sender)
    return MailHeaders(
        message_id=message_id,
        sender=sender,
        to=to,
        cc=cc,
        date=date,
        subject=subject,
        in_reply_to=in_reply_to,
        references=references,
        automated=automated,
    )


# ---- the header block ------------------------------------------------------------------------


def _fields(raw: bytes) -> dict[bytes, list[bytes]]:
    """The wanted fields' values (unfolded, as bytes), in the order they appear."""
    block = raw[: _block_end(raw)]
    fields: dict[bytes, list[bytes]] = {}
    # One pass of the regular expression engine finds only the wanted fields, folded lines and
    # all; the rest of the block (Received:, DKIM signatures...) is never split in Python.
    for name, value in _WANTED_FIELD.findall(block):
        if b"\n" in value:
            value = _FOLD.sub(b" ", value)
        fields.setdefault(name.lower(), []).append(value.strip())
    return fields


def _block_end(raw: bytes) -> int:
    """Where the headers end: the first empty line (CRLF or LF), else the end."""
    ends = [i for i in (raw.find(b"\n\n"), raw.find(b"\r\n\r\n")) if i >= 0]
    return min(ends) if ends else len(raw)


def _last(fields: dict[bytes, list[bytes]], key: bytes) -> bytes:
    values = fields.get(key)
    return values[-1] if values else b""


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _decoded(value: bytes) -> str:
    """A header's text with RFC 2047 encoded words decoded; raw text when they are broken."""
    text = _text(value)
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError, AssertionError, TypeError):
        return text


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit]


# ---- addresses -------------------------------------------------------------------------------


def _pairs(text: str) -> list[tuple[str, str]]:
    """(name, address) pairs. Plain lists ("Rosa <rosa@x.org>, sam@x.org": nearly every
    message) are split directly; anything with quotes, comments or groups goes through the
    standard library's full parser, which is ten times slower."""
    if _SPECIAL.search(text) is None:
        pairs = []
        for part in text.split(","):
            start = part.find("<")
            if start < 0:
                pairs.append(("", part.strip()))
                continue
            end = part.find(">", start)
            if end < 0:
                break  # not plain after all
            pairs.append((part[:start].strip(), part[start + 1 : end].strip()))
        else:
            return pairs
    try:
        return getaddresses([text])
    except (ValueError, TypeError, IndexError):
        return []


def _addresses(values: Iterable[bytes]) -> tuple[Address, ...]:
    out: list[Address] = []
    seen: set[str] = set()
    for value in values:
        for name, email in _pairs(_text(value)):
            email = email.strip().strip("'\"").lower()
            if len(email) > EMAIL_MAX or not _EMAIL.match(email) or email in seen:
                continue
            seen.add(email)
            clean = name
            if "=?" in clean:
                clean = _decoded(clean.encode("utf-8", "surrogateescape"))
            clean = _SPACES.sub(" ", clean).strip().strip("'\" ")
            out.append(Address(name=_clip(clean if clean != email else "", NAME_MAX), email=email))
    return tuple(out)


def _first(addresses: tuple[Address, ...]) -> Address | None:
    return addresses[0] if addresses else None


# ---- dates, ids ------------------------------------------------------------------------------


def _date(value: bytes) -> dt.datetime | None:
    text = _text(value).strip()
    if not text:
        return None
    # "Tue, 1 Dec 2026 10:00:00 +0100", as nearly every client writes it, read directly.
    plain = _PLAIN_DATE.match(text)
    if plain is not None and plain.group(2).lower() in _MONTHS:
        day, month, year, hour, minute, second, sign, zh, zm = plain.groups()
        try:
            offset = dt.timedelta(hours=int(zh), minutes=int(zm)) * (-1 if sign == "-" else 1)
            when = dt.datetime(
                int(year),
                _MONTHS[month.lower()],
                int(day),
                int(hour),
                int(minute),
                int(second or 0),
                tzinfo=dt.timezone(offset),
            ).astimezone(dt.UTC)
        except (ValueError, OverflowError):
            return None
        return when if 1900 <= when.year <= 2200 else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # "-0000" or no zone: taken as UTC
        when = when.replace(tzinfo=dt.UTC)
    try:
        when = when.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None
    if not 1900 <= when.year <= 2200:
        return None
    return when


def _ids(value: bytes) -> tuple[str, ...]:
    """The message ids a Message-ID, In-Reply-To or References field names, without <>."""
    tokens = _ID_TOKEN.findall(value)
    if not tokens:  # some clients leave out the brackets
        tokens = [t for t in value.split() if b"@" in t]
    out: list[str] = []
    for token in tokens:
        text = _text(token).strip().strip("<>")
        if text and len(text) <= ID_MAX and text not in out:
            out.append(text)
    return tuple(out)


def _references(ids: tuple[str, ...]) -> tuple[str, ...]:
    if len(ids) <= REFERENCES_MAX:
        return ids
    return (ids[0], *ids[-(REFERENCES_MAX - 1) :])


def _fingerprint(fields: dict[bytes, list[bytes]]) -> str:
    """A stable id for a message without a Message-ID, from the headers that make it one."""
    digest = hashlib.sha256()
    for key in (b"from", b"to", b"cc", b"date", b"subject", b"in-reply-to"):
        for value in fields.get(key, []):
            digest.update(key + b"\0" + b" ".join(value.split()) + b"\0")
    return f"no-id-{digest.hexdigest()[:32]}@mutuals.invalid"


def _automated(fields: dict[bytes, list[bytes]], sender: Address | None) -> bool:
    if b"list-id" in fields or b"list-unsubscribe" in fields:
        return True
    if b"x-autoreply" in fields or b"x-autorespond" in fields:
        return True
    if _text(_last(fields, b"precedence")).strip().lower() in _BULK_PRECEDENCE:
        return True
    auto = _text(_last(fields, b"auto-submitted")).strip().lower()
    if auto and not auto.startswith("no"):
        return True
    return sender is not None and is_automated_sender(sender.email)
