"""/setup/ from another computer asks for the set-up code `mutuals serve` printed; from the
server itself (loopback) it does not."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.accounts.models import SetupCode
from mutuals.accounts.setup_code import issue_setup_code

DATA = {
    "username": "dana",
    "password": "a quiet walk by the river",
    "password_again": "a quiet walk by the river",
}


def from_afar(**headers) -> Client:
    return Client(REMOTE_ADDR="203.0.113.9", HTTP_HOST="127.0.0.1:8000", **headers)


def test_a_visitor_from_another_computer_is_asked_for_the_code(db):
    assertContains(from_afar().get("/setup/"), 'name="code"')


def test_a_browser_on_the_server_is_not_asked_for_the_code(db):
    response = Client(HTTP_HOST="localhost:8000").get("/setup/")
    assertNotContains(response, 'name="code"')
    assertContains(response, "no set-up code is needed")


def test_without_the_code_nobody_from_afar_becomes_the_owner(db):
    issue_setup_code()
    response = from_afar().post("/setup/", {**DATA, "code": "ABCD-EFGH-JKLM-NPQR"})
    assertContains(response, 'id="id_code_error"')
    assert not get_user_model().objects.exists()


def test_with_the_code_a_visitor_from_afar_becomes_the_owner(db):
    code = issue_setup_code()
    response = from_afar().post("/setup/", {**DATA, "code": code})
    assertRedirects(response, "/", fetch_redirect_response=False)
    assert get_user_model().objects.get().is_superuser
    assert not SetupCode.objects.exists()


def test_the_code_in_the_address_is_filled_in(db):
    response = from_afar().get("/setup/?code=ABCD-EFGH")
    assertContains(response, 'value="ABCD-EFGH"')


def test_a_loopback_connection_through_a_proxy_still_needs_the_code(db):
    issue_setup_code()
    proxied = Client(HTTP_HOST="127.0.0.1:8000", HTTP_X_FORWARDED_FOR="198.51.100.4")
    response = proxied.post("/setup/", DATA)
    assertContains(response, 'id="id_code_error"')
    assert not get_user_model().objects.exists()


def test_a_loopback_connection_for_a_public_host_name_still_needs_the_code(db, settings):
    settings.ALLOWED_HOSTS = ["mutuals.example.org"]
    response = Client(HTTP_HOST="mutuals.example.org").post("/setup/", DATA)
    assertContains(response, 'id="id_code_error"')
    assert not get_user_model().objects.exists()


def test_behind_a_tls_proxy_no_visitor_counts_as_local(db, settings):
    settings.MUTUALS_TRUST_FORWARDED_FOR = True
    response = Client(HTTP_HOST="127.0.0.1:8000").post("/setup/", DATA)
    assertContains(response, 'id="id_code_error"')


def test_served_without_mutuals_serve_the_page_puts_a_code_in_the_log(db, caplog):
    from_afar().get("/setup/")
    assert SetupCode.objects.count() == 1
    assert "set-up code" in caplog.text
