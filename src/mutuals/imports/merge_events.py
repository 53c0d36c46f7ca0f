"""A merge's events: the merged person's attendance becomes the kept person's, and back on undo.

An event both were at keeps one row, the kept person's, "first met here" if either was; the
merged person's row is kept whole in the snapshot (`events_shared`, with the kept row's own
`met_here` before, `events_met_here_set`) so undo recreates it as it was. Merges made before
events existed have none of these keys and undo as before.
"""

from __future__ import annotations

from typing import Any

from mutuals.events.models import Event, EventPerson
from mutuals.people.models import Person

MOVED = "events.eventperson.person"


def move_attendance(kept: Person, gone: Person, snapshot: dict[str, Any]) -> None:
    """Give the merged person's attendance to the kept person, noting it in `snapshot`."""
    owned = EventPerson.objects.filter(owner_id=kept.owner_id)
    kept_rows = {row.event_id: row for row in owned.filter(person=kept)}
    moved: list[int] = []
    shared: list[dict[str, Any]] = []
    met_here_set: list[int] = []
    for row in owned.filter(person=gone).order_by("id"):
        mine = kept_rows.get(row.event_id)
        if mine is None:
            moved.append(row.pk)
            continue
        shared.append({"event_id": row.event_id, "met_here": row.met_here, "is_demo": row.is_demo})
        if row.met_here and not mine.met_here:
            met_here_set.append(mine.pk)
    owned.filter(person=gone).exclude(pk__in=moved).delete()
    owned.filter(pk__in=moved).update(person=kept)
    owned.filter(pk__in=met_here_set).update(met_here=True)
    snapshot["moved"][MOVED] = moved
    snapshot.update(events_shared=shared, events_met_here_set=met_here_set)


def move_back_attendance(kept: Person, back: Person, snapshot: dict[str, Any]) -> None:
    """Undo `move_attendance`: moved rows still the kept person's go to `back` (the recreated
    person); the rows of shared events are recreated on `back` if the event still exists."""
    owned = EventPerson.objects.filter(owner_id=kept.owner_id)
    owned.filter(person=kept, pk__in=snapshot["moved"].get(MOVED, [])).update(person=back)
    owned.filter(person=kept, pk__in=snapshot.get("events_met_here_set", [])).update(met_here=False)
    shared = snapshot.get("events_shared", [])
    if not shared:
        return
    alive = set(
        Event.objects.filter(
            owner_id=kept.owner_id, pk__in=[row["event_id"] for row in shared]
        ).values_list("pk", flat=True)
    )
    EventPerson.objects.bulk_create(
        EventPerson(owner_id=kept.owner_id, person=back, **row)
        for row in shared
        if row["event_id"] in alive
    )
