"""web/partials/action_button.html: every button of a list carries the CSRF token and the
page's address to come back to, worked out once by the view (`this_page`), not per button."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from mutuals.needs import services as needs
from mutuals.needs.models import Need
from tests.factories import PASSWORD, make_person, make_promise

pytestmark = pytest.mark.django_db
BUTTON = re.compile(
    r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">'
    r'<input type="hidden" name="next" value="([^"]*)">'
)


@pytest.fixture
def strict(jordan) -> Client:
    """A browser that signs in and must send the CSRF token, as a real one must."""
    client = Client(enforce_csrf_checks=True)
    client.login(username="jordan", password=PASSWORD)
    return client


def _buttons(html: str) -> list[tuple[str, str]]:
    return BUTTON.findall(html)


@pytest.mark.parametrize("url", ["/needs/?status=open", "/promises/", "/review/", "/?more=1"])
def test_every_button_of_a_list_page_comes_back_to_that_page(jordan, strict, url):
    rosa = make_person(jordan, "Rosa Núñez")
    for text in ("An intro to Orion", "A reference"):
        needs.add_need(owner=jordan, text=text, person_id=rosa.pk)
    for text in ("Send the article", "Call about the move"):
        make_promise(jordan, rosa, text)
    html = strict.get(url).content.decode()
    found = _buttons(html)
    assert len(found) >= 2
    assert {next_ for _, next_ in found} == {url}
    assert all(token for token, _ in found)


def test_the_person_page_buttons_come_back_to_the_person_page(jordan, strict):
    rosa = make_person(jordan, "Rosa Núñez")
    needs.add_need(owner=jordan, text="An intro to Orion", person_id=rosa.pk)
    make_promise(jordan, rosa, "Send the article")
    url = f"/people/{rosa.pk}/?tab=all"
    found = _buttons(strict.get(url).content.decode())
    assert len(found) >= 4
    assert {next_ for _, next_ in found} == {f"/people/{rosa.pk}/?tab=all"}


def test_a_button_posts_with_its_token_and_goes_back_to_the_page(jordan, strict):
    rosa = make_person(jordan, "Rosa Núñez")
    need = needs.add_need(owner=jordan, text="An intro to Orion", person_id=rosa.pk)
    page = strict.get("/needs/?status=open").content.decode()
    token, next_ = _buttons(page)[0]
    response = strict.post(f"/needs/{need.pk}/done", {"csrfmiddlewaretoken": token, "next": next_})
    assert response.status_code == 302
    assert response["Location"] == "/needs/?status=open"
    assert Need.objects.get(pk=need.pk).status == "done"


class _NoAddress:
    """A request whose address must not be read: the page gave it already."""

    def get_full_path(self) -> str:
        raise AssertionError("read the address again")


def test_a_button_given_the_pages_address_does_not_read_the_request_again():
    html = render_to_string(
        "web/partials/action_button.html",
        {
            "url": "/needs/1/done/",
            "label": "Done",
            "this_page": "/needs/?status=all",
            "request": _NoAddress(),
            "csrf_token": "t" * 64,
        },
    )
    assert _buttons(html) == [("t" * 64, "/needs/?status=all")]


def test_a_button_without_the_pages_address_reads_it_from_the_request():
    request = RequestFactory().get("/needs/?status=done")
    html = render_to_string(
        "web/partials/action_button.html",
        {"url": "/needs/1/reopen/", "label": "Reopen", "csrf_token": "t" * 64},
        request=request,
    )
    assert _buttons(html)[0][1] == "/needs/?status=done"
