"""Asking a group's pool for an introduction, and the asked member's answer.

A member asks for an introduction to a target they searched in the last day
(`request_introduction`); the member to ask is picked here (`core.pool.pick_introducer`) and never
named to the requester. The asked member accepts or declines (`answer_request`); accepting starts
the personal double opt-in through `network.introductions`. Keyword-only, the acting user explicit,
one transaction each; the limits are checked again under a row lock.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core import pool
from mutuals.groups.models import Membership
from mutuals.groups.services import fingerprint_of, membership_of, refresh_pool, user_name

NOT_SEARCHED = (
    "Search the pool for them first: a request is for someone you searched in the last day, "
    "with the same words."
)
ALREADY_ASKED = "You already asked for an introduction to {said}; it is still waiting."
NOBODY_KNOWS = "No member of this group pools {said} now, so there is no one to ask."
ANSWERED = "This request was already answered or closed: there is nothing to do."
TARGET_GONE = "That person is no longer in your records: the request is closed."
NOT_ACCEPTED = "Only an accepted request can be thanked for: this one was not accepted."
THANKED = "You already thanked {name} for this introduction."


class RequestLimitReached(Exception):
    """The member made their day's introduction requests in this group."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"You have made your {limit} introduction requests for today in this group; "
            "you can ask again tomorrow."
        )


def _count_request(group_id: int, day: dt.date, field: str) -> None:
    from django.db.models import F

    from mutuals.groups.models import RequestLog

    log, _ = RequestLog.objects.get_or_create(group_id=group_id, day=day)
    RequestLog.objects.filter(pk=log.pk).update(**{field: F(field) + 1})


def _pick(group_id: int, requester_id: int, target: object, month_start: dt.datetime):  # type: ignore[no-untyped-def]
    """(member id, their warmest matching person's id) of the member to ask, or None."""
    from django.db.models import Count

    from mutuals.groups import selectors
    from mutuals.groups.models import PoolRequest

    assert isinstance(target, selectors.Target)
    rows = (
        selectors.matching_rows(group_id, target)
        .exclude(member_id=requester_id)
        .exclude(member__stale=True)  # never counted by a search, so never asked either
        .order_by("member_id", "closeness", "person_id")
        .values_list("member_id", "closeness", "person_id")
    )
    warmest: dict[int, tuple[int, int]] = {}
    for member_id, rank, person_id in rows:
        warmest.setdefault(member_id, (rank, person_id))
    asked = dict(
        PoolRequest.objects.filter(member_id__in=list(warmest), requested_at__gte=month_start)
        .values("member_id")
        .annotate(n=Count("id"))
        .values_list("member_id", "n")
    )
    chosen = pool.pick_introducer(
        (member_id, rank, asked.get(member_id, 0)) for member_id, (rank, _) in warmest.items()
    )
    return None if chosen is None else (chosen, warmest[chosen][1])


def request_introduction(
    *,
    user: AbstractBaseUser,
    group_id: int,
    person: str | None = None,
    organisation: str | None = None,
    words: str | None = None,
    note: str = "",
    now: dt.datetime | None = None,
):  # type: ignore[no-untyped-def]
    """Ask the pool for an introduction to a target the member searched in the last day,
    with a note (drafted by `core.pool.draft_note` when empty; the notice is always added).
    The member asked is picked here (`core.pool.pick_introducer`) and never returned to the
    requester. Refused: a target not searched lately or already asked for and still waiting
    (ValidationError), past the day's limit (RequestLimitReached), nobody pooling it."""
    from mutuals.groups import selectors
    from mutuals.groups.models import PoolRequest

    now = now or timezone.now()
    today = timezone.localdate(now)
    # A group not theirs does not exist for them: 404 before anything about the target.
    membership = membership_of(user=user, group_id=group_id)
    target = selectors.target_of(person=person, organisation=organisation, words=words)
    clean_note = (note or "").strip()
    if len(clean_note) > pool.MAX_NOTE:
        raise ValidationError({"note": [f"Keep the note under {pool.MAX_NOTE} characters."]})
    fingerprint = fingerprint_of(target)
    _may_request(membership, fingerprint, target, now)  # refused before any rebuild
    searched_in = {"group_id": group_id, "searcher_member_id": membership.pk, "target": target}
    refresh_pool(**searched_in)  # as a search does: the stale members it would ask, first
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        # Locked, and checked again: two requests at once cannot pass the limits together.
        membership = (
            Membership.objects.select_for_update().select_related("group").get(pk=membership.pk)
        )
        _may_request(membership, fingerprint, target, now)
        group = membership.group
        picked = _pick(group_id, membership.pk, target, month_start)
        if picked is None:
            raise ValidationError({"target": [NOBODY_KNOWS.format(said=target.said)]})
        member_id, person_id = picked
        text = clean_note or pool.draft_note(target.said, group.name)
        made = PoolRequest.objects.create(
            group=group,
            requester=membership,
            member_id=member_id,
            target_id=person_id,
            target_said=target.said[:600],
            fingerprint=fingerprint,
            note=pool.note_with_notice(text, group.name),
            day=today,
            requested_at=now,
        )
        _count_request(group_id, today, "requested")
    return made


def _may_request(
    membership: Membership, fingerprint: str, target: object, now: dt.datetime
) -> None:
    """Refuse a request for a target not searched in the last day, past the day's limit, or
    for a target the requester still reads as waiting (asking again would tell them a decline
    happened)."""
    from mutuals.groups.models import PoolRequest, SearchedTarget

    since = now - dt.timedelta(hours=pool.SEARCHED_WITHIN_HOURS)
    searched = SearchedTarget.objects.filter(
        member=membership, fingerprint=fingerprint, searched_at__gte=since
    )
    if not searched.exists():
        raise ValidationError({"target": [NOT_SEARCHED]})
    mine = PoolRequest.objects.filter(requester=membership)
    if mine.filter(day=timezone.localdate(now)).count() >= pool.DAILY_REQUESTS:
        raise RequestLimitReached(pool.DAILY_REQUESTS)
    waiting_since = now - dt.timedelta(days=pool.WAIT_DAYS)
    same = mine.filter(fingerprint=fingerprint).exclude(status=pool.ACCEPTED)
    if same.filter(_still_waiting(waiting_since)).exists():
        said = getattr(target, "said", "them")
        raise ValidationError({"target": [ALREADY_ASKED.format(said=said)]})


def _still_waiting(waiting_since: dt.datetime):  # type: ignore[no-untyped-def]
    """Requests the requester still reads as "waiting" (`core.pool.request_state`)."""
    from django.db.models import Q

    return Q(status=pool.OPEN) | Q(requested_at__gt=waiting_since)


def answer_request(
    *, user: AbstractBaseUser, request_id: int, accept: bool, now: dt.datetime | None = None
):  # type: ignore[no-untyped-def]
    """The asked member accepts or declines: `_answer`. A request whose person is no longer in
    the member's records is closed (cancelled, kept so) and refused with a sentence."""
    asked = _answer(user=user, request_id=request_id, accept=accept, now=now)
    if accept and asked.status == pool.CANCELLED:
        raise ValidationError({"request": [TARGET_GONE]})
    return asked


@transaction.atomic
def _answer(
    *, user: AbstractBaseUser, request_id: int, accept: bool, now: dt.datetime | None = None
):  # type: ignore[no-untyped-def]
    """The asked member accepts or declines (PoolRequest.DoesNotExist for anyone else).
    Accepting starts the personal double opt-in: the requester joins the member's people
    (named as their group knows them) and an introduction to the target is offered through
    `network.introductions.offer_introduction`. Declining tells the requester nothing."""
    from mutuals.groups.models import PoolRequest
    from mutuals.network.introductions import offer_introduction
    from mutuals.people.services import create_person

    now = now or timezone.now()
    asked = (
        PoolRequest.objects.select_for_update()
        .select_related("group", "requester__user", "member")
        .get(pk=request_id, member__user=user)
    )
    if asked.status != pool.OPEN:
        raise ValidationError({"request": [ANSWERED]})
    asked.answered_at = now
    if not accept:
        asked.status = pool.DECLINED
        asked.save(update_fields=["status", "answered_at"])
        return asked
    if asked.target_id is None:
        asked.status = pool.CANCELLED
        asked.save(update_fields=["status", "answered_at"])
        return asked
    day = timezone.localdate(now)
    requester = create_person(
        owner=user,
        name=user_name(asked.requester.user)[:200],
        how_met=f"A fellow member of {asked.group.name}"[:300],
    )
    reason = f"Asked through {asked.group.name}"[:300]
    asked.introduction = offer_introduction(
        owner=user, seeker_id=requester.pk, target_id=asked.target_id, reason=reason, on=day
    )
    asked.status = pool.ACCEPTED
    asked.save(update_fields=["status", "answered_at", "introduction"])
    _count_request(asked.group_id, day, "accepted")
    return asked


@transaction.atomic
def thank(*, user: AbstractBaseUser, request_id: int, now: dt.datetime | None = None):  # type: ignore[no-untyped-def]
    """The requester thanks the member who accepted their request (PoolRequest.DoesNotExist
    for anyone else; once, and only when accepted). On the requester's side: the member joins
    their people when not there yet (named as the group knows them), and a received
    introduction, thanked, is recorded with them on their ledger."""
    from mutuals.core.reciprocity import Direction, ExchangeKind
    from mutuals.groups.models import PoolRequest
    from mutuals.ledger.services import mark_thanked, record_exchange
    from mutuals.people.models import Person
    from mutuals.people.services import create_person

    now = now or timezone.now()
    found = (
        PoolRequest.objects.select_for_update(of=("self",))  # member: an outer join
        .select_related("group", "member__user")
        .get(pk=request_id, requester__user=user)
    )
    if found.status != pool.ACCEPTED or found.member is None:
        raise ValidationError({"request": [NOT_ACCEPTED]})
    name = user_name(found.member.user)[:200]
    if found.thanked_at is not None:
        raise ValidationError({"request": [THANKED.format(name=name)]})
    day = timezone.localdate(now)
    how_met = f"A fellow member of {found.group.name}"[:300]
    member = (
        Person.objects.filter(owner=user, full_name=name, how_met=how_met).order_by("pk").first()
    ) or create_person(owner=user, name=name, how_met=how_met)
    received = record_exchange(
        owner=user,
        person_id=member.pk,
        direction=Direction.RECEIVED,
        kind=ExchangeKind.INTRODUCTION,
        text=f"Introduced me to {found.target_said} (through {found.group.name})"[:500],
        occurred_on=day,
    )
    mark_thanked(owner=user, exchange_id=received.pk, on=day)
    found.thanked_at = now
    found.save(update_fields=["thanked_at"])
    return found
