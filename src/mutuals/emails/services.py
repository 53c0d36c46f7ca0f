"""Writes for e-mail history (issue 18): the surface other apps import, each part in the
module of its concept.

- `emails.recording`: `record_messages` keeps the headers an mbox import or an IMAP sync read,
  each message once per owner whichever source brought it; `forget_source` removes what only one
  source brought.
- `emails.conversations`: the conversations derived from the messages, one per thread and day
  (`rederive`, `relink`): the same messages give the same conversations in any order.
- `emails.correspondents`: people you wrote with, offered as people to add, never created
  (`add_correspondent`, `dismiss_correspondent`).
- `emails.addresses`: the addresses that are you, and reading everything again with them
  (`set_my_addresses`, `add_my_addresses`, `remove_my_address`, `rebuild`).
- `emails.report`: `MailReport`, what recording did in counts.
"""

from __future__ import annotations

from mutuals.emails.addresses import add_my_addresses, rebuild, remove_my_address, set_my_addresses
from mutuals.emails.conversations import relink
from mutuals.emails.correspondents import add_correspondent, dismiss_correspondent
from mutuals.emails.recording import Progress, forget_source, record_messages
from mutuals.emails.report import MailReport

__all__ = [
    "MailReport",
    "Progress",
    "add_correspondent",
    "add_my_addresses",
    "dismiss_correspondent",
    "forget_source",
    "rebuild",
    "record_messages",
    "relink",
    "remove_my_address",
    "set_my_addresses",
]
