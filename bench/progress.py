"""The progress page on the bench's large database (server time, through Django's test client,
signed in), against the naive way: one COUNT query per week per goal.

Goals are set 20 weeks back (before the 12 weeks the page reads), and a year of gives, asks and
kept promises is added in bulk beside the dataset's conversations, then removed, leaving the
dataset as it was."""

from __future__ import annotations

import datetime as dt
import random

from django.test import Client

from bench.results import Result, median, timings_ms

RUNS = 15
GOAL_MS = 100.0
GOAL_WEEKS_BACK = 20
GIVES = 5_000
ASKS = 1_000
PROMISES = 1_000


def run(owner: object, today: dt.date, note: str = "") -> list[Result]:
    from mutuals.core.progress import WEEKS
    from mutuals.progress import selectors

    added = _add_history(owner, today)
    client = Client(HTTP_HOST="localhost")
    client.force_login(owner)
    try:
        client.get("/progress/")  # the first request brings the session and caches up
        page = timings_ms(lambda: client.get("/progress/"), RUNS)
        read = timings_ms(lambda: selectors.progress(owner=owner, today=today), RUNS)
        naive = timings_ms(lambda: naive_counts(owner, today, WEEKS), 5)
    finally:
        _remove(added)
    label = f", {note}" if note else ""
    return [
        Result.of(f"progress page (median){label}", median(page), "ms", goal=GOAL_MS),
        Result.of(
            f"progress counts, grouped (median){label}",
            median(read),
            "ms",
            baseline=median(naive),
        ),
        Result.of(
            f"progress counts, a query per week per goal (median){label}", median(naive), "ms"
        ),
    ]


def naive_counts(owner: object, today: dt.date, weeks: int) -> dict[str, list[int]]:
    """The baseline: the same counts as progress.selectors.week_counts, asked week by week."""
    from django.db.models import F, Q

    from mutuals.core.progress import LIVE_KINDS, WRITTEN_KINDS, weeks_until
    from mutuals.interactions.models import Interaction
    from mutuals.leads.models import LeadEvent
    from mutuals.ledger.models import Exchange
    from mutuals.people.models import Person
    from mutuals.promises.models import Promise

    counts: dict[str, list[int]] = {}
    for monday in weeks_until(today, weeks):
        span = (monday, monday + dt.timedelta(days=6))
        row = {
            "gives": Exchange.objects.filter(
                owner=owner, direction="gave", occurred_on__range=span
            ).count(),
            "conversations": Interaction.objects.filter(owner=owner, occurred_on__range=span)
            .filter(Q(kind__in=LIVE_KINDS) | Q(kind__in=WRITTEN_KINDS, source_key=""))
            .count(),
            "new_people": Person.objects.filter(owner=owner, first_contact_on__range=span).count(),
            "follow_ups": Promise.objects.filter(
                owner=owner, done_at__date__range=span, done_at__date__lte=F("due_on")
            ).count(),
            "applications": LeadEvent.objects.filter(
                owner=owner, stage="applied", occurred_on__range=span, lead__people__role="referrer"
            ).count(),
        }
        for kind, n in row.items():
            counts.setdefault(kind, []).append(n)
    return counts


def _add_history(owner: object, today: dt.date) -> dict[str, list[int]]:
    from django.utils import timezone

    from mutuals.core.progress import week_of
    from mutuals.ledger.models import Ask, Exchange
    from mutuals.people.models import Person
    from mutuals.progress.models import Goal
    from mutuals.promises.models import Promise

    rng = random.Random(5)
    people = list(
        Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True)[:3000]
    )

    def day() -> dt.date:
        return today - dt.timedelta(days=rng.randint(0, 364))

    gives = Exchange.objects.bulk_create(
        (
            Exchange(
                owner=owner,
                person_id=rng.choice(people),
                direction=rng.choice(("gave", "gave", "received")),
                kind="advice",
                text="Bench advice",
                occurred_on=day(),
            )
            for _ in range(GIVES)
        ),
        batch_size=1000,
    )
    asks = Ask.objects.bulk_create(
        (
            Ask(owner=owner, person_id=rng.choice(people), text="Bench ask", asked_on=day())
            for _ in range(ASKS)
        ),
        batch_size=1000,
    )
    promises = []
    for _ in range(PROMISES):
        due = day()
        done = due - dt.timedelta(days=rng.randint(-3, 5))
        promises.append(
            Promise(
                owner=owner,
                person_id=rng.choice(people),
                text="Bench promise",
                due_on=due,
                done_at=timezone.make_aware(dt.datetime.combine(done, dt.time(12))),
            )
        )
    promises = Promise.objects.bulk_create(promises, batch_size=1000)
    since = week_of(today) - dt.timedelta(weeks=GOAL_WEEKS_BACK)
    goals = Goal.objects.bulk_create(
        Goal(owner=owner, kind=kind, weekly_target=target, since=since)
        for kind, target in (
            ("gives", 60),
            ("conversations", 500),
            ("new_people", 5),
            ("follow_ups", 10),
        )
    )
    return {
        "gives": [g.pk for g in gives],
        "asks": [a.pk for a in asks],
        "promises": [p.pk for p in promises],
        "goals": [g.pk for g in goals],
    }


def _remove(added: dict[str, list[int]]) -> None:
    from mutuals.ledger.models import Ask, Exchange
    from mutuals.progress.models import Goal
    from mutuals.promises.models import Promise

    Exchange.objects.filter(pk__in=added["gives"]).delete()
    Ask.objects.filter(pk__in=added["asks"]).delete()
    Promise.objects.filter(pk__in=added["promises"]).delete()
    Goal.objects.filter(pk__in=added["goals"]).delete()
