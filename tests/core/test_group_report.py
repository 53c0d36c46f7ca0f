"""core.group_report: the months of a group's report, folding daily counts into them, the
pooling rate, and the chart a month (core.charts_svg.month_chart)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core import group_report
from mutuals.core.charts_svg import month_chart

TODAY = dt.date(2026, 3, 14)


def test_the_last_months_end_with_this_one_and_cross_the_year():
    months = group_report.last_months(TODAY)
    assert len(months) == 12
    assert months[0] == dt.date(2025, 4, 1)
    assert months[-1] == dt.date(2026, 3, 1)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_the_months_are_twelve_distinct_firsts_in_order(today):
    months = group_report.last_months(today)
    assert all(m.day == 1 for m in months)
    assert months == sorted(set(months))
    assert months[-1] == today.replace(day=1)


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)),
            st.integers(min_value=0, max_value=1000),
        ),
        max_size=60,
    )
)
def test_folding_keeps_every_count_of_the_months_and_nothing_else(days):
    months = group_report.last_months(TODAY)
    folded = group_report.by_month(days, months)
    inside = [c for d, c in days if months[0] <= d < dt.date(2026, 4, 1)]
    assert sum(folded) == sum(inside)


def test_the_pooling_rate_is_a_whole_percentage_rounded_down():
    assert group_report.pooling_rate(3, 2) == 66
    assert group_report.pooling_rate(3, 3) == 100
    assert group_report.pooling_rate(0, 0) is None


def _report(**daily):
    return group_report.make_report(
        members=40, pooling=12, months=group_report.last_months(TODAY), daily=daily
    )


def test_the_report_as_json_is_numbers_by_month_with_totals():
    report = _report(searches=[(dt.date(2026, 3, 2), 5), (dt.date(2026, 2, 27), 2)])
    data = report.as_dict()
    assert data["pooling_rate"] == 30
    assert data["months"][-1] == {
        "month": "2026-03",
        "joined": 0,
        "left": 0,
        "members": 40,
        "pooling": 12,
        "pooling_rate": 30,
        "searches": 5,
        "requested": 0,
        "accepted": 0,
        "made": 0,
        "thanked": 0,
    }
    assert data["months"][-2]["searches"] == 2
    assert data["totals"]["searches"] == 7


def test_the_pooling_sentence_counts_members():
    assert _report().pooling_words() == "40 members; 12 pool who they know (30%)."
    one = group_report.make_report(members=1, pooling=0, months=[TODAY], daily={})
    assert one.pooling_words() == "1 member; none pools yet."
    empty = group_report.make_report(members=0, pooling=0, months=[TODAY], daily={})
    assert empty.pooling_words() == "No members yet."


def test_a_figure_is_described_in_words():
    report = _report(thanked=[(dt.date(2026, 1, 9), 2), (dt.date(2026, 3, 1), 1)])
    assert group_report.describe(report, "thanked") == (
        "1 introduction thanked this month; 3 in the last 12 months; the most, 2, in January 2026."
    )


def test_the_month_chart_is_a_named_image_with_a_bar_a_month():
    report = _report(searches=[(dt.date(2026, 3, 2), 5)])
    svg = month_chart(
        report.series("searches"), title="Searches <all>", description="d", chart_id="c"
    )
    assert 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert svg.count('class="chart-bar"') == 12
    assert "Searches &lt;all&gt;" in svg
    assert "Apr 2025" in svg
    assert "Mar 2026" in svg


def test_members_at_a_month_s_end_are_now_minus_what_changed_after():
    months = group_report.last_months(TODAY)
    changes = [(dt.date(2026, 1, 20), 1), (dt.date(2026, 3, 2), -1)]  # joined, then left
    ends = group_report.at_month_ends(5, changes, months)
    assert ends[-3:] == [6, 6, 5]  # Jan, Feb: the one who left in March still counted
    assert ends[-4] == 5  # December: before they joined


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2025, 4, 1), max_value=dt.date(2026, 3, 31)),
            st.integers(min_value=-50, max_value=50),
        ),
        max_size=40,
    ),
    st.integers(min_value=0, max_value=10_000),
)
def test_a_month_s_end_is_what_the_changes_after_it_leave_and_never_below_zero(changes, now):
    months = group_report.last_months(TODAY)
    ends = group_report.at_month_ends(now, changes, months)
    assert ends[-1] == now
    for index, month in enumerate(months):
        after = sum(n for day, n in changes if group_report.month_of(day) > month)
        assert ends[index] == max(now - after, 0)


def test_a_later_departure_leaves_past_months_as_they_were():
    months = group_report.last_months(TODAY)
    before = group_report.make_report(
        members=2, pooling=1, months=months, daily={"joined": [(dt.date(2026, 1, 5), 1)]}
    )
    after = group_report.make_report(
        members=1,
        pooling=0,
        months=months,
        daily={
            "joined": [(dt.date(2026, 1, 5), 1)],
            "left": [(dt.date(2026, 3, 1), 1)],
            "stopped_pooling": [(dt.date(2026, 3, 1), 1)],
        },
    )
    assert before.months[-3] == after.months[-3]  # January
    assert (after.months[-1].members, after.months[-1].pooling) == (1, 0)
