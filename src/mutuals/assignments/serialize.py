"""Plain-dict forms of an assignment, for the CLI's --json and the API.

{"id", "title", "details", "template": key or "", "set_on", "due_on" | null,
 "done": bool, "done_at" | null, "note": the client's words when done ("" if none),
 "cancelled": bool,
 "coach": {"id", "name"}, "former_coach": bool}            (the client's view)
 "client": {"id", "name"}                                    (the coach's view, instead)
"""

from __future__ import annotations

from typing import Any

from mutuals.assignments.models import Assignment
from mutuals.assignments.selectors import user_name


def _common(assignment: Assignment) -> dict[str, Any]:
    return {
        "id": assignment.pk,
        "title": assignment.title,
        "details": assignment.details,
        "template": assignment.template_key,
        "set_on": assignment.set_on.isoformat(),
        "due_on": assignment.due_on.isoformat() if assignment.due_on else None,
        "done": assignment.done_at is not None,
        "done_at": assignment.done_at.isoformat() if assignment.done_at else None,
        "note": assignment.done_note,
        "cancelled": assignment.cancelled_at is not None,
    }


def for_client(assignment: Assignment) -> dict[str, Any]:
    """`linked` comes from assignments.selectors.of_client (True when not annotated)."""
    coach = assignment.coach
    return {
        **_common(assignment),
        "coach": {"id": coach.pk, "name": user_name(coach)},
        "former_coach": not getattr(assignment, "linked", True),
    }


def for_coach(assignment: Assignment) -> dict[str, Any]:
    client = assignment.client
    return {**_common(assignment), "client": {"id": client.pk, "name": user_name(client)}}
