"""Reads of drafts sent for review: the client's own, and (through the gate) a coach's.

A client reads only their own reviews. A coach reads a review only while the client's link to
them is active at plan level or above (`coaching.access.client_for`, which records the look);
the coach's list opens the gate once per client it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from mutuals.coaching.access import client_for, clients_of, coaches_of
from mutuals.coaching.models import CoachLink
from mutuals.core import outreach as outreach_core
from mutuals.core.coaching import Level, allows
from mutuals.core.outreach import Review
from mutuals.feedback.models import DraftComment, DraftReview
from mutuals.feedback.services import coach_review
from mutuals.outreach.selectors import review_message

LIST_WHAT = "drafts sent for review"


@dataclass(frozen=True)
class DraftCoaches:
    """Whom a client can send a draft to: their coaches at plan level or above, and whether
    they have coaches who are not (so a page can say how to send drafts to them)."""

    coaches: tuple[AbstractBaseUser, ...]
    below_plan: tuple[AbstractBaseUser, ...]


def draft_coaches(*, client: AbstractBaseUser) -> DraftCoaches:
    links = [link for link in coaches_of(client=client) if link.coach.is_active]
    return DraftCoaches(
        coaches=tuple(link.coach for link in links if allows(link.level, Level.PLAN)),
        below_plan=tuple(link.coach for link in links if not allows(link.level, Level.PLAN)),
    )


def coach_named(*, client: AbstractBaseUser, name: str) -> AbstractBaseUser | None:
    """One of the client's coaches (any level) by user name or full name, case ignored."""
    wanted = name.strip().casefold()
    for link in coaches_of(client=client):
        coach = link.coach
        names = {coach.get_username().casefold(), coach.get_full_name().strip().casefold()}
        if wanted in names:
            return coach
    return None


def reviews_for_client(*, client: AbstractBaseUser) -> QuerySet[DraftReview]:
    return DraftReview.objects.filter(client=client).select_related("coach", "recipient")


def review_for_client(*, client: AbstractBaseUser, review_id: int) -> DraftReview:
    """One of the client's reviews; DraftReview.DoesNotExist for anyone else's."""
    return DraftReview.objects.select_related("coach", "recipient").get(pk=review_id, client=client)


def comment_review_id(*, client: AbstractBaseUser, comment_id: int) -> int:
    """The review one of the client's comments belongs to; DraftComment.DoesNotExist else."""
    return int(
        DraftComment.objects.values_list("review_id", flat=True).get(
            pk=comment_id, review__client=client
        )
    )


def reviews_for_coach(*, coach: AbstractBaseUser) -> list[DraftReview]:
    """The drafts sent to `coach` by clients whose link still allows drafts (plan or above),
    newest first; each client shown is recorded once as a look at their drafts."""
    clients = [
        linked.client.pk for linked in clients_of(coach=coach) if allows(linked.level, Level.PLAN)
    ]
    reviews = list(
        DraftReview.objects.filter(coach=coach, client_id__in=clients).select_related(
            "client", "recipient"
        )
    )
    for client_id in sorted({review.client_id for review in reviews}):
        try:
            client_for(coach=coach, client_id=client_id, needs=Level.PLAN, what=LIST_WHAT)
        except CoachLink.DoesNotExist:  # ended between the two reads
            reviews = [review for review in reviews if review.client_id != client_id]
    return reviews


def review_for_coach(*, coach: AbstractBaseUser, review_id: int) -> DraftReview:
    """A draft sent to `coach`, through the gate; DraftReview.DoesNotExist otherwise."""
    return coach_review(coach=coach, review_id=review_id)


def thread(review: DraftReview) -> list[DraftComment]:
    """Every comment and message on the review, oldest first."""
    return list(review.comments.all())


def outreach_review(*, review: DraftReview, today: dt.date) -> Review:
    """The outreach coach's review of the draft's current text, for its client: with what
    mutuals knows of the recipient when there is one (never shown to the coach)."""
    try:
        found, _ = review_message(
            owner=review.client, text=review.text, today=today, person_id=review.recipient_id
        )
    except ValidationError:  # the draft became empty: nothing to review
        return outreach_core.review(review.text)
    return found


def open_count(*, client: AbstractBaseUser) -> int:
    """Comments waiting for the client to accept or ignore."""
    return DraftComment.objects.filter(
        review__client=client, state=DraftComment.OPEN, start__isnull=False
    ).count()
