"""A group's pool stays true to its members' records: stale marks (groups.services.mark_stale,
sent by changes.tracking.bump) and the rebuild before a search counts (`refresh_pool`).

The property: after any sequence of changes to members' records, each followed by the bump a
request (one owner) or a command (everyone) makes, a search counts exactly what a recount from
the records themselves says."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.changes.tracking import EVERYONE, bump
from mutuals.core import pool
from mutuals.groups import searching, selectors, services
from mutuals.groups.models import Membership, PooledPerson
from mutuals.people import services as people_services
from mutuals.people.models import Circle, Person
from tests.factories import make_person, make_user

TODAY = dt.date(2026, 3, 2)
ORGS = ["Copperleaf", "Lumenvale", "Quillfeather"]
TIERS = ["inner", "friend", "acquaintance"]


@pytest.fixture
def admin(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name="Northfield alumni", daily_searches=1000)


def _member(group, admin, name: str):
    user = make_user(name)
    services.join(user=user, code=services.new_link_code(by=admin, group_id=group.pk))
    return user


def _search(user, group, **target) -> pool.PoolAnswer:
    return services.search(user=user, group_id=group.pk, today=TODAY, **target)[0]


def _recount(group, searcher, organisation: str) -> pool.PoolAnswer:
    """From scratch, from the people tables and each member's choice, not the pooled rows:
    members (not the searcher) who know someone at the organisation, at their warmest."""
    key = pool.organisation_key(organisation)
    best: dict[int, int] = {}
    for membership in Membership.objects.filter(group=group).exclude(user=searcher):
        people = services.pooled_people(membership).select_related("organization")
        for person in people:
            name = person.organization.name if person.organization else ""
            closeness = pool.closeness_of(person.tier)
            if pool.organisation_key(name) == key and closeness is not None:
                rank = pool.closeness_rank(closeness)
                best[membership.pk] = min(rank, best.get(membership.pk, rank))
    ranks = list(best.values())
    return pool.PoolAnswer(
        members=len(ranks),
        well=sum(rank <= 1 for rank in ranks),
        close=sum(rank == 0 for rank in ranks),
    )


# ---- marking stale -------------------------------------------------------------------------


def test_a_bump_marks_only_that_owners_pooling_memberships_stale(admin, group):
    jordan, sam = _member(group, admin, "jordan"), _member(group, admin, "sam")
    for user in (jordan, sam):
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    bump(jordan.pk)
    stale = set(Membership.objects.filter(stale=True).values_list("user__username", flat=True))
    assert stale == {"jordan"}  # not sam, not the administrator who pools nothing


def test_a_bump_for_everyone_marks_every_pooling_membership(admin, group):
    for name in ("jordan", "sam"):
        user = _member(group, admin, name)
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    bump(EVERYONE)
    assert Membership.objects.filter(stale=True).count() == 2
    assert not Membership.objects.get(user=admin).stale  # pools nothing: nothing to rebuild


def test_a_search_reads_only_stale_members_and_clears_them(admin, group):
    jordan = _member(group, admin, "jordan")
    make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    assert selectors.stale_members(group_id=group.pk) == []
    bump(jordan.pk)
    assert selectors.stale_members(group_id=group.pk) == [Membership.objects.get(user=jordan).pk]
    assert _search(admin, group, organisation="Copperleaf").members == 1
    assert selectors.stale_members(group_id=group.pk) == []


def test_withdrawing_while_stale_leaves_nothing_to_rebuild(admin, group):
    jordan = _member(group, admin, "jordan")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    bump(jordan.pk)
    services.withdraw(user=jordan, group_id=group.pk)
    assert selectors.stale_members(group_id=group.pk) == []


def test_stale_members_past_the_bound_are_not_counted_until_rebuilt(admin, group, monkeypatch):
    monkeypatch.setattr(searching, "REBUILT_PER_SEARCH", 2)
    users = []
    for number in range(5):
        user = _member(group, admin, f"m{number}")
        make_person(user, f"Person {number}", organization="Copperleaf")
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
        users.append(user)
    for user in users:
        people_services.archive_person(
            owner=user, person_id=Person.objects.get(owner=user).pk
        )  # archived: no longer pooled
    bump(EVERYONE)  # as a command does: every member is stale
    # Two rebuilt (they count nobody now), three still stale: not counted either.
    assert _search(admin, group, organisation="Copperleaf").members == 0
    assert len(selectors.stale_members(group_id=group.pk)) == 3
    assert PooledPerson.objects.count() == 3  # the stale members' old rows wait, uncounted
    for user in users:
        people_services.unarchive_person(owner=user, person_id=Person.objects.get(owner=user).pk)
    bump(EVERYONE)
    counts = [_search(admin, group, organisation="Copperleaf").members for _ in range(3)]
    assert counts == [2, 4, 5]  # each search rebuilds two more; the count never overshoots


def test_a_stale_member_matching_the_target_is_rebuilt_first(admin, group, monkeypatch):
    monkeypatch.setattr(searching, "REBUILT_PER_SEARCH", 1)
    others = [_member(group, admin, f"a{n}") for n in range(3)]
    for user in others:
        make_person(user, "Someone", organization="Lumenvale")
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    jordan = _member(group, admin, "z-jordan")  # the newest member: last by id
    make_person(jordan, "Rosa Núñez", organization="Copperleaf", tier="inner")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    bump(EVERYONE)
    assert _search(admin, group, organisation="Copperleaf") == pool.PoolAnswer(1, 1, 1)


# ---- the property: any sequence of changes, then a search, equals a recount -----------------

change = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2), st.sampled_from(ORGS), st.sampled_from(TIERS)),
    st.tuples(st.just("archive"), st.integers(0, 2), st.integers(0, 5)),
    st.tuples(st.just("unarchive"), st.integers(0, 2), st.integers(0, 5)),
    st.tuples(st.just("move"), st.integers(0, 2), st.integers(0, 5), st.sampled_from(ORGS)),
    st.tuples(st.just("tier"), st.integers(0, 2), st.integers(0, 5), st.sampled_from(TIERS)),
    st.tuples(st.just("circle"), st.integers(0, 2), st.integers(0, 5), st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 5)),
    st.tuples(st.just("scope"), st.integers(0, 2), st.sampled_from(["none", "all", "circles"])),
    st.tuples(st.just("search"), st.sampled_from(ORGS)),
)
step = st.tuples(change, st.sampled_from(["owner", "everyone"]))


def _apply(action, members, group) -> None:
    kind, index, *rest = action
    user = members[index]
    people = list(Person.objects.filter(owner=user).order_by("pk"))
    person = people[rest[0] % len(people)] if people and kind not in ("add", "scope") else None
    if kind == "add":
        make_person(user, f"P{len(people)}", organization=rest[0], tier=rest[1], circles=["Alumni"])
    elif kind == "scope":
        circles = ["Alumni"] if rest[0] == "circles" else []
        if rest[0] == "circles" and not Circle.objects.filter(owner=user).exists():
            return
        services.set_pooling(user=user, group_id=group.pk, scope=rest[0], circles=circles)
    elif person is None:
        return
    elif kind == "archive":
        people_services.archive_person(owner=user, person_id=person.pk)
    elif kind == "unarchive":
        people_services.unarchive_person(owner=user, person_id=person.pk)
    elif kind == "move":
        people_services.update_person(owner=user, person_id=person.pk, organization=rest[1])
    elif kind == "tier":
        people_services.update_person(owner=user, person_id=person.pk, tier=rest[1])
    elif kind == "circle":
        people_services.update_person(
            owner=user, person_id=person.pk, circles=["Alumni"] if rest[1] else ["Family"]
        )
    elif kind == "delete":
        people_services.delete_person(owner=user, person_id=person.pk)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=14), last=st.sampled_from(ORGS))
def test_after_any_changes_a_search_equals_a_recount_from_the_records(db, steps, last):
    from django.contrib.auth import get_user_model

    with transaction.atomic():  # each example rolled back: the next one starts empty
        admin = get_user_model().objects.create_superuser(username="root", password="x" * 20)
        group = services.create_group(by=admin, name="Random", daily_searches=1000)
        members = [_member(group, admin, f"m{n}") for n in range(3)]
        for user in members:
            make_person(user, "First", organization="Copperleaf", circles=["Alumni"])
            services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
        for action, who in [*steps, (("search", last), "owner")]:
            if action[0] == "search":
                found = _search(admin, group, organisation=action[1])
                assert found == _recount(group, admin, action[1])
                continue
            _apply(action, members, group)
            bump(members[action[1]].pk if who == "owner" else EVERYONE)
        transaction.set_rollback(True)
