"""The pooled search under load, on PostgreSQL: two `mutuals serve` processes (waitress, one
listening socket) on loopback over the same database, and a client sending 20 pooled searches a
second for 60 s through the API (`GET /api/groups/{id}/search`), each from one of 40 members
with their own API token, for random specific targets drawn from the pool (organisations
weighted by size, full names, two title words at an organisation). The client is open-loop:
each search leaves at its own moment (a fixed schedule, 1/rate apart), whether or not the ones
before were answered, so a slow server shows as a slow p95, not as a lower rate.

    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python -m bench.groups_load
    .venv/bin/python scripts/with_postgres.py -- \\
        .venv/bin/python -m bench.groups_load --members 100000 --rows 100

Or after bench.groups' own figures on the same pool: `python -m bench.groups --load`.
Issue 17's goal: p95 < 200 ms and no errors at 100,000 members and 10,000,000 rows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

import requests

from bench.results import Result, median, report

GOAL_P95_MS = 200.0
RATE = 20
SECONDS = 60
SEARCHERS = 40
PROCESSES = 2


def main() -> None:
    from bench import groups

    parser = argparse.ArgumentParser(prog="python -m bench.groups_load", description=__doc__)
    parser.add_argument("--members", type=int, default=groups.MEMBERS)
    parser.add_argument("--rows", type=int, default=groups.ROWS_PER_MEMBER)
    parser.add_argument("--rate", type=int, default=RATE, help="searches a second")
    parser.add_argument("--seconds", type=int, default=SECONDS)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON last")
    args = parser.parse_args()
    if not os.environ.get("MUTUALS_DATABASE_URL"):
        sys.exit("bench.groups_load needs PostgreSQL: run it under scripts/with_postgres.py")
    home = groups._prepare()
    try:
        _, _, loaded = groups.build(members=args.members, rows=args.rows, rng=random.Random(17))
        print(f"  loaded the pool in {loaded['total']:.0f} s", file=sys.stderr)
        label = groups._label(args.members, args.rows)
        figures = run_on(home, label=label, rate=args.rate, seconds=args.seconds)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if args.json:
        print(json.dumps([asdict(figure) for figure in figures]))


def run_postgres() -> list[Result]:
    """`python -m bench.groups_load --json` under scripts/with_postgres.py, for `make bench`
    (10,000 members; none when no PostgreSQL server can start)."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    bench = [sys.executable, "-m", "bench.groups_load", "--json"]
    command = [sys.executable, str(root / "scripts" / "with_postgres.py"), "--", *bench]
    done = subprocess.run(command, cwd=root, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print("  (no PostgreSQL server started: pooled search under load not measured)")
        return []
    return [Result(**figure) for figure in json.loads(done.stdout.strip().splitlines()[-1])]


def _searchers(group_id: int, count: int) -> list[str]:
    """API tokens of `count` pooling members of the group (made here, shown once)."""
    from mutuals.accounts.services import create_token
    from mutuals.groups.models import Membership

    members = (
        Membership.objects.filter(group_id=group_id, role=Membership.MEMBER)
        .select_related("user")
        .order_by("pk")[:count]
    )
    return [create_token(user=member.user, label="load test")[1] for member in members]


def run_on(home: Path, *, label: str, rate: int = RATE, seconds: int = SECONDS) -> list[Result]:
    """Serve the bench home (its pool built by bench.groups.build) with two processes and send
    `rate` searches a second for `seconds`; the figures."""
    from django.db import connections

    from bench import groups
    from bench.server import serving
    from mutuals.groups.models import Group

    group = Group.objects.get(name="Bench alumni")
    tokens = _searchers(group.pk, SEARCHERS)
    targets = groups._targets(group.pk, random.Random(20), rate * seconds // 2 + 1)
    connections.close_all()  # the servers are other processes; this one only sends
    with serving(home, processes=PROCESSES) as url:
        print(
            f"  serving {url} with {PROCESSES} processes: {rate} pooled searches/s for {seconds} s",
            file=sys.stderr,
            flush=True,
        )
        _warm_up(url, group.pk, tokens, targets)
        port = url.rsplit(":", 1)[1]
        database = os.environ["MUTUALS_DATABASE_URL"].rsplit(":", 1)[1].split("/")[0]
        start_load = os.getloadavg()[0]
        before = _cpu(port, "serve"), _cpu(database, "postgres")
        timings, errors, took = _send(url, group.pk, tokens, targets, rate, seconds)
        after = _cpu(port, "serve"), _cpu(database, "postgres")
        end_load = os.getloadavg()[0]
    sent = len(timings) + len(errors)
    app_ms, database_ms = (
        (b - a) * 1000 / max(sent, 1) for a, b in zip(before, after, strict=True)
    )
    name = f"{PROCESSES} server processes, {rate} pooled searches/s for {seconds} s via the API"
    figures = [
        Result.of(f"{name} (p50), {label}", median(timings), "ms"),
        Result.of(f"{name} (p95), {label}", _p95(timings), "ms", goal=GOAL_P95_MS),
        Result.of(f"{name} (p99), {label}", _quantile(timings, 99), "ms"),
        Result.of(f"{name}: searches answered a second", len(timings) / took, ""),
        Result.of(f"{name}: errors, of {sent}", len(errors), ""),
        Result.of(f"{name}: CPU of the server processes per search", app_ms, "ms"),
        Result.of(f"{name}: CPU of the database server per search", database_ms, "ms"),
        Result.of(
            f"load average during the load test (1 min, {os.cpu_count()} cores, "
            "at its start and end)",
            max(start_load, end_load),
            "",
        ),
    ]
    for figure in figures:
        report(figure)
    if errors:
        print(f"  errors (first 5): {errors[:5]}", file=sys.stderr)
    return figures


def _cpu(port: str, program: str) -> float:
    """CPU seconds used so far by the processes started with `program` and `port` on their
    command line (a `mutuals serve --port`, a `postgres -p`) and their children (/proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents, stats = set(), {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
        if port.encode() in words and any(program.encode() in word for word in words):
            parents.add(int(entry.name))
    return sum(cpu for pid, (ppid, cpu) in stats.items() if pid in parents or ppid in parents)


def _warm_up(url: str, group_id: int, tokens: list[str], targets: list[dict[str, str]]) -> None:
    """Searches from many connections at once, so that every thread of both processes has
    answered (its database connection, the app's first imports) before the clock starts."""

    def search(index: int) -> None:
        with requests.Session() as session:
            for turn in range(3):
                session.get(
                    f"{url}/api/groups/{group_id}/search",
                    params=targets[(index * 3 + turn) % len(targets)],
                    headers={"Authorization": f"Bearer {tokens[index % len(tokens)]}"},
                    timeout=120,
                )

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(search, range(32)))


def _send(
    url: str,
    group_id: int,
    tokens: list[str],
    targets: list[dict[str, str]],
    rate: int,
    seconds: int,
) -> tuple[list[float], list[str], float]:
    """Open-loop: search i leaves at start + i/rate on a pool of threads; the answered
    searches' milliseconds, the errors, and how long sending took."""
    local = threading.local()
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(index: int, due: float) -> None:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        token = tokens[index % len(tokens)]
        start = time.perf_counter()
        try:
            answer = session.get(
                f"{url}/api/groups/{group_id}/search",
                params=targets[index % len(targets)],
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            ms = (time.perf_counter() - start) * 1000
            with lock:
                if answer.status_code == 200:
                    timings.append(ms)
                else:
                    errors.append(f"{answer.status_code}: {answer.text[:120]}")
        except requests.RequestException as error:
            with lock:
                errors.append(type(error).__name__)

    count = rate * seconds
    begin = time.perf_counter() + 0.5
    with ThreadPoolExecutor(max_workers=rate * 3) as pool:
        for index in range(count):
            due = begin + index / rate
            pool.submit(one, index, due)
    return timings, errors, time.perf_counter() - begin


def _quantile(values: list[float], percent: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100)[percent - 1]


def _p95(values: list[float]) -> float:
    return _quantile(values, 95)


if __name__ == "__main__":
    main()
