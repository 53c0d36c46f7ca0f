"""Imports (issue 5): what each import did, the likely duplicates waiting for review, and the
merges that can be undone."""

from __future__ import annotations

from django.conf import settings
from django.db import models

KIND_CHOICES = [
    ("linkedin", "LinkedIn export"),
    ("vcard", "vCard"),
    ("google", "Google Contacts CSV"),
    ("outlook", "Outlook CSV"),
    ("ics", "Calendar (.ics)"),
    ("csv", "CSV with a column mapping"),
]


class ImportRun(models.Model):
    """One import (or dry run) and its report, for the results page and the history."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    filename = models.CharField(max_length=255, blank=True)
    dry_run = models.BooleanField(default=False)
    rejected = models.BooleanField(default=False)
    report = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} import {self.pk}"


DUPLICATE_STATUS = [("open", "To review"), ("merged", "Merged"), ("apart", "Kept apart")]


class PossibleDuplicate(models.Model):
    """Two people who may be one (`core.formats.dedupe`), waiting for the user to decide."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    certainty = models.CharField(max_length=10, default="likely")
    reasons = models.CharField(max_length=300, blank=True)
    score = models.FloatField(default=0.0)
    status = models.CharField(max_length=10, choices=DUPLICATE_STATUS, default="open")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "person", "other"], name="duplicate_once"),
            models.CheckConstraint(
                condition=models.Q(person__lt=models.F("other")), name="duplicate_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ~ {self.other_id} ({self.status})"


class SourceRecord(models.Model):
    """Where an imported person came from: a file kind and the record's own key in it (a vCard
    UID, a LinkedIn profile, or a stable fingerprint of the row; see
    `core.formats.source_keys`). It is what makes a second import of the same file, or a later
    export of the same source, add nothing. `person` becomes null when you delete the person,
    so a re-import does not bring back someone you removed."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "key"], name="source_record_once")
        ]
        indexes = [models.Index(fields=["person"], name="source_record_person")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} -> {self.person_id}"


class Merge(models.Model):
    """`merged` was folded into `kept`; `snapshot` holds what undoing needs: the merged
    person's own fields and the ids of every record that moved to `kept`."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kept = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    merged_name = models.CharField(max_length=320)
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"merge {self.pk} into {self.kept_id}"
