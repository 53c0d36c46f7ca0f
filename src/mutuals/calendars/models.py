"""The occurrences of subscribed calendars' meetings with your people (issue 18): one row per
event occurrence, known by the account, the event's UID and its recurrence id (core.calendars),
so syncing the same calendar again adds nothing, and a moved or cancelled occurrence is updated
or removed. Only occurrences with at least one of your people are kept. Once past, an
occurrence becomes a conversation (an interaction of kind meeting) once: `interaction` points
at it, and a later sync never writes it again (your words in it stay yours)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Occurrence(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey(
        "connections.Connection", on_delete=models.CASCADE, related_name="occurrences"
    )
    uid = models.CharField(max_length=255)
    recurrence_id = models.CharField(max_length=40, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    all_day = models.BooleanField(default=False)
    title = models.CharField(max_length=200, blank=True)
    people = models.ManyToManyField("people.Person", related_name="+")
    interaction = models.ForeignKey(
        "interactions.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "uid", "recurrence_id"], name="occurrence_once"
            )
        ]
        indexes = [models.Index(fields=["owner", "start"], name="occurrence_owner_start")]

    def __str__(self) -> str:
        return f"occurrence {self.pk} of connection {self.connection_id}"

    @property
    def source_key(self) -> str:
        """The conversation's source key (interactions.Interaction.source_key)."""
        return source_key(self.connection_id, self.uid, self.recurrence_id)


def source_key(connection_id: int, uid: str, recurrence_id: str) -> str:
    return f"calendar:{connection_id}:{uid}:{recurrence_id}"[:300]
