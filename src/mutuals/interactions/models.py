"""Conversations and other interactions with one or more people."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mutuals.core.progress_words import LIVE_KINDS

KIND_CHOICES = [
    ("coffee", "Coffee"),
    ("call", "Call"),
    ("email", "Email"),
    ("message", "Message"),
    ("meeting", "Meeting"),
    ("event", "Event"),
    ("other", "Other"),
]
INITIATED_CHOICES = [("", "Not recorded"), ("me", "I reached out"), ("them", "They reached out")]


class Interaction(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    people = models.ManyToManyField("people.Person", related_name="interactions")
    occurred_on = models.DateField()
    summary = models.TextField()
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default="other")
    initiated_by = models.CharField(max_length=10, choices=INITIATED_CHOICES, blank=True)
    notes = models.TextField(blank=True)
    # Where an imported conversation came from ("linkedin:<conversation>:<day>", "ics:<uid>"),
    # so importing the same file again finds it instead of adding it twice.
    source_key = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["owner", "-occurred_on"], name="interaction_owner_date"),
            models.Index(fields=["owner", "source_key"], name="interaction_owner_source"),
            # The imported e-mails and messages, which are not meaningful conversations
            # (core.progress): progress and a coach's dashboard subtract them by day.
            models.Index(
                fields=["owner", "occurred_on"],
                condition=models.Q(source_key__gt="") & ~models.Q(kind__in=LIVE_KINDS),
                name="interaction_imported_written",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on}: {self.summary[:40]}"
