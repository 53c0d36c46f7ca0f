"""Carrying out an import's plan (`imports.planning`) inside one short write transaction.

People are created in bulk, existing people filled in, each row's source key remembered
(`SourceRecord`), likely duplicates paired for review, and every row that joined a person by
a match (not by its own key) recorded as a `Merge` whose snapshot says what the row added,
so it can be split off again (`imports.row_merge`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from mutuals.imports.models import Merge, SourceRecord
from mutuals.imports.planning import NEW_ID, Plan, Planner, State
from mutuals.imports.row_merge import ROW_MERGE
from mutuals.people import bulk
from mutuals.people.models import Person


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    return value


def draft_values(draft: bulk.PersonDraft) -> dict[str, Any]:
    """A draft as JSON, to create the row's person again when a merge is undone."""
    values = {
        name: _json(getattr(draft, name))
        for name in vars(draft)
        if name != "extra" and not name.startswith("_")
    }
    return values


def write_plan(
    *,
    owner: AbstractBaseUser,
    kind: str,
    filename: str,
    planner: Planner,
    state: State,
    add_row: Callable[[dict[str, Any]], None],
    prepared: list[Any] | None = None,
) -> dict[str, int]:
    """Write the plan; returns the counts for the report. `add_row(entry)` receives each row's
    outcome ({line, outcome, person_id, name, why, merge_id}). `prepared` is
    `bulk.prepare_people` of the plan's new people, made before the write lock."""
    plan = planner.plan
    organizations = bulk.ensure_organizations(owner=owner, names=plan.companies)
    created = bulk.create_people(
        owner=owner, drafts=[(n.draft, n.cleaned) for n in plan.new], prepared=prepared
    )

    def person_id(pid: int) -> int:
        return pid if pid > 0 else created[NEW_ID - pid]

    updates = planner.updates
    if updates:
        full = Person.objects.filter(owner=owner).in_bulk(list(updates))
        bulk.fill_in(owner=owner, updates=[(full[pid], c) for pid, c in updates.items()])
    dates = bulk.add_important_dates(
        owner=owner,
        rows=[(person_id(pid), *row) for pid, extras in planner.extras for row in extras.dates],
    )
    photos = bulk.add_photos(
        owner=owner,
        rows=[(person_id(pid), e.photo) for pid, e in planner.extras if e.photo is not None],
    )
    _remember_sources(owner, kind, plan, state, person_id)
    merges = _record_merges(owner, kind, filename, plan, state, person_id)
    paired = _pair_likely(owner, created, plan, person_id)
    _report_rows(plan, created, person_id, merges, paired, add_row)
    return {
        "organizations": organizations,
        "created": len(created),
        "updated": sum(1 for j in plan.joined if j.outcome == "updated"),
        "merged": sum(1 for j in plan.joined if j.outcome == "merged"),
        "unchanged": sum(1 for j in plan.joined if j.outcome == "unchanged"),
        "possible_duplicates": len(paired),
        "important_dates": dates,
        "photos": photos,
    }


def _remember_sources(
    owner: AbstractBaseUser,
    kind: str,
    plan: Plan,
    state: State,
    person_id: Callable[[int], int],
) -> None:
    keys: dict[str, int] = {}
    for number, new in enumerate(plan.new):
        for key in new.keys:
            keys.setdefault(key, person_id(NEW_ID - number))
    for joined in plan.joined:
        keys.setdefault(joined.key, person_id(joined.person))
    now = timezone.now()
    bulk.insert_values(
        SourceRecord,
        ("owner", "person", "kind", "key", "created_at"),
        [
            (owner.pk, pid, kind, key, now)
            for key, pid in keys.items()
            if key not in state.saved_keys
        ],
    )


def _record_merges(
    owner: AbstractBaseUser,
    kind: str,
    filename: str,
    plan: Plan,
    state: State,
    person_id: Callable[[int], int],
) -> dict[int, int]:
    """A Merge for each row that joined someone by a match and added something; returns
    {position in plan.joined: merge id}."""
    rows = [(i, j) for i, j in enumerate(plan.joined) if j.undoable and j.draft is not None]
    merges = [
        Merge(
            owner=owner,
            kept_id=person_id(j.person),
            merged_name=j.name[:320],
            snapshot={
                "kind": ROW_MERGE,
                "source": kind,
                "source_key": j.key,
                "file": filename,
                "line": j.line,
                "why": j.why,
                # When the person last changed before this row filled them in (None: created by
                # this import), so an undo with no edit since puts that back too.
                "kept_updated_at": _json(getattr(state.people.get(j.person), "updated_at", None)),
                "added": {k: _json(v) for k, v in j.added.items()},
                "row": draft_values(j.draft),
            },
        )
        for _, j in rows
        if j.draft is not None
    ]
    saved = Merge.objects.bulk_create(merges, batch_size=1000)
    if saved and saved[0].pk is None:  # a database that cannot return ids from a bulk insert
        saved = list(Merge.objects.filter(owner=owner).order_by("-id")[: len(merges)])[::-1]
    return {i: merge.pk for (i, _), merge in zip(rows, saved, strict=True)}


def _pair_likely(
    owner: AbstractBaseUser, created: list[int], plan: Plan, person_id: Callable[[int], int]
) -> dict[int, str]:
    """Pair the likely duplicates for review; returns {new person's index: who with, why}."""
    from mutuals.imports.merge import record_possible_duplicate

    paired: dict[int, str] = {}
    for position, other, reasons, score in plan.likely:
        pair = record_possible_duplicate(
            owner=owner,
            person_id=person_id(other),
            other_id=created[position],
            certainty="likely",
            reasons=reasons,
            score=score,
        )
        if pair is not None:
            paired[position] = ", ".join(reasons)
    return paired


def _report_rows(
    plan: Plan,
    created: list[int],
    person_id: Callable[[int], int],
    merges: dict[int, int],
    paired: dict[int, str],
    add_row: Callable[[dict[str, Any]], None],
) -> None:
    for number, new in enumerate(plan.new):
        name = new.contact.full_name or " ".join(
            p for p in (new.draft.first_name, new.draft.last_name) if p
        )
        review = paired.get(number)
        add_row(
            {
                "line": new.line,
                "outcome": "to review" if review else "created",
                "person_id": created[number],
                "name": name,
                "why": f"new; may be someone you had ({review})" if review else "new",
                "merge_id": None,
            }
        )
    for position, joined in enumerate(plan.joined):
        add_row(
            {
                "line": joined.line,
                "outcome": joined.outcome,
                "person_id": person_id(joined.person),
                "name": joined.name,
                "why": joined.why,
                "merge_id": merges.get(position),
            }
        )
    for line, name, why in plan.left_out:
        add_row(
            {
                "line": line,
                "outcome": "left out",
                "person_id": None,
                "name": name,
                "why": why,
                "merge_id": None,
            }
        )
