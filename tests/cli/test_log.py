"""`mutuals log`: record a conversation."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.interactions import selectors as interaction_selectors
from tests.cli.conftest import failed, parsed
from tests.factories import days_ago, make_person


def timeline(owner, person):
    return list(interaction_selectors.timeline(owner=owner, person_id=person.pk))


def test_log_records_a_conversation_today_by_default(mutuals, jordan):
    rosa = make_person(jordan)
    result = mutuals("log", "rosa", "Coffee about the Acme role")
    assert result.exit_code == 0, result.output
    [talk] = timeline(jordan, rosa)
    assert (talk.summary, talk.occurred_on, talk.kind) == (
        "Coffee about the Acme role",
        days_ago(0),
        "other",
    )
    assert "Logged a conversation with Rosa Núñez" in result.stderr


def test_log_takes_kind_date_who_started_and_more_people(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    jin = make_person(jordan, "Jin Park")
    result = mutuals(
        "log", "rosa", "Lunch", "--kind", "meeting", "--date", "3 days ago",
        "--with", "jin", "--started-by", "them",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [talk] = timeline(jordan, rosa)
    assert (talk.kind, talk.occurred_on, talk.initiated_by) == ("meeting", days_ago(3), "them")
    assert timeline(jordan, jin) == [talk]


def test_log_understands_yesterday_and_iso_dates(mutuals, jordan):
    rosa = make_person(jordan)
    mutuals("log", "rosa", "Call", "--date", "yesterday")
    mutuals("log", "rosa", "Email", "--date", days_ago(10).isoformat())
    assert [t.occurred_on for t in timeline(jordan, rosa)] == [days_ago(1), days_ago(10)]


def test_log_json_prints_the_conversation(mutuals, jordan):
    rosa = make_person(jordan)
    data = parsed(mutuals("log", "rosa", "Coffee", "--json"))
    assert {"id", "occurred_on", "summary", "kind", "people"} <= set(data)
    assert data["people"] == [{"id": rosa.pk, "name": "Rosa Núñez"}]


def test_log_rejects_a_date_it_cannot_read(mutuals, jordan):
    rosa = make_person(jordan)
    message = failed(mutuals("log", "rosa", "Coffee", "--date", "someday"), ExitCode.INVALID)
    assert "--date" in message
    assert "YYYY-MM-DD" in message
    assert timeline(jordan, rosa) == []


def test_log_rejects_a_future_date_naming_the_option(mutuals, jordan):
    make_person(jordan)
    message = failed(mutuals("log", "rosa", "Coffee", "--date", "in 9 days"), ExitCode.INVALID)
    assert message.startswith("--date:")


def test_log_with_an_ambiguous_name_records_nothing(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    make_person(jordan, "Rosalind Ng")
    message = failed(mutuals("log", "ros", "Coffee"), ExitCode.AMBIGUOUS)
    assert "Did you mean" in message
    assert timeline(jordan, rosa) == []


def test_log_with_an_unknown_extra_person_records_nothing(mutuals, jordan):
    rosa = make_person(jordan)
    failed(mutuals("log", "rosa", "Coffee", "--with", "Nobody At All"), ExitCode.NOT_FOUND)
    assert timeline(jordan, rosa) == []


def test_riley_cannot_log_with_jordans_people(mutuals, jordan, riley):
    rosa = make_person(jordan)
    failed(mutuals("--user", "riley", "log", "rosa", "Coffee"), ExitCode.NOT_FOUND)
    assert timeline(jordan, rosa) == []
