"""The Import page: upload, the column-mapping step, the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertRedirects

from mutuals.imports.models import ImportRun
from mutuals.people.models import Person

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (SAMPLES / name).read_bytes())


def test_the_page_explains_each_kind_of_file(jordan_client):
    response = jordan_client.get("/import/")
    assertContains(response, "Get a copy of your data")
    assertContains(response, "Not set: people you know of")


def test_uploading_connections_shows_the_report(jordan_client, jordan):
    response = jordan_client.post(
        "/import/", {"kind": "linkedin", "file": upload("linkedin_connections.csv")}
    )
    run = ImportRun.objects.get(owner=jordan)
    assertRedirects(response, f"/import/{run.pk}/")
    page = jordan_client.get(f"/import/{run.pk}/")
    assertContains(page, "New people")
    assertContains(page, "Line 7: a hidden member")
    assert Person.objects.filter(owner=jordan).count() == run.report["created"]


def test_a_rejected_file_says_nothing_was_imported(jordan_client, jordan):
    jordan_client.post(
        "/import/", {"kind": "vcard", "file": upload("half.vcf", b"BEGIN:VCARD\r\nFN:x\r\n")}
    )
    run = ImportRun.objects.get(owner=jordan)
    page = jordan_client.get(f"/import/{run.pk}/")
    assertContains(page, "Nothing was imported")
    assert not Person.objects.filter(owner=jordan).exists()


def test_a_dry_run_changes_nothing(jordan_client, jordan):
    jordan_client.post(
        "/import/", {"kind": "google", "file": upload("google_contacts.csv"), "dry_run": "on"}
    )
    assert not Person.objects.filter(owner=jordan).exists()
    run = ImportRun.objects.get(owner=jordan)
    assertContains(jordan_client.get(f"/import/{run.pk}/"), "What this import would do")


def test_a_missing_file_is_a_field_error(jordan_client):
    response = jordan_client.post("/import/", {"kind": "vcard"})
    assert response.status_code == 200
    assertContains(response, "This field is required")


def test_a_csv_goes_through_the_column_step_with_a_guess(jordan_client, jordan):
    response = jordan_client.post(
        "/import/", {"kind": "csv", "file": upload("generic_contacts.csv")}
    )
    assertContains(response, "Which column is which?")
    token = response.context["token"]
    mapping = {f"map-{field}": column for field, column in response.context["guess"].items()}
    done = jordan_client.post("/import/columns", {"token": token, "filename": "x.csv", **mapping})
    run = ImportRun.objects.get(owner=jordan)
    assertRedirects(done, f"/import/{run.pk}/")
    assert run.report["created"] > 0


def test_someone_elses_upload_token_has_expired_for_you(jordan_client, riley_client):
    response = jordan_client.post(
        "/import/", {"kind": "csv", "file": upload("generic_contacts.csv")}
    )
    token = response.context["token"]
    page = riley_client.post("/import/columns", {"token": token, "map-full_name": "Name"})
    assertContains(page, "That upload has expired")


def test_riley_cannot_read_jordans_report(jordan_client, riley_client, jordan):
    jordan_client.post("/import/", {"kind": "vcard", "file": upload("apple.vcf")})
    run = ImportRun.objects.get(owner=jordan)
    assert riley_client.get(f"/import/{run.pk}/").status_code == 404


BOB = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\nN:Stone;Bob;;;\r\n"
    b"EMAIL:bob.stone@acme.example\r\nTITLE:Buyer\r\nEND:VCARD\r\n"
)


def test_the_report_lists_each_row_with_the_person_it_went_to_and_why(jordan_client, jordan):
    from tests.factories import make_person

    bob = make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    jordan_client.post("/import/", {"kind": "vcard", "file": upload("bob.vcf", BOB)})
    run = ImportRun.objects.get(owner=jordan)
    page = jordan_client.get(f"/import/{run.pk}/")
    assertContains(page, "Where each row went")
    assertContains(page, f'href="/people/{bob.pk}/"')
    assertContains(page, "same email")
    assertContains(page, "Undo</button>")


def test_undo_from_the_report_splits_the_row_off_and_comes_back(jordan_client, jordan):
    from tests.factories import make_person

    make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    jordan_client.post("/import/", {"kind": "vcard", "file": upload("bob.vcf", BOB)})
    run = ImportRun.objects.get(owner=jordan)
    merge_id = run.report["rows"][0]["merge_id"]
    here = f"/import/{run.pk}/"
    response = jordan_client.post(f"/merges/{merge_id}/undo", {"next": here})
    assertRedirects(response, here, fetch_redirect_response=False)
    assert Person.objects.filter(owner=jordan).count() == 2
    page = jordan_client.get(here)
    assertContains(page, "is back as a separate person")
    assert "Undo</button>" not in page.content.decode()


def test_riley_cannot_undo_a_merge_from_jordans_report(jordan_client, riley_client, jordan):
    from tests.factories import make_person

    make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    jordan_client.post("/import/", {"kind": "vcard", "file": upload("bob.vcf", BOB)})
    merge_id = ImportRun.objects.get(owner=jordan).report["rows"][0]["merge_id"]
    response = riley_client.post(f"/merges/{merge_id}/undo")
    assert response.status_code == 404
    assert Person.objects.filter(owner=jordan).count() == 1


SWITCHBOARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice Hart\r\nEMAIL:alice@acme.example\r\n"
    b"TEL;TYPE=WORK:+1 212 555 0100\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\nEMAIL:bob@acme.example\r\n"
    b"TEL;TYPE=WORK:+1 212 555 0100\r\nEND:VCARD\r\n"
)


def test_a_pair_to_review_can_be_merged_and_undone_from_the_report(jordan_client, jordan):
    jordan_client.post("/import/", {"kind": "vcard", "file": upload("office.vcf", SWITCHBOARD)})
    run = ImportRun.objects.get(owner=jordan)
    here = f"/import/{run.pk}/"
    page = jordan_client.get(here)
    assertContains(page, "Merge with Alice Hart")
    pair = page.context["rows"][0]["pair"]
    jordan_client.post(
        f"/people/duplicates/{pair.pk}/merge", {"keep": pair.person_id, "next": here}
    )
    assert Person.objects.filter(owner=jordan).count() == 1
    page = jordan_client.get(here)
    assertContains(page, "Undo merge")
    merge_id = next(r["later_merge"] for r in page.context["rows"] if r["later_merge"])
    jordan_client.post(f"/merges/{merge_id}/undo", {"next": here})
    assert Person.objects.filter(owner=jordan).count() == 2
