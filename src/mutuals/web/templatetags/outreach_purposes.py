"""The purposes a draft can have, for the "Draft a message" menu on the person page."""

from __future__ import annotations

from django import template

from mutuals.core.drafts import PURPOSE_LABELS, Purpose

register = template.Library()


@register.simple_tag
def draft_purposes() -> list[tuple[str, str]]:
    """(value, label) of each purpose, in the order the menu offers them."""
    return [(purpose.value, PURPOSE_LABELS[purpose]) for purpose in Purpose]
