"""Commands on the set-up page are shown as code, never between literal backticks."""

from __future__ import annotations

from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.accounts.setup_code import issue_setup_code
from mutuals.web.templatetags.commands import commands
from tests.web.test_setup_code import DATA, from_afar
from tests.web.test_sign_in_throttle import sign_in


def test_the_code_fields_help_shows_the_command_as_code(db):
    response = from_afar().get("/setup/")
    assertContains(response, "Printed by <code>mutuals serve</code>")
    assertNotContains(response, "`")


def test_a_wrong_code_error_shows_the_command_as_code(db):
    issue_setup_code()
    response = from_afar().post("/setup/", {**DATA, "code": "ABCD-EFGH-JKLM-NPQR"})
    assertContains(response, 'id="id_code_error"')
    assertContains(response, "the one <code>mutuals serve</code> printed")
    assertNotContains(response, "`")


def test_the_page_on_the_server_itself_has_no_backticks(db):
    response = Client(HTTP_HOST="localhost:8000").post(
        "/setup/", {**DATA, "password_again": "something else"}
    )
    assertContains(response, 'id="id_password_again_error"')
    assertContains(response, "remove them later with <code>mutuals demo --clear</code>")
    assertNotContains(response, "`")


def test_the_sign_in_wait_names_the_command_as_code(jordan):
    for _ in range(3):
        response = sign_in("nope")
    assertContains(response, "<code>mutuals user passwd jordan</code>", status_code=429)
    assertNotContains(response, "`", status_code=429)


def test_text_around_a_command_is_escaped():
    assert commands("<b>run</b> `a < b` now") == (
        "&lt;b&gt;run&lt;/b&gt; <code>a &lt; b</code> now"
    )


def test_an_unpaired_backtick_stays_as_it_is():
    assert commands("it's `odd") == "it&#x27;s `odd"
