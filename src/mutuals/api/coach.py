"""/api/coach/clients…: a coach's clients (the dashboard's rows) and one client's shared view,
the same objects as `mutuals coach clients|show --json`. Counts, codes and dates; a part above
the client's level is null. A client who is not linked to you is a 404, like no such user."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from mutuals.api.auth import owner
from mutuals.api.progress import ProgressOut
from mutuals.api.schemas import Error, Id, Paging
from mutuals.coaching import dashboard, shared
from mutuals.coaching.serialize import row_to_dict, view_to_dict
from mutuals.core.coach_flags import FLAG_CODES
from mutuals.core.coaching import LEVELS
from mutuals.core.leads import STAGES

router = Router(tags=["coach"])

LevelCode = Literal[tuple(level.value for level in LEVELS)]  # type: ignore[valid-type]
FlagCode = Literal[FLAG_CODES]  # type: ignore[valid-type]


class CoachThisWeek(Schema):
    goals_met: int
    goals: int
    gave: int
    asked: int


class CoachWeekOut(Schema):
    week: dt.date = Field(description="Its Monday.")
    conversations: int = Field(description="Meaningful conversations, as on the progress page.")
    gives: int
    asks: int


class CoachPromisesOut(Schema):
    kept: int = Field(description="Done on or before their day.")
    due: int = Field(description="Due in the last `days` days, today included.")
    days: int


class CoachClientOut(Schema):
    id: int
    name: str
    level: LevelCode = Field(
        description="What the client shares with you: progress, plan, network."
    )
    link: int = Field(description="The link's id.")
    this_week: CoachThisWeek
    streak: int
    weeks: list[CoachWeekOut] = Field(description="The last 12 weeks, oldest first.")
    promises: CoachPromisesOut
    leads_by_stage: dict[str, int] = Field(description=f"How many leads at each of {STAGES}.")
    flags: list[FlagCode] = Field(
        description="quiet (no conversation in 14 days), asking_not_giving (3 asks and no gives "
        "in 30 days), goals_missed (two weeks running), applied_waiting (a lead at applied for "
        "3 weeks)."
    )
    last_activity: dt.date | None = Field(
        description="The last day with a conversation, give or ask in the 12 weeks."
    )


class CoachClientsOut(Schema):
    count: int = Field(description="How many clients match, on every page.")
    items: list[CoachClientOut]


class CoachPlanItemOut(Schema):
    kind: str
    what: str
    person: str | None
    about: str | None = Field(description="The lead's title, for an item about a lead.")


class CoachLeadPersonOut(Schema):
    name: str
    role: str


class CoachLeadOut(Schema):
    title: str
    organization: str
    stage: str
    people: list[CoachLeadPersonOut]


class CoachPersonOut(Schema):
    name: str
    organization: str
    closeness: str


class CoachClientDetail(CoachClientOut):
    today: dt.date
    progress: ProgressOut
    plan: list[CoachPlanItemOut] | None = Field(description="Today's plan; null below plan.")
    leads: list[CoachLeadOut] | None = Field(description="Open leads; null below plan.")
    people: list[CoachPersonOut] | None = Field(
        description="The closest 200 people; null below network."
    )
    people_total: int | None


class CoachClientsFilters(Paging):
    sort: Literal["name", "flags", "activity"] = Field(
        "name", description="name, flags (most first) or activity (the quietest first)."
    )
    flagged: bool = Field(False, description="Only the clients with a flag.")


@router.get("/coach/clients", response={200: CoachClientsOut}, summary="Your clients")
def list_clients(request: HttpRequest, filters: Query[CoachClientsFilters]) -> dict[str, Any]:
    """The clients linked to you (`limit` of them after `offset`, in the order asked), with this
    week against their goals, 12 weeks of conversations, gives and asks, promises kept, leads by
    stage and flags. Each client listed is recorded in their coach activity."""
    found = dashboard.dashboard_slice(
        coach=owner(request),
        today=timezone.localdate(),
        sort=filters.sort,
        flagged_only=filters.flagged,
        offset=filters.offset,
        limit=filters.limit,
    )
    return {"count": found.total, "items": [row_to_dict(row) for row in found.rows]}


@router.get(
    "/coach/clients/{client_id}", response={200: CoachClientDetail, 404: Error}, summary="A client"
)
def show_client(request: HttpRequest, client_id: Id) -> dict[str, Any]:
    """What the client shares with you at their level (each part opened is recorded in their
    coach activity); 404 when they are not linked to you."""
    view = shared.coach_view(coach=owner(request), client_id=client_id, today=timezone.localdate())
    return view_to_dict(view)
