"""What a coach sees of their clients (PRODUCT.md P9), read in bulk.

`shared_view` is exactly what one client shares at a level (`core.coaching`): the fields a
level does not reach are None, never read and then hidden. `dashboard` (and `dashboard_page`,
a page of it) is every linked client at once: a fixed number of grouped queries over
`owner_id IN (...)` whatever the number of clients (no query per client), counted by the
progress page's own read (`progress.selectors.day_counts_for`, for all the clients at once).

Both read only through the gate: `coach_view` and `dashboard` call `coaching.access` (one
AccessRecord per part opened, or per client shown on the dashboard, `access.record_looks`);
`shared_view` itself is what the client's own "view as my coach" page renders, with nothing
recorded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count
from django.utils import timezone

from mutuals.coaching.access import Linked, client_for, clients_of, record_looks
from mutuals.coaching.models import CoachLink
from mutuals.core.cadence import TIER_LABELS, Tier
from mutuals.core.coach_flags import FLAG_CODES, Activity, Flag, flags
from mutuals.core.coaching import Level, allows
from mutuals.core.leads import OPEN_STAGES, ROLE_WORDS, STAGE_WORDS, STAGES
from mutuals.core.progress import WEEKS, GoalSetting, Progress, build_progress, week_of, weeks_until
from mutuals.leads.models import Lead, LeadPerson
from mutuals.people.models import Person
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
PEOPLE_SHOWN: Final = 200
PAGE_SIZE: Final = 25  # clients on a page of the dashboard
# What each part of a client's page is called in the client's audit trail.
PART_WORDS: Final = {
    Level.PROGRESS: "progress",
    Level.PLAN: "today's plan and leads",
    Level.NETWORK: "people",
}
DASHBOARD_WORDS: Final = "dashboard"
# What a plan item asks the client to do, by its kind: fixed words, never the item's own text
# (a promise's or a need's words, or a conversation's).
PLAN_WORDS: Final = {
    "promise": "Keep a promise",
    "introduction": "Move an introduction on",
    "keep_in_touch": "Keep in touch",
    "new_acquaintance": "Follow up a new acquaintance",
    "dormant": "Reconnect with a dormant tie",
    "thank_you": "Say thank you",
    "ask_unanswered": "Follow up an ask",
    "need_review": "Look for a way to help",
    "occasion": "Mark an occasion",
    "interview": "Prepare an interview",
    "referral_thanks": "Thank a referrer",
    "application": "Follow up an application",
    "event_follow_up": "Follow up an event",
}
CLOSENESS_ORDER: Final = {tier.value: n for n, tier in enumerate(Tier)}
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


@dataclass(frozen=True, slots=True)
class PlanItem:
    kind: str
    what: str
    person_name: str | None
    about: str  # the lead's title, for an item about a lead; else ""


@dataclass(frozen=True, slots=True)
class LeadPersonShown:
    name: str
    role: str
    role_words: str


@dataclass(frozen=True, slots=True)
class SharedLead:
    title: str
    organization: str
    stage: str
    stage_words: str
    people: tuple[LeadPersonShown, ...]


@dataclass(frozen=True, slots=True)
class SharedPerson:
    name: str
    organization: str
    closeness: str  # the tier's code
    closeness_words: str


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
class SharedView:
    """What one client shares at `level`; the parts above it are None."""

    client_id: int
    name: str
    level: Level
    link_id: int
    today: dt.date
    row: ClientRow
    plan: list[PlanItem] | None = None
    leads: list[SharedLead] | None = None
    people: list[SharedPerson] | None = None
    people_total: int | None = None
    parts: tuple[str, ...] = field(default=())


def is_coaching(user: AbstractBaseUser) -> bool:
    """Whether `user` coaches: the coach role (accounts.roles, when present) or at least one
    active client link."""
    try:
        from mutuals.accounts.roles import is_coach
    except ImportError:  # before the roles exist
        is_coach = None
    if is_coach is not None and is_coach(user):
        return True
    return CoachLink.objects.filter(coach=user, state=CoachLink.ACTIVE).exists()


def client_name(user: AbstractBaseUser) -> str:
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or user.get_username())


# ---- the dashboard -------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardPage:
    """One page of the dashboard: its rows, which page it is (from 1) of how many, and how many
    clients match (`total`, after the flagged filter) of the coach's clients (`clients`)."""

    rows: list[ClientRow]
    number: int
    pages: int
    total: int
    clients: int
    per_page: int


def dashboard(
    *,
    coach: AbstractBaseUser,
    today: dt.date,
    sort: Sort = "name",
    flagged_only: bool = False,
) -> list[ClientRow]:
    """Every client linked to `coach`, as rows of counts; the clients shown are recorded
    ("dashboard"). Thirteen queries whatever the number of clients."""
    return dashboard_page(
        coach=coach, today=today, sort=sort, flagged_only=flagged_only, per_page=None
    ).rows


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
    (None: all). Sorted by name and unfiltered, only the page's clients are read: their order
    needs no counts. By flags or activity, or flagged only, every client is read, then the page
    cut. Only the clients on the page are recorded. Thirteen queries either way."""
    where: dict[str, int] = {}

    def cut(total: int) -> tuple[int, int]:
        size = per_page or max(total, 1)
        where["size"], where["pages"] = size, max(1, -(-total // size))
        where["number"] = min(max(page, 1), where["pages"])
        return (where["number"] - 1) * size, size

    rows, total, clients = _dashboard(coach, today, sort, flagged_only, cut)
    return DashboardPage(
        rows=rows,
        number=where["number"],
        pages=where["pages"],
        total=total,
        clients=clients,
        per_page=where["size"],
    )


def dashboard_slice(
    *,
    coach: AbstractBaseUser,
    today: dt.date,
    sort: Sort = "name",
    flagged_only: bool = False,
    offset: int = 0,
    limit: int,
) -> tuple[list[ClientRow], int]:
    """`limit` rows of `dashboard` after the first `offset`, and how many rows there are in all
    (for the API's limit and offset); read and recorded as `dashboard_page` does."""
    rows, total, _ = _dashboard(coach, today, sort, flagged_only, lambda _: (offset, limit))
    return rows, total


def _dashboard(
    coach: AbstractBaseUser,
    today: dt.date,
    sort: str,
    flagged_only: bool,
    cut: Callable[[int], tuple[int, int]],
) -> tuple[list[ClientRow], int, int]:
    """The rows `cut(total)` = (start, how many) picks, the total and the number of clients."""
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
    return shown, total, len(linked)


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


# ---- one client ----------------------------------------------------------------------------


def coach_view(*, coach: AbstractBaseUser, client_id: int, today: dt.date) -> SharedView:
    """What `client_id` shares with `coach`, each part opened through the gate (and so
    recorded); CoachLink.DoesNotExist when they are not linked."""
    linked = client_for(
        coach=coach, client_id=client_id, needs=Level.PROGRESS, what=PART_WORDS[Level.PROGRESS]
    )
    level = Level.PROGRESS
    for needed in (Level.PLAN, Level.NETWORK):
        if allows(linked.level, needed):
            client_for(coach=coach, client_id=client_id, needs=needed, what=PART_WORDS[needed])
            level = needed
    return shared_view(linked.client, level, today, link_id=linked.link_id)


def own_link(*, client: AbstractBaseUser, link_id: int) -> CoachLink:
    """The client's own active link `link_id` (for "view as my coach"); else DoesNotExist."""
    return CoachLink.objects.select_related("coach").get(
        pk=link_id, client=client, state=CoachLink.ACTIVE
    )


def shared_view(
    client: AbstractBaseUser, level: Level | str, today: dt.date, *, link_id: int = 0
) -> SharedView:
    """Exactly what `client` shares at `level`: the parts above it are never read."""
    level = Level(level)
    row = client_rows([(client, level, link_id)], today=today)[0]
    view = SharedView(
        client_id=client.pk,
        name=client_name(client),
        level=level,
        link_id=link_id,
        today=today,
        row=row,
        parts=tuple(PART_WORDS[part] for part in PART_WORDS if allows(level, part)),
    )
    if not allows(level, Level.PLAN):
        return view
    plan = _plan(client, today)
    leads = _leads(client)
    if not allows(level, Level.NETWORK):
        return _with(view, plan=plan, leads=leads)
    people, total = _people(client)
    return _with(view, plan=plan, leads=leads, people=people, people_total=total)


def _with(view: SharedView, **parts: Any) -> SharedView:
    return replace(view, **parts)


def _plan(client: AbstractBaseUser, today: dt.date) -> list[PlanItem]:
    """Today's plan as kinds and names: never an item's own text or its reason."""
    from mutuals.agenda.selectors import today_plan

    return [
        PlanItem(
            kind=str(item.kind),
            what=PLAN_WORDS.get(str(item.kind), "Something to do"),
            person_name=item.person_name,
            about=item.about if item.lead_id is not None else "",
        )
        for item in today_plan(client, today).items
    ]


def _leads(client: AbstractBaseUser) -> list[SharedLead]:
    """The open leads (and accepted offers), the furthest along first: title, organisation,
    stage and the people behind each."""
    shown = (*OPEN_STAGES, "accepted")
    leads = list(
        Lead.objects.filter(owner=client, stage__in=shown)
        .select_related("organization")
        .order_by("-stage_on", "-id")
    )
    people: dict[int, list[LeadPersonShown]] = defaultdict(list)
    rows = LeadPerson.objects.filter(owner=client, lead__in=leads).values_list(
        "lead_id", "person__full_name", "role"
    )
    for lead_id, name, role in rows.order_by("id"):
        people[lead_id].append(LeadPersonShown(name, role, ROLE_WORDS.get(role, role)))
    leads.sort(key=lambda lead: -STAGES.index(lead.stage))
    return [
        SharedLead(
            title=lead.title,
            organization=lead.organization.name if lead.organization else "",
            stage=lead.stage,
            stage_words=STAGE_WORDS[lead.stage],
            people=tuple(people.get(lead.pk, ())),
        )
        for lead in leads
    ]


def _people(client: AbstractBaseUser) -> tuple[list[SharedPerson], int]:
    """The client's people (someone they only know of is left out), the closest first, at
    most PEOPLE_SHOWN of them, and how many there are."""
    rows = Person.objects.filter(owner=client, tier__isnull=False, archived_at__isnull=True)
    total = rows.count()
    found = sorted(
        rows.values_list("full_name", "organization__name", "tier"),
        key=lambda r: (CLOSENESS_ORDER.get(r[2], 99), r[0].casefold()),
    )[:PEOPLE_SHOWN]
    return [
        SharedPerson(
            name=name,
            organization=organization or "",
            closeness=tier,
            closeness_words=TIER_LABELS[Tier(tier)],
        )
        for name, organization, tier in found
    ], total
