import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.formats.records import FileRejected
from mutuals.core.formats.text import cells, decode, find_table, fold, rows_with_lines

ALIASES = {"first": ("First Name", "Vorname"), "last": ("Last Name", "Nachname"), "x": ("X",)}


def test_a_utf8_byte_order_mark_is_dropped():
    assert decode(b"\xef\xbb\xbfJ\xc3\xb6rg") == "Jörg"


def test_utf16_with_a_byte_order_mark_is_read():
    assert decode("Jörg,Müller".encode("utf-16")) == "Jörg,Müller"


def test_utf16_without_a_byte_order_mark_is_recognised_by_its_nul_bytes():
    assert decode("First Name,Jörg".encode("utf-16-le")) == "First Name,Jörg"


def test_bytes_that_are_not_utf8_fall_back_to_windows_1252():
    assert decode("Café \u2013 “quoted”".encode("cp1252")) == "Café \u2013 “quoted”"


def test_bytes_no_encoding_can_read_reject_the_file_naming_the_line():
    with pytest.raises(FileRejected) as rejected:
        decode(b"ok\nok\n\xff\x81 bad\n")
    assert rejected.value.line == 3


def test_column_names_are_compared_without_case_spaces_or_punctuation():
    assert fold(" E-Mail-Adresse ") == fold("e mail adresse")


def test_rows_come_with_the_line_they_start_on_even_after_a_multiline_cell():
    text = 'a,"two\nlines"\r\n\r\nb,c\r\n'
    assert [line for line, _ in rows_with_lines(text)] == [1, 4]


def test_a_quoted_crlf_inside_a_cell_becomes_one_line_break():
    assert next(rows_with_lines('"one\r\ntwo"\r\n'))[1] == ["one\ntwo"]


def test_the_header_is_found_below_a_preamble():
    table = find_table("Notes:\nsome note\n\nFirst Name,Last Name\nAda,Quill\n", ALIASES, ["first"])
    assert table is not None
    assert table.header_line == 4


def test_the_header_is_mapped_by_alias_whatever_the_column_order():
    table = find_table("Nachname,Vorname\nQuill,Ada\n", ALIASES, ["first", "last"])
    assert table is not None
    assert list(cells(table, ["first", "last"])) == [(2, ["Ada", "Quill"])]


def test_no_header_with_the_required_columns_means_no_table():
    assert find_table("Name,Email\nAda,a@example.com\n", ALIASES, ["first"]) is None


def test_a_header_below_the_first_thirty_rows_is_not_searched_for():
    text = "note\n" * 31 + "First Name,Last Name\n"
    assert find_table(text, ALIASES, ["first"]) is None


def test_columns_the_file_lacks_and_short_rows_read_as_empty_cells():
    table = find_table("First Name,Last Name\n Ada \n", ALIASES, ["first"])
    assert table is not None
    assert list(cells(table, ["first", "last", "x"])) == [(2, ["Ada", "", ""])]


def test_a_cell_larger_than_the_csv_limit_rejects_the_file_naming_the_line():
    with pytest.raises(FileRejected) as rejected:
        list(rows_with_lines('a\n"' + "x" * 200_000 + '"\n'))
    assert rejected.value.line == 2


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_rejected(data):
    with contextlib.suppress(FileRejected):
        assert isinstance(decode(data), str)


def test_a_header_excel_separated_with_semicolons_is_found():
    table = find_table("Vorname;Nachname\nAda;Quill\n", ALIASES, ["first", "last"])
    assert table is not None
    assert list(cells(table, ["first", "last"])) == [(2, ["Ada", "Quill"])]


def test_a_tab_separated_header_is_found():
    table = find_table("First Name\tLast Name\nAda\tQuill\n", ALIASES, ["first", "last"])
    assert table is not None
    assert table.header == ("First Name", "Last Name")


def test_columns_no_field_reads_are_named_and_their_cells_come_after():
    table = find_table("First Name,Spouse,Last Name\nAda,Bo,Quill\n", ALIASES, ["first"])
    assert table is not None
    others = table.other_columns()
    assert (others, list(cells(table, ["first", "last"], [i for i, _ in others]))) == (
        ((1, "Spouse"),),
        [(2, ["Ada", "Quill", "Bo"])],
    )


def test_decoded_text_has_plain_line_ends_and_no_control_characters():
    assert decode(b"a\x00b\r\nc\rd\x1b") == "ab\nc\nd"
