"""The coach's dashboard a page at a time (coaching.dashboard.dashboard_page), the progress
page's counts for many owners at once (progress.selectors.week_counts_for, the one read both
use) and the gate's bulk record of looks (coaching.access.record_looks)."""

from __future__ import annotations

import datetime as dt

import pytest

from mutuals.coaching import dashboard
from mutuals.coaching.access import record_looks
from mutuals.coaching.models import AccessRecord
from mutuals.core.progress import GOAL_KINDS, week_of
from mutuals.progress import selectors as progress_selectors
from mutuals.progress import services as progress_services
from tests.coach_data import link, planted
from tests.factories import make_person, make_user
from tests.progress_data import LAST_WEEK, MONDAY, TODAY, ask, give, talk, week_of_everything

pytestmark = pytest.mark.django_db
# The links, eight day counts, goals, promises, leads and the access records.
PAGE_QUERIES = 13
FIRST = week_of(TODAY) - dt.timedelta(weeks=11)


def _clients(coach, names, *, active=()):
    """A client per name, linked to `coach`; those in `active` talked with someone today."""
    made = []
    for name in names:
        client = make_user(name)
        link(coach, client)
        person = make_person(client, f"Someone of {name}")
        if name in active:
            talk(client, [person], TODAY)
            give(client, person, LAST_WEEK)
        progress_services.choose_goals(owner=client, targets={"gives": 2}, today=TODAY)
        made.append(client)
    return made


def _shown(found):
    return [row.name for row in found.rows]


def test_week_counts_for_many_owners_are_each_owners_own(jordan, riley):
    week_of_everything(jordan)
    week_of_everything(riley, today=TODAY - dt.timedelta(weeks=2))
    riley_person = make_person(riley, "Bo")
    ask(riley, riley_person, TODAY)
    together = progress_selectors.week_counts_for(
        [jordan.pk, riley.pk], first_week=FIRST, today=TODAY
    )
    for owner in (jordan, riley):
        alone = progress_selectors.week_counts(owner=owner, first_week=FIRST, today=TODAY)
        assert together[owner.pk] == alone
    assert together[jordan.pk] != together[riley.pk]


def test_week_counts_for_gives_every_owner_and_kind_even_with_nothing(jordan, riley):
    week_of_everything(jordan)
    found = progress_selectors.week_counts_for([riley.pk], first_week=FIRST, today=TODAY)
    counts, asked = found[riley.pk]
    assert counts == {kind: {} for kind in GOAL_KINDS}
    assert asked == {}
    assert progress_selectors.week_counts_for([], first_week=FIRST, today=TODAY) == {}


def test_day_counts_keep_the_days_and_weeks_fold_them(jordan):
    week_of_everything(jordan)
    span = progress_selectors.window(LAST_WEEK, TODAY)
    days = progress_selectors.day_counts_for([jordan.pk], span)[jordan.pk]
    assert sum(days["gives"].values()) == 3
    assert all(span[0] <= day <= span[1] for found in days.values() for day in found)
    counts, asked = progress_selectors.by_weeks(days)
    assert counts["gives"] == {LAST_WEEK: 1, MONDAY: 2}
    assert asked == {MONDAY: 1}


def test_week_counts_for_cost_the_same_queries_for_one_owner_and_thirty(jordan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    week_of_everything(jordan)
    with CaptureQueriesContext(connection) as one:
        progress_selectors.week_counts_for([jordan.pk], first_week=FIRST, today=TODAY)
    others = [make_user(f"owner{n}") for n in range(29)]
    for owner in others[:3]:
        week_of_everything(owner)
    with CaptureQueriesContext(connection) as thirty:
        progress_selectors.week_counts_for(
            [jordan.pk, *(o.pk for o in others)], first_week=FIRST, today=TODAY
        )
    assert len(one) == len(thirty) == 8


def test_record_looks_records_each_client_once(casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    record_looks(coach=casey, client_ids=[jordan.pk, riley.pk, jordan.pk], what="dashboard")
    assert sorted(AccessRecord.objects.values_list("client_id", "coach_id", "what")) == sorted(
        [(jordan.pk, casey.pk, "dashboard"), (riley.pk, casey.pk, "dashboard")]
    )
    record_looks(coach=casey, client_ids=[], what="dashboard")
    assert AccessRecord.objects.count() == 2


def test_a_page_holds_per_page_clients_by_name_and_says_where_it_is(casey):
    _clients(casey, ["dora", "abel", "cleo", "bart", "emil"])
    first = dashboard.dashboard_page(coach=casey, today=TODAY, per_page=2)
    assert _shown(first) == ["abel", "bart"]
    assert (first.number, first.pages, first.total, first.clients) == (1, 3, 5, 5)
    last = dashboard.dashboard_page(coach=casey, today=TODAY, page=3, per_page=2)
    assert _shown(last) == ["emil"]


def test_a_page_past_the_last_is_the_last_and_before_the_first_the_first(casey):
    _clients(casey, ["abel", "bart", "cleo"])
    assert dashboard.dashboard_page(coach=casey, today=TODAY, page=9, per_page=2).number == 2
    assert _shown(dashboard.dashboard_page(coach=casey, today=TODAY, page=0, per_page=2)) == [
        "abel",
        "bart",
    ]


def test_only_the_clients_on_the_page_are_recorded(casey):
    made = _clients(casey, ["abel", "bart", "cleo"])
    dashboard.dashboard_page(coach=casey, today=TODAY, page=2, per_page=2)
    assert list(AccessRecord.objects.values_list("client_id", flat=True)) == [made[2].pk]


def test_the_rows_of_a_page_are_those_of_the_whole_dashboard(casey):
    abel, *_ = _clients(casey, ["abel", "bart", "cleo", "dora"], active=("bart", "dora"))
    planted(abel)
    everyone = dashboard.dashboard(coach=casey, today=TODAY)
    paged = [
        row
        for page in (1, 2)
        for row in dashboard.dashboard_page(coach=casey, today=TODAY, page=page, per_page=2).rows
    ]
    assert paged == everyone


def test_sorted_by_flags_the_page_is_cut_after_sorting_every_client(casey):
    _clients(casey, ["abel", "bart", "cleo", "dora"], active=("abel", "bart"))
    found = dashboard.dashboard_page(coach=casey, today=TODAY, sort="flags", per_page=2)
    assert _shown(found) == ["cleo", "dora"]  # quiet: flagged, so first
    assert found.total == 4


def test_flagged_only_counts_the_flagged_clients_in_the_total(casey):
    _clients(casey, ["abel", "bart", "cleo"], active=("abel",))
    found = dashboard.dashboard_page(coach=casey, today=TODAY, flagged_only=True, per_page=1)
    assert (found.total, found.pages, found.clients) == (2, 2, 3)
    assert _shown(found) == ["bart"]


@pytest.mark.parametrize(("sort", "flagged"), [("name", False), ("flags", False), ("name", True)])
def test_a_page_costs_the_same_queries_for_3_and_40_clients(
    casey, django_assert_num_queries, sort, flagged
):
    _clients(casey, ["c00", "c01", "c02"], active=("c00",))
    with django_assert_num_queries(PAGE_QUERIES):
        dashboard.dashboard_page(coach=casey, today=TODAY, sort=sort, flagged_only=flagged)
    _clients(casey, [f"c{n:02d}" for n in range(3, 40)], active=("c10", "c20"))
    with django_assert_num_queries(PAGE_QUERIES):
        found = dashboard.dashboard_page(coach=casey, today=TODAY, sort=sort, flagged_only=flagged)
    assert len(found.rows) == 25


def test_a_slice_and_the_page_it_covers_are_one_read_with_one_answer(casey):
    _clients(casey, ["abel", "bart", "cleo", "dora", "emil"])
    sliced = dashboard.dashboard_slice(coach=casey, today=TODAY, offset=2, limit=2)
    paged = dashboard.dashboard_page(coach=casey, today=TODAY, page=2, per_page=2)
    assert sliced == paged
    assert (_shown(sliced), sliced.number, sliced.pages) == (["cleo", "dora"], 2, 3)


def test_a_slice_past_the_last_client_is_empty_and_still_counts_them(casey):
    _clients(casey, ["abel", "bart", "cleo"])
    found = dashboard.dashboard_slice(coach=casey, today=TODAY, offset=5, limit=2)
    assert (found.rows, found.total, found.clients) == ([], 3, 3)
    assert not AccessRecord.objects.exists()


def test_a_slice_without_a_limit_is_every_client_after_the_offset(casey):
    _clients(casey, ["abel", "bart", "cleo"])
    found = dashboard.dashboard_slice(coach=casey, today=TODAY, sort="flags", offset=1)
    assert _shown(found) == ["bart", "cleo"]
