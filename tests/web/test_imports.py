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
