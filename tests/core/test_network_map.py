"""The ego-centred map's layout: rings by closeness, seats that never touch, names that fit."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.network_map import (
    DEFAULT_LIMIT,
    DOT_R,
    KNOWN_OF,
    MAX_GROUPS,
    MIN_TEXT_PX,
    OTHERS,
    PHONE_WIDTH,
    PITCH,
    RING_NAMES,
    YOU_R,
    MapPerson,
    NetworkMap,
    dot_box,
    label_spots,
    layout,
    meet,
    place_labels,
    you_label,
)

GROUPS = ["Work", "Family", "Climbing club", "", "Old job <2019>", "A", "B", "C", "D", "Others"]
EPS = 1e-6


def person(id, ring=1, group="Work", strength=0.5, name=None):
    return MapPerson(id, name or f"Person {id}", group, ring, strength)


@st.composite
def crowds(draw, most=300):
    """People in random rings and groups, some ids repeated, names short and long."""
    n = draw(st.integers(0, most))
    rnd = random.Random(draw(st.integers(0, 2**32)))
    rings = draw(st.lists(st.integers(-1, KNOWN_OF + 1), min_size=1, max_size=4))
    names = ["Al", "Rosa Núñez", "Jean-Baptiste de la Tour d'Auvergne", "李小龍", "X Æ A-12"]
    people = [
        MapPerson(
            rnd.randrange(max(1, 2 * n)),
            rnd.choice(names),
            rnd.choice(GROUPS),
            rnd.choice(rings),
            rnd.choice([0.0, 1.0, float("nan"), rnd.random(), rnd.random()]),
        )
        for _ in range(n)
    ]
    return people, draw(st.integers(0, 200))


def dots(net_map: NetworkMap) -> np.ndarray:
    return np.array([(p.x, p.y) for p in net_map.people]).reshape(-1, 2)


@given(crowds())
def test_each_of_the_closest_is_placed_exactly_once(crowd):
    people, limit = crowd
    net_map = layout(people, limit=limit)
    ids = [p.id for p in net_map.people]
    unique = {p.id for p in people}
    assert len(ids) == len(set(ids)) == min(limit, len(unique))
    assert net_map.left_out == len(unique) - len(ids)


@given(crowds())
def test_no_one_left_out_is_closer_than_someone_placed(crowd):
    people, limit = crowd
    net_map = layout(people, limit=limit)
    placed = {p.id for p in net_map.people}
    rings = {p.id: p.ring for p in net_map.people}
    left = [p for p in people if p.id not in placed]
    if net_map.people and left:
        assert max(rings.values()) <= min(min(KNOWN_OF, max(0, p.ring)) for p in left)


@given(crowds())
def test_every_dot_is_inside_the_picture(crowd):
    net_map = layout(*crowd[:1], limit=crowd[1])
    xy = dots(net_map)
    assert (xy - DOT_R >= -EPS).all()
    assert (xy + DOT_R <= net_map.size + EPS).all()


@given(crowds())
def test_each_person_sits_on_the_ring_of_their_closeness(crowd):
    net_map = layout(crowd[0], limit=crowd[1])
    rings = {ring.index: ring for ring in net_map.rings}
    c = net_map.centre
    for p in net_map.people:
        ring = rings[p.ring]
        assert ring.inner - 0.01 <= math.hypot(p.x - c, p.y - c) <= ring.outer + 0.01
        assert ring.name == RING_NAMES[p.ring]
    radii = [(r.index, r.inner, r.outer) for r in net_map.rings]
    for (i, _, outer), (j, inner, _) in itertools.pairwise(radii):
        assert i < j
        assert outer + PITCH <= inner
    assert sum(r.count for r in net_map.rings) == len(net_map.people)


@given(crowds())
def test_no_two_dots_overlap(crowd):
    xy = dots(layout(crowd[0], limit=crowd[1]))
    if len(xy) > 1:
        distance = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
        np.fill_diagonal(distance, np.inf)
        assert distance.min() >= PITCH - 0.02  # coordinates are rounded to 0.01


@given(crowds())
def test_no_dot_covers_you_or_a_rings_name(crowd):
    net_map = layout(crowd[0], limit=crowd[1])
    c = net_map.centre
    taken = [dot_box(c, c, YOU_R), you_label(net_map, net_map.text_size).box]
    taken += [ring.label.box for ring in net_map.rings]
    for p in net_map.people:
        assert not any(meet(dot_box(p.x, p.y), box) for box in taken)


@given(crowds(), st.sampled_from([None, 8.0, 4.0]))
def test_names_stay_inside_and_never_cross_a_dot_or_each_other(crowd, size):
    net_map = layout(crowd[0], limit=crowd[1])
    labels = place_labels(net_map, size or net_map.text_size)
    boxes = [label.box for label in labels]
    for left, top, right, bottom in boxes:
        assert left >= 0
        assert top >= 0
        assert right <= net_map.size
        assert bottom <= net_map.size
    for i, box in enumerate(boxes):
        assert not any(meet(box, other) for other in boxes[i + 1 :])
        assert not any(meet(box, dot_box(p.x, p.y)) for p in net_map.people)
        assert not any(meet(box, ring.label.box) for ring in net_map.rings)


@given(crowds())
def test_text_is_at_least_12_pixels_on_a_phone(crowd):
    net_map = layout(crowd[0], limit=crowd[1])
    assert net_map.text_size * PHONE_WIDTH / net_map.size >= MIN_TEXT_PX - EPS


@given(crowds())
def test_the_same_people_in_any_order_give_the_same_map(crowd):
    people, limit = crowd
    shuffled = list(people)
    random.Random(3).shuffle(shuffled)
    # the same id twice with different details keeps the closest one, whatever the order
    assert layout(people, limit=limit) == layout(shuffled, limit=limit)


@given(crowds())
def test_colours_go_to_the_biggest_groups_and_the_rest_share_others(crowd):
    net_map = layout(crowd[0], limit=crowd[1])
    assert len(net_map.groups) <= MAX_GROUPS + 1
    assert sum(g.count for g in net_map.groups) == len(net_map.people)
    for p in net_map.people:
        assert net_map.groups[p.colour].name == p.group
    named = [g.count for g in net_map.groups if g.name != OTHERS]
    assert named == sorted(named, reverse=True)


def test_the_inner_circle_is_nearest_and_people_known_of_outermost():
    net_map = layout([person(1, ring=KNOWN_OF), person(2, ring=0), person(3, ring=3)])
    c = net_map.centre
    far = {p.id: math.hypot(p.x - c, p.y - c) for p in net_map.people}
    assert far[2] < far[3] < far[1]
    assert [r.name for r in net_map.rings] == ["Inner circle", "Meaningful", "Known of"]


def test_a_group_forms_one_sector_on_a_ring():
    people = [person(i, ring=2, group="Work" if i % 2 else "Family") for i in range(20)]
    net_map = layout(people)
    c = net_map.centre
    by_angle = sorted(
        net_map.people, key=lambda p: (round(p.angle, 6), math.dist((c, c), (p.x, p.y)))
    )
    changes = sum(a.group != b.group for a, b in itertools.pairwise(by_angle))
    assert changes == 1


def test_a_crowded_ring_takes_more_tracks_and_stays_clear():
    net_map = layout([person(i, ring=4) for i in range(DEFAULT_LIMIT)])
    [ring] = net_map.rings
    assert ring.outer > ring.inner
    assert ring.count == DEFAULT_LIMIT


def test_the_limit_keeps_the_closest_and_counts_the_rest():
    people = [person(i, ring=5) for i in range(10)] + [person(99, ring=0)]
    net_map = layout(people, limit=3)
    assert [p.id for p in net_map.people] == [99, 0, 1]
    assert net_map.left_out == 8


def test_strength_orders_people_within_a_ring():
    net_map = layout([person(1, strength=0.2), person(2, strength=0.9)], limit=1)
    assert [p.id for p in net_map.people] == [2]


def test_no_one_gives_an_empty_picture():
    net_map = layout([])
    assert net_map.people == ()
    assert net_map.rings == ()
    assert net_map.size > 0


def test_a_negative_limit_is_refused():
    with pytest.raises(ValueError, match="limit"):
        layout([person(1)], limit=-1)


def test_the_selected_persons_name_is_written_first():
    people = [person(i, ring=3, name="Someone Long Named") for i in range(120)]
    net_map = layout(people)
    last = net_map.people[-1]
    spots = label_spots(last, 20)
    assert not set(spots) & set(place_labels(net_map, 20))
    assert place_labels(net_map, 20, must=[last.id])[0] in spots


def test_a_long_name_is_shortened_on_the_picture():
    net_map = layout([person(1, ring=0, name="Jean-Baptiste de la Tour d'Auvergne")])
    assert [label.text for label in place_labels(net_map, 4)] == ["Jean-Baptiste de…"]
