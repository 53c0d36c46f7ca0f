"""The key an imported record is known by in its source, so importing it again finds it again.

A record's own identifier wins when it has one: a vCard `UID` (or our own CSV export's `ID`),
or a LinkedIn profile (the same key for a connection and an invitation, so both files of one
export agree). Without one, the key is a fingerprint of what identifies the row and does not
change between exports of the same source:
- a LinkedIn connection without a profile: the name and the day you connected (a later
  export may show a new employer; the connection date never changes);
- a LinkedIn invitation without a profile: the name and the day it was sent;
- one of your LinkedIn positions: the company, the title and the month it started;
- any other row: the display name, the name parts, organisation, emails, phones, profile and
  birthday, each normalised (case, accents and spacing folded; emails lower-cased; phones as
  digits), so re-saving the file in another program does not change it.
Keys are at most 100 characters: identifiers are hashed (SHA-256, 40 hex digits kept).
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse

from mutuals.core.formats.dedupe import normalize_email, normalize_phone
from mutuals.core.formats.records import Contact, Invitation
from mutuals.core.names import fold

_PROFILE = re.compile(r"linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)


def _digest(*parts: str) -> str:
    joined = "\x1f".join(parts)
    return hashlib.sha256(joined.encode("utf-8", errors="replace")).hexdigest()[:40]


def profile_key(url: str) -> str:
    """The profile's slug, percent-decoded and case-folded; "" when `url` names no profile."""
    found = _PROFILE.search(url)
    if found is None:
        return ""
    return urllib.parse.unquote(found.group(1)).casefold()


def uid_key(uid: str) -> str:
    """The key of a record's own identifier (a vCard UID), "" when it has none."""
    uid = uid.strip()
    return f"uid:{_digest(uid)}" if uid else ""


def _date(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else ""


def contact_key(contact: Contact, *, linkedin_connection: bool = False) -> str:
    """The key `contact` is known by in its source (see the module's rules)."""
    uid = uid_key(getattr(contact, "uid", ""))
    if uid:
        return uid
    profile = profile_key(contact.linkedin_url) if contact.linkedin_url else ""
    if profile:
        return f"profile:{_digest(profile)}"
    if linkedin_connection:
        name = fold(f"{contact.first_name} {contact.last_name}".strip() or contact.full_name)
        return f"connection:{_digest(name, _date(contact.connected_on))}"
    return f"row:{_digest(*_row_parts(contact))}"


def _row_parts(contact: Contact) -> tuple[str, ...]:
    emails = sorted({normalize_email(e.value) for e in contact.emails if e.value.strip()})
    phones = sorted({normalize_phone(p.value) or p.value.strip() for p in contact.phones})
    return (
        fold(contact.full_name),
        fold(contact.first_name),
        fold(contact.middle_name),
        fold(contact.last_name),
        fold(contact.organization),
        ",".join(emails),
        ",".join(phones),
        profile_key(contact.linkedin_url),
        _date(contact.birthday),
    )


def invitation_key(invitation: Invitation) -> str:
    """The key of the person an invitation names: their profile, else name and day."""
    profile = profile_key(invitation.profile_url) if invitation.profile_url else ""
    if profile:
        return f"profile:{_digest(profile)}"
    return f"invitation:{_digest(fold(invitation.name), invitation.sent_at.date().isoformat())}"


def position_key(company: str, title: str, started_on: object) -> str:
    """The key of one of your positions (LinkedIn's Positions.csv): the company, the title and
    the month it started, folded. The end is left out: it is empty while you work there and
    filled in by a later export, which must find the same position."""
    return f"position:{_digest(fold(company), fold(title), _date(started_on))}"
