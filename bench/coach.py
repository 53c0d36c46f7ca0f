"""The coach's dashboard with 200 clients of 2,000 people each, on PostgreSQL: server time of
/coach/ (through Django's test client, signed in; its first page by name, and sorted by flags,
which reads every client), its queries and CPU time, and the rows of every client
(`coaching.dashboard.dashboard`) against the way an app is first written: a loop over the
clients calling the per-client reads (the gate, `progress.selectors.progress`, the leads by
stage, promises, recent gives, asks and conversations), a few queries per client. That is a
naive baseline, not a peer: a careful Django developer would write grouped queries, which is
what the dashboard is, so the ratio says what grouping saved, not how mutuals compares with
another tool.

Four clients get 2,000 people through `people.bulk.create_people` (the importer's fast path);
the others get a copy of one of theirs made by the database (INSERT ... SELECT). Every client
gets its own two years of 1,000 conversations, gives, asks, promises, leads and goals, written
in bulk: about a minute and a half for the 200 clients on a busy 2-core machine.

    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python -m bench.coach
    .venv/bin/python -m bench.coach --clients 20   # SQLite, smaller
    # trying changes: keep a server, build once, then measure again without building
    MUTUALS_DATABASE_URL=postgres://... .venv/bin/python -m bench.coach --reuse

`make bench` runs it under scripts/with_postgres.py (`run_postgres`), on SQLite when no
PostgreSQL server can be started."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.results import ROOT, Result, median, report, timings_ms

CLIENTS = 200
PEOPLE = 2_000
CONVERSATIONS = 1_000
GIVES = 60
ASKS = 30
PROMISES = 40
LEADS = 25
# Clients whose people go through the importer's path; the others get a copy of one of theirs.
TEMPLATES = 4
DAYS = 730
RUNS = 20
BASELINE_RUNS = 3
GOAL_MS = 200.0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.coach", description=__doc__)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON last")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the data already in MUTUALS_DATABASE_URL when a run left it there "
        "(for trying changes; `make bench` always builds it)",
    )
    args = parser.parse_args()
    home, database = _prepare()
    try:
        figures = run(clients=args.clients, people=args.people, note=database, reuse=args.reuse)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if args.json:
        print(json.dumps([asdict(figure) for figure in figures]))


def run_postgres() -> list[Result]:
    """`python -m bench.coach --json` under scripts/with_postgres.py (on SQLite when no server
    starts), for `make bench`: figures back from its last line."""
    bench = [sys.executable, "-m", "bench.coach", "--json"]
    command = [sys.executable, str(ROOT / "scripts" / "with_postgres.py"), "--", *bench]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print("  (no PostgreSQL server started: the coach dashboard is measured on SQLite)")
        done = subprocess.run(bench, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    return [Result(**figure) for figure in json.loads(lines[-1])]


def _prepare() -> tuple[Path, str]:
    """A throwaway home with the tables: the PostgreSQL server in MUTUALS_DATABASE_URL (as
    scripts/with_postgres.py sets it), else SQLite."""
    if not os.environ.get("MUTUALS_DATABASE_URL"):
        from bench import env

        return env.prepare(), "SQLite"
    home = Path(tempfile.mkdtemp(prefix="mutuals-bench-coach-"))
    (home / "static").mkdir()
    os.environ["MUTUALS_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "mutuals.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return home, "PostgreSQL"


def run(
    *, clients: int = CLIENTS, people: int = PEOPLE, note: str = "", reuse: bool = False
) -> list[Result]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from mutuals.coaching import dashboard
    from mutuals.database import gather_statistics

    today = timezone.localdate()
    started = time.perf_counter()
    coach = get_user_model().objects.filter(username="bench-coach").first() if reuse else None
    if coach is None:
        coach, _ = build(clients=clients, people=people, today=today)
    built = time.perf_counter() - started
    print(f"  built {clients} clients of {people:,} people in {built:.0f} s", file=sys.stderr)
    gather_statistics()
    if connection.vendor == "postgresql":
        # What autovacuum does by itself after a bulk load: the visibility map that lets the
        # (owner, day) index answer the counts without reading the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(coach)
    load = os.getloadavg()[0]
    label = f"{clients} clients of {people:,} people" + (f", {note}" if note else "")
    figures = []
    for words, query in (
        ("first page, by name", {}),
        ("sorted by flags (every client read)", {"sort": "flags"}),
    ):
        browser.get("/coach/", query)  # the first request brings the session and caches up
        queries = _queries(lambda query=query: browser.get("/coach/", query))
        page = timings_ms(lambda query=query: browser.get("/coach/", query), RUNS)
        cpu = cpu_ms(lambda query=query: browser.get("/coach/", query), RUNS)
        figures += [
            Result.of(
                f"coach dashboard page, {words} (median), {label}", median(page), "ms", goal=GOAL_MS
            ),
            Result.of(f"coach dashboard page, {words} (p95), {label}", p95(page), "ms"),
            Result.of(f"coach dashboard page, {words}, CPU time (median)", median(cpu), "ms"),
            Result.of(f"coach dashboard page, {words}: queries", queries, ""),
        ]
    read = timings_ms(lambda: dashboard.dashboard(coach=coach, today=today), RUNS)
    read_cpu = cpu_ms(lambda: dashboard.dashboard(coach=coach, today=today), RUNS)
    naive = timings_ms(lambda: per_client(coach, today), BASELINE_RUNS)
    figures += [
        Result.of(
            f"coach dashboard rows, every client, grouped (median), {label}",
            median(read),
            "ms",
            baseline=median(naive),
            goal=GOAL_MS,
        ),
        Result.of(f"coach dashboard rows, every client, grouped (p95), {label}", p95(read), "ms"),
        Result.of("coach dashboard rows, every client, CPU time (median)", median(read_cpu), "ms"),
        Result.of(
            f"coach dashboard rows, a naive loop over clients (median), {label}",
            median(naive),
            "ms",
        ),
        Result.of(f"coach dataset build, {label}", built, "s"),
        Result.of(
            f"load average when the coach figures were taken (1 min, {os.cpu_count()} cores)",
            load,
            "",
        ),
    ]
    for figure in figures:
        report(figure)
    return figures


def _queries(run: Callable[[], object]) -> int:
    from django.db import connection

    count = 0

    def counted(execute: Any, *args: Any) -> Any:
        nonlocal count
        count += 1
        return execute(*args)

    with connection.execute_wrapper(counted):
        run()
    return count


def cpu_ms(run: Callable[[], object], times: int) -> list[float]:
    """CPU milliseconds of `times` calls: this process's and its database server process's
    (PostgreSQL's backend, read from /proc when it runs here), so a figure that other work on a
    busy machine does not inflate as it does wall-clock time."""
    from django.db import connection

    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
        if not backend.exists():
            backend = None

    def server_ns() -> int:
        return int(backend.read_text().split()[0]) if backend is not None else 0

    measured = []
    for _ in range(times):
        ours, theirs = time.process_time_ns(), server_ns()
        run()
        spent = time.process_time_ns() - ours + server_ns() - theirs
        measured.append(spent / 1e6)
    return measured


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def per_client(coach: object, today: dt.date) -> list[dict[str, object]]:
    """The baseline: what the dashboard shows, read client by client through the per-client
    reads the app already has."""
    from django.db.models import Count

    from mutuals.coaching.access import client_for, clients_of
    from mutuals.core.coaching import Level
    from mutuals.interactions.models import Interaction
    from mutuals.leads.models import Lead
    from mutuals.ledger.models import Ask, Exchange
    from mutuals.progress.selectors import progress
    from mutuals.promises.models import Promise

    rows = []
    month = today - dt.timedelta(days=29)
    for linked in clients_of(coach=coach):  # type: ignore[arg-type]
        client = client_for(
            coach=coach,  # type: ignore[arg-type]
            client_id=linked.client.pk,
            needs=Level.PROGRESS,
            what="dashboard",
        )
        owner = client.client
        rows.append(
            {
                "progress": progress(owner=owner, today=today),
                "stages": dict(
                    Lead.objects.filter(owner=owner)
                    .values("stage")
                    .annotate(n=Count("id"))
                    .values_list("stage", "n")
                ),
                "applied": list(
                    Lead.objects.filter(owner=owner, stage="applied").values_list(
                        "stage_on", flat=True
                    )
                ),
                "promises": list(
                    Promise.objects.filter(
                        owner=owner, due_on__range=(today - dt.timedelta(days=27), today)
                    ).values_list("due_on", "done_at")
                ),
                "talked": Interaction.objects.filter(
                    owner=owner, occurred_on__gte=today - dt.timedelta(days=13)
                ).exists(),
                "gave": Exchange.objects.filter(
                    owner=owner, direction="gave", occurred_on__gte=month
                ).count(),
                "asked": Ask.objects.filter(owner=owner, asked_on__gte=month).count(),
            }
        )
    return rows


def build(*, clients: int, people: int, today: dt.date) -> tuple[object, list[int]]:
    """The coach and their clients, each with a network and two years of activity.

    The first TEMPLATES clients get their people through `people.bulk.create_people` (the
    importer's fast path); every other client gets a copy of one template's organisations and
    people, made by the database (INSERT ... SELECT, no row through Python): 400,000 people
    through the importer took two and a half minutes. Each client's activity is its own (a
    seeded draw per client), written in bulk for all clients at once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from mutuals.accounts.models import Role
    from mutuals.coaching.models import CoachLink

    rng = random.Random(16)
    users = get_user_model()
    coach = users.objects.create_user(username="bench-coach", password="bench-password-123")
    Role.objects.create(user=coach, kind=Role.COACH)  # only a coach reads clients (access.py)
    unusable = make_password(None)
    with transaction.atomic():
        users.objects.bulk_create(
            users(username=f"client{n:03d}", password=unusable) for n in range(clients)
        )
        ids = list(
            users.objects.filter(username__startswith="client")
            .order_by("username")
            .values_list("pk", flat=True)
        )
        templates = ids[:TEMPLATES]
        for client_id in templates:
            _template_people(rng, users.objects.get(pk=client_id), people, today)
        for n, client_id in enumerate(ids[TEMPLATES:]):
            _copy_people(source=templates[n % len(templates)], target=client_id)
        _activity(rng, ids, today)
        now = timezone.now()
        CoachLink.objects.bulk_create(
            CoachLink(
                coach=coach,
                client_id=client_id,
                level=rng.choice(("progress", "plan", "network")),
                state=CoachLink.ACTIVE,
                invited_by="coach",
                accepted_at=now,
            )
            for client_id in ids
        )
    return coach, ids


def _template_people(rng: random.Random, client: object, people: int, today: dt.date) -> None:
    from mutuals.people.bulk import PersonDraft, clean_draft, create_people
    from mutuals.people.models import Person

    tiers = ("close", "friend", "meaningful", "acquaintance", "acquaintance", None, None)
    drafts = []
    for i in range(people):
        draft = PersonDraft(
            first_name=f"Person{i:04d}",
            last_name=rng.choice(("Núñez", "Smith", "Okafor", "Lindqvist", "Chen")),
            organization=f"Company {rng.randint(0, 150):03d}" if rng.random() < 0.7 else "",
            tier=rng.choice(tiers),
        )
        drafts.append((draft, clean_draft(draft, today)))
    person_ids = create_people(owner=client, drafts=drafts)  # type: ignore[arg-type]
    # A few people first talked with in the last weeks: the "new people" goal counts them.
    for pid in rng.sample(person_ids, min(20, len(person_ids))):
        Person.objects.filter(pk=pid).update(
            first_contact_on=today - dt.timedelta(days=rng.randint(0, 80))
        )


def _copy_people(*, source: int, target: int) -> None:
    """A copy of `source`'s organisations and people for `target`, in two statements."""
    from django.db import connection

    from mutuals.people.models import Organization, Person

    quote = connection.ops.quote_name

    def columns(model: Any) -> list[str]:
        return [f.column for f in model._meta.concrete_fields if not f.primary_key]

    org_table, person_table = Organization._meta.db_table, Person._meta.db_table
    org_columns, person_columns = columns(Organization), columns(Person)
    with connection.cursor() as cursor:
        names = ", ".join(quote(c) for c in org_columns)
        chosen = ", ".join("%s" if c == "owner_id" else f"o.{quote(c)}" for c in org_columns)
        cursor.execute(
            f"INSERT INTO {quote(org_table)} ({names}) SELECT {chosen} "
            f"FROM {quote(org_table)} o WHERE o.owner_id = %s",
            [target, source],
        )
        names = ", ".join(quote(c) for c in person_columns)
        picked = {
            "owner_id": "%s",
            "organization_id": "copy.id",
        }
        chosen = ", ".join(picked.get(c, f"p.{quote(c)}") for c in person_columns)
        cursor.execute(
            f"INSERT INTO {quote(person_table)} ({names}) SELECT {chosen} "
            f"FROM {quote(person_table)} p "
            f"LEFT JOIN {quote(org_table)} o ON o.id = p.organization_id "
            f"LEFT JOIN {quote(org_table)} copy "
            "ON copy.owner_id = %s AND copy.search_name = o.search_name "
            "WHERE p.owner_id = %s ORDER BY p.id",
            [target, target, source],
        )


def _activity(rng: random.Random, ids: list[int], today: dt.date) -> None:
    """Two years of conversations, gives, asks, promises, leads and goals for every client, one
    INSERT per table."""
    from django.utils import timezone

    from mutuals.interactions.models import Interaction
    from mutuals.leads.models import Lead
    from mutuals.ledger.models import Ask, Exchange
    from mutuals.people.bulk import insert_values
    from mutuals.people.models import Person
    from mutuals.progress.models import Goal
    from mutuals.promises.models import Promise

    people: dict[int, list[int]] = {client_id: [] for client_id in ids}
    for owner_id, pid in Person.objects.filter(owner_id__in=ids).values_list("owner_id", "pk"):
        people[owner_id].append(pid)

    def day() -> dt.date:
        return today - dt.timedelta(days=int(rng.triangular(0, DAYS, 0)))

    def someone(client_id: int) -> int:
        return rng.choice(people[client_id])

    now = timezone.now()
    kinds = ("coffee", "call", "email", "message", "meeting", "event")
    insert_values(
        Interaction,
        [
            "owner",
            "is_demo",
            "occurred_on",
            "summary",
            "kind",
            "initiated_by",
            "notes",
            "source_key",
            "created_at",
            "updated_at",
        ],
        [
            (
                client_id,
                False,
                day(),
                "Bench conversation",
                kind,
                "me",
                "",
                f"mail:{n}" if kind == "email" and rng.random() < 0.5 else "",
                now,
                now,
            )
            for client_id in ids
            for n in range(CONVERSATIONS)
            for kind in [rng.choice(kinds)]
        ],
    )
    Exchange.objects.bulk_create(
        Exchange(
            owner_id=client_id,
            person_id=someone(client_id),
            direction=rng.choice(("gave", "gave", "received")),
            kind="advice",
            text="Bench advice",
            occurred_on=day(),
        )
        for client_id in ids
        for _ in range(GIVES)
    )
    Ask.objects.bulk_create(
        Ask(owner_id=client_id, person_id=someone(client_id), text="Bench ask", asked_on=day())
        for client_id in ids
        for _ in range(ASKS)
    )
    promises = []
    for client_id in ids:
        for _ in range(PROMISES):
            due = day()
            done = due - dt.timedelta(days=rng.randint(-3, 5))
            done_at = timezone.make_aware(dt.datetime.combine(done, dt.time(12)))
            promises.append(
                Promise(
                    owner_id=client_id,
                    person_id=someone(client_id),
                    text="Bench promise",
                    due_on=due,
                    done_at=done_at if rng.random() < 0.8 else None,
                )
            )
    Promise.objects.bulk_create(promises)
    stages = ("heard", "exploring", "warm_path", "referred", "applied", "interviewing", "closed")
    Lead.objects.bulk_create(
        Lead(owner_id=client_id, title=f"Role {n}", stage=rng.choice(stages), stage_on=day())
        for client_id in ids
        for n in range(LEADS)
    )
    since = today - dt.timedelta(weeks=20)
    Goal.objects.bulk_create(
        Goal(
            owner_id=client_id,
            kind=kind,
            weekly_target=target,
            since=since - dt.timedelta(days=since.weekday()),
        )
        for client_id in ids
        for kind, target in (("gives", 1), ("conversations", 10), ("new_people", 1))
    )


if __name__ == "__main__":
    main()
