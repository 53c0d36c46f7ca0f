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
Beside each kind of search, the peer baseline: the plain SQL query a competent user would write
over the same table and indexes (no app code: no limit, log or freshness), in the same run.
`--load` then runs bench/groups_load.py on the same database: two `mutuals serve` processes,
20 pooled searches a second for 60 s through the API.
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
WORDS_ALONE = 10  # two title words alone: a tenth of the pool each, slow by nature
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
    parser.add_argument(
        "--load", action="store_true", help="then the two-process load test (bench.groups_load)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="search a pool an earlier --reuse run left in this database (built when missing): "
        "for a long-lived server holding a 10M pool; the load is then not measured",
    )
    args = parser.parse_args()
    if not os.environ.get("MUTUALS_DATABASE_URL"):
        sys.exit("bench.groups needs PostgreSQL: run it under scripts/with_postgres.py")
    home = _prepare()
    try:
        figures = run(members=args.members, rows=args.rows, reuse=args.reuse)
        if args.load:
            from bench import groups_load

            figures += groups_load.run_on(home, label=_label(args.members, args.rows))
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


_FIRST, _LAST = FIRST.split(), LAST.split()


def _name(rng: random.Random) -> tuple[str, int]:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", rng.randrange(10_000)


def _label(members: int, rows: int) -> str:
    return f"{members:,} members, {members * rows:,} pooled rows, PostgreSQL"


def _rows(
    member_ids: list[int], group_id: int, per_member: int, rng: random.Random, person_id: int
):
    """The COPY text of every pooled row, a member at a time (bounded memory). The keys come
    from `core.pool`, remembered per organisation and title (a few hundred thousand pairs)."""
    from functools import cache

    from mutuals.core import pool

    organisation_key = cache(pool.organisation_key)
    words_key = cache(pool.words_key)
    pair_key = cache(pool.name_key)  # "Ada Berg": a name's key is its words' keys, spaced
    for index, member_id in enumerate(member_ids):
        cluster = random.Random(index % CLUSTERS)
        home_orgs = [_organisation(cluster) for _ in range(20)]
        buffer = io.StringIO()
        for _ in range(per_member):
            number = rng.choice(home_orgs) if rng.random() < 0.7 else _organisation(rng)
            organisation = f"Org {number} Systems"
            first_last, number = _name(rng)
            name = f"{first_last} {number}"
            title = rng.choice(TITLES)
            buffer.write(
                "\t".join(
                    [
                        str(group_id),
                        str(member_id),
                        # One person for every row: a search never reads it, and deleting
                        # any other person (a later run's) must not take the pool with it.
                        str(person_id),
                        name,
                        organisation,
                        title,
                        str(rng.randrange(3)),
                        f"{pair_key(first_last)} {number}",
                        organisation_key(organisation),
                        words_key(title, organisation),
                    ]
                )
                + "\n"
            )
        yield buffer.getvalue()


def build(*, members: int, rows: int, rng: random.Random) -> tuple[object, object, dict]:
    """The group, its members and their rows; the seconds each part of the load took. The rows
    are loaded as a whole pool is imported: the table's indexes dropped, COPY, the indexes made
    again from their own definitions (each in one pass, sorted, instead of 10 million inserts
    into each)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from mutuals.groups import services
    from mutuals.groups.models import Membership
    from mutuals.people.services import create_person

    users = get_user_model()
    admin = users.objects.create_superuser(username="bench-admin", password="x" * 20)
    group = services.create_group(by=admin, name="Bench alumni", daily_searches=1000)
    placeholder = create_person(owner=admin, name="Bench placeholder")
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
    timing = {"users and memberships": time.perf_counter() - started}
    # Making the synthetic rows is not loading them: written to a file first, not timed.
    data = Path(tempfile.mkstemp(prefix="mutuals-bench-pool-", suffix=".tsv")[1])
    made = time.perf_counter()
    with data.open("w") as out:
        for chunk in _rows([m.pk for m in memberships], group.pk, rows, rng, placeholder.pk):
            out.write(chunk)
    print(f"  made the synthetic rows in {time.perf_counter() - made:.0f} s", file=sys.stderr)
    started = time.perf_counter() - timing["users and memberships"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
            "('groups_pooledperson', 'groups_pooledreach') AND indexname NOT LIKE '%%pkey'"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET LOCAL session_replication_role = replica")
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        copied = time.perf_counter()
        with (
            raw.copy(f"COPY groups_pooledperson ({columns}) FROM STDIN") as copy,
            data.open("rb") as source,
        ):
            while block := source.read(1 << 20):
                copy.write(block)
        timing["COPY of the rows"] = time.perf_counter() - copied
        data.unlink()
        reached = time.perf_counter()
        cursor.execute(
            "INSERT INTO groups_pooledreach (group_id, member_id, organisation_key, closeness) "
            "SELECT group_id, member_id, organisation_key, MIN(closeness) "
            "FROM groups_pooledperson WHERE organisation_key <> '' "
            "GROUP BY group_id, member_id, organisation_key"
        )
        timing["each member's reach per organisation, from the rows"] = (
            time.perf_counter() - reached
        )
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for name, definition in indexes:
            indexed = time.perf_counter()
            cursor.execute(definition)
            timing[f"index {name}"] = time.perf_counter() - indexed
    analysed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE groups_pooledperson")
        cursor.execute("VACUUM ANALYZE groups_pooledreach")
        cursor.execute("ANALYZE groups_membership")
    timing["VACUUM ANALYZE"] = time.perf_counter() - analysed
    timing["total"] = time.perf_counter() - started
    return admin, group, timing


def _targets(group_id: int, rng: random.Random, count: int) -> list[dict[str, str]]:
    """Specific targets drawn from the pool itself (so most find someone): organisations as a
    searcher would meet them (weighted by size), full names, and two title words."""
    from django.db.models import Max, Min

    from mutuals.groups.models import PooledPerson

    rows = PooledPerson.objects.filter(group_id=group_id)
    low, high = rows.aggregate(low=Min("pk"), high=Max("pk")).values()
    ids = rng.sample(range(low, high + 1), count * 2)  # random rows without sorting them all
    found = {
        pk: values
        for pk, *values in rows.filter(pk__in=ids).values_list(
            "pk", "name", "organisation", "title"
        )
    }
    sample = [found[pk] for pk in ids if pk in found]
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


KINDS = {
    "organisation": "an organisation",
    "person": "a full name",
    "words+organisation": "two title words at an organisation",
    "words": "two title words alone",
}


def _kind(target: dict[str, str]) -> str:
    if "person" in target:
        return "person"
    if "organisation" in target:
        return "words+organisation" if "words" in target else "organisation"
    return "words"


def _built(members: int, rows: int) -> tuple[object, object] | None:
    """The administrator and group of a pool an earlier `--reuse` run built here, when it has
    as many members and rows as asked (rows: the planner's estimate, within 5%)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from mutuals.groups.models import Group, Membership

    admin = get_user_model().objects.filter(username="bench-admin").first()
    group = Group.objects.filter(name="Bench alumni").first()
    if admin is None or group is None:
        return None
    get_user_model().objects.filter(username="bench-real").delete()  # an earlier run's
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'groups_pooledperson'")
        estimate = float(cursor.fetchone()[0])
    pooling = Membership.objects.filter(group=group).count() - 1  # the administrator pools none
    if pooling != members or abs(estimate - members * rows) > 0.05 * members * rows:
        sys.exit(f"this database holds another pool ({pooling} members, ~{estimate:.0f} rows)")
    return admin, group


def run(
    *, members: int = MEMBERS, rows: int = ROWS_PER_MEMBER, reuse: bool = False
) -> list[Result]:

    from mutuals.groups import services
    from mutuals.groups.models import MemberSearches

    rng = random.Random(17)
    label = _label(members, rows)
    built = _built(members, rows) if reuse else None
    if built is None:
        admin, group, loaded = build(members=members, rows=rows, rng=rng)
        print(f"  loaded {label} in {loaded['total']:.0f} s: {loaded}", file=sys.stderr)
    else:
        (admin, group), loaded = built, {}
        print(f"  reusing the pool of {label} built before", file=sys.stderr)
        MemberSearches.objects.filter(member__user=admin).delete()  # today's limit, afresh
    picks = random.Random(18)  # the same targets whether the pool was built now or before
    targets = _targets(group.pk, picks, SEARCHES)
    words_alone = [{"words": picks.choice(TITLES)} for _ in range(WORDS_ALONE)]
    services.search(user=admin, group_id=group.pk, organisation="Org 1 Systems")  # warm up
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    found, answers = 0, []
    for target in [*targets, *words_alone]:
        start = time.perf_counter()
        answer, _ = services.search(user=admin, group_id=group.pk, **target)
        timings[_kind(target)].append((time.perf_counter() - start) * 1000)
        found += answer.members > 0 and target in targets
        answers.append((answer.members, answer.well, answer.close))
    plain = _plain_sql(admin, group, [*targets, *words_alone], answers)
    overall = [ms for kind, values in timings.items() if kind != "words" for ms in values]
    baseline = [ms for kind, values in plain.items() if kind != "words" for ms in values]
    load = os.getloadavg()[0]
    parts = _parts(admin, group, targets)
    trigram = _without_trigram_index(admin, group, [*targets, *words_alone])
    rebuild = _rebuild_one(group, rows)
    figures = [
        Result.of(
            f"pooled search (p50), {len(targets)} targets, {label}",
            median(overall),
            "ms",
            baseline=median(baseline),
        ),
        Result.of(
            f"pooled search (p95), {len(targets)} targets, {label}",
            p95(overall),
            "ms",
            baseline=p95(baseline),
            goal=GOAL_MS,
        ),
        Result.of(f"pooled searches that found someone, of {len(targets)}", found, ""),
        *[
            Result.of(
                f"pooled search for {KINDS[kind]} ({which}, {len(timings[kind])} searches), "
                f"{label}",
                value(timings[kind]),
                "ms",
                baseline=value(plain[kind]),
            )
            for kind in KINDS
            for which, value in (("p50", median), ("p95", p95))
        ],
        *[
            Result.of(f"pooled search's {part} alone ({which}), {label}", value, "ms")
            for part, timings_of_part in parts.items()
            for which, value in (("p50", median(timings_of_part)), ("p95", p95(timings_of_part)))
        ],
        *[
            Result.of(
                f"plain SQL for {KINDS[kind]} ({which}) without the trigram index, {label}",
                value(trigram[kind]),
                "ms",
                baseline=value(plain[kind]),
            )
            for kind in ("words+organisation", "words")
            for which, value in (("p50", median), ("p95", p95))
        ],
        *[
            Result.of(f"pool load: {part}, {label}", seconds, "s")
            for part, seconds in loaded.items()
        ],
        Result.of(
            f"rebuilding one member's {rows} pooled people from their records", rebuild, "ms"
        ),
        Result.of(
            f"load average when the searches were timed (1 min, {os.cpu_count()} cores)",
            load,
            "",
        ),
    ]
    for figure in figures:
        report(figure)
    return figures


def _plain_sql(admin, group, targets, answers=None) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """The peer baseline: what a competent user would write by hand over the pooled rows and
    their indexes for each target (the members who know someone matching, at their warmest,
    the searcher left out), timed the same way; no limit, log or freshness check. With the
    app's `answers`, each must be the same (the organisations' reach against the rows), up to
    `core.pool.MANY_FROM`, where the app stops counting ("many")."""
    from django.db import connection

    from mutuals.core import pool
    from mutuals.groups import selectors, services

    searcher = services.membership_of(user=admin, group_id=group.pk).pk
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    with connection.cursor() as cursor:
        for target in targets:
            keyed = selectors.target_of(**target)
            where, params = ["group_id = %s", "member_id <> %s"], [group.pk, searcher]
            if keyed.name_key:
                where.append("name_key = %s")
                params.append(keyed.name_key)
            if keyed.organisation_key:
                where.append("organisation_key = %s")
                params.append(keyed.organisation_key)
            for word in keyed.words:
                where.append("words_key LIKE %s")
                params.append(f"% {word} %")
            sql = (
                "SELECT count(*), count(*) FILTER (WHERE best <= 1), "
                "count(*) FILTER (WHERE best = 0) FROM (SELECT member_id, min(closeness) AS best "
                f"FROM groups_pooledperson WHERE {' AND '.join(where)} GROUP BY member_id) r"
            )
            start = time.perf_counter()
            cursor.execute(sql, params)
            counted = cursor.fetchone()
            timings[_kind(target)].append((time.perf_counter() - start) * 1000)
            if answers is not None:  # the app counts up to "many" (core.pool.MANY_FROM)
                expected = answers[targets.index(target)]
                capped = tuple(min(count, pool.MANY_FROM) for count in counted)
                assert capped == expected, f"{target}: {counted} != {expected}"
    return timings


def _without_trigram_index(admin, group, targets) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """The plain SQL again with the trigram index dropped inside a transaction rolled back
    afterwards: what the index is worth to words searches."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS pooled_words_trgm")
        found = _plain_sql(admin, group, [t for t in targets if "words" in t])
        transaction.set_rollback(True)
    return found


def _parts(admin, group, targets) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Where a search's time goes, each step alone over the same targets."""
    from django.utils import timezone

    from mutuals.groups import searching, selectors, services

    membership = services.membership_of(user=admin, group_id=group.pk)
    keyed = [selectors.target_of(**target) for target in targets]
    steps = {
        "count query": lambda t: selectors.pooled_search(
            group_id=group.pk, searcher_member_id=membership.pk, target=t
        ),
        "freshness (stale members: none)": lambda t: services.refresh_pool(
            group_id=group.pk, searcher_member_id=membership.pk, target=t
        ),
        "limit and log": lambda t: searching._counted(membership, t.kind, timezone.localdate()),
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
