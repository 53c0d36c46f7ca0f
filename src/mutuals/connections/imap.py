"""Reading an IMAP account, read-only: the few commands a sync needs, over imaplib.

Only EXAMINE (a folder opened read-only: nothing is marked seen), UID SEARCH and
UID FETCH of BODY.PEEK[HEADER.FIELDS (...)]: the header fields mutuals keeps, never a body, so a
50 MB message costs what its headers do. Every failure becomes `ImapFailure` with a sentence
that names the server and what went wrong (never the user name, password or any message).
"""

from __future__ import annotations

import imaplib
import re
import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

TIMEOUT = 30  # seconds without an answer before the server counts as gone
# The fields core.mail.headers reads; nothing else of a message is asked for.
HEADER_FIELDS = (
    "FROM SENDER TO CC DATE SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES LIST-ID LIST-UNSUBSCRIBE "
    "PRECEDENCE AUTO-SUBMITTED X-AUTOREPLY X-AUTORESPOND"
)
FETCH_ITEMS = f"(UID BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})])"
# Sent folders' usual names, for servers that mark none with \Sent (RFC 6154).
SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent")

_LIST_LINE = re.compile(rb'^\((?P<flags>[^)]*)\) (?:"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)$')
_UID = re.compile(rb"UID (\d+)")
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")


class ImapFailure(Exception):
    """A sync could not go on; `str(error)` says why, in words."""


@dataclass(frozen=True, slots=True)
class Account:
    host: str
    port: int
    security: str  # "ssl", "starttls" or "plain"
    username: str
    password: str

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def connect(account: Account, *, timeout: float = TIMEOUT) -> imaplib.IMAP4:
    """A signed-in connection; ImapFailure, in words, when the server cannot be reached or
    refuses the user name or password."""
    try:
        if account.security == "ssl":
            imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                account.host,
                account.port,
                ssl_context=ssl.create_default_context(),
                timeout=timeout,
            )
        else:
            imap = imaplib.IMAP4(account.host, account.port, timeout=timeout)
            if account.security == "starttls":
                imap.starttls(ssl.create_default_context())
    except (OSError, imaplib.IMAP4.error) as error:
        raise ImapFailure(unreachable(account.server, error)) from None
    try:
        imap.login(account.username, account.password)
    except imaplib.IMAP4.abort as error:
        raise ImapFailure(gone(account.server)) from error
    except imaplib.IMAP4.error:
        raise ImapFailure(
            f"The mail server at {account.server} refused the user name or password: "
            "check them, then enter the password again."
        ) from None
    except OSError as error:
        raise ImapFailure(unreachable(account.server, error)) from None
    return imap


def unreachable(server: str, error: BaseException) -> str:
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        reason = "the secure connection (TLS) failed"
    elif isinstance(error, ConnectionRefusedError):
        reason = "connection refused"
    elif isinstance(error, TimeoutError | socket.timeout):
        reason = "no answer"
    elif isinstance(error, socket.gaierror):
        reason = "its name is not known"
    elif isinstance(error, imaplib.IMAP4.error):
        reason = "it does not offer STARTTLS" if "TLS" in str(error) else "it did not answer"
    else:
        reason = "the connection failed"
    return f"Could not reach the mail server at {server} ({reason}); nothing was changed."


def gone(server: str) -> str:
    return (
        f"The mail server at {server} closed the connection during the sync; what was read "
        "before is kept and the next sync goes on from there."
    )


def folders(imap: imaplib.IMAP4) -> list[tuple[str, frozenset[str]]]:
    """Every folder's name as the server spells it (quoted when needed), with its flags."""
    status, lines = imap.list('""', "*")
    if status != "OK":
        return []
    found = []
    for line in lines:
        if isinstance(line, tuple):  # a name sent as a literal
            head, literal = line
            match = _LIST_LINE.match(head.rsplit(b" ", 1)[0] + b" x")
            name = literal
        elif line:
            match = _LIST_LINE.match(line)
            name = match.group("name") if match else b""
        else:
            continue
        if match is None:
            continue
        flags = frozenset(flag.lower() for flag in match.group("flags").decode().split())
        found.append((name.decode("utf-8", "replace"), flags))
    return found


def sent_folder(imap: imaplib.IMAP4, named: str = "") -> str | None:
    """The sent folder: the one named, else the one flagged \\Sent, else a usual name."""
    listed = folders(imap)
    if named:
        return quoted(named)
    for name, flags in listed:
        if "\\sent" in flags:
            return name if name.startswith('"') else quoted(name)
    plain = {name.strip('"'): name for name, _ in listed}
    for usual in SENT_NAMES:
        if usual in plain:
            return quoted(usual)
    return None


def quoted(name: str) -> str:
    if name.startswith('"'):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def examine(imap: imaplib.IMAP4, folder: str) -> int:
    """Open the folder read-only (EXAMINE); its UIDVALIDITY."""
    status, _answer = imap.select(folder, readonly=True)
    if status != "OK":
        name = folder.strip('"')
        raise ImapFailure(
            f"The folder {name} could not be opened on the mail server: check its name."
        )
    codes = imap.response("UIDVALIDITY")[1]
    for code in codes or []:
        if code:
            return int(code)
    status, lines = imap.status(folder, "(UIDVALIDITY)")
    match = _UIDVALIDITY.search(lines[0] or b"") if lines else None
    if match is None:
        raise ImapFailure("The mail server did not say the folder's UIDVALIDITY.")
    return int(match.group(1))


def uids_after(imap: imaplib.IMAP4, last_uid: int) -> list[int]:
    """The UIDs above `last_uid`, in order (`n:*` also answers the last message when none is
    above n, which is filtered out)."""
    status, lines = imap.uid("SEARCH", f"UID {last_uid + 1}:*")
    if status != "OK":
        raise ImapFailure("The mail server refused to list the folder's messages.")
    found = sorted({int(uid) for line in lines if line for uid in line.split()})
    return [uid for uid in found if uid > last_uid]


def uid_set(uids: Sequence[int]) -> str:
    """1,2,3,7,8 → "1:3,7:8"."""
    ranges: list[str] = []
    start = previous = uids[0]
    for uid in [*uids[1:], None]:
        if uid is not None and uid == previous + 1:
            previous = uid
            continue
        ranges.append(str(start) if start == previous else f"{start}:{previous}")
        if uid is not None:
            start = previous = uid
    return ",".join(ranges)


def fetch_headers(imap: imaplib.IMAP4, uids: Sequence[int]) -> Iterator[tuple[int, bytes]]:
    """(UID, the header fields' bytes) for each of the messages, in UID order."""
    if not uids:
        return
    status, lines = imap.uid("FETCH", uid_set(uids), FETCH_ITEMS)
    if status != "OK":
        raise ImapFailure("The mail server refused to send the messages' headers.")
    found: dict[int, bytes] = {}
    pending: bytes | None = None
    for line in lines:
        if isinstance(line, tuple):
            head, literal = line
            match = _UID.search(head)
            if match:
                found[int(match.group(1))] = literal
            else:
                pending = literal  # the UID comes after the literal
        elif line and pending is not None:
            match = _UID.search(line)
            if match:
                found[int(match.group(1))] = pending
            pending = None
    wanted = set(uids)
    for uid in sorted(found):
        if uid in wanted:
            yield uid, found[uid]
