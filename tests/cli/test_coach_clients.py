"""`mutuals coach clients [--json] [--flagged]` and `mutuals coach show CLIENT [--json]`."""

from __future__ import annotations

import pytest
from django.utils import timezone

from mutuals.coaching.models import AccessRecord, CoachLink
from tests.cli.conftest import failed, parsed
from tests.coach_data import NETWORK_SECRETS, NEVER, PERSON, PLAN_SECRETS, link, planted
from tests.factories import log, make_person


@pytest.fixture
def as_casey(mutuals, casey):
    def run(*args: str):
        return mutuals("--user", "casey", *args)

    return run


def test_clients_json_is_the_dashboard_in_numbers(as_casey, casey, jordan):
    link(casey, jordan, level="plan")
    planted(jordan, timezone.localdate())
    [row] = parsed(as_casey("coach", "clients", "--json"))["items"]
    assert (row["name"], row["level"], row["flags"]) == (
        "jordan",
        "plan",
        ["asking_not_giving", "applied_waiting"],
    )
    assert AccessRecord.objects.get().what == "dashboard"


def test_clients_flagged_leaves_out_the_others(as_casey, casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    planted(jordan, timezone.localdate())
    log(riley, make_person(riley))
    items = parsed(as_casey("coach", "clients", "--json", "--flagged"))["items"]
    assert [row["name"] for row in items] == ["jordan"]


def test_clients_for_people_are_words_in_a_table(as_casey, casey, jordan):
    link(casey, jordan)
    planted(jordan, timezone.localdate())
    result = as_casey("coach", "clients")
    assert result.exit_code == 0, result.output
    assert "jordan" in result.stdout
    assert "3 asks" in result.stdout


def test_no_clients_says_how_to_invite(as_casey):
    result = as_casey("coach", "clients")
    assert result.exit_code == 0, result.output
    assert "mutuals coach invite" in result.output


@pytest.mark.parametrize("level", ["progress", "plan", "network"])
def test_show_prints_exactly_the_level(as_casey, casey, jordan, level):
    link(casey, jordan, level=level)
    planted(jordan, timezone.localdate())
    for args in (("coach", "show", "jordan"), ("coach", "show", "jordan", "--json")):
        result = as_casey(*args)
        assert result.exit_code == 0, result.output
        for secret in NEVER:
            assert secret not in result.output
        for secret in PLAN_SECRETS:
            assert (secret in result.output) is (level != "progress"), (args, secret)
        for secret in NETWORK_SECRETS:
            assert (secret in result.output) is (level == "network"), (args, secret)


def test_show_by_id_gives_the_same_json(as_casey, casey, jordan):
    link(casey, jordan, level="network")
    planted(jordan, timezone.localdate())
    body = parsed(as_casey("coach", "show", f"#{jordan.pk}", "--json"))
    assert body["people"][0]["name"] == PERSON


def test_show_someone_not_linked_fails_as_not_found_and_records_nothing(
    as_casey, casey, jordan, riley
):
    link(casey, jordan, state=CoachLink.ENDED)
    assert "not one of your clients" in failed(as_casey("coach", "show", "jordan"), 3)
    assert "not one of your clients" in failed(as_casey("coach", "show", f"#{riley.pk}"), 3)
    assert not AccessRecord.objects.exists()
