"""Small factories built on the real services, so test data is always valid data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from mutuals.interactions import services as interaction_services
from mutuals.people import services as people_services
from mutuals.promises import services as promise_services

PASSWORD = "correct-horse-battery"


def make_user(username: str, password: str = PASSWORD):
    return get_user_model().objects.create_user(username=username, password=password)


def make_person(owner, name: str = "Rosa Núñez", **fields: Any):
    fields.setdefault("tier", "friend")
    return people_services.create_person(owner=owner, name=name, **fields)


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def log(owner, people, summary: str = "Coffee and a chat", days: int = 0, **fields: Any):
    people = people if isinstance(people, list | tuple) else [people]
    return interaction_services.log_interaction(
        owner=owner,
        person_ids=[p.pk for p in people],
        summary=summary,
        occurred_on=days_ago(days),
        **fields,
    )


def make_promise(owner, person=None, text: str = "Send the article", due_in: int = 0):
    return promise_services.create_promise(
        owner=owner,
        person_id=person.pk if person else None,
        text=text,
        due_on=timezone.localdate() + dt.timedelta(days=due_in),
    )


def make_orion(owner, *, cleo_knows_alice: float | None = 0.8):
    """Bruce (close, talked 3 days ago) worked with Alice at Orion, whom you only know of;
    Cleo (an acquaintance) knows her too, unless `cleo_knows_alice` is None."""
    from mutuals.network.services import record_knows

    bruce = make_person(owner, "Bruce Wayne", tier="close", circles=["Work"])
    cleo = make_person(owner, "Cleo Park", tier="acquaintance", circles=["Community"])
    alice = make_person(
        owner, "Alice Oduya", tier=None, organization="Orion", title="Engineering Manager"
    )
    log(owner, bruce, days=3)
    record_knows(
        owner=owner,
        person_id=bruce.pk,
        knows_id=alice.pk,
        strength=0.8,
        source="worked_together",
        note="worked together at Orion",
    )
    if cleo_knows_alice is not None:
        record_knows(owner=owner, person_id=cleo.pk, knows_id=alice.pk, strength=cleo_knows_alice)
    return bruce, cleo, alice
