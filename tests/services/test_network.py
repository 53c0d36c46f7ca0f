"""network.services and selectors: who knows whom, one pair at a time or from a CSV."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mutuals.network import selectors, services
from mutuals.network.models import Knows
from mutuals.people.models import Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def fields_of(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


def test_it_stores_a_pair_once_with_the_smaller_id_first(jordan):
    rosa, bruce = make_person(jordan, "Rosa Núñez"), make_person(jordan, "Bruce Lee")
    services.record_knows(owner=jordan, person_id=bruce.pk, knows_id=rosa.pk, note="Orion")
    services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk, strength=0.9)
    [edge] = Knows.objects.filter(owner=jordan)
    assert (edge.person_id, edge.knows_id) == (rosa.pk, bruce.pk)
    assert (edge.strength, edge.note, edge.source) == (0.9, "Orion", "told")


def test_a_new_pair_gets_the_default_strength(jordan):
    rosa, bruce = make_person(jordan), make_person(jordan, "Bruce Lee")
    edge = services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk)
    assert edge.strength == 0.5


@pytest.mark.parametrize("strength", [0.0, -0.1, 1.01, float("nan")])
def test_it_rejects_a_strength_outside_zero_to_one(jordan, strength):
    rosa, bruce = make_person(jordan), make_person(jordan, "Bruce Lee")
    with pytest.raises(ValidationError) as excinfo:
        services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk, strength=strength)
    assert fields_of(excinfo) == {"strength"}


def test_it_rejects_someone_knowing_themselves(jordan):
    rosa = make_person(jordan)
    with pytest.raises(ValidationError) as excinfo:
        services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=rosa.pk)
    assert fields_of(excinfo) == {"knows"}


def test_it_rejects_an_unknown_source(jordan):
    rosa, bruce = make_person(jordan), make_person(jordan, "Bruce Lee")
    with pytest.raises(ValidationError) as excinfo:
        services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk, source="psychic")
    assert fields_of(excinfo) == {"source"}


def test_riley_cannot_link_or_see_or_forget_jordans_people(jordan, riley):
    rosa, bruce = make_person(jordan), make_person(jordan, "Bruce Lee")
    mine = make_person(riley, "Sam Roe")
    with pytest.raises(ValidationError) as excinfo:
        services.record_knows(owner=riley, person_id=mine.pk, knows_id=rosa.pk)
    assert fields_of(excinfo) == {"knows"}
    edge = services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk)
    assert selectors.all_knows(owner=riley) == []
    with pytest.raises(Person.DoesNotExist):
        selectors.knows_of(owner=riley, person_id=rosa.pk)
    with pytest.raises(Knows.DoesNotExist):
        services.forget_knows(owner=riley, knows_id=edge.pk)
    assert Knows.objects.filter(pk=edge.pk).exists()


def test_knows_of_lists_the_other_person_strongest_first(jordan):
    rosa, bruce, ann = (make_person(jordan, n) for n in ("Rosa Núñez", "Bruce Lee", "Ann Ho"))
    services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk, strength=0.3)
    services.record_knows(owner=jordan, person_id=ann.pk, knows_id=rosa.pk, strength=0.8)
    others = [other.full_name for _, other in selectors.knows_of(owner=jordan, person_id=rosa.pk)]
    assert others == ["Ann Ho", "Bruce Lee"]
    assert sorted(selectors.all_knows(owner=jordan)) == sorted(
        [
            (min(rosa.pk, bruce.pk), max(rosa.pk, bruce.pk), 0.3, "told"),
            (min(rosa.pk, ann.pk), max(rosa.pk, ann.pk), 0.8, "told"),
        ]
    )


def test_forget_removes_the_pair(jordan):
    rosa, bruce = make_person(jordan), make_person(jordan, "Bruce Lee")
    edge = services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk)
    services.forget_knows(owner=jordan, knows_id=edge.pk)
    assert selectors.all_knows(owner=jordan) == []


def test_import_resolves_names_and_emails_and_creates_people_you_only_know_of(jordan):
    rosa = make_person(jordan, "Rosa Núñez", emails=["rosa@example.org"])
    bruce = make_person(jordan, "Bruce Lee")
    text = (
        "\ufeffperson,knows,strength,note\r\n"
        " rosa@example.org , bruce ,0.9,Orion\r\n"
        "\r\n"
        'Bruce Lee,Alice Zed,,"=HYPERLINK(""x"")"\r\n'
    )
    report = services.import_knows_csv(owner=jordan, text=text)
    assert (report["created"], report["updated"], report["skipped"]) == (2, 0, 1)
    assert (report["people_created"], report["errors"], report["written"]) == (1, [], True)
    alice = Person.objects.get(owner=jordan, full_name="Alice Zed")
    assert alice.tier is None
    edges = {(e.person_id, e.knows_id): e for e in Knows.objects.filter(owner=jordan)}
    first = edges[(min(rosa.pk, bruce.pk), max(rosa.pk, bruce.pk))]
    assert (first.strength, first.note, first.source) == (0.9, "Orion", "import")
    second = edges[(min(bruce.pk, alice.pk), max(bruce.pk, alice.pk))]
    assert second.note == '=HYPERLINK("x")'


def test_import_again_counts_updates_and_unchanged_rows(jordan):
    make_person(jordan, "Rosa Núñez"), make_person(jordan, "Bruce Lee")
    services.import_knows_csv(owner=jordan, text="person,knows,strength\nRosa,Bruce,0.4\n")
    report = services.import_knows_csv(
        owner=jordan, text="person,knows,strength\nRosa,Bruce,0.4\nBruce,Rosa,0.7\n"
    )
    assert (report["created"], report["updated"], report["skipped"]) == (0, 1, 1)


def test_an_ambiguous_name_rejects_the_whole_file_naming_the_line(jordan):
    make_person(jordan, "Rosa Núñez"), make_person(jordan, "Rosa Diaz")
    make_person(jordan, "Bruce Lee")
    text = "person,knows\nBruce,New Person\nRosa,Bruce\n"
    report = services.import_knows_csv(owner=jordan, text=text)
    assert [e["line"] for e in report["errors"]] == [3]
    assert "line 3" in report["errors"][0]["message"]
    assert (report["created"], report["people_created"], report["written"]) == (0, 0, False)
    assert Knows.objects.filter(owner=jordan).count() == 0
    assert not Person.objects.filter(owner=jordan, full_name="New Person").exists()


def test_import_rejects_a_missing_header_and_bad_strengths(jordan):
    make_person(jordan, "Rosa Núñez"), make_person(jordan, "Bruce Lee")
    assert services.import_knows_csv(owner=jordan, text="Rosa,Bruce\n")["errors"][0]["line"] == 1
    report = services.import_knows_csv(
        owner=jordan, text="person,knows,strength\nRosa,Bruce,lots\nRosa,Bruce,2\n"
    )
    assert [e["line"] for e in report["errors"]] == [2, 3]
    assert Knows.objects.count() == 0


def test_a_dry_run_counts_but_writes_nothing(jordan):
    make_person(jordan, "Rosa Núñez")
    report = services.import_knows_csv(
        owner=jordan, text="person,knows\nRosa,Someone New\n", dry_run=True
    )
    assert (report["created"], report["people_created"], report["written"]) == (1, 1, False)
    assert Knows.objects.count() == 0
    assert Person.objects.filter(owner=jordan).count() == 1


def test_import_only_finds_your_own_people(jordan, riley):
    make_person(jordan, "Rosa Núñez", emails=["rosa@example.org"])
    make_person(riley, "Sam Roe")
    report = services.import_knows_csv(owner=riley, text="person,knows\nrosa@example.org,Sam\n")
    assert [e["line"] for e in report["errors"]] == [2]
    assert Knows.objects.count() == 0
