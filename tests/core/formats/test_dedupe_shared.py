"""Certainty with shared identifiers: a switchboard or a family address is not one person."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.formats.dedupe import Candidate, Index, find_duplicates
from mutuals.core.formats.role_addresses import is_role_address

SWITCHBOARD = "+1 212 555 0100"


def person(id, name="", emails=(), phones=(), url="", org=""):
    return Candidate(id, name, tuple(emails), tuple(phones), url, org)


def only(matches):
    [match] = matches
    return match.certainty, match.reasons


# Role addresses


@pytest.mark.parametrize(
    "address",
    ["info@acme.com", "Jobs@Acme.com", "no-reply@acme.com", "no_reply@acme.com",
     "careers+emea@acme.com", "HR@acme.de", "kontakt@firma.de", "reception@clinic.ng"],
)  # fmt: skip
def test_role_mailboxes_are_recognised_however_written(address):
    assert is_role_address(address)


@pytest.mark.parametrize(
    "address", ["rosa.nunez@acme.com", "info.desk.rosa@acme.com", "ngozi@info.ng", "hr"]
)
def test_personal_mailboxes_are_not_role_addresses(address):
    assert not is_role_address(address)


# Pairs by shared identifiers


def test_colleagues_sharing_a_switchboard_are_a_pair_to_review_not_one_person():
    people = [
        person(1, "Alice Johnson", ["alice@acme.com"], [SWITCHBOARD]),
        person(2, "Bob Kowalski", ["bob@acme.com"], ["(212) 555-0100", "+1 212 555 0100"]),
    ]
    assert only(find_duplicates(people)) == (
        "likely",
        ("same phone (+12125550100) but different names",),
    )


def test_a_family_address_on_two_people_is_a_pair_to_review():
    people = [
        person(1, "Ngozi Okafor", ["okafors@example.ng"]),
        person(2, "Chidi Okafor", ["okafors@example.ng"]),
    ]
    assert only(find_duplicates(people)) == (
        "likely",
        ("same email (okafors@example.ng) but different names",),
    )


def test_a_personal_email_with_agreeing_names_is_certain():
    people = [
        person(1, "Siobhán O'Neill", ["siobhan@example.ie"]),
        person(2, "Siobhan ONeill", ["SIOBHAN@example.ie"]),
    ]
    assert only(find_duplicates(people)) == ("certain", ("same email and name",))


def test_a_personal_phone_and_email_with_a_nickname_are_certain():
    people = [
        person(1, "Robert Okonkwo", ["bob@okonkwo.ng"], ["+234 803 555 0101"]),
        person(2, "Bob Okonkwo", ["bob@okonkwo.ng"], ["+2348035550101"]),
    ]
    assert only(find_duplicates(people)) == ("certain", ("same email, phone and name",))


def test_the_same_linkedin_profile_with_agreeing_names_is_certain():
    people = [
        person(1, "Wang Xiaoming", url="https://www.linkedin.com/in/xiaoming-wang"),
        person(2, "Xiaoming Wang", url="linkedin.com/in/Xiaoming-Wang/"),
    ]
    assert only(find_duplicates(people)) == ("certain", ("same LinkedIn profile",))


def test_the_same_linkedin_profile_under_different_names_is_a_pair_to_review():
    people = [
        person(1, "Priya Sharma", url="https://www.linkedin.com/in/psharma"),
        person(2, "Rahul Sharma", url="https://www.linkedin.com/in/psharma"),
    ]
    assert only(find_duplicates(people)) == (
        "likely",
        ("same LinkedIn profile (psharma) but different names",),
    )


def test_two_linkedin_profiles_are_two_people_even_with_one_address():
    people = [
        person(1, "Priya Iyer", ["iyers@example.in"], url="linkedin.com/in/priya-iyer"),
        person(2, "Priya Iyer", ["iyers@example.in"], url="linkedin.com/in/priya-iyer-2"),
    ]
    assert find_duplicates(people) == []


def test_a_name_missing_on_one_side_does_not_stop_a_certain_match():
    people = [person(1, "Aoife Murphy", ["aoife@example.ie"]), person(2, "", ["aoife@example.ie"])]
    assert only(find_duplicates(people)) == (
        "certain",
        ("same email", "name missing on one side"),
    )


def test_a_role_address_with_the_same_name_is_only_likely():
    people = [
        person(1, "Jürgen Müller", ["info@mueller-bau.de"]),
        person(2, "Juergen Mueller", ["info@mueller-bau.de"]),
    ]
    assert only(find_duplicates(people)) == (
        "likely",
        ("same name", "role address (info@mueller-bau.de)"),
    )


def test_an_address_seen_under_another_name_is_shared_even_for_the_same_name():
    people = [
        person(1, "Rosa Núñez", ["nunez.familia@example.es"]),
        person(2, "Rosa Nunez", ["nunez.familia@example.es"]),
        person(3, "Pedro Núñez", ["nunez.familia@example.es"]),
    ]
    rosas = next(m for m in find_duplicates(people) if (m.a, m.b) == (1, 2))
    assert (rosas.certainty, rosas.reasons) == (
        "likely",
        ("same name", "shared email (nunez.familia@example.es)"),
    )


def test_a_personal_identifier_is_certain_even_beside_a_shared_one():
    people = [
        person(1, "Alice Johnson", ["alice@acme.com"], [SWITCHBOARD]),
        person(2, "Bob Kowalski", [], [SWITCHBOARD]),
        person(3, "Alice Johnson", ["alice@acme.com"], [SWITCHBOARD]),
    ]
    alices = next(m for m in find_duplicates(people) if (m.a, m.b) == (1, 3))
    assert (alices.certainty, alices.reasons) == ("certain", ("same email and name",))


OFFICE = ["Alice Johnson", "Bob Kowalski", "Chidi Eze", "Priya Iyer", "Wang Xiaoming",
          "Siobhán Byrne", "Jürgen Weber", "Rosa Núñez", "Kwame Mensah", "Aoife Walsh"]  # fmt: skip


def test_a_switchboard_of_a_whole_office_pairs_nobody():
    people = [person(i, name, phones=[SWITCHBOARD]) for i, name in enumerate(OFFICE)]
    assert find_duplicates(people) == []


def test_names_still_pair_two_people_behind_a_crowded_switchboard():
    people = [
        person(1, "Alice Johnson", phones=[SWITCHBOARD]),
        person(2, "Bob Kowalski", phones=[SWITCHBOARD]),
        person(3, "Chidi Eze", phones=[SWITCHBOARD]),
        person(4, "Chidi Eze", phones=[SWITCHBOARD]),
    ]
    assert only(find_duplicates(people)) == ("likely", ("same name",))


def test_three_spellings_of_one_name_do_not_crowd_an_identifier():
    people = [
        person(1, "Chukwuemeka Eze", phones=["+234 803 555 0101"]),
        person(2, "Emeka Eze", phones=["+234 803 555 0101"]),
        person(3, "C. Eze", phones=["+234 803 555 0101"]),
    ]
    assert {m.certainty for m in find_duplicates(people)} == {"certain"}


# Looking up a file's records


def test_cards_of_one_file_sharing_a_phone_make_it_shared_in_an_account():
    index = Index([person(1, "Alice Johnson", phones=[SWITCHBOARD])])
    alice = person(0, "Alice Johnson", phones=[SWITCHBOARD])
    bob = person(0, "Bob Kowalski", phones=[SWITCHBOARD])
    index.note_incoming([alice, bob])
    match = index.lookup(alice)
    assert (match.certainty, match.reasons) == (
        "likely",
        ("same name", "shared phone (+12125550100)"),
    )


def test_without_the_files_records_the_same_phone_and_name_are_certain():
    index = Index([person(1, "Alice Johnson", phones=[SWITCHBOARD])])
    match = index.lookup(person(0, "Alice Johnson", phones=[SWITCHBOARD]))
    assert match.certainty == "certain"


def test_the_incoming_argument_declares_the_files_records_too():
    alice = person(0, "Alice Johnson", phones=[SWITCHBOARD])
    bob = person(0, "Bob Kowalski", phones=[SWITCHBOARD])
    index = Index([person(1, "Alice Johnson", phones=[SWITCHBOARD])], incoming=[alice, bob])
    assert index.lookup(alice).certainty == "likely"


def test_in_an_empty_account_the_second_card_on_a_switchboard_is_a_pair_to_review():
    alice = person(0, "Alice Johnson", ["alice@acme.com"], [SWITCHBOARD])
    bob = person(0, "Bob Kowalski", ["bob@acme.com"], [SWITCHBOARD])
    index = Index(incoming=[alice, bob])
    assert index.lookup(alice) is None
    index.add(alice, as_id=-1, by_name=False)
    match = index.lookup(bob)
    assert (match.a, match.certainty, match.reasons) == (
        -1,
        "likely",
        ("same phone (+12125550100) but different names",),
    )


def test_a_whole_office_in_one_file_pairs_nobody_by_its_switchboard():
    cards = [person(0, name, phones=[SWITCHBOARD]) for name in OFFICE]
    index = Index(incoming=cards)
    found = []
    for position, card in enumerate(cards, start=1):
        found.append(index.lookup(card))
        index.add(card, as_id=-position, by_name=False)
    assert found == [None] * len(OFFICE)


def test_a_close_name_is_preferred_to_a_phone_under_another_name():
    index = Index([person(1, "Alice Johnson", phones=[SWITCHBOARD]), person(2, "Bob Kowalski")])
    match = index.lookup(person(0, "Bob Kowalski", phones=[SWITCHBOARD]))
    assert (match.a, match.reasons) == (2, ("same name",))


def test_adding_someone_again_under_their_id_keeps_their_earlier_identifiers():
    index = Index([person(1, "Rosa Núñez", ["rosa@old.es"])])
    index.add(person(1, "Rosa Núñez", ["rosa@new.es"]))
    match = index.lookup(person(0, "Rosa Núñez", ["rosa@old.es"]))
    assert (match.a, match.certainty) == (1, "certain")


# Properties

other_given = st.sampled_from(["Alice", "Chidi", "Priya", "Xiaoming", "Siobhán", "Jürgen"])
family = st.sampled_from(["Okafor", "Iyer", "Wang", "O'Neill", "Müller", "García López"])
pool_emails = st.lists(st.sampled_from(["a@x.org", "info@x.org", "fam@y.org"]), max_size=2)
pool_phones = st.lists(st.sampled_from([SWITCHBOARD, "+44 20 7946 0000"]), max_size=2)
pool_urls = st.sampled_from(["", "linkedin.com/in/same", "linkedin.com/in/other"])


@settings(max_examples=200)
@given(other_given, family, family, pool_emails, pool_phones, pool_urls, st.data())
def test_different_given_names_are_never_certain_whatever_they_share(
    given_name, family_a, family_b, emails, phones, url, data
):
    bob = person(1, f"Bob {family_a}", emails, phones, url)
    other = person(2, f"{given_name} {family_b}", emails, phones, url)
    crowd = data.draw(st.lists(st.sampled_from(["", "Rosa Núñez", "Bob Smith"]), max_size=3))
    people = [bob, other] + [person(3 + i, n, emails, phones) for i, n in enumerate(crowd)]
    assert all(m.certainty != "certain" for m in find_duplicates(people) if {m.a, m.b} == {1, 2})
    match = Index([bob]).lookup(other)
    assert match is None or match.certainty != "certain"


names = st.sampled_from(
    ["Rosa Núñez", "Rosa Nunez", "Núñez, Rosa", "Pedro Núñez", "Bob Smith", "Robert Smith",
     "Alice Johnson", "Wang Xiaoming", "Xiaoming Wang", "王小明", "", "Chidi Eze"]
)  # fmt: skip
emails = st.lists(st.sampled_from(["a@x.org", "A@x.org", "info@x.org", "fam@y.org"]), max_size=2)
phones = st.lists(st.sampled_from([SWITCHBOARD, "(212) 555-0100", "+44 20 7946 0000"]), max_size=1)
urls = st.sampled_from(["", "", "linkedin.com/in/rosa", "linkedin.com/in/bob"])
orgs = st.sampled_from(["", "Acme", "Globex"])


@st.composite
def crowds(draw):
    size = draw(st.integers(2, 7))
    return [
        person(i, draw(names), draw(emails), draw(phones), draw(urls), draw(orgs))
        for i in range(1, size + 1)
    ]


@settings(max_examples=300)
@given(crowds(), st.data())
def test_lookup_and_the_scan_agree_on_certainty_for_the_same_pair(people, data):
    incoming = data.draw(st.sampled_from(people))
    others = [p for p in people if p is not incoming]
    scan = {(m.a, m.b): m.certainty for m in find_duplicates(people)}
    # Declared or not, the record looked up counts among the names carrying its identifiers.
    declared = [incoming] if data.draw(st.booleans()) else []
    match = Index(others, incoming=declared).lookup(incoming)
    if match is not None:
        assert scan[tuple(sorted((match.a, incoming.id)))] == match.certainty
    if any(c == "certain" and incoming.id in pair for pair, c in scan.items()):
        assert match is not None
        assert match.certainty == "certain"


@given(crowds(), st.randoms())
def test_shared_identifiers_do_not_depend_on_the_order_of_records(people, rng):
    shuffled = list(people)
    rng.shuffle(shuffled)
    assert find_duplicates(shuffled) == find_duplicates(people)


def test_records_written_with_lists_are_still_noted_and_looked_up():
    alice = Candidate(0, "Alice Johnson", phones=[SWITCHBOARD])
    bob = Candidate(0, "Bob Kowalski", phones=[SWITCHBOARD])
    index = Index([person(1, "Alice Johnson", phones=[SWITCHBOARD])], incoming=[alice, bob])
    assert index.lookup(alice).certainty == "likely"


def test_records_without_names_sharing_a_phone_say_so():
    people = [person(1, phones=["+44 20 7946 0000"]), person(2, phones=["+442079460000"])]
    assert only(find_duplicates(people)) == ("certain", ("same phone", "no name on either side"))
