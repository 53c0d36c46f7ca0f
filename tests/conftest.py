"""Shared personas, reused across tests so every test of a view also proves isolation:
Jordan the job seeker, Casey the coach, and Riley, who must never see Jordan's data."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.factories import make_user

# No test may depend on how busy the machine is: hypothesis's per-example deadline (200 ms by
# default) failed a clean-clone CI run on a loaded machine, so no example has a deadline.
hypothesis_settings.register_profile("mutuals", deadline=None)
hypothesis_settings.load_profile("mutuals")


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
