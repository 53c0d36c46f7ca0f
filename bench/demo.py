"""Loading and clearing the demo network, as `make run` does on a fresh install."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from bench.results import Result, median, timings_ms
from mutuals.demo.services import clear_demo, load_demo

RUNS = 3
LOAD_GOAL_MS = 3000.0


def run() -> list[Result]:
    owner = get_user_model().objects.create_user(username="demo-bench")
    loads, clears = [], []
    for _ in range(RUNS):
        loads += timings_ms(lambda: load_demo(owner=owner), 1)
        clears += timings_ms(lambda: clear_demo(owner=owner), 1)
    owner.delete()
    return [
        Result.of("demo network, load (median)", median(loads), "ms", goal=LOAD_GOAL_MS),
        Result.of("demo network, clear (median)", median(clears), "ms"),
    ]
