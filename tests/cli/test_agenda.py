"""`mutuals today`: the agenda."""

from __future__ import annotations

from mutuals.core.agenda import DEFAULT_LIMITS
from tests.cli.conftest import parsed
from tests.factories import days_ago, log, make_person, make_promise

ITEM_KEYS = {"kind", "person", "reason", "promise_id", "due_on", "text"}


def test_today_groups_items_with_their_reasons(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=94)
    make_promise(jordan, rosa, "Send Rosa the article", due_in=-2)
    jin = make_person(jordan, "Jin Park", tier="close", known_since=days_ago(400))
    log(jordan, jin, days=94)
    result = mutuals("today")
    assert result.exit_code == 0, result.output
    assert "Promises due" in result.stdout
    assert "Send Rosa the article" in result.stdout
    assert "2 days overdue" in result.stdout
    assert "Due to keep in touch" in result.stdout
    assert "Jin Park" in result.stdout
    assert "last talked 94 days ago" in result.stdout


def test_today_json_has_date_items_and_totals(mutuals, jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=94)
    data = parsed(mutuals("today", "--json"))
    assert set(data) == {"date", "items", "totals"}
    assert data["date"] == days_ago(0).isoformat()
    [item] = data["items"]
    assert set(item) >= ITEM_KEYS
    assert item["kind"] == "keep_in_touch"
    assert item["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert "94 days ago" in item["reason"]
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


def test_today_shows_the_top_of_each_group_and_all_with_all(mutuals, jordan):
    overdue_contacts(jordan, DEFAULT_LIMITS.keep_in_touch + 2)
    assert len(parsed(mutuals("today", "--json"))["items"]) == DEFAULT_LIMITS.keep_in_touch
    assert "and 2 more" in mutuals("today").stdout
    assert len(parsed(mutuals("today", "--all", "--json"))["items"]) == (
        DEFAULT_LIMITS.keep_in_touch + 2
    )


def test_riley_never_sees_jordans_agenda(mutuals, jordan, riley):
    make_promise(jordan, make_person(jordan), "Send Rosa the article", due_in=-1)
    assert parsed(mutuals("--user", "riley", "today", "--json"))["items"] == []
    assert "Send Rosa" not in mutuals("--user", "riley", "today").output
