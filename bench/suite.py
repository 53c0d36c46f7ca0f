"""`python -m bench.suite`: how long `make test` takes, the whole suite on SQLite and then on a
throwaway PostgreSQL server (issue 12: under 15 minutes on a quiet 2-core machine).

Runs `make test` in this checkout (set-up included, so run `make .venv/.installed` once first on
a new clone), times it, reads how many tests each database passed and how long each run said it
took, and writes bench/results/test_suite.json; docs/performance.md shows it in its own section.
It takes as long as the suite (about a quarter of an hour): `make bench` does not run it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

from bench.results import ROOT, Result, load_average, report, rewrite_doc, write

GOAL_MINUTES = 15.0
# What pytest prints last: "7,430 passed, 1 skipped in 1029.71s (0:17:09)". `make test` prints
# each run's report as it runs; the PostgreSQL one opens by naming its server.
SUMMARY = re.compile(r"^(\d+) passed\b.* in ([\d.]+)s\b", re.MULTILINE)
POSTGRES = "PostgreSQL throwaway server"


def runs(output: str) -> dict[str, tuple[int, float]]:
    """Each database's tests passed and seconds, from `make test`'s output."""
    found, since = {}, 0
    for match in SUMMARY.finditer(output):
        name = "PostgreSQL" if POSTGRES in output[since : match.start()] else "SQLite"
        found[name] = (int(match.group(1)), float(match.group(2)))
        since = match.end()
    return found


def main() -> None:
    load = load_average()
    print(f"make test, timed; load average {load}", flush=True)
    started = time.perf_counter()
    done = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    minutes = (time.perf_counter() - started) / 60
    found = runs(done.stdout)
    if done.returncode != 0 or set(found) != {"SQLite", "PostgreSQL"}:
        print(done.stdout[-4000:], done.stderr[-2000:], sep="\n")
        sys.exit("make test failed: no figure recorded")
    results = [
        Result.of(f"suite on {name} ({passed:,} tests)", secs / 60, "min")
        for name in ("SQLite", "PostgreSQL")
        for passed, secs in [found[name]]
    ]
    results.append(
        Result.of(f"make test in all (load {load} at start)", minutes, "min", goal=GOAL_MINUTES)
    )
    for result in results:
        report(result)
    write("test_suite", results)
    rewrite_doc()
    print("  wrote bench/results/test_suite.json and docs/performance.md")


if __name__ == "__main__":
    main()
