"""A draft sent to a coach for review (`DraftReview`) and what is said about it (`DraftComment`).

A comment with a span (`start`, `end`: character offsets into the review's current text) is a
coach's remark on a passage, maybe with replacement wording (`suggestion`); the client accepts
it (the suggestion is applied and every other span moved, `core.draft_edits`) or ignores it. A
comment without a span is a message in the review's thread, from either side. A comment whose
passage an accepted suggestion changed is *outdated*.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

TEXT_MAX = 20_000  # as outreach.selectors.MESSAGE_MAX: any draft the review accepts
COMMENT_MAX = 2_000
SUBJECT_MAX = 300


class DraftReview(models.Model):
    OPEN = "open"
    CLOSED = "closed"
    STATE_CHOICES = [(OPEN, "open"), (CLOSED, "closed")]

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="draft_reviews"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts_to_review"
    )
    subject = models.CharField(max_length=SUBJECT_MAX, blank=True)
    text = models.TextField()
    # Who the message is for: only their name is shown to the coach (drafts need plan level).
    recipient = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purpose = models.CharField(max_length=20, blank=True)
    state = models.CharField(max_length=10, choices=STATE_CHOICES, default=OPEN)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["client", "-created_at"], name="draftreview_client"),
            models.Index(fields=["coach", "-created_at"], name="draftreview_coach"),
        ]

    def __str__(self) -> str:
        return f"draft review {self.pk} ({self.state})"


class DraftComment(models.Model):
    OPEN = "open"
    ACCEPTED = "accepted"
    IGNORED = "ignored"
    OUTDATED = "outdated"
    STATE_CHOICES = [
        (OPEN, "open"),
        (ACCEPTED, "accepted"),
        (IGNORED, "ignored"),
        (OUTDATED, "outdated"),
    ]
    COACH = "coach"
    CLIENT = "client"
    AUTHOR_CHOICES = [(COACH, "the coach"), (CLIENT, "the client")]

    review = models.ForeignKey(DraftReview, on_delete=models.CASCADE, related_name="comments")
    author = models.CharField(max_length=10, choices=AUTHOR_CHOICES)
    # Null for a message in the thread; else the passage text[start:end] of the current text.
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(blank=True)  # the passage as it read when the comment was made
    comment = models.TextField()
    suggestion = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=STATE_CHOICES, default=OPEN)
    created_at = models.DateTimeField()
    # What accepting this comment changed, to undo it: the text and every comment's span and
    # state before, and the text after (the undo holds only while the text still reads so).
    undo = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__isnull=True, end__isnull=True)
                | models.Q(start__isnull=False, end__isnull=False, start__lte=models.F("end")),
                name="draftcomment_span_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"draft comment {self.pk} ({self.state})"

    @property
    def on_span(self) -> bool:
        return self.start is not None and self.end is not None
