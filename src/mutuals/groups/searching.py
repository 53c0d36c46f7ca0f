"""A member's pooled search: counted against the day's limit and in the group's log, the
target remembered for a day (its fingerprint only, for a request's check), the stale members it
would count rebuilt first (`refresh_pool`; the rest handed to the queue, `drain_stale`), then
the counts and their sentence (`groups.selectors.pooled_search`, `core.pool`)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutuals.core import pool
from mutuals.groups.membership import membership_of
from mutuals.groups.models import Membership
from mutuals.groups.pooling import rebuild_members

# Stale members a search rebuilds at most before it counts (those it would count first); any
# left (after a command marked everyone stale) are not counted until a later search rebuilds
# them. One member of 100 people takes about 80 ms to rebuild.
REBUILT_PER_SEARCH = 20
# A search that finds more stale members than it rebuilds hands the group to the task queue
# (groups/drain.py), which rebuilds them all, this many to a transaction's batch.
DRAIN_BATCH = 50


class SearchLimitReached(Exception):
    """The member made their day's pooled searches in this group."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"You have made your {limit} pooled searches for today in this group; "
            "searches open again tomorrow."
        )


def _count_up(model: type, match: dict[str, object]) -> int:
    """Add one to a day's counter row (made when missing); its new count. One statement
    (UPDATE ... RETURNING) when the row is there, as it is after a day's first search."""
    from django.db import connection
    from django.db.models import Model

    meta = model._meta  # type: ignore[attr-defined]
    columns, params = [], []
    for name, value in match.items():
        columns.append(f"{connection.ops.quote_name(meta.get_field(name).column)} = %s")
        params.append(value.pk if isinstance(value, Model) else value)
    sql = (
        f"UPDATE {connection.ops.quote_name(meta.db_table)} SET count = count + 1 "
        f"WHERE {' AND '.join(columns)} RETURNING count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is not None:
        return int(found[0])
    try:
        with transaction.atomic():
            model.objects.create(count=1, **match)  # type: ignore[attr-defined]
            return 1
    except IntegrityError:  # made meanwhile by another search
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return int(cursor.fetchone()[0])


@transaction.atomic(savepoint=False)
def _counted(membership: Membership, kind: str, today: dt.date) -> None:
    """Count the search against the member's daily limit (refused past it: nothing counted)
    and in the group's log for its administrators (the kind only, never the text)."""
    from mutuals.groups.models import MemberSearches, SearchLog

    done = _count_up(MemberSearches, {"member": membership, "day": today})
    if done > membership.group.daily_searches:
        raise SearchLimitReached(membership.group.daily_searches)
    _count_up(SearchLog, {"group": membership.group, "day": today, "kind": kind})


def search(
    *,
    user: AbstractBaseUser,
    group_id: int,
    person: str | None = None,
    organisation: str | None = None,
    words: str | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> tuple[pool.PoolAnswer, str]:
    """A member's pooled search: the counts and the sentence that says them. A target that is
    not specific is refused (ValidationError) before it counts against the daily limit
    (SearchLimitReached past it). Stale pooled rows are rebuilt before anything is counted."""
    from mutuals.groups import selectors

    now = now or timezone.now()
    today = today or timezone.localdate(now)
    membership = membership_of(user=user, group_id=group_id)
    target = selectors.target_of(person=person, organisation=organisation, words=words)
    with transaction.atomic():  # one transaction for the search's three small writes
        _counted(membership, target.kind, today)
        _remember_searched(membership, target, now)
    searched = {"group_id": group_id, "searcher_member_id": membership.pk, "target": target}
    refresh_pool(**searched)
    answer = selectors.pooled_search(**searched)
    return answer, pool.answer_words(answer, target.said)


def refresh_pool(*, group_id: int, searcher_member_id: int, target: object) -> int:
    """Before a search counts: rebuild the group's stale members whose rows match the target,
    then other stale ones (their records may match now), `REBUILT_PER_SEARCH` at most in all;
    how many. Reads only the stale members (a partial index), never every member's version."""
    from mutuals.groups import selectors

    assert isinstance(target, selectors.Target)
    stale = selectors.stale_members(group_id=group_id, limit=REBUILT_PER_SEARCH + 1)
    if not stale:
        return 0  # the usual case: one look at an empty partial index
    matched = []
    if len(stale) > REBUILT_PER_SEARCH:  # more than one search rebuilds: those it counts first
        matched = selectors.stale_matches(
            group_id=group_id,
            searcher_member_id=searcher_member_id,
            target=target,
            limit=REBUILT_PER_SEARCH,
        )
    chosen = list(dict.fromkeys([*matched, *stale]))[:REBUILT_PER_SEARCH]
    rebuilt = rebuild_members(chosen)
    if len(stale) > REBUILT_PER_SEARCH:  # more than a search rebuilds: the rest in the background
        from mutuals.groups import drain

        drain.hand_over(group_id)
    return rebuilt


def drain_stale(*, group_id: int) -> int:
    """Rebuild the group's stale members, oldest mark first as far as ids go, `DRAIN_BATCH` at
    a time, until none is left; how many. Bounded: members marked again while it runs are
    rebuilt too, but it stops after twice as many as were stale when it started (and a batch)."""
    from mutuals.groups import selectors

    stale = Membership.objects.filter(group_id=group_id, stale=True).count()
    budget, rebuilt = 2 * stale + DRAIN_BATCH, 0
    while budget > 0:
        batch = selectors.stale_members(group_id=group_id, limit=min(DRAIN_BATCH, budget))
        if not batch:
            break
        rebuilt += rebuild_members(batch)
        budget -= len(batch)
    return rebuilt


def fingerprint_of(target: object) -> str:
    """A keyed fingerprint of a target (HMAC with the install's secret): the same target
    searched and requested agree, and the stored value does not give the name back."""
    from django.utils.crypto import salted_hmac

    from mutuals.groups.selectors import Target

    assert isinstance(target, Target)
    text = "|".join((target.name_key, target.organisation_key, " ".join(sorted(target.words))))
    return salted_hmac("mutuals.groups.target", text, algorithm="sha256").hexdigest()


def _remember_searched(membership: Membership, target: object, now: dt.datetime) -> None:
    """Keep, for a day, that this member searched this target (its fingerprint only)."""
    from mutuals.groups.models import SearchedTarget

    since = now - dt.timedelta(hours=pool.SEARCHED_WITHIN_HOURS)
    SearchedTarget.objects.filter(member=membership, searched_at__lt=since).delete()
    SearchedTarget.objects.bulk_create(
        [SearchedTarget(member=membership, fingerprint=fingerprint_of(target), searched_at=now)],
        update_conflicts=True,
        unique_fields=["member", "fingerprint"],
        update_fields=["searched_at"],
    )
