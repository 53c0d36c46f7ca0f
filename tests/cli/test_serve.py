"""`mutuals serve`: the real command in a subprocess on a fresh data directory."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mutuals.cli.errors import ExitCode
from tests.cli.conftest import failed

MUTUALS = str(Path(sys.executable).with_name("mutuals"))
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def fresh_env(tmp_path) -> dict[str, str]:
    """The environment of a brand-new install on SQLite in a temporary MUTUALS_HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")}
    env["MUTUALS_HOME"] = str(tmp_path / "home")
    return env


@pytest.fixture
def installed_env(migrated_home) -> dict[str, str]:
    """The same install once its database exists (a copy of one migrated once per test run):
    for the tests that are not about the first start."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")}
    env["MUTUALS_HOME"] = str(migrated_home)
    return env


def wait_until_serving(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    pytest.fail("mutuals serve did not start")


def serve_then_stop(
    env: dict[str, str], *args: str, ignoring_ctrl_c: bool = False
) -> tuple[int, str]:
    """Start `mutuals serve`, check it answers, press Ctrl-C; its exit code and stderr.
    `ignoring_ctrl_c`: started as a script's background job is, with SIGINT ignored."""
    port = free_port()
    command = [MUTUALS, "serve", "--port", str(port), *args]
    if ignoring_ctrl_c:
        command = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/", process)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, stderr


def test_a_fresh_install_serves_and_says_to_choose_a_password(fresh_env):
    code, stderr = serve_then_stop(fresh_env, "--demo-if-empty")
    assert code == 0, stderr
    assert "choose your password (a demo network will be filled in" in stderr
    assert re.search(r"one-time code: [A-Z2-9]{4}(-[A-Z2-9]{4}){3}", stderr)
    assert fresh_env["MUTUALS_HOME"] in stderr
    assert "mutuals.sqlite3" in stderr
    assert "Stopped." in stderr
    assert "Traceback" not in stderr
    assert "Warning" not in stderr


def test_ctrl_c_stops_it_even_when_started_with_ctrl_c_ignored(installed_env):
    code, stderr = serve_then_stop(installed_env, ignoring_ctrl_c=True)
    assert code == 0, stderr
    assert "Stopped." in stderr


def test_with_one_user_it_fills_in_the_demo_and_names_them(installed_env):
    subprocess.run(
        [MUTUALS, "user", "create", "dana", "--password-stdin"],
        input="a-long-pass-phrase-9\n",
        env=installed_env,
        check=True,
        capture_output=True,
        text=True,
    )
    code, stderr = serve_then_stop(installed_env, "--demo-if-empty")
    assert code == 0, stderr
    assert "Sign in as dana" in stderr
    assert "Filled in a demo network" in stderr
    people = subprocess.run(
        [MUTUALS, "people", "--json"], env=installed_env, capture_output=True, text=True, check=True
    )
    assert '"count": 0' not in people.stdout


def test_a_busy_port_is_reported_with_a_way_out(mutuals, jordan):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        message = failed(mutuals("serve", "--port", str(port), "--no-migrate"), ExitCode.ERROR)
    assert f"Port {port} is already in use" in message
    assert f"--port {port + 1}" in message
