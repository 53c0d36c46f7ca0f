"""Calendar accounts (issue 18): a CalDAV account (its address, user name, app password, and
which calendars: all by default) or an iCalendar address (a calendar's secret address, such as
Google's or Outlook's published one). Added and changed here; synced by services.sync, which
claims the account first as for a mail account (one sync per account at a time).

A calendar sync, in words: read everything first (calendar_fetch.py: the events with an
occurrence inside the window of core.calendars, 400 days back to 60 days ahead), expand it
(core.calendars), then record it in one transaction while the claim is still ours
(calendars.services.record). A failure before that (a refused password, a server gone
mid-read, a calendar too large) changes nothing, and the next sync reads it all again; so
does a sync that runs twice: the occurrences are known by UID and recurrence id.

An iCalendar address is a credential (whoever has it reads the calendar): it is kept encrypted
like a password, and only its host is ever shown.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutuals.calendars import services as calendars
from mutuals.connections import calendar_fetch, credentials
from mutuals.connections.calendar_fetch import CalendarFailure
from mutuals.connections.models import CALDAV, ICS_URL, PLAIN, SSL, Connection
from mutuals.connections.services import NAME_MAX, ConnectionInvalid, _is_loopback
from mutuals.core import calendars as core
from mutuals.core.formats.records import FileRejected

URL_MAX = 500
CALENDARS_MAX = 20


def _address(url: str, field: str, *, schemes: tuple[str, ...]) -> urllib.parse.SplitResult:
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if (
        not url
        or len(url) > URL_MAX
        or any(c.isspace() for c in url)
        or parts.scheme.lower() not in schemes
        or not parts.hostname
    ):
        example = (
            "https://calendar.google.com/calendar/ical/…/basic.ics"
            if field == "address"
            else "https://cloud.example.org/remote.php/dav"
        )
        raise ConnectionInvalid(field, f"Enter the calendar's whole address, such as {example}.")
    if parts.username or parts.password:
        raise ConnectionInvalid(
            field, "Leave the user name and password out of the address: enter them below."
        )
    if parts.scheme.lower() == "http" and not _is_loopback(parts.hostname):
        raise ConnectionInvalid(
            field,
            "An address starting with http:// is read in the clear, so only from this "
            "computer (127.0.0.1): use its https:// address.",
        )
    return parts


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise ConnectionInvalid("name", f"Give the calendar a name of 1 to {NAME_MAX} characters.")
    return name


def _save(
    owner: AbstractBaseUser, name: str, kind: str, fields: dict[str, object]
) -> tuple[Connection, bool]:
    existing = Connection.objects.filter(owner=owner, name=name).first()
    with transaction.atomic():
        if existing is not None:
            if existing.kind != kind:
                raise ConnectionInvalid(
                    "name", f"You have an account named {name} already: choose another name."
                )
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.last_error = ""
            existing.save()
            return existing, False
        try:
            return Connection.objects.create(owner=owner, name=name, kind=kind, **fields), True
        except IntegrityError:
            raise ConnectionInvalid("name", f"You have an account named {name} already.") from None


def connect_caldav(
    *,
    owner: AbstractBaseUser,
    name: str,
    url: str,
    username: str,
    password: str | None,
    calendars: list[str] | None = None,
) -> tuple[Connection, bool]:
    """Add a CalDAV account, or change the one of that name; the account and whether it is new.
    The app password is kept encrypted; an empty one keeps the stored one."""
    name = _name(name)
    parts = _address(url, "url", schemes=("https", "http"))
    username = username.strip()
    if not username or len(username) > 255:
        raise ConnectionInvalid("username", "Enter the user name you sign in to the server with.")
    chosen = [c.strip() for c in (calendars or []) if c.strip()]
    if len(chosen) > CALENDARS_MAX or any(len(c) > 255 for c in chosen):
        raise ConnectionInvalid("calendars", f"Choose at most {CALENDARS_MAX} calendars by name.")
    existing = Connection.objects.filter(owner=owner, name=name).first()
    if not password and existing is None:
        raise ConnectionInvalid("password", "Enter the account's app password.")
    fields: dict[str, object] = {
        "url": url.strip(),
        "host": parts.hostname or "",
        "port": parts.port or (443 if parts.scheme.lower() == "https" else 80),
        "username": username,
        "security": SSL if parts.scheme.lower() == "https" else PLAIN,
        "calendars": list(dict.fromkeys(chosen)),
    }
    if password:
        fields["secret"] = credentials.seal(password)
    return _save(owner, name, CALDAV, fields)


def connect_ics_url(
    *, owner: AbstractBaseUser, name: str, address: str | None
) -> tuple[Connection, bool]:
    """Add an iCalendar address (kept encrypted: it is a credential), or change the one of
    that name; an empty address keeps the stored one."""
    name = _name(name)
    existing = Connection.objects.filter(owner=owner, name=name).first()
    if not address:
        if existing is None:
            raise ConnectionInvalid("address", "Enter the calendar's secret address.")
        return _save(owner, name, ICS_URL, {})
    parts = _address(address, "address", schemes=("https", "http", "webcal"))
    scheme = parts.scheme.lower()
    fields: dict[str, object] = {
        "url": "",
        "host": parts.hostname or "",
        "port": parts.port or (80 if scheme == "http" else 443),
        "username": "",
        "security": PLAIN if scheme == "http" else SSL,
        "secret": credentials.seal(address.strip()),
    }
    return _save(owner, name, ICS_URL, fields)


def shown_address(connection: Connection) -> str:
    """What may be shown of the account's address: a CalDAV account's whole; an iCalendar
    address's scheme and host only (the rest is its secret)."""
    if connection.kind == CALDAV:
        return connection.url
    scheme = "http" if connection.security == PLAIN else "https"
    port = "" if connection.port in (80, 443) else f":{connection.port}"
    return f"{scheme}://{connection.host}{port}/…"


def read(
    *,
    owner: AbstractBaseUser,
    connection: Connection,
    token: str,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Read the account's calendars and record them (module docstring); the counts.
    CalendarFailure in words when it could not; credentials.SecretUnreadable when its password
    or address can no longer be decrypted."""
    now = now or timezone.now()
    since, until = core.window(now)
    secret = credentials.reveal(connection.secret)
    if connection.kind == CALDAV:
        texts: list[str | bytes] = list(
            calendar_fetch.fetch_caldav(
                calendar_fetch.CalDavAccount(
                    url=connection.url,
                    username=connection.username,
                    password=secret,
                    calendars=tuple(connection.calendars or ()),
                ),
                start=since,
                end=until,
                loopback=_is_loopback(connection.host),
            )
        )
    else:
        texts = [calendar_fetch.fetch_ics(secret)]
    server = connection.host
    try:
        expanded = core.expand(texts, now=now)
    except FileRejected:
        raise CalendarFailure(
            f"What the server at {server} sent is not a calendar: check the address (it "
            "should give an .ics file). Nothing was changed."
        ) from None
    except core.TooManyOccurrences:
        raise CalendarFailure(
            f"The calendar at {server} holds more than {core.MAX_OCCURRENCES:,} meetings in "
            "the last 400 days and the next 60, more than mutuals reads: subscribe to a "
            "smaller calendar. Nothing was changed."
        ) from None
    with transaction.atomic():
        held = Connection.objects.filter(pk=connection.pk, sync_claim=token).update(
            sync_started_at=timezone.now()
        )
        if not held:
            raise CalendarFailure(f"Another sync of {connection.name} took over; this one stopped.")
        counts = calendars.record(
            owner=owner,
            connection=connection,
            occurrences=expanded.occurrences,
            since=since,
            now=now,
        )
    counts["read"] = len(expanded.occurrences)
    if expanded.broken:
        counts["unreadable"] = expanded.broken
    return counts


def summary(name: str, added: dict[str, int]) -> str:
    """A calendar sync's outcome in words."""
    parts = [
        _plural(added.get("meetings", 0), "new meeting") + " with your people",
        _plural(added.get("conversations", 0), "new conversation"),
    ]
    if added.get("upcoming"):
        parts.append(f"{added['upcoming']} coming up")
    text = f"Synced {name}: {', '.join(parts)}."
    if added.get("unreadable"):
        count = added["unreadable"]
        text += (
            f" {_plural(count, 'event')} could not be read and "
            f"{'was' if count == 1 else 'were'} left out."
        )
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
