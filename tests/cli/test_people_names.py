"""`mutuals add` keeps the name as typed."""

from __future__ import annotations

from tests.cli.conftest import parsed


def test_add_keeps_the_name_exactly_as_typed(mutuals, jordan):
    person = parsed(mutuals("add", "王小明", "--json"))
    assert (person["name"], person["display_name"]) == ("王小明", "王小明")


def test_add_keeps_lower_case_as_typed(mutuals, jordan):
    person = parsed(mutuals("add", "bell hooks", "--json"))
    assert (person["name"], person["last_name"]) == ("bell hooks", "hooks")
