"""Template filters for showing people's data the way people say it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from mutuals.core.cadence import TIER_LABELS, Tier, describe_ago, describe_cadence, describe_span
from mutuals.core.reciprocity import balance_label
from mutuals.core.words import Level, balance_level, path_level, strength_level

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
    """A tie strength in words ("steady"); see `core.words`."""
    return strength_level(score or 0.0).word


def _mark(level: Level, bar: str, kind: str, title: str) -> str:
    """The word after a small five-cell bar; the bar is decoration (the word says it), the
    number is in the title for whoever wants it."""
    return format_html(
        '<span class="mark {}-{}" title="{}"><span class="bar bar-{}" aria-hidden="true">'
        "<span></span><span></span><span></span><span></span><span></span></span> "
        '<span class="mark-word">{}</span></span>',
        kind,
        level.slug,
        title,
        bar,
        level.word,
    )


@register.filter
def strength_mark(score: float | None) -> str:
    """A tie strength as a five-step bar and its word; the score on hover."""
    value = score or 0.0
    level = strength_level(value)
    title = f"Tie strength {value:.2f} on a scale from 0 to 1"
    return _mark(level, str(level.step), "strength", title)


BALANCE_SCALE = "on a scale from -1 (only they gave) to +1 (only you gave)"


def _balance_mark(score: float, anything: bool, title: str) -> str:
    level = balance_level(score, anything)
    return _mark(level, f"b{level.step + 2}" if anything else "none", "balance", title)


@register.filter
def balance_mark(balance: Any) -> str:
    """A `core.reciprocity.Balance` as a centred bar and words; the sums on hover."""
    anything = balance.label != balance_label(0.0, anything=False)
    title = (
        f"Given {balance.given:.1f}, received {balance.received:.1f} (weighted by kind; recent "
        f"exchanges count more): balance {balance.score:+.2f} {BALANCE_SCALE}"
    )
    return _balance_mark(balance.score, anything, title)


@register.filter
def person_balance_mark(person: Any) -> str:
    """A person's stored balance (as the people list sorts by it) as a bar and words."""
    if person.balance_on is None:
        return format_html('<span class="muted">{}</span>', "nothing yet")
    return _balance_mark(person.balance, True, f"Balance {person.balance:+.2f} {BALANCE_SCALE}")


@register.filter
def path_mark(score: float) -> str:
    """A warm path's score as a five-step bar and a word; the score on hover."""
    level = path_level(score)
    title = f"Path score {score:.3f} on a scale from 0 to 1 (its ties' strengths multiplied)"
    return _mark(level, str(level.step), "path", title)


PRINCIPLE_CODE = re.compile(r"^\s*P\d+:\s*")


@register.filter
def without_principle_code(text: str) -> str:
    """ "P6: be genuine — …" as "Be genuine — …": the codes stay in JSON, not on screens."""
    return PRINCIPLE_CODE.sub("", text or "", count=1)


@register.filter
def tier_label(tier: str | None) -> str:
    return TIER_LABELS[Tier(tier)] if tier else "Known of"


@register.filter
def cadence_words(days: int | None) -> str:
    return describe_cadence(days)


@register.filter
def datalist_options(names: Iterable[Any]) -> str:
    """`<option value="…">` for each name (escaped), as a `<datalist>`'s content.

    The same markup as a `{% for %}` loop of options, drawn in Python: the People list offers
    every organisation (3,000 on a large network), which the template language drew in 19 ms.
    Empty names are left out."""
    return mark_safe("".join(f'<option value="{escape(str(name))}">' for name in names if name))


FIELD_TEMPLATE = "web/partials/field.html"
# Blank fields kept per process; a date field's default (today) makes a new one each day.
BLANK_FIELDS_KEPT = 1024
_blank_fields: dict[tuple[object, ...], str] = {}


@register.simple_tag
def blank_field(field: BoundField) -> str:
    """`web/partials/field.html` for one field, drawn once per process while its form is blank.

    A person page draws 28 fields of forms nobody has filled in yet (8 ms), the same markup on
    every page. For a blank form the markup depends only on the form's class and prefix, the
    field's name and its value (its default), which make the key. Use it only for forms whose
    fields do not change with what is shown (no choices read from records); a form sent back
    (bound, with its errors) is drawn each time."""
    form = field.form
    if form.is_bound:
        return render_to_string(FIELD_TEMPLATE, {"field": field})
    key = (type(form), form.prefix, field.name, repr(field.value()))
    html = _blank_fields.get(key)
    if html is None:
        html = render_to_string(FIELD_TEMPLATE, {"field": field})
        if len(_blank_fields) >= BLANK_FIELDS_KEPT:
            _blank_fields.clear()
        _blank_fields[key] = html
    return html


@register.simple_tag
def avatar(person: Any, has_photo: bool, size: int) -> str:
    """`web/partials/avatar.html` drawn in Python, for lists (the People list draws 50): the
    same markup, without an include per row."""
    name = escape(person.full_name)
    if has_photo:
        src = reverse("person_photo", args=[person.pk])
        inner = (
            f'<img src="{src}" alt="{name}" width="{size}" height="{size}" loading="lazy" '
            'decoding="async">'
        )
    else:
        initials = escape(person.initials)
        inner = f'<span class="avatar-initials" role="img" aria-label="{name}">{initials}</span>'
    return mark_safe(f'<span class="avatar avatar-{int(size)}">{inner}</span>')
