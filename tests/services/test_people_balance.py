"""The give/receive balance stored on each person: always core.reciprocity's balance of their
exchanges, kept by the ledger services, the demo loader and the daily refresh, and the people
list sorts and filters by it."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.core import reciprocity
from mutuals.core.reciprocity import Direction, ExchangeKind
from mutuals.demo.services import load_demo
from mutuals.ledger import selectors as ledger_selectors
from mutuals.ledger import services as ledger_services
from mutuals.people import selectors, services
from mutuals.people.models import Person
from tests.factories import days_ago, make_person

HISTORIES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
entries = st.tuples(
    st.integers(min_value=0, max_value=2000),
    st.sampled_from(list(Direction)),
    st.sampled_from(list(ExchangeKind)),
    st.booleans(),  # deleted again afterwards
)


def record(owner, person, direction="gave", kind="advice", days=0):
    return ledger_services.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction=direction,
        kind=kind,
        text="Something useful",
        occurred_on=days_ago(days),
    )


def stored(person) -> tuple[float, str, dt.date | None]:
    person.refresh_from_db()
    return (person.balance, person.balance_label, person.balance_on)


def expected(exchanges, today) -> tuple[float, str, dt.date | None]:
    found = reciprocity.balance(exchanges, today)
    return (found.score, found.label, today if exchanges else None)


def names(people) -> list[str]:
    return [person.first_name for person in people]


def test_the_stored_balance_is_core_reciprocitys_for_any_history(jordan):
    counter = iter(range(10_000))

    @HISTORIES
    @given(history=st.lists(entries, max_size=8))
    def check(history):
        person = make_person(jordan, f"Person {next(counter)}")
        kept = []
        for days, direction, kind, deleted in history:
            exchange = record(jordan, person, direction, kind, days)
            if deleted:
                ledger_services.delete_exchange(owner=jordan, exchange_id=exchange.pk)
            else:
                kept.append(reciprocity.Exchange(on=days_ago(days), direction=direction, kind=kind))
        today = timezone.localdate()
        assert stored(person) == expected(kept, today)
        later = today + dt.timedelta(days=200)
        services.refresh_scores(owner=jordan, today=later)
        assert stored(person) == expected(kept, later)

    check()


def test_the_stored_balance_matches_the_ledgers_own(jordan):
    rosa = make_person(jordan)
    record(jordan, rosa, "gave", "introduction", days=30)
    record(jordan, rosa, "received", "referral", days=10)
    today = timezone.localdate()
    balance = ledger_selectors.balance_for(owner=jordan, person_id=rosa.pk, today=today)
    assert stored(rosa) == (balance.score, balance.label, today)


def test_nobody_exchanged_with_has_no_balance_yet(jordan):
    rosa = make_person(jordan)
    assert stored(rosa) == (0.0, "nothing exchanged yet", None)


def test_deleting_the_last_exchange_clears_the_balance(jordan):
    rosa = make_person(jordan)
    exchange = record(jordan, rosa, "received", "referral")
    assert stored(rosa)[1] == "you receive more"
    ledger_services.delete_exchange(owner=jordan, exchange_id=exchange.pk)
    assert stored(rosa) == (0.0, "nothing exchanged yet", None)


def test_an_introduction_tilts_both_balances_your_way(jordan):
    jin, gareth = make_person(jordan, "Jin Park"), make_person(jordan, "Gareth Lowe")
    ledger_services.record_introduction(owner=jordan, person_id=jin.pk, other_id=gareth.pk)
    assert stored(jin)[0] > 0
    assert stored(gareth)[0] > 0


def test_the_daily_refresh_fades_old_balances_toward_even(jordan):
    rosa = make_person(jordan)
    record(jordan, rosa, "gave", "referral", days=5)
    before = stored(rosa)[0]
    services.refresh_scores(owner=jordan, today=timezone.localdate() + dt.timedelta(days=3000))
    assert 0 < stored(rosa)[0] < before


def test_the_daily_refresh_is_one_query_when_everything_is_fresh(jordan, django_assert_num_queries):
    rosa = make_person(jordan)
    record(jordan, rosa)
    with django_assert_num_queries(1):
        assert services.refresh_scores(owner=jordan, today=timezone.localdate()) == 0


def test_the_daily_refresh_leaves_riley_untouched(jordan, riley):
    rileys = make_person(riley, "Sam Stone")
    record(riley, rileys, "received", "referral")
    services.refresh_scores(owner=jordan, today=timezone.localdate() + dt.timedelta(days=900))
    assert stored(rileys)[2] == timezone.localdate()


def test_refreshing_balances_ignores_other_owners_people(jordan, riley):
    rosa = make_person(jordan)
    record(jordan, rosa, "gave", "referral")
    before = stored(rosa)
    later = timezone.localdate() + dt.timedelta(days=900)
    services.refresh_balances(owner=riley, today=later, person_ids=[rosa.pk])
    assert stored(rosa) == before


def test_the_demo_stores_every_demo_persons_balance(jordan):
    load_demo(owner=jordan)
    today = timezone.localdate()
    ledger = ledger_selectors.balances(owner=jordan, today=today)
    people = selectors.people_list(owner=jordan, today=today)
    for person in people:
        found = ledger.get(person.pk) or reciprocity.balance([], today)
        assert (person.balance, person.balance_label) == (found.score, found.label), person.pk
    assert {p.balance_label for p in people} >= {"you give more", "you receive more", "even"}


def test_the_migration_computes_balances_for_existing_exchanges(jordan, riley):
    rosa, sam = make_person(jordan), make_person(riley, "Sam Stone")
    record(jordan, rosa, "received", "referral", days=40)
    record(riley, sam, "gave", "advice", days=3)
    expected_rows = [stored(rosa), stored(sam)]
    Person.objects.update(balance=0.0, balance_label="nothing exchanged yet", balance_on=None)
    migration = importlib.import_module("mutuals.people.migrations.0003_store_balances")
    migration.store_balances(apps, None)
    assert [stored(rosa), stored(sam)] == expected_rows


def balance_network(owner):
    """You owe Ann most and Bo a little, Cy is even, Di owes you, Ed never traded with you."""
    ann, bo, cy, di, ed = (make_person(owner, name) for name in ("Ann", "Bo", "Cy", "Di", "Ed"))
    record(owner, ann, "received", "referral")
    record(owner, ann, "received", "introduction")
    record(owner, bo, "received", "favour")
    record(owner, cy, "gave", "advice")
    record(owner, cy, "received", "advice")
    record(owner, di, "gave", "referral")
    return ann, bo, cy, di, ed


def test_sorting_by_owe_puts_who_gave_you_most_first(jordan):
    balance_network(jordan)
    people = selectors.people_list(owner=jordan, today=timezone.localdate(), sort="owe")
    assert names(people) == ["Ann", "Bo", "Cy", "Ed", "Di"]


def test_sorting_by_owed_puts_who_you_gave_most_first(jordan):
    balance_network(jordan)
    people = selectors.people_list(owner=jordan, today=timezone.localdate(), sort="owed")
    assert names(people) == ["Di", "Cy", "Ed", "Bo", "Ann"]


def test_the_balance_filter_keeps_each_side(jordan):
    balance_network(jordan)
    today = timezone.localdate()
    found = {
        balance: names(selectors.people_list(owner=jordan, today=today, balance=balance))
        for balance in ("owe", "even", "owed", "none")
    }
    assert found == {"owe": ["Ann", "Bo"], "even": ["Cy"], "owed": ["Di"], "none": ["Ed"]}


def test_riley_never_sees_jordans_people_by_balance(jordan, riley):
    balance_network(jordan)
    today = timezone.localdate()
    assert list(selectors.people_list(owner=riley, today=today, balance="owe")) == []
    assert list(selectors.people_list(owner=riley, today=today, sort="owe")) == []
