"""Google, Outlook and mutuals' own CSV files as they really are: names, dates, ids, and
what the files carry that mutuals has no place for."""

from datetime import date

from mutuals.core.formats.csv_contacts import (
    guess_mapping,
    parse_generic_csv,
    parse_google_csv,
    parse_outlook_csv,
    read_headers,
)
from mutuals.core.formats.records import Labelled, PartialDate
from tests.core.formats.sample_files import read_sample

google = parse_google_csv(read_sample("google_contacts_2024.csv"))
outlook = parse_outlook_csv(read_sample("outlook_com_uk.csv"))
EXPORT = read_sample("mutuals_export.csv")
export = parse_generic_csv(EXPORT, guess_mapping(read_headers(EXPORT)))


# Google


def test_google_file_as_is_the_display_name():
    assert google.records[0].full_name == "山田太郎"


def test_google_name_prefix_and_suffix_are_read():
    taro = google.records[0]
    assert (taro.prefix, taro.suffix) == ("Dr.", "Jr.")


def test_google_phonetic_names_read_family_first_for_a_japanese_name():
    assert google.records[0].phonetic_name == "やまだ たろう"


def test_google_without_file_as_builds_the_name_from_its_parts():
    assert google.records[1].full_name == "Ngozi Eze"


def test_google_year_less_birthday_keeps_day_and_month():
    assert google.records[0].birthday == PartialDate(None, 11, 3)


def test_google_event_labelled_anniversary_is_the_anniversary_in_any_case():
    assert (google.records[0].anniversary, google.records[1].anniversary) == (
        PartialDate(2012, 6, 9),
        PartialDate(None, 5, 1),
    )


def test_google_columns_without_a_place_are_listed_in_words():
    assert google.records[0].unmapped == (
        "department",
        "photo link",
        "street address",
        "related people",
        "instant messaging",
        "custom field",
        "other date",
    )


def test_google_websites_other_than_linkedin_are_listed():
    assert google.records[1].unmapped == ("website",)


def test_google_linkedin_website_is_still_found():
    assert google.records[0].linkedin_url == "https://www.linkedin.com/in/taro-yamada-example"


# Outlook


def test_outlook_title_and_suffix_are_prefix_and_suffix():
    amelia = outlook.records[0]
    assert (amelia.full_name, amelia.prefix, amelia.suffix, amelia.title) == (
        "Amelia Hughes",
        "Dr.",
        "Jr.",
        "Consultant",
    )


def test_outlook_dates_of_a_uk_file_are_read_day_first():
    amelia = outlook.records[0]
    assert (amelia.birthday, amelia.anniversary) == (
        PartialDate(1975, 3, 14),
        PartialDate(2005, 4, 3),
    )


def test_outlook_says_how_it_read_the_files_dates():
    assert outlook.notes == (
        "Dates were read day first (14/3/1975), as the file's unambiguous dates show.",
    )


def test_outlook_zero_dates_are_no_dates_and_no_complaint():
    kenji = outlook.records[1]
    assert (kenji.birthday, kenji.anniversary, outlook.skipped) == (None, None, ())


def test_outlook_yomi_gives_the_reading_of_the_name():
    assert outlook.records[1].phonetic_name == "けんじ さとう"


def test_outlook_pager_and_fax_numbers_are_phones():
    assert outlook.records[0].phones == (
        Labelled("+44 7700 900456", "mobile"),
        Labelled("+44 7700 900999", "pager"),
        Labelled("+44 20 7946 0001", "work fax"),
    )


def test_outlook_columns_without_a_place_are_listed_by_name_or_in_words():
    assert outlook.records[0].unmapped == (
        "department",
        "column 'Manager's Name'",
        "street address",
        "column 'Spouse'",
    )


def test_outlook_defaults_carry_nothing_to_list():
    data = (
        b"First Name,Last Name,E-mail Address,Gender,Sensitivity,Priority,Private\r\n"
        b"Zoe,Martin,zoe@example.fr,Unspecified,Normal,Normal,False\r\n"
    )
    assert parse_outlook_csv(data).records[0].unmapped == ()


# mutuals' own export and any CSV


def test_our_own_export_maps_its_id_column_to_the_uid():
    assert [c.uid for c in export.records] == [
        "urn:uuid:6f1d8a52-0000-4f0b-9a61-000000000001",
        "urn:uuid:6f1d8a52-0000-4f0b-9a61-000000000002",
    ]


def test_our_own_export_reads_back_birthdays_with_and_without_a_year():
    assert [c.birthday for c in export.records] == [
        PartialDate(None, 4, 12),
        PartialDate(1990, 11, 3),
    ]


def test_our_own_export_reads_back_formula_guarded_cells_as_their_text():
    rosa = export.records[0]
    assert (rosa.phones, rosa.notes) == ((Labelled("+44 7700 900123"),), "=not a formula")


def test_our_own_export_lists_the_columns_no_field_reads():
    assert export.records[0].unmapped == ("column 'Closeness'", "column 'Last contact'")


def test_a_chinese_name_in_parts_is_built_family_first():
    data = "Given,Family\r\n小明,王\r\n".encode()
    mapping = {"first_name": "Given", "last_name": "Family"}
    assert parse_generic_csv(data, mapping).records[0].full_name == "王小明"


def test_any_csv_maps_prefix_suffix_phonetic_name_and_anniversary():
    data = "Name,Prefix,Suffix,Pronunciation,Anniversary\r\nAda Lo,Dr.,PhD,Ay-da,2012-06-09\r\n"
    mapping = guess_mapping(read_headers(data.encode()))
    ada = parse_generic_csv(data.encode(), mapping).records[0]
    assert (ada.prefix, ada.suffix, ada.phonetic_name, ada.anniversary) == (
        "Dr.",
        "PhD",
        "Ay-da",
        PartialDate(2012, 6, 9),
    )


def test_german_column_names_make_ambiguous_dates_day_first():
    data = "Vorname,Nachname,Geburtstag\r\nJörg,Müller,1/9/1980\r\n".encode()
    mapping = {"first_name": "Vorname", "last_name": "Nachname", "birthday": "Geburtstag"}
    assert parse_generic_csv(data, mapping).records[0].birthday == PartialDate(1980, 9, 1)


def test_a_connected_date_without_a_year_is_left_out_with_a_note():
    data = b"Name,Met\r\nRosa,--04-12\r\n"
    parsed = parse_generic_csv(data, {"full_name": "Name", "connected_on": "Met"})
    assert (parsed.records[0].connected_on, [s.reason for s in parsed.skipped]) == (
        None,
        ["connected_on '--04-12' has no year; left out"],
    )


def test_a_connected_date_with_a_year_is_a_full_date():
    data = b"Name,Met\r\nRosa,9-Sep-22\r\n"
    parsed = parse_generic_csv(data, {"full_name": "Name", "connected_on": "Met"})
    assert parsed.records[0].connected_on == date(2022, 9, 9)
