"""The map as SVG: a labelled group of links, nothing focusable inside another, names escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.network_map import MIN_TEXT_PX, PHONE_WIDTH, MapEdge, MapPerson, layout
from mutuals.core.network_map_svg import (
    FIT_WIDTH,
    ZOOM_WIDTHS,
    ZOOMS,
    describe,
    render_svg,
    swatch,
    text_sizes,
)

SVG = "{http://www.w3.org/2000/svg}"


def person(id, ring=1, group="Work", name=None):
    return MapPerson(id, name or f"Person {id}", group, ring, 0.5)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def people_links(root):
    return list(root.iter(f"{SVG}a"))


def href(pk):
    return f"/people/{pk}/?a=1&b=2"


def test_each_person_is_one_link_with_their_name_ring_and_group():
    root = parse(render_svg(layout([person(1, ring=0), person(2, ring=6, group="")]), href=href))
    names = {a.get("href"): a.get("aria-label") for a in people_links(root)}
    assert names == {
        "/people/1/?a=1&b=2": "Person 1, Inner circle, Work",
        "/people/2/?a=1&b=2": "Person 2, Known of, Others",
    }


def test_no_link_holds_another_focusable_thing_and_the_map_is_not_an_image():
    root = parse(render_svg(layout([person(i) for i in range(30)]), href=href))
    assert root.get("role") == "group"
    for link in people_links(root):
        inner = list(link.iter())[1:]
        assert not any(e.tag == f"{SVG}a" or e.get("tabindex") or e.get("role") for e in inner)


def test_the_svg_has_no_style_to_need_a_nonce():
    svg = render_svg(layout([person(1)]), href=href)
    assert "<style" not in svg
    assert "style=" not in svg


@given(st.text(max_size=40), st.text(max_size=20))
def test_any_name_or_group_makes_valid_xml(name, group):
    svg = render_svg(layout([person(1, name=name, group=group)]), href=href, title=name)
    root = parse(svg)
    assert len(people_links(root)) == 1


def test_markup_in_a_name_is_text():
    root = parse(render_svg(layout([person(1, name="<b>Ada</b> & co")]), href=href))
    assert people_links(root)[0].get("aria-label").startswith("<b>Ada</b> & co")


def test_no_lines_unless_edges_are_given_and_only_between_people_placed():
    net_map = layout([person(1), person(2), person(3)])
    assert "<line" not in render_svg(net_map)
    edges = [MapEdge(1, 2, 0.5), MapEdge(2, 99, 0.5), MapEdge(3, 3, 1.0)]
    assert render_svg(net_map, edges=edges).count("<line") == 1


def test_the_selected_person_and_the_people_they_know_are_marked():
    net_map = layout([person(1), person(2), person(3)])
    root = parse(render_svg(net_map, edges=[MapEdge(1, 2, 0.5)], selected=[1], href=href))
    marks = {a.get("href"): a[1].get("class") for a in people_links(root)}
    assert "map-selected" in marks[href(1)]
    assert "map-linked" in marks[href(2)]
    assert "map-linked" not in marks[href(3)]
    assert "map-selected" not in marks[href(3)]


def test_zoomed_maps_are_drawn_wider_and_the_whole_map_fits_the_screen():
    net_map = layout([person(1)])
    assert parse(render_svg(net_map)).get("width") is None
    for zoom, width in ZOOM_WIDTHS.items():
        assert parse(render_svg(net_map, zoom=zoom)).get("width") == f"{width:g}"
    with pytest.raises(ValueError, match="zoom"):
        render_svg(net_map, zoom=7)


def test_every_set_of_names_is_at_least_12_pixels_where_it_shows():
    net_map = layout([person(i, ring=i % 7) for i in range(150)])
    shown_at = {"map-names-phone": PHONE_WIDTH, "map-names-wide": FIT_WIDTH}
    for zoom in ZOOMS:
        for css_class, size in text_sizes(net_map, zoom).items():
            pixels = shown_at.get(css_class) or ZOOM_WIDTHS[zoom]
            assert size * pixels / net_map.size >= MIN_TEXT_PX


def test_names_are_written_in_one_set_per_screen_width():
    root = parse(render_svg(layout([person(1, ring=0)])))
    sets = [g.get("class") for g in root.iter(f"{SVG}g") if "map-names" in (g.get("class") or "")]
    assert sets == ["map-names map-names-phone", "map-names map-names-wide"]


def test_the_description_counts_people_by_ring():
    net_map = layout([person(1, ring=0), person(2, ring=1), person(3, ring=1)], limit=2)
    assert describe(net_map) == (
        "Around you, 2 people on 2 rings: Inner circle 1, Close 1; 1 more person not shown."
    )
    assert describe(layout([])) == "No one around you yet."


def test_the_legend_swatch_has_the_groups_colour_and_shape():
    assert "map-g1" in swatch(1)
    assert "<rect" in swatch(1)
    assert "<circle" in swatch(4)
    assert 'aria-hidden="true"' in swatch(4)


def test_without_links_each_person_is_a_named_image():
    root = parse(render_svg(layout([person(1)])))
    assert [g.get("aria-label") for g in root.iter(f"{SVG}g") if g.get("role") == "img"] == [
        "Person 1, Close, Work"
    ]
