"""Who knows whom among your people (issue 4): undirected edges, stored once per pair."""

from __future__ import annotations

from django.conf import settings
from django.db import models

SOURCE_CHOICES = [
    ("told", "They told me"),
    ("worked_together", "Worked together"),
    ("studied_together", "Studied together"),
    ("introduced_by", "Introduced by"),
    ("introduction", "An introduction"),
    ("import", "Imported"),
    ("other", "Other"),
]


class Knows(models.Model):
    """`person` knows `knows` (and the other way round): person_id < knows_id always."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    knows = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    strength = models.FloatField(default=0.5)
    source = models.CharField(max_length=20, choices=SOURCE_CHOICES, default="told")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-strength", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "person", "knows"], name="knows_once"),
            models.CheckConstraint(
                condition=models.Q(person__lt=models.F("knows")), name="knows_ordered_pair"
            ),
        ]
        indexes = [models.Index(fields=["owner", "knows"], name="knows_owner_knows")]

    def __str__(self) -> str:
        return f"{self.person_id} knows {self.knows_id}"


STATUS_CHOICES = [
    ("requested", "Requested"),
    ("asked", "Asked"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("made", "Made"),
    ("thanked", "Thanked"),
]


class Introduction(models.Model):
    """An introduction with double opt-in: `introducer` introduces `seeker` to `target`.

    A null introducer is you making the introduction (a give, on the ledger); a null seeker is
    you asking for one. Never both: someone else introducing two other people is not yours to
    track. Each status has the day it was reached, so the agenda can say how long things wait.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    introducer = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    seeker = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="requested")
    requested_on = models.DateField()
    asked_on = models.DateField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    declined_on = models.DateField(null=True, blank=True)
    made_on = models.DateField(null=True, blank=True)
    thanked_on = models.DateField(null=True, blank=True)
    followed_up_on = models.DateField(null=True, blank=True)
    # The ledger's side: the ask you made of the introducer, and what you received (or, for
    # one you made, the give to the seeker).
    ask = models.ForeignKey(
        "ledger.Ask", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    exchange = models.ForeignKey(
        "ledger.Exchange", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(introducer__isnull=False) | models.Q(seeker__isnull=False),
                name="introduction_involves_you",
            )
        ]
        indexes = [models.Index(fields=["owner", "status"], name="introduction_owner_status")]

    def __str__(self) -> str:
        return f"introduction {self.pk} ({self.status})"
