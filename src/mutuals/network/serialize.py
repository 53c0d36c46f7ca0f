"""Plain-dict forms of who knows whom, shared by the JSON API and `mutuals ... --json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mutuals.network.models import Introduction, Knows
from mutuals.people.models import Person
from mutuals.people.serialize import iso, person_ref

if TYPE_CHECKING:  # numpy and the outreach rules load only when paths or steps are asked for
    from mutuals.network.paths import Acquaintance, Targets, WarmPath
    from mutuals.network.selectors import NextStep

DAYS = ("requested", "asked", "accepted", "declined", "made", "thanked", "followed_up")


def knows_to_dict(edge: Knows, other: Person | None = None) -> dict[str, Any]:
    """One edge; with `other`, also the person on the far side from the one asked about."""
    data = {
        "id": edge.pk,
        "person": person_ref(edge.person),
        "knows": person_ref(edge.knows),
        "strength": edge.strength,
        "source": edge.source,
        "note": edge.note,
        "created_at": iso(edge.created_at),
    }
    if other is not None:
        data["other"] = person_ref(other)
    return data


def path_to_dict(path: WarmPath) -> dict[str, Any]:
    """One warm path: `people` you first, `score`, and `why` (one sentence per hop)."""
    return {
        "people": [{"id": step.person_id, "name": step.name} for step in path.steps],
        "score": round(path.score, 4),
        "mode": path.mode,
        "kind": path.kind,
        "introducer": path.steps[1].person_id if path.kind != "direct" else None,
        "target": path.target_id,
        "why": path.why,
    }


def paths_to_dict(targets: Targets, found: list[WarmPath], mode: str) -> dict[str, Any]:
    """`mutuals path --json` and GET /api/paths: {"to", "note", "mode", "ranking", "paths"}."""
    from mutuals.network.paths import MODE_NOTES

    return {
        "to": targets.label,
        "targets": len(targets.ids),
        "note": targets.note,
        "mode": mode,
        "ranking": MODE_NOTES[mode],
        "paths": [path_to_dict(path) for path in found],
    }


def acquaintance_to_dict(found: Acquaintance) -> dict[str, Any]:
    return {
        "person": {"id": found.person_id, "name": found.name},
        "strength": round(found.strength, 3),
        "source": found.source,
    }


def introduction_to_dict(intro: Introduction, step: NextStep | None = None) -> dict[str, Any]:
    """One introduction; with `step`, what it asks of you next and the message to send."""
    data: dict[str, Any] = {
        "id": intro.pk,
        "introducer": person_ref(intro.introducer),
        "seeker": person_ref(intro.seeker),
        "target": person_ref(intro.target),
        "yours_to_make": intro.introducer_id is None,
        "reason": intro.reason,
        "status": intro.status,
        **{f"{day}_on": iso(getattr(intro, f"{day}_on")) for day in DAYS},
    }
    if step is not None:
        data["next"] = step_to_dict(step)
    return data


def step_to_dict(step: NextStep) -> dict[str, Any]:
    from mutuals.outreach.serialize import review_to_dict

    draft = step.draft
    return {
        "says": step.says,
        "moves": list(step.moves),
        "to": person_ref(step.recipient),
        "draft": None
        if draft is None
        else {
            "purpose": str(draft.purpose),
            "subject": draft.subject,
            "text": draft.text,
            "forwardable": draft.forwardable,
        },
        "review": review_to_dict(step.review) if step.review is not None else None,
        "warning": None
        if step.warning is None
        else {"severity": step.warning.severity, "message": step.warning.message},
    }
