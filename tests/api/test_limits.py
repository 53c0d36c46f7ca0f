"""Bodies over the size limit answer 413 and a busy database answers 503, in words, never 500."""

from __future__ import annotations

import io
import itertools
import logging
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mutuals.backup.services import backup, dumps
from mutuals.busy import BUSY
from mutuals.imports.models import ImportRun
from mutuals.people.models import Person
from tests.api.conftest import token_client
from tests.factories import make_person, make_user
from tests.services.test_busy_database import holding_the_lock, waiting_briefly

RAW = "application/octet-stream"
FIRST = ["Ada", "Bram", "Chidi", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas"]
LAST = ["Quill", "Vos", "Okafor", "Reyes", "Mensah", "Haddad", "Petrov", "Sato", "Silva", "Berg"]


def connections_csv(rows: int) -> bytes:
    """A LinkedIn Connections.csv as exported: the notes preamble, then `rows` people."""
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    names = itertools.islice(itertools.product(FIRST, LAST), rows)
    for n, (first, last) in enumerate(names):
        slug = f"{first}-{last}-{n}".lower()
        lines.append(
            f"{first},{last},https://www.linkedin.com/in/{slug},,Northwind,Analyst,14 Feb 2023"
        )
    return ("\n".join(lines) + "\n").encode()


def linkedin_export(rows: int, padding: int) -> bytes:
    """An export zip: Connections.csv and `padding` bytes of media mutuals does not read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Connections.csv", connections_csv(rows), zipfile.ZIP_DEFLATED)
        media = random.Random(11).randbytes(padding)
        archive.writestr("Rich_Media/scan.pdf", media, zipfile.ZIP_STORED)
    return buffer.getvalue()


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def nothing_imported(owner) -> bool:
    return not Person.objects.filter(owner=owner).exists()


@pytest.fixture
def upload_limit(settings):
    """Set the upload limit (bytes) low, for the file the test is about to send."""

    def set_to(size: int) -> int:
        settings.MUTUALS_MAX_UPLOAD_BYTES = size
        return size

    return set_to


def test_an_export_over_djangos_usual_limit_imports_as_a_raw_body(jordan_api, jordan):
    export = linkedin_export(rows=3, padding=3 * 1024 * 1024)
    response = jordan_api.post("/api/import/linkedin", export, content_type=RAW)
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 3


def test_an_export_over_djangos_usual_limit_imports_as_a_multipart_file(jordan_api, jordan):
    export = linkedin_export(rows=3, padding=3 * 1024 * 1024)
    upload = SimpleUploadedFile("Basic_LinkedInDataExport.zip", export)
    response = jordan_api.post("/api/import/linkedin", {"file": upload})
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 3


def test_a_raw_body_sent_as_curl_sends_it_is_read_as_a_file_not_a_form(jordan_api, jordan):
    # `curl --data-binary @export.zip` says application/x-www-form-urlencoded by default.
    export = linkedin_export(rows=2, padding=3 * 1024 * 1024)
    form = "application/x-www-form-urlencoded"
    response = jordan_api.post("/api/import/linkedin", export, content_type=form)
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 2


def test_a_file_at_the_limit_imports_as_a_raw_body(jordan_api, jordan, upload_limit):
    body = connections_csv(rows=40)
    upload_limit(len(body))
    response = jordan_api.post("/api/import/linkedin", body, content_type=RAW)
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 40


def test_a_file_at_the_limit_imports_as_a_multipart_file(jordan_api, jordan, upload_limit):
    body = connections_csv(rows=40)
    upload_limit(len(body))
    upload = SimpleUploadedFile("Connections.csv", body)
    response = jordan_api.post("/api/import/linkedin", {"file": upload})
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 40


def test_a_raw_body_one_byte_over_the_limit_is_413_in_words(jordan_api, jordan, upload_limit):
    body = connections_csv(rows=40)
    upload_limit(len(body) - 1)
    response = jordan_api.post("/api/import/linkedin", body, content_type=RAW)
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert detail.startswith("The file is over the ")
    assert " KB limit." in detail
    assert "import Connections.csv on its own" in detail
    assert nothing_imported(jordan)


def test_a_multipart_file_one_byte_over_the_limit_is_413(jordan_api, jordan, upload_limit):
    body = connections_csv(rows=40)
    upload_limit(len(body) - 1)
    upload = SimpleUploadedFile("Connections.csv", body)
    response = jordan_api.post("/api/import/linkedin", {"file": upload})
    assert response.status_code == 413
    assert "import Connections.csv on its own" in response.json()["detail"]
    assert nothing_imported(jordan)
    assert not ImportRun.objects.filter(owner=jordan).exists()


def test_the_default_limit_is_said_as_100_mb(jordan_api):
    declared = {"CONTENT_LENGTH": str(100 * 1024 * 1024 + 1), "wsgi.input": UnreadableBody()}
    response = jordan_api.post("/api/import/linkedin", b"x", content_type=RAW, **declared)
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The file is over the 100 MB limit.")


@pytest.mark.parametrize("content_type", [RAW, "multipart/form-data; boundary=xyz"])
def test_a_declared_length_over_the_limit_is_refused_without_reading_the_body(
    jordan_api, jordan, content_type
):
    declared = {"CONTENT_LENGTH": str(3 * 1024**3), "wsgi.input": UnreadableBody()}
    response = jordan_api.post("/api/import/linkedin", b"x", content_type=content_type, **declared)
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_a_json_body_over_its_small_limit_is_413_in_words(jordan_api, jordan, settings):
    settings.MUTUALS_MAX_BODY_BYTES = 1024
    payload = {"name": "Rosa Núñez", "notes": "n" * 2000}
    response = jordan_api.post("/api/people", payload, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"].startswith(
        "The request body is over the 1 KB limit for this address. Send less at once"
    )
    assert nothing_imported(jordan)


def test_a_body_django_refuses_while_reading_is_413_not_500(jordan_api, jordan, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    payload = {"name": "Rosa Núñez", "notes": "n" * 2000}
    response = jordan_api.post("/api/people", payload, content_type="application/json")
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_a_backup_over_the_small_body_limit_restores(riley_api, jordan, riley, settings):
    make_person(jordan, notes="n" * 3000)
    settings.MUTUALS_MAX_BODY_BYTES = 1024
    body = dumps(backup(owner=jordan))
    response = riley_api.post("/api/restore", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["people"] == 1


def test_a_backup_over_the_upload_limit_says_to_restore_on_the_server(
    riley_api, jordan, riley, upload_limit
):
    make_person(jordan, notes="n" * 3000)
    body = dumps(backup(owner=jordan))
    upload_limit(2048)
    response = riley_api.post("/api/restore", body, content_type="application/json")
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert detail.startswith("The backup is over the 2 KB limit.")
    assert "mutuals restore FILE" in detail
    assert nothing_imported(riley)


@pytest.fixture
def brief_waits(transactional_db, tmp_path):
    with waiting_briefly(tmp_path):
        yield


@pytest.mark.django_db(transaction=True)
def test_a_write_while_the_database_is_busy_is_503_with_retry_after(brief_waits):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez")
    api = token_client(jordan)
    with holding_the_lock(rosa):
        response = api.patch(
            f"/api/people/{rosa.pk}", {"notes": "Met at the fair"}, content_type="application/json"
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {"detail": BUSY}
    assert Person.objects.get(pk=rosa.pk).notes == ""


@pytest.mark.django_db(transaction=True)
def test_a_busy_database_is_logged_without_ids_or_what_was_sent(brief_waits, caplog):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez")
    api = token_client(jordan)
    with holding_the_lock(rosa), caplog.at_level(logging.WARNING, logger="mutuals.busy"):
        api.patch(
            f"/api/people/{rosa.pk}", {"notes": "Met at the fair"}, content_type="application/json"
        )
    [line] = [r.getMessage() for r in caplog.records if r.name == "mutuals.busy"]
    assert line.startswith("Database busy (")
    assert "PATCH" in line
    for private in ("Met at the fair", "Rosa", f"/{rosa.pk}"):
        assert private not in line
