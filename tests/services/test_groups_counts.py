"""A pooled search counts up to `core.pool.MANY_FROM` ("many") and no further, exactly below
it (groups.selectors.pooled_search): for every kind of target (an organisation alone, on the
reach; a name; words; words at an organisation), with members stale and the searcher left
out, in pools around the cap's size."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.core import pool
from mutuals.groups import pooling, selectors
from mutuals.groups.models import Group, Membership, PooledPerson, PooledReach
from tests.factories import make_person, make_user

ORGS = ["Copperleaf Systems", "Lumenvale"]
NAMES = ["Rosa Núñez", "Sam Okafor"]
TITLES = ["Product Manager", "Data Scientist"]
TIER_OF = ["inner", "friend", "acquaintance"]  # close, know well, know: ranks 0, 1, 2
JOINED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

row = st.tuples(
    st.sampled_from(NAMES), st.sampled_from(ORGS), st.sampled_from(TITLES), st.integers(0, 2)
)
member = st.tuples(st.lists(row, max_size=3), st.booleans())  # their rows, and stale or not


def _pool(members: list[tuple[list[tuple[str, str, str, int]], bool]]) -> tuple[Group, int]:
    """A group whose members pool these rows (made as `rebuild_pool` makes them), some stale;
    the searcher's membership id (the first member)."""
    owner = make_user("owner")
    person = make_person(owner, "Anyone")  # the rows' private reference: never read here
    group = Group.objects.create(name="Random", search_name="random")
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"m{n}") for n in range(len(members))]
    )
    memberships = Membership.objects.bulk_create(
        [
            Membership(group=group, user=user, scope=Membership.ALL, joined_at=JOINED, stale=s)
            for user, (_, s) in zip(users, members, strict=True)
        ]
    )
    for membership, (rows, _) in zip(memberships, members, strict=True):
        made = [
            pooling._row(
                membership,
                person.pk,
                {"full_name": n, "organization__name": o, "title": t, "tier": TIER_OF[rank]},
            )
            for n, o, t, rank in rows
        ]
        PooledPerson.objects.bulk_create(made)
        PooledReach.objects.bulk_create(pooling._reach(membership, made))
    return group, memberships[0].pk


def _brute_force(group: Group, searcher: int, target: selectors.Target) -> pool.PoolAnswer:
    """Every row read in Python, each member (not stale, not the searcher) once at their
    warmest; then counted as a search counts, up to MANY_FROM."""
    best: dict[int, int] = {}
    for found in PooledPerson.objects.filter(group=group).select_related("member"):
        if found.member_id == searcher or found.member.stale:
            continue
        if target.name_key and pool.name_key(found.name) != target.name_key:
            continue
        if target.organisation_key and (
            pool.organisation_key(found.organisation) != target.organisation_key
        ):
            continue
        if not set(target.words) <= set(
            pool.text_key(f"{found.title} {found.organisation}").split()
        ):
            continue
        best[found.member_id] = min(found.closeness, best.get(found.member_id, 9))
    return pool.PoolAnswer.of(best.values())


TARGETS = [
    {"organisation": "Copperleaf Systems Inc."},
    {"person": "rosa nunez"},
    {"words": "product manager"},
    {"words": "data scientist", "organisation": "Lumenvale"},
    {"person": "Sam Okafor", "organisation": "Lumenvale"},
]


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    members=st.lists(member, min_size=1, max_size=pool.MANY_FROM * 2 + 5),
    spread=st.sampled_from(TARGETS),
)
def test_a_search_counts_exactly_below_many_and_many_from_it(db, members, spread):
    with transaction.atomic():  # each example rolled back: the next one starts empty
        group, searcher = _pool(members)
        for wanted in (spread, *TARGETS):
            target = selectors.target_of(**wanted)
            found = selectors.pooled_search(
                group_id=group.pk, searcher_member_id=searcher, target=target
            )
            assert found == _brute_force(group, searcher, target), wanted
        transaction.set_rollback(True)


def test_many_members_read_many_and_the_count_stops_there(db):
    """Everyone knows Rosa at Copperleaf, closely: all three counts stop at MANY_FROM."""
    rows = [("Rosa Núñez", "Copperleaf Systems", "Product Manager", 0)]
    group, searcher = _pool([([], False)] + [(rows, False)] * (pool.MANY_FROM + 7))
    for wanted in TARGETS[:2]:
        found = selectors.pooled_search(
            group_id=group.pk, searcher_member_id=searcher, target=selectors.target_of(**wanted)
        )
        assert found == pool.PoolAnswer(pool.MANY_FROM, pool.MANY_FROM, pool.MANY_FROM)
        assert found.shown() == {"members": "many", "well": "many", "close": "many"}
        assert pool.answer_words(found, "Rosa Núñez") == (
            "Many members know Rosa Núñez, many of them well."
        )
