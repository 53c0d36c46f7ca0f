"""The same person twice: GET /api/duplicates, POST /api/duplicates/scan,
POST /api/duplicates/{id}/merge and /apart, GET /api/merges, POST /api/merges/{id}/undo."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Id, Input, PersonRef, Timestamp
from mutuals.imports import duplicates, merge
from mutuals.people.serialize import person_ref

router = Router(tags=["dedupe"])


class Side(Schema):
    id: int
    name: str
    emails: list[str]
    phones: list[str]
    organization: str | None
    title: str
    conversations: int = Field(description="How many conversations you logged with them.")


class DuplicateOut(Schema):
    id: int
    certainty: str = Field(
        description="`certain` (a shared email, phone or LinkedIn profile) or `likely` (names)."
    )
    reasons: list[str]
    score: float = Field(description="From 0 to 1; 1 for certain pairs.")
    status: str = Field(description="`open` (to review) or `apart` (two people).")
    person: Side
    other: Side
    created_at: Timestamp
    decided_at: Timestamp | None


class ScanOut(Schema):
    found: int = Field(description="Pairs that look like one person, known ones included.")
    merged: int = Field(description="Certain pairs merged (only with `?auto=true`).")
    to_review: int = Field(description="Pairs now waiting for review.")


class MergeIn(Input):
    keep: Id = Field(description="Which of the pair's two people to keep.")


class MergeOut(Schema):
    id: int
    kept: PersonRef
    merged_name: str
    created_at: Timestamp
    undone_at: Timestamp | None


class UndoOut(Schema):
    merge: MergeOut
    person: PersonRef = Field(description="The merged person, back with a new id.")


class DuplicatePage(Schema):
    count: int
    items: list[DuplicateOut]


class MergePage(Schema):
    count: int
    items: list[MergeOut]


@router.get("/duplicates", response=DuplicatePage, summary="Pairs to review")
def list_duplicates(request: HttpRequest) -> dict[str, Any]:
    """The possible duplicates waiting for you to decide, most certain first."""
    found = duplicates.possible_duplicates(owner=owner(request))
    pairs = [duplicates.duplicate_to_dict(pair) for pair in found]
    return {"count": len(pairs), "items": pairs}


@router.post("/duplicates/scan", response=ScanOut, summary="Look for duplicates")
def scan(request: HttpRequest, auto: bool = False) -> dict[str, int]:
    """Records every pair found for review; with `?auto=true`, merges the certain ones."""
    return merge.scan_for_duplicates(owner=owner(request), auto_merge=auto)


@router.post(
    "/duplicates/{duplicate_id}/merge",
    response={201: MergeOut, 404: Error, 422: FieldErrors},
    summary="Merge a pair",
)
def merge_pair(request: HttpRequest, duplicate_id: Id, payload: MergeIn) -> Status[dict[str, Any]]:
    """Keeps `keep` and folds the other into it; undo with POST /api/merges/{id}/undo."""
    done = merge.merge_duplicate(
        owner=owner(request), duplicate_id=duplicate_id, keep_id=payload.keep
    )
    return Status(201, duplicates.merge_to_dict(done))


@router.post(
    "/duplicates/{duplicate_id}/apart",
    response={200: DuplicateOut, 404: Error},
    summary="Keep a pair apart",
)
def keep_apart(request: HttpRequest, duplicate_id: Id) -> dict[str, Any]:
    """They are two people: the pair leaves the review and later scans skip it."""
    pair = merge.keep_apart(owner=owner(request), duplicate_id=duplicate_id)
    return duplicates.duplicate_to_dict(pair)


@router.get("/merges", response=MergePage, summary="Merges you can undo")
def list_merges(request: HttpRequest) -> dict[str, Any]:
    """Merges not undone yet, newest first."""
    done = [duplicates.merge_to_dict(m) for m in duplicates.merges(owner=owner(request))]
    return {"count": len(done), "items": done}


@router.post(
    "/merges/{merge_id}/undo",
    response={200: UndoOut, 404: Error, 422: FieldErrors},
    summary="Undo a merge",
)
def undo(request: HttpRequest, merge_id: Id) -> dict[str, Any]:
    """Brings the merged person back with everything that moved; a second undo is a 422."""
    back = merge.undo_merge(owner=owner(request), merge_id=merge_id)
    done = duplicates.get_merge(owner=owner(request), merge_id=merge_id)
    return {"merge": duplicates.merge_to_dict(done), "person": person_ref(back)}
