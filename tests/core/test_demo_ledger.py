import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.demo import generate
from mutuals.core.demo_ledger import generate_ledger

TODAY = dt.date(2026, 11, 23)
NETWORK = generate(seed=7, today=TODAY)


def test_the_same_network_and_seed_give_the_same_ledger():
    assert generate_ledger(NETWORK, seed=7) == generate_ledger(NETWORK, seed=7)


def test_another_seed_gives_another_ledger():
    assert generate_ledger(NETWORK, seed=7) != generate_ledger(NETWORK, seed=8)


def test_nothing_in_the_ledger_is_dated_after_today():
    ledger = generate_ledger(NETWORK)
    dates = [n.noted_on for n in ledger.needs] + [e.occurred_on for e in ledger.exchanges]
    dates += [a.asked_on for a in ledger.asks] + [
        a.answered_on for a in ledger.asks if a.answered_on
    ]
    assert max(dates) <= TODAY


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_every_reference_points_at_a_contact_or_a_need_of_the_ledger(seed):
    ledger = generate_ledger(NETWORK, seed=seed)
    contacts = {p.key for p in NETWORK.people if p.tier is not None}
    assert {e.person for e in ledger.exchanges} <= contacts
    assert {a.person for a in ledger.asks} <= contacts
    assert {n.person for n in ledger.needs} - {None} <= contacts
    assert all(e.need is None or 0 <= e.need < len(ledger.needs) for e in ledger.exchanges)
    assert all(a.answered_on is None or a.answered_on >= a.asked_on for a in ledger.asks)
