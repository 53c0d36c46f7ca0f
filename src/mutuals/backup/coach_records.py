"""What a backup holds of coaching: the drafts a client sent for review, the comments on them
and the assignments coaches set. A coach is named by user name (`USER_FIELDS`); a restore gives
these records to the user of that name on this install, or leaves them out when no one has it
(or it is the owner). A comment's `undo` names other comments by their numbers in the file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from mutuals.backup.selectors import KINDS, USER_FIELDS, undo_with_numbers
from mutuals.feedback.models import DraftComment


def coaches_not_here(*, owner: AbstractBaseUser, data: dict[str, Any]) -> list[str]:
    """The coaches a backup names who have no account on this install (or are the owner):
    restoring leaves out their drafts and assignments."""
    named: set[str] = {
        row[field]
        for name, (_model, fields) in KINDS.items()
        for field in fields
        if field in USER_FIELDS
        for row in data.get(name, []) or []
        if isinstance(row, dict) and isinstance(row.get(field), str)
    }
    here = _users_here(owner, named)
    return sorted(name for name in named if name not in here)


def _users_here(owner: AbstractBaseUser, names: set[str]) -> dict[str, int]:
    users = get_user_model().objects.filter(username__in=names).exclude(pk=owner.pk)
    return dict(users.values_list("username", "pk"))


def with_coaches(
    owner: AbstractBaseUser, records: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """The records with each coach's user name replaced by their id on this install, without
    those whose coach is not here (and the comments on such drafts); and who is not here."""
    named = {
        row[field]
        for name, (_model, fields) in KINDS.items()
        for field in fields
        if field in USER_FIELDS
        for row in records[name]
    }
    here = _users_here(owner, named)
    kept: dict[str, list[dict[str, Any]]] = {}
    for name, (_model, fields) in KINDS.items():
        users = [field for field in fields if field in USER_FIELDS]
        rows = [row for row in records[name] if all(row[field] in here for field in users)]
        kept[name] = [{**row, **{field: here[row[field]] for field in users}} for row in rows]
    reviews = {row["id"] for row in kept["draft_reviews"]}
    kept["draft_comments"] = [row for row in kept["draft_comments"] if row["review"] in reviews]
    return kept, sorted(named - set(here))


def check_comments(records: dict[str, list[dict[str, Any]]], errors: dict[str, list[str]]) -> None:
    """A passage has both ends, in order; what undoing names is a comment on the same draft."""
    review_of = {row.get("id"): row.get("review") for row in records["draft_comments"]}
    for row in records["draft_comments"]:
        start, end = row.get("start"), row.get("end")
        if (start is None) != (end is None):
            errors[f"{row['where']}.end"] = [
                "Give both start and end (a passage), or neither (a message in the thread)."
            ]
        elif isinstance(start, int) and isinstance(end, int) and start > end:
            errors[f"{row['where']}.end"] = ["The passage ends before it starts."]
        undo = row.get("undo")
        if isinstance(undo, dict):
            others = [int(key) for key in undo["before"]["comments"]]
            if any(review_of.get(n, object()) != row.get("review") for n in others):
                errors[f"{row['where']}.undo"] = [
                    'Each number in "comments" is a comment on the same draft.'
                ]


def write_undo(rows: list[dict[str, Any]], mine: dict[int, int]) -> None:
    """What accepting a suggestion changed names comments: by their new ids, once all exist."""
    for row in rows:
        if row["undo"] is not None:
            DraftComment.objects.filter(pk=mine[row["id"]]).update(
                undo=undo_with_numbers(row["undo"], mine)
            )
