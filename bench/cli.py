"""The CLI as a user runs it: a new process each time, start-up included.

`mutuals --help` (no command module, no Django), `mutuals today --json` on the benchmark
database (without Typer: cli/fast_path.py), the start-up floor every record command pays
(Python, Typer, Django on the CLI's settings, the command's module; no command run) and the
one `today --json` pays (no Typer), and where a command's start-up goes:
`python -X importtime`, summed by package.

Run alone against an existing home: `python -m bench.cli HOME USER`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from bench.results import Result, median, report, timings_ms

RUNS = 15
WARM_UPS = 2
HELP_GOAL_MS = 250.0
TODAY_GOAL_MS = 400.0
TOP_PACKAGES = 8
# Everything a record command pays before its own work: what `mutuals today` loads, as the
# console script loads it (the garbage collector paused meanwhile).
FLOOR = (
    "from mutuals.cli.dispatch import pause_collection_for_start_up as pause; pause(); "
    "from mutuals.cli.main import COMMANDS; COMMANDS['today'].load('today')"
)
# What `mutuals today --json` loads before its own work, without Typer (cli/fast_path.py): Django
# on the command's settings, then the modules that print the plan.
JSON_READ_FLOOR = (
    "from mutuals.cli.registry import pause_collection_for_start_up as pause; pause(); "
    "from mutuals.cli.main import COMMANDS; from mutuals.cli.setup import setup_django; "
    "setup_django(COMMANDS['today'].settings); import mutuals.cli.today_json"
)
# `python -X importtime` logs only imports made by an import statement: what
# importlib.import_module loads (Django's app registry loads every app's models that way, and the
# CLI its command's module) would be missing, with its own time counted nowhere. Routed through
# __import__ (the same loading), every module is logged.
LOGGED_IMPORTS = """
import importlib, sys
from django.apps import config

def import_module(name, package=None):
    if package is None and not name.startswith("."):
        __import__(name)
        return sys.modules[name]
    return _import_module(name, package)

_import_module, importlib.import_module = importlib.import_module, import_module
config.import_module = import_module
from mutuals.cli.main import run
run()
"""


def _command() -> list[str]:
    script = Path(sys.executable).parent / "mutuals"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mutuals"]


def _environment(home: Path, username: str) -> dict[str, str]:
    # Other benchmarks add their own users to the same database: say which one we are.
    env = {**os.environ, "MUTUALS_HOME": str(home), "MUTUALS_USER": username}
    env.pop("MUTUALS_DATABASE_URL", None)
    # The bench configures Django for itself; a user's shell names no settings module.
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # A user's Python keeps compiled bytecode between runs; some sandboxes turn that off.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _medians_ms(command: list[str], env: dict[str, str], check=None) -> tuple[float, float]:
    """hyperfine's way: warm-up runs (file-system cache, bytecode), then the medians of RUNS
    runs' wall-clock time and CPU time (user + system). Start-up is one busy thread, so on a
    quiet machine the two agree; on a busy one the CPU time is far less disturbed."""
    cpu: list[float] = []

    def once() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
        if done.returncode != 0:
            raise AssertionError(f"{' '.join(command[-2:])} failed: {done.stderr.strip()[-500:]}")
        if check is not None:
            check(done.stdout)

    for _ in range(WARM_UPS):
        once()
    cpu.clear()
    return median(timings_ms(once, RUNS)), median(cpu)


def import_times(arguments: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds of import time of `python ARGUMENTS` (each module's own time, summed by
    top-level package)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    totals: dict[str, float] = defaultdict(float)
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        totals[name.strip().split(".")[0]] += int(own) / 1000
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def run(home: Path, expected_items: int, username: str, note: str = "") -> list[Result]:
    env = _environment(home, username)
    suffix = f", {note}" if note else ""

    def agenda_printed(stdout: str) -> None:
        items = json.loads(stdout)["items"]
        if len(items) != expected_items:
            raise AssertionError(f"`mutuals today --json` gave {len(items)} items")

    today, today_cpu = _medians_ms([*_command(), "today", "--json"], env, agenda_printed)
    help_ms, help_cpu = _medians_ms([*_command(), "--help"], env)
    floor, floor_cpu = _medians_ms([sys.executable, "-c", FLOOR], env)
    json_floor, json_floor_cpu = _medians_ms([sys.executable, "-c", JSON_READ_FLOOR], env)
    figures = [
        Result.of(f"mutuals today --json (median){suffix}", today, "ms", goal=TODAY_GOAL_MS),
        Result.of(f"mutuals today --json, CPU time (median){suffix}", today_cpu, "ms"),
        Result.of(f"mutuals --help (median){suffix}", help_ms, "ms", goal=HELP_GOAL_MS),
        Result.of(f"mutuals --help, CPU time (median){suffix}", help_cpu, "ms"),
        Result.of(f"CLI start-up floor of a record command (median){suffix}", floor, "ms"),
        Result.of(f"CLI start-up floor, CPU time (median){suffix}", floor_cpu, "ms"),
        Result.of(f"start-up floor of `today --json`, no Typer (median){suffix}", json_floor, "ms"),
        Result.of(
            f"start-up floor of `today --json`, CPU time (median){suffix}", json_floor_cpu, "ms"
        ),
    ]
    script = ["-c", LOGGED_IMPORTS, "today", "--json"]
    packages = import_times(script, env)
    total = sum(packages.values())
    figures.append(Result.of(f"import time of `today --json`, all modules{suffix}", total, "ms"))
    for package, ms in list(packages.items())[:TOP_PACKAGES]:
        figures.append(Result.of(f"import time of `today --json`: {package}{suffix}", ms, "ms"))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cli", description=__doc__)
    parser.add_argument("home", type=Path, help="a MUTUALS_HOME with the benchmark database")
    parser.add_argument("user", help="the user whose agenda `today --json` prints")
    args = parser.parse_args()
    env = _environment(args.home, args.user)
    done = subprocess.run(
        [*_command(), "today", "--json"], env=env, capture_output=True, text=True, check=True
    )
    for figure in run(args.home, len(json.loads(done.stdout)["items"]), args.user):
        report(figure)


if __name__ == "__main__":
    main()
