"""Events and communities: where new people are met.

An `Event` is one day somewhere (a meetup, an association meeting, a class, a volunteering day,
a conference); `EventPerson` says who was there and whether you first met them there. A
`Community` is what recurs (an association, a running club, a board, a class): who you know
there is everyone at its events, and when you last went is its latest past event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mutuals.core.events import COMMUNITY_KIND_WORDS, EVENT_KIND_WORDS

COMMUNITY_CHOICES = list(COMMUNITY_KIND_WORDS.items())
EVENT_CHOICES = list(EVENT_KIND_WORDS.items())


class Community(models.Model):
    """Something recurring you belong to: an association, a club, a board, a class."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=COMMUNITY_CHOICES, default="other")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "communities"
        indexes = [models.Index(fields=["owner", "name"], name="community_owner_name")]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """One day somewhere with people: who was there, and whom you first met there."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=EVENT_CHOICES, default="meetup")
    day = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    notes = models.TextField(blank=True)
    # Set on events made by a calendar import (the meeting's UID), so a re-import finds them.
    source_key = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["owner", "-day"], name="event_owner_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source_key"],
                condition=~models.Q(source_key=""),
                name="event_owner_source_key",
            )
        ]

    def __str__(self) -> str:
        return self.name


class EventPerson(models.Model):
    """Someone who was at an event; `met_here` when that is where you first met them."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="events")
    met_here = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="eventperson_event_person")
        ]
        indexes = [models.Index(fields=["owner", "person"], name="eventperson_owner_person")]

    def __str__(self) -> str:
        return f"person {self.person_id} at event {self.event_id}"
