"""`mutuals knows A B` with a B not in your records: added as someone you know of (as the
person page and `mutuals import knows` do), unless a close name suggests a typo."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.network.models import Knows
from mutuals.people.models import Person
from tests.cli.conftest import failed, parsed
from tests.factories import make_person


def test_a_new_name_is_added_as_someone_you_know_of(mutuals, jordan):
    priya = make_person(jordan, "Priya Patel")
    result = mutuals("knows", "priya", "Tara Target")
    assert result.exit_code == 0, result.output
    tara = Person.objects.get(owner=jordan, full_name="Tara Target")
    assert tara.tier is None
    assert Knows.objects.filter(owner=jordan, person=priya, knows=tara).exists()
    assert "Added Tara Target as someone you know of." in result.stderr


def test_a_close_name_is_suggested_and_nothing_changes(mutuals, jordan):
    make_person(jordan, "Priya Patel")
    make_person(jordan, "Tara Targett")
    message = failed(mutuals("knows", "priya", "Tara Tagrett"), ExitCode.NOT_FOUND)
    assert "Did you mean 'Tara Targett'?" in message
    assert "Use --new to add 'Tara Tagrett' as someone Priya Patel knows." in message
    assert Person.objects.filter(owner=jordan).count() == 2
    assert not Knows.objects.exists()


def test_new_adds_the_name_despite_a_close_one(mutuals, jordan):
    make_person(jordan, "Priya Patel")
    make_person(jordan, "Tara Targett")
    result = mutuals("knows", "priya", "Tara Tagrett", "--new", "--strength", "0.7")
    assert result.exit_code == 0, result.output
    assert Knows.objects.get(knows__full_name="Tara Tagrett").strength == 0.7


def test_a_new_person_keeps_the_source_and_note_given(mutuals, jordan):
    make_person(jordan, "Priya Patel")
    args = ("knows", "priya", "Sam Okafor", "--source", "worked_together", "--note", "at Orion")
    body = parsed(mutuals(*args, "--json"))
    assert (body["knows"]["name"], body["source"], body["note"]) == (
        "Sam Okafor",
        "worked_together",
        "at Orion",
    )


def test_someone_in_your_records_is_used_as_before(mutuals, jordan):
    make_person(jordan, "Priya Patel")
    tara = make_person(jordan, "Tara Targett")
    result = mutuals("knows", "priya", "tara")
    assert result.exit_code == 0, result.output
    assert "Added" not in result.stderr
    assert Knows.objects.get().knows == tara


def test_a_number_nobody_has_is_still_not_found(mutuals, jordan):
    make_person(jordan, "Priya Patel")
    failed(mutuals("knows", "priya", "#999"), ExitCode.NOT_FOUND)
    assert Person.objects.count() == 1


def test_a_is_never_created(mutuals, jordan):
    failed(mutuals("knows", "Nobody Known", "Tara Target"), ExitCode.NOT_FOUND)
    assert not Person.objects.exists()


def test_rileys_new_person_is_rileys(mutuals, jordan, riley):
    make_person(jordan, "Priya Patel")
    make_person(riley, "Priya Patel")
    assert mutuals("--user", "riley", "knows", "priya", "Tara Target").exit_code == 0
    assert Person.objects.get(full_name="Tara Target").owner == riley
    assert not Knows.objects.filter(owner=jordan).exists()
