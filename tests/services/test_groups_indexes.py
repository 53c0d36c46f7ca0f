"""The pooled search's indexes (groups migration 0003): on PostgreSQL a trigram index for words
and the words carried in the organisation's index; on SQLite neither exists and the migration
did nothing. Whatever the indexes, a words search counts what a brute-force count over the
rows says."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from mutuals.core import pool
from mutuals.groups import services
from mutuals.groups.models import Membership, PooledPerson
from tests.factories import make_person, make_user

TITLES = ["Product Manager", "Product Designer", "Sales Manager", "Data Scientist"]
ORGS = ["Copperleaf", "Lumenvale", "Quillfeather"]


def _index_definitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'groups_pooledperson'"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'groups_pooledperson'"
            )
        return {name: definition or "" for name, definition in cursor.fetchall()}


def test_the_words_indexes_exist_on_postgresql_only(db):
    found = _index_definitions()
    assert "pooled_group_name" in found
    if connection.vendor == "postgresql":
        assert "gin_trgm_ops" in found["pooled_words_trgm"]
        assert "INCLUDE (words_key)" in found["pooled_group_org_words"]
    else:
        assert "pooled_words_trgm" not in found
        assert "words_key" not in found["pooled_group_org_words"]


def test_the_pooled_rows_have_no_index_twice(db):
    """The group's own index and a second one on the member went: others serve them."""
    found = _index_definitions()
    assert "pooled_group_org" not in found
    assert "pooled_member" not in found


@pytest.mark.parametrize("seed", range(3))
def test_a_words_search_counts_what_a_brute_force_count_says(db, seed):
    from django.contrib.auth import get_user_model

    rng = random.Random(seed)
    admin = get_user_model().objects.create_superuser(username="root", password="x" * 20)
    group = services.create_group(by=admin, name="Random", daily_searches=1000)
    for number in range(6):
        user = make_user(f"m{number}")
        services.join(user=user, code=services.new_link_code(by=admin, group_id=group.pk))
        for person in range(rng.randrange(1, 6)):
            make_person(
                user,
                f"P{person}",
                organization=rng.choice(ORGS),
                title=rng.choice(TITLES),
                tier=rng.choice(["inner", "friend", "acquaintance"]),
            )
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    for words, organisation in [
        ("product manager", None),
        ("sales manager", None),
        ("manager product", "Copperleaf"),
        ("data scientist", "Lumenvale"),
    ]:
        found = services.search(
            user=admin, group_id=group.pk, words=words, organisation=organisation
        )[0]
        assert found == _brute_force(group.pk, words, organisation)


def _brute_force(group_id: int, words: str, organisation: str | None) -> pool.PoolAnswer:
    """Every pooled row read in Python: whole words of title and organisation, the
    organisation's key, each member once at their warmest."""
    wanted = pool.meaningful_words(words)
    best: dict[int, int] = {}
    for row in PooledPerson.objects.filter(group_id=group_id):
        row_words = set(pool.text_key(f"{row.title} {row.organisation}").split())
        if not set(wanted) <= row_words:
            continue
        if organisation and pool.organisation_key(row.organisation) != pool.organisation_key(
            organisation
        ):
            continue
        best[row.member_id] = min(row.closeness, best.get(row.member_id, 9))
    ranks = list(best.values())
    return pool.PoolAnswer(len(ranks), sum(r <= 1 for r in ranks), sum(r == 0 for r in ranks))


# ---- an organisation alone: counted on each member's reach, not every row ------------------


@pytest.mark.parametrize("seed", range(4))
def test_an_organisation_search_on_the_reach_equals_a_brute_force_count_of_the_rows(db, seed):
    from django.contrib.auth import get_user_model

    from mutuals.groups.models import PooledReach

    rng = random.Random(seed)
    admin = get_user_model().objects.create_superuser(username="root", password="x" * 20)
    group = services.create_group(by=admin, name="Random", daily_searches=1000)
    users = []
    for number in range(7):
        user = make_user(f"m{number}")
        users.append(user)
        services.join(user=user, code=services.new_link_code(by=admin, group_id=group.pk))
        for person in range(rng.randrange(0, 6)):
            make_person(
                user,
                f"P{person}",
                organization=rng.choice([*ORGS, "Copperleaf Inc.", ""]),
                tier=rng.choice(["inner", "close", "friend", "meaningful", "acquaintance"]),
            )
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    services.withdraw(user=users[0], group_id=group.pk)
    services.leave(user=users[1], group_id=group.pk)
    expected_reach = {
        (row.member_id, row.organisation_key): row.closeness
        for row in PooledPerson.objects.order_by("-closeness")
        if row.organisation_key
    }
    reach = PooledReach.objects.values_list("member_id", "organisation_key", "closeness")
    assert {(m, o): c for m, o, c in reach} == expected_reach
    for organisation in ORGS:
        found = services.search(user=admin, group_id=group.pk, organisation=organisation)[0]
        assert found == _brute_force_organisation(group.pk, organisation)


def _brute_force_organisation(group_id: int, organisation: str) -> pool.PoolAnswer:
    best: dict[int, int] = {}
    for row in PooledPerson.objects.filter(group_id=group_id):
        if pool.organisation_key(row.organisation) == pool.organisation_key(organisation):
            best[row.member_id] = min(row.closeness, best.get(row.member_id, 9))
    ranks = list(best.values())
    return pool.PoolAnswer(len(ranks), sum(r <= 1 for r in ranks), sum(r == 0 for r in ranks))
