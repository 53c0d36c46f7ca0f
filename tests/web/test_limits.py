"""Pages answer a body over the size limit with 413 and a busy database with 503, in words."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from mutuals.busy import BUSY
from mutuals.imports.models import ImportRun
from mutuals.people.models import Person
from mutuals.promises.models import Promise
from tests.api.test_limits import UnreadableBody, connections_csv, linkedin_export
from tests.factories import make_promise, make_user
from tests.services.test_busy_database import holding_the_lock, waiting_briefly

HTMX = {"HTTP_HX_REQUEST": "true"}
URLENCODED = "application/x-www-form-urlencoded"


def import_form(data: bytes, name: str = "Connections.csv") -> dict:
    return {"kind": "linkedin", "file": SimpleUploadedFile(name, data)}


def test_the_import_page_says_the_limit(jordan_client, settings):
    settings.MUTUALS_MAX_UPLOAD_BYTES = 30 * 1024 * 1024
    assertContains(jordan_client.get("/import/"), "Up to 30 MB.")


def test_a_file_at_the_limit_imports_from_the_page(jordan_client, jordan, settings):
    body = connections_csv(rows=40)
    settings.MUTUALS_MAX_UPLOAD_BYTES = len(body)
    response = jordan_client.post("/import/", import_form(body))
    run = ImportRun.objects.get(owner=jordan)
    assertRedirects(response, f"/import/{run.pk}/", fetch_redirect_response=False)
    assert Person.objects.filter(owner=jordan).count() == 40


def test_an_export_over_djangos_usual_limit_imports_from_the_page(jordan_client, jordan):
    export = linkedin_export(rows=3, padding=3 * 1024 * 1024)
    jordan_client.post("/import/", import_form(export, "Basic_LinkedInDataExport.zip"))
    assert Person.objects.filter(owner=jordan).count() == 3


def test_a_file_one_byte_over_shows_the_form_again_with_413(jordan_client, jordan, settings):
    body = connections_csv(rows=40)
    settings.MUTUALS_MAX_UPLOAD_BYTES = len(body) - 1
    response = jordan_client.post("/import/", import_form(body))
    assertContains(response, "The file is over the", status_code=413)
    assertContains(response, "import Connections.csv on its own", status_code=413)
    assertContains(response, 'id="import-form"', status_code=413)
    assert not Person.objects.filter(owner=jordan).exists()


def test_a_declared_length_over_the_limit_is_a_page_without_reading_the_body(jordan_client):
    declared = {"CONTENT_LENGTH": str(3 * 1024**3), "wsgi.input": UnreadableBody()}
    response = jordan_client.post(
        "/import/", b"x", content_type="multipart/form-data; boundary=xyz", **declared
    )
    assertContains(response, "Too big to send", status_code=413)
    assertContains(response, "The file is over the 100 MB limit.", status_code=413)


def test_a_form_over_the_small_body_limit_is_413_in_words(jordan_client, jordan, settings):
    settings.MUTUALS_MAX_BODY_BYTES = 1024
    form = urlencode({"first_name": "Rosa", "notes": "n" * 2000})
    response = jordan_client.post("/people/new", form, content_type=URLENCODED)
    assertContains(response, "The request body is over the 1 KB limit", status_code=413)
    assert not Person.objects.filter(owner=jordan).exists()


def test_htmx_gets_the_413_as_an_alert_above_the_page(jordan_client, settings):
    # The test client sends a multipart body: only the pages that take a file allow a big one.
    settings.MUTUALS_MAX_BODY_BYTES = 1024
    response = jordan_client.post("/people/new", {"notes": "n" * 2000}, **HTMX)
    assert response.status_code == 413
    assert response["HX-Retarget"] == "#main"
    assert response["HX-Reswap"] == "afterbegin"
    assert b"<html" not in response.content
    assertContains(response, 'role="alert"', status_code=413)


@pytest.fixture
def busy_jordan(transactional_db, tmp_path):
    """Jordan signed in, on a database where writes wait briefly for another's lock."""
    with waiting_briefly(tmp_path):
        jordan = make_user("jordan")
        client = Client()
        client.force_login(jordan)
        yield jordan, client


@pytest.mark.django_db(transaction=True)
def test_a_write_while_the_database_is_busy_is_a_503_page(busy_jordan):
    jordan, client = busy_jordan
    promise = make_promise(jordan)
    with holding_the_lock(promise):
        response = client.post(f"/promises/{promise.pk}/done")
    assertContains(response, BUSY, status_code=503)
    assertContains(response, "Busy for a moment", status_code=503)
    assert response["Retry-After"] == "5"
    assert Promise.objects.get(pk=promise.pk).done_at is None


@pytest.mark.django_db(transaction=True)
def test_htmx_gets_the_503_as_an_alert_above_the_page(busy_jordan):
    jordan, client = busy_jordan
    promise = make_promise(jordan)
    with holding_the_lock(promise):
        response = client.post(f"/promises/{promise.pk}/done", **HTMX)
    assert response.status_code == 503
    assert (response["Retry-After"], response["HX-Retarget"]) == ("5", "#main")
    assert b"<html" not in response.content
    assertContains(response, BUSY, status_code=503)
    assert Promise.objects.get(pk=promise.pk).done_at is None
