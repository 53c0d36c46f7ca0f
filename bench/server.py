"""`mutuals serve` (waitress) as a child process on a free loopback port, for the load test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOOPBACK = "127.0.0.1"
START_TIMEOUT_S = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(home: Path, environ: dict[str, str] | None = None, processes: int = 1) -> Iterator[str]:
    """Serve the mutuals home `home` on loopback with `processes` server processes; yields its
    base URL; stops it on leaving."""
    port = free_port()
    env = {**os.environ, "MUTUALS_HOME": str(home), **(environ or {})}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    mutuals = Path(sys.executable).with_name("mutuals")
    log = (home / "serve.log").open("wb")
    process = subprocess.Popen(
        [
            *(str(mutuals), "serve", "--host", LOOPBACK, "--port", str(port), "--no-migrate"),
            *("--processes", str(processes)),
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(port, process)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mutuals serve stopped at start (exit {process.returncode})")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"mutuals serve did not listen within {START_TIMEOUT_S:.0f} s")
