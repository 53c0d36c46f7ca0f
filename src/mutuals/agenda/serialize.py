"""Plain-dict form of today's agenda: the shape of `mutuals today --json` and GET /api/today.

{"date": "2025-03-14",
 "items": [{"kind", "person": {"id", "name"} | null, "reason", "score", "promise_id",
            "due_on", "overdue_days", "strength", "text"}, ...],
 "totals": {"promise": n, "new_acquaintance": n, "keep_in_touch": n, "dormant": n}}

`totals` count each kind before the agenda's limits cut the lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mutuals.core.agenda import KIND_ORDER, Agenda, AgendaItem


def agenda_item_to_dict(item: AgendaItem) -> dict[str, Any]:
    person = None
    if item.person_id is not None:
        person = {"id": item.person_id, "name": item.person_name}
    return {
        "kind": str(item.kind),
        "person": person,
        "reason": item.reason,
        "score": round(item.score, 3),
        "promise_id": item.promise_id,
        "due_on": item.due_on.isoformat() if item.due_on else None,
        "overdue_days": item.overdue_days,
        "strength": item.strength,
        "text": item.text,
    }


def agenda_to_dict(agenda: Agenda, today: dt.date) -> dict[str, Any]:
    return {
        "date": today.isoformat(),
        "items": [agenda_item_to_dict(item) for item in agenda.items],
        "totals": {str(kind): agenda.totals.get(kind, 0) for kind in KIND_ORDER},
    }
