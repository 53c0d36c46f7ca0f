"""`mutuals promise`, `promises`, `done` and `snooze`."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.core.dates import parse_date
from mutuals.promises import selectors as promise_selectors
from tests.cli.conftest import failed, parsed
from tests.factories import days_ago, make_person, make_promise

PROMISE_KEYS = {"id", "text", "person", "due_on", "status", "done_at", "snoozed_until"}


def open_promises(owner):
    return list(promise_selectors.promises_for(owner=owner))


def test_promise_records_a_follow_up_with_a_forgiving_due_date(mutuals, jordan):
    rosa = make_person(jordan)
    result = mutuals("promise", "rosa", "Send the article", "--due", "friday")
    assert result.exit_code == 0, result.output
    [made] = open_promises(jordan)
    assert (made.person_id, made.text) == (rosa.pk, "Send the article")
    assert made.due_on == parse_date("friday", days_ago(0))
    assert f"Promise #{made.pk}" in result.stderr


def test_promise_needs_a_due_date(mutuals, jordan):
    make_person(jordan)
    assert mutuals("promise", "rosa", "Send the article").exit_code == ExitCode.USAGE


def test_promise_json_prints_the_promise(mutuals, jordan):
    make_person(jordan)
    data = parsed(mutuals("promise", "rosa", "Send it", "--due", "tomorrow", "--json"))
    assert set(data) >= PROMISE_KEYS


def test_promise_rejects_empty_text_naming_it(mutuals, jordan):
    make_person(jordan)
    message = failed(mutuals("promise", "rosa", "  ", "--due", "today"), ExitCode.INVALID)
    assert message.startswith("TEXT:")


def test_promises_lists_open_ones(mutuals, jordan):
    make_promise(jordan, make_person(jordan), "Send the article", due_in=-1)
    result = mutuals("promises")
    assert result.exit_code == 0, result.output
    assert "Send the article" in result.stdout
    assert "overdue" in result.stdout


def test_promises_json_leaves_done_ones_out_unless_all(mutuals, jordan):
    kept = make_promise(jordan, text="Kept")
    make_promise(jordan, text="Still open")
    mutuals("done", str(kept.pk))
    data = parsed(mutuals("promises", "--json"))
    assert [p["text"] for p in data["promises"]] == ["Still open"]
    assert set(data["promises"][0]) >= PROMISE_KEYS
    everything = parsed(mutuals("promises", "--all", "--json"))["promises"]
    assert sorted(p["status"] for p in everything) == ["done", "open"]


def test_done_marks_a_promise_kept(mutuals, jordan):
    made = make_promise(jordan)
    result = mutuals("done", str(made.pk))
    assert result.exit_code == 0, result.output
    assert open_promises(jordan) == []


def test_snooze_puts_a_promise_off(mutuals, jordan):
    made = make_promise(jordan)
    assert mutuals("snooze", str(made.pk), "--until", "in 3 days").exit_code == 0
    assert promise_selectors.get_promise(owner=jordan, promise_id=made.pk).snoozed_until == (
        days_ago(-3)
    )


def test_snooze_to_a_past_day_is_invalid(mutuals, jordan):
    made = make_promise(jordan)
    message = failed(mutuals("snooze", str(made.pk), "--until", "yesterday"), ExitCode.INVALID)
    assert message.startswith("--until:")


def test_an_unknown_promise_number_is_not_found(mutuals, jordan):
    message = failed(mutuals("done", "999999"), ExitCode.NOT_FOUND)
    assert "mutuals promises" in message


def test_riley_can_neither_see_nor_keep_jordans_promises(mutuals, jordan, riley):
    made = make_promise(jordan, text="Jordan's promise")
    assert parsed(mutuals("--user", "riley", "promises", "--json"))["promises"] == []
    failed(mutuals("--user", "riley", "done", str(made.pk)), ExitCode.NOT_FOUND)
    failed(mutuals("--user", "riley", "snooze", str(made.pk), "--until", "friday"), 3)
    assert open_promises(jordan)[0].snoozed_until is None
