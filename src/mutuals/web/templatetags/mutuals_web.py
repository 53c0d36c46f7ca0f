"""Template filters for showing people's data the way people say it."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from mutuals.core.cadence import TIER_LABELS, Tier, describe_ago, describe_cadence, describe_span
from mutuals.core.strength import strength_label

register = template.Library()


def relative_day(value: dt.date, today: dt.date) -> str:
    """ "today", "3 days ago", "tomorrow", "in 5 days"."""
    days = (today - value).days
    if days >= 0:
        return describe_ago(days)
    if days == -1:
        return "tomorrow"
    return f"in {describe_span(-days)}"


@register.filter
def human_date(value: dt.date | dt.datetime | None) -> str:
    """A date as "3 days ago (11 Mar 2025)" inside a <time> element; empty for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return format_html(
        '<time datetime="{}">{} <span class="date">({})</span></time>',
        value.isoformat(),
        relative_day(value, timezone.localdate()),
        format_date(value, "j M Y"),
    )


@register.filter
def strength_word(score: float | None) -> str:
    return strength_label(score or 0.0)


@register.filter
def tier_label(tier: str | None) -> str:
    return TIER_LABELS[Tier(tier)] if tier else "Known of"


@register.filter
def cadence_words(days: int | None) -> str:
    return describe_cadence(days)
