"""Reads of coaching links and of the audit trail, always from one user's side.

`as_client` and `as_coach` list a user's open links (waiting or active); `link_of` finds one
of them for either side; `activity` is the client's audit trail (every look a coach took at
their data), newest first. `link_to_dict` and `record_to_dict` are the one JSON shape for the
CLI and the API.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.core.coaching import LEVEL_NAMES, LEVEL_WORDS, Level

OPEN = (CoachLink.INVITED, CoachLink.ACTIVE)


def as_client(*, client: AbstractBaseUser) -> list[CoachLink]:
    """The client's coaches: active links first, then invitations waiting for a coach."""
    links = CoachLink.objects.filter(client=client, state__in=OPEN).select_related("coach")
    return sorted(links, key=lambda link: (link.state != CoachLink.ACTIVE, link.coach.username))


def as_coach(*, coach: AbstractBaseUser) -> list[CoachLink]:
    """The coach's links: active ones by client, then invitations (theirs and clients')."""
    links = CoachLink.objects.filter(coach=coach, state__in=OPEN).select_related("client")
    return sorted(
        links,
        key=lambda link: (
            link.state != CoachLink.ACTIVE,
            link.client.username if link.client is not None else "",
            -(link.pk or 0),
        ),
    )


def mine(*, user: AbstractBaseUser) -> list[CoachLink]:
    """Every open link `user` is on, either side: as a client first, then as a coach."""
    return [*as_client(client=user), *as_coach(coach=user)]


def link_of(*, user: AbstractBaseUser, link_id: int) -> CoachLink:
    """One open link `user` is on (either side); CoachLink.DoesNotExist otherwise."""
    return (
        CoachLink.objects.select_related("coach", "client")
        .filter(Q(coach=user) | Q(client=user), pk=link_id, state__in=OPEN)
        .get()
    )


def client_link_by_id(*, client: AbstractBaseUser, link_id: int) -> CoachLink:
    """One of the client's own open links (never one where `client` is the coach)."""
    return (
        CoachLink.objects.select_related("coach", "client")
        .filter(client=client, pk=link_id, state__in=OPEN)
        .get()
    )


def client_link_with(*, client: AbstractBaseUser, coach_name: str) -> CoachLink:
    """The client's open link with the coach called `coach_name` (any case)."""
    return (
        CoachLink.objects.select_related("coach", "client")
        .filter(client=client, coach__username__iexact=coach_name.strip(), state__in=OPEN)
        .get()
    )


def coach_link_with(*, coach: AbstractBaseUser, client_name: str) -> CoachLink:
    """The coach's open link with the client called `client_name` (any case)."""
    return (
        CoachLink.objects.select_related("coach", "client")
        .filter(coach=coach, client__username__iexact=client_name.strip(), state__in=OPEN)
        .get()
    )


def activity(*, client: AbstractBaseUser) -> QuerySet[AccessRecord]:
    """Every look a coach took at `client`'s data, newest first; only this client's."""
    return AccessRecord.objects.filter(client=client).select_related("coach").order_by("-at", "-id")


def side(link: CoachLink, user: AbstractBaseUser) -> str:
    return "client" if link.client_id == user.pk else "coach"


def link_to_dict(link: CoachLink, *, viewer: AbstractBaseUser) -> dict[str, Any]:
    level = Level(link.level)
    waiting_for = None
    if link.state == CoachLink.INVITED:
        waiting_for = "client" if link.invited_by == "coach" else "coach"
    return {
        "id": link.pk,
        "role": side(link, viewer),
        "coach": link.coach.username,
        "client": link.client.username if link.client is not None else None,
        "level": level.value,
        "level_name": LEVEL_NAMES[level],
        "level_words": LEVEL_WORDS[level],
        "state": link.state,
        "invited_by": link.invited_by,
        "waiting_for": waiting_for,
        "created_at": link.created_at.isoformat() if link.created_at else None,
        "accepted_at": link.accepted_at.isoformat() if link.accepted_at else None,
        "expires_at": link.expires_at.isoformat() if link.expires_at else None,
    }


def record_to_dict(record: AccessRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "coach": record.coach.username,
        "what": record.what,
        "at": record.at.isoformat(),
    }
