"""Reads for the ledger and the give/receive balance, always filtered by owner."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mutuals.core import reciprocity
from mutuals.core.reciprocity import (
    AskRecord,
    AskWarning,
    Balance,
    Direction,
    ExchangeKind,
    OpenNeed,
)
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs.selectors import open_needs_of
from mutuals.people.models import Person


def exchanges_for(*, owner: AbstractBaseUser, person_id: int | None = None) -> QuerySet[Exchange]:
    exchanges = Exchange.objects.filter(owner=owner).select_related("person", "introduced_to")
    if person_id is not None:
        exchanges = exchanges.filter(person_id=person_id)
    return exchanges.order_by("-occurred_on", "-id")


def asks_for(
    *, owner: AbstractBaseUser, person_id: int | None = None, unanswered: bool = False
) -> QuerySet[Ask]:
    asks = Ask.objects.filter(owner=owner).select_related("person")
    if person_id is not None:
        asks = asks.filter(person_id=person_id)
    if unanswered:
        asks = asks.filter(answered_on__isnull=True)
    return asks.order_by("-asked_on", "-id")


def balances(
    *, owner: AbstractBaseUser, today: dt.date, person_ids: list[int] | None = None
) -> dict[int, Balance]:
    """The balance of each person with any exchange (all of them, or those asked for)."""
    rows = Exchange.objects.filter(owner=owner)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    by_person: dict[int, list[reciprocity.Exchange]] = defaultdict(list)
    for person_id, on, direction, kind in rows.values_list(
        "person_id", "occurred_on", "direction", "kind"
    ):
        by_person[person_id].append(
            reciprocity.Exchange(on=on, direction=Direction(direction), kind=ExchangeKind(kind))
        )
    return {pid: reciprocity.balance(items, today) for pid, items in by_person.items()}


def balance_for(*, owner: AbstractBaseUser, person_id: int, today: dt.date) -> Balance:
    found = balances(owner=owner, today=today, person_ids=[person_id])
    return found.get(person_id) or reciprocity.balance([], today)


def ask_warning_for(
    *, owner: AbstractBaseUser, person_id: int, today: dt.date
) -> AskWarning | None:
    """What to know before asking this person: None when asking is fine."""
    person = Person.objects.get(owner=owner, pk=person_id)
    asks = Ask.objects.filter(owner=owner, person_id=person_id).values_list(
        "asked_on", "answered_on"
    )
    return _ask_warning(
        person,
        balance_for(owner=owner, person_id=person_id, today=today),
        asks,
        open_needs_of(owner=owner, person_id=person_id),
        today,
    )


def _ask_warning(
    person: Person,
    current: Balance,
    asks: Iterable[tuple[dt.date, dt.date | None]],
    open_needs: Iterable[OpenNeed],
    today: dt.date,
) -> AskWarning | None:
    records = [AskRecord(on=on, answered=answered is not None) for on, answered in asks]
    name = person.first_name or person.full_name
    return reciprocity.ask_warning(current, records, open_needs, today, name=name)


@dataclass(frozen=True)
class PersonLedger:
    """One person's give and take as their page shows it."""

    balance: Balance
    exchanges: list[Exchange]  # the newest few, each with whom an introduction was to
    asks: list[Ask]  # the newest few
    ask_warning: AskWarning | None


# Of the person someone was introduced to, a page shows only their name and links to them.
INTRODUCED_TO_FIELDS = ("introduced_to__id", "introduced_to__full_name")
_EXCHANGE_FIELDS = tuple(field.name for field in Exchange._meta.concrete_fields)


def ledger_of(
    *,
    owner: AbstractBaseUser,
    person: Person,
    open_needs: Iterable[OpenNeed],
    today: dt.date,
    recent: int = 10,
) -> PersonLedger:
    """The balance, the `recent` newest exchanges and asks, and the ask warning of a person the
    caller already loaded (with their open needs), in two queries: the same answers as
    `balance_for`, `exchanges_for`, `asks_for` and `ask_warning_for` together, which take
    seven. Raises Person.DoesNotExist for someone else's person."""
    if person.owner_id != owner.pk:
        raise Person.DoesNotExist("That person is not in your records.")
    exchanges = list(
        Exchange.objects.filter(owner=owner, person_id=person.pk)
        .select_related("introduced_to")
        .only(*_EXCHANGE_FIELDS, *INTRODUCED_TO_FIELDS)
        .order_by("-occurred_on", "-id")
    )
    asks = list(Ask.objects.filter(owner=owner, person_id=person.pk).order_by("-asked_on", "-id"))
    # So that a template reading `.person` asks nothing more.
    for exchange in exchanges:
        exchange.person = person
    for ask in asks:
        ask.person = person
    current = reciprocity.balance(
        [
            reciprocity.Exchange(
                on=e.occurred_on, direction=Direction(e.direction), kind=ExchangeKind(e.kind)
            )
            for e in exchanges
        ],
        today,
    )
    warning = _ask_warning(
        person, current, [(a.asked_on, a.answered_on) for a in asks], open_needs, today
    )
    return PersonLedger(current, exchanges[:recent], asks[:recent], warning)


def balance_table(*, owner: AbstractBaseUser, today: dt.date) -> list[tuple[Person, Balance]]:
    """Everyone with an exchange and their balance, the most against you first (then by name)."""
    found = balances(owner=owner, today=today)
    people = Person.objects.filter(owner=owner, pk__in=list(found))
    rows = [(person, found[person.pk]) for person in people]
    return sorted(rows, key=lambda row: (row[1].score, row[0].full_name, row[0].pk))
