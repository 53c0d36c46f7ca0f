"""A merge's groups: what a member's groups say about the merged person becomes the kept
person's, and goes back on undo.

- A pool request asked of the owner about the merged person (`PoolRequest.target`: their own
  person) is about the kept person; undo moves back the requests that moved.
- Pooling by chosen people: a membership that chose the merged person chooses the kept one
  (`pool_chosen`, and `pool_chosen_added` where the kept person was not chosen already); undo
  chooses the recreated person again and drops the kept one where the merge added them.
- The pooled rows (`PooledPerson`, the copies a search counts): the merged person's go with
  them (a cascade), and the owner's pooling memberships are marked stale
  (`groups.services.mark_stale`, one UPDATE), as any change to their records marks them, so a
  search rebuilds them before it counts them and never counts them meanwhile. Rebuilding at
  once instead would copy every pooled person of the member on every merge.

Merges made before groups existed have none of these keys and undo as before.
"""

from __future__ import annotations

from typing import Any

from mutuals.groups.models import Membership, PoolRequest
from mutuals.groups.services import mark_stale
from mutuals.people.models import Person

MOVED = "groups.poolrequest.target"
_CHOSEN = Membership.people.through


def _memberships(owner_id: int) -> list[int]:
    return list(Membership.objects.filter(user_id=owner_id).values_list("pk", flat=True))


def move_group_references(kept: Person, gone: Person, snapshot: dict[str, Any]) -> None:
    """Give the merged person's requests and choices to the kept person, noting them in
    `snapshot`, and mark the owner's pools stale."""
    mine = _memberships(kept.owner_id)
    # Only the owner's own person is ever a request's target: `gone` is theirs.
    moved = sorted(PoolRequest.objects.filter(target=gone).values_list("pk", flat=True))
    PoolRequest.objects.filter(pk__in=moved).update(target=kept)
    chose = _CHOSEN.objects.filter(membership_id__in=mine)
    chose_gone = set(chose.filter(person_id=gone.pk).values_list("membership_id", flat=True))
    chose_kept = set(chose.filter(person_id=kept.pk).values_list("membership_id", flat=True))
    added = sorted(chose_gone - chose_kept)
    _CHOSEN.objects.bulk_create(_CHOSEN(membership_id=pk, person_id=kept.pk) for pk in added)
    snapshot["moved"][MOVED] = moved
    snapshot.update(pool_chosen=sorted(chose_gone), pool_chosen_added=added)
    mark_stale(owner_id=kept.owner_id)


def move_back_group_references(kept: Person, back: Person, snapshot: dict[str, Any]) -> None:
    """Undo `move_group_references`: the requests that moved and still name the kept person
    name `back` (the recreated person); memberships that chose the merged person choose `back`,
    without the kept person where the merge added them; the owner's pools are stale."""
    mine = _memberships(kept.owner_id)
    PoolRequest.objects.filter(target=kept, pk__in=snapshot["moved"].get(MOVED, [])).update(
        target=back
    )
    still = set(mine)
    chosen = [pk for pk in snapshot.get("pool_chosen", []) if pk in still]
    _CHOSEN.objects.bulk_create(
        (_CHOSEN(membership_id=pk, person_id=back.pk) for pk in chosen), ignore_conflicts=True
    )
    _CHOSEN.objects.filter(
        membership_id__in=[pk for pk in snapshot.get("pool_chosen_added", []) if pk in still],
        person_id=kept.pk,
    ).delete()
    mark_stale(owner_id=kept.owner_id)
