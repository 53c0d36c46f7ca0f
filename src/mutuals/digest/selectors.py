"""Reads for the morning digest: today's plan in a digest's words, who is due one, and how the
last one went."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from mutuals.agenda.selectors import today_plan
from mutuals.core.occasions import next_occurrence
from mutuals.digest.emails import Digest, action_words, coming_up_words
from mutuals.digest.models import DigestSent
from mutuals.people.selectors import upcoming_dates

# A claim older than this belongs to a worker that stopped mid-send: another may take it over.
# Far longer than a send can take (mutuals.mail.SMTP_TIMEOUT), so a live claim is never taken.
STALE_CLAIM = dt.timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class PlanView:
    """What the digest needs of today's plan: its items (core.agenda AgendaItems), how many
    were done today and how many are due in all (the plan and the coming days)."""

    items: Sequence[Any]
    done_today: int
    total_due: int


def todays_plan(*, owner: AbstractBaseUser, today: dt.date) -> PlanView:
    """Today's plan, the one the Today page shows (its size from the user's preferences)."""
    plan = today_plan(owner, today)
    return PlanView(plan.items, plan.done_today, plan.total_due)


def digest_for(*, owner: AbstractBaseUser, today: dt.date) -> Digest:
    """The owner's digest for `today`: the plan's actions, then the important dates of the next
    few days that today's plan does not already hold."""
    plan = todays_plan(owner=owner, today=today)
    dates = upcoming_dates(owner=owner, today=today)
    kinds = {date.id: date.kind for date in dates}
    actions = tuple(
        action_words(str(item.kind), item.person_name, occasion=kinds.get(item.date_id or 0, ""))
        for item in plan.items
    )
    planned = {item.date_id for item in plan.items if item.date_id is not None}
    upcoming = sorted(
        (next_occurrence(date.month, date.day, today), date.person_name, date.kind, date.id)
        for date in dates
        if date.id not in planned
    )
    return Digest(
        day=today,
        actions=actions,
        coming_up=tuple(coming_up_words(name, kind, on, today) for on, name, kind, _ in upcoming),
        more_due=max(0, plan.total_due - len(plan.items)),
        done_today=plan.done_today,
        app_url=settings.MUTUALS_BASE_URL,
    )


def mail_server_configured() -> bool:
    return bool(settings.MUTUALS_SMTP_HOST)


def mail_server() -> str:
    """The mail server as host:port, for messages (never its login)."""
    return f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"


def due_owners(*, now: dt.datetime) -> QuerySet[Any]:
    """The users whose digest is due at `now` (local time): the digest is on, its hour has
    come today, they can sign in and have an e-mail address, and today's digest is neither
    sent nor being sent (a failed one is due again)."""
    day = now.date()
    taken = DigestSent.objects.filter(day=day).filter(
        Q(status=DigestSent.SENT) | Q(status=DigestSent.CLAIMED, claimed_at__gte=now - STALE_CLAIM)
    )
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            preferences__digest_enabled=True,
            preferences__digest_hour__lte=now.hour,
        )
        .exclude(email="")
        .exclude(pk__in=taken.values("owner_id"))
        .order_by("pk")
    )


def last_digest(*, owner: AbstractBaseUser) -> DigestSent | None:
    """The owner's latest digest (sent, failed or being sent), or None."""
    return DigestSent.objects.filter(owner=owner).order_by("-day").first()


def digest_of(*, owner: AbstractBaseUser, day: dt.date) -> DigestSent | None:
    return DigestSent.objects.filter(owner=owner, day=day).first()
