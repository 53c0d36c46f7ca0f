"""What real address books write, read from synthetic files that reproduce each quirk."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.formats.records import Contact, Labelled, Parsed, PartialDate, Skipped
from mutuals.core.formats.vcard import A_GROUP, parse_vcards, write_vcards
from tests.core.formats.sample_files import read_sample
from tests.core.formats.strategies import partial_dates


def sample(name: str) -> Parsed[Contact]:
    return parse_vcards(read_sample(name))


def card(*lines: str, version: str = "3.0") -> bytes:
    return "\r\n".join(("BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", "")).encode()


def only(*lines: str, version: str = "3.0") -> Contact:
    (contact,) = parse_vcards(card(*lines, version=version)).records
    return contact


# Names as written


def test_a_chinese_display_name_is_kept_as_written_not_rebuilt_from_n():
    assert sample("names.vcf").records[0].full_name == "王小明"


def test_the_display_name_keeps_its_capitals_when_n_has_others():
    sean = sample("names.vcf").records[1]
    assert (sean.full_name, sean.first_name) == ("Sean O'Neill", "sean")


def test_n_with_only_a_family_name_gives_that_family_name():
    okonkwo = sample("names.vcf").records[2]
    assert (okonkwo.full_name, okonkwo.first_name, okonkwo.last_name) == ("Okonkwo", "", "Okonkwo")


def test_a_chinese_name_without_fn_is_built_family_first_without_a_space():
    assert sample("names.vcf").records[3].full_name == "李娜"


def test_a_korean_name_given_only_as_fn_is_kept():
    assert sample("names.vcf").records[4].full_name == "최유림"


def test_fn_with_prefix_and_suffix_is_kept_and_n_gives_them_apart():
    ingrid = sample("names.vcf").records[5]
    assert (ingrid.full_name, ingrid.prefix, ingrid.last_name, ingrid.suffix) == (
        "Prof. Dr. Ingrid van der Berg-Smit, PhD",
        "Prof. Dr.",
        "van der Berg-Smit",
        "PhD",
    )


def test_vcard_4_sort_as_gives_the_reading_of_a_japanese_name_family_first():
    assert sample("names.vcf").records[6].phonetic_name == "やまもと ゆき"


def test_a_sort_as_that_only_repeats_the_name_is_no_reading():
    assert only('N;SORT-AS="Lo,Ada":Lo;Ada;;;', "FN:Ada Lo", version="4.0").phonetic_name == ""


def test_lotus_notes_own_order_of_fn_is_kept_and_n_gives_the_parts():
    folake = sample("lotus_notes.vcf").records[0]
    assert (folake.full_name, folake.first_name, folake.middle_name, folake.prefix) == (
        "Mrs. Adeyemi Folake II Titi",
        "Folake",
        "Titi",
        "Mrs.",
    )


def test_several_middle_names_in_n_are_joined_with_spaces():
    assert only("FN:John Doe", "N:Doe;John;Richter,James;Mr.;Sr.").middle_name == "Richter James"


def test_an_escaped_comma_in_n_is_a_comma_in_the_name():
    assert sample("google_dates.vcf").records[0].middle_name == "Emeka, Obi"


def test_google_prefix_suffix_and_phonetic_name_are_read():
    chinedu = sample("google_dates.vcf").records[0]
    assert (chinedu.prefix, chinedu.suffix, chinedu.phonetic_name) == (
        "Dr.",
        "Jr.",
        "Chee-neh-doo Oh-kah-for",
    )


def test_apple_phonetic_names_of_a_japanese_name_read_family_first():
    taro = sample("apple_dates.vcf").records[0]
    assert (taro.full_name, taro.phonetic_name) == ("山田太郎", "やまだ たろう")


def test_android_sound_x_irmc_n_gives_the_reading_of_the_name():
    hanako = sample("android_custom.vcf").records[0]
    assert (hanako.full_name, hanako.phonetic_name) == ("佐藤花子", "さとう はなこ")


def test_outlook_quoted_printable_windows_1252_names_are_decoded():
    juergen = sample("outlook_2_1.vcf").records[0]
    assert (juergen.full_name, juergen.last_name, juergen.prefix, juergen.suffix) == (
        "Dr. Jürgen Müller-Lüdenscheidt, MBA",
        "Müller-Lüdenscheidt",
        "Dr.",
        "MBA",
    )


# Dates


def test_an_apple_anniversary_is_the_grouped_x_abdate_labelled_anniversary():
    assert sample("apple_dates.vcf").records[0].anniversary == PartialDate(2012, 6, 9)


def test_an_apple_omitted_year_birthday_keeps_its_day_and_month():
    assert sample("apple_dates.vcf").records[0].birthday == PartialDate(None, 11, 3)


def test_google_year_less_birthday_and_grouped_anniversary_are_read():
    chinedu = sample("google_dates.vcf").records[0]
    assert (chinedu.birthday, chinedu.anniversary) == (
        PartialDate(None, 7, 30),
        PartialDate(2011, 2, 19),
    )


def test_outlook_x_ms_anniversary_is_the_anniversary():
    juergen = sample("outlook_2_1.vcf").records[0]
    assert (juergen.birthday, juergen.anniversary) == (
        PartialDate(1975, 3, 14),
        PartialDate(2005, 6, 18),
    )


def test_android_events_give_the_anniversary_and_a_year_less_birthday():
    hanako = sample("android_custom.vcf").records[0]
    assert (hanako.birthday, hanako.anniversary) == (
        PartialDate(None, 5, 14),
        PartialDate(2015, 10, 10),
    )


def test_thunderbird_cardbook_year_1604_means_no_year():
    assert sample("thunderbird_cardbook.vcf").records[0].birthday == PartialDate(None, 1, 1)


def test_thunderbird_x_anniversary_is_the_anniversary():
    assert sample("thunderbird_cardbook.vcf").records[0].anniversary == PartialDate(1990, 4, 30)


def test_evolution_anniversary_and_a_birthday_with_a_time_are_read():
    priya = sample("evolution.vcf").records[0]
    assert (priya.birthday, priya.anniversary) == (
        PartialDate(1987, 9, 27),
        PartialDate(2014, 2, 2),
    )


def test_a_vcard_4_anniversary_is_read():
    assert only("FN:Ada", "ANNIVERSARY:--0415", version="4.0").anniversary == PartialDate(
        None, 4, 15
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("--0415", PartialDate(None, 4, 15)),
        ("--04-15", PartialDate(None, 4, 15)),
        ("19850415", PartialDate(1985, 4, 15)),
        ("1985-04-15", PartialDate(1985, 4, 15)),
        ("19531015T231000Z", PartialDate(1953, 10, 15)),
        ("--0229", PartialDate(None, 2, 29)),
    ],
)
def test_birthdays_in_every_vcard_form_are_read(written, meant):
    assert only("FN:Ada", f"BDAY:{written}").birthday == meant


def test_a_birthday_written_as_text_is_left_out_and_reported():
    parsed = sample("carddav_servers.vcf")
    assert (parsed.records[1].birthday, parsed.skipped) == (
        None,
        (Skipped(9, "birthday 'circa 1960' not understood; left out"),),
    )


# Ids, photos and groups


def test_the_uid_is_the_records_own_id():
    assert (
        sample("carddav_servers.vcf").records[0].uid == "C68582D2-2E60-0001-C2C0-00000000000A.vcf"
    )


def test_a_card_with_only_an_email_is_kept():
    assert sample("carddav_servers.vcf").records[0].emails == (
        Labelled("no-name@example.com", "work"),
    )


def test_a_base64_marked_photo_that_is_a_data_uri_is_decoded():
    farid = sample("carddav_servers.vcf").records[1]
    assert (farid.photo, farid.photo_type) == (bytes(range(10)), "image/png")


def test_an_empty_outlook_photo_is_no_photo():
    juergen = sample("outlook_2_1.vcf").records[0]
    assert (juergen.photo, juergen.photo_type) == (None, "")


def test_a_contact_group_card_is_skipped_as_a_group():
    parsed = sample("apple_dates.vcf")
    assert ([c.full_name for c in parsed.records], [s.reason for s in parsed.skipped]) == (
        ["山田太郎"],
        [A_GROUP],
    )


def test_outlook_x_ms_tel_numbers_are_phones():
    assert sample("outlook_2_1.vcf").records[0].phones[1] == Labelled("+49 30 555 0199", "callback")


def test_an_android_nickname_row_is_a_nickname():
    assert sample("android_custom.vcf").records[0].nickname == "Hana"


def test_android_my_contacts_is_not_a_circle():
    assert sample("android_custom.vcf").records[1].circles == ()


def test_lotus_notes_wrongly_escaped_nickname_comma_stays_in_one_nickname():
    assert sample("lotus_notes.vcf").records[0].nickname == "Fola,Titi"


# What is not imported


def test_apple_fields_without_a_place_are_listed_in_words():
    assert sample("apple_dates.vcf").records[0].unmapped == (
        "related people",
        "instant messaging",
        "street address",
        "other date",
    )


def test_outlook_fields_without_a_place_are_listed_and_its_layout_fields_are_not():
    assert sample("outlook_2_1.vcf").records[0].unmapped == (
        "street address",
        "instant messaging",
        "role",
        "department",
    )


def test_lotus_notes_position_time_zone_and_role_are_listed_and_bookkeeping_is_not():
    assert sample("lotus_notes.vcf").records[0].unmapped == (
        "map location",
        "time zone",
        "street address",
        "role",
        "department",
    )


def test_android_custom_events_and_relations_are_listed():
    assert sample("android_custom.vcf").records[0].unmapped == ("other date", "related people")


def test_evolution_im_and_relations_are_listed_and_its_file_as_is_not():
    assert sample("evolution.vcf").records[0].unmapped == (
        "instant messaging",
        "related people",
        "department",
        "street address",
    )


def test_a_website_that_is_not_linkedin_is_listed_and_a_linkedin_one_is_read():
    contact = only(
        "FN:Ada", "URL:https://ada.example.org", "URL:https://www.linkedin.com/in/ada-lo"
    )
    assert (contact.linkedin_url, contact.unmapped) == (
        "https://www.linkedin.com/in/ada-lo",
        ("website",),
    )


def test_an_unknown_property_is_named_as_written():
    assert only("FN:Ada", "X-CUSTOM-SHOE-SIZE:38").unmapped == ("field 'X-CUSTOM-SHOE-SIZE'",)


def test_an_empty_property_is_not_listed():
    assert only("FN:Ada", "GEO:", "ROLE:").unmapped == ()


def test_a_photo_link_is_listed_since_it_is_not_followed():
    assert only("FN:Ada", "PHOTO;VALUE=uri:https://example.com/a.jpg").unmapped == ("photo link",)


# Control characters


def test_a_nul_inside_the_n_field_is_removed():
    ada = only("FN:Ada", "N:Lo\x00vel\x00ace;Ada;;;")
    assert ada.last_name == "Lovelace"


def test_a_quoted_printable_nul_is_removed():
    ada = only("FN;ENCODING=QUOTED-PRINTABLE:A=00da=07", "N:Lo;Ada", version="2.1")
    assert ada.full_name == "Ada"


# Writing what is read


def test_a_written_card_carries_n_with_prefix_and_suffix():
    contact = Contact(line=1, full_name="Dr. Ada Lo", first_name="Ada", last_name="Lo")
    written = write_vcards([dataclasses.replace(contact, prefix="Dr.", suffix="PhD")])
    assert "N:Lo;Ada;;Dr.;PhD\r\n" in written


def test_a_year_less_birthday_is_written_as_dashes_month_and_day():
    contact = Contact(line=1, full_name="Ada", birthday=PartialDate(None, 4, 15))
    assert "BDAY:--0415\r\n" in write_vcards([contact])


def test_an_anniversary_with_a_year_is_written_in_full():
    contact = Contact(line=1, full_name="Ada", anniversary=PartialDate(2012, 6, 9))
    assert "ANNIVERSARY:20120609\r\n" in write_vcards([contact])


def test_the_contacts_own_uid_is_written_when_no_uids_are_given():
    assert "UID:urn:uuid:1\r\n" in write_vcards([Contact(line=1, full_name="A", uid="urn:uuid:1")])


def test_given_uids_win_over_the_contacts_own():
    contact = Contact(line=1, full_name="A", uid="urn:uuid:1")
    assert "UID:urn:uuid:2\r\n" in write_vcards([contact], uids=["urn:uuid:2"])


NAME_TEXT = st.text(
    alphabet=st.sampled_from("AdaLovelcÓ'Ññ-. 王小明최유림やまだ,;\\"), min_size=1, max_size=20
).map(str.strip)


@given(
    full_name=NAME_TEXT.filter(bool),
    prefix=NAME_TEXT,
    suffix=NAME_TEXT,
    uid=st.one_of(st.just(""), st.uuids().map("urn:uuid:{}".format)),
    birthday=st.one_of(st.none(), partial_dates()),
    anniversary=st.one_of(st.none(), partial_dates()),
)
def test_display_name_prefix_suffix_uid_and_dates_survive_writing_and_reading(
    full_name, prefix, suffix, uid, birthday, anniversary
):
    written = Contact(
        line=1,
        full_name=full_name,
        prefix=prefix,
        suffix=suffix,
        uid=uid,
        birthday=birthday,
        anniversary=anniversary,
    )
    (read,) = parse_vcards(write_vcards([written]).encode()).records
    kept = (read.full_name, read.prefix, read.suffix, read.uid, read.birthday, read.anniversary)
    assert kept == (full_name, prefix, suffix, uid, birthday, anniversary)


def test_a_damaged_line_inside_a_card_is_not_listed_as_a_field():
    assert only("FN:Ada", "Call me on Tuesday: after lunch").unmapped == ()
