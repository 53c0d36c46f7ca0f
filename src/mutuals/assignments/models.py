"""Assignments: exercises a coach sets a client (core.assignments has the templates and the
rules). The one thing, besides comments on drafts, a coach may write for a client.

An assignment is *open* until the client marks it done (`done_at`, with a note in their own
words if they like) or the coach cancels it (`cancelled_at`). It stays the client's after the
link ends: they may still finish it; the coach no longer sees it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mutuals.core.assignment_words import MAX_DETAILS, MAX_NOTE, MAX_TITLE


class Assignment(models.Model):
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments_set"
    )
    template_key = models.CharField(max_length=40, blank=True, default="")
    title = models.CharField(max_length=MAX_TITLE)
    details = models.TextField(max_length=MAX_DETAILS, blank=True, default="")
    set_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(max_length=MAX_NOTE, blank=True, default="")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-set_on", "-id"]
        indexes = [
            models.Index(fields=["client", "done_at"], name="assignment_client_done"),
            models.Index(fields=["coach", "-set_on"], name="assignment_coach_set"),
        ]

    def __str__(self) -> str:
        return f"assignment {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None
