"""/api/today: today's plan and the days after it, the same object as `mutuals today --json`
(agenda.serialize.plan_to_dict); and the agenda's
thank-you action, POST /api/exchanges/{id}/thanked (answering an ask is POST
/api/asks/{id}/answered, reviewing a need POST /api/needs/{id}/reviewed)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router

from mutuals.agenda.cache import cached_plan
from mutuals.agenda.meetings import upcoming_meetings
from mutuals.agenda.serialize import plan_to_dict
from mutuals.api.auth import owner
from mutuals.api.ledger import ExchangeOut
from mutuals.api.schemas import Day, Error, FieldErrors, Id, Input, TodayOut
from mutuals.core.agenda import COMING_DAYS
from mutuals.ledger import selectors as ledger_selectors
from mutuals.ledger import services as ledger_services
from mutuals.ledger.serialize import exchange_to_dict

MAX_MORE = 100
router = Router(tags=["today"])
actions = Router(tags=["today"])


@router.get("", response=TodayOut, summary="Today's plan")
def today(
    request: HttpRequest,
    more: Annotated[
        int, Field(ge=0, le=MAX_MORE, description="Extra items pulled forward (do one more).")
    ] = 0,
    coming: Annotated[
        Literal["week", "all"],
        Field(
            description=f"`week`: `later` holds the next {COMING_DAYS} coming days that have "
            "something planned; `all`: every coming day."
        ),
    ] = "week",
) -> dict[str, Any]:
    """What to do today and why: a plan of a few actions (`plan_size`, set in Settings) chosen
    from everything due: promises first, then birthdays and other occasions, introductions and
    thank-yous owed, new acquaintances, the strongest overdue ties, asks still unanswered,
    needs to review, and at most one dormant tie a day. What was done today (`done_today`)
    counts against the plan; `more` pulls that many items forward. Everything else due is
    planned over the coming days: `later` holds the next few (`coming=all` for every one), each
    item with the day it is planned for, and `later_count` counts them all. `meetings` lists
    your coming meetings with your people from the calendars you connected (Connections),
    each with your last conversation's line."""
    user = owner(request)
    plan = cached_plan(user, timezone.localdate(), extra=more)
    meetings = upcoming_meetings(owner=user)
    return plan_to_dict(plan, None if coming == "all" else COMING_DAYS, meetings)


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
