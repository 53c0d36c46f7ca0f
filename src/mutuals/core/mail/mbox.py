"""Reading an mbox file as a stream of header blocks: never the whole file, never a body.

`read_mbox(stream)` takes a binary file object and yields each message's number (from 1), the
byte offset of its "From " line, its header block and the date its "From " line carries (the
fallback when the Date header cannot be read). Bodies are skipped line by line, so a 50 MB
message costs no more memory than a short one. A body line starting "From " ends a message only
when it reads as an envelope line (a sender then a date), or follows an empty line and ends in
a year: what mboxo, mboxrd, Gmail Takeout, Thunderbird and Apple Mail write.

A file that is not an mbox, headers cut short by the end of the file, or a header block over
`HEADER_LIMIT` raise `MboxRejected`, naming the message by number and byte offset; the caller
has written nothing yet (`emails.mbox` reads the whole file before its transaction).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from typing import BinaryIO, Final

from mutuals.core.mail.headers import MailHeaders, parse_headers

HEADER_LIMIT: Final = 1024 * 1024  # a header block larger than this is damage, not mail
LINE_LIMIT: Final = 64 * 1024  # bodies are read in pieces of at most this
_ENVELOPE = re.compile(rb"^From \S+\s+(?:\w{3}\s+)?\w{3}\s+\d{1,2}\s+\d{1,2}:\d{2}")
_LOOSE = re.compile(rb"^From \S+ .*\d{4}\s*$")


class MboxRejected(Exception):
    """The file cannot be read as mbox; `number` and `offset` say where (None: the file)."""

    def __init__(self, message: str, number: int | None = None, offset: int | None = None):
        super().__init__(message)
        self.message = message
        self.number = number
        self.offset = offset

    def sentence(self) -> str:
        where = ""
        if self.number is not None:
            where = f"Message {self.number:,} (at byte {self.offset:,}): "
        text = self.message[:1].upper() + self.message[1:] if not where else self.message
        return f"{where}{text}. Nothing was imported."


@dataclass(frozen=True, slots=True)
class MboxMessage:
    number: int
    offset: int
    headers: bytes
    envelope_date: dt.datetime | None


def read_mbox(stream: BinaryIO) -> Iterator[MboxMessage]:
    """Each message's header block, in file order."""
    offset = 0
    number = 0
    start = 0
    envelope = b""
    block: list[bytes] = []
    size = 0
    in_headers = False
    previous_blank = True
    seen_any = False
    while True:
        line = stream.readline(LINE_LIMIT)
        if not line:
            break
        here = offset
        offset += len(line)
        is_from = line.startswith(b"From ")
        if not seen_any:
            if not line.strip():
                continue
            if not is_from:
                raise MboxRejected(
                    'this is not an mbox file: it should begin with a "From " line '
                    "(export the mailbox as mbox, or use Gmail Takeout's .mbox file)"
                )
            seen_any = True
        if in_headers:
            if is_from and _ENVELOPE.match(line):
                # A message with no body and no empty line: the next one starts here.
                yield MboxMessage(number, start, b"".join(block), _envelope_date(envelope))
                number, start, envelope, block, size = number + 1, here, line, [], 0
                continue
            if line in (b"\n", b"\r\n"):
                yield MboxMessage(number, start, b"".join(block), _envelope_date(envelope))
                in_headers = False
                previous_blank = True
                continue
            size += len(line)
            if size > HEADER_LIMIT:
                raise MboxRejected(
                    "its headers run past 1 MB without the empty line that ends them; the "
                    "file looks damaged",
                    number,
                    start,
                )
            block.append(line)
            continue
        if is_from and (number == 0 or _is_separator(line, previous_blank)):
            number += 1
            start, envelope, block, size = here, line, [], 0
            in_headers = True
            continue
        previous_blank = line in (b"\n", b"\r\n")
    if in_headers:
        if not block:
            raise MboxRejected("the file ends right after its envelope line", number, start)
        raise MboxRejected(
            "the file ends inside its headers: it looks cut short (download it again)",
            number,
            start,
        )
    if not seen_any:
        raise MboxRejected("the file is empty")


def _is_separator(line: bytes, previous_blank: bool) -> bool:
    """A "From " line that starts a message: an envelope (sender, then a date), or after an
    empty line any "From " line ending in a year."""
    return bool(_ENVELOPE.match(line) or (previous_blank and _LOOSE.match(line)))


def _envelope_date(line: bytes) -> dt.datetime | None:
    """The date on a "From sender date" line, in UTC; None when it cannot be read."""
    parts = line.split(None, 2)
    if len(parts) < 3:
        return None
    try:
        when = parsedate_to_datetime(parts[2].decode("ascii", "replace").strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def read_headers(stream: BinaryIO) -> Iterator[tuple[MboxMessage, MailHeaders]]:
    """Each message with its parsed headers; the envelope's date when the Date header is
    missing or unreadable."""
    for message in read_mbox(stream):
        headers = parse_headers(message.headers)
        if headers.date is None and message.envelope_date is not None:
            headers = replace(headers, date=message.envelope_date)
        yield message, headers
