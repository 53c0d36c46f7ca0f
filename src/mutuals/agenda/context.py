"""What the plan's reasons say about each person (core.agenda.reasons.PersonContext): their last
conversation and one open need, in two queries however many people are planned."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F

from mutuals.core.agenda.reasons import PersonContext
from mutuals.interactions.models import Interaction
from mutuals.needs.models import Need

CHUNK = 500  # ids per query: well under SQLite's limit on parameters


def person_contexts(
    *, owner: AbstractBaseUser, person_ids: Iterable[int]
) -> dict[int, PersonContext]:
    """Each person's last conversation (the latest one on their stored last contact day) and
    their most recently noted open need."""
    ids = sorted(set(person_ids))
    last: dict[int, tuple] = {}
    needs: dict[int, str] = {}
    for chunk in _chunks(ids):
        rows = (
            Interaction.people.through.objects.filter(
                person_id__in=chunk,
                interaction__owner=owner,
                interaction__occurred_on=F("person__last_contact_on"),
            )
            .order_by("person_id", "-interaction_id")
            .values_list(
                "person_id",
                "interaction__occurred_on",
                "interaction__kind",
                "interaction__summary",
                "interaction__notes",
            )
        )
        for person_id, *conversation in rows:
            last.setdefault(person_id, tuple(conversation))
        open_needs = (
            Need.objects.filter(owner=owner, status="open", person_id__in=chunk)
            .order_by("person_id", "-noted_on", "-id")
            .values_list("person_id", "text")
        )
        for person_id, text in open_needs:
            needs.setdefault(person_id, text)
    return {
        person_id: PersonContext(
            *last.get(person_id, (None, "", "", "")), need=needs.get(person_id, "")
        )
        for person_id in ids
        if person_id in last or person_id in needs
    }


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
