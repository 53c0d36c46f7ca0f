"""Writes for introductions with double opt-in (issue 4): ask for one, offer one, move it on.

The steps and what each allows are `core.introductions`; this module keeps the rest of your
records in step with them:
- asking an introducer is an ask on the ledger (answered when they move it on), so the agenda
  nudges you about an unanswered one and asking again while you owe them warns;
- an introduction you were given is a receive from the introducer (thank them: `thanked`
  marks it thanked), makes the target one of your acquaintances introduced by the introducer,
  and records that the introducer knows them;
- an introduction you made is a give to both people, and records that they now know each other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.cadence import Tier
from mutuals.core.introductions import OPEN, Status, can_move, next_statuses
from mutuals.core.reciprocity import Direction, ExchangeKind
from mutuals.ledger import services as ledger
from mutuals.network.models import Introduction, Knows
from mutuals.network.services import record_knows
from mutuals.people.models import Person
from mutuals.people.services import owned_person, update_person

INTRODUCED_STRENGTH = 0.4  # new acquaintances, made through someone: a weak tie to start


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) > 300:
        raise ValidationError({"reason": ["Keep the reason under 300 characters."]})
    return reason


def _day(on: dt.date | None) -> dt.date:
    day = on or timezone.localdate()
    if day > timezone.localdate() + dt.timedelta(days=1):
        raise ValidationError({"on": ["That day is in the future."]})
    return day


def _no_open_duplicate(owner: AbstractBaseUser, **people: int | None) -> None:
    existing = Introduction.objects.filter(owner=owner, status__in=list(OPEN), **people).first()
    if existing is not None:
        raise ValidationError(
            {
                "target": [
                    f"That introduction is already under way (number {existing.pk}, "
                    f"{existing.status}); move it on instead of starting another."
                ]
            }
        )


@transaction.atomic
def request_introduction(
    *,
    owner: AbstractBaseUser,
    introducer_id: int,
    target_id: int,
    reason: str = "",
    on: dt.date | None = None,
) -> Introduction:
    """You ask `introducer` to introduce you to `target`: an ask on the ledger."""
    if introducer_id == target_id:
        raise ValidationError({"target": ["Ask someone to introduce you to another person."]})
    introducer = owned_person(owner=owner, person_id=introducer_id, field="introducer")
    target = owned_person(owner=owner, person_id=target_id, field="target")
    _no_open_duplicate(owner, introducer_id=introducer.pk, seeker=None, target_id=target.pk)
    day, why = _day(on), _reason(reason)
    text = f"An introduction to {target.full_name}" + (f": {why}" if why else "")
    ask = ledger.record_ask(owner=owner, person_id=introducer.pk, text=text[:500], asked_on=day)
    return Introduction.objects.create(
        owner=owner, introducer=introducer, target=target, reason=why, requested_on=day, ask=ask
    )


@transaction.atomic
def offer_introduction(
    *,
    owner: AbstractBaseUser,
    seeker_id: int,
    target_id: int,
    reason: str = "",
    on: dt.date | None = None,
) -> Introduction:
    """You plan to introduce `seeker` to `target`; ask them first (status `requested`)."""
    if seeker_id == target_id:
        raise ValidationError({"target": ["Introduce someone to a different person."]})
    seeker = owned_person(owner=owner, person_id=seeker_id, field="seeker")
    target = owned_person(owner=owner, person_id=target_id, field="target")
    _no_open_duplicate(owner, introducer=None, seeker_id=seeker.pk, target_id=target.pk)
    return Introduction.objects.create(
        owner=owner, seeker=seeker, target=target, reason=_reason(reason), requested_on=_day(on)
    )


@transaction.atomic
def move_introduction(
    *, owner: AbstractBaseUser, introduction_id: int, status: str, on: dt.date | None = None
) -> Introduction:
    """Move an introduction to its next step, keeping the ledger and the network in step."""
    intro = (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("introducer", "seeker", "target")
        .get(owner=owner, pk=introduction_id)
    )
    try:
        wanted = Status(status)
    except ValueError:
        raise ValidationError(
            {
                "status": [
                    f"Unknown status '{status}'. Choose one of: "
                    f"{', '.join(s.value for s in Status)}."
                ]
            }
        ) from None
    if not can_move(intro.status, wanted):
        allowed = ", ".join(s.value for s in next_statuses(intro.status)) or "nothing"
        raise ValidationError(
            {"status": [f"It is {intro.status}; from there it can go to: {allowed}."]}
        )
    day = _day(on)
    if day < intro.requested_on:
        raise ValidationError({"on": ["A step cannot come before the request."]})
    if intro.introducer_id is not None:
        _follow_request(owner, intro, wanted, day)
    else:
        _follow_offer(owner, intro, wanted, day)
    intro.status = wanted.value
    if wanted is Status.REQUESTED:
        intro.requested_on = day
    else:
        setattr(intro, f"{wanted.value}_on", day)
    intro.save()
    return intro


def _follow_request(
    owner: AbstractBaseUser, intro: Introduction, wanted: Status, day: dt.date
) -> None:
    """An introduction you asked for: the introducer answering answers your ask."""
    introducer, target = intro.introducer, intro.target
    assert introducer is not None
    if intro.ask_id is not None and wanted is not Status.THANKED:
        outcome = {Status.DECLINED: "declined", Status.MADE: "introduced"}.get(wanted, "")
        if wanted is Status.REQUESTED:
            intro.ask = ledger.record_ask(
                owner=owner, person_id=introducer.pk, text=intro.ask.text, asked_on=day
            )
        elif intro.ask.answered_on is None:
            ledger.answer_ask(owner=owner, ask_id=intro.ask_id, answered_on=day, note=outcome)
    if wanted is Status.MADE:
        intro.exchange = ledger.record_exchange(
            owner=owner,
            person_id=introducer.pk,
            direction=Direction.RECEIVED,
            kind=ExchangeKind.INTRODUCTION,
            text=f"Introduced me to {target.full_name}",
            occurred_on=day,
        )
        _now_known(owner, introducer, target, day)
    elif wanted is Status.THANKED and intro.exchange_id is not None:
        ledger.mark_thanked(owner=owner, exchange_id=intro.exchange_id, on=day)


def _now_known(owner: AbstractBaseUser, introducer: Person, target: Person, day: dt.date) -> None:
    """The target becomes one of your acquaintances, introduced by the introducer."""
    changes: dict[str, Any] = {}
    if target.tier is None:
        changes.update(tier=Tier.ACQUAINTANCE.value, known_since=target.known_since or day)
    if target.how_met == "":
        changes["how_met"] = f"Introduced by {introducer.full_name}"
    if target.introduced_by_id is None:
        changes["introduced_by_id"] = introducer.pk
    if changes:
        update_person(owner=owner, person_id=target.pk, **changes)
    _knows_at_least(owner, introducer.pk, target.pk, INTRODUCED_STRENGTH)


def _knows_at_least(owner: AbstractBaseUser, a: int, b: int, strength: float) -> None:
    low, high = sorted((a, b))
    if not Knows.objects.filter(owner=owner, person_id=low, knows_id=high).exists():
        record_knows(owner=owner, person_id=a, knows_id=b, strength=strength, source="introduction")


def _follow_offer(
    owner: AbstractBaseUser, intro: Introduction, wanted: Status, day: dt.date
) -> None:
    """An introduction you make: making it is a give to both, and they now know each other."""
    if wanted is not Status.MADE:
        return
    seeker, target = intro.seeker, intro.target
    assert seeker is not None
    text = f"Introduced {seeker.full_name} to {target.full_name}"
    if intro.reason:
        text += f": {intro.reason}"
    first, _ = ledger.record_introduction(
        owner=owner, person_id=seeker.pk, other_id=target.pk, text=text[:500], occurred_on=day
    )
    intro.exchange = first
    _knows_at_least(owner, seeker.pk, target.pk, INTRODUCED_STRENGTH)


@transaction.atomic
def mark_followed_up(
    *, owner: AbstractBaseUser, introduction_id: int, on: dt.date | None = None
) -> Introduction:
    """You followed up with the person you were introduced to: it leaves the agenda."""
    intro = Introduction.objects.get(owner=owner, pk=introduction_id)
    if intro.made_on is None:
        raise ValidationError({"status": ["Follow up once the introduction is made."]})
    intro.followed_up_on = _day(on)
    intro.save(update_fields=["followed_up_on", "updated_at"])
    return intro


@transaction.atomic
def delete_introduction(*, owner: AbstractBaseUser, introduction_id: int) -> None:
    """Forget an introduction. What it put on the ledger stays: it happened."""
    Introduction.objects.get(owner=owner, pk=introduction_id).delete()
