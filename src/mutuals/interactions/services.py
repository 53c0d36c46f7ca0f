"""Writes for interactions. Logging, editing or deleting one refreshes the contact statistics
(last contact, intensity, due date, strength) of everyone it involves."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.conversation_hints import HintKind
from mutuals.core.strength import ContactStats, InteractionEvent, interaction_weight, summarize
from mutuals.interactions.models import INITIATED_CHOICES, KIND_CHOICES, Interaction
from mutuals.ledger import services as ledger
from mutuals.needs import services as needs
from mutuals.people import services as people_services
from mutuals.people.models import Person
from mutuals.promises import services as promises

KINDS = {value for value, _ in KIND_CHOICES}
INITIATORS = {value for value, _ in INITIATED_CHOICES}


def _validate(
    *,
    owner: AbstractBaseUser,
    person_ids: Sequence[int],
    summary: str,
    occurred_on: dt.date,
    kind: str,
    initiated_by: str,
) -> list[Person]:
    errors: dict[str, list[str]] = {}
    if not summary.strip():
        errors["summary"] = ["Say in a few words what you talked about."]
    if occurred_on > timezone.localdate() + dt.timedelta(days=1):
        errors["occurred_on"] = ["A conversation cannot be in the future; plan it as a promise."]
    if occurred_on.year < 1900:
        errors["occurred_on"] = ["Give a date after 1900."]
    if kind not in KINDS:
        errors["kind"] = [f"Unknown kind '{kind}'. Choose one of: {', '.join(sorted(KINDS))}."]
    if initiated_by not in INITIATORS:
        errors["initiated_by"] = ["Say 'me', 'them' or leave it empty."]
    people = list(Person.objects.filter(owner=owner, pk__in=set(person_ids)))
    if not person_ids:
        errors["people"] = ["Choose who you talked with."]
    elif len(people) != len(set(person_ids)):
        errors["people"] = ["Some of those people are not in your network."]
    if errors:
        raise ValidationError(errors)
    return people


@transaction.atomic
def log_interaction(
    *,
    owner: AbstractBaseUser,
    person_ids: Sequence[int],
    summary: str,
    occurred_on: dt.date | None = None,
    kind: str = "other",
    initiated_by: str = "",
    notes: str = "",
) -> Interaction:
    """Record a conversation with one or more people; the date defaults to today."""
    occurred_on = occurred_on or timezone.localdate()
    kind = kind or "other"
    people = _validate(
        owner=owner,
        person_ids=person_ids,
        summary=summary,
        occurred_on=occurred_on,
        kind=kind,
        initiated_by=initiated_by,
    )
    interaction = Interaction.objects.create(
        owner=owner,
        occurred_on=occurred_on,
        summary=summary.strip(),
        kind=kind,
        initiated_by=initiated_by,
        notes=notes.strip(),
    )
    interaction.people.set(people)
    refresh_contact_stats(owner=owner, person_ids=[p.pk for p in people])
    return interaction


@transaction.atomic
def update_interaction(
    *,
    owner: AbstractBaseUser,
    interaction_id: int,
    person_ids: Sequence[int] | None = None,
    summary: str | None = None,
    occurred_on: dt.date | None = None,
    kind: str | None = None,
    initiated_by: str | None = None,
    notes: str | None = None,
) -> Interaction:
    interaction = Interaction.objects.select_for_update().get(owner=owner, pk=interaction_id)
    before = set(interaction.people.values_list("pk", flat=True))
    ids = list(person_ids) if person_ids is not None else sorted(before)
    interaction.summary = (summary if summary is not None else interaction.summary).strip()
    interaction.occurred_on = occurred_on or interaction.occurred_on
    interaction.kind = kind or interaction.kind
    if initiated_by is not None:
        interaction.initiated_by = initiated_by
    if notes is not None:
        interaction.notes = notes.strip()
    people = _validate(
        owner=owner,
        person_ids=ids,
        summary=interaction.summary,
        occurred_on=interaction.occurred_on,
        kind=interaction.kind,
        initiated_by=interaction.initiated_by,
    )
    interaction.save()
    interaction.people.set(people)
    refresh_contact_stats(owner=owner, person_ids=before | {p.pk for p in people})
    return interaction


@transaction.atomic
def delete_interaction(*, owner: AbstractBaseUser, interaction_id: int) -> None:
    interaction = Interaction.objects.get(owner=owner, pk=interaction_id)
    involved = set(interaction.people.values_list("pk", flat=True))
    interaction.delete()
    refresh_contact_stats(owner=owner, person_ids=involved)


def events_by_person(person_ids: Iterable[int]) -> dict[int, list[InteractionEvent]]:
    """Every interaction of these people as weighted events for the strength model."""
    ids = list(person_ids)
    through = Interaction.people.through
    sizes: dict[int, int] = defaultdict(int)
    rows = list(
        through.objects.filter(person_id__in=ids).values_list(
            "person_id",
            "interaction_id",
            "interaction__occurred_on",
            "interaction__kind",
            "interaction__initiated_by",
        )
    )
    interaction_ids = {row[1] for row in rows}
    for interaction_id in through.objects.filter(interaction_id__in=interaction_ids).values_list(
        "interaction_id", flat=True
    ):
        sizes[interaction_id] += 1
    events: dict[int, list[InteractionEvent]] = defaultdict(list)
    for person_id, interaction_id, on, kind, initiated_by in rows:
        weight = interaction_weight(kind, sizes[interaction_id])
        events[person_id].append(InteractionEvent(on=on, weight=weight, initiated_by=initiated_by))
    return events


def refresh_contact_stats(*, owner: AbstractBaseUser, person_ids: Iterable[int]) -> None:
    """Recompute the statistics of these people from all their interactions."""
    ids = list(person_ids)
    events = events_by_person(ids)
    stats: dict[int, ContactStats] = {pid: summarize(events.get(pid, [])) for pid in ids}
    people_services.apply_contact_stats(
        owner=owner, stats_by_person=stats, today=timezone.localdate()
    )


@transaction.atomic
def record_suggestion(
    *,
    owner: AbstractBaseUser,
    interaction_id: int,
    kind: str,
    text: str,
    person_id: int,
    detail: str = "",
    due_on: dt.date | None = None,
) -> object:
    """Record what the user confirmed from a conversation's suggestions: a promise (due
    `due_on`, default a week after the conversation), their need, or help given or received
    (`detail` its kind), with one of the people the conversation was with."""
    interaction = Interaction.objects.get(owner=owner, pk=interaction_id)
    if not interaction.people.filter(pk=person_id).exists():
        raise ValidationError({"person": ["Choose one of the people in this conversation."]})
    if kind == HintKind.PROMISE:
        due = due_on or max(interaction.occurred_on, timezone.localdate()) + dt.timedelta(days=7)
        return promises.create_promise(owner=owner, text=text, due_on=due, person_id=person_id)
    if kind == HintKind.NEED:
        return needs.add_need(owner=owner, text=text, kind=detail or "other", person_id=person_id)
    if kind in (HintKind.GAVE, HintKind.RECEIVED):
        return ledger.record_exchange(
            owner=owner,
            person_id=person_id,
            direction=kind,
            kind=detail or "information",
            text=text,
            occurred_on=interaction.occurred_on,
        )
    raise ValidationError({"kind": ["Choose a promise, a need, or help given or received."]})
