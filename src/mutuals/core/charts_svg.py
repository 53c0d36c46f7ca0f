"""Small bar charts drawn as SVG on the server, for the progress page: one bar a week, a short
line at each week's target; and for a group's report (`month_chart`): one bar a month.

The SVG is an image with a name: role="img", a <title> and a <desc> saying the figures in words,
tied to it by aria-labelledby; the page puts a table of the same figures beside it. Colours
come from the page's stylesheet through classes (`chart-met`, `chart-short`, `chart-free`,
`chart-target`), so the SVG carries no <style> for the Content-Security-Policy to refuse, and
the bars are also told apart by the target line, never by colour alone. Every text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import Final

from mutuals.core.progress import GoalProgress, count_words

WIDTH: Final = 240
HEIGHT: Final = 72
BASELINE: Final = 60  # where bars stand; the week labels go below it
GAP: Final = 4


def goal_chart(goal: GoalProgress, *, chart_id: str) -> str:
    """The chart of one goal's weeks; `chart_id` makes its title and desc ids unique."""
    weeks = goal.weeks
    top = max([1, *(w.count for w in weeks), *(w.target or 0 for w in weeks)])
    slot = WIDTH / len(weeks)
    bar = slot - GAP
    scale = (BASELINE - 4) / top
    parts = [
        f'<svg class="goal-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(goal.words)}, the last {len(weeks)} weeks</title>',
        f'<desc id="{chart_id}-desc">{escape(_describe(goal))}</desc>',
        f'<line class="chart-axis" x1="0" y1="{BASELINE}" x2="{WIDTH}" y2="{BASELINE}"/>',
    ]
    for n, week in enumerate(weeks):
        x = n * slot + GAP / 2
        height = week.count * scale
        css = "chart-free" if week.met is None else "chart-met" if week.met else "chart-short"
        parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{BASELINE - height:.1f}" '
            f'width="{bar:.1f}" height="{height:.1f}"/>'
        )
        if week.target is not None:
            y = BASELINE - week.target * scale
            parts.append(
                f'<line class="chart-target" x1="{x - 1:.1f}" y1="{y:.1f}" '
                f'x2="{x + bar + 1:.1f}" y2="{y:.1f}"/>'
            )
    first = weeks[0].week
    parts += [
        f'<text class="chart-label" x="0" y="{HEIGHT - 2}">{first.day} {first:%b}</text>',
        f'<text class="chart-label" x="{WIDTH}" y="{HEIGHT - 2}" text-anchor="end">'
        "this week</text>",
        "</svg>",
    ]
    return "".join(parts)


def _describe(goal: GoalProgress) -> str:
    """The chart in words: this week, the best week, and how many weeks met their target."""
    weeks = goal.weeks
    now = goal.this_week
    target = f" of a target of {now.target}" if now.target is not None else ""
    judged = [w for w in weeks if w.met is not None]
    met = sum(1 for w in judged if w.met)
    best = max(w.count for w in weeks)
    sentence = f"This week {count_words(goal.kind, now.count)}{target}; best week {best}."
    if judged:
        sentence += f" Target met in {met} of {len(judged)} weeks with a target."
    return sentence


def month_chart(
    series: Sequence[tuple[dt.date, int]], *, title: str, description: str, chart_id: str
) -> str:
    """Bars of a count per month (a group's report), oldest first; `title` and `description`
    name it (the page puts the same figures in a table); `chart_id` makes their ids unique."""
    top = max([1, *(count for _, count in series)])
    slot = WIDTH / max(1, len(series))
    bar = slot - GAP
    scale = (BASELINE - 4) / top
    parts = [
        f'<svg class="month-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line class="chart-axis" x1="0" y1="{BASELINE}" x2="{WIDTH}" y2="{BASELINE}"/>',
    ]
    for n, (_, count) in enumerate(series):
        height = count * scale
        parts.append(
            f'<rect class="chart-bar" x="{n * slot + GAP / 2:.1f}" '
            f'y="{BASELINE - height:.1f}" width="{bar:.1f}" height="{height:.1f}"/>'
        )
    if series:
        first, last = series[0][0], series[-1][0]
        parts += [
            f'<text class="chart-label" x="0" y="{HEIGHT - 2}">{first:%b %Y}</text>',
            f'<text class="chart-label" x="{WIDTH}" y="{HEIGHT - 2}" text-anchor="end">'
            f"{last:%b %Y}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)
