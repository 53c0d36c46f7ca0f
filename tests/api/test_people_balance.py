"""GET /api/people?balance=owe|even|owed|none&sort=owe|owed, and the balance of each person."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mutuals.ledger import services as ledger_services
from mutuals.people import services as people_services
from tests.api.conftest import field_errors
from tests.factories import make_person


def record(owner, person, direction, kind="advice"):
    return ledger_services.record_exchange(
        owner=owner, person_id=person.pk, direction=direction, kind=kind, text="Something useful"
    )


def balance_network(owner):
    """You owe Ann most and Bo a little, Cy is even, Di owes you, Ed never traded with you."""
    people = [make_person(owner, name) for name in ("Ann", "Bo", "Cy", "Di", "Ed")]
    ann, bo, cy, di, _ = people
    record(owner, ann, "received", "referral")
    record(owner, ann, "received", "introduction")
    record(owner, bo, "received", "favour")
    record(owner, cy, "gave")
    record(owner, cy, "received")
    record(owner, di, "gave", "referral")
    return people


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [person["name"] for person in response.json()["items"]]


def test_the_balance_filter_keeps_each_side(jordan_api, jordan):
    balance_network(jordan)
    found = {
        side: names(jordan_api.get("/api/people", {"balance": side}))
        for side in ("owe", "even", "owed", "none")
    }
    assert found == {"owe": ["Ann", "Bo"], "even": ["Cy"], "owed": ["Di"], "none": ["Ed"]}


def test_it_sorts_by_who_you_owe_most_and_who_owes_you_most(jordan_api, jordan):
    balance_network(jordan)
    assert names(jordan_api.get("/api/people?sort=owe")) == ["Ann", "Bo", "Cy", "Ed", "Di"]
    assert names(jordan_api.get("/api/people?sort=owed")) == ["Di", "Cy", "Ed", "Bo", "Ann"]


def test_each_person_carries_their_balance_and_its_day(jordan_api, jordan):
    balance_network(jordan)
    items = jordan_api.get("/api/people?sort=owed").json()["items"]
    assert items[0]["balance"] == {
        "score": 0.6,
        "label": "you give more",
        "on": timezone.localdate().isoformat(),
    }
    assert items[2]["balance"] == {"score": 0.0, "label": "nothing exchanged yet", "on": None}


def test_one_person_carries_todays_balance(jordan_api, jordan):
    di = balance_network(jordan)[3]
    people_services.refresh_scores(owner=jordan, today=timezone.localdate() - dt.timedelta(days=1))
    balance = jordan_api.get(f"/api/people/{di.pk}").json()["balance"]
    assert (balance["label"], balance["on"]) == ("you give more", timezone.localdate().isoformat())


def test_an_unknown_balance_or_sort_is_a_field_error(jordan_api):
    assert set(field_errors(jordan_api.get("/api/people?balance=rich"))) == {"balance"}
    assert set(field_errors(jordan_api.get("/api/people?sort=richest"))) == {"sort"}


def test_riley_never_sees_jordans_people_by_balance(riley_api, jordan):
    balance_network(jordan)
    for query in ("balance=owe", "balance=none", "sort=owe"):
        assert names(riley_api.get(f"/api/people?{query}")) == []
