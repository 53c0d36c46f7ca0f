"""The one JSON shape of groups, memberships and pooled answers, for the CLI's --json and the
API. Counts below `core.pool.THRESHOLD` are "a few" here too, never a number, and counts from
`core.pool.MANY_FROM` up are "many"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mutuals.core import pool
from mutuals.groups.models import Membership

SCOPE_WORDS = dict(Membership.SCOPE_CHOICES)
ROLE_WORDS = dict(Membership.ROLE_CHOICES)


def membership_to_dict(membership: Membership) -> dict[str, Any]:
    group = membership.group
    pooled = getattr(membership, "pooled_count", None)
    return {
        "id": group.pk,
        "name": group.name,
        "role": membership.role,
        "role_words": ROLE_WORDS[membership.role],
        "pooling": membership.scope,
        "pooling_words": SCOPE_WORDS[membership.scope],
        "pooled_people": pooled if pooled is not None else membership.pooled.count(),
        "daily_searches": group.daily_searches,
        "joined_at": membership.joined_at.isoformat(),
    }


def member_to_dict(membership: Membership) -> dict[str, Any]:
    """A member as a group's administrators see them: who and whether they pool, never whom."""
    return {
        "username": membership.user.get_username(),
        "role": membership.role,
        "pools": membership.scope != Membership.NONE,
        "joined_at": membership.joined_at.isoformat(),
    }


def answer_to_dict(answer: pool.PoolAnswer, sentence: str) -> dict[str, Any]:
    return {
        **answer.shown(),
        "words": sentence,
        "threshold": pool.THRESHOLD,
        "many_from": pool.MANY_FROM,
    }


def my_request_to_dict(found: Any, now: dt.datetime) -> dict[str, Any]:
    """A request as its requester sees it: what they asked and its state; the member who was
    asked is named only once they accepted, and never by id. A decline reads as waiting
    until `core.pool.WAIT_DAYS` passed (`core.pool.request_state`)."""
    from mutuals.groups.services import user_name

    state = pool.request_state(found.status, found.requested_at, now)
    introducer = None
    if state == pool.INTRODUCED and found.member is not None:
        introducer = user_name(found.member.user)
    return {
        "id": found.pk,
        "group": {"id": found.group_id, "name": found.group.name},
        "target": found.target_said,
        "state": state,
        "state_words": pool.STATE_WORDS[state],
        "introducer": introducer,
        "requested_at": found.requested_at.isoformat(),
        "thanked_at": found.thanked_at.isoformat() if found.thanked_at else None,
    }


def asked_request_to_dict(found: Any) -> dict[str, Any]:
    """A request as the asked member sees it: who asks (their name only), the note (with the
    notice for the person in the pool), and which of their own people it is for."""
    from mutuals.groups.services import user_name

    return {
        "id": found.pk,
        "group": {"id": found.group_id, "name": found.group.name},
        "requester": user_name(found.requester.user),
        "note": found.note,
        "person_id": found.target_id,
        "person": found.target.full_name if found.target is not None else None,
        "status": found.status,
        "introduction_id": found.introduction_id,
        "requested_at": found.requested_at.isoformat(),
        "answered_at": found.answered_at.isoformat() if found.answered_at else None,
    }
