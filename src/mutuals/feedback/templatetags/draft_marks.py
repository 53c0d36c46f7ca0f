"""A draft with its comments' passages in <mark>, each opened and closed by words a screen
reader says ("comment 2 begins", "comment 2 ends"), since a highlight alone is only visual.

`marked(text, comments)`: comments are (number, start, end) triples; passages may overlap or
touch; everything outside the tags is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _label(words: str) -> str:
    return format_html('<span class="visually-hidden"> [{}] </span>', words)


@register.filter
def marked(text: str, comments: Iterable[tuple[int, int, int]]) -> SafeString:
    text = str(text)
    spans = [(n, max(0, s), min(len(text), e)) for n, s, e in comments if 0 <= s <= e]
    bounds = sorted({0, len(text), *(s for _, s, _ in spans), *(e for _, _, e in spans)})
    parts: list[str] = []
    for index, at in enumerate(bounds):
        parts.extend(_label(f"comment {n} ends") for n, s, e in spans if e == at)
        parts.extend(_label(f"comment {n} begins") for n, s, e in spans if s == at)
        if index + 1 == len(bounds):
            break
        following = bounds[index + 1]
        piece = escape(text[at:following])
        covering = [n for n, s, e in spans if s <= at and following <= e]
        if covering:
            numbers = " ".join(f"c{n}" for n in covering)
            piece = f'<mark data-comments="{numbers}">{piece}</mark>'
        parts.append(piece)
    return mark_safe("".join(parts))  # every piece of the text was escaped above


@register.simple_tag(takes_context=True)
def draft_coaches(context: template.Context) -> object:
    """Whom the signed-in client can send a draft to (feedback.selectors.draft_coaches)."""
    from mutuals.feedback.selectors import draft_coaches as coaches

    user = context["request"].user
    if not user.is_authenticated:
        return None
    return coaches(client=user)
