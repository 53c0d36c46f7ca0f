"""coaching.dashboard: the dashboard rows (the progress page's counting rules, in a fixed number
of queries for any number of clients, each client shown recorded); coaching.shared: a client's
shared view (exactly its level, nothing above it, never the private texts)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from mutuals.coaching import dashboard, selectors, shared
from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.core.coaching import Level
from mutuals.core.progress import week_of
from mutuals.progress import selectors as progress_selectors
from mutuals.progress import services as progress_services
from tests.coach_data import NETWORK_SECRETS, NEVER, PERSON, PLAN_SECRETS, link, make_coach, planted
from tests.factories import make_person, make_user
from tests.progress_data import LAST_WEEK, TODAY, give, talk, week_of_everything

pytestmark = pytest.mark.django_db
# The links, the goals, ten grouped counts and the access records: whatever the clients.
DASHBOARD_QUERIES = 13


def text_of(value) -> str:
    return repr(dataclasses.asdict(value))


def test_the_dashboard_lists_each_active_client_once_by_name(casey, jordan, riley):
    link(casey, riley)
    link(casey, jordan, level="network")
    rows = dashboard.dashboard(coach=casey, today=TODAY)
    assert [row.name for row in rows] == ["jordan", "riley"]
    assert rows[0].level == Level.NETWORK


def test_an_ended_or_invited_link_is_not_on_the_dashboard(casey, jordan, riley):
    link(casey, jordan, state=CoachLink.ENDED)
    make_coach(casey)
    CoachLink.objects.create(coach=casey, client=riley, state=CoachLink.INVITED, invited_by="coach")
    assert dashboard.dashboard(coach=casey, today=TODAY) == []


def test_a_disabled_client_is_not_on_the_dashboard(casey, jordan):
    link(casey, jordan)
    jordan.is_active = False
    jordan.save()
    assert dashboard.dashboard(coach=casey, today=TODAY) == []


def test_the_dashboard_counts_as_the_progress_page_does(casey, jordan):
    link(casey, jordan)
    week_of_everything(jordan)
    progress_services.choose_goals(
        owner=jordan, targets={"gives": 1, "conversations": 5}, today=TODAY
    )
    row = dashboard.dashboard(coach=casey, today=TODAY)[0]
    expected = progress_selectors.progress(owner=jordan, today=TODAY)
    assert row.progress == expected


def test_each_kind_matches_week_counts_week_by_week(casey, jordan):
    link(casey, jordan)
    week_of_everything(jordan)
    week_of_everything(jordan, today=TODAY - dt.timedelta(weeks=3))
    first = week_of(TODAY) - dt.timedelta(weeks=11)
    counts, asked = progress_selectors.week_counts(owner=jordan, first_week=first, today=TODAY)
    row = dashboard.dashboard(coach=casey, today=TODAY)[0]
    for week in row.weeks:
        assert week.conversations == counts["conversations"].get(week.week, 0)
        assert week.gives == counts["gives"].get(week.week, 0)
        assert week.asks == asked.get(week.week, 0)


def test_one_clients_records_never_count_for_another(casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    week_of_everything(jordan)
    riley_row = [
        row for row in dashboard.dashboard(coach=casey, today=TODAY) if row.name == "riley"
    ]
    assert riley_row[0].progress.has_activity is False
    assert riley_row[0].last_activity is None


def test_the_dashboard_flags_and_counts_leads_by_stage(casey, jordan):
    link(casey, jordan)
    planted(jordan)
    row = dashboard.dashboard(coach=casey, today=TODAY)[0]
    assert [flag.code for flag in row.flags] == ["asking_not_giving", "applied_waiting"]
    assert {stage.stage: stage.count for stage in row.stages}["applied"] == 1
    assert row.last_activity == TODAY - dt.timedelta(days=1)


def test_promises_kept_count_those_due_lately_done_on_time(casey, jordan):
    from tests.progress_data import kept_promise

    link(casey, jordan)
    rosa = make_person(jordan)
    kept_promise(jordan, rosa, due=TODAY - dt.timedelta(days=2), done=TODAY - dt.timedelta(days=3))
    kept_promise(jordan, rosa, due=TODAY - dt.timedelta(days=5), done=TODAY)  # late
    kept_promise(
        jordan, rosa, due=TODAY - dt.timedelta(days=40), done=TODAY - dt.timedelta(days=40)
    )
    row = dashboard.dashboard(coach=casey, today=TODAY)[0]
    assert (row.promises.kept, row.promises.due) == (1, 2)


def test_the_dashboard_shows_no_names_whatever_the_level(casey, jordan):
    link(casey, jordan, level="network")
    planted(jordan)
    shown = text_of(dashboard.dashboard(coach=casey, today=TODAY)[0])
    for secret in (*PLAN_SECRETS, *NETWORK_SECRETS, *NEVER):
        assert secret not in shown


def test_reading_the_dashboard_records_one_look_per_client_shown(casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    planted(jordan)
    talk(riley, [make_person(riley)], TODAY)
    dashboard.dashboard(coach=casey, today=TODAY, flagged_only=True)
    records = list(AccessRecord.objects.values_list("client_id", "coach_id", "what"))
    assert records == [(jordan.pk, casey.pk, "dashboard")]


def test_flagged_only_keeps_the_flagged_clients(casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    talk(riley, [make_person(riley)], TODAY)
    planted(jordan)
    rows = dashboard.dashboard(coach=casey, today=TODAY, flagged_only=True)
    assert [row.name for row in rows] == ["jordan"]


def test_sorting_by_flags_puts_the_most_flagged_first(casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    talk(jordan, [make_person(jordan)], TODAY)
    rows = dashboard.dashboard(coach=casey, today=TODAY, sort="flags")
    assert [row.name for row in rows] == ["riley", "jordan"]


def test_sorting_by_activity_puts_the_quietest_first(casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    talk(jordan, [make_person(jordan)], TODAY - dt.timedelta(days=30))
    talk(riley, [make_person(riley)], TODAY)
    rows = dashboard.dashboard(coach=casey, today=TODAY, sort="activity")
    assert [row.name for row in rows] == ["jordan", "riley"]


def _clients(coach, n: int, start: int) -> None:
    for i in range(start, start + n):
        client = make_user(f"client{i:02d}")
        link(coach, client)
        person = make_person(client, f"Person {i}")
        talk(client, [person], TODAY)
        give(client, person, LAST_WEEK)
        progress_services.choose_goals(owner=client, targets={"gives": 2}, today=TODAY)


def test_the_dashboard_costs_the_same_queries_for_3_and_30_clients(
    casey, django_assert_num_queries
):
    _clients(casey, 3, 0)
    dashboard.dashboard(coach=casey, today=TODAY)
    with django_assert_num_queries(DASHBOARD_QUERIES) as three:
        assert len(dashboard.dashboard(coach=casey, today=TODAY)) == 3
    _clients(casey, 27, 3)
    with django_assert_num_queries(len(three.captured_queries)):
        assert len(dashboard.dashboard(coach=casey, today=TODAY)) == 30


# ---- a client's shared view ------------------------------------------------------------------


@pytest.mark.parametrize("level", ["progress", "plan", "network"])
def test_a_view_holds_nothing_above_its_level(jordan, level):
    planted(jordan)
    view = shared.shared_view(jordan, level, TODAY)
    shown = text_of(view)
    for secret in NEVER:
        assert secret not in shown
    for secret in PLAN_SECRETS:
        assert (secret in shown) is (level != "progress")
    for secret in NETWORK_SECRETS:
        assert (secret in shown) is (level == "network")


def test_the_parts_above_the_level_are_absent_not_empty(jordan):
    planted(jordan)
    view = shared.shared_view(jordan, "progress", TODAY)
    assert (view.plan, view.leads, view.people, view.people_total) == (None, None, None, None)
    plan = shared.shared_view(jordan, "plan", TODAY)
    assert plan.leads is not None
    assert plan.plan is not None
    assert plan.people is None


def test_the_plan_view_names_leads_and_the_people_behind_them(jordan):
    planted(jordan)
    lead = shared.shared_view(jordan, "plan", TODAY).leads[0]
    assert (lead.title, lead.stage, lead.people[0].name) == (
        "Chief Lantern Officer",
        "applied",
        PERSON,
    )


def test_the_network_view_lists_people_closest_first_with_words(jordan):
    planted(jordan)
    make_person(jordan, "Aaron Acquaintance", tier="acquaintance")
    make_person(jordan, "Only Known Of", tier=None)
    view = shared.shared_view(jordan, "network", TODAY)
    assert [(p.name, p.closeness_words) for p in view.people] == [
        (PERSON, "Close"),
        ("Aaron Acquaintance", "Acquaintance"),
    ]
    assert view.people_total == 2


def test_a_coach_opening_a_client_records_each_part(casey, jordan):
    link(casey, jordan, level="plan")
    view = shared.coach_view(coach=casey, client_id=jordan.pk, today=TODAY)
    assert view.level == Level.PLAN
    assert list(AccessRecord.objects.order_by("id").values_list("what", flat=True)) == [
        "progress",
        "today's plan and leads",
    ]


def test_an_unlinked_coach_gets_does_not_exist_and_nothing_is_recorded(casey, jordan, riley):
    link(casey, riley)
    link(casey, jordan, state=CoachLink.ENDED)
    for client in (jordan, make_user("nobody")):
        with pytest.raises(CoachLink.DoesNotExist):
            shared.coach_view(coach=casey, client_id=client.pk, today=TODAY)
    assert not AccessRecord.objects.exists()


def test_the_client_can_open_only_their_own_active_link(casey, jordan, riley):
    mine = link(casey, jordan)
    assert selectors.own_link(client=jordan, link_id=mine.pk) == mine
    with pytest.raises(CoachLink.DoesNotExist):
        selectors.own_link(client=riley, link_id=mine.pk)


@pytest.mark.parametrize("imported", [False, True])
def test_every_kind_of_conversation_counts_as_on_the_progress_page(casey, jordan, imported):
    from mutuals.interactions.models import KIND_CHOICES

    link(casey, jordan)
    rosa = make_person(jordan)
    for kind, _ in KIND_CHOICES:
        talk(jordan, [rosa], TODAY, kind=kind, imported=imported)
    counts, _ = progress_selectors.week_counts(owner=jordan, first_week=week_of(TODAY), today=TODAY)
    row = dashboard.dashboard(coach=casey, today=TODAY)[0]
    assert row.weeks[-1].conversations == counts["conversations"][week_of(TODAY)]
