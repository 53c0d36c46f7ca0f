"""Properties of a calendar sync against a real loopback HTTP server: syncing the same calendar
twice adds nothing, whatever its events (single, recurring, moved, cancelled, with or without
your people)."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.calendars.models import Occurrence
from mutuals.connections import calendar_sync, services
from mutuals.interactions.models import Interaction
from tests.calendars.ics import calendar, event
from tests.factories import make_person, make_user

NOW = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
ADDRESSES = ["rosa@example.com", "bruce@example.com", "stranger@example.net"]

events = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=5),  # the UID
        st.integers(min_value=-500, max_value=90),  # days from now
        st.sampled_from(["", "FREQ=WEEKLY;COUNT=4", "FREQ=DAILY;INTERVAL=30", "FREQ=MONTHLY"]),
        st.lists(st.sampled_from(ADDRESSES), max_size=2, unique=True),
        st.sampled_from(["", "", "CANCELLED"]),
    ),
    max_size=8,
)


def build(items) -> str:
    seen: set[int] = set()
    parts = []
    for uid, days, rrule, attendees, status in items:
        if uid in seen:  # one master per UID, as a server keeps it
            continue
        seen.add(uid)
        start = NOW + dt.timedelta(days=days, hours=uid)
        parts.append(
            event(
                f"e{uid}",
                start,
                f"Meeting {uid}",
                attendees=tuple(attendees),
                organizer="",
                rrule=rrule,
                status=status,
            )
        )
    return calendar(*parts)


def rows(owner):
    occurrences = sorted(
        Occurrence.objects.filter(owner=owner).values_list(
            "id", "uid", "recurrence_id", "start", "interaction_id"
        )
    )
    talks = sorted(Interaction.objects.filter(owner=owner).values_list("id", "source_key"))
    return occurrences, talks


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=events, later=st.integers(min_value=0, max_value=3))
def test_syncing_the_same_calendar_twice_adds_nothing(db, ics_server, items, later):
    owner = make_user(f"u{uuid.uuid4().hex[:12]}")
    make_person(owner, "Rosa Núñez", emails=["rosa@example.com"])
    make_person(owner, "Bruce Wayne", emails=["bruce@example.com"])
    ics_server.serve(build(items))
    connection, _ = calendar_sync.connect_ics_url(
        owner=owner, name="cal", address=ics_server.url(uuid.uuid4().hex)
    )
    first = services.sync(owner=owner, connection=connection, now=NOW)
    assert first.ok, first.message
    before = rows(owner)

    connection.refresh_from_db()
    again = services.sync(owner=owner, connection=connection, now=NOW)

    assert again.ok
    assert (again.added["meetings"], again.added["conversations"]) == (0, 0)
    assert (again.added["changed"], again.added["removed"]) == (0, 0)
    assert rows(owner) == before
    # Every kept occurrence is with one of your people, and every past one is a conversation.
    kept = Occurrence.objects.filter(owner=owner)
    assert all(o.people.exists() for o in kept)
    assert all(o.interaction_id for o in kept if o.start < NOW)
    assert Interaction.objects.filter(owner=owner).count() == kept.filter(start__lt=NOW).count()
