"""Reading a subscribed calendar, read-only: a CalDAV account through the `caldav` client (the
events of each chosen calendar inside the sync's window), or an iCalendar address by one plain
HTTP GET with a size cap and a timeout. Every failure becomes `CalendarFailure` with a sentence
that names the server (its host, never the secret address, the user name or the password) and
says what to do; nothing is written before everything is read (calendar_sync.py)."""

from __future__ import annotations

import datetime as dt
import http.client
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

TIMEOUT = 30  # seconds without an answer before the server counts as gone
ICS_MAX_BYTES = 20 * 1024 * 1024  # an iCalendar address's calendar: 20 MB at most
CHUNK = 64 * 1024
USER_AGENT = "mutuals (calendar subscription)"


class CalendarFailure(Exception):
    """A sync could not read the calendar; `str(error)` says why, in words."""


@dataclass(frozen=True, slots=True)
class CalDavAccount:
    url: str
    username: str
    password: str
    calendars: tuple[str, ...] = ()  # by name; empty: all

    @property
    def server(self) -> str:
        return host_of(self.url)


def host_of(url: str) -> str:
    """The host (and port, when one is given) of an address: what words may show of it."""
    parts = urllib.parse.urlsplit(url)
    return parts.netloc.rpartition("@")[2] or "the calendar server"


def fetch_ics(url: str, *, timeout: float = TIMEOUT, max_bytes: int = ICS_MAX_BYTES) -> bytes:
    """The calendar at an iCalendar address (webcal:// is read as https://)."""
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    server = host_of(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            chunks: list[bytes] = []
            size = 0
            while chunk := answer.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise CalendarFailure(
                        f"The calendar at {server} is larger than {max_bytes // (1024 * 1024)} "
                        "MB, more than mutuals reads: subscribe to a smaller calendar (one "
                        "for your meetings, say). Nothing was changed."
                    )
                chunks.append(chunk)
            declared = answer.headers.get("Content-Length", "")
            if declared.isdigit() and size < int(declared):  # the server went away mid-answer
                raise CalendarFailure(gone(server))
    except urllib.error.HTTPError as error:
        raise CalendarFailure(_refused(server, error.code)) from None
    except urllib.error.URLError as error:  # before an answer: the server was not reached
        reason = error.reason if isinstance(error.reason, BaseException) else error
        raise CalendarFailure(unreachable(server, reason)) from None
    except (OSError, http.client.HTTPException):  # while the answer came in
        raise CalendarFailure(gone(server)) from None
    return b"".join(chunks)


def _refused(server: str, status: int) -> str:
    if status in (401, 403):
        return (
            f"The calendar server at {server} refused the address: it may have been reset. "
            "Copy the calendar's secret address again and enter it here."
        )
    if status in (404, 410):
        return (
            f"The calendar server at {server} has no calendar at this address any more: copy "
            "the calendar's address again and enter it here."
        )
    return (
        f"The calendar server at {server} answered with an error ({_status_words(status)}); "
        "nothing was changed and the next sync tries again."
    )


def _status_words(status: int) -> str:
    return "it is busy or down" if status >= 500 else "it did not accept the request"


def unreachable(server: str, error: BaseException) -> str:
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        reason = "the secure connection (TLS) failed"
    elif isinstance(error, ConnectionRefusedError):
        reason = "connection refused"
    elif isinstance(error, TimeoutError | socket.timeout):
        reason = "no answer"
    elif isinstance(error, socket.gaierror):
        reason = "its name is not known"
    else:
        reason = "the connection failed"
    return f"Could not reach the calendar server at {server} ({reason}); nothing was changed."


def gone(server: str) -> str:
    return (
        f"The calendar server at {server} closed the connection during the sync; nothing was "
        "changed and the next sync reads the calendar again."
    )


def fetch_caldav(
    account: CalDavAccount,
    *,
    start: dt.datetime,
    end: dt.datetime,
    loopback: bool,
    timeout: float = TIMEOUT,
) -> list[str]:
    """The iCalendar text of every event of the account's chosen calendars that has an
    occurrence between `start` and `end` (a series whole, to be expanded here)."""
    import caldav
    from caldav.lib import error as dav_error

    server = account.server
    try:
        client = caldav.DAVClient(
            url=account.url,
            username=account.username,
            password=account.password,
            timeout=int(timeout),
            require_tls=not loopback,
        )
        calendars = _chosen(client.principal().calendars(), account.calendars, server)
        texts: list[str] = []
        for calendar in calendars:
            found = calendar.search(event=True, start=start, end=end, expand=False)
            texts.extend(str(item.data) for item in found if item.data)
        return texts
    except CalendarFailure:
        raise
    except dav_error.AuthorizationError:
        raise CalendarFailure(
            f"The calendar server at {server} refused the user name or app password: check "
            "them, then enter the app password again."
        ) from None
    except dav_error.NotFoundError:
        raise CalendarFailure(
            f"The calendar server at {server} has no calendars at this address: check the "
            "address (your calendar home, such as https://cloud.example.org/remote.php/dav)."
        ) from None
    except dav_error.DAVError:
        raise CalendarFailure(
            f"The calendar server at {server} answered with an error; nothing was changed and "
            "the next sync tries again."
        ) from None
    except (OSError, ValueError) as error:
        raise CalendarFailure(unreachable(server, error)) from None
    except Exception as error:  # the HTTP library's own (connection reset, refused, timeout)
        if _is_connection_error(error):
            raise CalendarFailure(_connection_words(server, error)) from None
        raise


def _chosen(calendars: list[Any], names: tuple[str, ...], server: str) -> list[Any]:
    if not names:
        return list(calendars)
    wanted = {name.casefold() for name in names}
    chosen = [c for c in calendars if _names_of(c) & wanted]
    if not chosen:
        known = ", ".join(sorted(n for c in calendars for n in _names_of(c))) or "none"
        raise CalendarFailure(
            f"The calendar server at {server} has no calendar named "
            f"{', '.join(names)}; its calendars are: {known}."
        )
    return chosen


def _names_of(calendar: Any) -> set[str]:
    names = {str(calendar.url).rstrip("/").rpartition("/")[2].casefold()}
    display = calendar.get_display_name()
    if display:
        names.add(str(display).casefold())
    return names


def _is_connection_error(error: BaseException) -> bool:
    from niquests import exceptions

    return isinstance(error, exceptions.RequestException)


def _connection_words(server: str, error: BaseException) -> str:
    from niquests import exceptions

    if isinstance(error, exceptions.Timeout):
        return unreachable(server, TimeoutError())
    if isinstance(error, exceptions.ConnectionError) and "refused" in str(error).lower():
        return unreachable(server, ConnectionRefusedError())
    if isinstance(error, exceptions.SSLError):
        return unreachable(server, ssl.SSLError())
    if isinstance(error, exceptions.ChunkedEncodingError | exceptions.ConnectionError):
        return gone(server)
    return unreachable(server, error)
