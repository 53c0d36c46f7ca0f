"""A group's pooled search at scale, on PostgreSQL: a synthetic pool of 10,000 members pooling
1,000,000 people (100 each, clustered, organisations Zipf-sized), then 200 searches for random
specific targets (organisations, full names, two title words) through `groups.services.search`,
the whole path a request takes (the daily limit, the log, the stale-members check, the count).

The rows are loaded with COPY, the foreign keys to people not checked
(`session_replication_role = replica`): a search never reads `people_person`, and making a
million people first would measure the people importer, not the pool. What loading a member's
real people costs is another figure: `set_pooling` for one member of 100 people.

    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python -m bench.groups
    .venv/bin/python scripts/with_postgres.py -- \
        .venv/bin/python -m bench.groups --members 100000 --rows 100

Issue 17's goals, at 100,000 members and 10,000,000 rows: search p95 < 100 ms, load < 10 min.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench.results import Result, median, report

MEMBERS = 10_000
ROWS_PER_MEMBER = 100
SEARCHES = 200
ORGANISATIONS = 50_000
CLUSTERS = 500  # members of a cluster (a class year, a firm's intake) know the same places
GOAL_MS = 100.0
FIRST = "Ada Ben Cleo Dev Eve Finn Gia Hugo Ines Jon Kira Leo Mia Nico Omar Pia Rosa Sam Tara Uma"
LAST = "Abara Berg Chen Diaz Eng Falk Gupta Holm Ito Jonas Kaur Lind Moreau Novak Okafor Park"
TITLES = [
    "Product Manager",
    "Software Engineer",
    "Data Scientist",
    "Head of Sales",
    "Technical Recruiter",
    "Financial Officer",
    "Product Designer",
    "Operations Lead",
    "Marketing Director",
    "Research Scientist",
]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.groups", description=__doc__)
    parser.add_argument("--members", type=int, default=MEMBERS)
    parser.add_argument("--rows", type=int, default=ROWS_PER_MEMBER, help="rows per member")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON last")
    args = parser.parse_args()
    if not os.environ.get("MUTUALS_DATABASE_URL"):
        sys.exit("bench.groups needs PostgreSQL: run it under scripts/with_postgres.py")
    home = _prepare()
    try:
        figures = run(members=args.members, rows=args.rows)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if args.json:
        print(json.dumps([asdict(figure) for figure in figures]))


def run_postgres() -> list[Result]:
    """`python -m bench.groups --json` under scripts/with_postgres.py, for `make bench`: the
    figures back from its last line (none when no PostgreSQL server can start: the pooled
    search is measured where it is meant to run)."""
    root = Path(__file__).resolve().parents[1]
    bench = [sys.executable, "-m", "bench.groups", "--json"]
    command = [sys.executable, str(root / "scripts" / "with_postgres.py"), "--", *bench]
    done = subprocess.run(command, cwd=root, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print("  (no PostgreSQL server started: pooled search not measured)")
        return []
    return [Result(**figure) for figure in json.loads(done.stdout.strip().splitlines()[-1])]


def _prepare() -> Path:
    home = Path(tempfile.mkdtemp(prefix="mutuals-bench-groups-"))
    (home / "static").mkdir()
    os.environ["MUTUALS_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "mutuals.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return home


_ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, ORGANISATIONS + 1)))


def _organisation(rng: random.Random) -> int:
    """An organisation's number, Zipf-sized (the k-th largest has 1/k of the largest's people):
    with 50,000 organisations the largest holds about 9% of the pool."""
    return rng.choices(range(ORGANISATIONS), cum_weights=_ZIPF)[0]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST.split())} {rng.choice(LAST.split())} {rng.randrange(10_000)}"


def _rows(member_ids: list[int], group_id: int, per_member: int, rng: random.Random):
    """The COPY text of every pooled row, a member at a time (bounded memory)."""
    from mutuals.core import pool

    for index, member_id in enumerate(member_ids):
        cluster = random.Random(index % CLUSTERS)
        home_orgs = [_organisation(cluster) for _ in range(20)]
        buffer = io.StringIO()
        for _ in range(per_member):
            number = rng.choice(home_orgs) if rng.random() < 0.7 else _organisation(rng)
            organisation = f"Org {number} Systems"
            name = _name(rng)
            title = rng.choice(TITLES)
            buffer.write(
                "\t".join(
                    [
                        str(group_id),
                        str(member_id),
                        "1",  # any person id: the foreign key is not checked while loading
                        name,
                        organisation,
                        title,
                        str(rng.randrange(3)),
                        pool.name_key(name),
                        pool.organisation_key(organisation),
                        pool.words_key(title, organisation),
                    ]
                )
                + "\n"
            )
        yield buffer.getvalue()


def build(*, members: int, rows: int, rng: random.Random) -> tuple[object, object, float]:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from mutuals.groups import services
    from mutuals.groups.models import Membership

    users = get_user_model()
    admin = users.objects.create_superuser(username="bench-admin", password="x" * 20)
    group = services.create_group(by=admin, name="Bench alumni", daily_searches=1000)
    started = time.perf_counter()
    now = timezone.now()
    made = users.objects.bulk_create(
        [users(username=f"member{n:06d}", password="!") for n in range(members)], batch_size=5000
    )
    memberships = Membership.objects.bulk_create(
        [Membership(group=group, user=user, scope=Membership.ALL, joined_at=now) for user in made],
        batch_size=5000,
    )
    columns = (
        "group_id, member_id, person_id, name, organisation, title, closeness, name_key, "
        "organisation_key, words_key"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY groups_pooledperson ({columns}) FROM STDIN") as copy:
            for chunk in _rows([m.pk for m in memberships], group.pk, rows, rng):
                copy.write(chunk)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE groups_pooledperson")
        cursor.execute("ANALYZE groups_membership")
    return admin, group, time.perf_counter() - started


def _targets(group_id: int, rng: random.Random, count: int) -> list[dict[str, str]]:
    """Specific targets drawn from the pool itself (so most find someone): organisations as a
    searcher would meet them (weighted by size), full names, and two title words."""
    from mutuals.groups.models import PooledPerson

    sample = list(
        PooledPerson.objects.filter(group_id=group_id)
        .order_by("?")[: count * 2]
        .values_list("name", "organisation", "title")
    )
    targets = []
    for index in range(count):
        name, organisation, title = sample[index]
        kind = index % 3
        if kind == 0:
            targets.append({"organisation": organisation})
        elif kind == 1:
            targets.append({"person": name})
        else:
            targets.append({"words": title, "organisation": organisation})
    rng.shuffle(targets)
    return targets


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def run(*, members: int = MEMBERS, rows: int = ROWS_PER_MEMBER) -> list[Result]:
    from mutuals.groups import services

    rng = random.Random(17)
    admin, group, loaded = build(members=members, rows=rows, rng=rng)
    label = f"{members:,} members, {members * rows:,} pooled rows, PostgreSQL"
    print(f"  loaded {label} in {loaded:.0f} s", file=sys.stderr)
    targets = _targets(group.pk, rng, SEARCHES)
    services.search(user=admin, group_id=group.pk, organisation="Org 1 Systems")  # warm up
    timings, found = [], 0
    for target in targets:
        start = time.perf_counter()
        answer, _ = services.search(user=admin, group_id=group.pk, **target)
        timings.append((time.perf_counter() - start) * 1000)
        found += answer.members > 0
    parts = _parts(admin, group, targets)
    words_only = []
    for _ in range(20):
        title = rng.choice(TITLES)
        start = time.perf_counter()
        services.search(user=admin, group_id=group.pk, words=title)
        words_only.append((time.perf_counter() - start) * 1000)
    rebuild = _rebuild_one(group, rows)
    figures = [
        Result.of(f"pooled search (p50), {label}", median(timings), "ms"),
        Result.of(f"pooled search (p95), {label}", p95(timings), "ms", goal=GOAL_MS),
        Result.of(f"pooled searches that found someone, of {len(targets)}", found, ""),
        *[
            Result.of(f"pooled search's {part} alone ({which}), {label}", value, "ms")
            for part, timings_of_part in parts.items()
            for which, value in (("p50", median(timings_of_part)), ("p95", p95(timings_of_part)))
        ],
        Result.of(
            f"pooled search by two words alone (p50, 20 searches), {label}",
            median(words_only),
            "ms",
        ),
        Result.of(f"pool load (users, memberships, COPY of the rows), {label}", loaded, "s"),
        Result.of(
            f"rebuilding one member's {rows} pooled people from their records", rebuild, "ms"
        ),
        Result.of(
            f"load average when the groups figures were taken (1 min, {os.cpu_count()} cores)",
            os.getloadavg()[0],
            "",
        ),
    ]
    for figure in figures:
        report(figure)
    return figures


def _parts(admin, group, targets) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Where a search's time goes, each step alone over the same targets."""
    from django.utils import timezone

    from mutuals.groups import selectors, services

    membership = services.membership_of(user=admin, group_id=group.pk)
    keyed = [selectors.target_of(**target) for target in targets]
    steps = {
        "count query": lambda t: selectors.pooled_search(
            group_id=group.pk, searcher_member_id=membership.pk, target=t
        ),
        "stale-members check": lambda t: selectors.stale_members(group_id=group.pk),
        "stale-matches check": lambda t: selectors.stale_matches(
            group_id=group.pk, searcher_member_id=membership.pk, target=t
        ),
        "limit and log": lambda t: services._counted(membership, t.kind, timezone.localdate()),
    }
    found: dict[str, list[float]] = {}
    for name, step in steps.items():
        found[name] = []
        for target in keyed:
            start = time.perf_counter()
            step(target)
            found[name].append((time.perf_counter() - start) * 1000)
    return found


def _rebuild_one(group, rows: int) -> float:  # type: ignore[no-untyped-def]
    """One real member with `rows` real people (made by the people service), pooled: ms."""
    from django.contrib.auth import get_user_model

    from mutuals.groups import services
    from mutuals.people import services as people_services

    user = get_user_model().objects.create_user(username="bench-real", password="x" * 20)
    for number in range(rows):
        people_services.create_person(
            owner=user,
            name=f"Real Person {number}",
            organization=f"Org {number} Systems",
            title="Engineer",
            tier="friend",
        )
    code = services.new_link_code(
        by=get_user_model().objects.get(username="bench-admin"), group_id=group.pk
    )
    services.join(user=user, code=code)
    start = time.perf_counter()
    services.set_pooling(user=user, group_id=group.pk, scope="all")
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
