"""Role addresses: mailboxes that belong to a job or a desk, not to one person.

An address such as info@, jobs@ or no-reply@ is read by whoever holds the role this year, so
two records sharing it prove nothing about being one person (RFC 2142 names some of these
mailboxes; the rest are what company contact pages commonly list, in several languages).
The local part is compared without case, `+tags`, dots, hyphens or underscores, so
`No-Reply`, `no_reply` and `noreply` are the same role.
"""

from __future__ import annotations

import re

_ROLES = """
accounting accounts admin administration administrator administracion all abuse
billing booking bookings buero bureau
career careers contact contactus contacto contacts customercare customerservice
desk donotreply
email empleo enquiries enquiry events everyone
family feedback finance frontdesk
general hello help helpdesk hi hiring hostmaster hq hr humanresources
info information inquiries inquiry invoice invoices it
job jobs kontakt
legal mail mailbox marketing media
news newsletter noreply notifications
office operations ops orders
partners partnerships people postmaster press privacy
reception recruiting recruitment reservations
sales secretariat secretary security service services staff studio support
talent team ventas webmaster welcome zentrale
"""

ROLE_MAILBOXES: frozenset[str] = frozenset(_ROLES.split())

_SEPARATORS = re.compile(r"[._\-]")


def is_role_address(email: str) -> bool:
    """True when the address's mailbox names a role (info@, jobs@, no-reply@...)."""
    local, at, _domain = email.strip().lower().rpartition("@")
    if not at:
        return False
    mailbox = _SEPARATORS.sub("", local.split("+", 1)[0])
    return mailbox in ROLE_MAILBOXES
