"""Commands in sentences: `mutuals serve` written between backticks (as the CLI and the
services write them) shown as <code>mutuals serve</code>, everything else escaped."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

BACKTICKED = re.compile(r"`([^`\n]+)`")


@register.filter
def commands(text: object) -> SafeString:
    """`text` escaped, each `command` in it as <code>; an unpaired backtick stays as it is."""
    parts = BACKTICKED.split(str(text))
    # split() alternates: text, command, text, command, …, text
    html = "".join(
        f"<code>{escape(part)}</code>" if index % 2 else escape(part)
        for index, part in enumerate(parts)
    )
    return mark_safe(html)  # every part above is escaped
