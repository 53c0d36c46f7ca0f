"""/api/exchanges, /api/introductions, /api/asks and the balances; Riley never sees Jordan's."""

from __future__ import annotations

import pytest

from mutuals.ledger import selectors as ledger_selectors
from mutuals.ledger import services as ledger_services
from mutuals.needs import selectors as need_selectors
from mutuals.needs import services as need_services
from tests.api.conftest import field_errors
from tests.factories import days_ago, make_person

JSON = "application/json"
EXCHANGE_KEYS = {
    "id",
    "person",
    "direction",
    "kind",
    "text",
    "occurred_on",
    "need",
    "introduced_to",
    "thanked_on",
    "created_at",
}
ASK_KEYS = {"id", "person", "text", "asked_on", "answered", "answered_on", "outcome", "created_at"}


def exchange(owner, person, direction="received", kind="referral", days=0):
    return ledger_services.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction=direction,
        kind=kind,
        text=f"{direction} {kind}",
        occurred_on=days_ago(days),
    )


def test_it_records_a_give_that_helps_a_need(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    need = need_services.add_need(owner=jordan, text="A data lead", person_id=rosa.pk)
    response = jordan_api.post(
        "/api/exchanges",
        {
            "person": rosa.pk,
            "direction": "gave",
            "kind": "introduction",
            "text": "Intro to Jin",
            "need": need.pk,
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == EXCHANGE_KEYS
    assert (body["person"], body["need"]) == ({"id": rosa.pk, "name": "Rosa Núñez"}, need.pk)
    assert need_selectors.get_need(owner=jordan, need_id=need.pk).status == "helped"


def test_an_exchange_names_the_fields_that_need_attention(jordan_api, jordan):
    response = jordan_api.post("/api/exchanges", {}, content_type=JSON)
    assert set(field_errors(response)) == {"person", "direction", "text"}
    rosa = make_person(jordan)
    response = jordan_api.post(
        "/api/exchanges",
        {"person": rosa.pk, "direction": "gave", "kind": "cake", "text": "x"},
        content_type=JSON,
    )
    assert set(field_errors(response)) == {"kind"}
    assert not ledger_selectors.exchanges_for(owner=jordan).exists()


def test_the_exchange_list_is_newest_first_and_narrows_to_a_person(jordan_api, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    exchange(jordan, rosa, "gave", "advice", days=3)
    exchange(jordan, jin, "received", "referral", days=1)
    body = jordan_api.get("/api/exchanges").json()
    assert body["count"] == 2
    assert [e["kind"] for e in body["items"]] == ["referral", "advice"]
    only_rosa = jordan_api.get(f"/api/exchanges?person={rosa.pk}").json()["items"]
    assert [e["kind"] for e in only_rosa] == ["advice"]


def test_it_deletes_an_exchange(jordan_api, jordan):
    made = exchange(jordan, make_person(jordan))
    assert jordan_api.delete(f"/api/exchanges/{made.pk}").status_code == 204
    assert not ledger_selectors.exchanges_for(owner=jordan).exists()


def test_an_introduction_is_a_give_to_each_person(jordan_api, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    response = jordan_api.post(
        "/api/introductions",
        {"person": rosa.pk, "other": jin.pk, "note": "Both in data"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["count"] == 2
    pairs = {(e["person"]["id"], e["introduced_to"]["id"]) for e in body["items"]}
    assert pairs == {(rosa.pk, jin.pk), (jin.pk, rosa.pk)}


def test_an_introduction_to_the_same_person_names_other(jordan_api, jordan):
    rosa = make_person(jordan)
    response = jordan_api.post(
        "/api/introductions", {"person": rosa.pk, "other": rosa.pk}, content_type=JSON
    )
    assert set(field_errors(response)) == {"other"}


def test_an_ask_comes_with_a_warning_when_the_balance_is_against_you(jordan_api, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "received", "referral")
    need = need_services.add_need(owner=jordan, text="A designer", person_id=rosa.pk)
    response = jordan_api.post(
        "/api/asks", {"person": rosa.pk, "text": "An intro to Acme"}, content_type=JSON
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"ask", "warning"}
    assert set(body["ask"]) == ASK_KEYS
    assert set(body["warning"]) == {"severity", "message", "give_first"}
    assert [n["id"] for n in body["warning"]["give_first"]] == [need.pk]


def test_an_ask_has_no_warning_when_you_have_given_more(jordan_api, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "gave", "referral")
    response = jordan_api.post("/api/asks", {"person": rosa.pk, "text": "Intro"}, content_type=JSON)
    assert response.status_code == 201
    assert response.json()["warning"] is None


def test_an_ask_names_the_fields_that_need_attention(jordan_api, jordan, riley):
    assert set(field_errors(jordan_api.post("/api/asks", {}, content_type=JSON))) == {
        "person",
        "text",
    }
    stranger = make_person(riley, "Sam Stone")
    response = jordan_api.post(
        "/api/asks", {"person": stranger.pk, "text": "Intro"}, content_type=JSON
    )
    assert set(field_errors(response)) == {"person"}
    rosa = make_person(jordan)
    response = jordan_api.post("/api/asks", {"person": rosa.pk, "text": " "}, content_type=JSON)
    assert set(field_errors(response)) == {"text"}


def test_asks_are_listed_and_marked_answered(jordan_api, jordan):
    rosa = make_person(jordan)
    asked = ledger_services.record_ask(owner=jordan, person_id=rosa.pk, text="Intro")
    assert [a["text"] for a in jordan_api.get("/api/asks?unanswered=true").json()["items"]] == [
        "Intro"
    ]
    response = jordan_api.post(
        f"/api/asks/{asked.pk}/answered", {"note": "Said yes"}, content_type=JSON
    )
    assert response.status_code == 200
    assert (response.json()["answered"], response.json()["outcome"]) == (True, "Said yes")
    assert jordan_api.get("/api/asks?unanswered=true").json()["count"] == 0
    assert jordan_api.delete(f"/api/asks/{asked.pk}").status_code == 204


def test_the_balance_list_puts_the_most_against_you_first(jordan_api, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    exchange(jordan, rosa, "gave", "advice")
    exchange(jordan, jin, "received", "referral")
    body = jordan_api.get("/api/balance").json()
    assert body["count"] == 2
    assert [b["person"]["id"] for b in body["items"]] == [jin.pk, rosa.pk]
    assert set(body["items"][0]) == {"person", "given", "received", "score", "label"}


def test_one_persons_balance_has_reasons_history_and_the_warning(jordan_api, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "received", "referral")
    ledger_services.record_ask(owner=jordan, person_id=rosa.pk, text="Intro")
    body = jordan_api.get(f"/api/people/{rosa.pk}/balance").json()
    assert body["label"] == "you receive more"
    assert body["reasons"]
    assert [e["kind"] for e in body["exchanges"]] == ["referral"]
    assert [a["text"] for a in body["asks"]] == ["Intro"]
    assert body["warning"]["severity"] in {"warn", "caution"}


def test_a_balance_with_nothing_exchanged_is_even_and_warning_free(jordan_api, jordan):
    rosa = make_person(jordan)
    body = jordan_api.get(f"/api/people/{rosa.pk}/balance").json()
    assert (body["score"], body["warning"], body["exchanges"]) == (0.0, None, [])


@pytest.mark.parametrize(
    ("method", "address", "body"),
    [
        ("delete", "/api/exchanges/{exchange}", None),
        ("post", "/api/asks/{ask}/answered", {}),
        ("delete", "/api/asks/{ask}", None),
        ("get", "/api/people/{person}/balance", None),
        ("get", "/api/exchanges?person={person}", None),
        ("get", "/api/asks?person={person}", None),
    ],
)
def test_riley_cannot_see_or_touch_jordans_ledger(riley_api, jordan, method, address, body):
    rosa = make_person(jordan)
    made = exchange(jordan, rosa)
    asked = ledger_services.record_ask(owner=jordan, person_id=rosa.pk, text="Intro")
    url = address.format(exchange=made.pk, ask=asked.pk, person=rosa.pk)
    kwargs = {"data": body, "content_type": JSON} if body is not None else {}
    response = getattr(riley_api, method)(url, **kwargs)
    assert response.status_code == 404
    assert ledger_selectors.exchanges_for(owner=jordan).count() == 1
    assert ledger_selectors.asks_for(owner=jordan, unanswered=True).count() == 1


def test_riley_lists_none_of_jordans_ledger_and_cannot_use_his_people(riley_api, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa)
    ledger_services.record_ask(owner=jordan, person_id=rosa.pk, text="Intro")
    for address in ("/api/exchanges", "/api/asks", "/api/balance"):
        assert riley_api.get(address).json() == {"count": 0, "items": []}
    response = riley_api.post(
        "/api/exchanges",
        {"person": rosa.pk, "direction": "gave", "text": "x"},
        content_type=JSON,
    )
    assert set(field_errors(response)) == {"person"}
