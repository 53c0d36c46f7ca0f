import math
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.network_map import (
    MapEdge,
    MapPerson,
    NetworkMap,
    layout,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
GROUPS = ["Orion", "Acme & Co", "Family", "Climbing club", "", "Old job <2019>"]


def person(id, name=None, group="Orion", strength=0.5):
    return MapPerson(id, name or f"Person {id}", group, strength)


@st.composite
def networks(draw, most=400):
    """People with unique ids in a few random groups, and edges between any of them."""
    n = draw(st.integers(0, most))
    groups = draw(st.lists(st.text(max_size=12), min_size=1, max_size=12))
    # the bulk comes from a seeded generator: a hypothesis draw per number is too slow at 400
    rnd = random.Random(draw(st.integers(0, 2**32)))
    levels = [0.0, 0.0, 1.0, 0.5, 1e-9]  # the edges of the range, often
    people = [
        MapPerson(
            id,
            f"Person {id}",
            rnd.choice(groups),
            rnd.choice(levels) if rnd.random() < 0.2 else rnd.random(),
        )
        for id in rnd.sample(range(10 * n + 1), n)
    ]
    ids = [p.id for p in people] + [-5]  # -5: someone who is not among the people
    edges = [
        MapEdge(rnd.choice(ids), rnd.choice(ids), rnd.choice([rnd.random(), 1.0, 0.0]))
        for _ in range(rnd.randrange(3 * n + 1))
    ]
    return people, edges


def overlapping_pairs(placed):
    if len(placed) < 2:
        return 0
    xy = np.array([(p.x, p.y) for p in placed])
    r = np.array([p.r for p in placed])
    distance = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    touching = distance < (r[:, None] + r[None, :])
    np.fill_diagonal(touching, False)
    return int(touching.sum()) // 2


def by_group(net_map):
    groups = defaultdict(list)
    for p in net_map.people:
        groups[p.group].append(p)
    return groups


def circles(svg, cls):
    root = ET.fromstring(svg)
    return [c for c in root.iter(f"{SVG}circle") if cls in c.get("class", "").split()]


# ---- which people and edges are kept ---------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(networks(), st.integers(0, 450))
def test_it_keeps_the_strongest_people_up_to_the_limit(network, limit):
    people, edges = network
    net_map = layout(people, edges, limit=limit)
    expected = sorted(people, key=lambda p: (-p.strength, p.id))[:limit]
    assert sorted(p.id for p in net_map.people) == sorted(p.id for p in expected)


@settings(max_examples=50, deadline=None)
@given(networks(), st.integers(0, 450))
def test_left_out_counts_the_people_beyond_the_limit(network, limit):
    people, edges = network
    assert layout(people, edges, limit=limit).left_out == max(0, len(people) - limit)


@settings(max_examples=50, deadline=None)
@given(networks(), st.integers(0, 450))
def test_edges_join_only_people_who_are_drawn(network, limit):
    people, edges = network
    net_map = layout(people, edges, limit=limit)
    kept = {p.id for p in net_map.people}
    expected = {
        (min(e.a, e.b), max(e.a, e.b))
        for e in edges
        if e.a in kept and e.b in kept and e.a != e.b and e.strength > 0
    }
    assert [(e.a, e.b) for e in net_map.edges] == sorted(expected)


def test_a_pair_given_twice_is_drawn_once_with_its_stronger_tie():
    people = [person(1), person(2)]
    edges = [MapEdge(1, 2, 0.3), MapEdge(2, 1, 0.8), MapEdge(1, 1, 0.9), MapEdge(1, 2, 0.0)]
    assert layout(people, edges).edges == (MapEdge(1, 2, 0.8),)


def test_a_person_listed_twice_is_drawn_once():
    people = [person(7, "Ada", strength=0.4), person(7, "Ada", strength=0.9)]
    net_map = layout(people, [])
    assert [(p.id, p.strength) for p in net_map.people] == [(7, 0.9)]


def test_people_without_a_group_go_to_others():
    net_map = layout([person(1, group=""), person(2, group="  ")], [])
    assert [(g.name, g.count) for g in net_map.groups] == [("Others", 2)]


def test_empty_input_gives_a_small_map_with_no_one_in_it():
    net_map = layout([], [MapEdge(1, 2, 0.5)])
    assert (net_map.people, net_map.edges, net_map.groups, net_map.left_out) == ((), (), (), 0)
    assert 0 < net_map.height <= 60


@pytest.mark.parametrize(("limit", "width"), [(-1, 360), (10, 100), (10, math.nan), (10, math.inf)])
def test_it_refuses_a_negative_limit_or_a_too_narrow_picture(limit, width):
    with pytest.raises(ValueError, match="must be"):
        layout([person(1)], [], limit=limit, width=width)


# ---- geometry --------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(networks())
def test_dots_in_a_group_never_overlap(network):
    for placed in by_group(layout(*network)).values():
        assert overlapping_pairs(placed) == 0


@settings(max_examples=50, deadline=None)
@given(networks())
def test_group_discs_never_overlap(network):
    groups = layout(*network).groups
    for i, a in enumerate(groups):
        for b in groups[i + 1 :]:
            assert math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r


@settings(max_examples=50, deadline=None)
@given(networks(), st.sampled_from([360, 200, 600, 1024]))
def test_everything_fits_inside_the_picture(network, width):
    net_map = layout(*network, width=width)
    for shape in net_map.people + net_map.groups:
        assert min(shape.x - shape.r, shape.y - shape.r) >= 0
        assert shape.x + shape.r <= net_map.width
        assert shape.y + shape.r <= net_map.height


@settings(max_examples=50, deadline=None)
@given(networks())
def test_every_dot_sits_inside_its_group_disc(network):
    net_map = layout(*network)
    discs = {g.name: g for g in net_map.groups}
    for p in net_map.people:
        disc = discs[p.group]
        assert math.hypot(p.x - disc.x, p.y - disc.y) + p.r <= disc.r


@settings(max_examples=50, deadline=None)
@given(networks(), st.integers(0, 2**32))
def test_the_same_network_in_any_order_gives_the_same_map(network, seed):
    people, edges = network
    rnd = random.Random(seed)
    shuffled_people, shuffled_edges = list(people), [MapEdge(e.b, e.a, e.strength) for e in edges]
    rnd.shuffle(shuffled_people)
    rnd.shuffle(shuffled_edges)
    assert layout(people, edges) == layout(shuffled_people, shuffled_edges)


def test_group_counts_add_up_to_the_people_drawn():
    people = [person(i, group=GROUPS[i % len(GROUPS)]) for i in range(40)]
    net_map = layout(people, [])
    assert Counter(p.group for p in net_map.people) == {g.name: g.count for g in net_map.groups}


def test_biggest_groups_come_first_down_the_page():
    sizes = {"Orion": 30, "Family": 3, "Climbing club": 12, "Acme": 1, "Old job": 7}
    groups = [g for g, n in sizes.items() for _ in range(n)]
    people = [person(i, group=g) for i, g in enumerate(groups)]
    groups = sorted(layout(people, []).groups, key=lambda g: -g.count)
    tops = [round(g.y - g.r, 6) for g in groups]
    assert tops == sorted(tops)


def test_on_a_phone_groups_sit_in_one_column_or_two():
    people = [person(i, group=f"Group {i % 9}", strength=(i % 10) / 10) for i in range(90)]
    net_map = layout(people, [], width=360)
    slots = {180.0, 8 + 344 / 4, 8 + 3 * 344 / 4}  # centred, or the middle of either half
    assert {round(g.x, 1) for g in net_map.groups} <= {round(s, 1) for s in slots}


def test_the_strongest_person_sits_at_the_centre_of_their_group():
    people = [person(i, strength=i / 20) for i in range(20)]
    net_map = layout(people, [])
    (disc,) = net_map.groups
    strongest = max(net_map.people, key=lambda p: p.strength)
    assert (strongest.x, strongest.y) == (disc.x, disc.y)


def test_weaker_ties_sit_further_out_on_the_whole():
    rnd = random.Random(3)
    people = [person(i, strength=rnd.random()) for i in range(120)]
    net_map = layout(people, [])
    (disc,) = net_map.groups
    distance = [math.hypot(p.x - disc.x, p.y - disc.y) for p in net_map.people]
    strength = [p.strength for p in net_map.people]
    assert np.corrcoef(distance, strength)[0, 1] < -0.8


def test_dots_are_4_to_12_units_across_by_tie_strength():
    people = [person(1, strength=0.0), person(2, strength=0.5), person(3, strength=1.0)]
    radii = [p.r for p in sorted(layout(people, []).people, key=lambda p: p.id)]
    assert radii == [4.0, 8.0, 12.0]


def test_a_group_too_wide_for_the_phone_shrinks_every_dot_alike():
    people = [person(i, strength=1.0) for i in range(300)] + [person(999, "Bo", "Family", 1.0)]
    net_map = layout(people, [], width=360)
    assert len({p.r for p in net_map.people}) == 1
    assert max(g.r for g in net_map.groups) * 2 <= 360


# ---- the SVG ---------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(networks(most=120), st.text(), st.lists(st.text(), min_size=1))
def test_the_svg_parses_with_one_circle_per_person_whatever_the_names(network, title, names):
    people, edges = network
    people = [MapPerson(p.id, names[p.id % len(names)], p.group, p.strength) for p in people]
    net_map = layout(people, edges)
    svg = render_svg(net_map, title=title, href=lambda id: f"/people/{id}/?a=1&b=2")
    assert len(circles(svg, "node")) == len(net_map.people)


def test_names_and_groups_are_escaped():
    evil = "<script>alert(\"x\")</script> & 'co'"
    net_map = layout([person(1, evil, group=evil)], [])
    svg = render_svg(net_map, title=evil)
    root = ET.fromstring(svg)
    tooltips = [t.text for t in root.iter(f"{SVG}title")]
    assert "<script" not in svg.lower()
    assert f"{evil} — {evil}, tie strength 0.50" in tooltips


def test_characters_xml_cannot_hold_are_dropped():
    svg = render_svg(layout([person(1, "Ada\x00\x1b Lovelace")], []))
    assert "Ada Lovelace — Orion" in ET.fromstring(svg).find(f".//{SVG}circle/{SVG}title").text


def test_each_dot_has_a_tooltip_with_name_group_and_tie_strength():
    svg = render_svg(layout([person(1, "Ada Lovelace", "Orion", 0.72)], []))
    (node,) = circles(svg, "node")
    assert node.find(f"{SVG}title").text == "Ada Lovelace — Orion, tie strength 0.72"


def test_people_you_only_know_of_are_drawn_hollow():
    svg = render_svg(layout([person(1, strength=0.0), person(2, strength=0.3)], []))
    assert (len(circles(svg, "known-of")), len(circles(svg, "contact"))) == (1, 1)


def test_each_dot_links_where_href_says():
    svg = render_svg(layout([person(4), person(9)], []), href=lambda id: f"/people/{id}/")
    links = ET.fromstring(svg).findall(f".//{SVG}a")
    assert sorted(a.get("href") for a in links) == ["/people/4/", "/people/9/"]


def test_without_href_there_are_no_links():
    svg = render_svg(layout([person(4)], []))
    assert ET.fromstring(svg).findall(f".//{SVG}a") == []


def test_the_style_carries_the_pages_nonce_when_given_one():
    svg = render_svg(layout([person(1)], []), style_nonce="n0nce")
    assert ET.fromstring(svg).find(f"{SVG}style").get("nonce") == "n0nce"


def test_without_a_nonce_the_style_has_none():
    svg = render_svg(layout([person(1)], []))
    assert ET.fromstring(svg).find(f"{SVG}style").get("nonce") is None


def test_highlighted_people_get_their_own_class():
    svg = render_svg(layout([person(1), person(2), person(3)], []), highlight={2})
    highlighted = circles(svg, "highlight")
    assert [c.find(f"{SVG}title").text.split(" —")[0] for c in highlighted] == ["Person 2"]


def test_edges_across_groups_are_marked_as_such():
    people = [person(1, group="Orion"), person(2, group="Orion"), person(3, group="Family")]
    edges = [MapEdge(1, 2, 0.5), MapEdge(2, 3, 0.5)]
    root = ET.fromstring(render_svg(layout(people, edges)))
    classes = sorted(line.get("class") for line in root.iter(f"{SVG}line"))
    assert classes == ["edge", "edge across"]


def test_stronger_edges_are_drawn_thicker():
    people = [person(1), person(2), person(3)]
    root = ET.fromstring(render_svg(layout(people, [MapEdge(1, 2, 0.1), MapEdge(2, 3, 0.9)])))
    weak, strong = (float(line.get("stroke-width")) for line in root.iter(f"{SVG}line"))
    assert weak < strong


def test_only_the_strongest_three_of_a_group_are_named_on_the_picture():
    people = [person(i, f"Name{i:02}", strength=i / 40) for i in range(40)]
    root = ET.fromstring(render_svg(layout(people, [])))
    named = {t.text for t in root.iter(f"{SVG}text") if "group-label" not in t.get("class")}
    assert named <= {"Name39", "Name38", "Name37"}
    assert named


def test_text_on_the_picture_is_at_least_11_units():
    people = [person(i, group=GROUPS[i % 6], strength=i / 60) for i in range(60)]
    root = ET.fromstring(render_svg(layout(people, [])))
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    assert sizes
    assert min(sizes) >= 11


def test_the_svg_is_labelled_by_its_title_and_description():
    people = [person(1, group="A"), person(2, group="B"), person(3, group="B")]
    net_map = layout(people, [MapEdge(1, 2, 0.4)], limit=2)
    root = ET.fromstring(render_svg(net_map, title="Jordan's network"))
    ids = root.get("aria-labelledby").split()
    labels = [root.find(f".//*[@id='{i}']").text for i in ids]
    assert labels[0] == "Jordan's network"
    assert re.fullmatch(
        r"2 people in 2 groups, 1 connection between them; 1 more person.*", labels[1]
    )


def test_the_svg_scales_to_its_container_from_a_viewbox():
    net_map = layout([person(1)], [])
    root = ET.fromstring(render_svg(net_map))
    assert (root.get("width"), root.get("role")) == ("100%", "img")
    assert [float(v) for v in root.get("viewBox").split()] == [0, 0, 360, net_map.height]


def test_colours_come_from_css_not_from_each_shape():
    people = [person(i, group=GROUPS[i % 6], strength=i / 30) for i in range(30)]
    root = ET.fromstring(render_svg(layout(people, [MapEdge(1, 2, 0.5)])))
    painted = [e for e in root.iter() if e.get("fill") or e.get("stroke")]
    assert painted == []
    assert "currentColor" in root.find(f"{SVG}style").text


def test_an_empty_map_still_renders_with_a_message():
    root = ET.fromstring(render_svg(NetworkMap(360, 48, (), (), (), 0)))
    assert [t.text for t in root.iter(f"{SVG}text")] == ["No one to show yet."]
