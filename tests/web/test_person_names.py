"""The person form and page: the name as written, prefix, suffix, pronunciation, text caps."""

from __future__ import annotations

from pytest_django.asserts import assertContains

from mutuals.people.models import Person
from tests.factories import make_person


def test_a_name_typed_on_the_form_is_shown_as_written(jordan_client, jordan):
    response = jordan_client.post(
        "/people/new", {"display_name": "王小明", "name_prefix": "Dr.", "tier": "close"}
    )
    person = Person.objects.get(owner=jordan)
    assert response.status_code == 302
    assert (person.full_name, person.first_name, person.name_prefix) == ("王小明", "王小明", "Dr.")


def test_the_person_page_shows_prefix_suffix_and_pronunciation(jordan_client, jordan):
    person = make_person(
        jordan, "Ada Lovelace", name_prefix="Dr.", name_suffix="PhD", phonetic_name="AY-da"
    )
    response = jordan_client.get(f"/people/{person.pk}/")
    assertContains(response, "Prefix Dr. · Suffix PhD · Pronounced AY-da")


def test_the_edit_form_changes_the_pronunciation(jordan_client, jordan):
    person = make_person(jordan, "Ada Lovelace")
    form = {"display_name": "Ada Lovelace", "first_name": "Ada", "last_name": "Lovelace"}
    jordan_client.post(f"/people/{person.pk}/edit", {**form, "phonetic_name": "AY-da"})
    person.refresh_from_db()
    assert person.phonetic_name == "AY-da"


def test_notes_too_long_are_refused_next_to_the_field(jordan_client, jordan):
    response = jordan_client.post(
        "/people/new", {"first_name": "Rosa", "notes": "x" * 20_001, "tier": "close"}
    )
    assertContains(response, "Keep notes under 20,000 characters.")
    assert not Person.objects.exists()


def test_riley_cannot_edit_jordans_names(riley_client, jordan):
    person = make_person(jordan, "Ada Lovelace")
    response = riley_client.post(f"/people/{person.pk}/edit", {"display_name": "Riley was here"})
    person.refresh_from_db()
    assert response.status_code == 404
    assert person.full_name == "Ada Lovelace"
