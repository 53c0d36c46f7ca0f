"""Names as people write them (display name, prefix, suffix, phonetic) and the text caps."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from mutuals.people import bulk, selectors, services
from mutuals.people.models import Person
from tests.factories import days_ago, make_person


def test_a_typed_name_is_kept_as_written_and_split_for_search(jordan):
    person = make_person(jordan, "sean O'Neill")
    assert person.display_name == "sean O'Neill"
    assert person.full_name == "sean O'Neill"
    assert (person.first_name, person.last_name) == ("sean", "O'Neill")


def test_an_east_asian_name_is_never_reordered(jordan):
    person = make_person(jordan, "王小明", first_name="小明", last_name="王")
    assert person.full_name == "王小明"


def test_the_parts_are_shown_joined_when_there_is_no_display_name(jordan):
    person = services.create_person(owner=jordan, first_name="Ngozi", last_name="Okafor")
    assert (person.display_name, person.full_name) == ("", "Ngozi Okafor")


def test_the_phonetic_name_and_the_parts_find_a_person(jordan):
    make_person(jordan, "王小明", first_name="小明", last_name="王", phonetic_name="Wang Xiaoming")
    for term in ("xiaoming", "小明", "王小明"):
        found = selectors.people_list(owner=jordan, today=days_ago(0), search=term)
        assert [p.full_name for p in found] == ["王小明"], term


def test_prefix_and_suffix_are_stored_beside_the_name(jordan):
    person = make_person(jordan, "Ada Lovelace", name_prefix="Dr.", name_suffix="PhD")
    assert (person.name_prefix, person.name_suffix, person.full_name) == (
        "Dr.",
        "PhD",
        "Ada Lovelace",
    )


def test_renaming_keeps_the_new_name_as_written(jordan):
    person = make_person(jordan, "Rosa Núñez")
    renamed = services.update_person(owner=jordan, person_id=person.pk, name="rosa núñez-díaz")
    assert renamed.full_name == "rosa núñez-díaz"
    assert (renamed.first_name, renamed.last_name) == ("rosa", "núñez-díaz")


def test_editing_a_part_updates_a_display_name_that_only_repeated_the_parts(jordan):
    person = make_person(jordan, "Rosa Núñez")
    changed = services.update_person(
        owner=jordan, person_id=person.pk, first_name="Rosita", display_name="Rosa Núñez"
    )
    assert changed.full_name == "Rosita Núñez"


def test_editing_a_part_keeps_a_display_name_written_differently(jordan):
    person = make_person(jordan, "王小明", first_name="小明", last_name="王")
    changed = services.update_person(owner=jordan, person_id=person.pk, first_name="晓明")
    assert changed.full_name == "王小明"


def test_control_characters_are_removed_from_every_text_field(jordan):
    person = make_person(
        jordan, "Ro\x00sa\x07 Núñez", title="Eng\x1bineer", notes="line one\n\tline\x00 two"
    )
    assert person.full_name == "Rosa Núñez"
    assert person.title == "Engineer"
    assert person.notes == "line one\n\tline two"


@pytest.mark.parametrize("field", ["notes", "interests"])
def test_long_text_is_refused_with_a_sentence(jordan, field):
    with pytest.raises(ValidationError) as error:
        make_person(jordan, **{field: "x" * (services.NOTES_LIMIT + 1)})
    assert error.value.message_dict[field] == [f"Keep {field} under 20,000 characters."]


def test_text_at_the_limit_is_kept(jordan):
    assert len(make_person(jordan, notes="x" * services.NOTES_LIMIT).notes) == 20_000


@given(st.text(max_size=40))
def test_no_control_character_but_tab_and_newline_survives_cleaning(text):
    kept = services.strip_controls(text)
    assert all(ch in "\t\n" or (ord(ch) >= 32 and ord(ch) != 127) for ch in kept)


def test_bulk_creation_stores_the_names_as_the_file_writes_them(jordan):
    draft = bulk.PersonDraft(
        first_name="Sean",
        last_name="O'Neill",
        display_name="Sean O'Neill",
        name_prefix="Dr.",
        name_suffix="Jr.",
        phonetic_name="Shawn",
    )
    [pid] = bulk.create_people(owner=jordan, drafts=[(draft, bulk.clean_draft(draft))])
    person = Person.objects.get(pk=pid)
    made = make_person(
        jordan,
        "Sean O'Neill",
        tier=None,
        name_prefix="Dr.",
        name_suffix="Jr.",
        phonetic_name="Shawn",
    )
    fields = ("display_name", "name_prefix", "name_suffix", "phonetic_name", "full_name")
    fields += ("search_name",)
    assert [getattr(person, f) for f in fields] == [getattr(made, f) for f in fields]


def test_fill_in_fills_blank_name_parts_but_never_renames(jordan):
    person = services.create_person(owner=jordan, first_name="Sean", last_name="O'Neill")
    other = make_person(jordan, "Bob Stone", name_prefix="Mr.")
    draft = bulk.PersonDraft(display_name="Seán Ó Néill", name_prefix="Dr.", phonetic_name="Shawn")
    cleaned = bulk.clean_draft(draft)
    updates = [
        (p, bulk.missing_from(p, None, draft, cleaned))
        for p in Person.objects.filter(pk__in=[person.pk, other.pk]).order_by("pk")
    ]
    bulk.fill_in(owner=jordan, updates=updates)
    person.refresh_from_db()
    other.refresh_from_db()
    # Shown as "Sean O'Neill" already (by the parts): another spelling is not a blank.
    assert (person.full_name, person.name_prefix, person.phonetic_name) == (
        "Sean O'Neill",
        "Dr.",
        "Shawn",
    )
    assert (other.full_name, other.name_prefix) == ("Bob Stone", "Mr.")
