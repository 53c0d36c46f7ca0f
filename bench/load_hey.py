"""A third load client, not written in Python: Debian's `hey` (a Go HTTP load generator). The
same pages, rate and 30,000-person database as bench/load.py and bench/load_threads.py, so the
three can be read side by side: `rate` hey processes, each one visitor sending one request a
second to one page for the whole run, each started at its own random moment of the first second
(Today, People, /api/today, and a person page, a different person for each visitor).

    .venv/bin/python -m bench.load_hey [--rate 20] [--seconds 60]

`hey` is installed by `make reliability` (apt); this script says so when it is missing.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import subprocess
import time

from bench import env
from bench.load import _prepare, _sign_in
from bench.load_threads import _report
from bench.results import load_average, machine
from bench.server import serving

PAGES = ("Today", "People", "a person page", "/api/today")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_hey", description=__doc__)
    parser.add_argument("--rate", type=int, default=20, help="visitors, one request a second each")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=500_000)
    args = parser.parse_args()
    hey = shutil.which("hey")
    if hey is None:
        print("hey is not installed: `make reliability` installs it (Debian's package `hey`).")
        return 2
    print(f"hey load test on {machine()}, load average {load_average()}", flush=True)
    home = env.prepare()
    try:
        visitor = _prepare(args.people, args.interactions)
        with serving(home, processes=args.processes) as url:
            cookies = _sign_in(url, visitor)
            timings = _run(hey, url, cookies, visitor, args.rate, args.seconds)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return _report(timings, args.seconds)


def _address(page: str, url: str, people: list[str], visitor_number: int) -> str:
    paths = {"Today": "/", "People": "/people/", "/api/today": "/api/today"}
    if page == "a person page":
        return f"{url}/people/{people[visitor_number % len(people)]}/"
    return url + paths[page]


def _run(
    hey: str, url: str, cookies: str, visitor: dict[str, str], rate: int, seconds: int
) -> dict[str, list[float]]:
    people = visitor["MUTUALS_LOAD_PEOPLE"].split(",")
    chance = random.Random(12)
    headers = [
        *("-H", f"Cookie: {cookies}"),
        *("-H", f"Authorization: Bearer {visitor['MUTUALS_LOAD_TOKEN']}"),
    ]
    started: list[tuple[str, subprocess.Popen[str]]] = []
    for number in range(rate):
        page = PAGES[number % len(PAGES)]
        time.sleep(chance.random() / rate)  # spread the visitors' moments over the first second
        command = [
            *(hey, "-z", f"{seconds}s", "-c", "1", "-q", "1", "-o", "csv", "-disable-redirects"),
            *headers,
            _address(page, url, people, number),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={}
        )
        started.append((page, process))
    timings: dict[str, list[float]] = {page: [] for page in PAGES}
    errors = 0
    for page, process in started:
        out, _ = process.communicate(timeout=seconds + 60)
        for row in csv.DictReader(io.StringIO(out)):
            timings[page].append(float(row["response-time"]) * 1000)
            errors += row["status-code"] != "200"
    timings["errors"] = [float(errors)]
    return timings


if __name__ == "__main__":
    raise SystemExit(main())
