"""A real SMTP server on loopback (aiosmtpd) for the digest's tests, and a server that is down.

`smtp_server` starts one on a free port and points the settings at it (as MUTUALS_SMTP_HOST
and MUTUALS_SMTP_PORT would); `.messages` are the e-mails it received, parsed. `smtp_down`
points the settings at a port nothing listens on. A test module imports the fixtures by their
function names: `from tests.smtp import smtp_down_fixture, smtp_server_fixture`.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Mailbox:
    """What the server received: each message with the envelope's recipients."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's handler hook
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
            self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted"


def point_settings_at(settings, port: int) -> None:
    settings.MUTUALS_SMTP_HOST = "127.0.0.1"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "mutuals@127.0.0.1"


@contextmanager
def serving_on(port: int) -> Iterator[Mailbox]:
    """An SMTP server on 127.0.0.1:`port` until the block ends."""
    mailbox = Mailbox(port=port)
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture(name="smtp_server")
def smtp_server_fixture(settings) -> Iterator[Mailbox]:
    with serving_on(free_port()) as mailbox:
        point_settings_at(settings, mailbox.port)
        yield mailbox


@pytest.fixture(name="smtp_down")
def smtp_down_fixture(settings) -> int:
    """The settings name a mail server on a port where nothing listens (connection refused)."""
    port = free_port()
    point_settings_at(settings, port)
    return port


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return part.get_content()


@contextmanager
def shared_by_threads(folder: Path) -> Iterator[None]:
    """Let other threads' connections write to the test database alongside this one.

    PostgreSQL's test database already is; SQLite's lives in memory, where two writers fail at
    once instead of waiting for the lock, so it moves to a file (the one settings dict every
    thread's connection is made from is changed in place) until the block ends."""
    if connection.vendor != "sqlite":
        yield
        return
    path = folder / "shared.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    in_memory, old_name = connection.connection, connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = old_name
        connection.connection = in_memory
