"""`mutuals path` and `mutuals intro request|make|status`."""

from __future__ import annotations

import pytest

from mutuals.cli.errors import ExitCode
from mutuals.network.models import Introduction
from tests.cli.conftest import failed, parsed
from tests.factories import make_orion


@pytest.fixture
def orion(jordan):
    bruce, cleo, alice = make_orion(jordan, cleo_knows_alice=0.6)
    return bruce, cleo, alice


def test_path_to_a_company_prints_people_score_and_why(mutuals, orion):
    data = parsed(mutuals("path", "--company", "orion", "--json"))
    first = data["paths"][0]
    assert [p["name"] for p in first["people"]] == ["You", "Bruce Wayne", "Alice Oduya"]
    assert first["people"][0]["id"] is None
    assert "worked together at Orion" in first["why"][1]
    assert first["score"] > data["paths"][1]["score"]
    assert data["mode"] == "intro"
    assert data["ranking"].startswith("Ranked for an introduction")


def test_path_names_the_mode_that_ranked_it(mutuals, orion):
    data = parsed(mutuals("path", "--to", "alice", "--mode", "info", "--json"))
    assert data["ranking"].startswith("Ranked for information")
    assert {p["mode"] for p in data["paths"]} == {"info"}


def test_path_matches_words(mutuals, orion):
    _, _, alice = orion
    data = parsed(mutuals("path", "--match", "engineering manager", "-k", "1", "--json"))
    assert [p["target"] for p in data["paths"]] == [alice.pk]


def test_path_needs_exactly_one_target(mutuals, orion):
    message = failed(mutuals("path", "--to", "alice", "--company", "orion"), ExitCode.USAGE)
    assert "exactly one of --to, --company or --match" in message


def test_path_to_an_unknown_company_says_so(mutuals, orion):
    message = failed(mutuals("path", "--company", "Acme"), ExitCode.INVALID)
    assert "No one at an organisation called 'Acme'" in message


def test_path_prints_the_intro_command_for_each_introduction(mutuals, orion):
    result = mutuals("path", "--company", "orion")
    assert result.exit_code == 0, result.output
    assert 'mutuals intro request "Bruce Wayne" "Alice Oduya"' in result.stdout


def test_intro_request_drafts_the_forwardable_message(mutuals, jordan, orion):
    data = parsed(
        mutuals("intro", "request", "bruce", "alice", "--reason", "how Orion hires", "--json")
    )
    assert data["status"] == "requested"
    assert data["next"]["to"]["name"] == "Bruce Wayne"
    assert data["next"]["draft"]["purpose"] == "intro-request"
    assert "Alice Oduya" in data["next"]["draft"]["forwardable"]
    assert Introduction.objects.filter(owner=jordan).count() == 1


def test_intro_request_warns_when_you_owe_the_introducer(mutuals, jordan, orion):
    from mutuals.ledger.services import record_exchange

    bruce, _, _ = orion
    for text in ("Advice on my CV", "A referral", "An introduction"):
        record_exchange(
            owner=jordan, person_id=bruce.pk, direction="received", kind="referral", text=text
        )
    data = parsed(mutuals("intro", "request", "bruce", "alice", "--json"))
    assert data["next"]["warning"]["severity"] in {"warn", "caution"}
    result = mutuals("intro", "request", "cleo", "alice")
    assert result.exit_code == 0, result.output


def test_intro_status_moves_it_on_and_lists(mutuals, jordan, orion):
    made = parsed(mutuals("intro", "request", "bruce", "alice", "--json"))
    moved = parsed(mutuals("intro", "status", str(made["id"]), "made", "--json"))
    assert moved["status"] == "made"
    assert moved["next"]["draft"]["purpose"] == "thanks"
    listed = parsed(mutuals("intro", "status", "--json"))
    assert [i["id"] for i in listed["items"]] == [made["id"]]


def test_intro_status_refuses_walking_back(mutuals, orion):
    made = parsed(mutuals("intro", "request", "bruce", "alice", "--json"))
    mutuals("intro", "status", str(made["id"]), "made")
    message = failed(mutuals("intro", "status", str(made["id"]), "asked"), ExitCode.INVALID)
    assert "from there it can go to: thanked" in message


def test_intro_make_asks_first_and_can_start_made(mutuals, jordan, orion):
    offered = parsed(mutuals("intro", "make", "bruce", "cleo", "--json"))
    assert offered["status"] == "requested"
    assert offered["next"]["draft"]["purpose"] == "intro-offer"
    done = parsed(mutuals("intro", "make", "cleo", "alice", "--status", "made", "--json"))
    assert done["status"] == "made"
    assert done["yours_to_make"] is True


def test_riley_cannot_see_jordans_introductions(mutuals, jordan, riley, orion):
    as_jordan = {"MUTUALS_USER": "jordan"}
    made = parsed(mutuals("intro", "request", "bruce", "alice", "--json", env=as_jordan))
    result = mutuals("intro", "status", str(made["id"]), env={"MUTUALS_USER": "riley"})
    failed(result, ExitCode.NOT_FOUND)


def test_intro_status_with_nothing_says_how_to_start(mutuals, jordan):
    result = mutuals("intro", "status")
    assert result.exit_code == 0
    assert "mutuals path --company" in result.stderr
