"""Mail accounts mutuals reads conversations from (issue 18): an IMAP account, its encrypted
password, where each folder's sync reached, and what the last sync did.

A sync reads each folder's messages by UID, in batches; each batch is recorded in one
transaction together with the UID it reached (`FolderState.last_uid`), so a sync that stops
half-way (the server went away, the machine stopped) goes on from there next time. A folder
whose UIDVALIDITY changed is read again from the start: messages are known by their
Message-ID, so reading them again adds nothing.

One sync per account at a time, whatever the number of workers: a sync first claims the
account with a conditional update (`sync_claim`), which exactly one worker wins.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

IMAP = "imap"
CALDAV = "caldav"
ICS_URL = "ics-url"
KIND_CHOICES = [
    (IMAP, "IMAP mail account"),
    (CALDAV, "CalDAV calendar account"),
    (ICS_URL, "iCalendar address"),
]
CALENDAR_KINDS = frozenset({CALDAV, ICS_URL})

SSL = "ssl"
STARTTLS = "starttls"
PLAIN = "plain"
SECURITY_CHOICES = [
    (SSL, "TLS from the start (port 993)"),
    (STARTTLS, "STARTTLS (port 143)"),
    (PLAIN, "no encryption, on this computer only"),
]


class Connection(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default=IMAP)
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField()
    username = models.CharField(max_length=255)
    security = models.CharField(max_length=10, choices=SECURITY_CHOICES, default=SSL)
    sent_folder = models.CharField(
        max_length=255, blank=True, help_text="The sent folder's name, when the server marks none."
    )
    # A CalDAV account's address (its calendar home, or the server's); empty for the others.
    # An iCalendar address is a credential (a secret address): it is kept in `secret`.
    url = models.CharField(max_length=500, blank=True)
    # The CalDAV calendars to read, by name; empty: all of them.
    calendars = models.JSONField(default=list, blank=True)
    # The password (or a calendar's secret address) as a Fernet token under a key derived from
    # the install's secret key (connections/credentials.py); never shown, logged, exported or
    # backed up.
    secret = models.TextField(editable=False)
    paused = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last sync: when, what it added (counts), and why it failed, in words.
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_added = models.JSONField(default=dict, blank=True)
    last_error = models.CharField(max_length=400, blank=True)
    # The claim that lets one sync at a time run: a token and when it was taken.
    sync_claim = models.CharField(max_length=32, blank=True, editable=False)
    sync_started_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="connection_name_once")
        ]

    def __str__(self) -> str:
        return f"connection {self.pk} ({self.kind})"

    @property
    def source(self) -> str:
        """The source the recorded messages are kept under (emails.services)."""
        return f"imap:{self.pk}"

    @property
    def is_calendar(self) -> bool:
        return self.kind in CALENDAR_KINDS


class FolderState(models.Model):
    """Where the sync of one folder (the inbox, or the sent folder) reached."""

    INBOX = "inbox"
    SENT = "sent"
    ROLES = [(INBOX, "inbox"), (SENT, "sent")]

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="folders")
    role = models.CharField(max_length=10, choices=ROLES)
    folder = models.CharField(max_length=255)
    uidvalidity = models.BigIntegerField()
    last_uid = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "role"], name="folder_state_once")
        ]

    def __str__(self) -> str:
        return f"{self.role} of connection {self.connection_id}: UID {self.last_uid}"
