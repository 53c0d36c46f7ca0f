"""`mutuals set`: closeness, circle, cadence or archive for many people at once; and the
import's pointer to sorting."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.people.models import Person
from tests.cli.conftest import failed, parsed
from tests.factories import make_person


def unsorted(owner, name, **fields):
    return make_person(owner, name, tier=None, **fields)


def test_set_by_ids(mutuals, jordan):
    rosa, jin = unsorted(jordan, "Rosa Núñez"), unsorted(jordan, "Jin Park")
    result = mutuals(
        "set", "--ids", f"{rosa.pk},{jin.pk}", "--closeness", "acquaintance",
        "--circle", "Former colleagues",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 people: set closeness to acquaintance; added to Former colleagues." in result.stderr
    assert Person.objects.filter(owner=jordan, tier="acquaintance").count() == 2


def test_set_the_unsorted_at_an_organisation(mutuals, jordan):
    unsorted(jordan, "Rosa Núñez", organization="Copperleaf")
    sorted_one = make_person(jordan, "Ann Lee", tier="close", organization="Copperleaf")
    other = unsorted(jordan, "Jin Park", organization="Orion")
    data = parsed(
        mutuals("set", "--unsorted", "--org", "copperleaf", "--closeness", "meaningful", "--json")
    )
    assert data["count"] == 1
    assert Person.objects.get(pk=sorted_one.pk).tier == "close"
    assert Person.objects.get(pk=other.pk).tier is None


def test_set_cadence_and_know_of_and_archive(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close")
    assert mutuals("set", "--ids", str(rosa.pk), "--cadence", "14").exit_code == 0
    assert Person.objects.get(pk=rosa.pk).cadence_days == 14
    assert mutuals("set", "--ids", str(rosa.pk), "--know-of").exit_code == 0
    assert Person.objects.get(pk=rosa.pk).tier is None
    assert mutuals("set", "--ids", str(rosa.pk), "--archive").exit_code == 0
    assert Person.objects.get(pk=rosa.pk).archived_at is not None


def test_set_without_choosing_who_changes_nothing(mutuals, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    assert "Choose who" in failed(mutuals("set", "--archive"), ExitCode.USAGE)
    assert Person.objects.get(pk=rosa.pk).archived_at is None


def test_set_with_bad_ids_says_so(mutuals, jordan):
    assert "--ids takes numbers" in failed(
        mutuals("set", "--ids", "1,two", "--archive"), ExitCode.USAGE
    )


def test_set_without_a_change_says_what_to_give(mutuals, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    assert "Choose what to change" in failed(
        mutuals("set", "--ids", str(rosa.pk)), ExitCode.INVALID
    )


def test_set_refuses_closeness_and_know_of_together(mutuals, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    result = mutuals("set", "--ids", str(rosa.pk), "--closeness", "close", "--know-of")
    assert "not both" in failed(result, ExitCode.USAGE)


def test_set_when_no_one_matches_changes_nothing(mutuals, jordan):
    result = mutuals("set", "--org", "Nowhere", "--closeness", "close")
    assert result.exit_code == 0
    assert "No one matches" in result.stderr


def test_riley_cannot_set_jordans_people(mutuals, jordan, riley):
    rosa = unsorted(jordan, "Rosa Núñez")
    result = mutuals("--user", "riley", "set", "--ids", str(rosa.pk), "--closeness", "close")
    assert "not in your network" in failed(result, ExitCode.INVALID)
    assert Person.objects.get(pk=rosa.pk).tier is None


def test_riley_filters_never_reach_jordans_people(mutuals, jordan, riley):
    rosa = unsorted(jordan, "Rosa Núñez")
    result = mutuals("--user", "riley", "set", "--unsorted", "--closeness", "close")
    assert "No one matches" in result.stderr
    assert Person.objects.get(pk=rosa.pk).tier is None


def test_an_import_points_to_sorting_the_new_people(mutuals, jordan):
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"
    result = mutuals("import", "linkedin", str(samples / "linkedin_connections.csv"))
    assert result.exit_code == 0, result.output
    created = Person.objects.filter(owner=jordan).count()
    assert f"Sort the {created} new people" in result.stderr
    assert "mutuals set --unsorted" in result.stderr


def test_an_import_with_a_closeness_has_nothing_to_sort(mutuals, jordan):
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"
    result = mutuals(
        "import", "linkedin", str(samples / "linkedin_connections.csv"), "--tier", "acquaintance"
    )
    assert result.exit_code == 0, result.output
    assert "Sort the" not in result.stderr
