"""Server time of the people list page, through Django's test client, signed in."""

from __future__ import annotations

from django.test import Client
from django.urls import Resolver404, resolve

from bench.results import Result, median, timings_ms

RUNS = 20
GOAL_MS = 150.0
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
    client = Client(HTTP_HOST="localhost")
    client.force_login(owner)
    results = []
    for metric, url in PAGES.items():

        def get(url: str = url) -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise AssertionError(f"GET {url} answered {response.status_code}")

        get()  # the first request also brings stale stored strengths up to today
        label = f"{metric}, {note}" if note else metric
        results.append(Result.of(label, median(timings_ms(get, RUNS)), "ms", goal=GOAL_MS))
    return results
