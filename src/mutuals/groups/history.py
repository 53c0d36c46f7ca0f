"""A group's members over time, as counts per day (`MemberLog`): who joined, left, started
and stopped pooling — how many, never who. Written when it happens (joining, pooling,
withdrawing, leaving, an account deleted), so the administrators' report keeps last month's
figures when members leave this month (`core.group_report`)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from mutuals.groups.models import Group, MemberLog, Membership

FIELDS = ("joined", "left", "started_pooling", "stopped_pooling")


def note(*, group_id: int, day: dt.date | None = None, **counts: int) -> None:
    """Add to the group's counts for the day (a row made when missing)."""
    assert set(counts) <= set(FIELDS), counts
    day = day or timezone.localdate()
    added = {name: F(name) + value for name, value in counts.items()}
    rows = MemberLog.objects.filter(group_id=group_id, day=day)
    if rows.update(**added):
        return
    try:
        with transaction.atomic():
            MemberLog.objects.create(group_id=group_id, day=day, **counts)
    except IntegrityError:  # made meanwhile
        rows.update(**added)


def note_scope_change(
    membership: Membership, before: str, after: str, *, day: dt.date | None = None
) -> None:
    """A member's pooling choice changed: starting or stopping counts, a change between two
    ways of pooling does not."""
    if (before == Membership.NONE) == (after == Membership.NONE):
        return
    if after == Membership.NONE:
        note(group_id=membership.group_id, day=day, stopped_pooling=1)
    else:
        note(group_id=membership.group_id, day=day, started_pooling=1)


def _left(membership: Membership) -> dict[str, int]:
    counts = {"left": 1}
    if membership.scope != Membership.NONE:
        counts["stopped_pooling"] = 1
    return counts


def note_left(membership: Membership, *, day: dt.date | None = None) -> None:
    """A member leaves (`services.leave`, before deleting the membership): one left, and one
    stopped pooling when they pooled. The deletion's signal then counts nothing more."""
    note(group_id=membership.group_id, day=day, **_left(membership))
    membership._left_noted = True  # type: ignore[attr-defined]


def membership_deleted(sender: object, instance: Membership, origin: object = None, **kw: object):  # type: ignore[no-untyped-def]
    """post_delete of a membership not deleted by `services.leave` (an account deleted, say):
    one left, and one stopped pooling when it pooled. Nothing when the group itself is being
    deleted."""
    if getattr(instance, "_left_noted", False):
        return
    if isinstance(origin, Group) or getattr(origin, "model", None) is Group:
        return
    note(group_id=instance.group_id, **_left(instance))
