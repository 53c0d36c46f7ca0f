"""Plain-dict forms of a draft's review, shared by the JSON API and the CLI's --json.

{"id", "state", "subject", "text", "purpose", "created_at", "coach": {"id", "name"},
 "client": {"id", "name"}, "to": {"id", "name"} | null, "open_comments",
 "comments": [{"id", "author", "start", "end", "quote", "comment", "suggestion", "state",
               "created_at"}, ...]}

`start` and `end` are offsets into the current `text` (null for a message in the thread).
`to.id` is given to the client only; the coach sees the recipient's name.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from mutuals.feedback.models import DraftComment, DraftReview


def user_ref(user: AbstractBaseUser) -> dict[str, Any]:
    return {"id": user.pk, "name": user.get_full_name().strip() or user.get_username()}


def comment_to_dict(comment: DraftComment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author": comment.author,
        "start": comment.start,
        "end": comment.end,
        "quote": comment.quote,
        "comment": comment.comment,
        "suggestion": comment.suggestion,
        "state": comment.state,
        "created_at": comment.created_at.isoformat(),
    }


def review_to_dict(
    review: DraftReview, *, for_coach: bool = False, comments: bool = True
) -> dict[str, Any]:
    recipient = review.recipient
    to = None
    if recipient is not None:
        to = {"id": None if for_coach else recipient.pk, "name": recipient.full_name}
    found = list(review.comments.all()) if comments else []
    data: dict[str, Any] = {
        "id": review.pk,
        "state": review.state,
        "subject": review.subject,
        "text": review.text,
        "purpose": review.purpose,
        "created_at": review.created_at.isoformat(),
        "coach": user_ref(review.coach),
        "client": user_ref(review.client),
        "to": to,
    }
    if comments:
        data["open_comments"] = sum(1 for c in found if c.state == DraftComment.OPEN and c.on_span)
        data["comments"] = [comment_to_dict(c) for c in found]
    return data
