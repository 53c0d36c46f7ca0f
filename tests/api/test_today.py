"""/api/today: the daily plan, in the very shape `mutuals today --json` prints; and
POST /api/exchanges/{id}/thanked, the agenda's thank-you action."""

from __future__ import annotations

from django.utils import timezone

from mutuals.agenda.selectors import today_plan
from mutuals.agenda.serialize import plan_to_dict
from mutuals.ledger.models import Exchange
from tests.api.conftest import field_errors
from tests.factories import days_ago, log, make_person, make_promise
from tests.give_and_take import asked, gave, noted, received

JSON = "application/json"
ITEM_KEYS = {
    "kind",
    "person",
    "reason",
    "score",
    "promise_id",
    "need_id",
    "exchange_id",
    "ask_id",
    "introduction_id",
    "date_id",
    "lead_id",
    "event_id",
    "assignment_id",
    "about",
    "due_on",
    "overdue_days",
    "strength",
    "text",
}
KINDS = {
    "promise",
    "assignment",
    "occasion",
    "introduction",
    "thank_you",
    "new_acquaintance",
    "keep_in_touch",
    "ask_unanswered",
    "need_review",
    "dormant",
    "interview",
    "referral_thanks",
    "application",
    "event_follow_up",
}


def test_an_empty_agenda_still_has_every_key(jordan_api):
    body = jordan_api.get("/api/today").json()
    assert body == {
        "date": timezone.localdate().isoformat(),
        "plan_size": 5,
        "done_today": 0,
        "total_due": 0,
        "items": [],
        "later": [],
        "later_count": 0,
        "later_days": 7,
        "totals": dict.fromkeys(KINDS, 0),
        "meetings": [],
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
    assert "Last talked 6 weeks ago" in keep_in_touch["reason"]


def test_give_and_take_items_name_the_thing_they_are_about(jordan_api, jordan):
    rosa = make_person(jordan, known_since=days_ago(400))
    log(jordan, rosa, days=2)
    got = received(jordan, rosa, days=21)
    ask = asked(jordan, rosa, days=10)
    need = noted(jordan, None, "Advice on a pay offer", days=40)
    body = jordan_api.get("/api/today").json()
    # one item per person a day: Rosa's ask waits for tomorrow
    by_kind = {item["kind"]: item for item in body["items"] + body["later"]}
    assert set(by_kind) == {"thank_you", "ask_unanswered", "need_review"}
    assert by_kind["thank_you"]["exchange_id"] == got.pk
    assert by_kind["ask_unanswered"]["ask_id"] == ask.pk
    assert (by_kind["need_review"]["need_id"], by_kind["need_review"]["person"]) == (need.pk, None)
    assert by_kind["need_review"]["text"] == "Advice on a pay offer"
    assert by_kind["ask_unanswered"]["due_on"] == days_ago(3).isoformat()
    assert body["totals"]["thank_you"] == 1


def test_it_answers_exactly_what_the_cli_prints(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=45)
    received(jordan, rosa, days=20)
    make_promise(jordan, text="Update the CV")
    today = timezone.localdate()
    expected = plan_to_dict(today_plan(jordan, today))
    assert jordan_api.get("/api/today").json() == expected


def test_later_items_carry_the_day_they_are_planned_for(jordan_api, jordan):
    for n in range(7):
        person = make_person(jordan, f"Contact {n}", tier="close", known_since=days_ago(400))
        log(jordan, person, days=60)
    body = jordan_api.get("/api/today").json()
    assert (len(body["items"]), body["total_due"]) == (5, 7)
    assert all(set(item) == ITEM_KEYS | {"planned_for"} for item in body["later"])
    assert {item["planned_for"] for item in body["later"]} == {days_ago(-1).isoformat()}


def test_more_pulls_later_items_into_today(jordan_api, jordan):
    for n in range(7):
        person = make_person(jordan, f"Contact {n}", tier="close", known_since=days_ago(400))
        log(jordan, person, days=60)
    body = jordan_api.get("/api/today?more=1").json()
    assert (len(body["items"]), len(body["later"])) == (6, 1)


def test_later_holds_a_week_of_coming_days_unless_all_are_asked_for(jordan_api, jordan):
    from mutuals.accounts.services import update_preferences

    update_preferences(user=jordan, plan_size=1)
    for n in range(12):  # 1 today, then 1 a day: 11 coming days
        person = make_person(jordan, f"Contact {n:02}", tier="close", known_since=days_ago(400))
        log(jordan, person, days=60)
    coming = [days_ago(-n).isoformat() for n in range(1, 12)]

    week = jordan_api.get("/api/today").json()
    assert [item["planned_for"] for item in week["later"]] == coming[:7]
    assert (week["later_count"], week["later_days"], week["total_due"]) == (11, 7, 12)

    everything = jordan_api.get("/api/today?coming=all").json()
    assert [item["planned_for"] for item in everything["later"]] == coming
    assert (everything["later_count"], everything["later_days"]) == (11, None)
    assert jordan_api.get("/api/today?coming=month").status_code == 422


def test_more_out_of_range_is_refused(jordan_api):
    assert jordan_api.get("/api/today?more=-1").status_code == 422


def test_a_promise_to_nobody_has_a_null_person(jordan_api, jordan):
    make_promise(jordan, text="Update the CV")
    (item,) = jordan_api.get("/api/today").json()["items"]
    assert item["person"] is None


def test_marking_a_receive_thanked_answers_the_exchange(jordan_api, jordan):
    got = received(jordan, make_person(jordan), days=21)
    response = jordan_api.post(f"/api/exchanges/{got.pk}/thanked", "{}", content_type=JSON)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["thanked_on"]) == (got.pk, timezone.localdate().isoformat())
    kinds = {item["kind"] for item in jordan_api.get("/api/today").json()["items"]}
    assert "thank_you" not in kinds


def test_a_thank_you_can_be_dated(jordan_api, jordan):
    got = received(jordan, make_person(jordan), days=21)
    body = {"thanked_on": days_ago(5).isoformat()}
    response = jordan_api.post(f"/api/exchanges/{got.pk}/thanked", body, content_type=JSON)
    assert response.json()["thanked_on"] == days_ago(5).isoformat()


def test_thanking_for_a_give_or_before_the_receive_names_the_field(jordan_api, jordan):
    rosa = make_person(jordan)
    given, got = gave(jordan, rosa, days=3), received(jordan, rosa, days=21)
    url = f"/api/exchanges/{given.pk}/thanked"
    assert "exchange" in field_errors(jordan_api.post(url, "{}", content_type=JSON))
    early = {"thanked_on": days_ago(30).isoformat()}
    url = f"/api/exchanges/{got.pk}/thanked"
    assert "thanked_on" in field_errors(jordan_api.post(url, early, content_type=JSON))
    assert not Exchange.objects.filter(thanked_on__isnull=False).exists()


def test_riley_does_not_see_jordans_agenda(riley_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    make_promise(jordan, rosa)
    received(jordan, rosa, days=20)
    noted(jordan, None, days=40)
    body = riley_api.get("/api/today").json()
    assert body["items"] == []
    assert set(body["totals"].values()) == {0}


def test_riley_cannot_thank_for_jordans_receive(riley_api, jordan):
    got = received(jordan, make_person(jordan), days=21)
    response = riley_api.post(f"/api/exchanges/{got.pk}/thanked", "{}", content_type=JSON)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert Exchange.objects.get().thanked_on is None
