"""The coach's dashboard: every linked client as a row of counts, read in bulk (PRODUCT.md P9).

A fixed number of grouped queries over `owner_id IN (...)` whatever the number of clients (no
query per client), counted by the progress page's own read (`progress.selectors.day_counts_for`,
for all the clients at once). `dashboard_page` (a page of 25 for the web) and `dashboard_slice`
(a limit after an offset, for the API) are one read, cut two ways, with one answer: a
`DashboardPage`. Only the clients shown are recorded, through the gate (`access.record_looks`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count
from django.utils import timezone

from mutuals.coaching.access import Linked, clients_of, record_looks
from mutuals.coaching.selectors import client_name
from mutuals.core.coach_flags import FLAG_CODES, Activity, Flag, flags
from mutuals.core.coaching import Level
from mutuals.core.leads import STAGE_WORDS, STAGES
from mutuals.core.progress import WEEKS, GoalSetting, Progress, build_progress, week_of, weeks_until
from mutuals.leads.models import Lead
from mutuals.progress.selectors import (
    ASKS,
    Counts,
    by_weeks,
    day_counts_for,
    goal_settings_for,
    window,
)
from mutuals.promises.models import Promise

# Promises kept: of those due in these last days, how many were done on or before their day.
PROMISE_DAYS: Final = 28
PAGE_SIZE: Final = 25  # clients on a page of the dashboard
DASHBOARD_WORDS: Final = "dashboard"
Sort = Literal["name", "flags", "activity"]
SORTS: Final = ("name", "flags", "activity")


@dataclass(frozen=True, slots=True)
class WeekActivity:
    week: dt.date  # its Monday
    conversations: int
    gives: int
    asks: int


@dataclass(frozen=True, slots=True)
class PromisesKept:
    kept: int
    due: int
    days: int = PROMISE_DAYS


@dataclass(frozen=True, slots=True)
class StageCount:
    stage: str
    words: str
    count: int


@dataclass(frozen=True)
class ClientRow:
    """One client on the dashboard: counts only, whatever the level."""

    client_id: int
    name: str
    level: Level
    link_id: int
    progress: Progress
    weeks: list[WeekActivity]
    promises: PromisesKept
    stages: list[StageCount]
    flags: list[Flag]
    last_activity: dt.date | None


@dataclass(frozen=True)
class DashboardPage:
    """Some rows of the dashboard: `rows`, which come after the first `start` of `total` (the
    clients that match, after the flagged filter) of the coach's `clients`, cut `size` at a time
    (`number` and `pages` count in those)."""

    rows: list[ClientRow]
    start: int
    size: int
    total: int
    clients: int

    @property
    def number(self) -> int:
        return self.start // self.size + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def per_page(self) -> int:
        return self.size


def dashboard(
    *,
    coach: AbstractBaseUser,
    today: dt.date,
    sort: Sort = "name",
    flagged_only: bool = False,
) -> list[ClientRow]:
    """Every client linked to `coach`, as rows of counts; the clients shown are recorded
    ("dashboard"). Thirteen queries whatever the number of clients."""
    return dashboard_slice(coach=coach, today=today, sort=sort, flagged_only=flagged_only).rows


def dashboard_page(
    *,
    coach: AbstractBaseUser,
    today: dt.date,
    sort: Sort = "name",
    flagged_only: bool = False,
    page: int = 1,
    per_page: int | None = PAGE_SIZE,
) -> DashboardPage:
    """Page `page` (from 1; past the last, the last) of `dashboard`, `per_page` clients a page
    (None: all)."""

    def cut(total: int) -> tuple[int, int]:
        size = per_page or max(total, 1)
        last = max(1, -(-total // size))
        return (min(max(page, 1), last) - 1) * size, size

    return _dashboard(coach, today, sort, flagged_only, cut)


def dashboard_slice(
    *,
    coach: AbstractBaseUser,
    today: dt.date,
    sort: Sort = "name",
    flagged_only: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> DashboardPage:
    """`limit` rows of `dashboard` (None: all) after the first `offset`."""
    return _dashboard(
        coach,
        today,
        sort,
        flagged_only,
        lambda total: (offset, max(total, 1) if limit is None else limit),
    )


def _dashboard(
    coach: AbstractBaseUser,
    today: dt.date,
    sort: str,
    flagged_only: bool,
    cut: Callable[[int], tuple[int, int]],
) -> DashboardPage:
    """The rows `cut(total)` = (start, how many) picks. Sorted by name and unfiltered, only
    those clients are read: their order needs no counts. By flags or activity, or flagged
    only, every client is read, then the rows cut. Only the clients shown are recorded.
    Thirteen queries either way."""
    linked = sorted(clients_of(coach=coach), key=lambda item: _name_key(item.client))
    if sort == "name" and not flagged_only:
        total = len(linked)
        start, size = cut(total)
        shown = _rows(linked[start : start + size], today)
    else:
        rows = _rows(linked, today)
        if flagged_only:
            rows = [row for row in rows if row.flags]
        total = len(rows)
        start, size = cut(total)
        shown = sort_rows(rows, sort)[start : start + size]
    record_looks(coach=coach, client_ids=[row.client_id for row in shown], what=DASHBOARD_WORDS)
    return DashboardPage(rows=shown, start=start, size=size, total=total, clients=len(linked))


def _name_key(client: AbstractBaseUser) -> tuple[str, int]:
    return client_name(client).casefold(), client.pk


def _rows(linked: Sequence[Linked], today: dt.date) -> list[ClientRow]:
    return client_rows(
        [(item.client, Level(item.level), item.link_id) for item in linked], today=today
    )


def sort_rows(rows: Sequence[ClientRow], sort: str) -> list[ClientRow]:
    """By name; by flags (most first, in FLAG_CODES order, then name); or by last activity
    (the quietest first: none at all before any day)."""
    by_name = sorted(rows, key=lambda row: (row.name.casefold(), row.client_id))
    if sort == "flags":
        return sorted(
            by_name,
            key=lambda row: (-len(row.flags), [FLAG_CODES.index(f.code) for f in row.flags]),
        )
    if sort == "activity":
        return sorted(by_name, key=lambda row: row.last_activity or dt.date.min)
    return by_name


def client_rows(
    clients: Sequence[tuple[AbstractBaseUser, Level, int]], *, today: dt.date
) -> list[ClientRow]:
    """A row for each (client, level, link id), read together: the progress page's day counts
    for all of them (`progress.selectors.day_counts_for`), their goals, promises and leads, in
    eleven queries whatever their number."""
    ids = [client.pk for client, _, _ in clients]
    if not ids:
        return []
    first = week_of(today) - dt.timedelta(weeks=WEEKS - 1)
    days = day_counts_for(ids, window(first, today))
    goals = goal_settings_for(ids)
    promises = _promises_kept(ids, today)
    stages, applied = _leads_by_stage(ids)
    return [
        _row(
            client,
            level,
            link_id,
            today=today,
            days=days[client.pk],
            goals=goals[client.pk],
            promises=promises.get(client.pk, (0, 0)),
            stages=stages.get(client.pk, {}),
            applied=applied.get(client.pk, []),
        )
        for client, level, link_id in clients
    ]


def _row(
    client: AbstractBaseUser,
    level: Level,
    link_id: int,
    *,
    today: dt.date,
    days: Counts,
    goals: list[GoalSetting],
    promises: tuple[int, int],
    stages: dict[str, int],
    applied: list[dt.date],
) -> ClientRow:
    counts, asked = by_weeks(days)
    progress = build_progress(today=today, settings=goals, counts=counts, asked=asked)
    weeks = [
        WeekActivity(
            week=monday,
            conversations=counts["conversations"].get(monday, 0),
            gives=counts["gives"].get(monday, 0),
            asks=asked.get(monday, 0),
        )
        for monday in weeks_until(today, WEEKS)
    ]
    talked, gave, asks = days["conversations"], days["gives"], days[ASKS]
    activity = Activity(
        today=today,
        conversation_days=talked,
        give_days=gave,
        ask_days=asks,
        week_states=progress.week_states,
        applied_since=applied,
    )
    active = [day for found in (talked, gave, asks) for day in found if day <= today]
    kept, due = promises
    return ClientRow(
        client_id=client.pk,
        name=client_name(client),
        level=level,
        link_id=link_id,
        progress=progress,
        weeks=weeks,
        promises=PromisesKept(kept=kept, due=due),
        stages=_stages(stages),
        flags=flags(activity),
        last_activity=max(active, default=None),
    )


def _promises_kept(ids: list[int], today: dt.date) -> dict[int, tuple[int, int]]:
    """(kept, due) of the promises due in the last PROMISE_DAYS days, today included."""
    first = today - dt.timedelta(days=PROMISE_DAYS - 1)
    zone = timezone.get_current_timezone()
    found: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = Promise.objects.filter(owner_id__in=ids, due_on__range=(first, today)).values_list(
        "owner_id", "due_on", "done_at"
    )
    for owner_id, due, done_at in rows:
        found[owner_id][1] += 1
        if done_at is not None and done_at.astimezone(zone).date() <= due:
            found[owner_id][0] += 1
    return {owner_id: (kept, due) for owner_id, (kept, due) in found.items()}


def _leads_by_stage(ids: list[int]) -> tuple[dict[int, dict[str, int]], dict[int, list[dt.date]]]:
    """How many leads each owner has at each stage, and the days their leads now at "applied"
    reached it: one grouped query."""
    stages: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    applied: dict[int, list[dt.date]] = defaultdict(list)
    rows = (
        Lead.objects.filter(owner_id__in=ids)
        .values("owner_id", "stage", "stage_on")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("owner_id", "stage", "stage_on", "n")
    )
    for owner_id, stage, day, n in rows:
        stages[owner_id][stage] += n
        if stage == "applied":
            applied[owner_id].extend([day] * n)
    return stages, applied


def _stages(counts: dict[str, int]) -> list[StageCount]:
    """Every stage in order, with how many leads are at it (closed ones included)."""
    return [StageCount(stage, STAGE_WORDS[stage], counts.get(stage, 0)) for stage in STAGES]
