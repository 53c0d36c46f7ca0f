"""Writes for assignments. A coach sets and cancels them (only while linked with the client, at
any level); the client marks them done, with a note if they like, and can undo that. Nothing
else of the client's is written here.

Every write renews the client's records version (`changes.tracking.bump`): a coach's request
renews the coach's own, and the client's Today would otherwise keep showing a plan made
before the assignment existed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.assignments.models import Assignment
from mutuals.changes.tracking import bump
from mutuals.coaching.access import active_link, client_for
from mutuals.coaching.models import CoachLink
from mutuals.core.assignments import check, check_note, due_for, fold_spaces, template_for
from mutuals.core.coaching import Level


def _renew_plan_of(client_id: int) -> None:
    transaction.on_commit(partial(bump, client_id))


def _prepared(
    *, template_key: str, title: str, details: str, due_on: dt.date | None, set_on: dt.date
) -> dict[str, object]:
    """The assignment's fields from a template and/or the coach's own words, checked."""
    template = None
    if template_key:
        template = template_for(template_key)
        if template is None:
            raise ValidationError(
                {"template": [f"There is no assignment template called “{template_key}”."]}
            )
    title = fold_spaces(title) or (template.title if template else "")
    details = details.strip() or (template.details if template else "")
    due_on = due_for(template, set_on, due_on)
    errors = check(title, details, due_on, set_on)
    if errors:
        raise ValidationError({field: [message] for field, message in errors.items()})
    return {
        "template_key": template_key,
        "title": title,
        "details": details,
        "due_on": due_on,
        "set_on": set_on,
    }


@transaction.atomic
def assign(
    *,
    coach: AbstractBaseUser,
    client_ids: Iterable[int],
    template_key: str = "",
    title: str = "",
    details: str = "",
    due_on: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Assignment]:
    """Set the same assignment to each client (all or none): from a template (`template_key`),
    the coach's own `title` and `details`, or a template with the coach's changes. Raises
    CoachLink.DoesNotExist unless every client has an active link with `coach` (any level),
    ValidationError for bad input; either way nothing is written."""
    fields = _prepared(
        template_key=template_key,
        title=title,
        details=details,
        due_on=due_on,
        set_on=today or timezone.localdate(),
    )
    ids = list(dict.fromkeys(client_ids))
    if not ids:
        raise ValidationError({"clients": ["Choose at least one client."]})
    clients = [
        client_for(coach=coach, client_id=client_id, needs=Level.PROGRESS, what="assignment").client
        for client_id in ids
    ]
    made = [Assignment.objects.create(client=client, coach=coach, **fields) for client in clients]
    for client in clients:
        _renew_plan_of(int(client.pk))
    return made


def _coach_owned(coach: AbstractBaseUser, assignment_id: int) -> Assignment:
    """The coach's assignment while still linked with its client, else DoesNotExist."""
    assignment = Assignment.objects.select_for_update().get(coach=coach, pk=assignment_id)
    if active_link(coach=coach, client_id=assignment.client_id) is None:
        raise CoachLink.DoesNotExist
    return assignment


@transaction.atomic
def cancel(*, coach: AbstractBaseUser, assignment_id: int) -> Assignment:
    """Take back an open assignment: it leaves the client's Today (`restore` undoes it)."""
    assignment = _coach_owned(coach, assignment_id)
    if assignment.done_at is not None:
        raise ValidationError("It is already done, so it stays: your client finished it.")
    if assignment.cancelled_at is None:
        assignment.cancelled_at = timezone.now()
        assignment.save(update_fields=["cancelled_at"])
        _renew_plan_of(assignment.client_id)
    return assignment


@transaction.atomic
def restore(*, coach: AbstractBaseUser, assignment_id: int) -> Assignment:
    """Undo `cancel`."""
    assignment = _coach_owned(coach, assignment_id)
    if assignment.cancelled_at is not None:
        assignment.cancelled_at = None
        assignment.save(update_fields=["cancelled_at"])
        _renew_plan_of(assignment.client_id)
    return assignment


def _client_owned(owner: AbstractBaseUser, assignment_id: int) -> Assignment:
    """The client's own assignment, not cancelled, else DoesNotExist."""
    return Assignment.objects.select_for_update().get(
        client=owner, pk=assignment_id, cancelled_at__isnull=True
    )


@transaction.atomic
def mark_done(
    *, owner: AbstractBaseUser, assignment_id: int, note: str = "", now: dt.datetime | None = None
) -> Assignment:
    """The client did it; `note` (optional) says how it went, for the coach. Marking it done
    again keeps the first time and replaces the note only when a new one is given."""
    note = note.strip()
    errors = check_note(note)
    if errors:
        raise ValidationError({field: [message] for field, message in errors.items()})
    assignment = _client_owned(owner, assignment_id)
    assignment.done_at = assignment.done_at or now or timezone.now()
    assignment.done_note = note or assignment.done_note
    assignment.save(update_fields=["done_at", "done_note"])
    return assignment


@transaction.atomic
def undo_done(*, owner: AbstractBaseUser, assignment_id: int) -> Assignment:
    """Not done after all: it comes back on Today (the note goes with it)."""
    assignment = _client_owned(owner, assignment_id)
    assignment.done_at = None
    assignment.done_note = ""
    assignment.save(update_fields=["done_at", "done_note"])
    return assignment
