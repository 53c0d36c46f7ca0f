"""Reads for interactions, always filtered by owner."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mutuals.interactions.models import Interaction


def timeline(*, owner: AbstractBaseUser, person_id: int) -> QuerySet[Interaction]:
    """A person's interactions, newest first, with everyone else who took part."""
    return (
        Interaction.objects.filter(owner=owner, people__id=person_id)
        .prefetch_related("people")
        .order_by("-occurred_on", "-id")
    )


def recent_interactions(*, owner: AbstractBaseUser) -> QuerySet[Interaction]:
    return Interaction.objects.filter(owner=owner).prefetch_related("people")


def get_interaction(*, owner: AbstractBaseUser, interaction_id: int) -> Interaction:
    return Interaction.objects.prefetch_related("people").get(owner=owner, pk=interaction_id)
