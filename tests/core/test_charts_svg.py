"""core.charts_svg: a goal's weeks as an accessible SVG bar chart."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.charts_svg import goal_chart
from mutuals.core.progress import GoalProgress, GoalWeek, weeks_until

SVG = "{http://www.w3.org/2000/svg}"
MONDAYS = weeks_until(dt.date(2026, 12, 2))


def _goal(counts, targets, words="Gives"):
    weeks = [
        GoalWeek(week=m, count=c, target=t)
        for m, c, t in zip(MONDAYS, counts, targets, strict=True)
    ]
    return GoalProgress(kind="gives", words=words, weeks=weeks)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def test_the_chart_is_an_image_named_by_its_title_and_description():
    root = _parse(goal_chart(_goal([1] * 12, [2] * 12), chart_id="c1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Gives, the last 12 weeks"
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("This week 1 give of a target of 2")


def test_bars_say_met_short_or_without_target_by_class_and_target_lines_mark_targets():
    counts = [3, 1] + [0] * 10
    targets = [2, 2] + [None] * 10
    root = _parse(goal_chart(_goal(counts, targets), chart_id="c"))
    classes = [rect.get("class") for rect in root.iter(f"{SVG}rect")]
    assert classes[:3] == ["chart-met", "chart-short", "chart-free"]
    assert len(root.findall(f"{SVG}line[@class='chart-target']")) == 2


def test_user_words_are_escaped():
    svg = goal_chart(_goal([0] * 12, [None] * 12, words="<b>&"), chart_id="c")
    assert "<b>" not in svg
    _parse(svg)


@given(
    st.lists(st.integers(0, 500), min_size=12, max_size=12),
    st.lists(st.none() | st.integers(1, 50), min_size=12, max_size=12),
)
def test_every_bar_stays_inside_the_picture(counts, targets):
    root = _parse(goal_chart(_goal(counts, targets), chart_id="c"))
    for rect in root.iter(f"{SVG}rect"):
        y, height = float(rect.get("y")), float(rect.get("height"))
        assert 0 <= y <= y + height <= 72
