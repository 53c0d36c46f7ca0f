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
