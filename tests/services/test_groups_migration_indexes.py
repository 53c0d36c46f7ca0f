"""Groups migration 0005: on PostgreSQL the pool's three large indexes are built CONCURRENTLY,
outside a transaction (migration 0003 no longer builds them there); on SQLite nothing happens.
An install that applied 0003 when it built them notices nothing: 0005 finds them and leaves
them as they are. Reversing 0003 drops them on both databases."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

LARGE = ("pooled_group_org_words", "reach_group_org", "pooled_words_trgm")
BEFORE = [("groups", "0004_pool_request_thanked")]
AFTER = [("groups", "0005_build_indexes_concurrently")]
BEFORE_0003 = [("groups", "0002_requests")]


def migrate(targets) -> list[str]:
    """Migrate to the targets; the SQL statements it ran."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    with CaptureQueriesContext(connection) as ran:
        executor.migrate(targets)
    return [query["sql"] for query in ran.captured_queries]


@pytest.fixture
def at_the_end(transactional_db):
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def indexes() -> dict[str, str]:
    """The large indexes there are, by name: their definitions ("invalid" when PostgreSQL marks
    them so)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY(%s)",
                [list(LARGE)],
            )
            return {name: sql if valid else "invalid" for name, sql, valid in cursor.fetchall()}
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (%s, %s, %s)",
            LARGE,
        )
        return dict(cursor.fetchall())


def creating(statements: list[str]) -> list[str]:
    """The statements that made or dropped an index."""
    return [
        sql for sql in statements if sql.lstrip().upper().startswith(("CREATE INDEX", "DROP INDEX"))
    ]


def test_0005_builds_the_large_indexes_concurrently_on_postgresql_only(at_the_end):
    migrate(BEFORE)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name in LARGE:  # as a fresh 0003 leaves them now: not built
                cursor.execute(f'DROP INDEX "{name}"')
    statements = migrate(AFTER)
    found = indexes()
    if connection.vendor == "postgresql":
        assert set(found) == set(LARGE)
        assert "invalid" not in found.values()
        made = creating(statements)
        assert len(made) == 3
        assert all(sql.startswith("CREATE INDEX CONCURRENTLY") for sql in made)
        assert "INCLUDE (words_key)" in found["pooled_group_org_words"]
        assert "gin_trgm_ops" in found["pooled_words_trgm"]
    else:
        assert creating(statements) == []
        assert set(found) == {"pooled_group_org_words", "reach_group_org"}


def test_an_install_that_built_them_in_0003_notices_nothing(at_the_end):
    """0003 as it was built the indexes in its transaction: 0005 finds them and makes none."""
    migrate(BEFORE)
    there = indexes()
    assert there  # built: by 0003 on SQLite, by 0005 (kept when unapplied) on PostgreSQL
    statements = migrate(AFTER)
    assert creating(statements) == []
    assert indexes() == there


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's concurrent builds")
def test_an_index_a_failed_concurrent_build_left_invalid_is_made_again(at_the_end):
    migrate(BEFORE)
    with connection.cursor() as cursor:  # the test server's user is a superuser
        cursor.execute(
            "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'reach_group_org'::regclass"
        )
    assert indexes()["reach_group_org"] == "invalid"
    statements = migrate(AFTER)
    assert indexes()["reach_group_org"] != "invalid"
    remade = [sql for sql in creating(statements) if "reach_group_org" in sql]
    assert [sql.split()[:3] for sql in remade] == [
        ["DROP", "INDEX", "CONCURRENTLY"],
        ["CREATE", "INDEX", "CONCURRENTLY"],
    ]


def test_reversing_0003_drops_them_and_applying_it_again_makes_them(at_the_end):
    migrate(BEFORE_0003)
    assert indexes() == {}
    migrate(AFTER)
    expected = set(LARGE) if connection.vendor == "postgresql" else set(LARGE[:2])
    assert set(indexes()) == expected
