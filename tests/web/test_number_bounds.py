"""A number no database can hold, in an address, a query string or a form, answers a 404 or
the page with a sentence, never a 500 (an OverflowError from the database driver)."""

from __future__ import annotations

import re

import pytest
from django.urls import URLResolver, get_resolver
from hypothesis import given
from hypothesis import strategies as st
from pytest_django.asserts import assertContains

from mutuals.interactions.models import Interaction
from mutuals.web.forms import MAX_ID, as_id, as_ids
from tests.factories import make_person
from tests.web.test_dedupe import scanned

HUGE = "99999999999999999999999"
ID_PARAMETER = r"<(?:int|id):\w+>"
NOT_IDS = [HUGE, str(MAX_ID + 1), "0", "-1", "1.5", "1e3", "²", "١٢", " ", "abc"]


def routes(patterns, prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += routes(pattern.url_patterns, route)
        else:
            found.append(route)
    return found


def routes_with_ids() -> list[str]:
    """Every page address with a numeric id in it (the API has its own test)."""
    return [
        route
        for route in routes(get_resolver().url_patterns)
        if re.search(ID_PARAMETER, route) and not route.startswith("api/")
    ]


@pytest.mark.parametrize("route", routes_with_ids())
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_address_with_an_id_too_large_for_the_database_is_404(jordan_client, route, method):
    url = "/" + re.sub(ID_PARAMETER, HUGE, route)
    response = getattr(jordan_client, method)(url)
    assert response.status_code in (404, 405), (url, response.status_code)


@pytest.mark.parametrize("value", NOT_IDS)
def test_log_page_for_a_person_id_that_cannot_exist_is_404(jordan_client, jordan, value):
    make_person(jordan)
    assert jordan_client.get("/log/", {"person": value}).status_code == 404


def test_the_people_picker_with_an_id_too_large_is_404(jordan_client, jordan):
    assert jordan_client.get("/log/people", {"people": HUGE}).status_code == 404


def test_logging_with_an_id_too_large_shows_the_form_with_a_sentence(jordan_client, jordan):
    rosa = make_person(jordan)
    data = {"people": [rosa.pk, HUGE], "summary": "Coffee", "occurred_on": "2024-05-01"}
    response = jordan_client.post("/log/", data)
    assertContains(response, "Choose people from the list.")
    assert not Interaction.objects.exists()


def test_compose_for_a_person_id_too_large_is_404(jordan_client):
    assert jordan_client.get("/compose/", {"person": HUGE}).status_code == 404


def test_compose_with_a_hidden_person_too_large_reviews_by_the_typed_name(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez")
    data = {"to": "Rosa Núñez", "person": HUGE, "text": "Hi Rosa, how was the trip?"}
    response = jordan_client.post("/compose/", data)
    assert response.status_code == 200


def test_asking_for_an_introduction_with_ids_too_large_goes_back_to_the_network(jordan_client):
    response = jordan_client.get(
        "/introductions/new", {"introducer": HUGE, "target": HUGE}, follow=True
    )
    assertContains(response, "Choose a path first, then ask for the introduction.")


def test_merging_while_keeping_an_id_too_large_says_whom_to_choose(jordan_client, jordan):
    _, _, pair = scanned(jordan)
    response = jordan_client.post(
        f"/people/duplicates/{pair.pk}/merge", {"keep": HUGE}, follow=True
    )
    assertContains(response, "Choose which of the two people to keep.")


def test_marking_needs_reviewed_ignores_ids_too_large(jordan_client):
    response = jordan_client.post("/review/all-reviewed", {"need": [HUGE, "1"]}, follow=True)
    assertContains(response, "Marked 0 needs reviewed today.")


@given(st.integers(min_value=1, max_value=MAX_ID))
def test_every_id_in_range_reads_back_as_itself(number):
    assert as_id(str(number)) == number


@given(st.text(max_size=30))
def test_any_text_reads_as_nothing_or_an_id_in_range(text):
    number = as_id(text)
    assert number is None or 1 <= number <= MAX_ID


@given(st.integers().filter(lambda n: not 1 <= n <= MAX_ID))
def test_a_whole_number_out_of_range_is_not_an_id(number):
    assert as_id(str(number)) is None


def test_one_value_that_cannot_be_an_id_spoils_the_list():
    assert as_ids(["3", "1", "3"]) == [1, 3]
    assert as_ids(["3", HUGE]) is None
