"""Today's plan, kept in memory until the owner's records change (`changes.kept`).

Building the plan reads everything due, yet between two changes it is the same plan: Today and
/api/today are most of what a server answers. The day and "do one more" are part of the key.
The CLI runs once per command and does not use it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser

from mutuals.agenda.selectors import today_plan
from mutuals.changes.kept import Kept, Shelf
from mutuals.core.agenda import Plan

# Plans kept per process (one per owner, day and "more"), on their own shelf so that other
# kept answers never push them out.
PLANS = Shelf("plans", 256)


def cached_plan(
    owner: AbstractBaseUser, today: dt.date, *, extra: int = 0, kept: Kept | None = None
) -> Plan:
    """`agenda.selectors.today_plan(owner, today, extra=extra)`, computed again only when
    something changed since it was last computed; `kept` when the request already read the
    owner's stamp."""
    kept = kept or Kept(owner, today)
    return kept.get(("plan", extra), lambda: today_plan(owner, today, extra=extra), shelf=PLANS)
