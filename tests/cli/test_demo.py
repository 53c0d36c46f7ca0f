"""`mutuals demo`: load or clear the demo network."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.people import selectors as people_selectors
from tests.cli.conftest import failed
from tests.factories import make_person


def test_demo_loads_a_network_to_explore(mutuals, jordan):
    result = mutuals("demo")
    assert result.exit_code == 0, result.output
    assert people_selectors.count_people(owner=jordan) > 100
    assert "mutuals today" in result.stderr


def test_demo_refuses_to_load_twice(mutuals, jordan):
    mutuals("demo")
    before = people_selectors.count_people(owner=jordan)
    assert "--clear" in failed(mutuals("demo"), ExitCode.INVALID)
    assert people_selectors.count_people(owner=jordan) == before


def test_demo_clear_removes_it_and_keeps_your_own_people(mutuals, jordan):
    make_person(jordan, "My Own Friend")
    mutuals("demo", "--seed", "3")
    result = mutuals("demo", "--clear")
    assert result.exit_code == 0, result.output
    remaining = people_selectors.people_list(owner=jordan, today=None)
    assert [p.full_name for p in remaining] == ["My Own Friend"]


def test_rileys_demo_stays_rileys(mutuals, jordan, riley):
    assert mutuals("--user", "riley", "demo").exit_code == 0
    assert people_selectors.count_people(owner=jordan) == 0
    assert people_selectors.count_people(owner=riley) > 100
