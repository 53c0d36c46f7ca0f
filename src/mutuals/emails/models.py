"""E-mail history (issue 18): the headers of the messages an mbox import or an IMAP sync read
(never a body), where each came from, your own addresses, and the people you wrote with who
are not in your records yet.

Conversations are derived from the messages (`emails.services`), so the same messages give the
same conversations whichever source brought them first and in whatever order.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MyAddress(models.Model):
    """An address that is you, besides your account's e-mail: messages from it are yours."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["address"]
        constraints = [models.UniqueConstraint(fields=["owner", "address"], name="my_address_once")]

    def __str__(self) -> str:
        return self.address


class MailSource(models.Model):
    """Where messages came from: "mbox:<file name>", "imap:<connection>"."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="mail_source_once")]

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """One message's headers, once per owner whatever the number of sources that carried it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message_id = models.CharField(max_length=250)
    # What the headers link it to (References' first id, In-Reply-To), and the thread they make.
    root_hint = models.CharField(max_length=250, blank=True)
    reply_to = models.CharField(max_length=250, blank=True)
    thread = models.CharField(max_length=32)
    sent_at = models.DateTimeField()
    sender = models.CharField(max_length=254)
    from_me = models.BooleanField(default=False)
    recipient_count = models.PositiveIntegerField(default=0)
    subject = models.CharField(max_length=200, blank=True)
    sources = models.ManyToManyField(MailSource, related_name="messages")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "message_id"], name="mail_message_once")
        ]
        indexes = [
            models.Index(fields=["owner", "thread"], name="mail_message_thread"),
            models.Index(fields=["owner", "root_hint"], name="mail_message_root"),
            models.Index(fields=["owner", "reply_to"], name="mail_message_reply"),
        ]

    def __str__(self) -> str:
        return self.message_id


class Participant(models.Model):
    """An address on a message: its sender (`sent`) or one of its To/Cc recipients."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="participants")
    address = models.CharField(max_length=254)
    name = models.CharField(max_length=200, blank=True)
    sent = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["owner", "address"], name="mail_participant_address")]

    def __str__(self) -> str:
        return self.address


CORRESPONDENT_STATUS = [("open", "Offered"), ("added", "Added"), ("dismissed", "Dismissed")]


class Correspondent(models.Model):
    """Someone not in your records whom you wrote to and who wrote to you: offered as a new
    person (never created silently) once the counts are high enough (`core.mail.threads`)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=254)
    name = models.CharField(max_length=200, blank=True)
    sent = models.PositiveIntegerField(default=0)  # messages you sent them
    received = models.PositiveIntegerField(default=0)  # messages they sent you
    first_on = models.DateField(null=True, blank=True)
    last_on = models.DateField(null=True, blank=True)
    offered = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=CORRESPONDENT_STATUS, default="open")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received", "-sent", "address"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "address"], name="correspondent_once")
        ]
        indexes = [
            models.Index(fields=["owner", "offered", "status"], name="correspondent_offered")
        ]

    def __str__(self) -> str:
        return self.address


class MailImport(models.Model):
    """One mbox import (or dry run) and its report, for its page and the Import page's list."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255, blank=True)
    dry_run = models.BooleanField(default=False)
    rejected = models.BooleanField(default=False)
    report = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"mbox import {self.pk}"
