"""Needs: what a contact needs, or what you need (PRODUCT.md, P2: write it down, review it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

KIND_CHOICES = [
    ("introduction", "Introduction"),
    ("advice", "Advice"),
    ("information", "Information"),
    ("job_lead", "Job lead"),
    ("referral", "Referral"),
    ("hire", "Hire"),
    ("other", "Other"),
]
# Which side the person is on (core.matching.direction): a job posting is a thing to forward to
# someone looking, and a lead for you from someone hiring.
DIRECTION_CHOICES = [
    ("looking", "Looking for"),
    ("offering", "Hiring or offering"),
]
STATUS_CHOICES = [
    ("open", "Open"),
    ("helped", "Helped"),
    ("done", "Done"),
    ("dropped", "Dropped"),
]


class Need(models.Model):
    """A need of one of your people, or yours when `person` is null (your asks plan)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="needs"
    )
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default="other")
    direction = models.CharField(max_length=10, choices=DIRECTION_CHOICES, default="looking")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="open")
    noted_on = models.DateField()
    reviewed_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    helped_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who helped; empty with status 'helped' means you did.",
    )
    outcome = models.TextField(blank=True)
    search_terms = models.TextField(
        blank=True,
        default="",
        editable=False,
        help_text="The text's matching terms as full-text tokens (mutuals.needs.fulltext).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["noted_on", "id"]
        indexes = [
            models.Index(fields=["owner", "status", "noted_on"], name="need_owner_status"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_mine(self) -> bool:
        return self.person_id is None
