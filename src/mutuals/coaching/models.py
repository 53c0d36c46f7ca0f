"""Coaches and clients: a link exists only once the client accepts it, at the level the client
chooses (`core.coaching`); every time a coach opens a client's data it is recorded.

A `CoachLink` is *invited* (by the coach or the client, with a single-use code kept as its
SHA-256, expiring), then *active* once the client accepts, until either side ends it
(*ended*, effective at once). At most one invited or active link per coach and client. An
`AccessRecord` is one look by a coach at a client's data, which the client can read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mutuals.core.coaching import LEVEL_NAMES, LEVELS

LEVEL_CHOICES = [(level.value, LEVEL_NAMES[level]) for level in LEVELS]


class CoachLink(models.Model):
    INVITED = "invited"
    ACTIVE = "active"
    ENDED = "ended"
    STATE_CHOICES = [(INVITED, "invited"), (ACTIVE, "active"), (ENDED, "ended")]
    BY_CHOICES = [("coach", "the coach"), ("client", "the client")]

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_links"
    )
    # Null while a coach's invitation waits for someone to accept it.
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="client_links",
        null=True,
        blank=True,
    )
    level = models.CharField(max_length=10, choices=LEVEL_CHOICES, default="progress")
    state = models.CharField(max_length=10, choices=STATE_CHOICES, default=INVITED)
    invited_by = models.CharField(max_length=10, choices=BY_CHOICES)
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["coach", "state"], name="coachlink_coach_state"),
            models.Index(fields=["client", "state"], name="coachlink_client_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["coach", "client"],
                condition=models.Q(state__in=["invited", "active"]),
                name="coachlink_one_open_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"coach link {self.pk} ({self.state})"


class AccessRecord(models.Model):
    """A coach opened some of a client's data: who, what (in words) and when."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=200)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client", "-at"], name="accessrecord_client_at")]

    def __str__(self) -> str:
        return f"{self.what} at {self.at}"
