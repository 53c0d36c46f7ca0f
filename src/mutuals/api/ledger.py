"""The give/ask ledger: /api/exchanges, /api/introductions, /api/asks and the balances.

POST /api/asks answers the ask and the warning that was due before it, so a client can show
"give first" suggestions; the warning never blocks the ask.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import (
    Day,
    Error,
    FieldErrors,
    Id,
    Input,
    Paging,
    PersonRef,
    Text,
    Timestamp,
)
from mutuals.ledger import selectors, services
from mutuals.ledger.serialize import (
    ask_to_dict,
    balance_row,
    balance_to_dict,
    exchange_to_dict,
    warning_to_dict,
)
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Person
from mutuals.people.serialize import person_ref

exchanges = Router(tags=["ledger"])
introductions = Router(tags=["ledger"])
asks = Router(tags=["ledger"])
balances = Router(tags=["ledger"])

ERRORS: dict[int, Any] = {404: Error, 422: FieldErrors}
KIND_HELP = "introduction, referral, recommendation, favour, advice or information."
RECENT = 10


# Shapes -------------------------------------------------------------------------------------


class ExchangeOut(Schema):
    id: int
    person: PersonRef
    direction: Literal["gave", "received"]
    kind: str
    text: str
    occurred_on: dt.date
    need: int | None = Field(description="The id of the need it helped, if any.")
    introduced_to: PersonRef | None = Field(description="For an introduction: the other person.")
    thanked_on: dt.date | None = Field(description="For a receive: when you said thank you.")
    created_at: Timestamp


class ExchangePage(Schema):
    count: int
    items: list[ExchangeOut]


class ExchangeFilters(Paging):
    person: Id | None = Field(None, description="Only exchanges with this person.")


class ExchangeIn(Input):
    person: Id = Field(description="Who you gave to or received from.")
    direction: Literal["gave", "received"]
    kind: Text = Field("information", description=KIND_HELP)
    text: Text = Field(description="What it was, in a few words.")
    occurred_on: Day | None = Field(None, description="Defaults to today.")
    need: Id | None = Field(None, description="The need it helps; marks it helped.")


class IntroductionIn(Input):
    person: Id = Field(description="One of the two people you introduced.")
    other: Id = Field(description="The other one.")
    note: Text = ""
    occurred_on: Day | None = Field(None, description="Defaults to today.")


class AskOut(Schema):
    id: int
    person: PersonRef
    text: str
    asked_on: dt.date
    answered: bool
    answered_on: dt.date | None
    outcome: str
    created_at: Timestamp


class AskPage(Schema):
    count: int
    items: list[AskOut]


class AskFilters(Paging):
    person: Id | None = Field(None, description="Only asks of this person.")
    unanswered: bool = Field(False, description="Only the ones not answered yet.")


class AskIn(Input):
    person: Id = Field(description="Who you asked.")
    text: Text = Field(description="What you asked, in a few words.")
    asked_on: Day | None = Field(None, description="Defaults to today.")


class AnsweredIn(Input):
    note: Text = Field("", description="What the answer was.")
    answered_on: Day | None = Field(None, description="Defaults to today.")


class GiveFirstOut(Schema):
    id: int
    text: str
    kind: str
    noted_on: dt.date


class WarningOut(Schema):
    severity: Literal["warn", "caution"]
    message: str
    give_first: list[GiveFirstOut] = Field(description="Their open needs, oldest first.")


class AskCreated(Schema):
    ask: AskOut
    warning: WarningOut | None = Field(description="What to know before this ask; null if fine.")


class BalanceRowOut(Schema):
    person: PersonRef
    given: float
    received: float
    score: float = Field(description="From -1 (you only receive) to 1 (you only give).")
    label: str


class BalancePage(Schema):
    count: int
    items: list[BalanceRowOut]


class BalanceOut(Schema):
    person: PersonRef
    given: float
    received: float
    score: float
    label: str
    reasons: list[str]
    last_given_on: dt.date | None
    warning: WarningOut | None = Field(description="The warning an ask would get today.")
    exchanges: list[ExchangeOut] = Field(description=f"The {RECENT} latest, newest first.")
    asks: list[AskOut] = Field(description=f"The {RECENT} latest, newest first.")


# Exchanges ----------------------------------------------------------------------------------


@exchanges.get("", response={200: ExchangePage, **ERRORS}, summary="List gives and receives")
def list_exchanges(request: HttpRequest, filters: Query[ExchangeFilters]) -> dict[str, Any]:
    """Newest first."""
    if filters.person is not None:
        people_selectors.get_person(owner=owner(request), person_id=filters.person)
    found = selectors.exchanges_for(owner=owner(request), person_id=filters.person)
    page = found[filters.offset : filters.offset + filters.limit]
    return {"count": found.count(), "items": [exchange_to_dict(e) for e in page]}


@exchanges.post(
    "", response={201: ExchangeOut, 422: FieldErrors}, summary="Record a give or receive"
)
def record_exchange(request: HttpRequest, payload: ExchangeIn) -> Status[dict[str, Any]]:
    """Something you gave (`direction: gave`) or received; with `need`, it helps that need."""
    made = services.record_exchange(
        owner=owner(request),
        person_id=payload.person,
        direction=payload.direction,
        kind=payload.kind,
        text=payload.text,
        occurred_on=payload.occurred_on,
        need_id=payload.need,
    )
    return Status(201, exchange_to_dict(made))


@exchanges.delete("/{exchange_id}", response={204: None, 404: Error}, summary="Delete an exchange")
def delete_exchange(request: HttpRequest, exchange_id: Id) -> Status[None]:
    services.delete_exchange(owner=owner(request), exchange_id=exchange_id)
    return Status(204, None)


@introductions.post(
    "", response={201: ExchangePage, 422: FieldErrors}, summary="Record an introduction you made"
)
def record_introduction(request: HttpRequest, payload: IntroductionIn) -> Status[dict[str, Any]]:
    """One step: a give of an introduction to each of the two people."""
    made = services.record_introduction(
        owner=owner(request),
        person_id=payload.person,
        other_id=payload.other,
        text=payload.note,
        occurred_on=payload.occurred_on,
    )
    return Status(201, {"count": len(made), "items": [exchange_to_dict(e) for e in made]})


# Asks ---------------------------------------------------------------------------------------


@asks.get("", response={200: AskPage, **ERRORS}, summary="List asks")
def list_asks(request: HttpRequest, filters: Query[AskFilters]) -> dict[str, Any]:
    """Newest first; `unanswered=true` keeps the ones still waiting."""
    if filters.person is not None:
        people_selectors.get_person(owner=owner(request), person_id=filters.person)
    found = selectors.asks_for(
        owner=owner(request), person_id=filters.person, unanswered=filters.unanswered
    )
    page = found[filters.offset : filters.offset + filters.limit]
    return {"count": found.count(), "items": [ask_to_dict(a) for a in page]}


@asks.post("", response={201: AskCreated, 422: FieldErrors}, summary="Record an ask")
def record_ask(request: HttpRequest, payload: AskIn) -> Status[dict[str, Any]]:
    """Records the ask and answers the warning that was due before it (null when fine)."""
    try:
        warning = selectors.ask_warning_for(
            owner=owner(request), person_id=payload.person, today=timezone.localdate()
        )
    except Person.DoesNotExist:
        raise ValidationError({"person": ["That person is not in your network."]}) from None
    made = services.record_ask(
        owner=owner(request), person_id=payload.person, text=payload.text, asked_on=payload.asked_on
    )
    return Status(201, {"ask": ask_to_dict(made), "warning": warning_to_dict(warning)})


@asks.post("/{ask_id}/answered", response={200: AskOut, **ERRORS}, summary="Mark an ask answered")
def answer_ask(request: HttpRequest, ask_id: Id, payload: AnsweredIn) -> dict[str, Any]:
    made = services.answer_ask(
        owner=owner(request), ask_id=ask_id, answered_on=payload.answered_on, note=payload.note
    )
    return ask_to_dict(made)


@asks.delete("/{ask_id}", response={204: None, 404: Error}, summary="Delete an ask")
def delete_ask(request: HttpRequest, ask_id: Id) -> Status[None]:
    services.delete_ask(owner=owner(request), ask_id=ask_id)
    return Status(204, None)


# Balances -----------------------------------------------------------------------------------


@balances.get("/balance", response=BalancePage, summary="Everyone's balance")
def list_balances(request: HttpRequest) -> dict[str, Any]:
    """Everyone you exchanged with, the balance most against you first."""
    rows = selectors.balance_table(owner=owner(request), today=timezone.localdate())
    return {"count": len(rows), "items": [balance_row(p, b) for p, b in rows]}


@balances.get(
    "/people/{person_id}/balance",
    response={200: BalanceOut, 404: Error},
    summary="One person's balance",
)
def person_balance(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """The balance and why, the warning an ask would get today, and the latest history."""
    user, today = owner(request), timezone.localdate()
    person = people_selectors.get_person(owner=user, person_id=person_id)
    found = selectors.exchanges_for(owner=user, person_id=person.pk)[:RECENT]
    asked = selectors.asks_for(owner=user, person_id=person.pk)[:RECENT]
    warning = selectors.ask_warning_for(owner=user, person_id=person.pk, today=today)
    return {
        "person": person_ref(person),
        **balance_to_dict(selectors.balance_for(owner=user, person_id=person.pk, today=today)),
        "warning": warning_to_dict(warning),
        "exchanges": [exchange_to_dict(e) for e in found],
        "asks": [ask_to_dict(a) for a in asked],
    }
