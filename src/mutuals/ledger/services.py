"""Writes for the give/ask ledger: gives, receives, introductions made and asks."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.reciprocity import Direction, ExchangeKind
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs.models import Need
from mutuals.needs.services import mark_helped
from mutuals.people.services import owned_person, refresh_balances

KINDS = {kind.value for kind in ExchangeKind}


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": ["Say in a few words what it was."]})
    if len(text) > 500:
        raise ValidationError({"text": ["Keep it under 500 characters."]})
    return text


def _day(on: dt.date | None, field: str) -> dt.date:
    today = timezone.localdate()
    if on is not None and on > today:
        raise ValidationError({field: ["That date is in the future."]})
    return on or today


def _kind(kind: str) -> str:
    kind = (kind or "").strip().lower()
    if kind not in KINDS:
        choices = ", ".join(sorted(KINDS))
        raise ValidationError({"kind": [f"Unknown kind '{kind}'. Choose one of: {choices}."]})
    return kind


@transaction.atomic
def record_exchange(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    direction: str,
    kind: str,
    text: str,
    occurred_on: dt.date | None = None,
    need_id: int | None = None,
) -> Exchange:
    """Something you gave to or received from someone; with `need_id`, it helps that need."""
    if direction not in {d.value for d in Direction}:
        raise ValidationError({"direction": ["Say 'gave' or 'received'."]})
    person = owned_person(owner=owner, person_id=person_id)
    need = None
    if need_id is not None:
        need = Need.objects.filter(owner=owner, pk=need_id).first()
        if need is None:
            raise ValidationError({"need": ["That need is not in your records."]})
    exchange = Exchange.objects.create(
        owner=owner,
        person=person,
        direction=direction,
        kind=_kind(kind),
        text=_text(text),
        occurred_on=_day(occurred_on, "occurred_on"),
        need=need,
    )
    refresh_balances(owner=owner, today=timezone.localdate(), person_ids=[person.pk])
    if need is not None and need.status == "open":
        # A give helps their need (you helped); a receive helps yours (they helped).
        helper = person.pk if direction == Direction.RECEIVED else None
        mark_helped(owner=owner, need_id=need.pk, helped_by_id=helper, note=exchange.text)
    return exchange


@transaction.atomic
def record_introduction(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    other_id: int,
    text: str = "",
    occurred_on: dt.date | None = None,
    need_id: int | None = None,
) -> tuple[Exchange, Exchange]:
    """ "I introduced Jin to Gareth": one step, a give to each of them."""
    if person_id == other_id:
        raise ValidationError({"other": ["Introduce someone to a different person."]})
    person, other = (
        owned_person(owner=owner, person_id=person_id),
        owned_person(owner=owner, person_id=other_id, field="other"),
    )
    note = text.strip() or f"Introduced {person.full_name} to {other.full_name}"
    first = record_exchange(
        owner=owner,
        person_id=person.pk,
        direction=Direction.GAVE,
        kind=ExchangeKind.INTRODUCTION,
        text=note,
        occurred_on=occurred_on,
        need_id=need_id,
    )
    second = record_exchange(
        owner=owner,
        person_id=other.pk,
        direction=Direction.GAVE,
        kind=ExchangeKind.INTRODUCTION,
        text=note,
        occurred_on=occurred_on,
    )
    Exchange.objects.filter(pk=first.pk).update(introduced_to=other)
    Exchange.objects.filter(pk=second.pk).update(introduced_to=person)
    first.introduced_to, second.introduced_to = other, person
    return first, second


@transaction.atomic
def mark_thanked(
    *, owner: AbstractBaseUser, exchange_id: int, on: dt.date | None = None
) -> Exchange:
    """You said thank you for something you received: it leaves the agenda's thank-yous."""
    exchange = Exchange.objects.select_related("person").get(owner=owner, pk=exchange_id)
    if exchange.direction != Direction.RECEIVED:
        raise ValidationError({"exchange": ["Only something you received can be thanked for."]})
    thanked_on = _day(on, "thanked_on")
    if thanked_on < exchange.occurred_on:
        raise ValidationError({"thanked_on": ["A thank-you cannot come before what it thanks."]})
    exchange.thanked_on = thanked_on
    exchange.save(update_fields=["thanked_on"])
    return exchange


def unmark_thanked(*, owner: AbstractBaseUser, exchange_id: int) -> Exchange:
    """Undo `mark_thanked`: the receive is back on the agenda when a thank-you is still owed."""
    exchange = Exchange.objects.select_related("person").get(owner=owner, pk=exchange_id)
    exchange.thanked_on = None
    exchange.save(update_fields=["thanked_on"])
    return exchange


def delete_exchange(*, owner: AbstractBaseUser, exchange_id: int) -> None:
    exchange = Exchange.objects.get(owner=owner, pk=exchange_id)
    exchange.delete()
    refresh_balances(owner=owner, today=timezone.localdate(), person_ids=[exchange.person_id])


def record_ask(
    *, owner: AbstractBaseUser, person_id: int, text: str, asked_on: dt.date | None = None
) -> Ask:
    """Something you asked of someone. Check `ledger.selectors.ask_warning_for` first."""
    return Ask.objects.create(
        owner=owner,
        person=owned_person(owner=owner, person_id=person_id),
        text=_text(text),
        asked_on=_day(asked_on, "asked_on"),
    )


def answer_ask(
    *,
    owner: AbstractBaseUser,
    ask_id: int,
    answered_on: dt.date | None = None,
    note: str = "",
) -> Ask:
    ask = Ask.objects.get(owner=owner, pk=ask_id)
    ask.answered_on = _day(answered_on, "answered_on")
    if ask.answered_on < ask.asked_on:
        raise ValidationError({"answered_on": ["An answer cannot come before the ask."]})
    ask.outcome = note.strip() or ask.outcome
    ask.save(update_fields=["answered_on", "outcome"])
    return ask


def delete_ask(*, owner: AbstractBaseUser, ask_id: int) -> None:
    Ask.objects.get(owner=owner, pk=ask_id).delete()
