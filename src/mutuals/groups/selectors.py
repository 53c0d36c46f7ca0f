"""Every read of groups: a user's groups, a group's members (for its administrators), whose
pooled rows are stale, and the pooled search's counts.

`pooled_search` answers counts only (`core.pool.PoolAnswer`): how many members, other than the
searcher, pool someone matching, and how warmly. It reads the indexes made for it (group and
organisation key; group and name key) and never returns a row, a member or a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet

from mutuals.core import pool
from mutuals.groups.models import Group, Membership, PooledPerson, PooledReach, SearchLog

NO_TARGET = "Say whom to look for: a person's name, an organisation, or a few words."
TOO_FEW_WORDS = (
    "Give at least {n} words that say what you look for, like 'product manager fintech'."
)


@dataclass(frozen=True)
class Target:
    """What a search asks for, keyed (`core.pool`), and its kind for the log."""

    kind: str
    name_key: str
    organisation_key: str
    words: tuple[str, ...]
    said: str  # in the searcher's words, for the answer's sentence


def target_of(
    *, person: str | None = None, organisation: str | None = None, words: str | None = None
) -> Target:
    """The target a search names; ValidationError naming the field when it is not specific:
    a person by name, an organisation by name, or at least `core.pool.MIN_WORDS` words."""
    name_key = pool.name_key(person or "")
    organisation_key = pool.organisation_key(organisation or "")
    found_words = pool.meaningful_words(words or "")
    if person is not None and person.strip() and not name_key:
        raise ValidationError({"person": ["Type the person's name in letters."]})
    if organisation is not None and organisation.strip() and not organisation_key:
        raise ValidationError({"organisation": ["Type the organisation's name in letters."]})
    if words is not None and words.strip() and len(found_words) < pool.MIN_WORDS:
        raise ValidationError({"words": [TOO_FEW_WORDS.format(n=pool.MIN_WORDS)]})
    if not (name_key or organisation_key or found_words):
        raise ValidationError({"target": [NO_TARGET]})
    kind = (
        SearchLog.PERSON
        if name_key
        else SearchLog.ORGANISATION
        if organisation_key
        else SearchLog.WORDS
    )
    said = " ".join(person.split()) if person and name_key else "someone"
    if organisation_key:
        said += f" at {' '.join((organisation or '').split())}"
    if found_words:
        said += f" matching '{' '.join((words or '').split())}'"
    return Target(kind, name_key, organisation_key, tuple(found_words), said)


def matching_rows(group_id: int, target: Target) -> QuerySet[PooledPerson]:
    rows = PooledPerson.objects.filter(group_id=group_id)
    if target.name_key:
        rows = rows.filter(name_key=target.name_key)
    if target.organisation_key:
        rows = rows.filter(organisation_key=target.organisation_key)
    for word in target.words:
        rows = rows.filter(words_key__contains=f" {word} ")
    return rows


def _matching_members(group_id: int, searcher_member_id: int, target: Target) -> QuerySet[Any]:
    """The ids of the members (not the searcher, none still stale) who pool someone matching,
    each once, in member order: read along an index that starts with the group and the
    organisation or the name, so a count that stops early stops reading. An organisation
    alone is one row per member already (`PooledReach`)."""
    stale = Membership.objects.filter(group_id=group_id, stale=True).values("pk")
    found: QuerySet[Any]
    if target.organisation_key and not (target.name_key or target.words):
        found = PooledReach.objects.filter(
            group_id=group_id, organisation_key=target.organisation_key
        )
    else:
        found = matching_rows(group_id, target)
    found = found.exclude(member_id=searcher_member_id).exclude(member_id__in=stale)
    return found.values_list("member_id", flat=True).distinct().order_by("member_id")


def pooled_search(*, group_id: int, searcher_member_id: int, target: Target) -> pool.PoolAnswer:
    """How many members (not the searcher) pool someone matching, and how warmly: one query,
    counted in the database, no member id leaves it. Each of the three counts (members, those
    who know the target well or closely, closely) stops at `core.pool.MANY_FROM`, which reads
    "many": the database reads no further than that many members along the index, whatever
    the organisation's size; below it the counts are exact. A member still stale
    (`Membership.stale`: their records changed and their rows were not rebuilt yet) is not
    counted: a row that may no longer be pooled never counts."""
    members = _matching_members(group_id, searcher_member_id, target)
    counts, params = [], []
    for warmest in (None, 1, 0):  # anyone, know well or closer, close
        found = members if warmest is None else members.filter(closeness__lte=warmest)
        sql, found_params = found[: pool.MANY_FROM].query.sql_with_params()
        counts.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")
        params.extend(found_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(counts)}", params)
        found_members, well, close = cursor.fetchone()
    return pool.PoolAnswer.counted(members=found_members, well=well, close=close)


def stale_members(*, group_id: int, limit: int | None = None) -> list[int]:
    """The group's stale members (their records changed since their rows were built), oldest
    mark first as far as ids go: read through a partial index of stale members only."""
    found = Membership.objects.filter(group_id=group_id, stale=True).order_by("pk")
    return list(found.values_list("pk", flat=True)[:limit])


def stale_matches(
    *, group_id: int, searcher_member_id: int, target: Target, limit: int | None = None
) -> list[int]:
    """The group's stale members a search would count (rows matching the target): rebuilt
    first. Starts from the few stale members and looks for a matching row of each."""
    matched = matching_rows(group_id, target).filter(member_id=OuterRef("pk"))
    found = (
        Membership.objects.filter(group_id=group_id, stale=True)
        .exclude(pk=searcher_member_id)
        .filter(Exists(matched))
        .order_by("pk")
    )
    return list(found.values_list("pk", flat=True)[:limit])


# ---- groups and members ------------------------------------------------------------------


def groups_of(*, user: AbstractBaseUser) -> list[Membership]:
    """The user's memberships, with their groups, by group name."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("group")
        .annotate(pooled_count=Count("pooled", distinct=True))
        .order_by("group__search_name", "group_id")
    )


def group_summary(group: Group) -> dict[str, int]:
    """Numbers a group's administrators may see: members, how many pool, rows pooled."""
    members = Membership.objects.filter(group=group)
    return {
        "members": members.count(),
        "pooling": members.exclude(scope=Membership.NONE).count(),
        "pooled_people": PooledPerson.objects.filter(group=group).count(),
    }


def members_of(*, group: Group) -> list[Membership]:
    """A group's members (for its administrators): who, role, whether they pool, never what."""
    return list(
        Membership.objects.filter(group=group).select_related("user").order_by("joined_at", "id")
    )


def searches_of(*, group: Group, since: dt.date) -> list[SearchLog]:
    """The group's search counts per day and kind since a day (never what was searched)."""
    return list(SearchLog.objects.filter(group=group, day__gte=since))


def membership_named(*, user: AbstractBaseUser, name: str) -> Membership:
    """The user's membership of the group called `name` (case and accents aside) or "#ID";
    Membership.DoesNotExist when they belong to no such group."""
    from mutuals.core.names import fold

    text = name.strip()
    found = Membership.objects.select_related("group").filter(user=user)
    if text.startswith("#") and text[1:].isdigit():
        return found.get(group_id=int(text[1:]))
    return found.get(group__search_name=fold(text)[:120])


# ---- introduction requests ---------------------------------------------------------------


def _own(user: AbstractBaseUser, group_id: int, membership: Membership | None) -> Membership:
    """The user's membership of the group: the one given (already read by the caller, checked
    to be theirs and of that group, no query), else read (Membership.DoesNotExist)."""
    if membership is None:
        return Membership.objects.get(group_id=group_id, user=user)
    if membership.user_id != user.pk or membership.group_id != group_id:
        raise Membership.DoesNotExist
    return membership


def requests_of(
    *, user: AbstractBaseUser, group_id: int, membership: Membership | None = None
) -> list[Any]:
    """The user's own requests in a group (Membership.DoesNotExist when they do not belong),
    newest first; with the asked member only for the serializer of accepted ones. A caller
    that already read the membership passes it (`membership=`): no second read."""
    from mutuals.groups.models import PoolRequest

    mine = _own(user, group_id, membership)
    return list(PoolRequest.objects.filter(requester=mine).select_related("group", "member__user"))


def asked_of(
    *,
    user: AbstractBaseUser,
    group_id: int | None = None,
    membership: Membership | None = None,
    open_only: bool = False,
) -> list[Any]:
    """Requests asked of the user (in one group, or all of theirs), open ones first;
    `open_only` keeps the open ones only (bounded for a long-time member). In one group, a
    caller that already read the membership passes it (`membership=`): no second read."""
    from django.db.models import Case, IntegerField, When

    from mutuals.groups.models import PoolRequest

    if group_id is not None:
        found = PoolRequest.objects.filter(member=_own(user, group_id, membership))
    else:
        found = PoolRequest.objects.filter(member__user=user)
    if open_only:
        found = found.filter(status=pool.OPEN)
    first = Case(When(status=pool.OPEN, then=0), default=1, output_field=IntegerField())
    return list(
        found.select_related("group", "requester__user", "target")
        .annotate(first=first)
        .order_by("first", "-requested_at", "-id")
    )


def asked_request(*, user: AbstractBaseUser, request_id: int) -> Any:
    """One request asked of the user (PoolRequest.DoesNotExist for anyone else)."""
    from mutuals.groups.models import PoolRequest

    return PoolRequest.objects.select_related("group", "requester__user", "target").get(
        pk=request_id, member__user=user
    )


def group_of_my_request(*, user: AbstractBaseUser, request_id: int) -> int:
    """The group id of one request the user made (PoolRequest.DoesNotExist for anyone else)."""
    from mutuals.groups.models import PoolRequest

    return int(
        PoolRequest.objects.values_list("group_id", flat=True).get(
            pk=request_id, requester__user=user
        )
    )


def requests_per_day(*, group: Group, since: dt.date) -> list[Any]:
    """The group's requests made and accepted per day since a day (never who or whom)."""
    from mutuals.groups.models import RequestLog

    return list(RequestLog.objects.filter(group=group, day__gte=since))


# ---- what group administrators see -------------------------------------------------------


def group_named(*, name: str) -> Group:
    """A group by its name (case and accents aside) or "#ID", whoever asks: for install
    administrators, who manage groups they need not belong to (Group.DoesNotExist otherwise)."""
    from mutuals.core.names import fold

    text = name.strip()
    if text.startswith("#") and text[1:].isdigit():
        return Group.objects.get(pk=int(text[1:]))
    return Group.objects.get(search_name=fold(text)[:120])


def admins_of(*, group: Group) -> list[Membership]:
    """The group's administrators, first named first."""
    found = Membership.objects.filter(group=group, role=Membership.ADMIN)
    return list(found.select_related("user").order_by("joined_at", "id"))


MEMBER_FIGURES = ("joined", "left", "started_pooling", "stopped_pooling")  # MemberLog's


def admin_report(*, group: Group, today: dt.date) -> Any:
    """The group's report for its administrators (`core.group_report.GroupReport`): members
    and how many pool now, and per month, for the last 12: who joined, searches, introductions
    requested, accepted, made and thanked, with members and pooling at each month's end.
    Counts only: never who, whom or what was searched. Joined, left, started and stopped
    pooling are the group's `MemberLog`, kept as it happened. Made is the step of the
    introduction a pooled request started; thanked, a request whose
    requester thanked the member or whose introduction the member marked thanked, counted
    once, on the first of those days."""
    from django.db.models import Sum

    from mutuals.core import group_report
    from mutuals.groups.models import MemberLog, PoolRequest, RequestLog

    months = group_report.last_months(today)
    since = months[0]
    members = Membership.objects.filter(group=group)
    history = list(
        MemberLog.objects.filter(group=group, day__gte=since).values_list(
            "day", "joined", "left", "started_pooling", "stopped_pooling"
        )
    )
    searches = (
        SearchLog.objects.filter(group=group, day__gte=since)
        .values("day")
        .annotate(n=Sum("count"))
        .values_list("day", "n")
    )
    logged = list(
        RequestLog.objects.filter(group=group, day__gte=since).values_list(
            "day", "requested", "accepted"
        )
    )
    made = (
        PoolRequest.objects.filter(group=group, introduction__made_on__gte=since)
        .values("introduction__made_on")
        .annotate(n=Count("id"))
        .values_list("introduction__made_on", "n")
    )
    return group_report.make_report(
        members=members.count(),
        pooling=members.exclude(scope=Membership.NONE).count(),
        months=months,
        daily={
            **{
                name: [(row[0], row[n]) for row in history]
                for n, name in enumerate(MEMBER_FIGURES, 1)
            },
            "searches": list(searches),
            "requested": [(day, requested) for day, requested, _ in logged],
            "accepted": [(day, accepted) for day, _, accepted in logged],
            "made": list(made),
            "thanked": [(day, 1) for day in _thanked_days(group, since)],
        },
    )


def _thanked_days(group: Group, since: dt.date) -> list[dt.date]:
    """The day each of the group's requests was first thanked, on either side: the requester
    thanking the member, or the member marking the introduction thanked (from `since`)."""
    from django.db.models import Q
    from django.utils import timezone

    from mutuals.groups.models import PoolRequest

    found = PoolRequest.objects.filter(group=group).filter(
        Q(thanked_at__date__gte=since) | Q(introduction__thanked_on__gte=since)
    )
    days = []
    for at, on in found.values_list("thanked_at", "introduction__thanked_on"):
        first = min(day for day in (timezone.localdate(at) if at else None, on) if day)
        if first >= since:
            days.append(first)
    return days
