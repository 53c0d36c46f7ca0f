"""backup.group_records: what you chose to pool in each group comes back to your membership in
the group of that name; a restore never joins a group, and says which choices found none."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from mutuals.backup.services import backup, dumps, restore
from mutuals.groups import services as groups
from mutuals.groups.models import Membership, PooledPerson
from mutuals.people.models import Person
from tests.factories import make_person, make_user

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def admin(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


def _group(admin, name):
    return groups.create_group(by=admin, name=name)


def _join(admin, group, user):
    code = groups.new_link_code(by=admin, group_id=group.pk)
    return groups.join(user=user, code=code, now=NOW)


@pytest.fixture
def pooling(admin, jordan):
    """Jordan pools people in three groups, each another way, and is in a fourth pooling
    nothing."""
    north, west, east = (_group(admin, n) for n in ("Northfield alumni", "West cohort", "Älvsjö"))
    quiet = _group(admin, "Bootcamp 2024")
    for group in (north, west, east, quiet):
        _join(admin, group, jordan)
    make_person(jordan, "Ann Lee", organization="Acme", circles=["Work"])
    rosa = make_person(jordan, "Rosa Núñez", organization="Copperleaf", tier="close")
    bo = make_person(jordan, "Bo Chan", circles=["Climbing"])
    make_person(jordan, "Only Knownof", tier=None)
    groups.set_pooling(user=jordan, group_id=north.pk, scope=Membership.ALL)
    groups.set_pooling(
        user=jordan, group_id=west.pk, scope=Membership.PEOPLE, people=[rosa.pk, bo.pk]
    )
    groups.set_pooling(
        user=jordan, group_id=east.pk, scope=Membership.CIRCLES, circles=["Work", "Climbing"]
    )
    return {"north": north, "west": west, "east": east, "quiet": quiet}


def _pooled(user, group):
    return sorted(
        PooledPerson.objects.filter(member__user=user, group=group).values_list(
            "name", "organisation", "closeness"
        )
    )


def test_a_backup_holds_each_pooling_choice_by_group_name_in_name_order(pooling, jordan):
    data = backup(owner=jordan)
    people = {p["id"]: f"{p['first_name']} {p['last_name']}" for p in data["people"]}
    circles = {c["id"]: c["name"] for c in data["circles"]}
    held = [
        (
            m["group"],
            m["scope"],
            sorted(circles[n] for n in m["circles"]),
            sorted(people[n] for n in m["people"]),
        )
        for m in data["group_memberships"]
    ]
    assert held == [
        ("Älvsjö", "circles", ["Climbing", "Work"], []),
        ("Bootcamp 2024", "none", [], []),
        ("Northfield alumni", "all", [], []),
        ("West cohort", "people", [], ["Bo Chan", "Rosa Núñez"]),
    ]
    assert [m["id"] for m in data["group_memberships"]] == [1, 2, 3, 4]
    # Never the role, the pooled copies, requests or searches.
    assert set(data["group_memberships"][0]) == {"id", "group", "scope", "circles", "people"}


def test_restored_where_the_groups_exist_the_backup_is_the_same_file(pooling, admin, jordan):
    first = dumps(backup(owner=jordan))
    fresh = make_user("fresh")
    for group in pooling.values():
        _join(admin, group, fresh)
    counts = restore(owner=fresh, data=first)
    assert (counts["group_memberships"], counts.groups_not_here) == (4, [])
    assert dumps(backup(owner=fresh)) == first
    for group in pooling.values():
        assert _pooled(fresh, group) == _pooled(jordan, group)


def test_a_restored_pool_is_counted_by_the_groups_searches(pooling, admin, jordan):
    fresh, searcher = make_user("fresh"), make_user("sam")
    north = pooling["north"]
    _join(admin, north, fresh)
    _join(admin, north, searcher)
    data = dumps(backup(owner=jordan))
    groups.leave(user=jordan, group_id=north.pk)  # so only the restored pool can be counted
    restore(owner=fresh, data=data)
    answer, _ = groups.search(user=searcher, group_id=north.pk, organisation="Copperleaf", now=NOW)
    assert (answer.members, answer.close) == (1, 1)


def test_a_group_not_on_this_install_is_named_and_the_rest_is_restored(pooling, jordan):
    data = backup(owner=jordan)
    data["group_memberships"][2]["group"] = "Elsewhere alumni"
    fresh = make_user("fresh")
    counts = restore(owner=fresh, data=dumps(data))
    assert counts.groups_not_here == ["Älvsjö", "Bootcamp 2024", "Elsewhere alumni", "West cohort"]
    assert counts["group_memberships"] == 0
    assert counts["people"] == Person.objects.filter(owner=fresh).count() == 4
    assert not Membership.objects.filter(user=fresh).exists()
    assert counts.as_dict()["groups_not_here"] == counts.groups_not_here


def test_a_restore_never_joins_a_group_the_file_names(pooling, admin, jordan):
    """A file could name any group: only a code from its administrators lets you in."""
    fresh = make_user("fresh")
    _join(admin, pooling["west"], fresh)
    counts = restore(owner=fresh, data=dumps(backup(owner=jordan)))
    assert counts["group_memberships"] == 1
    assert counts.groups_not_here == ["Älvsjö", "Bootcamp 2024", "Northfield alumni"]
    assert list(Membership.objects.filter(user=fresh).values_list("group__name", "role")) == [
        ("West cohort", Membership.MEMBER)
    ]


def test_a_membership_the_backup_does_not_name_is_left_as_it_is(pooling, admin, jordan, riley):
    other = _group(admin, "Riley's club")
    _join(admin, other, riley)
    groups.set_pooling(user=riley, group_id=other.pk, scope=Membership.ALL)
    restore(owner=riley, data=dumps(backup(owner=jordan)))
    assert Membership.objects.get(user=riley, group=other).scope == Membership.ALL


def test_riley_backup_never_holds_jordans_memberships(pooling, riley):
    assert backup(owner=riley)["group_memberships"] == []


def test_a_backup_without_pooling_choices_still_restores(jordan, riley):
    make_person(riley, "Ann Lee")
    data = backup(owner=riley)
    del data["group_memberships"]
    counts = restore(owner=jordan, data=dumps(data))
    assert (counts["people"], counts["group_memberships"], counts.groups_not_here) == (1, 0, [])


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"scope": "bestie"}, "scope", "Unknown choice 'bestie'"),
        ({"people": [99]}, "people", 'There is no record 99 in "people"'),
        ({"circles": ["Work"]}, "circles", "Give a list of record numbers"),
        ({"group": ""}, "group", "Give the group's name"),
        ({"role": "admin"}, "role", "This field is not known"),
        ({"id": 0}, "id", "Give the record's number"),
    ],
)
def test_each_bad_value_is_named_by_its_place_and_nothing_is_written(
    pooling, jordan, change, field, words
):
    data = backup(owner=jordan)
    data["group_memberships"][1].update(change)
    fresh = make_user("fresh")
    with pytest.raises(ValidationError) as error:
        restore(owner=fresh, data=json.dumps(data))
    assert words in error.value.message_dict[f"group_memberships[1].{field}"][0]
    assert not Person.objects.filter(owner=fresh).exists()


def test_the_same_group_twice_is_refused(pooling, jordan):
    data = backup(owner=jordan)
    data["group_memberships"][3]["group"] = "northfield ALUMNI"
    with pytest.raises(ValidationError) as error:
        restore(owner=make_user("fresh"), data=json.dumps(data))
    assert error.value.message_dict["group_memberships[3].group"] == [
        "The same group as group_memberships[2]."
    ]
