"""The one gate between a coach and a client's data.

Every read a coach makes of a client's records goes through `client_for`: it answers the client
only while an active link at or above the level needed exists (else `CoachLink.DoesNotExist`,
which every interface already turns into a 404, so a coach cannot tell "not linked" from "no
such user"), and records the look (`AccessRecord`) for the client to read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from mutuals.accounts.models import Role
from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.core.coaching import Level, allows

# The coach side must still be one who may coach (an enabled coach, an administrator or the
# owner, as coaching.services.may_coach says): a coach made a member, or disabled, reads
# nothing, though their links stay until either side ends them (made a coach again, they read
# again). In the query itself, so the gate costs no extra read.
STILL_MAY_COACH = Q(coach__is_active=True) & (
    Q(coach__role__kind=Role.COACH) | Q(coach__role__is_admin=True) | Q(coach__is_superuser=True)
)


@dataclass(frozen=True, slots=True)
class Linked:
    client: AbstractBaseUser
    level: Level
    link_id: int


def active_link(*, coach: AbstractBaseUser, client_id: int) -> CoachLink | None:
    return (
        CoachLink.objects.filter(
            STILL_MAY_COACH,
            coach=coach,
            client_id=client_id,
            state=CoachLink.ACTIVE,
            client__is_active=True,
        )
        .select_related("client")
        .first()
    )


def client_for(*, coach: AbstractBaseUser, client_id: int, needs: Level | str, what: str) -> Linked:
    """The client, when `coach` has an active link to them at level `needs` or above; the look
    is recorded as `what` (e.g. "progress", "today's plan", "draft 12"). Otherwise
    CoachLink.DoesNotExist, and nothing is recorded."""
    link = active_link(coach=coach, client_id=client_id)
    if link is None or link.client is None or not allows(link.level, needs):
        raise CoachLink.DoesNotExist
    AccessRecord.objects.create(client=link.client, coach=coach, what=what, at=timezone.now())
    return Linked(client=link.client, level=Level(link.level), link_id=link.pk)


def record_looks(*, coach: AbstractBaseUser, client_ids: Iterable[int], what: str) -> None:
    """Record one look `what` (e.g. "dashboard") at each of `client_ids`, in one INSERT: for
    the reads of many clients at once, whose ids come from `clients_of` (so each is linked
    now). A client listed twice is recorded once."""
    now = timezone.now()
    AccessRecord.objects.bulk_create(
        AccessRecord(client_id=client_id, coach=coach, what=what, at=now)
        for client_id in dict.fromkeys(client_ids)
    )


def clients_of(*, coach: AbstractBaseUser) -> list[Linked]:
    """Every client with an active link to `coach`, by name (reading the list records
    nothing: it shows no client data)."""
    links = (
        CoachLink.objects.filter(
            STILL_MAY_COACH, coach=coach, state=CoachLink.ACTIVE, client__is_active=True
        )
        .select_related("client")
        .order_by("client__username")
    )
    return [
        Linked(client=link.client, level=Level(link.level), link_id=link.pk)
        for link in links
        if link.client is not None
    ]


def coaches_of(*, client: AbstractBaseUser) -> list[CoachLink]:
    """The client's active links, each with its coach."""
    return list(
        CoachLink.objects.filter(client=client, state=CoachLink.ACTIVE)
        .select_related("coach")
        .order_by("coach__username")
    )
