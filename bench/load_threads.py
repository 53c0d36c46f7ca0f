"""A second load client beside locust: plain threads, each a visitor sending one request a second
from its own random moment of the second, over the same pages as bench/load.py on the same
30,000-person database. It answers "how long does the server take at this rate?", where locust's
figures also hold the time its visitors spend waiting in step (docs/reliability.md).

    .venv/bin/python -m bench.load_threads [--rate 20] [--seconds 60]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import threading
import time

import requests

from bench import env
from bench.load import GOAL_P95_MS, _prepare, _sign_in
from bench.results import load_average, machine
from bench.server import serving


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_threads", description=__doc__)
    parser.add_argument("--rate", type=int, default=20, help="visitors, one request a second each")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    print(f"threads load test on {machine()}, load average {load_average()}", flush=True)
    home = env.prepare()
    try:
        visitor = _prepare(30_000, 500_000)
        with serving(home, processes=args.processes) as url:
            cookies = dict(p.split("=", 1) for p in _sign_in(url, visitor).split(";") if p)
            timings = _run(url, cookies, visitor, args.rate, args.seconds)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return _report(timings, args.seconds)


def _run(
    url: str, cookies: dict[str, str], visitor: dict[str, str], rate: int, seconds: int
) -> dict[str, list[float]]:
    people = visitor["MUTUALS_LOAD_PEOPLE"].split(",")
    pages = {
        "Today": lambda: "/",
        "People": lambda: "/people/",
        "a person page": lambda: f"/people/{random.choice(people)}/",
        "/api/today": lambda: "/api/today",
    }
    token = {"Authorization": f"Bearer {visitor['MUTUALS_LOAD_TOKEN']}"}
    timings: dict[str, list[float]] = {name: [] for name in pages}
    errors: list[str] = []
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def visit(seed: int) -> None:
        chance = random.Random(seed)
        session = requests.Session()
        session.cookies.update(cookies)
        next_at = time.monotonic() + chance.random()  # each visitor's own moment of the second
        while next_at < end:
            time.sleep(max(0.0, next_at - time.monotonic()))
            name = chance.choice(list(pages))
            started = time.perf_counter()
            answer = session.get(url + pages[name](), headers=token, timeout=30)
            took = (time.perf_counter() - started) * 1000
            with lock:
                timings[name].append(took)
                if answer.status_code != 200:
                    errors.append(f"{name}: {answer.status_code}")
            next_at += 1.0

    threads = [threading.Thread(target=visit, args=(i,)) for i in range(rate)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings["errors"] = [float(len(errors))]
    return timings


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def _report(timings: dict[str, list[float]], seconds: int) -> int:
    errors = int(timings.pop("errors")[0])
    print("\n| page | requests | p50 | p95 | p99 |\n|---|---|---|---|---|")
    everything: list[float] = []
    for name, values in timings.items():
        everything += values
        print(
            f"| {name} | {len(values)} | {statistics.median(values):.0f} ms | "
            f"{_percentile(values, 0.95):.0f} ms | {_percentile(values, 0.99):.0f} ms |"
        )
    p95 = _percentile(everything, 0.95)
    verdict = "within" if p95 < GOAL_P95_MS and not errors else "OVER"
    print(
        f"| all | {len(everything)} ({len(everything) / seconds:.1f} a second) | "
        f"{statistics.median(everything):.0f} ms | {p95:.0f} ms | "
        f"{_percentile(everything, 0.99):.0f} ms |\n\noverall: p95 {p95:.0f} ms, {errors} errors "
        f"(goal p95 < {GOAL_P95_MS:.0f} ms and 0 errors: {verdict})"
    )
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    raise SystemExit(main())
