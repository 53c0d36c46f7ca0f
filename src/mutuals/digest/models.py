"""One row per user and day a digest was claimed for: what makes a digest go out once.

A worker claims (owner, day) in a transaction before it sends: the unique constraint and a
conditional update let exactly one worker win, however many run. A send that fails is marked
failed with the reason in words and released, so the next run claims and sends it again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DigestSent(models.Model):
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    STATUSES = [(CLAIMED, "being sent"), (SENT, "sent"), (FAILED, "failed, to retry")]

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent"
    )
    day = models.DateField(help_text="The local day whose plan the digest carries.")
    status = models.CharField(max_length=10, choices=STATUSES)
    claim = models.CharField(
        max_length=32, help_text="The token of the worker that holds or held the claim."
    )
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(
        max_length=300, blank=True, help_text="Why the last try failed, in words; no personal data."
    )
    items = models.PositiveSmallIntegerField(default=0, help_text="Actions the digest listed.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "day"], name="one_digest_per_owner_and_day")
        ]

    def __str__(self) -> str:
        return f"digest of user {self.owner_id} for {self.day:%Y-%m-%d}: {self.status}"
