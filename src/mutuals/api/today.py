"""/api/today: today's agenda, the same object as `mutuals today --json`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from mutuals.agenda.selectors import today_agenda
from mutuals.agenda.serialize import agenda_to_dict
from mutuals.api.auth import owner
from mutuals.api.schemas import TodayOut

router = Router(tags=["today"])


@router.get("", response=TodayOut, summary="Today's agenda")
def today(request: HttpRequest) -> dict[str, Any]:
    """Who to reach out to today and why: due promises first, then new acquaintances,
    keep-in-touch and dormant ties. `totals` counts each kind before the lists are cut."""
    on = timezone.localdate()
    return agenda_to_dict(today_agenda(owner=owner(request), today=on), on)
