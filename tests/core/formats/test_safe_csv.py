import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.formats.safe_csv import DANGEROUS_STARTS, neutralize, restore, write_csv


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_cell_starting_with_a_formula_character_gets_a_leading_quote(cell):
    assert neutralize(cell) == "'" + cell


def test_a_formula_behind_leading_spaces_is_neutralised():
    assert neutralize('  =HYPERLINK("http://x")') == '\'  =HYPERLINK("http://x")'


def test_phone_numbers_with_a_plus_are_neutralised_for_safety():
    assert neutralize("+44 20 7946 0000") == "'+44 20 7946 0000"


def test_ordinary_text_is_left_alone():
    assert neutralize("Rosa Núñez, Acme") == "Rosa Núñez, Acme"


def test_an_empty_cell_stays_empty():
    assert neutralize("") == ""


def test_the_output_uses_crlf_line_ends():
    assert write_csv(["a", "b"], [["1", "2"]]) == "a,b\r\n1,2\r\n"


def test_none_is_written_as_an_empty_cell():
    assert write_csv(["a", "b"], [[None, "x"]]) == "a,b\r\n,x\r\n"


def test_numbers_are_written_as_text_and_negative_ones_neutralised():
    assert write_csv(["n"], [[3], [-5]]) == "n\r\n3\r\n'-5\r\n"


def test_cells_with_commas_quotes_and_newlines_are_quoted():
    text = write_csv(["note"], [['say "hi", then\nleave']])
    assert text == 'note\r\n"say ""hi"", then\nleave"\r\n'


def test_the_header_is_neutralised_too():
    assert write_csv(["=cmd"], []) == "'=cmd\r\n"


cells = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20)


@given(st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=5))
def test_no_cell_read_back_starts_with_a_dangerous_character(rows):
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    for row in read_back(write_csv(padded[0], padded[1:])):
        for cell in row:
            assert cell[:1] not in DANGEROUS_STARTS
            assert cell.lstrip()[:1] not in DANGEROUS_STARTS


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=5))
def test_the_original_text_is_recovered_by_removing_the_added_quote(rows):
    written = read_back(write_csv(["a", "b", "c"], rows))[1:]
    for original_row, written_row in zip(rows, written, strict=True):
        for original, cell in zip(original_row, written_row, strict=True):
            assert cell in (original, "'" + original)


@given(st.text(max_size=40))
def test_restore_undoes_neutralize(cell):
    assert restore(neutralize(cell)) == cell


@pytest.mark.parametrize("cell", ["'=", "''=1+1", "' -5", "'@home"])
def test_a_cell_that_already_starts_with_a_quote_before_a_formula_comes_back_as_it_was(cell):
    assert neutralize(cell) == "'" + cell
    assert restore(neutralize(cell)) == cell
