"""A real IMAP server (dovecot) per test session, and a new mailbox (a user) per test."""

from __future__ import annotations

import uuid

import pytest

from tests.connections import dovecot


@pytest.fixture(scope="session")
def imap_server():
    if not dovecot.available():
        pytest.fail("dovecot is not installed: `make test` installs Debian's dovecot-imapd.")
    server = dovecot.Dovecot()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def mailbox(imap_server):
    """An empty mailbox of its own: INBOX and a sent folder flagged \\Sent."""
    return imap_server.add_user(f"jordan-{uuid.uuid4().hex[:10]}@example.org")
