"""Merging people who share calendar meetings (calendars.Occurrence.people), and undoing it:
the meetings' people move like conversations' people, and come back exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from mutuals.agenda.meetings import upcoming_meetings
from mutuals.calendars.models import Occurrence
from mutuals.connections import calendar_sync, services
from mutuals.imports import merge
from mutuals.imports.models import Merge
from mutuals.interactions.models import Interaction
from mutuals.people.models import Person
from tests.calendars.ics import calendar, event
from tests.calendars.web_server import IcsServer
from tests.factories import make_person

pytestmark = pytest.mark.django_db

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)
ROSA, COPY, ANN = "Rosa Núñez", "Rosa Nunez", "Ann Lee"


@pytest.fixture
def ics_server():
    server = IcsServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def people(jordan):
    return (
        make_person(jordan, ROSA, emails=["rosa@example.com"]),
        make_person(jordan, COPY, emails=["rosa.n@home.example"]),
        make_person(jordan, ANN, emails=["ann@example.com"]),
    )


def sync_meetings(owner, ics_server):
    """Past and coming meetings: with both Rosas, with the copy and Ann, with Rosa alone, and a
    coming one with the copy alone."""
    past = NOW - dt.timedelta(days=10)
    ics_server.serve(
        calendar(
            event("both", past, "Coffee", attendees=("rosa@example.com", "rosa.n@home.example")),
            event("copy-ann", past, "Lunch", attendees=("rosa.n@home.example", "ann@example.com")),
            event("rosa", past, "Review", attendees=("rosa@example.com",)),
            event("coming", NOW + dt.timedelta(days=1), "Walk", attendees=("rosa.n@home.example",)),
            event(
                "coming-both",
                NOW + dt.timedelta(days=2),
                "Dinner",
                attendees=("rosa@example.com", "rosa.n@home.example"),
            ),
        )
    )
    connection, _ = calendar_sync.connect_ics_url(owner=owner, name="cal", address=ics_server.url())
    outcome = services.sync(owner=owner, connection=connection, now=NOW)
    assert outcome.ok, outcome.message


def meetings_people(owner):
    """Each meeting's title and its people's names, in order (ids change on undo, names not)."""
    rows = Occurrence.objects.filter(owner=owner).prefetch_related("people").order_by("uid")
    return {row.uid: sorted(p.full_name for p in row.people.all()) for row in rows}


def link_rows(owner):
    through = Occurrence.people.through
    return through.objects.filter(occurrence__owner=owner).count()


def test_merging_moves_the_meetings_people_and_undo_gives_them_back_exactly(
    jordan, people, ics_server
):
    rosa, copy, _ = people
    sync_meetings(jordan, ics_server)
    before = meetings_people(jordan)
    assert before == {
        "both": [COPY, ROSA],
        "coming": [COPY],
        "coming-both": [COPY, ROSA],
        "copy-ann": [ANN, COPY],
        "rosa": [ROSA],
    }
    links_before = link_rows(jordan)

    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)

    # The kept Rosa is on every meeting the copy was on, once where both were.
    assert meetings_people(jordan) == {
        "both": [ROSA],
        "coming": [ROSA],
        "coming-both": [ROSA],
        "copy-ann": [ANN, ROSA],
        "rosa": [ROSA],
    }
    # Today's "Coming up" names the kept Rosa once.
    coming = upcoming_meetings(owner=jordan, now=NOW)
    assert [(m.title, m.people) for m in coming] == [
        ("Walk", ((rosa.pk, ROSA),)),
        ("Dinner", ((rosa.pk, ROSA),)),
    ]

    back = merge.undo_merge(owner=jordan, merge_id=done.pk)

    assert back.full_name == COPY
    assert meetings_people(jordan) == before
    assert link_rows(jordan) == links_before
    assert set(
        Occurrence.objects.filter(owner=jordan, uid="coming").values_list("people", flat=True)
    ) == {back.pk}
    # The conversations the past meetings became went back too.
    lunch = Interaction.objects.get(owner=jordan, summary="Lunch")
    assert sorted(p.full_name for p in lunch.people.all()) == [ANN, COPY]


def test_a_merge_made_before_calendars_is_still_undone(jordan, people):
    """A snapshot written before meetings were moved has none of their keys: undo leaves the
    meetings as they are and does the rest."""
    rosa, copy, ann = people
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=ann.pk)
    snapshot = dict(done.snapshot)
    snapshot.pop("occurrences_shared")
    snapshot["moved"] = {
        key: ids for key, ids in snapshot["moved"].items() if key != "calendars.occurrence.people"
    }
    Merge.objects.filter(pk=done.pk).update(snapshot=snapshot)

    back = merge.undo_merge(owner=jordan, merge_id=done.pk)

    assert back.full_name == ANN
    names = Person.objects.filter(owner=jordan).values_list("full_name", flat=True)
    assert sorted(names) == sorted([ANN, ROSA, COPY])
    assert copy.pk != back.pk
