"""Run a command against a real, throwaway PostgreSQL server.

    python scripts/with_postgres.py -- pytest -q

Creates a cluster with initdb under a temporary directory, starts it with pg_ctl on a free
loopback port (as the `postgres` user when run as root, since PostgreSQL refuses root), sets
MUTUALS_DATABASE_URL for the command, and always stops and removes the server afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    sys.exit(f"{name} not found: install PostgreSQL (Debian: apt-get install postgresql).")


def main(command: list[str]) -> int:
    root = Path(tempfile.mkdtemp(prefix="mutuals-pg-"))
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    quiet = {"stdout": subprocess.DEVNULL}
    try:
        subprocess.run(
            _as_server_user(
                [
                    _tool("initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "mutuals",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            **quiet,
        )
        # A throwaway server: nothing it writes must survive a crash, so it writes as little as
        # it can (no flushes, no full pages, the least WAL).
        durability = (
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c wal_level=minimal -c max_wal_senders=0"
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 {durability}"
        subprocess.run(
            _as_server_user(
                [
                    _tool("pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-w",
                    "-l",
                    str(root / "server.log"),
                    "start",
                ]
            ),
            check=True,
            **quiet,
        )
        env = {
            **os.environ,
            "MUTUALS_DATABASE_URL": f"postgres://mutuals@127.0.0.1:{port}/postgres",
        }
        print(f"PostgreSQL throwaway server on 127.0.0.1:{port}", flush=True)
        return subprocess.run(command, env=env).returncode
    finally:
        subprocess.run(
            _as_server_user([_tool("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            **quiet,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit(__doc__)
    sys.exit(main(args))
