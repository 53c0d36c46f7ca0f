"""Who the CLI acts as: the only user, else the one named by --user or MUTUALS_USER."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from tests.cli.conftest import failed, parsed
from tests.factories import make_person


def test_with_one_user_it_acts_as_them(mutuals, jordan):
    make_person(jordan, "Rosa Núñez")
    assert parsed(mutuals("people", "--json"))["count"] == 1


def test_with_no_user_yet_it_creates_the_owner_and_acts_as_them(mutuals):
    result = mutuals("today", env={"LOGNAME": "dana"})
    assert result.exit_code == 0, result.output
    assert "Created your account 'dana'" in result.stderr


def test_with_more_than_one_user_it_needs_to_be_told_which(mutuals, jordan, riley):
    message = failed(mutuals("today"), ExitCode.NO_USER)
    assert "--user" in message
    assert "MUTUALS_USER" in message


def test_the_user_option_picks_the_user(mutuals, jordan, riley):
    make_person(riley, "Riley's Friend")
    data = parsed(mutuals("--user", "riley", "people", "--json"))
    assert [p["name"] for p in data["people"]] == ["Riley's Friend"]


def test_the_environment_variable_picks_the_user(mutuals, jordan, riley):
    make_person(jordan, "Rosa Núñez")
    data = parsed(mutuals("people", "--json", env={"MUTUALS_USER": "jordan"}))
    assert [p["name"] for p in data["people"]] == ["Rosa Núñez"]


def test_an_unknown_user_is_refused(mutuals, jordan):
    message = failed(mutuals("--user", "nobody", "today"), ExitCode.NO_USER)
    assert "'nobody'" in message
