"""Build today's agenda for one owner with two queries: open due promises, and the contacts
that could produce an item (the SQL mirror of core.agenda.is_candidate)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from mutuals.core.agenda import (
    DORMANT_MIN_PEAK,
    DORMANT_MIN_SILENCE_DAYS,
    NEW_ACQUAINTANCE_DAYS,
    Agenda,
    AgendaLimits,
    ContactState,
    PromiseState,
    build_agenda,
)
from mutuals.core.cadence import Tier
from mutuals.core.strength import ContactStats, TieInputs
from mutuals.people.models import Person
from mutuals.promises.models import Promise

_CONTACT_COLUMNS = (
    "id",
    "full_name",
    "tier",
    "cadence_days",
    "known_since",
    "created_at",
    "snoozed_until",
    "first_contact_on",
    "last_contact_on",
    "interaction_count",
    "intensity",
    "intensity_on",
    "peak_intensity",
    "initiated_by_me",
    "initiated_by_them",
    "peak_on",
)


def _promise_states(owner: AbstractBaseUser, today: dt.date) -> list[PromiseState]:
    rows = (
        Promise.objects.filter(owner=owner, done_at__isnull=True, due_on__lte=today)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
        .values_list("id", "person_id", "person__full_name", "text", "due_on", "snoozed_until")
    )
    return [PromiseState(*row) for row in rows]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def candidate_filter(today: dt.date) -> Q:
    """Contacts that could appear on today's agenda; a superset, core decides exactly."""
    recent = today - dt.timedelta(days=NEW_ACQUAINTANCE_DAYS)
    silent_since = today - dt.timedelta(days=DORMANT_MIN_SILENCE_DAYS)
    return (
        Q(keep_in_touch_due_on__lte=today)
        | Q(first_contact_on__gte=recent)
        # created_at >= the start of that local day: the same test as created_at's local date
        # >= recent, without SQLite calling a Python function for every row (__date does).
        | Q(first_contact_on__isnull=True, created_at__gte=_start_of(recent))
        | Q(known_since__gte=recent)
        | Q(last_contact_on__lte=silent_since, peak_intensity__gte=DORMANT_MIN_PEAK)
        | Q(tier=Tier.DORMANT.value)
    )


def contact_states(
    owner: AbstractBaseUser, today: dt.date, *, prefilter: bool = True
) -> list[ContactState]:
    """The owner's active contacts as core states; `prefilter=False` reads them all."""
    people = Person.objects.filter(owner=owner, archived_at__isnull=True, tier__isnull=False)
    people = people.filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
    if prefilter:
        people = people.filter(candidate_filter(today))
    rows = people.order_by().values_list(*_CONTACT_COLUMNS)  # core ranks; no SQL sort needed
    states = []
    for row in rows:
        (pid, name, tier, cadence, known_since, created_at, snoozed, *stats) = row
        added_on = known_since or timezone.localdate(created_at)
        tie = TieInputs(
            tier=Tier(tier),
            cadence_days=cadence,
            known_since=known_since,
            stats=ContactStats(*stats),
        )
        states.append(
            ContactState(id=pid, name=name, tie=tie, added_on=added_on, snoozed_until=snoozed)
        )
    return states


def today_agenda(
    *, owner: AbstractBaseUser, today: dt.date | None = None, limits: AgendaLimits | None = None
) -> Agenda:
    today = today or timezone.localdate()
    return build_agenda(
        _promise_states(owner, today),
        contact_states(owner, today),
        today,
        limits or AgendaLimits(),
    )
