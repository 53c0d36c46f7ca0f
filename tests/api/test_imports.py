"""/api/import/{kind} and /api/imports; Riley never sees Jordan's."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from mutuals.people.models import Person
from tests.api.conftest import field_errors

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def post_file(client, kind: str, data: bytes, query: str = ""):
    return client.post(f"/api/import/{kind}{query}", data, content_type="application/octet-stream")


def test_a_body_of_connections_imports_people(jordan_api, jordan):
    response = post_file(jordan_api, "linkedin", sample("linkedin_connections.csv"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["created"] == Person.objects.filter(owner=jordan).count() > 0
    assert body["written"] is True


def test_a_multipart_upload_keeps_its_file_name(jordan_api, jordan):
    upload = SimpleUploadedFile("phone.vcf", sample("android_2_1.vcf"))
    response = jordan_api.post("/api/import/vcard", {"file": upload})
    assert response.status_code == 200, response.content
    assert response.json()["file"] == "phone.vcf"


def test_a_dry_run_writes_nothing(jordan_api, jordan):
    body = post_file(jordan_api, "google", sample("google_contacts.csv"), "?dry_run=true").json()
    assert body["created"] > 0
    assert not Person.objects.filter(owner=jordan).exists()


def test_a_rejected_file_is_422_with_the_line_and_changes_nothing(jordan_api, jordan):
    response = post_file(jordan_api, "vcard", b"BEGIN:VCARD\r\nFN:Half\r\n")
    assert response.status_code == 422
    body = response.json()
    assert "Nothing was imported" in body["detail"]
    assert body["errors"][0]["message"] == body["detail"]
    assert not Person.objects.filter(owner=jordan).exists()


def test_an_empty_body_names_the_file_field(jordan_api):
    assert "file" in field_errors(post_file(jordan_api, "vcard", b""))


def test_a_bad_map_names_the_map_parameter(jordan_api):
    response = post_file(jordan_api, "csv", sample("generic_contacts.csv"), "?map=bogus=Name")
    assert "map" in field_errors(response)


def test_an_unknown_kind_is_refused(jordan_api):
    response = post_file(jordan_api, "myspace", b"x")
    assert response.status_code == 422


def test_recent_imports_are_the_callers_only(jordan_api, riley_api, jordan):
    post_file(jordan_api, "outlook", sample("outlook_contacts.csv"))
    assert jordan_api.get("/api/imports").json()["count"] == 1
    assert riley_api.get("/api/imports").json() == {"count": 0, "items": []}


BOB = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\nN:Stone;Bob;;;\r\n"
    b"EMAIL:bob.stone@acme.example\r\nTITLE:Buyer\r\nEND:VCARD\r\n"
)


def test_the_report_says_where_each_row_went_and_the_merge_undoes(jordan_api, jordan):
    from tests.factories import make_person

    bob = make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    body = post_file(jordan_api, "vcard", BOB).json()
    (row,) = body["rows"]
    assert (row["person_id"], row["outcome"]) == (bob.pk, "updated")
    assert body["rows_total"] == 1
    undone = jordan_api.post(f"/api/merges/{row['merge_id']}/undo")
    assert undone.status_code == 200, undone.content
    assert Person.objects.filter(owner=jordan).count() == 2


def test_riley_cannot_undo_jordans_import_merge(jordan_api, riley_api, jordan):
    from tests.factories import make_person

    make_person(jordan, "Bob Stone", emails=["bob.stone@acme.example"])
    merge_id = post_file(jordan_api, "vcard", BOB).json()["rows"][0]["merge_id"]
    assert riley_api.post(f"/api/merges/{merge_id}/undo").status_code == 404
    assert Person.objects.filter(owner=jordan).count() == 1
