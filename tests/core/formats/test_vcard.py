import contextlib
import dataclasses
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.core.formats.records import (
    Contact,
    FileRejected,
    Labelled,
    Parsed,
    PartialDate,
    Skipped,
)
from mutuals.core.formats.vcard import NOTHING_USABLE, parse_vcards, write_vcards
from tests.core.formats.strategies import REMOVED_CONTROLS, partial_dates

SAMPLES = Path(__file__).parent / "samples"
SAMPLE_PHOTO = bytes(range(256)) * 3  # what the sample files' photos encode


def sample(name: str) -> Parsed[Contact]:
    return parse_vcards((SAMPLES / name).read_bytes())


def card(*lines: str) -> bytes:
    return "\r\n".join(("BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", "")).encode()


def only(data: bytes) -> Contact:
    (contact,) = parse_vcards(data).records
    return contact


# Apple (3.0, grouped labels, base64 photo, year-less birthday)


def test_apple_names_come_from_fn_and_n():
    maja = sample("apple.vcf").records[0]
    assert (maja.full_name, maja.first_name, maja.middle_name, maja.last_name) == (
        "Dr. Maja Elin Lindqvist",
        "Maja",
        "Elin",
        "Lindqvist",
    )


def test_apple_grouped_labels_name_the_emails():
    maja = sample("apple.vcf").records[0]
    assert maja.emails == (
        Labelled("maja@example.com", "Other"),
        Labelled("maja.l@example.org", "Conference"),
    )


def test_phone_types_become_labels_with_cell_read_as_mobile():
    maja = sample("apple.vcf").records[0]
    assert maja.phones == (
        Labelled("+46 70 123 45 67", "mobile"),
        Labelled("+46 8 555 01 00", "work"),
    )


def test_the_first_org_component_is_the_organisation():
    maja = sample("apple.vcf").records[0]
    assert (maja.organization, maja.title, maja.nickname) == (
        "Tailspin Toys",
        "Principal Scientist",
        "Mia",
    )


def test_escaped_commas_semicolons_and_newlines_in_a_note_are_unescaped():
    maja = sample("apple.vcf").records[0]
    assert maja.notes == "Met at the Uppsala data meetup, 2023.\nLikes chess; hates spam."


def test_a_base64_photo_is_decoded_with_its_type():
    maja = sample("apple.vcf").records[0]
    assert (maja.photo, maja.photo_type) == (SAMPLE_PHOTO, "image/jpeg")


def test_the_address_gives_locality_region_and_country_as_location():
    assert sample("apple.vcf").records[0].location == "Uppsala, Sweden"


def test_apple_social_profile_user_gives_the_linkedin_url():
    maja = sample("apple.vcf").records[0]
    assert maja.linkedin_url == "https://www.linkedin.com/in/maja-lindqvist"


def test_an_apple_birthday_without_a_year_is_kept_as_day_and_month():
    parsed = sample("apple.vcf")
    assert (parsed.records[0].birthday, parsed.skipped) == (PartialDate(None, 4, 12), ())


def test_an_apple_company_card_is_organisation_only():
    company = sample("apple.vcf").records[1]
    assert (company.full_name, company.organization, company.line) == ("", "Tailspin Toys", 35)
    assert company.is_organization_only


# Android / Outlook (2.1)


def test_quoted_printable_utf8_names_are_decoded():
    ayse = sample("android_2_1.vcf").records[0]
    assert (ayse.full_name, ayse.first_name, ayse.last_name) == ("Ayşe Öztürk", "Ayşe", "Öztürk")


def test_quoted_printable_soft_line_breaks_are_joined():
    ayse = sample("android_2_1.vcf").records[0]
    assert ayse.notes == "Komşu; bahçe için teşekkürler\nikinci sat\u0131r"


def test_bare_21_parameters_are_types():
    ayse = sample("android_2_1.vcf").records[0]
    assert ayse.phones == (
        Labelled("+90 532 000 11 22", "mobile"),
        Labelled("+90 212 000 33 44", "home"),
    )


def test_a_21_base64_photo_ending_in_a_blank_line_is_decoded():
    ayse = sample("android_2_1.vcf").records[0]
    assert (ayse.photo, ayse.photo_type) == (SAMPLE_PHOTO, "image/jpeg")


def test_a_compact_birthday_is_read():
    assert sample("android_2_1.vcf").records[0].birthday == PartialDate(1985, 4, 12)


def test_an_iso_8859_1_quoted_printable_name_is_decoded_and_fn_built_from_n():
    francois = sample("android_2_1.vcf").records[1]
    assert (francois.full_name, francois.line) == ("François René", 28)


def test_several_types_make_one_label():
    assert sample("android_2_1.vcf").records[1].phones == (
        Labelled("+33 1 23 45 67 89", "work fax"),
    )


# Google (3.0) and 4.0


def test_google_categories_become_circles_without_google_system_groups():
    assert sample("google.vcf").records[0].circles == ("Mentors", "Bay Area")


def test_a_linkedin_url_property_is_normalised():
    priya = sample("google.vcf").records[0]
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-natarajan"


def test_google_address_and_birthday_are_read():
    priya = sample("google.vcf").records[0]
    assert (priya.location, priya.birthday) == ("San Francisco, CA, USA", PartialDate(1990, 11, 3))


def test_quoted_comma_list_types_and_tel_uris_are_read():
    tomas = sample("v4.vcf").records[0]
    assert (tomas.emails, tomas.phones) == (
        (Labelled("tomas@example.ie", "work"),),
        (Labelled("+353-87-555-0199", "mobile"),),
    )


def test_socialprofile_gives_the_linkedin_url():
    tomas = sample("v4.vcf").records[0]
    assert tomas.linkedin_url == "https://www.linkedin.com/in/tomas-oneill"


def test_an_escaped_comma_inside_a_category_stays_in_it():
    assert sample("v4.vcf").records[0].circles == ("Dublin, Ireland", "Alumni")


def test_a_data_uri_photo_is_decoded():
    tomas = sample("v4.vcf").records[0]
    assert (tomas.photo, tomas.photo_type) == (SAMPLE_PHOTO[:90], "image/png")


def test_a_4_0_birthday_without_a_year_is_kept_as_day_and_month():
    parsed = sample("v4.vcf")
    assert (parsed.records[0].birthday, parsed.skipped) == (PartialDate(None, 4, 12), ())


def test_a_card_with_only_an_organisation_is_a_company():
    company = sample("company_only.vcf").records[0]
    assert (company.full_name, company.organization) == ("", "Northwind Traders")


# Structure and errors


def test_folded_lines_are_unfolded():
    contact = only(card("FN:Ada Lo", "NOTE:first ha", " lf and\tsecond", "\thalf"))
    assert contact.notes == "first half and\tsecondhalf"


def test_lf_and_cr_line_ends_work_too():
    data = b"BEGIN:VCARD\rFN:Ada\rEND:VCARD\rBEGIN:VCARD\nFN:Bo\nEND:VCARD\n"
    assert [(c.full_name, c.line) for c in parse_vcards(data).records] == [("Ada", 1), ("Bo", 4)]


def test_quoted_parameter_values_may_hold_colons_and_semicolons():
    contact = only(card('EMAIL;X-NOTE="a:b;c";TYPE=home:ada@example.com', "FN:Ada"))
    assert contact.emails == (Labelled("ada@example.com", "home"),)


def test_a_card_with_nothing_usable_is_skipped():
    parsed = parse_vcards(card("NOTE:just a note"))
    assert parsed == Parsed((), (Skipped(1, NOTHING_USABLE),))


def test_a_line_without_a_colon_inside_a_card_is_ignored():
    assert only(card("FN:Ada", "garbage")).full_name == "Ada"


def test_a_file_without_cards_is_rejected():
    with pytest.raises(FileRejected, match="no BEGIN:VCARD"):
        parse_vcards(b"First Name,Last Name\nAda,Lo\n")


def test_a_card_without_end_at_the_end_of_the_file_is_rejected_naming_its_line():
    with pytest.raises(FileRejected) as rejected:
        parse_vcards(card("FN:Ada") + b"\r\nBEGIN:VCARD\r\nFN:Bo\r\n")
    assert (rejected.value.line, "no END:VCARD" in rejected.value.message) == (6, True)


def test_a_card_left_open_before_the_next_is_rejected_naming_the_line():
    with pytest.raises(FileRejected) as rejected:
        parse_vcards(b"BEGIN:VCARD\nFN:Ada\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n")
    assert rejected.value.line == 3


def test_text_between_cards_is_rejected_naming_the_line():
    with pytest.raises(FileRejected) as rejected:
        parse_vcards(card("FN:Ada") + b"\r\nstray text\r\n" + card("FN:Bo"))
    assert rejected.value.line == 6


def test_an_unreadable_photo_is_left_out_and_reported():
    parsed = parse_vcards(card("FN:Ada", "PHOTO;ENCODING=b;TYPE=JPEG:abc"))
    assert (parsed.records[0].photo, parsed.skipped) == (
        None,
        (Skipped(1, "photo not readable; left out"),),
    )


def test_a_photo_link_is_not_followed():
    assert only(card("FN:Ada", "PHOTO;VALUE=uri:https://example.com/a.jpg")).photo is None


# Writing


ADA = Contact(
    line=1,
    full_name="Ada Lo",
    first_name="Ada",
    last_name="Lo",
    emails=(Labelled("ada@example.com", "work"),),
    notes="one, two; three\\four\nfive",
)


def test_written_cards_are_vcard_4_with_crlf_line_ends():
    written = write_vcards([ADA])
    assert written.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert written.count("\n") == written.count("\r\n")


def test_text_is_escaped_as_rfc_6350_says():
    assert "NOTE:one\\, two\\; three\\\\four\\nfive\r\n" in write_vcards([ADA])


def test_a_mobile_label_is_written_as_the_standard_cell_type():
    contact = dataclasses.replace(ADA, emails=(), phones=(Labelled("+1 555 0100", "mobile"),))
    assert "TEL;TYPE=cell:+1 555 0100\r\n" in write_vcards([contact])


def test_a_free_text_label_is_written_as_an_apple_grouped_label():
    contact = dataclasses.replace(ADA, emails=(Labelled("ada@example.com", "Conference"),))
    written = write_vcards([contact])
    assert "item1.EMAIL:ada@example.com\r\nitem1.X-ABLabel:Conference\r\n" in written


def test_a_company_is_written_as_kind_org():
    written = write_vcards([Contact(line=1, organization="Northwind")])
    assert "KIND:org\r\nFN:Northwind\r\n" in written


def test_uids_are_written_when_given():
    assert "UID:urn:uuid:1234\r\n" in write_vcards([ADA], uids=["urn:uuid:1234"])


def test_one_uid_per_contact_is_required():
    with pytest.raises(ValueError, match="one uid per contact"):
        write_vcards([ADA], uids=[])


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    written = write_vcards([dataclasses.replace(ADA, notes="ü€😀 " * 60)])
    physical = written.encode().split(b"\r\n")
    assert max(len(line) for line in physical) <= 75
    assert all(line.decode("utf-8") for line in physical if line)


# Round trips


def clean(alphabet):
    return st.text(alphabet=alphabet, min_size=1, max_size=25).map(str.strip).filter(bool)


def contacts(alphabet):
    value = clean(alphabet)
    maybe = st.one_of(st.just(""), value)
    label = st.one_of(
        st.sampled_from(["", "home", "work", "mobile", "fax", "pager", "Work", "cell"]),
        value.filter(lambda v: not v.startswith("_$!<")),
    )
    phone = value.filter(lambda v: not v.lower().startswith("tel:"))
    person = st.builds(
        Contact,
        line=st.just(1),
        full_name=value,
        first_name=maybe,
        middle_name=maybe,
        last_name=maybe,
        nickname=maybe,
        emails=st.lists(st.builds(Labelled, value, label), max_size=3).map(tuple),
        phones=st.lists(st.builds(Labelled, phone, label), max_size=3).map(tuple),
        linkedin_url=st.one_of(
            st.just(""),
            st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True).map(
                "https://www.linkedin.com/in/{}".format
            ),
        ),
        organization=maybe,
        title=maybe,
        location=maybe,
        notes=maybe,
        circles=st.lists(
            value.filter(lambda v: v.casefold().replace(" ", "") not in {"mycontacts", "starred"}),
            unique=True,
        ).map(tuple),
        birthday=st.one_of(st.none(), partial_dates()),
        photo=st.one_of(st.none(), st.binary(min_size=1, max_size=200)),
        photo_type=st.sampled_from(["", "image/jpeg", "image/png"]),
        prefix=maybe,
        suffix=maybe,
        phonetic_name=maybe,
        uid=maybe,
        anniversary=st.one_of(st.none(), partial_dates()),
    )
    company = st.builds(Contact, line=st.just(1), organization=value, phones=st.just(()))
    return st.one_of(person, company).map(
        lambda c: c if c.photo is not None else dataclasses.replace(c, photo_type="")
    )


# A lone CR is a line break the format writes as "\n", so it cannot come back as itself; other
# C0 controls but tab are removed on reading.
ANY_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters=REMOVED_CONTROLS)
PLAIN_TEXT = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(contacts(ANY_TEXT), min_size=1, max_size=4))
def test_what_is_written_reads_back_exactly(written):
    parsed = parse_vcards(write_vcards(written).encode())
    read_back = [dataclasses.replace(c, line=1) for c in parsed.records]
    assert read_back == written


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(contacts(PLAIN_TEXT))
def test_vobject_reads_what_is_written_the_same_way(contact):
    (component,) = vobject.readComponents(write_vcards([contact]))
    children = component.contents
    assert component.fn.value == (contact.full_name or contact.organization)
    assert [e.value for e in children.get("email", [])] == [e.value for e in contact.emails]
    assert [t.value for t in children.get("tel", [])] == [p.value for p in contact.phones]
    assert [o.value[0] for o in children.get("org", [])] == (
        [contact.organization] if contact.organization else []
    )
    assert [n.value for n in children.get("note", [])] == ([contact.notes] if contact.notes else [])
    assert [c for cat in children.get("categories", []) for c in cat.value] == list(contact.circles)


# Robustness


@given(st.binary(max_size=500))
def test_any_bytes_give_contacts_or_a_rejection(data):
    with contextlib.suppress(FileRejected):
        parse_vcards(data)


SAMPLE_FILES = ["apple.vcf", "android_2_1.vcf", "google.vcf", "v4.vcf", "company_only.vcf"]


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(
    st.sampled_from(SAMPLE_FILES),
    st.integers(min_value=0),
    st.integers(min_value=0, max_value=20),
    st.text(alphabet=st.sampled_from(':;=,.\\"\r\n \tBEGINDVCARD\x00é'), max_size=10),
)
def test_mutated_sample_files_give_contacts_or_a_rejection(name, position, cut, insert):
    data = (SAMPLES / name).read_bytes()
    at = position % (len(data) + 1)
    mutated = data[:at] + insert.encode() + data[at + cut :]
    with contextlib.suppress(FileRejected):
        parse_vcards(mutated)


def test_a_charset_with_a_nul_in_its_name_reads_as_utf8():
    card = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=UTF\x00-8;ENCODING=QUOTED-PRINTABLE:N=C3=BA=C3=B1ez;Rosa\r\nEND:VCARD\r\n"
    )
    [rosa] = parse_vcards(card).records
    assert rosa.last_name == "Núñez"
