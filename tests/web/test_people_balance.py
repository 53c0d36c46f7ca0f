"""The people list sorts and filters by the give/receive balance, and shows it."""

import datetime as dt

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.ledger import services as ledger_services
from mutuals.people import services as people_services
from tests.factories import days_ago, log, make_person


def record(owner, person, direction, kind="advice", days=0):
    return ledger_services.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction=direction,
        kind=kind,
        text="Something useful",
        occurred_on=days_ago(days),
    )


def balance_network(owner):
    """You owe Ann most and Bo a little, Cy is even, Di owes you, Ed never traded with you."""
    ann, bo, cy, di, _ = (make_person(owner, name) for name in ("Ann", "Bo", "Cy", "Di", "Ed"))
    record(owner, ann, "received", "referral")
    record(owner, ann, "received", "introduction")
    record(owner, bo, "received", "favour")
    record(owner, cy, "gave")
    record(owner, cy, "received")
    record(owner, di, "gave", "referral")


def names_in(response):
    return [p.first_name for p in response.context["page"]]


@pytest.mark.parametrize(
    ("balance", "expected"),
    [("owe", ["Ann", "Bo"]), ("even", ["Cy"]), ("owed", ["Di"]), ("none", ["Ed"])],
)
def test_the_balance_filter_narrows_the_list(jordan_client, jordan, balance, expected):
    balance_network(jordan)
    assert names_in(jordan_client.get("/people/", {"balance": balance})) == expected


def test_you_owe_them_most_puts_who_gave_you_most_first(jordan_client, jordan):
    balance_network(jordan)
    response = jordan_client.get("/people/", {"sort": "owe"})
    assert names_in(response) == ["Ann", "Bo", "Cy", "Ed", "Di"]


def test_they_owe_you_most_puts_who_you_gave_most_first(jordan_client, jordan):
    balance_network(jordan)
    response = jordan_client.get("/people/", {"sort": "owed"})
    assert names_in(response) == ["Di", "Cy", "Ed", "Bo", "Ann"]


def test_the_filter_form_offers_the_balance_and_its_sorts_in_plain_words(jordan_client, jordan):
    response = jordan_client.get("/people/")
    assertContains(response, '<label for="id_balance">Give and take</label>', html=True)
    for words in ("They have given more", "You have given more", "Nothing exchanged yet"):
        assertContains(response, words)
    assertContains(response, '<option value="owe">They have given most</option>', html=True)
    assertContains(response, '<option value="owed">You have given most</option>', html=True)


def test_the_list_shows_each_persons_balance(jordan_client, jordan):
    balance_network(jordan)
    response = jordan_client.get("/people/", {"q": "di"})
    assertContains(response, '<span class="mark-word">you have given much more lately</span>')
    assertContains(response, 'title="Balance +0.60 on a scale')
    assertNotContains(response, "+0.60<")


def test_someone_never_traded_with_shows_nothing_yet(jordan_client, jordan):
    make_person(jordan, "Ed Moss")
    assertContains(jordan_client.get("/people/"), "nothing yet")


def test_an_unknown_balance_filter_is_ignored(jordan_client, jordan):
    balance_network(jordan)
    assert len(names_in(jordan_client.get("/people/", {"balance": "rich"}))) == 5


def test_a_balance_that_faded_overnight_is_brought_to_today_before_filtering(jordan_client, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    record(jordan, rosa, "received", "referral", days=2)
    # As if stored long ago, when the referral counted in full: the page refreshes it first.
    people_services.refresh_scores(owner=jordan, today=timezone.localdate() - dt.timedelta(days=1))
    rosa.refresh_from_db()
    assert rosa.balance_on != timezone.localdate()
    jordan_client.get("/people/", {"balance": "owe"})
    rosa.refresh_from_db()
    assert rosa.balance_on == timezone.localdate()


def test_riley_does_not_see_jordans_people_by_balance(riley_client, jordan):
    balance_network(jordan)
    for params in ({"balance": "owe"}, {"balance": "none"}, {"sort": "owe"}):
        response = riley_client.get("/people/", params)
        assert names_in(response) == []
        assertNotContains(response, "Ann")


@pytest.mark.parametrize("count", [3, 30])
def test_the_balance_list_costs_the_same_queries_however_many_people(
    jordan_client, jordan, count, django_assert_num_queries
):
    for i in range(count):
        person = make_person(jordan, f"Person {i:02d}", organization=f"Org {i}")
        log(jordan, person, days=i)
        record(jordan, person, "received", "referral", days=i)
    jordan_client.get("/people/")  # the first request of a client also checks for a first run
    # session, user, the owner's version, the count for these filters and the page: circles,
    # stale strengths and balances, organisations and how many have no closeness were read by
    # the first request and kept while nothing changed (changes.kept)
    with django_assert_num_queries(5):
        response = jordan_client.get("/people/", {"sort": "owe", "balance": "owe"})
    assert len(names_in(response)) == count
