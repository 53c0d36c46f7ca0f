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
from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from mutuals.changes.models import Version
from mutuals.changes.tracking import EVERYONE
from mutuals.core import pool
from mutuals.groups.models import Group, Membership, PooledPerson, SearchLog

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


def _best_ranks(group_id: int, searcher_member_id: int, target: Target) -> QuerySet[Any]:
    return (
        matching_rows(group_id, target)
        .exclude(member_id=searcher_member_id)
        .values("member_id")
        .annotate(best=Min("closeness"))
        .order_by()
    )


def pooled_search(*, group_id: int, searcher_member_id: int, target: Target) -> pool.PoolAnswer:
    """How many members (not the searcher) pool someone matching, and how warmly: one query,
    counted in the database (each member once, at their warmest); no member id leaves it."""
    inner, params = _best_ranks(group_id, searcher_member_id, target).query.sql_with_params()
    sql = (
        "SELECT COUNT(*), "
        "COALESCE(SUM(CASE WHEN ranks.best <= 1 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN ranks.best = 0 THEN 1 ELSE 0 END), 0) "
        f"FROM ({inner}) ranks"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        members, well, close = cursor.fetchone()
    return pool.PoolAnswer(members=int(members), well=int(well), close=int(close))


def _current_tokens() -> QuerySet[Membership]:
    own = Version.objects.filter(owner_id=OuterRef("user_id")).values("token")[:1]
    return Membership.objects.exclude(scope=Membership.NONE).annotate(
        current=Coalesce(Subquery(own), Value(""))
    )


def stale_members(*, group_id: int) -> list[int]:
    """Pooling members whose own records version moved since their rows were built (a request
    of theirs wrote): their rows are rebuilt before a search counts."""
    members = _current_tokens().filter(group_id=group_id)
    return list(members.filter(~Q(pool_token=F("current"))).values_list("pk", flat=True))


def stale_matches(*, group_id: int, searcher_member_id: int, target: Target) -> list[int]:
    """Members a search is about to count whose rows were built before everyone's version last
    moved (a command or the admin site wrote: it may have been anyone's records). Only those
    the search matches are checked, not the whole group: what must never be counted is a row
    that is no longer pooled."""
    everyone = Version.objects.filter(owner_id=EVERYONE).values_list("token", flat=True).first()
    matched = (
        matching_rows(group_id, target).exclude(member_id=searcher_member_id).values("member_id")
    )
    members = Membership.objects.filter(group_id=group_id).exclude(scope=Membership.NONE)
    return list(
        members.filter(~Q(pool_everyone=everyone or ""), pk__in=matched).values_list(
            "pk", flat=True
        )
    )


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


def requests_of(*, user: AbstractBaseUser, group_id: int) -> list[Any]:
    """The user's own requests in a group (Membership.DoesNotExist when they do not belong),
    newest first; with the asked member only for the serializer of accepted ones."""
    from mutuals.groups.models import PoolRequest

    membership = Membership.objects.get(group_id=group_id, user=user)
    return list(
        PoolRequest.objects.filter(requester=membership).select_related("group", "member__user")
    )


def asked_of(*, user: AbstractBaseUser, group_id: int | None = None) -> list[Any]:
    """Requests asked of the user (in one group, or all of theirs), open ones first."""
    from django.db.models import Case, IntegerField, When

    from mutuals.groups.models import PoolRequest

    found = PoolRequest.objects.filter(member__user=user)
    if group_id is not None:
        Membership.objects.get(group_id=group_id, user=user)
        found = found.filter(group_id=group_id)
    first = Case(When(status=pool.OPEN, then=0), default=1, output_field=IntegerField())
    return list(
        found.select_related("group", "requester__user", "target")
        .annotate(first=first)
        .order_by("first", "-requested_at", "-id")
    )


def requests_per_day(*, group: Group, since: dt.date) -> list[Any]:
    """The group's requests made and accepted per day since a day (never who or whom)."""
    from mutuals.groups.models import RequestLog

    return list(RequestLog.objects.filter(group=group, day__gte=since))
