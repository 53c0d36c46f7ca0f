"""A real CalDAV server (Radicale, from PyPI) per test session with a new user per test, and a
loopback HTTP server for iCalendar addresses per test."""

from __future__ import annotations

import uuid

import pytest

from tests.calendars.radicale import Radicale
from tests.calendars.web_server import IcsServer
from tests.factories import make_person


@pytest.fixture(scope="session")
def caldav_server():
    server = Radicale()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def caldav_account(caldav_server):
    """A user of their own on the CalDAV server, with no calendar yet."""
    return caldav_server.add_user(f"jordan-{uuid.uuid4().hex[:10]}")


@pytest.fixture
def ics_server():
    server = IcsServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def rosa(jordan):
    return make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
