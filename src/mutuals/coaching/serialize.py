"""The one JSON shape of a coach's dashboard rows and of a client's shared view, for
`mutuals coach clients|show --json` and /api/coach/clients…: numbers and codes, no sentences
beside a flag's words. A part a level does not reach is null, as in the view itself."""

from __future__ import annotations

from typing import Any

from mutuals.coaching.dashboard import ClientRow
from mutuals.coaching.shared import SharedView
from mutuals.progress.serialize import progress_to_dict


def row_to_dict(row: ClientRow) -> dict[str, Any]:
    return {
        "id": row.client_id,
        "name": row.name,
        "level": row.level.value,
        "link": row.link_id,
        "this_week": {
            "goals_met": row.progress.met_this_week,
            "goals": row.progress.goals_this_week,
            "gave": row.progress.gave_this_week,
            "asked": row.progress.asked_this_week,
        },
        "streak": row.progress.streak,
        "weeks": [
            {
                "week": week.week.isoformat(),
                "conversations": week.conversations,
                "gives": week.gives,
                "asks": week.asks,
            }
            for week in row.weeks
        ],
        "promises": {"kept": row.promises.kept, "due": row.promises.due, "days": row.promises.days},
        "leads_by_stage": {stage.stage: stage.count for stage in row.stages},
        "flags": [flag.code for flag in row.flags],
        "last_activity": row.last_activity.isoformat() if row.last_activity else None,
    }


def view_to_dict(view: SharedView) -> dict[str, Any]:
    return {
        **row_to_dict(view.row),
        "today": view.today.isoformat(),
        "progress": progress_to_dict(view.row.progress),
        "plan": None
        if view.plan is None
        else [
            {
                "kind": item.kind,
                "what": item.what,
                "person": item.person_name,
                "about": item.about or None,
            }
            for item in view.plan
        ],
        "leads": None
        if view.leads is None
        else [
            {
                "title": lead.title,
                "organization": lead.organization,
                "stage": lead.stage,
                "people": [{"name": p.name, "role": p.role} for p in lead.people],
            }
            for lead in view.leads
        ],
        "people": None
        if view.people is None
        else [
            {"name": p.name, "organization": p.organization, "closeness": p.closeness}
            for p in view.people
        ],
        "people_total": view.people_total,
    }
