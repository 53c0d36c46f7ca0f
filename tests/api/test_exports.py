"""/api/export/vcard, /csv and /ics: files with their types and names; Riley gets only hers."""

from __future__ import annotations

import csv
import io

import icalendar
import pytest

from mutuals.core.formats.records import PartialDate
from mutuals.core.formats.vcard import parse_vcards
from mutuals.exports.selectors import person_uid
from mutuals.people.important_dates import add_important_date
from tests.api.conftest import field_errors
from tests.factories import make_person, make_promise

FILES = [
    (
        "/api/export/vcard",
        "text/vcard; charset=utf-8",
        'attachment; filename="mutuals-contacts.vcf"',
    ),
    ("/api/export/csv", "text/csv; charset=utf-8", 'attachment; filename="mutuals-contacts.csv"'),
    (
        "/api/export/ics",
        "text/calendar; charset=utf-8",
        'attachment; filename="mutuals-calendar.ics"',
    ),
]


@pytest.mark.parametrize(("url", "content_type", "disposition"), FILES)
def test_each_file_comes_with_its_type_and_an_attachment_name(
    jordan_api, jordan, url, content_type, disposition
):
    make_person(jordan, "Rosa Núñez")
    response = jordan_api.get(url)
    assert response.status_code == 200
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        content_type,
        disposition,
    )


def test_the_vcard_file_reads_back_as_your_people(jordan_api, jordan):
    make_person(jordan, "Rosa Núñez", emails=["rosa@example.org"])
    [rosa] = parse_vcards(jordan_api.get("/api/export/vcard").content).records
    assert (rosa.full_name, rosa.emails[0].value) == ("Rosa Núñez", "rosa@example.org")


def test_the_vcard_file_carries_the_shown_name_and_birthday(jordan_api, jordan):
    person = make_person(jordan, "王小明", first_name="小明", last_name="王", name_suffix="Jr.")
    add_important_date(owner=jordan, person_id=person.pk, kind="birthday", month=4, day=15)
    [card] = parse_vcards(jordan_api.get("/api/export/vcard").content).records
    assert (card.full_name, card.suffix, card.birthday) == (
        "王小明",
        "Jr.",
        PartialDate(None, 4, 15),
    )


def test_the_csv_file_ends_with_each_persons_id_and_birthday(jordan_api, jordan):
    person = make_person(jordan, "Rosa Núñez")
    add_important_date(
        owner=jordan, person_id=person.pk, kind="birthday", month=4, day=15, year=1985
    )
    [header, row] = list(
        csv.reader(io.StringIO(jordan_api.get("/api/export/csv").content.decode()))
    )
    assert (header[-2:], row[-2:]) == (
        ["ID", "Birthday"],
        [person_uid(jordan, person.pk), "1985-04-15"],
    )


def test_a_circle_narrows_the_file_and_names_it(jordan_api, jordan):
    make_person(jordan, "Rosa Núñez", circles=["Work Friends"])
    make_person(jordan, "Jin Park")
    response = jordan_api.get("/api/export/csv", {"circle": "work friends"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows[1:]] == ["Rosa Núñez"]
    assert response["Content-Disposition"].endswith('filename="mutuals-contacts-work-friends.csv"')


def test_an_unknown_circle_is_a_field_error(jordan_api, jordan):
    assert set(field_errors(jordan_api.get("/api/export/vcard", {"circle": "Nope"}))) == {"circle"}


def test_the_calendar_file_validates_with_icalendar(jordan_api, jordan):
    make_promise(jordan, text="Send the article", due_in=1)
    calendar = icalendar.Calendar.from_ical(jordan_api.get("/api/export/ics").content)
    calendar.validate()
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Promise due: Send the article"]


@pytest.mark.parametrize("url", [url for url, _, _ in FILES])
def test_riley_never_gets_jordans_people(riley_api, jordan, riley, url):
    make_person(jordan, "Rosa Núñez")
    make_promise(jordan, text="Send Rosa the article")
    make_person(riley, "Sam Stone")
    body = riley_api.get(url).content.decode()
    assert "Rosa" not in body
    assert "Sam" in body


def test_the_files_need_a_token(client, jordan):
    assert client.get("/api/export/vcard").status_code == 401
