"""`mutuals pool request|status|answer`: asking the pool for an introduction through the CLI;
the requester never reads the member's name before they accept."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.cli.errors import ExitCode
from mutuals.groups.models import PoolRequest
from mutuals.network.models import Introduction
from tests.cli.conftest import failed, parsed
from tests.factories import make_person


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def world(mutuals, ada):
    parsed(mutuals("--user", "ada", "group", "create", "Northfield alumni", "--json"))
    for name in ("sam", "bea"):
        get_user_model().objects.create_user(username=name, password="x" * 20)
        code = parsed(mutuals("--user", "ada", "group", "invite", "Northfield alumni", "--json"))
        assert mutuals("--user", name, "group", "join", code["code"]).exit_code == 0
    bea = get_user_model().objects.get(username="bea")
    make_person(bea, "Rosa Núñez", organization="Copperleaf", tier="close")
    assert mutuals("--user", "bea", "group", "pool", "Northfield alumni", "--all").exit_code == 0
    return mutuals


def _as(mutuals, name, *args):
    return mutuals("--user", name, "pool", *args)


def test_search_request_status_then_accept(world):
    _as(world, "sam", "search", "Northfield alumni", "--org", "Copperleaf")
    made = parsed(
        _as(world, "sam", "request", "Northfield alumni", "--org", "Copperleaf", "--json")
    )
    assert made["state"] == "waiting"
    status = _as(world, "sam", "status")
    assert status.exit_code == 0, status.output
    assert "waiting" in status.stdout
    assert "bea" not in status.output
    asked = _as(world, "bea", "status", "--asked")
    assert "sam" in asked.stdout
    assert "Where your name came from" in asked.stdout
    accepted = _as(world, "bea", "answer", str(made["id"]), "accept")
    assert accepted.exit_code == 0, accepted.output
    assert "Introduction" in accepted.stderr
    assert Introduction.objects.get().target.full_name == "Rosa Núñez"
    (mine,) = parsed(_as(world, "sam", "status", "--json"))["items"]
    assert mine["introducer"] == "bea"


def test_a_decline_is_not_told_to_the_requester(world):
    _as(world, "sam", "search", "Northfield alumni", "--person", "Rosa Nunez")
    made = parsed(
        _as(world, "sam", "request", "Northfield alumni", "--person", "Rosa Nunez", "--json")
    )
    declined = _as(world, "bea", "answer", str(made["id"]), "decline")
    assert "is not told" in declined.stderr
    (mine,) = parsed(_as(world, "sam", "status", "Northfield alumni", "--json"))["items"]
    assert mine["state_words"] == "waiting"


def test_a_request_for_a_target_not_searched_names_what_to_do(world):
    message = failed(
        _as(world, "sam", "request", "Northfield alumni", "--org", "Copperleaf"), ExitCode.INVALID
    )
    assert "Search the pool for them first" in message
    assert not PoolRequest.objects.exists()


def test_only_the_asked_member_answers(world):
    _as(world, "sam", "search", "Northfield alumni", "--org", "Copperleaf")
    made = parsed(
        _as(world, "sam", "request", "Northfield alumni", "--org", "Copperleaf", "--json")
    )
    failed(_as(world, "sam", "answer", str(made["id"]), "accept"), ExitCode.NOT_FOUND)
    failed(_as(world, "bea", "answer", str(made["id"]), "maybe"), ExitCode.USAGE)
    assert PoolRequest.objects.get().status == "open"


def test_status_with_nothing_says_what_to_do_next(world):
    result = _as(world, "sam", "status")
    assert result.exit_code == 0
    assert "mutuals pool search" in result.stderr


def test_the_requester_thanks_the_member_once_after_they_accepted(world):
    from mutuals.ledger.models import Exchange

    _as(world, "sam", "search", "Northfield alumni", "--org", "Copperleaf")
    made = parsed(
        _as(world, "sam", "request", "Northfield alumni", "--org", "Copperleaf", "--json")
    )
    early = failed(_as(world, "sam", "thank", str(made["id"])), ExitCode.INVALID)
    assert "Only an accepted request" in early
    _as(world, "bea", "answer", str(made["id"]), "accept")
    failed(_as(world, "bea", "thank", str(made["id"])), ExitCode.NOT_FOUND)
    status = _as(world, "sam", "status")
    assert "mutuals pool thank REQUEST" in status.stderr
    thanked = _as(world, "sam", "thank", str(made["id"]))
    assert thanked.exit_code == 0, thanked.output
    assert "You thanked bea" in thanked.stderr
    (received,) = Exchange.objects.filter(owner__username="sam")
    assert received.person.full_name == "bea"
    assert received.thanked_on is not None
    again = failed(_as(world, "sam", "thank", str(made["id"])), ExitCode.INVALID)
    assert "You already thanked bea" in again
    assert "mutuals pool thank" not in _as(world, "sam", "status").stderr
    (mine,) = parsed(_as(world, "sam", "status", "--json"))["items"]
    assert mine["thanked_at"] is not None
