"""network.paths: warm paths from the database, targets, and the cached graph."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.changes import kept
from mutuals.changes.tracking import bump, scope
from mutuals.core.network import info_weight
from mutuals.network import paths
from mutuals.network.models import Knows
from mutuals.network.services import forget_knows, record_knows
from mutuals.people.services import update_person
from tests.factories import make_orion, make_person

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


@pytest.fixture
def orion(jordan):
    bruce, cleo, alice = make_orion(jordan)
    return bruce, cleo, alice


def search(owner, targets, **options):
    return paths.warm_paths(owner=owner, targets=targets, **options)


def test_a_path_to_a_person_goes_through_who_knows_them(jordan, orion):
    bruce, cleo, _ = orion
    found = search(jordan, paths.person_target(owner=jordan, name="Alice"))
    assert [p.introducer_id for p in found] == [bruce.pk, cleo.pk]
    assert [s.name for s in found[0].steps] == ["You", "Bruce Wayne", "Alice Oduya"]
    assert found[0].kind == "introduction"
    assert "worked together at Orion" in found[0].why[1]


def test_the_score_is_the_product_of_the_hops(jordan, orion):
    bruce, _, _ = orion
    best = search(jordan, paths.company_target(owner=jordan, company="orion"))[0]
    tie = paths.graph_for(owner=jordan).network.tie(bruce.pk)
    assert best.score == pytest.approx(tie * 0.8, rel=1e-6)


def test_info_mode_weighs_your_tie_by_its_closeness_to_moderately_weak(jordan, orion):
    network = paths.graph_for(owner=jordan).network
    found = search(jordan, paths.company_target(owner=jordan, company="Orion"), mode="info")
    weighed = {p.introducer_id: info_weight(network.tie(p.introducer_id)) * 0.8 for p in found}
    assert {p.introducer_id: p.score for p in found} == pytest.approx(weighed)
    assert [p.mode for p in found] == ["info", "info"]


def test_words_find_people_by_title_and_organisation(jordan, orion):
    _, _, alice = orion
    targets = paths.words_target(owner=jordan, words="engineering managers at orion")
    assert targets.ids == {alice.pk}


def test_words_nobody_matches_are_a_clear_error(jordan, orion):
    with pytest.raises(ValidationError) as excinfo:
        paths.words_target(owner=jordan, words="astronaut")
    assert "No one in your records matches" in excinfo.value.message_dict["match"][0]


def test_an_unknown_company_is_a_clear_error(jordan, orion):
    with pytest.raises(ValidationError) as excinfo:
        paths.company_target(owner=jordan, company="Acme")
    assert set(excinfo.value.message_dict) == {"company"}


def test_introduced_by_is_an_edge(jordan):
    bruce = make_person(jordan, "Bruce Wayne", tier="close")
    dana = make_person(jordan, "Dana Scully", tier=None)
    update_person(owner=jordan, person_id=dana.pk, introduced_by_id=bruce.pk)
    [found] = search(jordan, paths.person_target(owner=jordan, name="Dana"))
    assert found.introducer_id == bruce.pk
    assert "Bruce Wayne knows Dana Scully (introduced you)" in found.why[1]


def test_the_graph_is_reused_until_something_changes(jordan, orion):
    first = paths.graph_for(owner=jordan)
    assert paths.graph_for(owner=jordan) is first
    bruce, cleo, _ = orion
    record_knows(owner=jordan, person_id=bruce.pk, knows_id=cleo.pk)
    assert paths.graph_for(owner=jordan) is not first


def test_a_forgotten_edge_leaves_the_paths(jordan, orion):
    bruce, cleo, alice = orion
    search(jordan, paths.person_target(owner=jordan, name="Alice"))
    low, high = sorted((cleo.pk, alice.pk))
    edge = Knows.objects.get(owner=jordan, person_id=low, knows_id=high)
    forget_knows(owner=jordan, knows_id=edge.pk)
    found = search(jordan, paths.person_target(owner=jordan, name="Alice"))
    assert [p.introducer_id for p in found] == [bruce.pk]


def test_riley_finds_no_path_through_jordans_people(jordan, riley, orion):
    make_person(riley, "Alice Oduya", tier=None)
    found = search(riley, paths.person_target(owner=riley, name="Alice"))
    assert found == []


def test_who_they_know_lists_only_people_you_do_not(jordan, orion):
    bruce, cleo, alice = orion
    record_knows(owner=jordan, person_id=bruce.pk, knows_id=cleo.pk)
    found = paths.who_they_know(owner=jordan, person_id=bruce.pk)
    assert [a.person_id for a in found] == [alice.pk]


def test_only_the_most_recent_graphs_are_kept(jordan, riley, monkeypatch):
    monkeypatch.setattr(paths.GRAPHS, "size", 1)
    jordans = paths.graph_for(owner=jordan)
    paths.graph_for(owner=riley)
    assert paths.graph_for(owner=jordan) is not jordans


# ---- the kept graph: one cache with every other kept answer (changes.kept) -----------------


def test_an_unchanged_graph_costs_one_query_whatever_the_network(
    jordan, orion, django_assert_num_queries
):
    first = paths.graph_for(owner=jordan, today=DAY)
    with django_assert_num_queries(1):  # the owner's stamp; never the people or the edges
        assert paths.graph_for(owner=jordan, today=DAY) is first


def test_a_change_from_a_request_or_another_process_builds_the_graph_again(jordan, orion):
    first = paths.graph_for(owner=jordan, today=DAY)
    bump(jordan.pk)  # what a request or command that wrote does, in whichever process
    assert paths.graph_for(owner=jordan, today=DAY) is not first


def test_a_change_to_someone_elses_records_keeps_the_graph(jordan, riley, orion):
    first = paths.graph_for(owner=jordan, today=DAY)
    bump(riley.pk)
    assert paths.graph_for(owner=jordan, today=DAY) is first


def test_an_edge_recorded_in_a_request_is_searched_at_once(jordan, orion):
    bruce, cleo, _ = orion
    paths.graph_for(owner=jordan, today=DAY)
    with scope() as state:
        record_knows(owner=jordan, person_id=bruce.pk, knows_id=cleo.pk)
        # Within the request that wrote it, before its owner's version moves.
        assert paths.graph_for(owner=jordan, today=DAY).network.strength(bruce.pk, cleo.pk) > 0
    assert state["wrote"]


def test_a_new_day_builds_the_graph_again(jordan, orion):
    first = paths.graph_for(owner=jordan, today=DAY)
    assert paths.graph_for(owner=jordan, today=DAY + dt.timedelta(days=1)) is not first


def test_forgetting_every_kept_answer_forgets_the_graphs_too(jordan, orion):
    first = paths.graph_for(owner=jordan, today=DAY)
    kept.forget()
    assert paths.graph_for(owner=jordan, today=DAY) is not first


def test_archiving_or_bringing_back_an_introducer_changes_the_paths(jordan, orion):
    from mutuals.people.services import archive_person, unarchive_person

    bruce, cleo, _ = orion
    alice = paths.person_target(owner=jordan, name="Alice")
    assert [p.introducer_id for p in search(jordan, alice)] == [bruce.pk, cleo.pk]

    archive_person(owner=jordan, person_id=bruce.pk)
    assert [p.introducer_id for p in search(jordan, alice)] == [cleo.pk]

    unarchive_person(owner=jordan, person_id=bruce.pk)
    assert [p.introducer_id for p in search(jordan, alice)] == [bruce.pk, cleo.pk]
