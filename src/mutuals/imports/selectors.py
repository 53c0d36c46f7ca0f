"""Reads for imports: the history of runs and one run's report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from mutuals.imports.models import ImportRun, Merge, PossibleDuplicate


def recent_runs(*, owner: AbstractBaseUser, limit: int = 10) -> list[ImportRun]:
    return list(ImportRun.objects.filter(owner=owner)[:limit])


def get_run(*, owner: AbstractBaseUser, run_id: int) -> ImportRun:
    """One of the owner's import runs; anyone else's is ImportRun.DoesNotExist."""
    return ImportRun.objects.get(owner=owner, pk=run_id)


def undoable_merges(*, owner: AbstractBaseUser, merge_ids: Iterable[int | None]) -> set[int]:
    """Which of these merges are the owner's and not undone yet (one query)."""
    ids = [i for i in merge_ids if i is not None]
    if not ids:
        return set()
    rows = Merge.objects.filter(owner=owner, pk__in=ids, undone_at__isnull=True)
    return set(rows.values_list("pk", flat=True))


def report_rows(*, owner: AbstractBaseUser, run: ImportRun) -> list[dict[str, Any]]:
    """The run's rows, each with `can_undo` when its merge can still be split off; a row left
    "to review" also has its open `pair` (a PossibleDuplicate) or, once you merged the pair,
    `later_merge` (the Merge's id, while it can be undone). Four queries at most."""
    rows = run.report.get("rows", []) if isinstance(run.report, dict) else []
    open_merges = undoable_merges(owner=owner, merge_ids=(r.get("merge_id") for r in rows))
    review = {r["person_id"] for r in rows if r["outcome"] == "to review" and r.get("person_id")}
    pairs: dict[int, PossibleDuplicate] = {}
    later: dict[int, int] = {}
    if review:
        for pair in (
            PossibleDuplicate.objects.filter(owner=owner, status="open")
            .filter(Q(person_id__in=review) | Q(other_id__in=review))
            .select_related("person", "other")
        ):
            for pid in (pair.person_id, pair.other_id):
                pairs.setdefault(pid, pair)
        for merge in Merge.objects.filter(owner=owner, undone_at__isnull=True).filter(
            Q(kept_id__in=review) | Q(snapshot__merged_id__in=sorted(review))
        ):
            merged_id = (
                merge.snapshot.get("merged_id") if isinstance(merge.snapshot, dict) else None
            )
            for pid in (merge.kept_id, merged_id):
                if pid in review:
                    later.setdefault(pid, merge.pk)
    return [
        {
            **row,
            "can_undo": row.get("merge_id") in open_merges,
            # Only the row left to review offers the pair's actions, not the person it may be.
            "pair": pairs.get(row.get("person_id") or 0) if row["outcome"] == "to review" else None,
            "later_merge": later.get(row.get("person_id") or 0)
            if row["outcome"] == "to review"
            else None,
        }
        for row in rows
    ]
