"""Imports you can trust (issue 11): one person is one record, a second import of the same
file (or a later export of the same source) adds nothing, and a row that joined someone can be
split off again."""

from __future__ import annotations

import pytest

from mutuals.backup.selectors import backup, dumps
from mutuals.exports.selectors import vcard_export
from mutuals.imports.merge import undo_merge
from mutuals.imports.models import Merge, PossibleDuplicate, SourceRecord
from mutuals.imports.services import ROWS_LIMIT, import_file
from mutuals.people.models import EmailAddress, Person, PhoneNumber
from mutuals.people.services import delete_person
from tests.factories import make_person

pytestmark = pytest.mark.django_db

PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def connections(rows: list[str], preamble: bool = True) -> bytes:
    return ((PREAMBLE if preamble else "") + HEADER + "".join(r + "\n" for r in rows)).encode()


def card(fn: str, *lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{fn}\r\n{body}END:VCARD\r\n"


def run(owner, kind, data, **options):
    return import_file(owner=owner, kind=kind, data=data, **options)


def people(owner) -> int:
    return Person.objects.filter(owner=owner).count()


# ---- idempotence ------------------------------------------------------------------------------

NO_IDS = [
    "Ngozi,Okafor,,,Brightline,Analyst,09 Sep 2022",
    "Sean,O'Neill,,,Harbour Bank,Engineer,23 Apr 2023",
    "Mei,Chen,,,,,01 Jan 2021",
    "Mei,Chen,,,,,14 Feb 2024",  # a namesake, connected another day: another person
]


def test_connections_without_url_or_email_import_twice_as_once(jordan):
    first = run(jordan, "linkedin", connections(NO_IDS))
    second = run(jordan, "linkedin", connections(NO_IDS))
    assert first["created"] == 4
    assert second["created"] == 0
    assert second["unchanged"] == 4
    assert people(jordan) == 4


def test_a_later_export_with_more_rows_adds_only_the_new_ones(jordan):
    run(jordan, "linkedin", connections(NO_IDS))
    later = [*NO_IDS[:2], "Ray,Adeyemi,,,Copperleaf,Designer,02 Mar 2025", *NO_IDS[2:]]
    report = run(jordan, "linkedin", connections(later))
    assert report["created"] == 1
    assert people(jordan) == 5


def test_a_later_export_showing_a_new_employer_updates_instead_of_copying(jordan):
    run(jordan, "linkedin", connections(["Ngozi,Okafor,,,,,09 Sep 2022"]))
    report = run(jordan, "linkedin", connections(["Ngozi,Okafor,,,Brightline,Analyst,09 Sep 2022"]))
    assert (report["created"], report["updated"]) == (0, 1)
    ngozi = Person.objects.get(owner=jordan)
    assert ngozi.organization.name == "Brightline"


def test_a_names_only_vcard_file_imports_twice_as_once(jordan):
    data = "".join(card(name) for name in ("Ana Lima", "Kofi Mensah", "Ana Lima Jr")).encode()
    run(jordan, "vcard", data)
    report = run(jordan, "vcard", data)
    assert report["created"] == 0
    assert people(jordan) == 3


def test_a_re_import_finds_a_person_by_their_profile_in_any_form(jordan):
    make_person(jordan, "Ada Quill", linkedin_url="http://LinkedIn.com/in/ada-quill-4b2a1c/")
    row = "Ada,Quill,https://www.linkedin.com/in/ada-quill-4b2a1c,,Northwind,,14 Feb 2023"
    report = run(jordan, "linkedin", connections([row]))
    assert report["created"] == 0
    assert people(jordan) == 1


def test_a_percent_encoded_profile_is_the_same_profile(jordan):
    make_person(jordan, "René Müller", linkedin_url="https://www.linkedin.com/in/rené-müller")
    row = "René,Müller,https://www.linkedin.com/in/ren%C3%A9-m%C3%BCller,,,,14 Feb 2023"
    report = run(jordan, "linkedin", connections([row]))
    assert report["created"] == 0


def test_our_own_vcard_export_imports_into_the_same_account_as_nothing_new(jordan):
    make_person(jordan, "Ana Lima")
    make_person(jordan, "Kofi Mensah", organization="Copperleaf")
    make_person(jordan, "Mei Chen", emails=["mei@example.com"], phones=["+44 7700 900123"])
    before = dumps(backup(owner=jordan))
    report = run(jordan, "vcard", vcard_export(owner=jordan).encode())
    assert report["created"] == 0
    assert dumps(backup(owner=jordan)) == before


def test_a_person_you_deleted_is_not_brought_back_by_a_re_import(jordan):
    run(jordan, "linkedin", connections(NO_IDS[:2]))
    sean = Person.objects.get(owner=jordan, last_name="O'Neill")
    delete_person(owner=jordan, person_id=sean.pk)
    report = run(jordan, "linkedin", connections(NO_IDS[:2]))
    assert report["created"] == 0
    assert people(jordan) == 1
    left_out = [r for r in report["rows"] if r["outcome"] == "left out"]
    assert [r["name"] for r in left_out] == ["Sean O'Neill"]


def test_source_records_belong_to_their_owner_only(jordan, riley):
    run(jordan, "linkedin", connections(NO_IDS[:1]))
    report = run(riley, "linkedin", connections(NO_IDS[:1]))
    assert report["created"] == 1
    assert SourceRecord.objects.filter(owner=riley).count() == 1


# ---- shared identifiers -----------------------------------------------------------------------

SWITCHBOARD = "".join(
    [
        card("Alice Hart", "N:Hart;Alice;;;", "EMAIL:alice.hart@acme.example",
             "TEL;TYPE=WORK:+1 212 555 0100"),
        card("Bob Stone", "N:Stone;Bob;;;", "EMAIL:bob.stone@acme.example",
             "TEL;TYPE=WORK:+1 212 555 0100"),
    ]
).encode()  # fmt: skip


def test_two_colleagues_sharing_a_switchboard_stay_two_people(jordan):
    report = run(jordan, "vcard", SWITCHBOARD)
    assert report["created"] == 2
    assert report["possible_duplicates"] == 1  # for you to decide, never merged silently
    bob = Person.objects.get(owner=jordan, last_name="Stone")
    assert [e.address for e in bob.emails.all()] == ["bob.stone@acme.example"]


def test_a_shared_phone_with_someone_you_had_pairs_for_review_not_merges(jordan):
    make_person(jordan, "Alice Hart", phones=["+1 212 555 0100"])
    data = card("Bob Stone", "N:Stone;Bob;;;", "TEL:+1 212 555 0100").encode()
    report = run(jordan, "vcard", data)
    assert report["created"] == 1
    assert report["possible_duplicates"] == 1
    assert people(jordan) == 2


def test_a_family_address_does_not_merge_two_people(jordan):
    make_person(jordan, "John Smith", emails=["smiths@example.com"])
    data = card("Jane Smith", "N:Smith;Jane;;;", "EMAIL:smiths@example.com").encode()
    report = run(jordan, "vcard", data)
    assert report["created"] == 1
    assert EmailAddress.objects.filter(person__owner=jordan).count() == 2


def test_a_personal_email_and_an_agreeing_name_fill_in_your_record(jordan):
    make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    data = card("Robert Stone", "N:Stone;Robert;;;", "EMAIL:bob.stone@acme.example",
                "TITLE:Buyer").encode()  # fmt: skip
    report = run(jordan, "vcard", data)
    assert (report["created"], report["updated"]) == (0, 1)
    assert Person.objects.get(owner=jordan).title == "Buyer"


# ---- the report and undo ----------------------------------------------------------------------


def test_the_report_says_where_each_row_went_and_why(jordan):
    make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    data = (
        card("Bob Stone", "N:Stone;Bob;;;", "EMAIL:bob.stone@acme.example", "TITLE:Buyer")
        + card("Kofi Mensah", "N:Mensah;Kofi;;;")
    ).encode()
    report = run(jordan, "vcard", data)
    by_name = {row["name"]: row for row in report["rows"]}
    assert by_name["Bob Stone"]["outcome"] == "updated"
    assert "same email" in by_name["Bob Stone"]["why"]
    assert by_name["Bob Stone"]["merge_id"] is not None
    assert by_name["Kofi Mensah"]["outcome"] == "created"


def test_undoing_an_import_merge_restores_the_person_and_splits_the_row_off(jordan):
    bob = make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    before = Person.objects.filter(pk=bob.pk).values().get()
    data = card(
        "Bob Stone", "N:Stone;Bob;;;", "EMAIL:bob.stone@acme.example", "TITLE:Buyer",
        "TEL:+44 7700 900111", "CATEGORIES:Suppliers",
    ).encode()  # fmt: skip
    report = run(jordan, "vcard", data)
    merge_id = report["rows"][0]["merge_id"]
    split = undo_merge(owner=jordan, merge_id=merge_id)
    after = Person.objects.filter(pk=bob.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert list(PhoneNumber.objects.filter(person=bob)) == []
    assert list(bob.circles.all()) == []
    assert split.title == "Buyer"
    assert [p.number for p in split.phones.all()] == ["+44 7700 900111"]
    assert PossibleDuplicate.objects.get(owner=jordan).status == "apart"


def test_after_an_undo_a_re_import_finds_the_split_off_person(jordan):
    make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    data = card("Bob Stone", "N:Stone;Bob;;;", "EMAIL:bob.stone@acme.example",
                "TITLE:Buyer").encode()  # fmt: skip
    report = run(jordan, "vcard", data)
    undo_merge(owner=jordan, merge_id=report["rows"][0]["merge_id"])
    again = run(jordan, "vcard", data)
    assert again["created"] == 0
    assert people(jordan) == 2


def test_an_import_merge_cannot_be_undone_twice_or_by_someone_else(jordan, riley):
    make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    data = card("Bob Stone", "EMAIL:bob.stone@acme.example", "TITLE:Buyer").encode()
    merge_id = run(jordan, "vcard", data)["rows"][0]["merge_id"]
    with pytest.raises(Merge.DoesNotExist):
        undo_merge(owner=riley, merge_id=merge_id)
    undo_merge(owner=jordan, merge_id=merge_id)
    with pytest.raises(Exception, match="already undone"):
        undo_merge(owner=jordan, merge_id=merge_id)


def test_the_same_person_twice_in_one_file_can_be_split_off_again(jordan):
    data = (
        card("Bob Stone", "EMAIL:bob.stone@acme.example")
        + card("Bob Stone", "EMAIL:bob.stone@acme.example", "TEL:+44 7700 900111")
    ).encode()
    report = run(jordan, "vcard", data)
    assert (report["created"], report["merged"]) == (1, 1)
    merged = next(r for r in report["rows"] if r["outcome"] == "merged")
    undo_merge(owner=jordan, merge_id=merged["merge_id"])
    assert people(jordan) == 2
    assert PhoneNumber.objects.filter(person__owner=jordan).count() == 1


def test_the_stored_report_is_bounded(jordan):
    rows = [f"Person{i},Number{i},,,,,01 Jan 2021" for i in range(ROWS_LIMIT + 200)]
    report = run(jordan, "linkedin", connections(rows))
    assert report["rows_total"] == ROWS_LIMIT + 200
    assert len(report["rows"]) == ROWS_LIMIT


def test_a_dry_run_lists_rows_without_ids(jordan):
    report = run(jordan, "linkedin", connections(NO_IDS), dry_run=True)
    assert report["rows_total"] == 4
    assert all(r["person_id"] is None for r in report["rows"])
    assert SourceRecord.objects.filter(owner=jordan).count() == 0


# ---- files written by other programs, imported twice ------------------------------------------

OTHER_PROGRAMS = [
    ("vcard", "android_2_1.vcf"),
    ("vcard", "android_custom.vcf"),
    ("vcard", "apple.vcf"),
    ("vcard", "apple_dates.vcf"),
    ("vcard", "carddav_servers.vcf"),
    ("vcard", "company_only.vcf"),
    ("vcard", "evolution.vcf"),
    ("vcard", "google.vcf"),
    ("vcard", "google_dates.vcf"),
    ("vcard", "lotus_notes.vcf"),
    ("vcard", "names.vcf"),
    ("vcard", "outlook_2_1.vcf"),
    ("vcard", "thunderbird_cardbook.vcf"),
    ("vcard", "v4.vcf"),
    ("google", "google_contacts.csv"),
    ("google", "google_contacts_2024.csv"),
    ("google", "google_contacts_legacy.csv"),
    ("outlook", "outlook_contacts.csv"),
    ("outlook", "outlook_com_uk.csv"),
    ("linkedin", "linkedin_connections.csv"),
    ("linkedin", "linkedin_connections_2018.csv"),
    ("linkedin", "linkedin_connections_de.csv"),
    ("linkedin", "linkedin_connections_excel.csv"),
    ("linkedin", "linkedin_connections_excel_de.csv"),
    ("linkedin", "linkedin_connections_excel_uk.csv"),
]


@pytest.mark.parametrize(("kind", "name"), OTHER_PROGRAMS)
def test_a_file_written_by_another_program_imports_twice_as_once(jordan, kind, name):
    from tests.core.formats.sample_files import read_sample

    data = read_sample(name)
    first = run(jordan, kind, data)
    once = dumps(backup(owner=jordan))
    second = run(jordan, kind, data)
    assert first["created"] > 0 or first["organizations"] > 0
    assert (second["created"], second["updated"], second["merged"]) == (0, 0, 0)
    assert dumps(backup(owner=jordan)) == once  # nothing added, merged or lost
