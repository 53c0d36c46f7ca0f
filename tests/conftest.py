"""Shared personas, reused across tests so every test of a view also proves isolation:
Jordan the job seeker, Casey the coach, and Riley, who must never see Jordan's data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.factories import make_user
from tests.homes import build_template, copy_home
from tests.shared_db import FAST_HASHERS

# No test may depend on how busy the machine is: hypothesis's per-example deadline (200 ms by
# default) failed a clean-clone CI run on a loaded machine, so no example has a deadline. Nor on
# the luck of the draw: a property broken by 1 example in thousands failed a later CI run on a
# change that had nothing to do with it, so `make test` draws the same examples every run and
# `make fuzz` (the "fuzz" profile) searches widely for new ones.
hypothesis_settings.register_profile("mutuals", deadline=None, derandomize=True)
hypothesis_settings.register_profile("fuzz", deadline=None, max_examples=3000)
hypothesis_settings.load_profile("mutuals")


# The fixtures through which a test reaches the run's database (pytest-django refuses a query
# from any other test, and the `django_db` marker asks for one of these).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def reaches_the_database(item) -> bool:
    if item.get_closest_marker("django_db"):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


CORE_TESTS = Path(__file__).resolve().parent / "core"


def on_postgres() -> bool:
    return os.environ.get("MUTUALS_DATABASE_URL", "").startswith("postgres")


def pytest_ignore_collect(collection_path, config):
    """The PostgreSQL run does not collect tests/core/ at all (four seconds a test process): the
    pure core's tests reach no database (the hook below holds them to that), so it would leave
    every one of them out."""
    if on_postgres() and collection_path == CORE_TESTS:
        return True
    return None


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL run leaves out the tests that cannot reach its database.

    A test that asks for no database fixture cannot query one: pytest-django refuses it. And
    every process a test starts is given an environment of its own, without the run's
    MUTUALS_DATABASE_URL (a user's shell on a fresh data directory, so on SQLite whatever the
    run); tests/test_architecture.py holds that every such call passes `env=`. So the SQLite run
    has already run exactly what these would run here: the pure core, the CLI's first run and
    start-up, `serve`, the schema and the docs checks. Every test that reaches a database runs
    on both.
    """
    reaching = [i.nodeid for i in items if CORE_TESTS in i.path.parents and reaches_the_database(i)]
    if reaching:
        raise pytest.UsageError(f"tests/core/ is the pure core's: no database ({reaching[:3]})")
    if not on_postgres():
        return
    kept, left = [], []
    for item in items:
        (kept if reaches_the_database(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


# Made once by `migrate` and the same for every test: a flush keeps them, so it need not make
# them again (Django's flush empties them, then rebuilds them from the post_migrate signal).
KEPT_BY_FLUSH = frozenset({"django_content_type", "auth_permission"})


@pytest.fixture(scope="session", autouse=True)
def quick_flush():
    """A test with a live server or real transactions empties every table after it, the way
    Django's flush command does, minus two costs that bought nothing here (a quarter to half a
    second a test, over two hundred tests on each database):

    - the content types and permissions are kept rather than emptied and rebuilt from the
      post_migrate signal (which only contrib.auth and contrib.contenttypes listen to here);
    - on PostgreSQL the tables are emptied by DELETE in the flush's transaction rather than by
      one TRUNCATE of every table, which makes new files for each table and index; every foreign
      key is deferrable (Django makes them so), so the order does not matter. Sequences are left
      as TRUNCATE leaves them, unless a test asks for them reset.
    """
    from django.core.management.commands import flush
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate, all_tables, signal = (
        DatabaseOperations.sql_flush,
        flush.sql_flush,
        (flush.emit_post_migrate_signal),
    )

    def delete(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    def but_kept(style, connection, reset_sequences=True, allow_cascade=False):
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        return connection.ops.sql_flush(
            style,
            [table for table in tables if table not in KEPT_BY_FLUSH],
            reset_sequences=reset_sequences,
            allow_cascade=allow_cascade,
        )

    DatabaseOperations.sql_flush = delete
    flush.sql_flush = but_kept
    flush.emit_post_migrate_signal = lambda *args, **kwargs: None
    yield
    DatabaseOperations.sql_flush = truncate
    flush.sql_flush = all_tables
    flush.emit_post_migrate_signal = signal


@pytest.fixture(scope="session")
def migrated_home_template(tmp_path_factory) -> Path:
    """A data directory migrated once per test process, for migrated_home to copy."""
    return build_template(tmp_path_factory.mktemp("migrated-home-template"))


@pytest.fixture
def migrated_home(tmp_path, migrated_home_template) -> Path:
    """tmp_path/"home": a new data directory whose SQLite database is already migrated, for a
    `mutuals` child process whose test is not about the first run (tests/homes.py)."""
    return copy_home(migrated_home_template, tmp_path / "home")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Creating the personas hashes passwords; the slow, safe hasher adds a second per test."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def jordan(db):
    return make_user("jordan")


@pytest.fixture
def riley(db):
    return make_user("riley")


@pytest.fixture
def casey(db):
    return make_user("casey")


@pytest.fixture
def jordan_client(jordan) -> Client:
    client = Client()
    client.force_login(jordan)
    return client


@pytest.fixture
def riley_client(riley) -> Client:
    client = Client()
    client.force_login(riley)
    return client


@pytest.fixture(autouse=True)
def forget_cached_graphs():
    """Warm-path graphs are cached per owner in memory; each test starts without them."""
    from mutuals.network.paths import forget_graphs

    forget_graphs()
    yield
    forget_graphs()
