"""Shared personas, reused across tests so every test of a view also proves isolation:
Jordan the job seeker, Casey the coach, and Riley, who must never see Jordan's data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.factories import make_user

# No test may depend on how busy the machine is: hypothesis's per-example deadline (200 ms by
# default) failed a clean-clone CI run on a loaded machine, so no example has a deadline.
hypothesis_settings.register_profile("mutuals", deadline=None)
hypothesis_settings.load_profile("mutuals")


CORE_TESTS = Path(__file__).resolve().parent / "core"


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL run leaves out the tests of the pure core (tests/core/).

    They touch no database: core imports neither Django nor the apps, and neither do its tests
    (tests/test_architecture.py holds both), so the SQLite run has already run exactly what they
    would run here. Every test that reaches a database runs on both.
    """
    if not os.environ.get("MUTUALS_DATABASE_URL", "").startswith("postgres"):
        return
    kept, left = [], []
    for item in items:
        (left if CORE_TESTS in Path(str(item.path)).parents else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Creating the personas hashes passwords; the slow, safe hasher adds a second per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
