"""core.demo_identity: no accidental twins in the demo. No two people share a name (or one
that reads as a typo of it), an address or a number, except the one office line shared on
purpose; nothing in it reaches anyone real."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.demo import DemoNetwork, DemoPerson, generate
from mutuals.core.demo_identity import CLOSE_NAMES, OFFICE, OFFICE_LINE, Names, PhoneBook
from mutuals.core.formats.dedupe import Candidate, find_duplicates
from mutuals.core.names import fold

TODAY = dt.date(2025, 3, 14)
seeds = st.integers(min_value=0, max_value=100_000)
FICTIONAL_NUMBER = re.compile(r"\+1 \d{3} 555 01\d\d|\+49 30 23125 \d{3}")
RESERVED_DOMAIN = re.compile(r"@([a-z0-9-]+\.)*example\.(com|org)")


@pytest.fixture(scope="module")
def network() -> DemoNetwork:
    return generate(seed=7, today=TODAY)


def holders(network: DemoNetwork, kind: str) -> dict[str, list[int]]:
    """Each email address or phone number, with the keys of the people who have it."""
    found: defaultdict[str, list[int]] = defaultdict(list)
    for person in network.people:
        for item in getattr(person, kind):
            found[item.value].append(person.key)
    return found


def shared(network: DemoNetwork, kind: str) -> dict[str, list[int]]:
    return {value: keys for value, keys in holders(network, kind).items() if len(keys) > 1}


def clinic_staff(network: DemoNetwork) -> list[DemoPerson]:
    return [p for p in network.people if p.organization == OFFICE]


def clinic_pair(network: DemoNetwork) -> list[tuple[int, ...]]:
    return [tuple(p.key for p in clinic_staff(network))]


def pairs_found(network: DemoNetwork) -> list[tuple[int, int]]:
    return [(m.a, m.b) for m in find_duplicates(candidates(network))]


def candidates(network: DemoNetwork) -> list[Candidate]:
    return [
        Candidate(
            id=p.key,
            full_name=p.name,
            emails=tuple(e.value for e in p.emails),
            phones=tuple(n.value for n in p.phones),
            linkedin_url=p.linkedin_url,
            organization=p.organization,
        )
        for p in network.people
    ]


# Names


def test_a_name_is_taken_once():
    names = Names()
    assert names.take("Rosa", "Núñez") == "rosa.nunez"
    assert names.take("Rosa", "Núñez") is None


def test_a_name_differing_only_in_accents_or_case_is_the_same_name():
    names = Names()
    names.take("Lucía", "Ibáñez")
    assert names.take("Lucia", "IBANEZ") is None


def test_a_name_that_reads_as_a_typo_of_a_namesake_is_refused():
    names = Names()
    names.take("Mara", "Patel")
    assert names.take("Marta", "Patel") is None
    assert names.take("Mara", "Pate") is None


def test_namesakes_with_clearly_different_names_are_both_taken():
    names = Names()
    names.take("Mara", "Patel")
    assert names.take("Bilal", "Patel") == "bilal.patel"
    assert names.take("Mara", "Okafor") == "mara.okafor"


@settings(max_examples=15)
@given(seed=seeds)
def test_any_seed_gives_every_person_a_name_of_their_own(seed):
    names = [fold(p.name) for p in generate(seed=seed, today=TODAY).people]
    assert len(set(names)) == len(names)


@settings(max_examples=15)
@given(seed=seeds)
def test_any_seed_gives_no_two_names_that_read_as_one_mistyped(seed):
    people = generate(seed=seed, today=TODAY).people
    close = [
        (a.name, b.name)
        for a, b in itertools.combinations(people, 2)
        if (a.first_name == b.first_name or a.last_name == b.last_name)
        and difflib.SequenceMatcher(None, fold(a.name), fold(b.name)).ratio() >= CLOSE_NAMES
    ]
    assert close == []


# Email addresses


def test_no_two_people_share_an_email_address(network):
    assert shared(network, "emails") == {}


@settings(max_examples=15)
@given(seed=seeds)
def test_any_seed_gives_no_shared_email_address(seed):
    assert shared(generate(seed=seed, today=TODAY), "emails") == {}


def test_emails_use_reserved_domains_only(network):
    addresses = list(holders(network, "emails"))
    assert len(addresses) > 100
    assert all(RESERVED_DOMAIN.search(address) for address in addresses)


def test_only_people_with_an_organisation_have_a_work_address(network):
    has_work_address = {p.key: any(e.label == "work" for e in p.emails) for p in network.people}
    assert has_work_address == {p.key: bool(p.organization) for p in network.people}


def test_a_work_address_is_at_the_companys_reserved_domain(network):
    staff = clinic_staff(network)[0]
    assert staff.emails[0].value.endswith("@maplestreetclinic.example.com")


# Phone numbers


def test_the_only_number_two_people_share_is_the_clinic_front_desk(network):
    assert shared(network, "phones") == {OFFICE_LINE.value: list(clinic_pair(network)[0])}


@settings(max_examples=15)
@given(seed=seeds)
def test_any_seed_shares_only_the_clinic_front_desk(seed):
    network = generate(seed=seed, today=TODAY)
    assert shared(network, "phones") == {OFFICE_LINE.value: list(clinic_pair(network)[0])}


def test_the_front_desk_is_on_two_colleagues_cards_labelled_work(network):
    staff = clinic_staff(network)
    assert len(staff) == 2
    labels = [[n.label for n in p.phones if n.value == OFFICE_LINE.value] for p in staff]
    assert labels == [["work"], ["work"]]


def test_each_clinic_colleague_has_a_personal_email_of_their_own(network):
    personal = [[e.value for e in p.emails if e.label == "personal"] for p in clinic_staff(network)]
    assert all(personal)
    assert not set(personal[0]) & set(personal[1])


def test_phone_numbers_are_in_ranges_reserved_for_fiction(network):
    numbers = list(holders(network, "phones"))
    assert len(numbers) > 50
    assert all(FICTIONAL_NUMBER.fullmatch(number) for number in numbers)


def test_people_in_berlin_have_german_numbers_and_everyone_else_north_american(network):
    for person in network.people:
        prefix = "+49 30 " if person.location == "Berlin, Germany" else "+1 "
        assert all(n.value.startswith(prefix) for n in person.phones if n != OFFICE_LINE)


def test_a_city_whose_numbers_run_out_borrows_portlands():
    book = PhoneBook(seed=1)
    toronto = [book.number_for("Toronto, ON").value for _ in range(101)]
    assert len(set(toronto)) == 101
    assert toronto[-1].startswith(("+1 503 ", "+1 971 ", "+1 360 "))


def test_remote_people_and_portlanders_never_get_the_same_number():
    book = PhoneBook(seed=1)
    numbers = [book.number_for(("Portland, OR", "Remote")[i % 2]).value for i in range(299)]
    assert len(set(numbers)) == 299
    assert OFFICE_LINE.value not in numbers


def test_the_phone_book_says_so_when_every_number_is_taken():
    book = PhoneBook(seed=1)
    for _ in range(299):
        book.number_for("Portland, OR")
    with pytest.raises(ValueError, match="more people than fictional phone numbers"):
        book.number_for("Remote")


# What duplicate finding makes of it


def test_duplicate_finding_is_certain_of_no_pair_in_the_demo(network):
    certain = [m for m in find_duplicates(candidates(network)) if m.certainty == "certain"]
    assert certain == []


def test_the_only_pair_duplicate_finding_offers_is_the_clinic_colleagues(network):
    assert pairs_found(network) == clinic_pair(network)


@settings(max_examples=10)
@given(seed=seeds)
def test_any_seed_gives_duplicate_finding_only_the_clinic_colleagues(seed):
    network = generate(seed=seed, today=TODAY)
    assert pairs_found(network) == clinic_pair(network)
