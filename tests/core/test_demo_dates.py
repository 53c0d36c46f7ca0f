"""core.demo_dates: the demo's birthdays and anniversaries."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core import demo
from mutuals.core.demo_dates import SOON, generate_dates

TODAY = dt.date(2026, 3, 14)


def dates_for(seed: int, today: dt.date = TODAY):
    network = demo.generate(seed=seed, today=today)
    return network, generate_dates(network.people, seed=seed, today=today)


def test_the_same_seed_and_day_give_the_same_dates():
    assert dates_for(7)[1] == dates_for(7)[1]


def test_only_contacts_get_dates_and_at_most_one_birthday_each():
    network, dates = dates_for(7)
    contacts = {p.key for p in network.people if p.tier is not None}
    birthdays = [d.person for d in dates if d.kind == "birthday"]
    assert {d.person for d in dates} <= contacts
    assert len(birthdays) == len(set(birthdays))


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_a_fresh_demo_always_has_birthdays_in_the_next_days(today):
    _, dates = dates_for(7, today)
    soon = {(today + dt.timedelta(days=n)).timetuple()[1:3] for n in SOON}
    assert soon <= {(d.month, d.day) for d in dates if d.kind == "birthday"}


def test_some_birthdays_have_no_year_as_phones_keep_them():
    _, dates = dates_for(7)
    years = [d.year for d in dates if d.kind == "birthday"]
    assert None in years
    assert any(year is not None for year in years)
