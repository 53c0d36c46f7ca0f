"""A real CalDAV server for the tests: Radicale (from PyPI) on a loopback port, in a subprocess
with its own temporary storage folder and an htpasswd file of users (plain passwords), started
by a fixture (tests/calendars/conftest.py). Calendars and events are put in through the server
itself, with the `caldav` client, so what a sync reads is what the server serves."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "app password 1"
START_WAIT = 30.0  # seconds for the server to listen (a bound, not an assertion)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Account:
    """A user of the server and the URL of their calendar home."""

    server: Radicale
    user: str
    password: str

    @property
    def url(self) -> str:
        return f"{self.server.url}/{self.user}/"

    def client(self):  # the caldav client, signed in as this user
        import caldav

        return caldav.DAVClient(
            url=self.url, username=self.user, password=self.password, require_tls=False
        )

    def calendar(self, name: str = "work"):
        """The user's calendar of that name, made on first use."""
        principal = self.client().principal()
        for calendar in principal.calendars():
            if calendar.get_display_name() == name:
                return calendar
        return principal.make_calendar(name=name, cal_id=name)

    def put(self, ics: str, calendar: str = "work") -> None:
        self.calendar(calendar).save_event(ics)


class Radicale:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="mutuals-radicale-"))
        self.port = free_port()
        self.users = self.root / "users"
        self.users.write_text("")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = (self.root / "radicale.log").open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "radicale",
                "--config",
                "",
                "--server-hosts",
                f"127.0.0.1:{self.port}",
                "--storage-filesystem-folder",
                str(self.root / "collections"),
                "--auth-type",
                "htpasswd",
                "--auth-htpasswd-filename",
                str(self.users),
                "--auth-htpasswd-encryption",
                "plain",
                # Radicale waits about a second after each refused login, growing, and a CalDAV
                # client's first request goes without credentials: seconds a test, for nothing
                # a test checks (mutuals' own throttle is tested where it lives).
                "--auth-delay",
                "0",
                "--rights-type",
                "owner_only",
                "--logging-level",
                "warning",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own environment: nothing of the run's (its database address, say).
            env={k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")},
        )
        self.wait_listening()

    def wait_listening(self) -> None:
        deadline = time.monotonic() + START_WAIT
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError((self.root / "radicale.log").read_text())
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return
            time.sleep(0.05)
        raise RuntimeError("Radicale did not start listening")

    def add_user(self, user: str, password: str = PASSWORD) -> Account:
        with self.users.open("a") as users:
            users.write(f"{user}:{password}\n")
        return Account(self, user, password)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
