"""The person page's reads from what it already loaded: `ledger.selectors.ledger_of` and
`network.selectors.knows_of_person` give the same answers as the selectors they stand for."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.core.reciprocity import Direction, ExchangeKind
from mutuals.ledger import selectors, services
from mutuals.needs import selectors as need_selectors
from mutuals.needs import services as need_services
from mutuals.network import selectors as network_selectors
from mutuals.network import services as network_services
from mutuals.people.models import Person
from tests.factories import days_ago, make_person, make_user

_owners = itertools.count()

exchanges_ = st.lists(
    st.tuples(
        st.sampled_from(list(Direction)), st.sampled_from(list(ExchangeKind)), st.integers(0, 400)
    ),
    max_size=14,
)
asks_ = st.lists(st.tuples(st.integers(0, 200), st.booleans()), max_size=14)


def the_old_way(owner, person, today):
    return (
        selectors.balance_for(owner=owner, person_id=person.pk, today=today),
        list(selectors.exchanges_for(owner=owner, person_id=person.pk)[:10]),
        list(selectors.asks_for(owner=owner, person_id=person.pk)[:10]),
        selectors.ask_warning_for(owner=owner, person_id=person.pk, today=today),
    )


def the_page_way(owner, person, today):
    needs = list(need_selectors.needs_for(owner=owner, person_id=person.pk))
    found = selectors.ledger_of(
        owner=owner, person=person, open_needs=need_selectors.as_open_needs(needs), today=today
    )
    return found.balance, found.exchanges, found.asks, found.ask_warning


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(exchanges=exchanges_, asks=asks_, open_needs=st.integers(0, 4))
def test_ledger_of_answers_as_the_four_selectors_do(db, exchanges, asks, open_needs):
    owner = make_user(f"ledger{next(_owners)}")
    rosa = make_person(owner, "Rosa Núñez", first_name="Rosa")
    for direction, kind, ago in exchanges:
        services.record_exchange(
            owner=owner,
            person_id=rosa.pk,
            direction=direction.value,
            kind=kind.value,
            text="Something",
            occurred_on=days_ago(ago),
        )
    for ago, answered in asks:
        ask = services.record_ask(
            owner=owner, person_id=rosa.pk, text="A favour", asked_on=days_ago(ago)
        )
        if answered:
            services.answer_ask(owner=owner, ask_id=ask.pk, answered_on=days_ago(ago))
    for i in range(open_needs):
        need_services.add_need(
            owner=owner, person_id=rosa.pk, text=f"Need {i}", noted_on=days_ago(i)
        )
    today = days_ago(0)  # one day for both ways, worked out as the test runs
    assert the_page_way(owner, rosa, today) == the_old_way(owner, rosa, today)


def test_ledger_of_keeps_closed_needs_out_of_give_first(jordan):
    rosa = make_person(jordan, "Rosa Núñez", first_name="Rosa")
    for _ in range(3):
        services.record_ask(owner=jordan, person_id=rosa.pk, text="A favour")
    closed = need_services.add_need(owner=jordan, person_id=rosa.pk, text="Closed need")
    need_services.close_need(owner=jordan, need_id=closed.pk)
    need_services.add_need(owner=jordan, person_id=rosa.pk, text="Open need")
    needs = need_selectors.needs_for(owner=jordan, person_id=rosa.pk, status="all")
    found = selectors.ledger_of(
        owner=jordan, person=rosa, open_needs=need_selectors.as_open_needs(needs), today=days_ago(0)
    )
    assert [n.text for n in found.ask_warning.give_first] == ["Open need"]


def test_ledger_of_refuses_someone_elses_person(jordan, riley):
    rosa = make_person(jordan)
    services.record_exchange(
        owner=jordan, person_id=rosa.pk, direction="gave", kind="advice", text="Helped"
    )
    with pytest.raises(Person.DoesNotExist):
        selectors.ledger_of(owner=riley, person=rosa, open_needs=[], today=days_ago(0))


def test_knows_of_person_answers_as_knows_of(jordan):
    rosa, sam, lee = (make_person(jordan, n) for n in ("Rosa Núñez", "Sam Ortiz", "Lee Chan"))
    network_services.knows_someone(owner=jordan, person_id=rosa.pk, name="Sam Ortiz", strength=0.8)
    network_services.knows_someone(owner=jordan, person_id=lee.pk, name="Rosa Núñez", strength=0.5)
    assert network_selectors.knows_of_person(owner=jordan, person=rosa) == (
        network_selectors.knows_of(owner=jordan, person_id=rosa.pk)
    )
    assert [o.pk for _, o in network_selectors.knows_of_person(owner=jordan, person=rosa)] == [
        sam.pk,
        lee.pk,
    ]


def test_knows_of_person_refuses_someone_elses_person(jordan, riley):
    rosa = make_person(jordan)
    make_person(jordan, "Sam Ortiz")
    network_services.knows_someone(owner=jordan, person_id=rosa.pk, name="Sam Ortiz", strength=0.8)
    with pytest.raises(Person.DoesNotExist):
        network_selectors.knows_of_person(owner=riley, person=rosa)


@pytest.mark.django_db
def test_ledger_of_reads_only_the_name_of_whom_someone_was_introduced_to(
    jordan, django_assert_num_queries
):
    rosa = make_person(jordan, "Rosa Núñez")
    ana = make_person(jordan, "Ana Ruiz", notes="A long note " * 200, title="Head of data")
    services.record_introduction(owner=jordan, person_id=rosa.pk, other_id=ana.pk)
    with django_assert_num_queries(2):
        found = selectors.ledger_of(owner=jordan, person=rosa, open_needs=[], today=days_ago(0))
    (exchange,) = found.exchanges
    with django_assert_num_queries(0):  # what the page shows of them: a link with their name
        assert (exchange.introduced_to.pk, exchange.introduced_to.full_name) == (ana.pk, "Ana Ruiz")
    assert exchange.introduced_to.get_deferred_fields() >= {"notes", "title", "tier"}
    assert not exchange.get_deferred_fields()
