"""Reads for interactions, always filtered by owner."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mutuals.core.conversation_hints import Hint, find_hints
from mutuals.interactions.models import Interaction
from mutuals.people.models import Person


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


@dataclass(frozen=True)
class Suggestion:
    """Something a conversation's words suggest recording (core.conversation_hints): its
    `number` on the page, the `hint`, the words it came from and whom it is about (None when
    the conversation had several people and the words do not say which)."""

    number: int
    hint: Hint
    passage: str
    person: Person | None


def suggestions_for(*, interaction: Interaction) -> list[Suggestion]:
    """What the summary and notes of one of the owner's conversations (fetched with its
    people) suggest recording; nothing is recorded here."""
    people = sorted(interaction.people.all(), key=lambda p: p.pk)
    by_name: dict[str, Person] = {}
    for person in people:
        for name in (person.first_name, person.nickname, person.full_name):
            if name.strip():
                by_name.setdefault(name.strip(), person)
    only = people[0] if len(people) == 1 else None
    default_name = (only.first_name or only.nickname or only.full_name) if only else ""
    text = "\n".join(part for part in (interaction.summary, interaction.notes) if part)
    found = find_hints(text, names=list(by_name), default_name=default_name)
    return [
        Suggestion(
            number=number,
            hint=hint,
            passage=text[hint.start : hint.end],
            person=by_name.get(hint.person, only),
        )
        for number, hint in enumerate(found, 1)
    ]
