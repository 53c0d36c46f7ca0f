"""The address book's cards (core.formats.vcard3): vCard 3.0 that vobject parses, folded at 75
octets, with commas, semicolons, backslashes and line breaks escaped, and read back by our own
reader (vcard.parse_vcards) as the same person."""

from __future__ import annotations

import vobject
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.formats.records import Contact, Labelled, PartialDate
from mutuals.core.formats.vcard import parse_vcards
from mutuals.core.formats.vcard3 import UNNAMED, write_vcard3
from tests.core.formats.strategies import partial_dates

UID = "urn:uuid:6f1d8a52-3c7e-4f0b-9a61-2d5e8c4b7a90"
# Any text a person's fields may hold: letters of every script, the characters vCard escapes,
# line breaks of every kind (but no other control characters, which the services strip).
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029")
    | st.sampled_from([",", ";", "\\", "\n", "\r", ":", '"']),
    max_size=90,
)
labels = st.sampled_from(["", "work", "home", "mobile", "Office", "Mum's, old"])
contacts = st.builds(
    Contact,
    line=st.just(0),
    full_name=texts.filter(lambda t: t.strip() != ""),
    first_name=texts,
    last_name=texts,
    organization=texts,
    title=texts,
    emails=st.lists(st.builds(Labelled, st.emails(), labels), max_size=3).map(tuple),
    phones=st.lists(
        st.builds(Labelled, st.from_regex(r"\+[1-9][0-9]{6,12}", fullmatch=True), labels),
        max_size=3,
    ).map(tuple),
    birthday=st.none() | partial_dates(),
    photo=st.none() | st.binary(min_size=1, max_size=300),
    photo_type=st.just("image/jpeg"),
)


def _one_line(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@given(contacts)
def test_every_card_parses_with_vobject_and_keeps_its_values(contact):
    card = vobject.readOne(write_vcard3(contact, UID))

    assert card.version.value == "3.0"
    assert card.fn.value == _one_line(contact.full_name)
    assert card.uid.value == UID
    if contact.organization:
        assert card.org.value == [_one_line(contact.organization)]
    if contact.title:
        assert card.title.value == _one_line(contact.title)
    assert [e.value for e in card.contents.get("email", [])] == [e.value for e in contact.emails]


@given(contacts)
def test_no_physical_line_is_longer_than_75_octets_and_lines_end_in_crlf(contact):
    text = write_vcard3(contact, UID)

    assert text.endswith("\r\n")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert "\n" not in text.replace("\r\n", "")


@given(contacts)
def test_our_own_reader_reads_the_same_person_back(contact):
    parsed = parse_vcards(write_vcard3(contact, UID).encode("utf-8"))

    (back,) = parsed.records
    assert back.full_name.split() == contact.full_name.split()  # the reader tidies spaces
    assert back.uid == UID
    assert back.birthday == contact.birthday
    assert back.photo == contact.photo
    assert [e.value for e in back.emails] == [e.value for e in contact.emails]
    assert [p.value for p in back.phones] == [p.value for p in contact.phones]


def test_a_birthday_without_a_year_uses_apples_convention():
    card = write_vcard3(Contact(line=0, full_name="Rosa", birthday=PartialDate(None, 4, 15)), UID)

    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15\r\n" in card


def test_a_birthday_with_a_year_is_a_plain_date():
    card = write_vcard3(Contact(line=0, full_name="Rosa", birthday=PartialDate(1990, 2, 3)), UID)

    assert "BDAY;VALUE=date:1990-02-03\r\n" in card


def test_notes_and_circles_stay_private():
    contact = Contact(line=0, full_name="Rosa", notes="Owes me money", circles=("work",))

    card = write_vcard3(contact, UID)

    assert "NOTE" not in card
    assert "Owes me money" not in card
    assert "CATEGORIES" not in card
    assert "work" not in card


def test_labels_become_types_or_apples_grouped_labels():
    contact = Contact(
        line=0,
        full_name="Rosa",
        emails=(Labelled("rosa@example.org", "work"),),
        phones=(Labelled("+15550100", "mobile"), Labelled("+15550101", "Studio")),
    )

    card = write_vcard3(contact, UID)

    assert "EMAIL;TYPE=INTERNET,WORK:rosa@example.org\r\n" in card
    assert "TEL;TYPE=CELL:+15550100\r\n" in card
    assert "tel2.TEL:+15550101\r\ntel2.X-ABLabel:Studio\r\n" in card


def test_a_card_with_only_an_organisation_is_a_company_card():
    card = write_vcard3(Contact(line=0, organization="Acme, Inc."), UID)

    assert "FN:Acme\\, Inc.\r\n" in card
    assert "X-ABShowAs:COMPANY\r\n" in card


def test_a_card_without_any_name_still_has_one():
    card = vobject.readOne(write_vcard3(Contact(line=0), UID))

    assert card.fn.value == UNNAMED
