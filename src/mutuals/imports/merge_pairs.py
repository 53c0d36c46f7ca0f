"""Possible pairs of duplicates: record one, scan the owner's people for them (merging the
certain ones at once when asked), keep two people apart, merge a pair under review."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.formats.dedupe import find_duplicates
from mutuals.imports.duplicates import candidates
from mutuals.imports.merge_moves import merge_people
from mutuals.imports.models import Merge, PossibleDuplicate
from mutuals.people.models import Person

CERTAINTIES = ("certain", "likely")


def record_possible_duplicate(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    other_id: int,
    certainty: str,
    reasons: Sequence[str],
    score: float,
) -> PossibleDuplicate | None:
    """Remember two of the owner's people as a pair to review; None when the pair is already
    known in any status (a pair the user kept apart is never opened again)."""
    if person_id == other_id:
        raise ValidationError({"other": ["A person cannot be a duplicate of themselves."]})
    if certainty not in CERTAINTIES:
        raise ValidationError({"certainty": ["Say 'certain' or 'likely'."]})
    low, high = sorted((person_id, other_id))
    if Person.objects.filter(owner=owner, pk__in=(low, high)).count() != 2:
        raise ValidationError({"person": ["That person is not in your network."]})
    with transaction.atomic():
        if PossibleDuplicate.objects.filter(owner=owner, person_id=low, other_id=high).exists():
            return None
        return PossibleDuplicate.objects.create(
            owner=owner,
            person_id=low,
            other_id=high,
            certainty=certainty,
            reasons="; ".join(reasons)[:300],
            score=round(float(score), 4),
        )


@transaction.atomic
def keep_apart(*, owner: AbstractBaseUser, duplicate_id: int) -> PossibleDuplicate:
    """These two are different people: the pair leaves the review and later scans skip it.

    Someone else's pair (or none) is PossibleDuplicate.DoesNotExist."""
    pair = PossibleDuplicate.objects.select_for_update().get(owner=owner, pk=duplicate_id)
    pair.status = "apart"
    pair.decided_at = timezone.now()
    pair.save(update_fields=["status", "decided_at"])
    return pair


@transaction.atomic
def scan_for_duplicates(*, owner: AbstractBaseUser, auto_merge: bool = False) -> dict[str, int]:
    """Look for duplicates among the owner's people who are not archived.

    Every pair found is recorded for review, unless it is already known (pairs kept apart stay
    apart). With `auto_merge`, pairs that are certainly one person (a shared email, phone or
    LinkedIn profile) are merged at once instead, keeping the one with more conversations;
    each of those merges can be undone. Returns counts: `found` pairs, `merged`, and the pairs
    now waiting `to_review`.
    """
    matches = find_duplicates(candidates(owner=owner))
    known = {
        (pair.person_id, pair.other_id): pair
        for pair in PossibleDuplicate.objects.filter(owner=owner)
    }
    merged_into: dict[int, int] = {}
    merged = 0
    new: list[PossibleDuplicate] = []
    for match in matches:
        existing = known.get((match.a, match.b))
        if existing is not None and existing.status == "apart":
            continue
        if auto_merge and match.certainty == "certain":
            a, b = _current(merged_into, match.a), _current(merged_into, match.b)
            if a == b:
                continue
            keep_id, merge_id = _which_to_keep(owner, a, b)
            merge_people(owner=owner, keep_id=keep_id, merge_id=merge_id)
            merged_into[merge_id] = keep_id
            merged += 1
        elif existing is None:
            new.append(
                PossibleDuplicate(
                    owner=owner,
                    person_id=match.a,
                    other_id=match.b,
                    certainty=match.certainty,
                    reasons="; ".join(match.reasons)[:300],
                    score=round(match.score, 4),
                )
            )
    # Ids of merged people can no longer be recorded (those pairs were merged too).
    gone = set(merged_into)
    PossibleDuplicate.objects.bulk_create(
        pair for pair in new if not {pair.person_id, pair.other_id} & gone
    )
    to_review = PossibleDuplicate.objects.filter(owner=owner, status="open").count()
    return {"found": len(matches), "merged": merged, "to_review": to_review}


def _current(merged_into: dict[int, int], person_id: int) -> int:
    while person_id in merged_into:
        person_id = merged_into[person_id]
    return person_id


def _which_to_keep(owner: AbstractBaseUser, a: int, b: int) -> tuple[int, int]:
    """(keep, merge): the one with more conversations, else the one added first."""
    counts = dict(
        Person.objects.filter(owner=owner, pk__in=(a, b)).values_list("pk", "interaction_count")
    )
    first, second = sorted((a, b), key=lambda pk: (-counts.get(pk, 0), pk))
    return first, second


@transaction.atomic
def merge_duplicate(*, owner: AbstractBaseUser, duplicate_id: int, keep_id: int) -> Merge:
    """Merge a pair under review, keeping `keep_id` (one of the two).

    Someone else's pair (or none) is PossibleDuplicate.DoesNotExist."""
    pair = PossibleDuplicate.objects.get(owner=owner, pk=duplicate_id)
    if keep_id not in (pair.person_id, pair.other_id):
        raise ValidationError({"keep": ["Keep one of the two people of this pair."]})
    merge_id = pair.other_id if keep_id == pair.person_id else pair.person_id
    return merge_people(owner=owner, keep_id=keep_id, merge_id=merge_id)
