"""A real server for the address book: waitress on a loopback port, in a thread of the test
process, serving the same composed application as `mutuals serve` (Django with the CardDAV
address book under /dav/), over the test's database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import waitress
from django.core.wsgi import get_wsgi_application
from django.db import DEFAULT_DB_ALIAS, connections
from waitress import wasyncore

from mutuals.addressbook.dav import storage
from mutuals.addressbook.dav.app import mount
from mutuals.changes.kept import forget


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:PORT, no trailing slash


@pytest.fixture
def dav_server(transactional_db, monkeypatch) -> Iterator[Server]:
    # The server's threads close their connections after each request (as with
    # MUTUALS_DB_CONN_MAX_AGE=0), so none is left open on the test database at its teardown.
    monkeypatch.setitem(connections.settings[DEFAULT_DB_ALIAS], "CONN_MAX_AGE", 0)
    forget()
    storage.forget_states()
    server = waitress.create_server(
        mount(get_wsgi_application()), host="127.0.0.1", port=0, threads=4
    )
    port = server.socket.getsockname()[1]
    stopping = threading.Event()
    thread = threading.Thread(target=_serve, args=(server, stopping), daemon=True)
    thread.start()
    try:
        yield Server(url=f"http://127.0.0.1:{port}")
    finally:
        stopping.set()
        thread.join(timeout=30)
        forget()


def _serve(server, stopping: threading.Event) -> None:
    """waitress's loop, a turn at a time until told to stop; then everything is closed in
    this same thread (closing the loop's sockets from another thread races with it)."""
    while not stopping.is_set():
        wasyncore.loop(timeout=0.05, map=server._map, count=1)
    server.task_dispatcher.shutdown()
    wasyncore.close_all(server._map)
