"""/api/today: today's agenda, the same object as `mutuals today --json`; and the agenda's
thank-you action, POST /api/exchanges/{id}/thanked (answering an ask is POST
/api/asks/{id}/answered, reviewing a need POST /api/needs/{id}/reviewed)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router

from mutuals.agenda.selectors import today_agenda
from mutuals.agenda.serialize import agenda_to_dict
from mutuals.api.auth import owner
from mutuals.api.ledger import ExchangeOut
from mutuals.api.schemas import Day, Error, FieldErrors, Id, Input, TodayOut
from mutuals.ledger import selectors as ledger_selectors
from mutuals.ledger import services as ledger_services
from mutuals.ledger.serialize import exchange_to_dict

router = Router(tags=["today"])
actions = Router(tags=["today"])


@router.get("", response=TodayOut, summary="Today's agenda")
def today(request: HttpRequest) -> dict[str, Any]:
    """What to do today and why: due promises first, then birthdays and other occasions of the
    next few days, introductions, thank-yous owed, new acquaintances,
    keep-in-touch, asks still unanswered, needs to review and dormant ties. `totals` counts
    each kind before the lists are cut."""
    on = timezone.localdate()
    return agenda_to_dict(today_agenda(owner=owner(request), today=on), on)


class ThankedIn(Input):
    thanked_on: Day | None = Field(None, description="Defaults to today.")


@actions.post(
    "/exchanges/{exchange_id}/thanked",
    response={200: ExchangeOut, 404: Error, 422: FieldErrors},
    summary="Mark a receive thanked",
)
def mark_thanked(request: HttpRequest, exchange_id: Id, payload: ThankedIn) -> dict[str, Any]:
    """You said thank you for something you received: it leaves the agenda's thank-yous.
    Only a receive (`direction: received`) can be thanked for."""
    user = owner(request)
    ledger_services.mark_thanked(owner=user, exchange_id=exchange_id, on=payload.thanked_on)
    found = ledger_selectors.exchanges_for(owner=user).get(pk=exchange_id)
    return exchange_to_dict(found)
