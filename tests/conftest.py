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
# default) failed a clean-clone CI run on a loaded machine, so no example has a deadline.
hypothesis_settings.register_profile("mutuals", deadline=None)
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
    if not os.environ.get("MUTUALS_DATABASE_URL", "").startswith("postgres"):
        return
    kept, left = [], []
    for item in items:
        (kept if reaches_the_database(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


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
