"""LinkedIn files as they arrive after Excel has had them, and zips built to hurt."""

import io
import zipfile
from datetime import date

import pytest

from mutuals.core.formats import linkedin
from mutuals.core.formats.linkedin import parse_connections, read_export
from mutuals.core.formats.records import FileRejected
from tests.core.formats.sample_files import read_sample

EXCEL = read_sample("linkedin_connections_excel.csv")
EXCEL_UK = read_sample("linkedin_connections_excel_uk.csv")
EXCEL_DE = read_sample("linkedin_connections_excel_de.csv")


def dates_of(parsed):
    return {c.full_name: c.connected_on for c in parsed.records}


# Re-saved by Excel


def test_a_file_excel_saved_without_preamble_or_byte_order_mark_is_found():
    assert not EXCEL.startswith((b"\xef\xbb\xbf", b"Notes:"))
    assert [c.full_name for c in read_export(EXCEL).connections.records] == [
        "Ada Quill",
        "Bram Vos",
        "Chidi Okafor",
    ]


def test_a_file_excel_saved_with_a_byte_order_mark_and_no_preamble_is_found():
    assert EXCEL_UK.startswith(b"\xef\xbb\xbfFirst Name")
    assert len(read_export(EXCEL_UK).connections.records) == 2


def test_excels_short_dates_are_read():
    assert dates_of(parse_connections(EXCEL)) == {
        "Ada Quill": date(2022, 9, 9),
        "Bram Vos": date(2023, 4, 23),
        "Chidi Okafor": date(2022, 1, 9),
    }


def test_an_excel_file_with_only_ambiguous_numbers_says_they_were_read_month_first():
    assert parse_connections(EXCEL).notes == (
        "Dates like 1/9/2022 could be read either way; they were read month first (the US "
        "order), since nothing in the file says otherwise.",
    )


def test_a_uk_excel_file_is_read_day_first_by_its_own_evidence():
    assert dates_of(parse_connections(EXCEL_UK)) == {
        "Ada Quill": date(2022, 9, 1),
        "Bram Vos": date(2023, 4, 23),
    }


def test_a_semicolon_separated_german_file_is_found_and_read_day_first():
    parsed = read_export(EXCEL_DE).connections
    assert dates_of(parsed) == {"Jörg Müller": date(2022, 9, 1), "Käthe Schröder": date(2021, 3, 2)}


def test_the_original_export_needs_no_note_about_its_dates():
    assert parse_connections(read_sample("linkedin_connections.csv")).notes == ()


def test_a_column_linkedin_does_not_write_is_listed_as_not_imported():
    data = b"First Name,Last Name,Tags,Connected On\nAda,Quill,mentor,09 Sep 2022\n"
    assert parse_connections(data).records[0].unmapped == ("column 'Tags'",)


# Zips built to hurt


def zip_of_zeros(path, members: dict[str, int]) -> bytes:
    """A zip whose members are `size` zero bytes each, written a megabyte at a time."""
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, size in members.items():
            with archive.open(name, "w") as member:
                for _ in range(size // len(zeros)):
                    member.write(zeros)
    return path.read_bytes()


def test_three_members_inflating_to_300_mb_together_are_refused_naming_the_limit(tmp_path):
    names = ("Connections.csv", "messages.csv", "Invitations.csv")
    data = zip_of_zeros(tmp_path / "bomb.zip", dict.fromkeys(names, 100 * 1024 * 1024))
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(FileRejected, match="over 250 MB uncompressed"):
        read_export(data)


def test_members_each_under_the_limit_but_over_it_together_are_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(linkedin, "MAX_EXPORT_BYTES", 3 * 1024 * 1024)
    names = ("Connections.csv", "messages.csv")
    data = zip_of_zeros(tmp_path / "two.zip", dict.fromkeys(names, 2 * 1024 * 1024))
    with pytest.raises(FileRejected, match="over 3 MB uncompressed"):
        read_export(data)


def test_members_the_export_does_not_need_do_not_count_toward_the_limit(monkeypatch, tmp_path):
    monkeypatch.setattr(linkedin, "MAX_EXPORT_BYTES", 3 * 1024 * 1024)
    data = zip_of_zeros(tmp_path / "other.zip", {"Rich_Media.bin": 8 * 1024 * 1024})
    with pytest.raises(FileRejected, match=r"no Connections\.csv"):
        read_export(data)


def test_a_member_inflating_past_what_it_declares_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", b"First Name,Last Name\n" + b"A,B\n" * 50_000)
    data = bytearray(buffer.getvalue())
    # The size in the central directory says 10 bytes; the data inflates to 200 KB.
    directory = data.rindex(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
    with pytest.raises(FileRejected):
        read_export(bytes(data))
