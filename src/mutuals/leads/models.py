"""Leads: opportunities heard of through people, their people and their timeline.

Stages and the moves between them are `core.leads`; a lead's `stage_on` is the day it entered
its stage, and every change is a `LeadEvent` on its timeline.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mutuals.core.lead_words import ROLE_WORDS, SOURCE_WORDS, STAGE_WORDS, STAGES

STAGE_CHOICES = [(stage, STAGE_WORDS[stage]) for stage in STAGES]
ROLE_CHOICES = list(ROLE_WORDS.items())
SOURCE_CHOICES = list(SOURCE_WORDS.items())
EVENT_CHOICES = [
    ("created", "created"),
    ("stage", "stage changed"),
    ("person", "person added"),
    ("person_removed", "person removed"),
    ("note", "note"),
]


class Lead(models.Model):
    """A role at an organisation, or only "they might be hiring" (an empty title)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    organization = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES, default="heard")
    stage_on = models.DateField()
    closed_reason = models.CharField(max_length=300, blank=True)
    # The interview's day, when known (set when moving to "interviewing"): the agenda prepares
    # you the day before.
    interview_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=SOURCE_CHOICES, default="hand")
    conversation = models.ForeignKey(
        "interactions.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    # The posting or the event as pasted, kept so the lead can be read again later.
    source_text = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-stage_on", "-id"]
        indexes = [models.Index(fields=["owner", "stage", "-stage_on"], name="lead_owner_stage")]

    def __str__(self) -> str:
        return self.title or "They might be hiring"


class LeadPerson(models.Model):
    """Someone behind a lead: who mentioned it, can help, referred you or interviews you."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="leads")
    role = models.CharField(max_length=20, choices=ROLE_CHOICES, default="mentioned")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["owner", "person"], name="leadperson_owner_person")]

    def __str__(self) -> str:
        return f"{self.role} on lead {self.lead_id}"


class LeadEvent(models.Model):
    """One line of a lead's timeline: created, moved, someone added or removed, a note."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EVENT_CHOICES)
    # The stage a "created" or "stage" line moved the lead to; "" on the other lines.
    stage = models.CharField(max_length=20, choices=[("", "none"), *STAGE_CHOICES], blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=500)
    occurred_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return self.text


class LeadNeed(models.Model):
    """An open need a lead serves (yours or one of your people's): ticked on the posting's
    page from what Match found, so the lead and the need point to each other."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="needs")
    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="leads")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["lead", "need"], name="leadneed_once"),
        ]
        indexes = [models.Index(fields=["owner", "need"], name="leadneed_owner_need")]

    def __str__(self) -> str:
        return f"lead {self.lead_id} serves need {self.need_id}"
