"""`mutuals today --json` end to end, as a user runs it: a new process each time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.results import Result, median, timings_ms

RUNS = 5
GOAL_MS = 1000.0


def _command() -> list[str]:
    script = Path(sys.executable).parent / "mutuals"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mutuals"]


def run(home: Path, expected_items: int, username: str, note: str = "") -> list[Result]:
    # Other benchmarks add their own users to the same database: say which one we are.
    env = {**os.environ, "MUTUALS_HOME": str(home), "MUTUALS_USER": username}
    env.pop("MUTUALS_DATABASE_URL", None)
    # A user's Python keeps compiled bytecode between runs; some sandboxes turn that off.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [*_command(), "today", "--json"]

    def today() -> None:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise AssertionError(f"`mutuals today --json` failed: {done.stderr.strip()[-500:]}")
        items = json.loads(done.stdout)["items"]
        if len(items) != expected_items:
            raise AssertionError(f"`mutuals today --json` gave {len(items)} items")

    today()  # warm the file-system cache and compiled bytecode, as on a used machine
    ms = median(timings_ms(today, RUNS))

    def start_up() -> None:  # Python, Django and the CLI's modules, with no command run
        code = "import mutuals.cli.main"
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)

    floor = median(timings_ms(start_up, RUNS))
    suffix = f", {note}" if note else ""
    return [
        Result.of(f"mutuals today --json (median){suffix}", ms, "ms", goal=GOAL_MS),
        Result.of(f"CLI start-up alone, no command (median){suffix}", floor, "ms"),
    ]
