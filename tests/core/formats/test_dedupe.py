import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nameparser import HumanName

from mutuals.core.formats.dedupe import (
    Candidate,
    Index,
    find_duplicates,
    match_incoming,
    name_key,
    normalize_email,
    normalize_phone,
)
from mutuals.core.names import fold

# Normalising


def test_emails_are_trimmed_and_lower_cased():
    assert normalize_email("  Rosa.Nunez@Example.ORG ") == "rosa.nunez@example.org"


def test_email_plus_tags_and_dots_are_kept_because_they_are_other_mailboxes_elsewhere():
    assert normalize_email("r.nunez+jobs@example.org") == "r.nunez+jobs@example.org"


@pytest.mark.parametrize(
    "written",
    ["+44 20 7946 0000", "+44 (20) 7946-0000", "(+44) 20 7946 0000", "0044 20 7946 0000"],
)
def test_international_numbers_keep_digits_and_a_plus(written):
    assert normalize_phone(written) == "+442079460000"


@pytest.mark.parametrize(
    "written",
    [
        "+1 415 555 0100 x12",
        "+1 415 555 0100 ext. 12",
        "+1 415 555 0100;ext=12",
        "+1 415 555 0100#9",
    ],
)
def test_extensions_are_dropped(written):
    assert normalize_phone(written) == "+14155550100"


def test_numbers_with_fewer_than_seven_digits_identify_nobody():
    assert normalize_phone("12-34-56") == ""


def test_a_national_number_stays_national_without_a_country_code():
    assert normalize_phone("020 7946 0000") == "02079460000"


def test_a_default_country_code_replaces_the_trunk_zero():
    assert normalize_phone("020 7946 0000", default_country_code="+44") == "+442079460000"


def test_a_default_country_code_does_not_touch_international_numbers():
    assert normalize_phone("+33 1 23 45 67 89", default_country_code="44") == "+33123456789"


# Name keys


def test_name_keys_fold_case_and_accents():
    assert name_key("ROSA NÚÑEZ") == "rosa nunez"


def test_name_keys_ignore_middle_names_titles_and_suffixes():
    assert name_key("Dr. Rosa María Núñez Jr.") == "rosa nunez"


def test_name_keys_read_last_name_first_with_a_comma():
    assert name_key("Núñez, Rosa") == "rosa nunez"


@pytest.mark.parametrize(
    ("nickname", "formal"),
    [
        ("Bob Smith", "Robert Smith"),
        ("Bill Smith", "William Smith"),
        ("Liz Smith", "Elizabeth Smith"),
        ("Kate Smith", "Katherine Smith"),
        ("Mike Smith", "Michael Smith"),
    ],
)
def test_common_nicknames_share_a_key_with_the_formal_name(nickname, formal):
    assert name_key(nickname) == name_key(formal)


def test_name_particles_stay_in_the_last_name():
    assert name_key("Jean de la Fontaine") == "jean de la fontaine"


def test_an_empty_name_has_an_empty_key():
    assert name_key("  ") == ""


plain_words = st.sampled_from(
    ["rosa", "smith", "king", "major", "dean", "anna", "o'neil", "garcia-lopez", "van", "dr",
     "jr", "iii", "phd", "mary", "ann", "de", "la", "and", "st", "lee", "bishop", "y", "e"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(plain_words, min_size=1, max_size=3))
def test_name_keys_agree_with_nameparser_on_first_and_last_name(words):
    parsed = HumanName(" ".join(words))
    first, last = fold(parsed.first).strip("."), fold(parsed.last).strip(".")
    if first or last:  # nameparser gives nothing for a lone title; then the word is kept
        assert name_key(" ".join(words)) == f"{first} {last}".strip()


# Finding duplicates


def person(id, name="", emails=(), phones=(), url="", org=""):
    return Candidate(id, name, tuple(emails), tuple(phones), url, org)


def test_a_shared_email_in_any_case_with_agreeing_names_is_certain():
    [match] = find_duplicates(
        [person(1, "Rosa Nunez", ["Rosa@Example.org"]), person(2, "R. N.", ["rosa@example.org "])]
    )
    assert (match.a, match.b, match.certainty, match.reasons) == (
        1,
        2,
        "certain",
        ("same email and name",),
    )


def test_a_shared_phone_written_differently_is_certain():
    [match] = find_duplicates(
        [person(1, phones=["+44 20 7946 0000"]), person(2, phones=["0044 (20) 7946-0000 x3"])]
    )
    assert match.certainty == "certain"


def test_a_shared_linkedin_profile_in_any_form_is_certain():
    people = [
        person(1, url="https://www.linkedin.com/in/rosa-nunez/"),
        person(2, url="http://uk.linkedin.com/in/Rosa-Nunez?trk=x"),
    ]
    assert [m.certainty for m in find_duplicates(people)] == ["certain"]


def test_a_typo_in_the_name_at_the_same_organisation_is_likely():
    [match] = find_duplicates(
        [person(1, "Jon Smith", org="Acme"), person(2, "John Smith", org="acme")]
    )
    assert (match.certainty, match.reasons) == (
        "likely",
        ("similar name (95%)", "same organisation"),
    )


def test_a_nickname_with_one_organisation_missing_is_likely():
    [match] = find_duplicates([person(1, "Bob Smith", org="Acme"), person(2, "Robert Smith")])
    assert (match.certainty, match.reasons, match.score) == (
        "likely",
        ("same name", "organisation missing on one side"),
        0.9,
    )


def test_names_in_the_other_order_are_likely():
    assert len(find_duplicates([person(1, "Smith John"), person(2, "John Smith")])) == 1


def test_the_same_name_at_different_organisations_is_not_a_match():
    assert (
        find_duplicates(
            [person(1, "John Smith", org="Acme"), person(2, "John Smith", org="Globex")]
        )
        == []
    )


def test_different_names_are_not_a_match():
    assert find_duplicates([person(1, "John Smith"), person(2, "Jane Doe")]) == []


def test_records_without_names_or_keys_never_match():
    assert find_duplicates([person(1), person(2)]) == []


def test_a_pair_is_reported_once_with_the_smaller_id_first():
    people = [person(9, "Rosa Nunez", ["r@x.org"]), person(3, "Rosa Nunez", ["r@x.org"])]
    assert [(m.a, m.b) for m in find_duplicates(people)] == [(3, 9)]


names = st.sampled_from(["Rosa Nunez", "Rosa Núñez", "Bob Smith", "Robert Smith", "Jon Smith",
                         "John Smith", "Smith John", "Ana Silva", "", "Lee Chen"])  # fmt: skip
emails = st.lists(st.sampled_from(["a@x.org", "B@x.org", "c@y.org", "bad"]), max_size=2)
phones = st.lists(st.sampled_from(["+44 20 7946 0000", "020 7946 0000", "123"]), max_size=1)
orgs = st.sampled_from(["", "Acme", "ACME", "Globex"])


@st.composite
def crowds(draw):
    size = draw(st.integers(0, 8))
    return [person(i, draw(names), draw(emails), draw(phones), "", draw(orgs)) for i in range(size)]


@given(crowds(), st.randoms())
def test_duplicates_do_not_depend_on_input_order(people, rng):
    shuffled = list(people)
    rng.shuffle(shuffled)
    assert find_duplicates(shuffled) == find_duplicates(people)


@given(crowds())
def test_a_record_never_matches_itself(people):
    assert all(m.a < m.b for m in find_duplicates(people))


@given(crowds())
def test_records_sharing_an_email_are_always_paired(people):
    paired = {(m.a, m.b) for m in find_duplicates(people)}
    carriers = {}
    for x in people:
        for email in {e.strip().lower() for e in x.emails if "@" in e}:
            carriers.setdefault(email, []).append(x)
    for x in people:
        for y in people:
            shared = {e.lower() for e in x.emails} & {e.lower() for e in y.emails}
            # An address on two records is never crowded (a crowd takes three names).
            if x.id < y.id and any("@" in e and len(carriers[e]) == 2 for e in shared):
                assert (x.id, y.id) in paired


# Looking up incoming records


def test_lookup_prefers_a_certain_match_to_a_likely_one():
    index = Index([person(1, "Rosa Nunez", org="Acme"), person(2, "R Nunez", ["rosa@x.org"])])
    match = index.lookup(person(0, "Rosa Nunez", ["ROSA@x.org"], org="Acme"))
    assert (match.a, match.certainty) == (2, "certain")


def test_lookup_finds_a_likely_match_by_name():
    index = Index([person(1, "Robert Smith", org="Acme"), person(2, "Ana Silva")])
    assert match_incoming(person(0, "Bob Smith"), index).a == 1


def test_lookup_of_a_stranger_finds_nobody():
    index = Index([person(1, "Robert Smith", ["bob@x.org"])])
    assert index.lookup(person(0, "Ana Silva", ["ana@y.org"])) is None


def test_a_person_added_to_the_index_is_found_by_later_rows():
    index = Index()
    index.add(person(7, "Ana Silva", ["ana@y.org"]))
    assert index.lookup(person(0, "A. Silva", ["ana@y.org"])).a == 7


def synthetic_people(count):
    rng = random.Random(20260401)
    firsts = ["Rosa", "Sam", "Lee", "Ana", "Priya", "Kenji", "Mara", "José", "Zoë", "Jordan"]
    return [
        person(
            i,
            f"{rng.choice(firsts)} {''.join(rng.choices('abcdefghijklmnopqrstuvwxyz', k=7))}",
            [f"person{i}@example.org"],
            [f"+44 7700 {i:06d}"] if i % 3 == 0 else [],
            f"https://www.linkedin.com/in/person-{i}" if i % 2 == 0 else "",
            rng.choice(["Acme", "Globex", ""]),
        )
        for i in range(1, count + 1)
    ]


def test_reimporting_the_same_people_finds_each_of_them():
    people = synthetic_people(500)
    index = Index(people)
    found = [
        index.lookup(person(0, p.full_name, p.emails, p.phones, p.linkedin_url)) for p in people
    ]
    assert [m.a for m in found] == [p.id for p in people]


def test_name_only_lookups_find_the_same_person_among_thousands():
    # Speed is measured in bench/, not here; this checks the name blocks still find people.
    people = synthetic_people(3_000)
    index = Index(people)
    found = [index.lookup(person(0, p.full_name, org=p.organization)) for p in people[:200]]
    assert all(match is not None for match in found)


def test_someone_added_without_names_is_found_by_email_only():
    index = Index()
    index.add(person(-1, "Rosa Nunez", ("rosa@example.com",)), by_name=False)
    assert index.lookup(person(0, "Rosa Nunez")) is None
    found = index.lookup(person(0, "R. Nunez", ("ROSA@example.com",)))
    assert found is not None
    assert found.certainty == "certain"


def test_a_percent_encoded_linkedin_profile_is_the_same_profile():
    people = [
        person(1, "René Müller", url="https://www.linkedin.com/in/rené-müller"),
        person(2, "René Müller", url="https://www.linkedin.com/in/ren%C3%A9-m%C3%BCller/"),
    ]
    assert [m.certainty for m in find_duplicates(people)] == ["certain"]
