"""The load test's visitor (locust): signed in, one request a second over Today, People, a
person page and /api/today. Run by bench/load.py, which signs in and sets the variables below."""

from __future__ import annotations

import os
import random

from locust import HttpUser, constant_throughput, task

# One signed-in session shared by every visitor (one person, many tabs): signing in hashes a
# password on purpose slowly, and twenty sign-ins at once would be a different test.
COOKIES = dict(
    pair.split("=", 1) for pair in os.environ.get("MUTUALS_LOAD_COOKIES", "").split(";") if pair
)
TOKEN = os.environ.get("MUTUALS_LOAD_TOKEN", "")
PEOPLE = [int(i) for i in os.environ.get("MUTUALS_LOAD_PEOPLE", "1").split(",")]


class Visitor(HttpUser):
    wait_time = constant_throughput(1)

    def on_start(self) -> None:
        self.client.cookies.update(COOKIES)

    @task
    def today(self) -> None:
        self.client.get("/", name="Today")

    @task
    def people(self) -> None:
        self.client.get("/people/", name="People")

    @task
    def person(self) -> None:
        self.client.get(f"/people/{random.choice(PEOPLE)}/", name="a person page")

    @task
    def api_today(self) -> None:
        self.client.get(
            "/api/today", name="/api/today", headers={"Authorization": f"Bearer {TOKEN}"}
        )
