"""`python -m bench.suite`: how long `make test` takes, the whole suite on SQLite and then on a
throwaway PostgreSQL server (issue 12: under 15 minutes on a quiet 2-core machine).

Runs `make test-sqlite` and `make test-postgres` in this checkout, as `make test` does (set-up
included, so run it once first on a new clone), times each, reads how many tests each passed,
and writes bench/results/test_suite.json; docs/performance.md shows it in its own section. It
takes as long as the suite (about a quarter of an hour): `make bench` does not run it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

from bench.results import ROOT, Result, load_average, report, rewrite_doc, write

GOAL_MINUTES = 15.0
PARTS = (("test-sqlite", "SQLite"), ("test-postgres", "PostgreSQL"))


def timed(target: str) -> tuple[float, int]:
    """Minutes `make target` took and how many tests passed; exits if any failed."""
    started = time.perf_counter()
    done = subprocess.run(["make", target], cwd=ROOT, capture_output=True, text=True)
    minutes = (time.perf_counter() - started) / 60
    found = re.findall(r"(\d+) passed", done.stdout)
    if done.returncode != 0 or not found:
        print(done.stdout[-4000:], done.stderr[-2000:], sep="\n")
        sys.exit(f"make {target} failed: no figure recorded")
    return minutes, int(found[-1])


def main() -> None:
    load = load_average()
    print(f"make test, timed; load average {load}", flush=True)
    results, total = [], 0.0
    for target, name in PARTS:
        minutes, passed = timed(target)
        total += minutes
        results.append(Result.of(f"suite on {name} ({passed:,} tests)", minutes, "min"))
        report(results[-1])
    results.append(
        Result.of(f"make test in all (load {load} at start)", total, "min", goal=GOAL_MINUTES)
    )
    report(results[-1])
    write("test_suite", results)
    rewrite_doc()
    print("  wrote bench/results/test_suite.json and docs/performance.md")


if __name__ == "__main__":
    main()
