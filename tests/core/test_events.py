"""core.events and core.demo_events: which meetings are events, and the demo's events."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.demo import generate
from mutuals.core.demo_events import generate_events
from mutuals.core.events import EVENT_KIND_WORDS, EVENT_KINDS, event_name, is_event

TODAY = dt.date(2026, 12, 2)


def test_a_meeting_with_two_of_your_people_is_an_event_and_one_with_one_is_not():
    assert is_event(2)
    assert not is_event(1)


@given(st.text(max_size=500))
def test_an_imported_name_is_never_empty_or_longer_than_the_field(summary):
    name = event_name(summary)
    assert 0 < len(name) <= 200
    assert name == name.strip()


def test_every_kind_has_words():
    assert set(EVENT_KIND_WORDS) == set(EVENT_KINDS)


def test_the_demo_has_two_communities_and_people_met_at_events():
    demo = generate_events(generate(seed=7, today=TODAY))
    assert [c.kind for c in demo.communities] == ["association", "club"]
    met = [key for event in demo.events for key, first in event.people if first]
    assert met
    assert len(met) == len(set(met))  # first met once only
    assert {e.community for e in demo.events} >= {c.name for c in demo.communities}


def test_the_demo_meets_people_on_the_day_it_has_known_them_since():
    network = generate(seed=7, today=TODAY)
    known = {p.key: p.known_since for p in network.people}
    for event in generate_events(network).events:
        for key, first in event.people:
            assert known[key] == event.day if first else known[key] < event.day


@settings(max_examples=10)
@given(st.integers(min_value=0, max_value=50), st.dates(dt.date(2020, 1, 1), dt.date(2035, 1, 1)))
def test_any_demo_meets_each_person_once_on_their_day_and_future_events_are_empty(seed, today):
    network = generate(seed=seed, today=today)
    known = {p.key: p.known_since for p in network.people}
    demo = generate_events(network)
    met = [key for event in demo.events for key, first in event.people if first]
    assert len(met) == len(set(met))
    for event in demo.events:
        assert all(known[key] == event.day for key, first in event.people if first)
        assert event.day <= today or not event.people
        assert event.community in {"", *(c.name for c in demo.communities)}
