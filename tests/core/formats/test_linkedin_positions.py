import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.formats.linkedin import parse_positions, read_export
from mutuals.core.formats.records import FileRejected, Skipped
from mutuals.core.formats.source_keys import position_key

POSITIONS = (Path(__file__).parent / "samples" / "linkedin_positions.csv").read_bytes()
HEADER = "Company Name,Title,Description,Location,Started On,Finished On\n"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def test_it_reads_each_position_with_its_months_and_an_empty_end_as_current():
    parsed = parse_positions(POSITIONS)
    now = parsed.records[0]
    assert (now.company, now.title, now.location) == (
        "Copperleaf Systems",
        "Senior Product Manager",
        "Amsterdam, Netherlands",
    )
    assert now.started_on == date(2023, 3, 1)
    assert now.finished_on is None
    assert "Shipped the new checkout." in now.description  # a description over two lines
    orion = parsed.records[1]
    assert (orion.started_on, orion.finished_on) == (date(2019, 1, 1), date(2023, 2, 1))


def test_a_year_alone_is_its_january():
    fabrikam = next(p for p in parse_positions(POSITIONS).records if p.company == "Fabrikam")
    assert (fabrikam.started_on, fabrikam.finished_on) == (date(2016, 1, 1), date(2018, 1, 1))


def test_rows_left_out_or_undated_are_named_by_line():
    parsed = parse_positions(POSITIONS)
    assert Skipped(7, "a position without a company name") in parsed.skipped
    assert Skipped(8, "start 'Summer 2014' not understood; kept undated") in parsed.skipped
    assert Skipped(9, "end 'sometime' not understood; left out") in parsed.skipped
    tailspin = next(p for p in parsed.records if p.company == "Tailspin Toys")
    assert tailspin.started_on is None
    assert "Litware" not in {p.company for p in parsed.records}


def test_a_job_written_twice_has_one_key():
    orion = [p for p in parse_positions(POSITIONS).records if p.company == "Orion Labs"]
    keys = {position_key(p.company, p.title, p.started_on) for p in orion}
    assert len(orion) == 2
    assert len(keys) == 1


def test_the_key_does_not_change_when_the_job_ends_or_the_spelling_changes_case():
    start = date(2023, 3, 1)
    assert position_key("Copperleaf Systems", "PM", start) == position_key(
        "COPPERLEAF  systems", "pm", start
    )
    assert position_key("Copperleaf", "PM", start) != position_key("Copperleaf", "PM", None)


def test_a_file_without_the_header_is_rejected():
    with pytest.raises(FileRejected, match=r"Positions\.csv"):
        parse_positions(b"Company,Role\nOrion,PM\n")


def test_the_export_zip_and_the_file_alone_both_bring_positions():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Basic_LinkedInDataExport/Positions.csv", POSITIONS)
    assert read_export(buffer.getvalue()).positions.records[0].company == "Copperleaf Systems"
    alone = read_export(POSITIONS)
    assert alone.positions is not None
    assert alone.connections is None


def _csv(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER.strip().split(","))
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


month = st.tuples(st.integers(1950, 2030), st.integers(1, 12))
company = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip()
)


@given(st.lists(st.tuples(company, month, st.one_of(st.none(), month)), min_size=1, max_size=8))
def test_any_months_linkedin_writes_come_back_as_the_first_of_that_month(rows):
    written = [
        (
            name,
            "Engineer",
            "a, b\nc",
            "",
            f"{MONTHS[m - 1]} {y}",
            f"{MONTHS[e[1] - 1]} {e[0]}" if e else "",
        )
        for name, (y, m), e in rows
    ]
    parsed = parse_positions(_csv(written))
    assert len(parsed.records) == len(rows)
    for position, (name, (y, m), e) in zip(parsed.records, rows, strict=True):
        assert position.company == name.strip()
        assert position.started_on == date(y, m, 1)
        assert position.finished_on == (date(e[0], e[1], 1) if e else None)
        assert position.description == "a, b\nc"
