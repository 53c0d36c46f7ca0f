"""`mutuals dedupe`: scan, review, merge, keep apart and undo from the command line."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.imports import duplicates, merge
from mutuals.imports.models import PossibleDuplicate
from mutuals.people.models import Person
from tests.cli.conftest import failed, parsed
from tests.factories import log, make_person


def two_rosas(owner):
    rosa = make_person(owner, "Rosa Núñez", emails=["rosa@example.com"], organization="Orion")
    copy = make_person(owner, "Rosa Nunez", emails=["ROSA@example.com"], phones=["+44 7700 900123"])
    return rosa, copy


def test_dedupe_scans_and_lists_the_pairs_with_their_reasons(mutuals, jordan):
    rosa, copy = two_rosas(jordan)
    result = mutuals("dedupe")
    assert result.exit_code == 0, result.output
    assert "1 possible pair found" in result.stderr
    assert "certain: same email and name" in result.stdout
    assert f"#{rosa.pk} Rosa Núñez · Orion · rosa@example.com" in result.stdout
    assert f"#{copy.pk} Rosa Nunez" in result.stdout
    assert "+44 7700 900123" in result.stdout


def test_dedupe_json_has_the_scan_the_pairs_and_the_merges(mutuals, jordan):
    rosa, copy = two_rosas(jordan)
    data = parsed(mutuals("dedupe", "--json"))
    assert data["scan"] == {"found": 1, "merged": 0, "to_review": 1}
    [pair] = data["duplicates"]
    assert (pair["person"]["id"], pair["other"]["id"], pair["certainty"]) == (
        rosa.pk,
        copy.pk,
        "certain",
    )
    assert pair["reasons"] == ["same email and name"]
    assert data["merges"] == []


def test_dedupe_auto_merges_certain_pairs_and_offers_the_undo(mutuals, jordan):
    _, copy = two_rosas(jordan)
    log(jordan, copy)
    data = parsed(mutuals("dedupe", "--auto", "--json"))
    assert data["scan"]["merged"] == 1
    [done] = data["merges"]
    assert (done["kept"]["id"], done["merged_name"]) == (copy.pk, "Rosa Núñez")
    assert list(Person.objects.filter(owner=jordan)) == [copy]


def test_dedupe_merge_takes_names_or_numbers(mutuals, jordan):
    rosa, copy = two_rosas(jordan)
    result = mutuals("dedupe", "--merge", f"#{rosa.pk}", f"#{copy.pk}")
    assert result.exit_code == 0, result.output
    assert f"Merged Rosa Nunez (#{copy.pk}) into Rosa Núñez (#{rosa.pk})" in result.stderr
    assert "mutuals dedupe --undo" in result.stderr
    assert not Person.objects.filter(pk=copy.pk).exists()


def test_dedupe_merge_refuses_the_same_person_twice(mutuals, jordan):
    rosa, _ = two_rosas(jordan)
    message = failed(mutuals("dedupe", "--merge", f"#{rosa.pk}", f"#{rosa.pk}"), ExitCode.INVALID)
    assert "Choose two different people to merge." in message


def test_dedupe_keep_apart_is_remembered(mutuals, jordan):
    two_rosas(jordan)
    mutuals("dedupe")
    pair = PossibleDuplicate.objects.get()
    result = mutuals("dedupe", "--keep-apart", str(pair.pk))
    assert result.exit_code == 0, result.output
    assert "Kept apart: Rosa Núñez and Rosa Nunez" in result.stderr
    assert parsed(mutuals("dedupe", "--json"))["duplicates"] == []


def test_dedupe_undo_brings_the_merged_person_back(mutuals, jordan):
    rosa, copy = two_rosas(jordan)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    data = parsed(mutuals("dedupe", "--undo", str(done.pk), "--json"))
    assert data["person"]["name"] == "Rosa Nunez"
    assert duplicates.merges(owner=jordan) == []
    message = failed(mutuals("dedupe", "--undo", str(done.pk)), ExitCode.INVALID)
    assert "already undone" in message


def test_dedupe_lists_merges_that_can_be_undone(mutuals, jordan):
    rosa, copy = two_rosas(jordan)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    result = mutuals("dedupe")
    assert f"{done.pk}. Rosa Nunez into Rosa Núñez (#{rosa.pk})" in result.stdout


def test_dedupe_refuses_two_actions_at_once(mutuals, jordan):
    message = failed(mutuals("dedupe", "--keep-apart", "1", "--undo", "2"), ExitCode.USAGE)
    assert "one of --merge, --keep-apart or --undo" in message


def test_riley_cannot_keep_apart_or_undo_jordans(mutuals, jordan, riley):
    rosa, copy = two_rosas(jordan)
    merge.scan_for_duplicates(owner=jordan)
    pair = PossibleDuplicate.objects.get()
    as_riley = {"MUTUALS_USER": "riley"}
    assert parsed(mutuals("dedupe", "--json", env=as_riley))["duplicates"] == []
    message = failed(
        mutuals("dedupe", "--keep-apart", str(pair.pk), env=as_riley), ExitCode.NOT_FOUND
    )
    assert "no pair" in message
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    failed(mutuals("dedupe", "--undo", str(done.pk), env=as_riley), ExitCode.NOT_FOUND)
    failed(mutuals("dedupe", "--merge", f"#{rosa.pk}", "Rosa", env=as_riley), ExitCode.NOT_FOUND)
