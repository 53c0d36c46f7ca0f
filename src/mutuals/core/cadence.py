"""Keep-in-touch cadences by closeness tier.

Idea: people keep relationships in layers of roughly 5 / 15 / 50 / 150 / 500, and each layer is
held together by a typical contact frequency (Dunbar, "The anatomy of friendship", 2018; Sutcliffe
et al. 2012): the inner 5 weekly, the 15 monthly, the 150 yearly. Without contact, emotional
closeness fades by about 15% a year.

Formula in words: the cadence of a contact is the number of days the user set for them, or else
the default for their tier (inner 7, close 30, good friend 90, meaningful 180, acquaintance 365,
dormant none). The next keep-in-touch date is the last conversation (or, when there has been none
yet, the day the person was added) plus the cadence. In keep-in-touch mode (after landing a
job) every cadence is doubled (`maintenance_cadence`): the agenda applies it, in one place.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

DAYS_PER_YEAR = 365.25


class Tier(StrEnum):
    """How close a contact is, from the innermost Dunbar layer outwards."""

    INNER = "inner"
    CLOSE = "close"
    FRIEND = "friend"
    MEANINGFUL = "meaningful"
    ACQUAINTANCE = "acquaintance"
    DORMANT = "dormant"


TIER_LABELS: dict[Tier, str] = {
    Tier.INNER: "Inner circle",
    Tier.CLOSE: "Close",
    Tier.FRIEND: "Good friend",
    Tier.MEANINGFUL: "Meaningful",
    Tier.ACQUAINTANCE: "Acquaintance",
    Tier.DORMANT: "Dormant",
}

DEFAULT_CADENCE_DAYS: dict[Tier, int | None] = {
    Tier.INNER: 7,
    Tier.CLOSE: 30,
    Tier.FRIEND: 90,
    Tier.MEANINGFUL: 180,
    Tier.ACQUAINTANCE: 365,
    Tier.DORMANT: None,
}

DECLARED_CLOSENESS: dict[Tier, float] = {
    Tier.INNER: 1.0,
    Tier.CLOSE: 0.8,
    Tier.FRIEND: 0.6,
    Tier.MEANINGFUL: 0.4,
    Tier.ACQUAINTANCE: 0.2,
    Tier.DORMANT: 0.1,
}


def effective_cadence(tier: Tier | None, override_days: int | None) -> int | None:
    """Days between conversations for a contact: the user's override, else the tier default.

    A person without a tier is not a contact and has no cadence. Applying this to its own result
    changes nothing, so callers may pass either the override or the effective cadence.
    """
    if tier is None:
        return None
    if override_days is not None and override_days > 0:
        return override_days
    return DEFAULT_CADENCE_DAYS[tier]


# Keep-in-touch mode (once you have landed a job, issue 15 item 6): every cadence relaxes to
# maintenance, twice as long, so the plan asks less while staying in touch with everyone.
MAINTENANCE_FACTOR = 2


def maintenance_cadence(days: int | None) -> int | None:
    """A cadence in keep-in-touch mode: `MAINTENANCE_FACTOR` times as long (none stays none)."""
    return None if days is None else days * MAINTENANCE_FACTOR


def keep_in_touch_due_on(
    *, last_contact_on: date | None, since: date, cadence_days: int | None
) -> date | None:
    """The day the next conversation is due: last contact (or `since`) plus the cadence."""
    if cadence_days is None:
        return None
    return (last_contact_on or since) + timedelta(days=cadence_days)


def describe_cadence(days: int | None) -> str:
    """A cadence in words: "every week", "every 30 days", "every 3 months", "every year"."""
    if days is None or days <= 0:
        return "no set cadence"
    if days % 365 == 0:
        return _every(days // 365, "year")
    if days >= 90 and days % 30 == 0:
        return _every(days // 30, "month")
    if days < 30 and days % 7 == 0:
        return _every(days // 7, "week")
    return _every(days, "day")


def describe_ago(days: int) -> str:
    """How long ago something happened: "today", "yesterday", "12 days ago", "3 years ago"."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{describe_span(days)} ago"


def describe_span(days: int) -> str:
    """A length of time in words: "5 days", "1 year", "4 years"."""
    if days < 365:
        return _count(max(days, 0), "day")
    return _count(days // 365, "year")


def _every(n: int, unit: str) -> str:
    return f"every {unit}" if n == 1 else f"every {n} {unit}s"


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"
