"""Reads of assignments: the client's own (with whether their coach is still linked), and a
coach's, only for clients still linked with them (any level). A coach's reads record the look
for the client (coaching.access), like every read of a client's data by a coach."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, QuerySet

from mutuals.assignments.models import Assignment
from mutuals.coaching.access import client_for, clients_of, record_looks
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import Level

LOOK = "assignments"  # what a coach's look at them is called in the client's activity list


def user_name(user: AbstractBaseUser) -> str:
    """How a coach or a client is named on screens: their full name, else their user name."""
    full = getattr(user, "get_full_name", lambda: "")()
    return full or user.get_username()


def _still_linked() -> Exists:
    return Exists(
        CoachLink.objects.filter(
            coach_id=OuterRef("coach_id"), client_id=OuterRef("client_id"), state=CoachLink.ACTIVE
        )
    )


def of_client(*, owner: AbstractBaseUser, done: bool | None = None) -> QuerySet[Assignment]:
    """The client's assignments (never the cancelled ones): open first (soonest due, then the
    oldest), then done (latest first); `done` True or False keeps only those. Each carries
    `linked`: whether its coach is still linked with the client."""
    found = (
        Assignment.objects.filter(client=owner, cancelled_at__isnull=True)
        .select_related("coach")
        .annotate(linked=_still_linked())
    )
    if done is not None:
        found = found.filter(done_at__isnull=not done)
    return found.order_by("-done_at", "due_on", "set_on", "id")


def client_assignment(*, owner: AbstractBaseUser, assignment_id: int) -> Assignment:
    return of_client(owner=owner).get(pk=assignment_id)


def set_by(
    *, coach: AbstractBaseUser, client_id: int | None = None, include_cancelled: bool = False
) -> list[Assignment]:
    """The assignments `coach` set their currently linked clients (one client's with
    `client_id`: CoachLink.DoesNotExist unless linked), open first, then the latest set.
    Records one look per client shown ("assignments")."""
    if client_id is not None:
        linked = [client_for(coach=coach, client_id=client_id, needs=Level.PROGRESS, what=LOOK)]
    else:
        linked = clients_of(coach=coach)
    found = Assignment.objects.filter(
        coach=coach, client_id__in=[link.client.pk for link in linked]
    ).select_related("client")
    if not include_cancelled:
        found = found.filter(cancelled_at__isnull=True)
    rows = sorted(found, key=lambda a: (a.done_at is not None, -a.set_on.toordinal(), -a.pk))
    if client_id is None:
        record_looks(coach=coach, client_ids=sorted({a.client_id for a in rows}), what=LOOK)
    return rows


def coach_assignment(*, coach: AbstractBaseUser, assignment_id: int) -> Assignment:
    """One of the coach's assignments while its client is still linked, else DoesNotExist."""
    assignment = Assignment.objects.select_related("client").get(coach=coach, pk=assignment_id)
    client_for(coach=coach, client_id=assignment.client_id, needs=Level.PROGRESS, what=LOOK)
    return assignment
