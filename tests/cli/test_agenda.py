"""`mutuals today`: the daily plan."""

from __future__ import annotations

from tests.cli.conftest import parsed
from tests.factories import days_ago, log, make_person, make_promise

ITEM_KEYS = {"kind", "person", "reason", "promise_id", "due_on", "text"}


def test_today_prints_the_plan_numbered_with_reasons(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=94)
    make_promise(jordan, rosa, "Send Rosa the article", due_in=-2)
    jin = make_person(jordan, "Jin Park", tier="close", known_since=days_ago(400))
    log(jordan, jin, days=94)
    result = mutuals("today")
    assert result.exit_code == 0, result.output
    assert "Today's plan: 0 of 5 done" in result.stdout
    assert "1. #" in result.stdout
    assert "Send Rosa the article" in result.stdout
    assert "2 days overdue." in result.stdout
    assert "2. Jin Park" in result.stdout
    assert "(keep in touch)" in result.stdout
    assert "Last talked 3 months ago" in result.stdout


def test_today_json_has_the_plan_and_what_comes_later(mutuals, jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=94)
    data = parsed(mutuals("today", "--json"))
    assert set(data) == {
        "date", "plan_size", "done_today", "total_due", "items", "later", "later_count",
        "later_days", "totals", "meetings",
    }  # fmt: skip
    assert data["date"] == days_ago(0).isoformat()
    assert (data["plan_size"], data["done_today"], data["total_due"]) == (5, 0, 1)
    [item] = data["items"]
    assert set(item) >= ITEM_KEYS
    assert item["kind"] == "keep_in_touch"
    assert item["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert "Last talked 3 months ago" in item["reason"]
    assert data["later"] == []
    assert data["totals"]["keep_in_touch"] == 1


def test_today_json_gives_a_promise_without_a_person_a_null_person(mutuals, jordan):
    make_promise(jordan, None, "Update my CV", due_in=0)
    [item] = parsed(mutuals("today", "--json"))["items"]
    assert (item["kind"], item["person"], item["text"]) == ("promise", None, "Update my CV")


def test_today_with_nothing_due_says_so(mutuals, jordan):
    result = mutuals("today")
    assert result.exit_code == 0
    assert "Nothing due today" in result.stderr
    assert parsed(mutuals("today", "--json"))["items"] == []


def overdue_contacts(owner, count: int) -> None:
    for n in range(count):
        person = make_person(owner, f"Contact {n:02}", tier="close", known_since=days_ago(400))
        log(owner, person, days=60)


def test_today_shows_the_plan_and_all_with_all(mutuals, jordan):
    overdue_contacts(jordan, 12)
    data = parsed(mutuals("today", "--json"))
    assert len(data["items"]) == 5
    assert [item["planned_for"] for item in data["later"]] == [days_ago(-1).isoformat()] * 5 + [
        days_ago(-2).isoformat()
    ] * 2
    assert "7 more over the next 2 days (mutuals today --all)" in mutuals("today").stdout
    everything = mutuals("today", "--all").stdout
    assert all(f"Contact {n:02}" in everything for n in range(12))


def test_today_json_holds_a_week_of_coming_days_and_all_with_all(mutuals, jordan):
    from mutuals.accounts.services import update_preferences

    update_preferences(user=jordan, plan_size=1)
    overdue_contacts(jordan, 12)  # 1 today, then 1 a day: 11 coming days
    coming = [days_ago(-n).isoformat() for n in range(1, 12)]
    week = parsed(mutuals("today", "--json"))
    assert [item["planned_for"] for item in week["later"]] == coming[:7]
    assert (week["later_count"], week["later_days"]) == (11, 7)
    everything = parsed(mutuals("today", "--all", "--json"))
    assert [item["planned_for"] for item in everything["later"]] == coming
    assert everything["later_days"] is None


def test_today_more_pulls_the_next_items_forward(mutuals, jordan):
    overdue_contacts(jordan, 7)
    data = parsed(mutuals("today", "--more", "2", "--json"))
    assert (len(data["items"]), len(data["later"])) == (7, 0)


def test_today_more_refuses_a_negative_count(mutuals, jordan):
    result = mutuals("today", "--more", "-1")
    assert result.exit_code != 0
    assert "--more" in result.output


def test_riley_never_sees_jordans_agenda(mutuals, jordan, riley):
    make_promise(jordan, make_person(jordan), "Send Rosa the article", due_in=-1)
    assert parsed(mutuals("--user", "riley", "today", "--json"))["items"] == []
    assert "Send Rosa" not in mutuals("--user", "riley", "today").output
