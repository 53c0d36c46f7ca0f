"""What a member pools to a group, and keeping the pooled copies true to their records.

Pooling copies only a name, an organisation, a title and a coarse closeness of each person in
the member's chosen scope (`rebuild_pool`); withdrawing deletes every row at once. When a
member's records change (`changes.tracking.bump`), their memberships are marked stale in one
indexed UPDATE (`mark_stale`); a search rebuilds the stale ones it would count
(`groups.searching.refresh_pool`, through `rebuild_members`). A person deleted leaves the pool
with their row (a cascade). Choosing and withdrawing: the member, for themselves only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.changes.tracking import EVERYONE
from mutuals.core import pool
from mutuals.core.names import fold
from mutuals.groups import history
from mutuals.groups.models import Membership, PooledPerson, PooledReach
from mutuals.people.models import Circle, Person

SCOPES = (Membership.NONE, Membership.ALL, Membership.CIRCLES, Membership.PEOPLE)


def _chosen_circles(user: AbstractBaseUser, names: Iterable[str]) -> list[Circle]:
    wanted = {fold(name.strip())[:60]: name.strip() for name in names if name.strip()}
    if not wanted:
        raise ValidationError({"circles": ["Name at least one of your circles to pool."]})
    found = list(Circle.objects.filter(owner=user, search_name__in=wanted))
    missing = sorted(set(wanted) - {circle.search_name for circle in found})
    if missing:
        names_missing = ", ".join(f"'{wanted[key]}'" for key in missing)
        raise ValidationError({"circles": [f"You have no circle called {names_missing}."]})
    return found


def _chosen_people(user: AbstractBaseUser, ids: Sequence[int]) -> list[Person]:
    wanted = set(ids)
    if not wanted:
        raise ValidationError({"people": ["Choose at least one person to pool."]})
    found = list(Person.objects.filter(owner=user, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"people": ["Some of those people are not in your network."]})
    return found


def _people_in(user: AbstractBaseUser, circles: Sequence[str]) -> list[int]:
    """The ids of the user's people in these circles (named; an unknown one is refused)."""
    found = _chosen_circles(user, circles)
    return list(
        Person.objects.filter(owner=user, circles__in=found).distinct().values_list("pk", flat=True)
    )


def pooled_people(membership: Membership):  # type: ignore[no-untyped-def]
    """The member's people their scope pools now: known (a closeness), not archived."""
    people = Person.objects.filter(
        owner_id=membership.user_id, tier__isnull=False, archived_at__isnull=True
    )
    if membership.scope == Membership.ALL:
        return people
    if membership.scope == Membership.CIRCLES:
        return people.filter(circles__in=membership.circles.all()).distinct()
    if membership.scope == Membership.PEOPLE:
        return people.filter(pk__in=membership.people.values("pk"))
    return people.none()


def _row(membership: Membership, person_id: int, values: dict[str, str | None]) -> PooledPerson:
    name = values["full_name"] or ""
    organisation = values["organization__name"] or ""
    title = values["title"] or ""
    closeness = pool.closeness_of(values["tier"])
    assert closeness is not None  # pooled_people keeps only people with a closeness
    return PooledPerson(
        group_id=membership.group_id,
        member=membership,
        person_id=person_id,
        name=name,
        organisation=organisation,
        title=title,
        closeness=pool.closeness_rank(closeness),
        name_key=pool.name_key(name)[:320],
        organisation_key=pool.organisation_key(organisation)[:200],
        words_key=pool.words_key(title, organisation)[:420],
    )


def rebuild_pool(membership: Membership) -> int:
    """Replace the member's pooled rows with what their scope pools now; how many. Only the
    name, organisation, title and tier are read: nothing else can be copied. Call it inside a
    transaction holding the membership's row lock: the stale mark is cleared before the records
    are read, so a change committed meanwhile marks it stale again (it waits for the lock)."""
    Membership.objects.filter(pk=membership.pk).update(stale=False)
    membership.stale = False
    PooledPerson.objects.filter(member=membership).delete()
    PooledReach.objects.filter(member=membership).delete()
    found = pooled_people(membership).values_list(
        "pk", "full_name", "organization__name", "title", "tier"
    )
    rows = [
        _row(membership, pk, {"full_name": n, "organization__name": o, "title": t, "tier": r})
        for pk, n, o, t, r in found
    ]
    PooledPerson.objects.bulk_create(rows, batch_size=2000)
    PooledReach.objects.bulk_create(_reach(membership, rows), batch_size=2000)
    return len(rows)


def _reach(membership: Membership, rows: list[PooledPerson]) -> list[PooledReach]:
    """The member's warmest closeness at each organisation their rows name."""
    best: dict[str, int] = {}
    for row in rows:
        if row.organisation_key:
            best[row.organisation_key] = min(row.closeness, best.get(row.organisation_key, 9))
    return [
        PooledReach(
            group_id=membership.group_id, member=membership, organisation_key=key, closeness=rank
        )
        for key, rank in best.items()
    ]


def mark_stale(*, owner_id: int) -> int:
    """The owner's pooling memberships (EVERYONE: every pooling membership of the install) are
    stale: one UPDATE through the user index; how many were marked."""
    members = Membership.objects.filter(stale=False).exclude(scope=Membership.NONE)
    if owner_id != EVERYONE:
        members = members.filter(user_id=owner_id)
    return members.update(stale=True)


def records_changed_receiver(sender: object, owner_id: int, **kwargs: object) -> None:
    """`changes.tracking.records_changed`: the owner's pooled rows may be out of date."""
    mark_stale(owner_id=owner_id)


@transaction.atomic
def set_pooling(
    *,
    user: AbstractBaseUser,
    group_id: int,
    scope: str,
    circles: Sequence[str] = (),
    people: Sequence[int] = (),
    add_circles: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> Membership:
    """Choose what this member pools to the group: nothing, all, some circles (by name) or
    chosen people (by id, with everyone now in `add_circles`, by name, added to them); their
    rows are rebuilt at once. Starting or stopping is counted in the group's history."""
    if scope not in SCOPES:
        raise ValidationError(
            {"scope": [f"'{scope}' is not a choice: choose {', '.join(SCOPES)}."]}
        )
    membership = Membership.objects.select_for_update().get(group_id=group_id, user=user)
    chosen_circles = _chosen_circles(user, circles) if scope == Membership.CIRCLES else []
    if scope == Membership.PEOPLE and add_circles:
        people = [*people, *_people_in(user, add_circles)]
    chosen_people = _chosen_people(user, people) if scope == Membership.PEOPLE else []
    day = timezone.localdate(now or timezone.now())
    history.note_scope_change(membership, membership.scope, scope, day=day)
    membership.scope = scope
    membership.save(update_fields=["scope"])
    membership.circles.set(chosen_circles)
    membership.people.set(chosen_people)
    if scope == Membership.NONE:
        PooledPerson.objects.filter(member=membership).delete()
        PooledReach.objects.filter(member=membership).delete()
        Membership.objects.filter(pk=membership.pk).update(stale=False)  # nothing to rebuild
        cancel_asked(membership)
    else:
        rebuild_pool(membership)
    return membership


def withdraw(
    *, user: AbstractBaseUser, group_id: int, now: dt.datetime | None = None
) -> Membership:
    """Stop pooling to this group: every row of theirs goes at once."""
    return set_pooling(user=user, group_id=group_id, scope=Membership.NONE, now=now)


def rebuild_members(member_ids: Iterable[int]) -> int:
    """Rebuild these members' rows (those still pooling and stale); how many. Each in its own
    transaction, locked, so two searches never rebuild one member twice over (the second finds
    it fresh)."""
    rebuilt = 0
    for member_id in member_ids:
        with transaction.atomic():
            membership = Membership.objects.select_for_update().filter(pk=member_id).first()
            if membership is None or not membership.stale:
                continue
            if membership.scope == Membership.NONE:
                Membership.objects.filter(pk=member_id).update(stale=False)
                continue
            rebuild_pool(membership)
            rebuilt += 1
    return rebuilt


def cancel_asked(membership: Membership) -> None:
    """The member stopped pooling or leaves: their open requests are cancelled (the requester
    then reads "no introduction this time", as after a decline)."""
    from mutuals.groups.models import PoolRequest

    PoolRequest.objects.filter(member=membership, status=pool.OPEN).update(
        status=pool.CANCELLED, answered_at=timezone.now()
    )
