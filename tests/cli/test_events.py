"""`mutuals event add|list|show|met` and `mutuals community list|show`."""

from __future__ import annotations

import datetime as dt

from mutuals.cli.errors import ExitCode
from mutuals.events import services
from mutuals.events.models import Event
from tests.cli.conftest import failed, parsed
from tests.factories import make_person

DAY = dt.date(2025, 11, 20)


def test_event_add_records_the_people_met_there_and_the_community(mutuals, jordan):
    ana, bo = make_person(jordan, "Ana Ruiz"), make_person(jordan, "Bo Li")
    cy = make_person(jordan, "Cy Young")
    result = mutuals(
        "event",
        "add",
        "Product meetup",
        "--on",
        "2025-11-20",
        "--community",
        "Product Circle",
        "--met",
        "Ana Ruiz",
        "--met",
        "Bo Li",
        "--with",
        "cy",
    )
    assert result.exit_code == 0, result.output
    assert "Event #" in result.stderr
    assert "2 met there" in result.stderr
    event = Event.objects.get(owner=jordan)
    assert (event.day, event.community.name) == (DAY, "Product Circle")
    assert sorted((link.person_id, link.met_here) for link in event.people.all()) == sorted(
        [(ana.pk, True), (bo.pk, True), (cy.pk, False)]
    )


def test_event_add_prints_json(mutuals, jordan):
    make_person(jordan, "Ana Ruiz")
    data = parsed(
        mutuals(
            "event",
            "add",
            "Class",
            "--on",
            "2025-11-20",
            "--kind",
            "class",
            "--met",
            "ana",
            "--json",
        )
    )
    assert (data["name"], data["kind"], data["day"]) == ("Class", "class", "2025-11-20")
    assert data["people"][0]["met_here"] is True


def test_event_add_with_an_unknown_person_changes_nothing(mutuals, jordan):
    failed(mutuals("event", "add", "Meetup", "--met", "nobody"), ExitCode.NOT_FOUND)
    assert not Event.objects.exists()


def test_event_add_with_a_bad_day_names_the_option(mutuals, jordan):
    message = failed(mutuals("event", "add", "Meetup", "--on", "someday"), ExitCode.INVALID)
    assert "--on" in message
    assert not Event.objects.exists()


def test_event_add_with_an_empty_name_says_so(mutuals, jordan):
    message = failed(mutuals("event", "add", "  "), ExitCode.INVALID)
    assert "name" in message.lower()


def test_event_list_prints_count_and_items_and_filters(mutuals, jordan):
    ana = make_person(jordan, "Ana Ruiz")
    services.create_event(
        owner=jordan, name="A", day=DAY, community="Guild", people=[(ana.pk, True)]
    )
    services.create_event(owner=jordan, name="B", day=DAY)
    data = parsed(mutuals("event", "list", "--json"))
    assert data["count"] == 2
    assert [
        i["name"]
        for i in parsed(mutuals("event", "list", "--community", "guild", "--json"))["items"]
    ] == ["A"]
    assert [
        i["name"] for i in parsed(mutuals("event", "list", "--person", "ana", "--json"))["items"]
    ] == ["A"]
    table = mutuals("event", "list")
    assert table.exit_code == 0
    assert "Guild" in table.stdout


def test_event_list_says_how_to_add_one_when_empty(mutuals, jordan):
    result = mutuals("event", "list")
    assert result.exit_code == 0
    assert "mutuals event add" in result.stderr


def test_event_met_adds_people_met_there_or_already_known(mutuals, jordan):
    ana, bo = make_person(jordan, "Ana Ruiz"), make_person(jordan, "Bo Li")
    event = services.create_event(owner=jordan, name="Meetup", day=DAY)
    assert mutuals("event", "met", str(event.pk), "ana").exit_code == 0
    data = parsed(mutuals("event", "met", str(event.pk), "bo", "--already-knew", "--json"))
    assert {(p["id"], p["met_here"]) for p in data["people"]} == {(ana.pk, True), (bo.pk, False)}


def test_event_show_lists_whom_you_met(mutuals, jordan):
    ana = make_person(jordan, "Ana Ruiz")
    event = services.create_event(owner=jordan, name="Meetup", day=DAY, people=[(ana.pk, True)])
    result = mutuals("event", "show", str(event.pk))
    assert result.exit_code == 0
    assert "Met there: Ana Ruiz" in result.stdout
    assert parsed(mutuals("event", "show", str(event.pk), "--json"))["id"] == event.pk


def test_someone_elses_event_is_not_found(mutuals, jordan, riley):
    theirs = services.create_event(owner=riley, name="Secret", day=DAY)
    make_person(jordan, "Ana Ruiz")
    as_jordan = ("--user", "jordan", "event")
    failed(mutuals(*as_jordan, "show", str(theirs.pk)), ExitCode.NOT_FOUND)
    failed(mutuals(*as_jordan, "met", str(theirs.pk), "ana"), ExitCode.NOT_FOUND)
    assert not theirs.people.exists()
    assert parsed(mutuals(*as_jordan, "list", "--json"))["count"] == 0


def test_community_list_and_show(mutuals, jordan):
    ana = make_person(jordan, "Ana Ruiz")
    services.create_event(
        owner=jordan, name="Run", day=DAY, community="Runners", people=[(ana.pk, False)]
    )
    data = parsed(mutuals("community", "list", "--json"))
    assert [(c["name"], c["people_count"], c["last_went"]) for c in data["items"]] == [
        ("Runners", 1, "2025-11-20")
    ]
    page = parsed(mutuals("community", "show", "runners", "--json"))
    assert [p["name"] for p in page["people"]] == ["Ana Ruiz"]
    shown = mutuals("community", "show", f"#{page['id']}")
    assert "Ana Ruiz" in shown.stdout


def test_someone_elses_community_is_not_found(mutuals, jordan, riley):
    services.create_community(owner=riley, name="Secret club")
    as_jordan = ("--user", "jordan", "community")
    message = failed(mutuals(*as_jordan, "show", "secret club"), ExitCode.NOT_FOUND)
    assert "mutuals community list" in message
    assert parsed(mutuals(*as_jordan, "list", "--json"))["count"] == 0
