"""Reads for who knows whom. Every query is filtered by owner."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from mutuals.network.models import Knows
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Person


def knows_of(*, owner: AbstractBaseUser, person_id: int) -> list[tuple[Knows, Person]]:
    """Each edge of one of your people with the other person, strongest first.

    Raises Person.DoesNotExist for someone not in your records.
    """
    people_selectors.get_person(owner=owner, person_id=person_id)
    edges = (
        Knows.objects.filter(owner=owner)
        .filter(Q(person_id=person_id) | Q(knows_id=person_id))
        .select_related("person", "knows")
        .order_by("-strength", "id")
    )
    return [(e, e.knows if e.person_id == person_id else e.person) for e in edges]


def all_knows(*, owner: AbstractBaseUser) -> list[tuple[int, int, float, str]]:
    """Every edge as (person_id, knows_id, strength, source), for building core.network."""
    rows = Knows.objects.filter(owner=owner).order_by("id")
    return list(rows.values_list("person_id", "knows_id", "strength", "source"))
