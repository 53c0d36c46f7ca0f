import datetime as dt
from collections import Counter

import pytest

from mutuals.core.cadence import Tier
from mutuals.core.demo import DemoNetwork, generate

TODAY = dt.date(2025, 3, 14)


@pytest.fixture(scope="module")
def network() -> DemoNetwork:
    return generate(seed=7, today=TODAY)


def dates_of(network: DemoNetwork) -> dict[int, list[dt.date]]:
    dates: dict[int, list[dt.date]] = {p.key: [] for p in network.people}
    for interaction in network.interactions:
        for key in interaction.people:
            dates[key].append(interaction.occurred_on)
    return {key: sorted(days) for key, days in dates.items()}


def test_the_same_seed_and_day_give_the_same_network(network):
    assert generate(seed=7, today=TODAY) == network


def test_another_seed_gives_another_network(network):
    assert generate(seed=8, today=TODAY).people != network.people


def test_another_day_moves_the_conversations_with_it():
    later = generate(seed=7, today=TODAY + dt.timedelta(days=30))
    assert max(i.occurred_on for i in later.interactions) == TODAY + dt.timedelta(days=30)


def test_it_has_about_250_people(network):
    assert 230 <= len(network.people) <= 270


def test_people_are_spread_over_circles_beyond_work(network):
    circles = Counter(circle for person in network.people for circle in person.circles)
    expected = {"Work", "Former colleagues", "School", "Community", "Services"}
    assert expected | {"Family & friends", "Associations"} <= set(circles)
    assert all(count >= 10 for count in circles.values())


def test_services_include_a_doctor_a_haircutter_and_a_trainer(network):
    met = {p.how_met for p in network.people if "Services" in p.circles}
    assert {"my doctor", "my haircutter", "my trainer at the gym"} <= met


def test_tiers_follow_dunbar_layers_few_inner_many_acquaintances(network):
    tiers = Counter(p.tier for p in network.people)
    layers = [Tier.INNER, Tier.CLOSE, Tier.FRIEND, Tier.MEANINGFUL, Tier.ACQUAINTANCE]
    counts = [tiers[tier] for tier in layers]
    assert counts == sorted(counts)
    assert tiers[Tier.INNER] <= 6
    assert tiers[None] > 0  # some people you only know of


def test_names_are_unique(network):
    names = [p.name for p in network.people]
    assert len(set(names)) == len(names)


def test_introducers_are_other_people_added_before(network):
    introduced = [p for p in network.people if p.introduced_by is not None]
    assert introduced
    assert all(p.introduced_by < p.key for p in introduced)


def test_conversations_cover_two_years_up_to_today(network):
    days = [i.occurred_on for i in network.interactions]
    assert max(days) == TODAY
    recent = [d for d in days if d >= TODAY - dt.timedelta(days=730)]
    assert min(recent) <= TODAY - dt.timedelta(days=700)
    assert len(recent) > 1000


def test_conversations_use_every_kind_both_ways_and_some_groups(network):
    assert {i.kind for i in network.interactions} == {
        "coffee",
        "call",
        "email",
        "message",
        "meeting",
        "event",
    }
    assert {"me", "them"} <= {i.initiated_by for i in network.interactions}
    assert sum(len(i.people) > 1 for i in network.interactions) >= 10


def test_closer_people_are_talked_to_more_often(network):
    dates = dates_of(network)
    recent = TODAY - dt.timedelta(days=365)

    def yearly(tier: Tier) -> float:
        people = [p for p in network.people if p.tier is tier]
        return sum(sum(d >= recent for d in dates[p.key]) for p in people) / len(people)

    assert yearly(Tier.INNER) > yearly(Tier.CLOSE) > yearly(Tier.FRIEND) > yearly(Tier.ACQUAINTANCE)


def test_some_contacts_are_overdue_and_most_are_not(network):
    dates = dates_of(network)
    cadences = {Tier.INNER: 7, Tier.CLOSE: 30, Tier.FRIEND: 90, Tier.MEANINGFUL: 180}
    steady = [p for p in network.people if p.tier in cadences and p.cadence_override_days is None]
    overdue = [p for p in steady if (TODAY - dates[p.key][-1]).days > cadences[p.tier]]
    assert 0.1 < len(overdue) / len(steady) < 0.6


def test_new_acquaintances_were_met_this_week_with_no_follow_up(network):
    dates = dates_of(network)
    new = [p for p in network.people if p.known_since >= TODAY - dt.timedelta(days=6)]
    assert len(new) >= 3
    assert all(dates[p.key] == [p.known_since] for p in new)


def test_a_few_ties_were_close_once_and_silent_for_one_to_four_years(network):
    dates = dates_of(network)
    dormant = [
        p
        for p in network.people
        if dates[p.key]
        and 365 <= (TODAY - dates[p.key][-1]).days <= 4 * 365
        and len(dates[p.key]) >= 5
    ]
    assert 3 <= len(dormant) <= 20


def test_promises_are_overdue_due_today_upcoming_and_done(network):
    open_promises = [p for p in network.promises if p.done_on is None]
    assert any(p.due_on < TODAY for p in open_promises)
    assert any(p.due_on == TODAY for p in open_promises)
    assert any(p.due_on > TODAY for p in open_promises)
    assert any(p.done_on is not None and p.done_on <= TODAY for p in network.promises)
