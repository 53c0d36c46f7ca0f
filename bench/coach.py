"""The coach's dashboard with 200 clients of 2,000 people each, on PostgreSQL: server time of
/coach/ (through Django's test client, signed in) and of its read
(`coaching.selectors.dashboard`), against the way a competent developer would first write it:
a loop over the clients calling the per-client reads (the gate, `progress.selectors.progress`,
the leads by stage, promises, recent gives, asks and conversations), a few queries per client.

Each client gets 2,000 people (`people.bulk.create_people`, the importer's fast path), two years
of 1,000 conversations, gives, asks, promises, leads and goals, written in bulk.

    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python -m bench.coach
    .venv/bin/python -m bench.coach --clients 20   # SQLite, smaller

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
from dataclasses import asdict
from pathlib import Path

from bench.results import ROOT, Result, median, report, timings_ms

CLIENTS = 200
PEOPLE = 2_000
CONVERSATIONS = 1_000
GIVES = 60
ASKS = 30
PROMISES = 40
LEADS = 25
DAYS = 730
RUNS = 15
BASELINE_RUNS = 3
GOAL_MS = 200.0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.coach", description=__doc__)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON last")
    args = parser.parse_args()
    home, database = _prepare()
    try:
        figures = run(clients=args.clients, people=args.people, note=database)
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


def run(*, clients: int = CLIENTS, people: int = PEOPLE, note: str = "") -> list[Result]:
    from django.test import Client
    from django.utils import timezone

    from mutuals.coaching import selectors
    from mutuals.database import gather_statistics

    today = timezone.localdate()
    started = time.perf_counter()
    coach, _ = build(clients=clients, people=people, today=today)
    built = time.perf_counter() - started
    print(f"  built {clients} clients of {people:,} people in {built:.0f} s", file=sys.stderr)
    gather_statistics()
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(coach)
    browser.get("/coach/")  # the first request brings the session and caches up
    page = timings_ms(lambda: browser.get("/coach/"), RUNS)
    read = timings_ms(lambda: selectors.dashboard(coach=coach, today=today), RUNS)
    naive = timings_ms(lambda: per_client(coach, today), BASELINE_RUNS)
    label = f"{clients} clients of {people:,} people" + (f", {note}" if note else "")
    figures = [
        Result.of(f"coach dashboard page (median), {label}", median(page), "ms", goal=GOAL_MS),
        Result.of(
            f"coach dashboard rows, grouped (median), {label}",
            median(read),
            "ms",
            baseline=median(naive),
            goal=GOAL_MS,
        ),
        Result.of(
            f"coach dashboard rows, a loop over clients (median), {label}", median(naive), "ms"
        ),
        Result.of(f"coach dataset build, {label}", built, "s"),
    ]
    for figure in figures:
        report(figure)
    return figures


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
    """The coach and their clients, each with a network and two years of activity."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from mutuals.coaching.models import CoachLink

    rng = random.Random(16)
    users = get_user_model()
    coach = users.objects.create_user(username="bench-coach", password="bench-password-123")
    ids = []
    for n in range(clients):
        with transaction.atomic():
            client = users.objects.create_user(username=f"client{n:03d}")
            _client_data(rng, client, people, today)
            CoachLink.objects.create(
                coach=coach,
                client=client,
                level=rng.choice(("progress", "plan", "network")),
                state=CoachLink.ACTIVE,
                invited_by="coach",
                accepted_at=timezone.now(),
            )
        ids.append(client.pk)
        if (n + 1) % 50 == 0:
            print(f"    {n + 1} clients", file=sys.stderr, flush=True)
    return coach, ids


def _client_data(rng: random.Random, client: object, people: int, today: dt.date) -> None:
    from django.utils import timezone

    from mutuals.interactions.models import Interaction
    from mutuals.leads.models import Lead
    from mutuals.ledger.models import Ask, Exchange
    from mutuals.people.bulk import PersonDraft, clean_draft, create_people, insert_values
    from mutuals.people.models import Person
    from mutuals.progress.models import Goal
    from mutuals.promises.models import Promise

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
    for pid in rng.sample(person_ids, 20):
        Person.objects.filter(pk=pid).update(
            first_contact_on=today - dt.timedelta(days=rng.randint(0, 80))
        )

    def day() -> dt.date:
        return today - dt.timedelta(days=int(rng.triangular(0, DAYS, 0)))

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
                client.pk,  # type: ignore[attr-defined]
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
            for n in range(CONVERSATIONS)
            for kind in [rng.choice(kinds)]
        ],
    )
    Exchange.objects.bulk_create(
        Exchange(
            owner=client,
            person_id=rng.choice(person_ids),
            direction=rng.choice(("gave", "gave", "received")),
            kind="advice",
            text="Bench advice",
            occurred_on=day(),
        )
        for _ in range(GIVES)
    )
    Ask.objects.bulk_create(
        Ask(owner=client, person_id=rng.choice(person_ids), text="Bench ask", asked_on=day())
        for _ in range(ASKS)
    )
    promises = []
    for _ in range(PROMISES):
        due = day()
        done = due - dt.timedelta(days=rng.randint(-3, 5))
        done_at = timezone.make_aware(dt.datetime.combine(done, dt.time(12)))
        promises.append(
            Promise(
                owner=client,
                person_id=rng.choice(person_ids),
                text="Bench promise",
                due_on=due,
                done_at=done_at if rng.random() < 0.8 else None,
            )
        )
    Promise.objects.bulk_create(promises)
    stages = ("heard", "exploring", "warm_path", "referred", "applied", "interviewing", "closed")
    Lead.objects.bulk_create(
        Lead(owner=client, title=f"Role {n}", stage=rng.choice(stages), stage_on=day())
        for n in range(LEADS)
    )
    since = today - dt.timedelta(weeks=20)
    Goal.objects.bulk_create(
        Goal(
            owner=client,
            kind=kind,
            weekly_target=target,
            since=since - dt.timedelta(days=since.weekday()),
        )
        for kind, target in (("gives", 1), ("conversations", 10), ("new_people", 1))
    )


if __name__ == "__main__":
    main()
