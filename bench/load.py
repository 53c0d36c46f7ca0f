"""Loopback load test: `mutuals serve` (waitress) on the 30,000-person bench database, and
locust sending 20 requests a second for 60 s over Today, People, a person page and /api/today,
each visitor signed in. Prints p50/p95 per page and overall, requests a second and errors.

    .venv/bin/python -m bench.load [--rate 20] [--seconds 60] [--people 30000]

Goal: p95 under 150 ms, no errors. Figures go in docs/reliability.md by hand."""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench import env
from bench.results import load_average, machine
from bench.server import serving

GOAL_P95_MS = 150.0
SAMPLED_PEOPLE = 200
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument(
        "--rate",
        type=lambda text: [int(r) for r in text.split(",")],
        default=[20],
        help="requests a second (one per user); several, comma-separated, run one after another",
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--processes", type=int, default=2, help="`mutuals serve --processes` (2: one per core)"
    )
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=500_000)
    args = parser.parse_args()
    print(f"load test on {machine()}, load average {load_average()}", flush=True)
    home = env.prepare()
    try:
        visitor = _prepare(args.people, args.interactions)
        verdicts = []
        with serving(home, processes=args.processes) as url:
            visitor["MUTUALS_LOAD_COOKIES"] = _sign_in(url, visitor)
            for rate in args.rate:
                print(
                    f"\n  serving {url} with {args.processes} processes; "
                    f"{rate} requests/s for {args.seconds} s",
                    flush=True,
                )
                rows = _locust(url, visitor, rate, args.seconds)
                verdicts.append(_report(rows, args.seconds))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return max(verdicts)


def _prepare(people: int, interactions: int) -> dict[str, str]:
    from django.db import connections

    from bench import dataset
    from mutuals.accounts.services import create_token
    from mutuals.database import gather_statistics
    from mutuals.people.models import Person

    print(f"  building {people:,} people and {interactions:,} conversations", flush=True)
    data = dataset.build(people=people, interactions=interactions)
    gather_statistics()
    _, token = create_token(user=data.owner, label="load test")
    current = Person.objects.filter(owner=data.owner, archived_at__isnull=True)
    ids = list(current.values_list("id", flat=True))
    sample = random.Random(12).sample(ids, min(SAMPLED_PEOPLE, len(ids)))
    connections.close_all()
    return {
        "MUTUALS_LOAD_USER": data.owner.get_username(),
        "MUTUALS_LOAD_PASSWORD": dataset.PASSWORD,
        "MUTUALS_LOAD_TOKEN": token,
        "MUTUALS_LOAD_PEOPLE": ",".join(map(str, sample)),
    }


def _sign_in(url: str, visitor: dict[str, str]) -> str:
    """Sign in through the page as a browser does; the session's cookies as `a=b;c=d`."""
    session = requests.Session()
    form = session.get(f"{url}/login/", timeout=30)
    token = CSRF_INPUT.search(form.text)
    answer = session.post(
        f"{url}/login/",
        data={
            "username": visitor["MUTUALS_LOAD_USER"],
            "password": visitor["MUTUALS_LOAD_PASSWORD"],
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
        headers={"Referer": f"{url}/login/"},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"signing in answered {answer.status_code}")
    return ";".join(f"{k}={v}" for k, v in session.cookies.items())


def _locust(url: str, visitor: dict[str, str], rate: int, seconds: int) -> list[dict[str, str]]:
    out = Path(tempfile.mkdtemp(prefix="mutuals-load-"))
    locust = Path(sys.executable).with_name("locust")
    command = [
        str(locust), "-f", str(LOCUSTFILE), "--headless", "--host", url,
        "--users", str(rate), "--spawn-rate", str(rate), "--run-time", f"{seconds}s",
        "--stop-timeout", "10", "--csv", str(out / "load"), "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, env={**os.environ, **visitor}, check=False, timeout=seconds + 120)
    print(f"  locust ran {time.perf_counter() - started:.0f} s", flush=True)
    with (out / "load_stats.csv").open() as stats:
        rows = list(csv.DictReader(stats))
    shutil.rmtree(out, ignore_errors=True)
    return rows


def _report(rows: list[dict[str, str]], seconds: int) -> int:
    print("\n| page | requests | p50 | p95 | p99 | max | errors |\n|---|---|---|---|---|---|---|")
    total = {}
    for row in rows:
        name = row["Name"] or row["Type"]
        print(
            f"| {name} | {row['Request Count']} | {row['50%']} ms | {row['95%']} ms "
            f"| {row['99%']} ms | {float(row['Max Response Time']):.0f} ms "
            f"| {row['Failure Count']} |"
        )
        if row["Name"] == "Aggregated":
            total = row
    p95, errors = float(total["95%"]), int(total["Failure Count"])
    rate = int(total["Request Count"]) / seconds
    verdict = "within" if p95 < GOAL_P95_MS and errors == 0 else "OVER"
    print(
        f"\noverall: {rate:.1f} requests/s, p95 {p95:g} ms, {errors} errors "
        f"(goal p95 < {GOAL_P95_MS:g} ms and 0 errors: {verdict})"
    )
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    raise SystemExit(main())
