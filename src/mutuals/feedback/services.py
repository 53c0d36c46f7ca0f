"""Every write to a draft's review: send it, comment, reply, accept or ignore a comment, close.

The client sends a draft to one coach linked at plan level or above (`send_for_review`). The
coach may only comment on it and write in its thread, and every such write passes the gate
(`coaching.access.client_for`, level plan): a coach whose link ended, or was lowered below
plan, can no longer reach the draft at all (DraftReview.DoesNotExist, a 404 everywhere). Only
the client changes the draft's text, by accepting a suggestion (`accept`): the other comments'
passages move with the change (`core.draft_edits`), and those the change touched are outdated.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.coaching.access import client_for
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import Level, allows
from mutuals.core.draft_edits import Span, apply_change, find_passage, span_error
from mutuals.feedback.models import (
    COMMENT_MAX,
    SUBJECT_MAX,
    TEXT_MAX,
    DraftComment,
    DraftReview,
)
from mutuals.people.models import Person
from mutuals.people.selectors import get_person

NOT_LINKED = "That coach is not linked with you: choose one of your coaches."
RAISE_TO_PLAN = "Raise this coach to Plan to send drafts."
EMPTY_TEXT = "Write or paste the draft to send."
TOO_LONG = f"That draft is too long; keep it under {TEXT_MAX:,} characters."
SUBJECT_TOO_LONG = f"Keep the subject under {SUBJECT_MAX} characters."
NOT_YOURS = "That person is not in your network."
EMPTY_COMMENT = "Write what you want to say."
COMMENT_TOO_LONG = f"Keep it under {COMMENT_MAX:,} characters."
CLOSED = "This review is closed: nothing more can be added to it."
NO_PASSAGE = "That passage is not in the draft: copy the exact words you want to comment on."
NOT_OPEN = "That comment was already {state}."
NO_SPAN = "That is a message in the thread, not a comment on a passage."
NOT_ACCEPTED = "That comment is not accepted: there is nothing to undo."
CHANGED_SINCE = "The draft changed after that: undo the later change first."


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def plan_link(*, client: AbstractBaseUser, coach_id: int) -> CoachLink:
    """The client's active link with this coach, when it is at plan level or above; else a
    ValidationError on `coach` that says what to do."""
    link = CoachLink.objects.filter(
        client=client, coach_id=coach_id, state=CoachLink.ACTIVE, coach__is_active=True
    ).first()
    if link is None:
        raise ValidationError({"coach": [NOT_LINKED]})
    if not allows(link.level, Level.PLAN):
        raise ValidationError({"coach": [RAISE_TO_PLAN]})
    return link


@transaction.atomic
def send_for_review(
    *,
    client: AbstractBaseUser,
    coach_id: int,
    text: str,
    subject: str = "",
    purpose: str = "",
    recipient_id: int | None = None,
    now: dt.datetime | None = None,
) -> DraftReview:
    """Send a draft to one of the client's coaches, linked at plan level or above."""
    text = text.replace("\r\n", "\n")  # as a page shows it: offsets then agree everywhere
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [EMPTY_TEXT]
    elif len(text) > TEXT_MAX:
        errors["text"] = [TOO_LONG]
    if len(subject) > SUBJECT_MAX:
        errors["subject"] = [SUBJECT_TOO_LONG]
    recipient = None
    if recipient_id is not None:
        try:
            recipient = get_person(owner=client, person_id=recipient_id)
        except Person.DoesNotExist:
            errors["to"] = [NOT_YOURS]
    try:
        link = plan_link(client=client, coach_id=coach_id)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return DraftReview.objects.create(
        client=client,
        coach_id=link.coach_id,
        subject=subject.strip(),
        text=text,
        recipient=recipient,
        purpose=purpose[:20],
        created_at=_now(now),
    )


def coach_review(*, coach: AbstractBaseUser, review_id: int, what: str = "") -> DraftReview:
    """A draft sent to `coach`, through the gate (plan level; the look is recorded as "draft
    N"); DraftReview.DoesNotExist when it is not theirs or the link no longer allows it."""
    review = DraftReview.objects.select_related("recipient").get(pk=review_id, coach=coach)
    try:
        client_for(
            coach=coach,
            client_id=review.client_id,
            needs=Level.PLAN,
            what=what or f"draft {review.pk}",
        )
    except CoachLink.DoesNotExist:
        raise DraftReview.DoesNotExist from None
    return review


def _check_words(words: str, field: str) -> str:
    if not words.strip():
        raise ValidationError({field: [EMPTY_COMMENT]})
    if len(words) > COMMENT_MAX:
        raise ValidationError({field: [COMMENT_TOO_LONG]})
    return words.strip()


def _open(review: DraftReview) -> None:
    if review.state != DraftReview.OPEN:
        raise ValidationError({"__all__": [CLOSED]})


@transaction.atomic
def comment(
    *,
    coach: AbstractBaseUser,
    review_id: int,
    start: int,
    end: int,
    comment: str,
    suggestion: str = "",
    now: dt.datetime | None = None,
) -> DraftComment:
    """The coach's comment on the passage text[start:end], maybe with wording to replace it."""
    review = coach_review(coach=coach, review_id=review_id)
    return _add_comment(review, Span(start, end), comment, suggestion, now)


@transaction.atomic
def comment_on_passage(
    *,
    coach: AbstractBaseUser,
    review_id: int,
    passage: str,
    comment: str,
    suggestion: str = "",
    now: dt.datetime | None = None,
) -> DraftComment:
    """`comment` on the first place the draft says `passage` (the no-JavaScript way, and the
    CLI's --on)."""
    review = coach_review(coach=coach, review_id=review_id)
    span = find_passage(review.text, passage)
    if span is None:
        _open(review)
        raise ValidationError({"passage": [NO_PASSAGE]})
    return _add_comment(review, span, comment, suggestion, now)


def _add_comment(
    review: DraftReview, span: Span, words: str, suggestion: str, now: dt.datetime | None
) -> DraftComment:
    _open(review)
    words = _check_words(words, "comment")
    if len(suggestion) > COMMENT_MAX:
        raise ValidationError({"suggestion": [COMMENT_TOO_LONG]})
    error = span_error(len(review.text), span.start, span.end)
    if error:
        raise ValidationError({"start": [error]})
    return DraftComment.objects.create(
        review=review,
        author=DraftComment.COACH,
        start=span.start,
        end=span.end,
        quote=review.text[span.start : span.end],
        comment=words,
        suggestion=suggestion,
        created_at=_now(now),
    )


@transaction.atomic
def reply(
    *, user: AbstractBaseUser, review_id: int, text: str, now: dt.datetime | None = None
) -> DraftComment:
    """A message in the review's thread, from its client or (through the gate) its coach."""
    review = DraftReview.objects.filter(pk=review_id, client=user).first()
    author = DraftComment.CLIENT
    if review is None:
        review = coach_review(coach=user, review_id=review_id)
        author = DraftComment.COACH
    _open(review)
    return DraftComment.objects.create(
        review=review,
        author=author,
        comment=_check_words(text, "text"),
        created_at=_now(now),
    )


def _client_comment(client: AbstractBaseUser, comment_id: int) -> DraftComment:
    found = (
        DraftComment.objects.select_for_update()
        .select_related("review")
        .get(pk=comment_id, review__client=client)
    )
    if not found.on_span:
        raise ValidationError({"__all__": [NO_SPAN]})
    if found.state != DraftComment.OPEN:
        raise ValidationError({"__all__": [NOT_OPEN.format(state=found.state)]})
    _open(found.review)
    return found


@transaction.atomic
def accept(*, client: AbstractBaseUser, comment_id: int) -> DraftComment:
    """Accept a coach's comment: its suggestion (if any) replaces its passage in the draft, and
    every other comment's passage moves with the text; those the change touched are outdated."""
    chosen = _client_comment(client, comment_id)
    review = chosen.review
    if chosen.suggestion:
        others = list(
            DraftComment.objects.select_for_update()
            .filter(review=review, start__isnull=False)
            .exclude(pk=chosen.pk)
            .order_by("id")
        )
        assert chosen.start is not None
        assert chosen.end is not None
        before = {
            "text": review.text,
            "comments": {str(c.pk): [c.start, c.end, c.state] for c in [chosen, *others]},
        }
        applied = apply_change(
            review.text,
            Span(chosen.start, chosen.end),
            chosen.suggestion,
            [Span(c.start, c.end) for c in others if c.start is not None and c.end is not None],
        )
        for index, (other, span) in enumerate(zip(others, applied.spans, strict=True)):
            other.start, other.end = span.start, span.end
            if index in applied.outdated and other.state == DraftComment.OPEN:
                other.state = DraftComment.OUTDATED
        DraftComment.objects.bulk_update(others, ["start", "end", "state"])
        review.text = applied.text
        review.save(update_fields=["text"])
        chosen.end = chosen.start + len(chosen.suggestion)
        chosen.undo = {"before": before, "after_text": applied.text}
    chosen.state = DraftComment.ACCEPTED
    chosen.save(update_fields=["state", "end", "undo"])
    return chosen


@transaction.atomic
def undo_accept(*, client: AbstractBaseUser, comment_id: int) -> DraftComment:
    """Take back an accepted comment: the draft's text and every comment's passage and state
    as they were before, while no later change touched the text (else a ValidationError)."""
    chosen = (
        DraftComment.objects.select_for_update()
        .select_related("review")
        .get(pk=comment_id, review__client=client)
    )
    review = chosen.review
    _open(review)
    if chosen.state != DraftComment.ACCEPTED:
        raise ValidationError({"__all__": [NOT_ACCEPTED]})
    if chosen.undo is not None:
        if review.text != chosen.undo["after_text"]:
            raise ValidationError({"__all__": [CHANGED_SINCE]})
        spans = chosen.undo["before"]["comments"]
        found = list(
            DraftComment.objects.select_for_update().filter(pk__in=[int(key) for key in spans])
        )
        for comment in found:
            comment.start, comment.end, comment.state = spans[str(comment.pk)]
        DraftComment.objects.bulk_update(found, ["start", "end", "state"])
        review.text = chosen.undo["before"]["text"]
        review.save(update_fields=["text"])
        chosen.refresh_from_db()
    chosen.state = DraftComment.OPEN
    chosen.undo = None
    chosen.save(update_fields=["state", "undo"])
    return chosen


@transaction.atomic
def ignore(*, client: AbstractBaseUser, comment_id: int) -> DraftComment:
    """Leave a coach's comment aside: the draft stays as it is."""
    chosen = _client_comment(client, comment_id)
    chosen.state = DraftComment.IGNORED
    chosen.save(update_fields=["state"])
    return chosen


@transaction.atomic
def close(*, client: AbstractBaseUser, review_id: int) -> DraftReview:
    """Close the review (the client's): nothing more can be added; it stays readable."""
    review = DraftReview.objects.select_for_update().get(pk=review_id, client=client)
    review.state = DraftReview.CLOSED
    review.save(update_fields=["state"])
    return review


@transaction.atomic
def reopen(*, client: AbstractBaseUser, review_id: int) -> DraftReview:
    """Undo `close`."""
    review = DraftReview.objects.select_for_update().get(pk=review_id, client=client)
    review.state = DraftReview.OPEN
    review.save(update_fields=["state"])
    return review
