"""core.demo_network: the demo's who-knows-whom is deterministic and well formed."""

from __future__ import annotations

import datetime as dt

from mutuals.core import demo
from mutuals.core.demo_network import generate_web

TODAY = dt.date(2026, 3, 2)


def test_the_same_network_and_seed_give_the_same_web():
    network = demo.generate(today=TODAY)
    assert generate_web(network) == generate_web(network)


def test_edges_are_ordered_pairs_of_different_people_with_valid_strengths():
    web = generate_web(demo.generate(today=TODAY))
    assert all(e.person < e.knows for e in web.knows)
    assert len({(e.person, e.knows) for e in web.knows}) == len(web.knows)
    assert all(0 < e.strength <= 1 for e in web.knows)


def test_everyone_you_only_know_of_is_known_by_a_contact():
    network = demo.generate(today=TODAY)
    web = generate_web(network)
    tiers = {p.key: p.tier for p in network.people}
    reached = {
        other
        for e in web.knows
        for one, other in ((e.person, e.knows), (e.knows, e.person))
        if tiers[one] is not None
    }
    assert {p.key for p in network.people if p.tier is None} <= reached


def test_the_introductions_show_each_side_of_the_workflow():
    web = generate_web(demo.generate(today=TODAY))
    assert {i.status for i in web.introductions} == {"made", "requested", "accepted"}
    assert any(i.introducer is None for i in web.introductions)
