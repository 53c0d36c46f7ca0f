"""A large, seeded network for one owner: people in Dunbar-like tiers and years of conversations.

Rows go in with bulk_create and executemany (raw speed); the contact statistics are computed
with core.strength.summarize and stored through people.services.apply_contact_stats, the same
path the app takes after a conversation is logged.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from mutuals.core.cadence import DEFAULT_CADENCE_DAYS, Tier
from mutuals.core.names import fold
from mutuals.core.strength import InteractionEvent, interaction_weight, summarize
from mutuals.interactions.models import Interaction
from mutuals.people import services as people_services
from mutuals.people.models import Circle, Organization, Person
from mutuals.promises.models import Promise

PASSWORD = "bench-password-123"
# (tier, share of people, relative number of conversations per person)
TIER_PLAN: tuple[tuple[Tier | None, float, float], ...] = (
    (Tier.INNER, 0.0004, 300),
    (Tier.CLOSE, 0.002, 120),
    (Tier.FRIEND, 0.02, 50),
    (Tier.MEANINGFUL, 0.10, 25),
    (Tier.ACQUAINTANCE, 0.40, 16),
    (Tier.DORMANT, 0.013, 20),
    (None, 0.4646, 5),
)
OVERDUE_SHARE = 0.12
NEW_ACQUAINTANCES = 40
GROUP_SHARE = 0.05
KINDS = ("coffee", "call", "email", "message", "meeting", "event")
KIND_WEIGHTS = (3, 3, 3, 4, 2, 1)
CIRCLES = ("Work", "Former colleagues", "School", "Community", "Services", "Family", "Alumni")
YEAR = 365


@dataclass
class Dataset:
    owner: object
    today: dt.date
    people: int
    interactions: int
    seconds: float


def _progress(message: str, started: float) -> None:
    print(f"    {message} ({time.perf_counter() - started:.1f} s)", flush=True)


def build(*, people: int, interactions: int, seed: int = 2024) -> Dataset:
    """Create the bench user and their network; returns what was made and how long it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    today = timezone.localdate()
    owner = get_user_model().objects.create_user(username="bench", password=PASSWORD)
    with transaction.atomic():
        plan = _plan_people(rng, people, today)
        person_ids = _insert_people(rng, owner, plan)
        _progress(f"{len(person_ids):,} people", started)
        events = _insert_interactions(rng, owner, plan, person_ids, interactions, today)
        _progress(f"{interactions:,} conversations", started)
        _insert_promises(rng, owner, person_ids, plan, today)
        _store_stats(owner, person_ids, events, today)
        _progress("contact statistics", started)
    return Dataset(owner, today, len(person_ids), interactions, time.perf_counter() - started)


@dataclass
class _Planned:
    tier: Tier | None
    weight: float
    first: dt.date
    last: dt.date
    known_since: dt.date
    new: bool = False


def _plan_people(rng: random.Random, count: int, today: dt.date) -> list[_Planned]:
    tiers = [tier for tier, share, _ in TIER_PLAN for _ in range(round(share * count))]
    tiers = (tiers + [None] * count)[:count]
    rng.shuffle(tiers)
    weights = {tier: weight for tier, _, weight in TIER_PLAN}
    planned = [_window(rng, tier, weights[tier], today) for tier in tiers]
    acquaintances = [p for p in planned if p.tier is Tier.ACQUAINTANCE]
    for person in rng.sample(acquaintances, min(NEW_ACQUAINTANCES, len(acquaintances))):
        met = today - dt.timedelta(days=rng.randint(0, 6))
        person.first = person.last = person.known_since = met
        person.weight, person.new = 0.0, True
    return planned


def _window(rng: random.Random, tier: Tier | None, weight: float, today: dt.date) -> _Planned:
    """When this person's conversations happened: the last one, and how far back they go."""
    cadence = DEFAULT_CADENCE_DAYS[tier] if tier else None
    if tier is None:
        silence = rng.uniform(0, 5 * YEAR)
    elif cadence is None:  # marked dormant
        silence = rng.uniform(YEAR, 5 * YEAR)
    elif rng.random() < OVERDUE_SHARE:
        silence = min(5 * YEAR, cadence * rng.uniform(1.05, 3))
    else:
        silence = cadence * rng.uniform(0, 0.95)
    last = today - dt.timedelta(days=round(silence))
    first = max(
        last - dt.timedelta(days=round(rng.uniform(0.5, 6) * YEAR)),
        today.replace(year=today.year - 10),
    )
    known = first - dt.timedelta(days=round(rng.uniform(0, 2) * YEAR))
    return _Planned(tier, weight * rng.uniform(0.5, 1.5), first, last, known)


def _insert_people(rng: random.Random, owner: object, plan: list[_Planned]) -> list[int]:
    orgs = Organization.objects.bulk_create(
        Organization(owner=owner, name=f"Company {n:04d}", search_name=f"company {n:04d}")
        for n in range(max(10, len(plan) // 10))
    )
    circles = Circle.objects.bulk_create(
        Circle(owner=owner, name=name, search_name=fold(name)) for name in CIRCLES
    )
    now = timezone.now()
    rows = []
    for index, person in enumerate(plan):
        first, last = (
            f"Person{index:05d}",
            rng.choice(("Núñez", "Smith", "Okafor", "Lindqvist", "Chen")),
        )
        name = f"{first} {last}"
        tier = person.tier.value if person.tier else None
        rows.append(
            Person(
                owner=owner,
                first_name=first,
                last_name=last,
                full_name=name,
                search_name=fold(name),
                organization_id=rng.choice(orgs).pk if rng.random() < 0.7 else None,
                title=rng.choice(("Engineer", "Designer", "Manager", "Recruiter", "")),
                tier=tier,
                cadence_days=DEFAULT_CADENCE_DAYS[person.tier] if person.tier else None,
                known_since=person.known_since,
                archived_at=now if rng.random() < 0.02 else None,
                snoozed_until=person.last + dt.timedelta(days=400) if rng.random() < 0.01 else None,
            )
        )
    ids = [p.pk for p in Person.objects.bulk_create(rows, batch_size=2000)]
    through = Person.circles.through
    through.objects.bulk_create(
        (
            through(person_id=pid, circle_id=rng.choice(circles).pk)
            for pid, person in zip(ids, plan, strict=True)
            if person.tier is not None
        ),
        batch_size=5000,
    )
    return ids


def _insert_interactions(
    rng: random.Random,
    owner: object,
    plan: list[_Planned],
    person_ids: list[int],
    count: int,
    today: dt.date,
) -> dict[int, list[InteractionEvent]]:
    """Conversations drawn per person by weight within each one's window; 5% are groups."""
    indexes = list(range(len(plan)))
    new = [i for i, p in enumerate(plan) if p.new]
    primaries = new + rng.choices(indexes, weights=[p.weight for p in plan], k=count - len(new))
    contacts = [i for i, p in enumerate(plan) if p.tier is not None and not p.new]
    seen: set[int] = set()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    interaction_rows, people_rows = [], []
    events: dict[int, list[InteractionEvent]] = defaultdict(list)
    for number, primary in enumerate(primaries, start=1):
        person = plan[primary]
        if primary not in seen:  # everyone's first drawn conversation is their last one
            seen.add(primary)
            day = person.last
        else:
            span = (person.last - person.first).days
            day = person.first + dt.timedelta(days=rng.randint(0, span))
        group = [primary]
        if not person.new and rng.random() < GROUP_SHARE:
            group += [i for i in rng.sample(contacts, rng.randint(1, 4)) if i != primary]
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        initiated = rng.choice(("me", "them", "me", ""))
        interaction_rows.append(
            (number, owner.pk, False, str(day), kind, kind, initiated, "", "", now, now)
        )
        weight = interaction_weight(kind, len(group) - 1)
        for member in group:
            people_rows.append((number, person_ids[member]))
            events[person_ids[member]].append(InteractionEvent(day, weight, initiated))
    table = Interaction._meta.db_table
    columns = "id, owner_id, is_demo, occurred_on, summary, kind, initiated_by, notes, "
    columns += "source_key, created_at, updated_at"
    _executemany(
        f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 11)})", interaction_rows
    )
    through = Interaction.people.through._meta.db_table
    _executemany(f"INSERT INTO {through} (interaction_id, person_id) VALUES (%s, %s)", people_rows)
    return events


def _executemany(sql: str, rows: list[tuple[object, ...]], chunk: int = 50_000) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            cursor.executemany(sql, rows[start : start + chunk])


def _insert_promises(
    rng: random.Random, owner: object, person_ids: list[int], plan: list[_Planned], today: dt.date
) -> None:
    contacts = [pid for pid, p in zip(person_ids, plan, strict=True) if p.tier is not None]
    rows = []
    for number in range(3000):
        done = number >= 120  # a few open ones, some due; most long done
        due = today + dt.timedelta(days=rng.randint(-400, 0) if done else rng.randint(-20, 30))
        done_at = timezone.now() - dt.timedelta(days=rng.randint(0, 400)) if done else None
        rows.append(
            Promise(
                owner=owner,
                person_id=rng.choice(contacts),
                text="Send the article",
                due_on=due,
                done_at=done_at,
            )
        )
    Promise.objects.bulk_create(rows, batch_size=2000)


def _store_stats(
    owner: object, person_ids: list[int], events: dict[int, list[InteractionEvent]], today: dt.date
) -> None:
    stats = {pid: summarize(events.get(pid, [])) for pid in person_ids}
    for start in range(0, len(person_ids), 5000):
        chunk = {pid: stats[pid] for pid in person_ids[start : start + 5000]}
        people_services.apply_contact_stats(owner=owner, stats_by_person=chunk, today=today)
