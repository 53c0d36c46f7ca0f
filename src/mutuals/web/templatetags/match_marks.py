"""A match's relevance as a five-step bar and words, the score on hover (core.matching.groups).

The same markup as the other marks (mutuals_web: strength, balance, warm paths), so one style
draws them all; the bar is decoration and the word says it."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def relevance_mark(found: Any) -> str:
    """A `needs.match.MatchedNeed`'s relevance: bar and words; its score in the title."""
    words = found.relevance.words
    title = (
        f"Matching score {found.match.score:.1f}: the weights of the words this need shares "
        "with your text (rarer words weigh more)"
    )
    return format_html(
        '<span class="mark relevance-{}" title="{}"><span class="bar bar-{}" aria-hidden="true">'
        "<span></span><span></span><span></span><span></span><span></span></span> "
        '<span class="mark-word">{}</span></span>',
        words.replace(" ", "-"),
        title,
        found.relevance.steps,
        words,
    )
