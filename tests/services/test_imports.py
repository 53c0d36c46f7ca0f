"""imports.services: every import is one transaction, matches people it already knows, and
creates nothing new the second time."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from mutuals.imports.models import ImportRun
from mutuals.imports.services import import_file
from mutuals.interactions.models import Interaction
from mutuals.people.models import EmailAddress, Organization, Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def run(owner, kind, data, **options):
    return import_file(owner=owner, kind=kind, data=data, **options)


def linkedin_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "Basic_LinkedInDataExport/Connections.csv", sample("linkedin_connections.csv")
        )
        archive.writestr("Basic_LinkedInDataExport/messages.csv", sample("linkedin_messages.csv"))
        archive.writestr(
            "Basic_LinkedInDataExport/Invitations.csv", sample("linkedin_invitations.csv")
        )
    return buffer.getvalue()


def test_connections_create_people_with_their_details(jordan):
    report = run(jordan, "linkedin", sample("linkedin_connections.csv"))
    assert report["created"] == Person.objects.filter(owner=jordan).count() > 0
    ada = Person.objects.get(owner=jordan, first_name="Ada")
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-quill-4b2a1c"
    assert ada.organization.name == "Northwind Analytics"
    assert ada.how_met == "Connected on LinkedIn"
    assert str(ada.known_since) == "2023-02-14"
    assert ada.tier is None


def test_the_hidden_member_row_is_skipped_with_its_line(jordan):
    report = run(jordan, "linkedin", sample("linkedin_connections.csv"))
    assert any(s["line"] == 7 for s in report["skipped"])


def test_importing_the_same_file_twice_creates_nothing_new(jordan):
    first = run(jordan, "linkedin", linkedin_zip())
    people = Person.objects.filter(owner=jordan).count()
    talks = Interaction.objects.filter(owner=jordan).count()
    second = run(jordan, "linkedin", linkedin_zip())
    assert (second["created"], second["updated"], second["interactions"]) == (0, 0, 0)
    assert second["unchanged"] == first["created"]
    assert Person.objects.filter(owner=jordan).count() == people
    assert Interaction.objects.filter(owner=jordan).count() == talks


def test_messages_become_conversations_with_the_people_in_them(jordan):
    report = run(jordan, "linkedin", linkedin_zip())
    assert report["interactions"] > 0
    talk = Interaction.objects.filter(owner=jordan, kind="message").first()
    assert talk.source_key.startswith("linkedin:")
    assert talk.people.exists()
    assert "LinkedIn conversation" in talk.summary


def test_a_certain_match_fills_in_what_your_record_lacks_and_keeps_what_you_wrote(jordan):
    make_person(jordan, "Bram Vos", emails=["bram.vos@example.org"], title="Friend from school")
    report = run(jordan, "linkedin", sample("linkedin_connections.csv"))
    assert report["updated"] == 1
    bram = Person.objects.get(owner=jordan, first_name="Bram")
    assert bram.title == "Friend from school"
    assert bram.linkedin_url == "https://www.linkedin.com/in/bram-vos"
    assert Person.objects.filter(owner=jordan, first_name="Bram").count() == 1


def test_the_same_person_twice_in_one_file_is_merged(jordan):
    cards = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Duarte\r\nEMAIL:ines@example.com\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Duarte\r\nEMAIL:ines@example.com\r\n"
        b"TEL:+351 21 000 0000\r\nEND:VCARD\r\n"
    )
    report = run(jordan, "vcard", cards)
    assert (report["created"], report["merged"]) == (1, 1)
    ines = Person.objects.get(owner=jordan)
    assert ines.phones.count() == 1


def test_a_vcard_file_brings_circles_labels_and_company_only_cards(jordan):
    report = run(jordan, "vcard", sample("apple.vcf") + sample("company_only.vcf"))
    maja = Person.objects.get(owner=jordan, first_name="Maja")
    assert {e.label for e in maja.emails.all()} >= {"Conference"}
    assert report["organizations"] >= 1
    assert Organization.objects.filter(owner=jordan).exists()


def test_a_file_that_cannot_be_read_changes_nothing_and_names_the_problem(jordan):
    make_person(jordan)
    before = Person.objects.filter(owner=jordan).count()
    report = run(jordan, "vcard", b"BEGIN:VCARD\r\nFN:Half a card\r\n")
    assert report["written"] is False
    [error] = report["errors"]
    assert "Nothing was imported" in error["message"]
    assert Person.objects.filter(owner=jordan).count() == before


def test_a_dry_run_reports_without_writing(jordan):
    report = run(jordan, "linkedin", sample("linkedin_connections.csv"), dry_run=True)
    assert report["created"] > 0
    assert report["written"] is False
    assert not Person.objects.filter(owner=jordan).exists()


def test_new_people_get_the_closeness_asked_for(jordan):
    run(jordan, "google", sample("google_contacts.csv"), tier="acquaintance")
    assert set(Person.objects.filter(owner=jordan).values_list("tier", flat=True)) == {
        "acquaintance"
    }


def test_an_unknown_closeness_is_refused_before_anything_is_read(jordan):
    with pytest.raises(ValidationError):
        run(jordan, "google", sample("google_contacts.csv"), tier="bestie")


def test_a_generic_csv_needs_a_mapping(jordan):
    with pytest.raises(ValidationError) as excinfo:
        run(jordan, "csv", sample("generic_contacts.csv"))
    assert "mapping" in excinfo.value.message_dict


def test_calendar_meetings_with_your_people_become_conversations(jordan):
    from django.utils import timezone

    from mutuals.core.formats.ical import parse_calendar

    meetings = parse_calendar(sample("google_calendar.ics"), now=timezone.now()).records
    email = next(e for m in meetings for e in m.attendee_emails)
    make_person(jordan, "Cal Endar", emails=[email])
    first = run(jordan, "ics", sample("google_calendar.ics"))
    assert first["interactions"] >= 1
    assert run(jordan, "ics", sample("google_calendar.ics"))["interactions"] == 0


def test_each_import_is_kept_with_its_report(jordan):
    run(jordan, "outlook", sample("outlook_contacts.csv"), filename="contacts.csv")
    [kept] = ImportRun.objects.filter(owner=jordan)
    assert kept.filename == "contacts.csv"
    assert kept.report["created"] > 0


def test_riley_is_never_matched_with_jordans_people(jordan, riley):
    make_person(jordan, "Bram Vos", emails=["bram.vos@example.org"])
    report = run(riley, "linkedin", sample("linkedin_connections.csv"))
    assert report["updated"] == 0
    assert EmailAddress.objects.filter(person__owner=jordan).count() == 1


def test_people_created_in_bulk_match_people_created_one_by_one(jordan, riley):
    run(jordan, "linkedin", sample("linkedin_connections.csv"), tier="acquaintance")
    imported = Person.objects.get(owner=jordan, first_name="Ada")
    single = make_person(
        riley,
        "Ada Quill",
        tier="acquaintance",
        known_since=imported.known_since,
        organization="Northwind Analytics",
    )
    derived = ("full_name", "search_name", "cadence_days", "keep_in_touch_due_on", "strength")
    assert {f: getattr(imported, f) for f in derived} == {f: getattr(single, f) for f in derived}


def test_invitations_add_people_you_know_of_with_how_you_met(jordan):
    report = run(jordan, "linkedin", linkedin_zip())
    elif_ = Person.objects.get(owner=jordan, first_name="Elif")
    assert elif_.tier is None
    assert elif_.how_met.startswith("LinkedIn invitation you sent on 2023-02-14")
    assert "Great talk at the meetup" in elif_.notes
    assert report["created"] == Person.objects.filter(owner=jordan).count()


def test_our_own_csv_export_imports_back_with_the_guessed_columns(jordan, riley):
    from mutuals.core.formats.csv_contacts import guess_mapping, read_headers
    from mutuals.exports.selectors import csv_export

    make_person(
        jordan,
        "Rosa Núñez",
        emails=["rosa@example.com"],
        phones=["+44 20 7946 0000"],
        organization="Orion",
        title="Head of Data",
    )
    data = csv_export(owner=jordan).encode("utf-8")
    run(riley, "csv", data, mapping=guess_mapping(read_headers(data)))
    rosa = Person.objects.get(owner=riley)
    assert (rosa.full_name, rosa.organization.name, rosa.title) == (
        "Rosa Núñez",
        "Orion",
        "Head of Data",
    )
    assert [p.number for p in rosa.phones.all()] == ["+44 20 7946 0000"]
    assert [e.address for e in rosa.emails.all()] == ["rosa@example.com"]
