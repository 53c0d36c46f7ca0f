"""`mutuals serve --processes N`: N waitress processes share the port; one that dies is started
again; Ctrl-C stops them all. The real command in a subprocess, on Linux's /proc."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.cli.test_serve import MUTUALS, START_TIMEOUT, free_port, wait_until_serving

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux's /proc")


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"waited in vain for {what}")


def status_of(url: str) -> int:
    # A process just started again loads Django before it answers: on a loaded machine (load
    # average 12 in one CI run) that took over 10 s, so only a real hang may fail this.
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status


@pytest.fixture
def served(migrated_home):
    fresh_env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")}
    fresh_env["MUTUALS_HOME"] = str(migrated_home)
    subprocess.run(
        [MUTUALS, "user", "create", "dana", "--password-stdin"],
        input="a-long-pass-phrase-9\n",
        env=fresh_env,
        check=True,
        capture_output=True,
        text=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [MUTUALS, "serve", "--port", str(port), "--processes", "2", "--no-worker"],
        env=fresh_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/login/"
    try:
        wait_until_serving(url, process)
        yield process, url
    finally:
        left = children_of(process.pid)
        if process.poll() is None:
            process.kill()
            process.wait()
        for child in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)


def test_two_processes_serve_and_ctrl_c_stops_them_all(served):
    process, url = served
    wait_for(lambda: len(children_of(process.pid)) == 2, "two server processes")
    children = children_of(process.pid)

    assert [status_of(url) for _ in range(20)] == [200] * 20

    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "Serving with 2 processes." in stderr
    assert "Stopped." in stderr
    assert "Traceback" not in stderr
    wait_for(lambda: not any(Path(f"/proc/{child}").exists() for child in children), "the end")


def test_a_process_that_dies_is_started_again(served):
    process, url = served
    wait_for(lambda: len(children_of(process.pid)) == 2, "two server processes")
    first = children_of(process.pid)

    os.kill(min(first), signal.SIGKILL)

    wait_for(
        lambda: len(children_of(process.pid)) == 2 and children_of(process.pid) != first,
        "a new server process",
    )
    assert min(first) not in children_of(process.pid)
    assert [status_of(url) for _ in range(10)] == [200] * 10


def test_when_the_parent_is_killed_outright_its_processes_end_too(served):
    process, _ = served
    wait_for(lambda: len(children_of(process.pid)) == 2, "two server processes")
    children = children_of(process.pid)

    process.kill()
    process.wait()

    wait_for(lambda: not any(alive(child) for child in children), "the processes to end")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
