"""`mutuals serve` runs the digest worker beside the web server, and it stops with the server:
the real commands in subprocesses on a fresh data directory, mail to a real SMTP server."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.cli.test_serve import MUTUALS, free_port, wait_until_serving
from tests.smtp import serving_on, text_of

WAIT_FOR_MAIL = 60  # seconds; a bound on a hung test, not a measured time


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MUTUALS, *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture
def mailbox():
    with serving_on(free_port()) as box:
        yield box


@pytest.fixture
def digest_env(migrated_home, mailbox) -> dict[str, str]:
    """A new install (its database already migrated) whose owner turned the digest on, from
    midnight, by the CLI."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")}
    env = {
        **env,
        "MUTUALS_HOME": str(migrated_home),
        "MUTUALS_SMTP_HOST": "127.0.0.1",
        "MUTUALS_SMTP_PORT": str(mailbox.port),
        "MUTUALS_SMTP_STARTTLS": "0",
    }
    done = run(env, "digest", "--on", "--hour", "0", "--email", "dana@example.org")
    assert done.returncode == 0, done.stderr
    return env


def serve(env: dict[str, str], *args: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    process = subprocess.Popen(
        [MUTUALS, "serve", "--port", str(port), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_serving(f"http://127.0.0.1:{port}/", process)
    return process, port


def stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    try:
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, stderr


def test_serve_sends_the_due_digest_once_and_stops_cleanly(digest_env, mailbox):
    process, _ = serve(digest_env)
    try:
        deadline = time.monotonic() + WAIT_FOR_MAIL
        while not mailbox.messages and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        code, stderr = stop(process)

    assert code == 0, stderr
    assert "Traceback" not in stderr
    [message] = mailbox.messages
    assert message["To"] == "dana@example.org"
    assert "Turn it off" in text_of(message)
    # The next start finds today's digest sent and sends nothing more.
    again = run(digest_env, "digest", "--json")
    assert '"status": "sent"' in again.stdout


def test_serve_without_the_worker_sends_nothing_and_the_worker_alone_does(digest_env, mailbox):
    process, _ = serve(digest_env, "--no-worker")
    stop(process)
    assert mailbox.messages == []

    done = run(digest_env, "worker", "--once")

    assert done.returncode == 0, done.stderr
    assert len(mailbox.messages) == 1
