"""The load test's visitor (locust): signed in, one request a second over Today, People, a
person page and /api/today. Run by bench/load.py, which signs in and sets the variables below.

Visitors arrive at random moments within the first second, as people do, rather than all in the
same instant each second: twenty requests fired together measure a queue that no real crowd of
twenty forms. Each keeps its own one-a-second pace from there (`constant_throughput`). The client
is locust's `FastHttpUser` (geventhttpclient), the one its authors recommend when the load
generator's own cost would otherwise show up in the figures.
"""

from __future__ import annotations

import os
import random

import gevent
from locust import constant_throughput, task
from locust.contrib.fasthttp import FastHttpUser

# One signed-in session shared by every visitor (one person, many tabs): signing in hashes a
# password on purpose slowly, and twenty sign-ins at once would be a different test.
COOKIE_HEADER = os.environ.get("MUTUALS_LOAD_COOKIES", "").replace(";", "; ")
TOKEN = os.environ.get("MUTUALS_LOAD_TOKEN", "")
PEOPLE = [int(i) for i in os.environ.get("MUTUALS_LOAD_PEOPLE", "1").split(",")]


class Visitor(FastHttpUser):
    wait_time = constant_throughput(1)

    def on_start(self) -> None:
        gevent.sleep(random.random())

    def _page(self, path: str, name: str) -> None:
        self.client.get(path, name=name, headers={"Cookie": COOKIE_HEADER})

    @task
    def today(self) -> None:
        self._page("/", "Today")

    @task
    def people(self) -> None:
        self._page("/people/", "People")

    @task
    def person(self) -> None:
        self._page(f"/people/{random.choice(PEOPLE)}/", "a person page")

    @task
    def api_today(self) -> None:
        self.client.get(
            "/api/today", name="/api/today", headers={"Authorization": f"Bearer {TOKEN}"}
        )
