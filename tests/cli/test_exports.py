"""`mutuals export vcard|csv|ics` write files or stdout; `mutuals export feed` makes the address."""

from __future__ import annotations

import csv
import io

import icalendar

from mutuals.cli.errors import ExitCode
from mutuals.core.formats.vcard import parse_vcards
from mutuals.exports import selectors
from mutuals.people.important_dates import add_important_date
from tests.cli.conftest import failed, parsed
from tests.factories import make_person, make_promise


def names_in_vcards(data: bytes) -> list[str]:
    return [contact.full_name for contact in parse_vcards(data).records]


def test_export_vcard_writes_the_file(mutuals, jordan, tmp_path):
    make_person(jordan, "Rosa Núñez")
    target = tmp_path / "contacts.vcf"
    result = mutuals("export", "vcard", str(target))
    assert result.exit_code == 0, result.output
    assert names_in_vcards(target.read_bytes()) == ["Rosa Núñez"]
    assert f"Wrote {target}" in result.stderr


def test_export_vcard_prints_to_stdout_without_a_path(mutuals, jordan):
    make_person(jordan, "Rosa Núñez")
    result = mutuals("export", "vcard")
    assert result.exit_code == 0, result.output
    assert names_in_vcards(result.stdout.encode()) == ["Rosa Núñez"]


def test_export_refuses_to_overwrite_a_file(mutuals, jordan, tmp_path):
    make_person(jordan, "Rosa Núñez")
    target = tmp_path / "contacts.vcf"
    target.write_text("keep me")
    message = failed(mutuals("export", "vcard", str(target)), ExitCode.ERROR)
    assert "--force" in message
    assert target.read_text() == "keep me"


def test_export_force_replaces_the_file(mutuals, jordan, tmp_path):
    make_person(jordan, "Rosa Núñez")
    target = tmp_path / "contacts.vcf"
    target.write_text("old")
    assert mutuals("export", "vcard", str(target), "--force").exit_code == 0
    assert names_in_vcards(target.read_bytes()) == ["Rosa Núñez"]


def test_export_vcard_circle_keeps_only_that_circle(mutuals, jordan):
    make_person(jordan, "Rosa Núñez", circles=["Work"])
    make_person(jordan, "Jin Park")
    result = mutuals("export", "vcard", "--circle", "work")
    assert names_in_vcards(result.stdout.encode()) == ["Rosa Núñez"]


def test_export_an_unknown_circle_is_invalid(mutuals, jordan):
    message = failed(mutuals("export", "csv", "--circle", "Family"), ExitCode.INVALID)
    assert message.startswith("--circle: You have no circle called 'Family'")


def test_export_csv_writes_one_row_per_person(mutuals, jordan, tmp_path):
    make_person(jordan, "Rosa Núñez", notes="=cmd")
    target = tmp_path / "contacts.csv"
    assert mutuals("export", "csv", str(target)).exit_code == 0
    with target.open(newline="", encoding="utf-8") as file:
        [header, row] = list(csv.reader(file))
    assert header == list(selectors.CSV_HEADER)
    cells = dict(zip(header, row, strict=True))
    assert (cells["Name"], cells["Notes"]) == ("Rosa Núñez", "'=cmd")


def test_export_csv_gives_each_person_their_id_and_birthday(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    add_important_date(owner=jordan, person_id=rosa.pk, kind="birthday", month=4, day=15)
    result = mutuals("export", "csv")
    assert result.exit_code == 0, result.output
    [header, row] = list(csv.reader(io.StringIO(result.stdout)))
    cells = dict(zip(header, row, strict=True))
    assert (cells["ID"], cells["Birthday"]) == (selectors.person_uid(jordan, rosa.pk), "'--04-15")


def test_export_vcard_carries_the_display_name_prefix_and_suffix(mutuals, jordan):
    make_person(
        jordan,
        "Dr. Jane Smith PhD",
        first_name="Jane",
        last_name="Smith",
        name_prefix="Dr.",
        name_suffix="PhD",
    )
    [card] = parse_vcards(mutuals("export", "vcard").stdout.encode()).records
    assert (card.full_name, card.prefix, card.suffix) == ("Dr. Jane Smith PhD", "Dr.", "PhD")


def test_export_ics_writes_a_valid_calendar(mutuals, jordan, tmp_path):
    make_promise(jordan, text="Send the article", due_in=2)
    target = tmp_path / "mutuals.ics"
    assert mutuals("export", "ics", str(target)).exit_code == 0
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    calendar.validate()
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Promise due: Send the article"]


def test_riley_exports_none_of_jordans_people(mutuals, jordan, riley):
    make_person(jordan, "Rosa Núñez")
    make_person(riley, "Sam Stone")
    result = mutuals("--user", "riley", "export", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [row[0] for row in rows[1:]] == ["Sam Stone"]


def test_export_feed_prints_a_path_that_opens_the_feed(mutuals, jordan):
    result = mutuals("export", "feed")
    assert result.exit_code == 0, result.output
    path = result.stdout.strip()
    token = path.removeprefix("/feed/").removesuffix(".ics")
    assert selectors.feed_owner(token) == jordan


def test_export_feed_again_turns_the_old_address_off(mutuals, jordan):
    first = parsed(mutuals("export", "feed", "--json"))["path"]
    second = parsed(mutuals("export", "feed", "--json"))["path"]
    assert first != second
    assert selectors.feed_owner(first.removeprefix("/feed/").removesuffix(".ics")) is None


def test_export_feed_revoke_turns_it_off(mutuals, jordan):
    path = parsed(mutuals("export", "feed", "--json"))["path"]
    assert parsed(mutuals("export", "feed", "--revoke", "--json")) == {
        "path": None,
        "revoked": True,
    }
    assert selectors.feed_owner(path.removeprefix("/feed/").removesuffix(".ics")) is None
