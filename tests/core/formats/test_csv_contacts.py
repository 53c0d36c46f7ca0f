import contextlib
import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.formats.csv_contacts import (
    guess_mapping,
    parse_generic_csv,
    parse_google_csv,
    parse_mapping_option,
    parse_outlook_csv,
    read_headers,
)
from mutuals.core.formats.records import FileRejected, Labelled, PartialDate

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def on_line(parsed, line):
    return next(c for c in parsed.records if c.line == line)


def reasons_on_line(parsed, line):
    return [s.reason for s in parsed.skipped if s.line == line]


google = parse_google_csv(sample("google_contacts.csv"))
legacy = parse_google_csv(sample("google_contacts_legacy.csv"))
outlook = parse_outlook_csv(sample("outlook_contacts.csv"))
GENERIC_MAP = {
    "full_name": "Name",
    "email": "E-mail",
    "organization": "Company",
    "title": "Job title",
    "phone": "Mobile",
    "circles": "Tags",
    "linkedin_url": "LinkedIn",
    "connected_on": "Met on",
}
generic = parse_generic_csv(sample("generic_contacts.csv"), GENERIC_MAP)


# Google, current header


def test_google_rows_start_on_their_physical_lines_despite_a_quoted_newline():
    assert [c.line for c in google.records] == [2, 4, 5, 7]


def test_google_names_come_from_first_middle_and_last_name():
    lee = on_line(google, 7)
    assert (lee.full_name, lee.first_name, lee.middle_name, lee.last_name) == (
        "Lee J. Chen",
        "Lee",
        "J.",
        "Chen",
    )


def test_google_cells_with_several_addresses_give_one_email_each_with_the_label():
    assert on_line(google, 2).emails == (
        Labelled("rosa.nunez@example.org", "Work"),
        Labelled("rosa@acme.example", "Work"),
        Labelled("rosa.n@example.net", "Home"),
    )


def test_google_phones_keep_their_label():
    assert on_line(google, 2).phones == (Labelled("+44 7700 900123", "Mobile"),)


def test_google_labels_become_circles_without_system_groups():
    assert on_line(google, 2).circles == ("Work", "PyData")


def test_google_linkedin_website_is_normalised():
    assert on_line(google, 2).linkedin_url == "https://www.linkedin.com/in/rosa-nunez-42"


def test_google_organisation_title_location_and_nickname_are_read():
    rosa = on_line(google, 2)
    assert (rosa.organization, rosa.title, rosa.location, rosa.nickname) == (
        "Acme Analytics",
        "Head of Data",
        "London, United Kingdom",
        "Ro",
    )


def test_google_notes_keep_their_line_breaks():
    assert on_line(google, 2).notes == (
        "Met at PyData London.\nIntroduced me to Sam, happy to help."
    )


def test_google_birthday_with_a_year_is_a_date():
    assert on_line(google, 2).birthday == PartialDate(1985, 4, 12)


def test_google_birthday_without_a_year_keeps_day_and_month():
    assert on_line(google, 4).birthday == PartialDate(None, 7, 30)


def test_an_address_without_at_is_dropped_with_a_note_on_its_line():
    assert on_line(google, 4).emails == (Labelled("SAM.OKAFOR@EXAMPLE.COM", "Other"),)
    assert any("sam.okafor(at)example.com" in r for r in reasons_on_line(google, 4))


def test_a_row_naming_only_an_organisation_is_an_organisation_only_contact():
    assert on_line(google, 5).is_organization_only


def test_a_row_with_nothing_identifying_is_skipped_with_a_reason():
    assert reasons_on_line(google, 6) == ["no name, organisation, email, phone or LinkedIn profile"]


# Google, older header


def test_older_google_exports_read_name_groups_and_organisation():
    ana = on_line(legacy, 2)
    assert (ana.full_name, ana.circles, ana.organization, ana.title, ana.location) == (
        "Ana Silva",
        ("Mentors",),
        "Initech",
        "CTO",
        "Lisbon",
    )


def test_older_google_exports_read_emails_phones_and_linkedin():
    ana = on_line(legacy, 2)
    assert (ana.emails, ana.phones, ana.linkedin_url) == (
        (Labelled("ana.silva@example.pt", "Work"),),
        (Labelled("+351 912 345 678", "Mobile"), Labelled("+351 213 000 000", "Mobile")),
        "https://www.linkedin.com/in/ana-silva-pt",
    )


def test_an_outlook_file_is_not_taken_for_a_google_export():
    with pytest.raises(FileRejected, match="First Name,Middle Name,Last Name"):
        parse_google_csv(sample("outlook_contacts.csv"))


def test_an_empty_file_is_rejected_with_the_expected_header():
    with pytest.raises(FileRejected, match="E-mail 1 - Value"):
        parse_google_csv(b"\r\n\r\n")


# Outlook


def test_outlook_rows_start_on_their_physical_lines():
    assert [c.line for c in outlook.records] == [2, 4]


def test_outlook_windows_1252_text_is_decoded():
    assert on_line(outlook, 2).full_name == "José García"


def test_outlook_title_is_not_the_job_title():
    jose = on_line(outlook, 2)
    assert (jose.organization, jose.title) == ("Umbrella Ltd", "Engineering Manager")


def test_outlook_phones_are_labelled_by_their_column():
    assert on_line(outlook, 2).phones == (
        Labelled("+34 600 000 001", "mobile"),
        Labelled("+34 910 000 002", "work"),
    )


def test_outlook_exchange_paths_are_dropped_with_a_note():
    assert on_line(outlook, 2).emails == (Labelled("jose.garcia@example.es"),)
    assert any("/o=ExchangeLabs" in r for r in reasons_on_line(outlook, 2))


def test_outlook_categories_are_split_on_semicolons():
    assert on_line(outlook, 2).circles == ("Work", "Former colleagues")


def test_outlook_month_first_birthday_is_a_date():
    assert on_line(outlook, 2).birthday == PartialDate(1985, 4, 12)


def test_outlook_zero_birthday_means_none():
    assert on_line(outlook, 4).birthday is None


def test_outlook_location_falls_back_to_the_home_address():
    assert on_line(outlook, 4).location == "Lyon, France"


def test_outlook_notes_have_plain_newlines():
    assert on_line(outlook, 2).notes == "Ex-colleague;\nknows the hiring manager"


def test_outlook_web_page_gives_the_linkedin_url():
    assert on_line(outlook, 2).linkedin_url == "https://www.linkedin.com/in/josegarcia"


def test_outlook_rows_without_a_person_are_skipped():
    assert reasons_on_line(outlook, 5) == [
        "no name, organisation, email, phone or LinkedIn profile"
    ]


def test_outlook_utf16_exports_are_read():
    text = sample("outlook_contacts.csv").decode("cp1252")
    assert parse_outlook_csv(text.encode("utf-16")).records == outlook.records


def test_outlook_utf16_without_byte_order_mark_is_read():
    text = sample("outlook_contacts.csv").decode("cp1252")
    assert parse_outlook_csv(text.encode("utf-16-le")).records == outlook.records


def test_a_google_file_is_not_taken_for_an_outlook_export():
    with pytest.raises(FileRejected, match="E-mail Address"):
        parse_outlook_csv(b"Name,Phone\r\nRosa,123\r\n")


# Any CSV with a map


def test_generic_rows_read_the_mapped_columns_of_a_semicolon_file():
    kenji = on_line(generic, 2)
    assert (kenji.full_name, kenji.organization, kenji.title, kenji.phones) == (
        "Kenji Watanabe",
        "Hooli",
        "Designer",
        (Labelled("+81 90 0000 0000"),),
    )


def test_generic_email_cells_may_hold_several_addresses():
    assert on_line(generic, 2).emails == (
        Labelled("kenji@example.jp"),
        Labelled("k.watanabe@example.com"),
    )


def test_generic_tags_become_circles_and_dates_are_read():
    kenji = on_line(generic, 2)
    assert (kenji.circles, kenji.connected_on, kenji.linkedin_url) == (
        ("design", "meetup"),
        date(2024, 3, 5),
        "https://www.linkedin.com/in/kenji-w",
    )


def test_generic_unreadable_dates_are_left_out_with_a_note():
    assert on_line(generic, 3).connected_on is None
    assert reasons_on_line(generic, 3) == ["connected_on 'sometime in May' is not a date; left out"]


def test_generic_rows_of_empty_cells_are_ignored_and_useless_rows_skipped():
    assert [s.line for s in generic.skipped if "no name" in s.reason] == [5]


def test_generic_names_are_joined_from_first_and_last_when_no_full_name():
    data = b"Given,Family\r\nRosa,Nunez\r\n"
    contact = parse_generic_csv(data, {"first_name": "Given", "last_name": "Family"}).records[0]
    assert contact.full_name == "Rosa Nunez"


def test_generic_columns_are_matched_without_regard_to_case():
    data = b"NAME\r\nRosa\r\n"
    assert parse_generic_csv(data, {"full_name": "name"}).records[0].full_name == "Rosa"


def test_generic_unknown_fields_are_rejected_by_name():
    with pytest.raises(FileRejected, match="favourite_colour"):
        parse_generic_csv(b"Name\r\nRosa\r\n", {"favourite_colour": "Name"})


def test_generic_columns_missing_from_the_file_are_rejected_by_name():
    with pytest.raises(FileRejected, match="Telefon"):
        parse_generic_csv(b"Name\r\nRosa\r\n", {"full_name": "Name", "phone": "Telefon"})


def test_headers_are_read_for_the_mapping_step():
    assert read_headers(sample("generic_contacts.csv")) == [
        "Name",
        "E-mail",
        "Company",
        "Job title",
        "Mobile",
        "Tags",
        "LinkedIn",
        "Met on",
    ]


def test_reading_headers_of_an_empty_file_is_rejected():
    with pytest.raises(FileRejected):
        read_headers(b"")


def test_common_header_names_are_guessed():
    headers = ["Full name", "Email Address", "Organisation", "Job title", "Phone", "Tags"]
    assert guess_mapping(headers) == {
        "full_name": "Full name",
        "email": "Email Address",
        "organization": "Organisation",
        "title": "Job title",
        "phone": "Phone",
        "circles": "Tags",
    }


def test_a_column_is_guessed_for_one_field_only():
    assert guess_mapping(["Name"]) == {"full_name": "Name"}


def test_unknown_headers_are_not_guessed():
    assert guess_mapping(["Favourite colour"]) == {}


def test_the_map_option_is_parsed():
    assert parse_mapping_option("full_name=Name, email = E-mail") == {
        "full_name": "Name",
        "email": "E-mail",
    }


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("full_name", "not field=Column"),
        ("colour=Name", "not a contact field"),
        ("email=A,email=B", "mapped twice"),
        ("=Name", "not field=Column"),
        ("", "empty"),
    ],
)
def test_a_bad_map_option_says_what_is_wrong(text, complaint):
    with pytest.raises(ValueError, match=complaint):
        parse_mapping_option(text)


# Any file


@pytest.mark.parametrize(
    "parse",
    [parse_google_csv, parse_outlook_csv, lambda d: parse_generic_csv(d, {"full_name": "Name"})],
)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_raise_nothing_but_file_rejected(parse, data):
    with contextlib.suppress(FileRejected):
        parse(data)


names = st.text(
    alphabet=st.characters(categories=("L", "Zs", "P"), exclude_characters="\x85\xa0"),
    max_size=20,
).map(str.strip)
people = st.lists(
    st.tuples(names, names, st.emails(), names),
    max_size=5,
)


@given(people)
def test_a_google_file_written_with_csv_reads_back_to_the_same_people(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "E-mail 1 - Label", "E-mail 1 - Value", "Labels"])
    for first, last, email, org in rows:
        writer.writerow([first, last, "* Home", email, org])
    parsed = parse_google_csv(("\ufeff" + out.getvalue()).encode("utf-8"))
    assert [(c.first_name, c.last_name, c.emails[0].value) for c in parsed.records] == [
        (first, last, email) for first, last, email, _org in rows
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2026-04-01", date(2026, 4, 1)),
        ("01 Apr 2026", date(2026, 4, 1)),
        ("Apr 1, 2026", date(2026, 4, 1)),
        ("4/1/2026", date(2026, 4, 1)),
        ("13/4/2026", date(2026, 4, 13)),
        ("1.4.2026", date(2026, 4, 1)),
        ("4/1/26", date(2026, 4, 1)),
    ],
)
def test_generic_dates_are_read_in_the_usual_forms(written, meant):
    data = f'Name,Met\r\nRosa,"{written}"\r\n'.encode()
    parsed = parse_generic_csv(data, {"full_name": "Name", "connected_on": "Met"})
    assert parsed.records[0].connected_on == meant
