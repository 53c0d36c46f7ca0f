"""The network map page: you at the centre, rings by closeness, filters, ties, zoom, the list."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.core.network_map import DEFAULT_LIMIT
from mutuals.network.services import record_knows
from tests.factories import make_orion, make_person

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def orion(jordan):
    return make_orion(jordan)


def svg_of(response):
    html = response.content.decode()
    return ET.fromstring(html[html.index("<svg") : html.index("</svg>") + len("</svg>")])


def links(root):
    return {a.get("href"): a.get("aria-label") for a in root.iter(f"{SVG}a")}


def test_each_person_is_a_link_named_with_their_ring_and_circle(jordan_client, orion):
    bruce, cleo, alice = orion
    found = links(svg_of(jordan_client.get("/network/map")))
    assert found[f"/people/{bruce.pk}/"] == "Bruce Wayne, Close, Work"
    assert found[f"/people/{cleo.pk}/"] == "Cleo Park, Acquaintance, Community"
    assert found[f"/people/{alice.pk}/"] == "Alice Oduya, Known of, Others"


def test_the_map_is_a_labelled_group_not_an_image_holding_links(jordan_client, orion):
    root = svg_of(jordan_client.get("/network/map"))
    assert root.get("role") == "group"
    assert root.find(f"{SVG}title").text == "Your network"
    assert "3 people on 3 rings" in root.find(f"{SVG}desc").text


def test_no_lines_are_drawn_until_asked(jordan_client, orion):
    root = svg_of(jordan_client.get("/network/map"))
    assert list(root.iter(f"{SVG}line")) == []


def test_asking_around_a_person_draws_their_ties_and_names_them(jordan_client, orion):
    bruce, _, alice = orion
    response = jordan_client.get("/network/map", {"around": bruce.pk})
    assert len(list(svg_of(response).iter(f"{SVG}line"))) == 1
    assertContains(response, "Who Bruce Wayne knows here")
    assertContains(response, f'<a href="/people/{alice.pk}/">Alice Oduya</a>')


def test_lines_among_everyone_on_request(jordan_client, orion):
    response = jordan_client.get("/network/map", {"links": "on"})
    assert len(list(svg_of(response).iter(f"{SVG}line"))) == 2


def test_filtering_by_circle_keeps_only_its_people(jordan_client, orion):
    bruce, _cleo, _ = orion
    found = links(svg_of(jordan_client.get("/network/map", {"circle": "Work"})))
    assert list(found) == [f"/people/{bruce.pk}/"]


def test_filtering_by_organisation_matches_words_of_its_name(jordan_client, orion):
    _, _, alice = orion
    found = links(svg_of(jordan_client.get("/network/map", {"organization": "orio"})))
    assert list(found) == [f"/people/{alice.pk}/"]


def test_a_filter_nobody_matches_says_so_with_a_way_back(jordan_client, orion):
    response = jordan_client.get("/network/map", {"organization": "Nowhere Ltd"})
    assertContains(response, "No one matches that.")
    assertContains(response, 'href="/network/map">Show everyone again')


def test_an_unknown_circle_is_an_error_on_the_field_and_the_map_stays(jordan_client, orion):
    response = jordan_client.get("/network/map", {"circle": "Nope"})
    assertContains(response, "Select a valid choice")
    assert len(links(svg_of(response))) == 3


def test_colours_follow_organisations_on_request(jordan_client, orion):
    response = jordan_client.get("/network/map", {"group_by": "organization"})
    assertContains(response, "Orion")


def test_zoom_draws_the_map_wider_and_offers_the_way_back(jordan_client, orion):
    response = jordan_client.get("/network/map", {"zoom": 2, "circle": "Work"})
    root = svg_of(response)
    assert root.get("width") == "1000"
    assertContains(response, 'href="/network/map?circle=Work&amp;zoom=1"')
    assertContains(response, 'href="/network/map?circle=Work&amp;zoom=3"')


def test_a_zoom_out_of_range_falls_back_to_the_whole_map(jordan_client, orion):
    root = svg_of(jordan_client.get("/network/map", {"zoom": 9}))
    assert root.get("width") is None


def test_the_list_beside_the_map_has_everyone_by_ring(jordan_client, orion):
    response = jordan_client.get("/network/map")
    html = response.content.decode()
    listing = html[html.index('<details class="map-list">') :]
    assert re.search(r"Close <span class=\"muted\">· 1 \(about 15", listing)
    for name in ("Bruce Wayne", "Cleo Park", "Alice Oduya"):
        assert name in listing


def test_more_people_than_the_map_holds_are_cut_to_the_closest(jordan_client, jordan):
    for i in range(DEFAULT_LIMIT + 5):
        make_person(jordan, f"Person {i:03}", tier="acquaintance" if i < 3 else "dormant")
    response = jordan_client.get("/network/map")
    assert len(links(svg_of(response))) == DEFAULT_LIMIT
    shown = f"Showing the {DEFAULT_LIMIT} closest of your {DEFAULT_LIMIT + 5} contacts"
    assertContains(response, shown)


def test_the_map_reads_in_a_fixed_number_of_queries(jordan_client, jordan, orion):
    for i in range(30):
        person = make_person(jordan, f"Person {i:03}", tier="meaningful", circles=["Club"])
        record_knows(owner=jordan, person_id=orion[0].pk, knows_id=person.pk, strength=0.5)
    jordan_client.get("/network/map")  # the session's first use writes it once
    with CaptureQueriesContext(connection) as few:
        jordan_client.get("/network/map", {"around": orion[0].pk})
    for i in range(30, 60):
        make_person(jordan, f"Person {i:03}", tier="meaningful", circles=["Club"])
    with CaptureQueriesContext(connection) as many:
        jordan_client.get("/network/map", {"around": orion[0].pk})
    assert len(many) == len(few) <= 14  # a query per ring among them


def test_riley_sees_none_of_jordans_people_even_around_one(riley_client, orion):
    bruce, _, _ = orion
    response = riley_client.get("/network/map", {"around": bruce.pk, "links": "on"})
    assertNotContains(response, "Bruce Wayne", status_code=200)
    assertNotContains(response, "<svg")


def test_an_empty_network_says_what_to_do_next(jordan_client):
    assertContains(jordan_client.get("/network/map"), "Add people</a> and set how close you are")


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_every_group_colour_stands_out_from_the_paper_by_3_to_1():
    with open(finders.find("web/mutuals.css"), encoding="utf-8") as css:
        colours = re.findall(r"\.map-g(\d) \{ fill: (#[0-9a-f]{6});", css.read())
    assert [int(i) for i, _ in colours] == list(range(8))
    for _, colour in colours:
        assert (1.0 + 0.05) / (_luminance(colour) + 0.05) >= 3


def test_the_person_whose_ties_are_shown_is_placed_even_outside_the_filter(jordan_client, orion):
    bruce, _, alice = orion
    response = jordan_client.get("/network/map", {"circle": "Work", "around": alice.pk})
    assert set(links(svg_of(response))) == {f"/people/{bruce.pk}/", f"/people/{alice.pk}/"}
    assert len(list(svg_of(response).iter(f"{SVG}line"))) == 1
