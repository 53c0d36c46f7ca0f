"""Server time of sorting one person on the sorting page (People, Sort), through Django's
test client, signed in, on the bench's large database: the page that shows the next person
with what is known about them, and the step that sets their closeness and comes back.

Before measuring, the people next in line are given a few knows edges to the owner's contacts
(the dataset has none), so the mutual connections are read as they would be; the edges and
the closeness set are removed afterwards, leaving the dataset as it was."""

from __future__ import annotations

import random
import time

from django.test import Client

from bench.results import Result, median, timings_ms

PEOPLE = 40
EDGES_PER_PERSON = 5
GOAL_MS = 50.0


def run(owner: object, note: str = "") -> list[Result]:
    from mutuals.network.models import Knows
    from mutuals.people import triage
    from mutuals.people.bulk_changes import change_people

    client = Client(HTTP_HOST="localhost")
    client.force_login(owner)
    queue = list(triage.unsorted_people(owner=owner).order_by(*triage.ORDER)[:PEOPLE])
    edges = _add_edges(owner, [p.pk for p in queue])
    sorted_ids: list[int] = []
    pages, steps, cpu = [], [], []
    try:
        _get(client)  # the first request also brings stale stored strengths up to today
        for _ in range(PEOPLE):
            shown = triage.next_person(owner=owner)  # what the page shows: nobody is skipped
            if shown is None:
                break
            started = time.process_time()
            pages += timings_ms(lambda: _get(client), 1)
            steps += timings_ms(lambda pid=shown.pk: _sort(client, pid), 1)
            cpu.append((time.process_time() - started) * 1000)
            sorted_ids.append(shown.pk)
    finally:
        Knows.objects.filter(pk__in=edges).delete()
        if sorted_ids:
            change_people(owner=owner, person_ids=sorted_ids, tier=None)
    label = f", {note}" if note else ""
    per_person = [page + step for page, step in zip(pages, steps, strict=True)]
    return [
        Result.of(f"sorting page, next person (median){label}", median(pages), "ms"),
        Result.of(f"sorting step, set closeness (median){label}", median(steps), "ms"),
        Result.of(
            f"sorting one person: step and next page (median){label}",
            median(per_person),
            "ms",
            goal=GOAL_MS,
        ),
        # On a busy machine the wall-clock figures include waiting for a core; this does not.
        Result.of(f"sorting one person, CPU time (median){label}", median(cpu), "ms"),
    ]


def _get(client: Client) -> None:
    response = client.get("/people/sort/")
    if response.status_code != 200:
        raise AssertionError(f"GET /people/sort/ answered {response.status_code}")


def _sort(client: Client, person_id: int) -> None:
    response = client.post(
        f"/people/sort/{person_id}/", {"action": "closeness", "tier": "acquaintance"}
    )
    if response.status_code != 302:
        raise AssertionError(f"sorting answered {response.status_code}")


def _add_edges(owner: object, person_ids: list[int]) -> list[int]:
    from mutuals.network.models import Knows
    from mutuals.people.models import Person

    rng = random.Random(13)
    contacts = list(
        Person.objects.filter(owner=owner, tier__isnull=False)
        .order_by("id")
        .values_list("id", flat=True)[:2000]
    )
    pairs = {
        (min(a, b), max(a, b))
        for a in person_ids
        for b in rng.sample(contacts, EDGES_PER_PERSON)
        if a != b
    }
    made = Knows.objects.bulk_create(
        Knows(owner=owner, person_id=a, knows_id=b, strength=0.5) for a, b in sorted(pairs)
    )
    return [edge.pk for edge in made]
