"""Concurrent writers: `mutuals serve` (waitress) on SQLite or (run under
scripts/with_postgres.py) PostgreSQL, and 4 API clients writing as fast as they can for 60 s:
each write adds a person or logs a conversation with one of 20 shared people (which also
updates that person's contact statistics, so writers meet on the same rows), named so that it
can be found again. A 503 "busy, try again" is retried after a short pause and counted; any
other failure is an error. Afterwards every acknowledged write must be in the database exactly
once: lost = acknowledged but absent, duplicated = present more than once.

    .venv/bin/python -m bench.writers [--writers 4] [--seconds 60] [--direct]
    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python -m bench.writers

Exits 1 on any lost or duplicated write or any error."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field

import requests

from bench.faults import open_database
from bench.results import load_average, machine
from bench.server import serving

SHARED_PEOPLE = 20
WORKER_FLAG = "--direct-worker"
BUSY_PAUSE_S = 0.05
TIMEOUT_S = 30.0


@dataclass
class Writer:
    number: int
    people: list[str] = field(default_factory=list)  # names acknowledged (201)
    talks: list[str] = field(default_factory=list)  # conversation summaries acknowledged
    retries: int = 0
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.writers", description=__doc__)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--direct",
        action="store_true",
        help="half the writers are separate processes writing through the services, as a CLI "
        "command does beside the server, instead of API clients",
    )
    args = parser.parse_args()
    database = open_database()
    print(f"concurrent writers on {database.name}; {machine()}; load {load_average()}", flush=True)
    try:
        token, shared = _prepare()
        with serving(database.home) as url:
            writers = _write(url, token, shared, args.writers, args.seconds, args.direct)
        return _check(writers, args.seconds)
    finally:
        shutil.rmtree(database.home, ignore_errors=True)


def _prepare() -> tuple[str, list[int]]:
    from django.contrib.auth import get_user_model
    from django.db import connections

    from mutuals.accounts.services import create_token
    from mutuals.people.services import create_person

    owner = get_user_model().objects.create_user(username="writers")
    _, token = create_token(user=owner, label="writers")
    shared = [create_person(owner=owner, name=f"Shared {n}").pk for n in range(SHARED_PEOPLE)]
    connections.close_all()
    return token, shared


def _write(
    url: str, token: str, shared: list[int], count: int, seconds: int, direct: bool
) -> list[Writer]:
    writers = [Writer(n) for n in range(count)]
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=_process_writer if direct and w.number % 2 else _writer,
            args=(url, token, shared, w, deadline),
        )
        for w in writers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return writers


def _writer(url: str, token: str, shared: list[int], me: Writer, deadline: float) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    n = 0
    while time.monotonic() < deadline:
        n += 1
        marker = f"w{me.number}-{n}"
        if n % 2:
            body, path, done = {"name": f"Writer {marker}"}, "/api/people", me.people
        else:
            person = shared[(me.number + n) % len(shared)]
            body = {"people": [person], "summary": f"Talk {marker}", "kind": "call"}
            path, done = "/api/interactions", me.talks
        if _send(session, url + path, body, me):
            done.append(marker)


def _process_writer(url: str, token: str, shared: list[int], me: Writer, until: float) -> None:
    """Run one writer as its own process (python -m bench.writers --direct-worker) and take
    its figures back from its standard output."""
    seconds = max(0.0, until - time.monotonic())
    command = [sys.executable, "-m", "bench.writers", WORKER_FLAG, str(me.number), str(seconds)]
    command += [",".join(map(str, shared))]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    if done.returncode != 0:
        me.errors.append(f"worker exit {done.returncode}: {done.stderr[-200:]}")
        return
    figures = json.loads(done.stdout.splitlines()[-1])
    me.people, me.talks, me.retries = figures["people"], figures["talks"], figures["retries"]
    me.errors, me.latencies_ms = figures["errors"], figures["latencies_ms"]


def _direct_worker(number: int, seconds: float, shared: list[int]) -> None:
    """One writer process: the same writes as an API client, through the services."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuals.settings")
    django.setup()
    from django.contrib.auth import get_user_model

    from mutuals.busy import is_busy
    from mutuals.interactions.services import log_interaction
    from mutuals.people.services import create_person

    owner = get_user_model().objects.get(username="writers")
    me, n = Writer(number), 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        n += 1
        marker = f"w{number}-{n}"
        started = time.perf_counter()
        while True:
            try:
                if n % 2:
                    create_person(owner=owner, name=f"Writer {marker}")
                    me.people.append(marker)
                else:
                    person = shared[(number + n) % len(shared)]
                    log_interaction(
                        owner=owner, person_ids=[person], summary=f"Talk {marker}", kind="call"
                    )
                    me.talks.append(marker)
            except Exception as error:  # a busy database is retried; anything else counted
                if is_busy(error):
                    me.retries += 1
                    time.sleep(BUSY_PAUSE_S)
                    continue
                me.errors.append(type(error).__name__)
            break
        me.latencies_ms.append((time.perf_counter() - started) * 1000)
    print(json.dumps(asdict(me)))


def _send(session: requests.Session, url: str, body: dict[str, object], me: Writer) -> bool:
    started = time.perf_counter()
    while True:
        try:
            answer = session.post(url, json=body, timeout=TIMEOUT_S)
        except requests.RequestException as error:
            me.errors.append(type(error).__name__)
            return False
        if answer.status_code == 503:
            me.retries += 1
            time.sleep(BUSY_PAUSE_S)
            continue
        me.latencies_ms.append((time.perf_counter() - started) * 1000)
        if answer.status_code == 201:
            return True
        me.errors.append(f"{answer.status_code} {answer.text[:120]}")
        return False


def _check(writers: list[Writer], seconds: int) -> int:
    from mutuals.interactions.models import Interaction
    from mutuals.people.models import Person

    names = Counter(
        Person.objects.filter(full_name__startswith="Writer ").values_list("full_name", flat=True)
    )
    talks = Counter(
        Interaction.objects.filter(summary__startswith="Talk ").values_list("summary", flat=True)
    )
    acked = [(names, f"Writer {m}") for w in writers for m in w.people]
    acked += [(talks, f"Talk {m}") for w in writers for m in w.talks]
    lost = sum(found[key] == 0 for found, key in acked)
    duplicated = sum(found[key] > 1 for found, key in acked)
    unacknowledged = sum(names.values()) + sum(talks.values()) - (len(acked) - lost)
    retries = sum(w.retries for w in writers)
    errors = [e for w in writers for e in w.errors]
    latencies = sorted(ms for w in writers for ms in w.latencies_ms)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    print(
        f"\n{len(writers)} writers, {seconds} s: {len(acked)} writes acknowledged "
        f"({len(acked) / seconds:.1f}/s; people {sum(len(w.people) for w in writers)}, "
        f"conversations {sum(len(w.talks) for w in writers)}); "
        f"median {statistics.median(latencies) if latencies else 0:.0f} ms, p95 {p95:.0f} ms"
    )
    print(
        f"lost {lost}, duplicated {duplicated}, written but not acknowledged {unacknowledged}, "
        f"errors {len(errors)}, busy answers retried {retries}"
    )
    for error, times in Counter(errors).most_common(5):
        print(f"  error x{times}: {error}")
    return 1 if lost or duplicated or errors else 0


if __name__ == "__main__":
    if sys.argv[1:2] == [WORKER_FLAG]:
        _direct_worker(
            int(sys.argv[2]), float(sys.argv[3]), [int(i) for i in sys.argv[4].split(",")]
        )
        raise SystemExit(0)
    raise SystemExit(main())
