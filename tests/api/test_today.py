"""/api/today: the agenda, in the very shape `mutuals today --json` prints."""

from __future__ import annotations

from django.utils import timezone

from mutuals.agenda.selectors import today_agenda
from mutuals.agenda.serialize import agenda_to_dict
from tests.factories import days_ago, log, make_person, make_promise

ITEM_KEYS = {
    "kind",
    "person",
    "reason",
    "score",
    "promise_id",
    "due_on",
    "overdue_days",
    "strength",
    "text",
}
KINDS = {"promise", "new_acquaintance", "keep_in_touch", "dormant"}


def test_an_empty_agenda_still_has_every_key(jordan_api):
    body = jordan_api.get("/api/today").json()
    assert body == {
        "date": timezone.localdate().isoformat(),
        "items": [],
        "totals": dict.fromkeys(KINDS, 0),
    }


def test_items_carry_kind_person_and_reason(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=45)
    make_promise(jordan, make_person(jordan, "Ann Lee"), text="Send the article", due_in=-2)
    items = jordan_api.get("/api/today").json()["items"]
    assert all(set(item) == ITEM_KEYS for item in items)
    promise, keep_in_touch = items
    assert promise["kind"] == "promise"
    assert (promise["text"], promise["overdue_days"]) == ("Send the article", 2)
    assert keep_in_touch["kind"] == "keep_in_touch"
    assert keep_in_touch["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert "45 days ago" in keep_in_touch["reason"]


def test_it_answers_exactly_what_the_cli_prints(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=45)
    make_promise(jordan, text="Update the CV")
    today = timezone.localdate()
    expected = agenda_to_dict(today_agenda(owner=jordan, today=today), today)
    assert jordan_api.get("/api/today").json() == expected


def test_a_promise_to_nobody_has_a_null_person(jordan_api, jordan):
    make_promise(jordan, text="Update the CV")
    (item,) = jordan_api.get("/api/today").json()["items"]
    assert item["person"] is None


def test_riley_does_not_see_jordans_agenda(riley_api, jordan):
    make_promise(jordan, make_person(jordan, "Rosa Núñez"))
    body = riley_api.get("/api/today").json()
    assert body["items"] == []
    assert set(body["totals"].values()) == {0}
