"""`mutuals position list|add|remove` and what `mutuals org show` says of people there before
and of you."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.people.models import Position
from mutuals.people.positions import add_position
from mutuals.people.services import create_person, update_person
from tests.cli.conftest import failed, parsed
from tests.factories import make_orion, make_person

DASH = "\u2013"


def test_position_add_for_someone_and_for_you(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    result = mutuals(
        "position", "add", "rosa", "--org", "Acme", "--title", "Designer",
        "--from", "2019", "--until", "Feb 2023",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Added Acme (2019{DASH}2023) to Rosa Núñez's history" in result.stderr
    assert mutuals("position", "add", "--org", "Orion Labs", "--from", "Mar 2023").exit_code == 0
    assert Position.objects.get(person=rosa).title == "Designer"
    assert Position.objects.get(person=None).organization.name == "Orion Labs"


def test_position_list_prints_months_as_dates_in_json(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    add_position(
        owner=jordan, person_id=rosa.pk, organization="Acme", started_on="Mar 2019", ended_on="2023"
    )
    data = parsed(mutuals("position", "list", "rosa", "--json"))
    assert data["person"] == rosa.pk
    assert data["count"] == 1
    item = data["items"][0]
    assert (item["organization"]["name"], item["started_on"], item["ended_on"]) == (
        "Acme",
        "2019-03-01",
        "2023-01-01",
    )
    assert item["current"] is False
    assert "Acme" in mutuals("position", "list", "rosa").stdout
    assert "no positions yet" in mutuals("position", "list").stderr


def test_position_add_with_a_bad_month_says_so_and_adds_nothing(mutuals, jordan):
    message = failed(
        mutuals("position", "add", "--org", "Acme", "--from", "soon"), ExitCode.INVALID
    )
    assert "is not a month or a year" in message
    assert not Position.objects.exists()


def test_position_remove_and_someone_elses_number(mutuals, jordan, riley):
    mine = add_position(owner=jordan, person_id=None, organization="Acme")
    theirs = add_position(owner=riley, person_id=None, organization="Acme")
    as_jordan = ("--user", "jordan", "position", "remove")
    failed(mutuals(*as_jordan, str(theirs.pk)), ExitCode.NOT_FOUND)
    assert mutuals(*as_jordan, str(mine.pk)).exit_code == 0
    assert list(Position.objects.values_list("pk", flat=True)) == [theirs.pk]


def test_org_show_says_who_was_there_before_and_when_you_were(mutuals, jordan):
    ben = create_person(owner=jordan, name="Ben Before", organization="Orion")
    update_person(owner=jordan, person_id=ben.pk, organization="Fabrikam")
    add_position(
        owner=jordan, person_id=None, organization="Orion", started_on="2019", ended_on="2023"
    )
    result = mutuals("org", "show", "Orion")
    assert "People there before" in result.stdout
    assert "Ben Before" in result.stdout
    assert f"You worked here (2019{DASH}2023)" in result.stdout
    data = parsed(mutuals("org", "show", "Orion", "--json"))
    assert [p["id"] for p in data["before"]] == [ben.pk]
    assert data["before"][0]["ended_on"] is not None
    assert data["you_worked_here"] == [
        {"title": "", "started_on": "2019-01-01", "ended_on": "2023-01-01", "current": False}
    ]


def test_org_show_gives_paths_through_people_there_before(mutuals, jordan):
    _, _, alice = make_orion(jordan, cleo_knows_alice=None)
    update_person(owner=jordan, person_id=alice.pk, organization="Fabrikam")
    result = mutuals("org", "show", "Orion")
    assert "Path through someone there before: You → Bruce Wayne → Alice Oduya" in result.stdout
    data = parsed(mutuals("org", "show", "Orion", "--json"))
    assert data["paths"] == []
    assert data["paths_before"][0]["target"] == alice.pk
