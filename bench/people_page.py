"""Server time of the people list page and of one person's page, through Django's test client,
signed in: on the bench's large database, and the person page also on the demo network.

Pages keep what they read until the owner's records change (`changes.kept`). Each figure is
for a visit that finds nothing kept (the first after a change, the common case under load: many
people, few visits each), unless its label says "kept"."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

from bench.results import Result, median, timings_ms

RUNS = 20
PERSON_RUNS = 40
GOAL_MS = 150.0
PERSON_GOAL_MS = 40.0
PAGES = {
    "people page, default sort (median)": "/people/",
    "people page, sort=strength (median)": "/people/?sort=strength",
}


def available() -> bool:
    try:
        resolve("/people/")
    except Resolver404:
        return False
    return True


def run(owner: object, note: str = "") -> list[Result]:
    client = _client(owner)
    results = []
    for metric, url in PAGES.items():
        label = f"{metric}, {note}" if note else metric
        results.append(Result.of(label, _median_ms(client, url, RUNS), "ms", goal=GOAL_MS))
    busiest = _busiest_person(owner)
    for label, kept in (
        ("person page, the most conversations (median)", False),
        ("person page, the most conversations, kept (median)", True),
    ):
        results.append(
            Result.of(
                f"{label}, {note}" if note else label,
                _median_ms(client, f"/people/{busiest}/", PERSON_RUNS, kept=kept),
                "ms",
            )  # the goal (issue 12) is for the demo network, below
        )
    return results + run_demo_person()


def run_demo_person() -> list[Result]:
    """The person page on the demo network (`mutuals demo`), for its busiest person."""
    from mutuals.demo.services import clear_demo, load_demo

    owner = get_user_model().objects.create_user(username="demo-person-page")
    try:
        load_demo(owner=owner)
        url = f"/people/{_busiest_person(owner)}/"
        value, cpu = _medians_ms(_client(owner), url, PERSON_RUNS)
        clear_demo(owner=owner)
    finally:
        owner.delete()
    return [
        Result.of("person page on the demo, busiest (median)", value, "ms", goal=PERSON_GOAL_MS),
        # The same requests' CPU time: what the page costs whatever else runs on the machine.
        Result.of("person page on the demo, busiest, CPU time (median)", cpu, "ms"),
    ]


def _client(owner: object) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(owner)
    return client


def _busiest_person(owner: object) -> int:
    from mutuals.people.models import Person

    people = Person.objects.filter(owner=owner).order_by("-interaction_count", "id")
    return people.values_list("id", flat=True)[0]


def _median_ms(client: Client, url: str, runs: int, *, kept: bool = False) -> float:
    return _medians_ms(client, url, runs, kept=kept)[0]


def _medians_ms(client: Client, url: str, runs: int, *, kept: bool = False) -> tuple[float, float]:
    """The median wall-clock time of `runs` requests and the median of their CPU time."""
    from mutuals.changes import kept as kept_answers

    cpu: list[float] = []

    def get() -> None:
        if not kept:
            kept_answers.forget()
        started = time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - started) * 1000)
        if response.status_code != 200:
            raise AssertionError(f"GET {url} answered {response.status_code}")

    get()  # the first request also brings stale stored strengths up to today
    cpu.clear()
    return median(timings_ms(get, runs)), median(cpu)
