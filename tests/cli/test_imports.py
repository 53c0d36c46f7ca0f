"""`mutuals import linkedin|vcard|google|outlook|ics|csv`."""

from __future__ import annotations

from pathlib import Path

from mutuals.cli.errors import ExitCode
from mutuals.people.models import Person
from tests.cli.conftest import failed, parsed

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"
REPORT_KEYS = {
    "kind",
    "file",
    "dry_run",
    "written",
    "created",
    "updated",
    "merged",
    "unchanged",
    "possible_duplicates",
    "organizations",
    "interactions",
    "important_dates",
    "photos",
    "positions",
    "skipped",
    "skipped_total",
    "errors",
    "rows",
    "rows_total",
    "notes",
    "not_imported",
}


def test_import_linkedin_prints_the_report_as_json(mutuals, jordan):
    data = parsed(
        mutuals("import", "linkedin", str(SAMPLES / "linkedin_connections.csv"), "--json")
    )
    assert set(data) == REPORT_KEYS
    assert data["created"] == Person.objects.filter(owner=jordan).count() > 0
    assert data["file"] == "linkedin_connections.csv"


def test_a_dry_run_writes_nothing(mutuals, jordan):
    data = parsed(mutuals("import", "vcard", str(SAMPLES / "apple.vcf"), "--dry-run", "--json"))
    assert data["created"] > 0
    assert not Person.objects.filter(owner=jordan).exists()


def test_the_second_import_of_a_file_creates_nothing(mutuals, jordan):
    mutuals("import", "google", str(SAMPLES / "google_contacts.csv"))
    again = parsed(mutuals("import", "google", str(SAMPLES / "google_contacts.csv"), "--json"))
    assert again["created"] == 0


def test_a_rejected_file_exits_non_zero_with_the_line(mutuals, jordan, tmp_path):
    bad = tmp_path / "half.vcf"
    bad.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\n")
    message = failed(mutuals("import", "vcard", str(bad)), ExitCode.INVALID)
    assert "Nothing was imported" in message
    assert not Person.objects.filter(owner=jordan).exists()


def test_a_rejected_file_still_prints_its_json_report(mutuals, jordan, tmp_path):
    bad = tmp_path / "not.csv"
    bad.write_bytes(b"\x00\x01binary")
    result = mutuals("import", "outlook", str(bad), "--json")
    assert result.exit_code == ExitCode.INVALID
    assert '"errors"' in result.stdout


def test_a_missing_file_is_not_found(mutuals, jordan, tmp_path):
    failed(mutuals("import", "vcard", str(tmp_path / "nope.vcf")), ExitCode.NOT_FOUND)


def test_csv_needs_a_map_and_uses_it(mutuals, jordan):
    path = str(SAMPLES / "generic_contacts.csv")
    from mutuals.core.formats.csv_contacts import guess_mapping, read_headers

    mapping = guess_mapping(read_headers((SAMPLES / "generic_contacts.csv").read_bytes()))
    option = ",".join(f"{field}={column}" for field, column in mapping.items())
    data = parsed(mutuals("import", "csv", path, "--map", option, "--json"))
    assert data["created"] > 0


def test_a_bad_map_names_the_option(mutuals, jordan):
    path = str(SAMPLES / "generic_contacts.csv")
    message = failed(mutuals("import", "csv", path, "--map", "bogus=Name"), ExitCode.USAGE)
    assert message.startswith("--map:")


def test_tier_gives_new_people_a_closeness(mutuals, jordan):
    mutuals("import", "outlook", str(SAMPLES / "outlook_contacts.csv"), "--tier", "acquaintance")
    assert set(Person.objects.filter(owner=jordan).values_list("tier", flat=True)) == {
        "acquaintance"
    }


def test_a_row_that_filled_in_someone_says_how_to_undo_it(mutuals, jordan, tmp_path):
    from tests.factories import make_person

    make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    card = tmp_path / "bob.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\nEMAIL:bob.stone@acme.example\r\n"
        "TITLE:Buyer\r\nEND:VCARD\r\n"
    )
    result = mutuals("import", "vcard", str(card))
    assert result.exit_code == 0
    assert "Bob Stone filled in (same email" in result.output
    assert "mutuals dedupe --undo" in result.output


def test_our_own_csv_export_imports_back_without_a_map(mutuals, jordan, tmp_path):
    from mutuals.exports.selectors import csv_export
    from tests.factories import make_person

    make_person(jordan, "Ada Quist", emails=["ada@example.com"], organization="Northwind")
    exported = tmp_path / "people.csv"
    exported.write_text(csv_export(owner=jordan))
    result = mutuals("import", "csv", str(exported))
    assert result.exit_code == 0, result.output
    assert "Columns guessed" in result.output
    assert Person.objects.filter(owner=jordan).count() == 1


def test_a_csv_whose_name_column_cannot_be_told_asks_for_a_map(mutuals, jordan, tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("Colour,Size\nred,9\n")
    result = mutuals("import", "csv", str(odd))
    assert result.exit_code == ExitCode.USAGE
    assert "--map" in result.output
