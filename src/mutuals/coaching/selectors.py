"""What a coach sees of their clients (PRODUCT.md P9), read in bulk.

`shared_view` is exactly what one client shares at a level (`core.coaching`): the fields a
level does not reach are None, never read and then hidden. `dashboard` is every linked client
at once: a fixed number of grouped queries over `owner_id IN (...)` whatever the number of
clients (no query per client), with the same counting rules as the progress page
(`progress.selectors.week_counts`, folded by `core.progress`; a test holds the two equal).

Both read only through the gate: `coach_view` and `dashboard` call `coaching.access` (one
AccessRecord per part opened, or per client shown on the dashboard); `shared_view` itself is
what the client's own "view as my coach" page renders, with nothing recorded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from mutuals.coaching.access import client_for, clients_of
from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.core.cadence import TIER_LABELS, Tier
from mutuals.core.coach_flags import FLAG_CODES, Activity, Flag, flags
from mutuals.core.coaching import Level, allows
from mutuals.core.leads import OPEN_STAGES, ROLE_WORDS, STAGE_WORDS, STAGES
from mutuals.core.progress import (
    LIVE_KINDS,
    WEEKS,
    GoalSetting,
    Progress,
    build_progress,
    week_of,
    weeks_until,
)
from mutuals.events.models import EventPerson
from mutuals.interactions.models import Interaction
from mutuals.leads.models import Lead, LeadEvent, LeadPerson
from mutuals.ledger.models import Ask, Exchange
from mutuals.people.models import Person
from mutuals.progress.models import Goal
from mutuals.promises.models import Promise

# Promises kept: of those due in these last days, how many were done on or before their day.
PROMISE_DAYS: Final = 28
PEOPLE_SHOWN: Final = 200
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


def dashboard(
    *,
    coach: AbstractBaseUser,
    today: dt.date,
    sort: Sort = "name",
    flagged_only: bool = False,
) -> list[ClientRow]:
    """Every client linked to `coach`, as rows of counts; the clients shown are recorded
    ("dashboard"). Thirteen queries whatever the number of clients."""
    linked = clients_of(coach=coach)
    rows = client_rows(
        [(item.client, Level(item.level), item.link_id) for item in linked], today=today
    )
    if flagged_only:
        rows = [row for row in rows if row.flags]
    rows = sort_rows(rows, sort)
    now = timezone.now()
    AccessRecord.objects.bulk_create(
        AccessRecord(client_id=row.client_id, coach=coach, what=DASHBOARD_WORDS, at=now)
        for row in rows
    )
    return rows


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
    """A row for each (client, level, link id), read together."""
    ids = [client.pk for client, _, _ in clients]
    if not ids:
        return []
    first = week_of(today) - dt.timedelta(weeks=WEEKS - 1)
    span = (first, week_of(today) + dt.timedelta(days=6))
    read = _Read(ids, span, today)
    rows = []
    for client, level, link_id in clients:
        rows.append(read.row(client, level, link_id))
    return rows


class _Read:
    """The grouped reads behind the dashboard, by owner: each query runs once for all."""

    def __init__(self, ids: list[int], span: tuple[dt.date, dt.date], today: dt.date) -> None:
        self.today = today
        self.span = span
        first, length = span[0], (span[1] - span[0]).days + 1
        self.mondays = {
            first + dt.timedelta(days=n): week_of(first + dt.timedelta(days=n))
            for n in range(length)
        }
        self.gives = _by_owner_day(
            Exchange.objects.filter(owner_id__in=ids, direction="gave", occurred_on__range=span),
            "occurred_on",
        )
        self.asks = _by_owner_day(
            Ask.objects.filter(owner_id__in=ids, asked_on__range=span), "asked_on"
        )
        self.conversations = _conversations(ids, span)
        self.new_people = _new_people(ids, span)
        self.follow_ups = _kept_promises(ids, span)
        self.applications = _referred_applications(ids, span)
        self.goals = _goal_settings(ids)
        self.promises = _promises_kept(ids, today)
        self.stages = _stage_counts(ids)
        self.applied = _applied_since(ids)

    def weeks(self, days: dict[dt.date, int]) -> dict[dt.date, int]:
        """Counts by day folded into Monday weeks (the span's Mondays looked up, not worked
        out: 200 clients' days are tens of thousands)."""
        found: dict[dt.date, int] = defaultdict(int)
        for day, n in days.items():
            found[self.mondays.get(day) or week_of(day)] += n
        return dict(found)

    def counts(self, owner_id: int) -> dict[str, dict[dt.date, int]]:
        return {
            "gives": self.weeks(self.gives.get(owner_id, {})),
            "conversations": self.weeks(self.conversations.get(owner_id, {})),
            "new_people": self.weeks(self.new_people.get(owner_id, {})),
            "follow_ups": self.weeks(self.follow_ups.get(owner_id, {})),
            "applications": self.weeks(self.applications.get(owner_id, {})),
        }

    def row(self, client: AbstractBaseUser, level: Level, link_id: int) -> ClientRow:
        owner_id = client.pk
        counts = self.counts(owner_id)
        asked = self.weeks(self.asks.get(owner_id, {}))
        progress = build_progress(
            today=self.today,
            settings=self.goals.get(owner_id, []),
            counts=counts,
            asked=asked,
        )
        weeks = [
            WeekActivity(
                week=monday,
                conversations=counts["conversations"].get(monday, 0),
                gives=counts["gives"].get(monday, 0),
                asks=asked.get(monday, 0),
            )
            for monday in weeks_until(self.today, WEEKS)
        ]
        talked = self.conversations.get(owner_id, {})
        gave = self.gives.get(owner_id, {})
        asks = self.asks.get(owner_id, {})
        activity = Activity(
            today=self.today,
            conversation_days=talked,
            give_days=gave,
            ask_days=asks,
            week_states=progress.week_states,
            applied_since=self.applied.get(owner_id, []),
        )
        days = [day for found in (talked, gave, asks) for day, n in found.items() if n > 0]
        kept, due = self.promises.get(owner_id, (0, 0))
        return ClientRow(
            client_id=owner_id,
            name=client_name(client),
            level=level,
            link_id=link_id,
            progress=progress,
            weeks=weeks,
            promises=PromisesKept(kept=kept, due=due),
            stages=_stages(self.stages.get(owner_id, {})),
            flags=flags(activity),
            last_activity=max((d for d in days if d <= self.today), default=None),
        )


def _by_owner_day(rows: QuerySet[Any], day_field: str) -> dict[int, dict[dt.date, int]]:
    """Rows counted by owner and day in the database (no per-row date function)."""
    found: dict[int, dict[dt.date, int]] = defaultdict(dict)
    grouped = (
        rows.values("owner_id", day_field)
        .annotate(n=Count("id"))
        .order_by()
        .values_list("owner_id", day_field, "n")
    )
    for owner_id, day, n in grouped:
        found[owner_id][day] = n
    return found


def _count_days(pairs: Iterable[tuple[int, dt.date]]) -> dict[int, dict[dt.date, int]]:
    found: dict[int, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for owner_id, day in pairs:
        found[owner_id][day] += 1
    return {owner_id: dict(days) for owner_id, days in found.items()}


def _conversations(ids: list[int], span: tuple[dt.date, dt.date]) -> dict[int, dict[dt.date, int]]:
    """Meaningful conversations by owner and day, as progress.selectors counts them: live ones,
    and written ones logged by hand (not imported). One read of the window for every client:
    the rows are read anyway, so the rule is a filter on the count, not a second query."""
    meaningful = Q(kind__in=LIVE_KINDS) | Q(source_key="")
    rows = (
        Interaction.objects.filter(owner_id__in=ids, occurred_on__range=span)
        .values("owner_id", "occurred_on")
        .annotate(n=Count("id", filter=meaningful))
        .order_by()
        .values_list("owner_id", "occurred_on", "n")
    )
    found: dict[int, dict[dt.date, int]] = defaultdict(dict)
    for owner_id, day, n in rows:
        if n:
            found[owner_id][day] = n
    return found


def _new_people(ids: list[int], span: tuple[dt.date, dt.date]) -> dict[int, dict[dt.date, int]]:
    """Each person once, on the earlier of their first conversation and the event where the
    owner first met them."""
    first: dict[tuple[int, int], dt.date] = {}
    talked = Person.objects.filter(owner_id__in=ids, first_contact_on__range=span)
    met = EventPerson.objects.filter(owner_id__in=ids, met_here=True, event__day__range=span)
    for owner_id, person_id, day in [
        *talked.values_list("owner_id", "pk", "first_contact_on"),
        *met.values_list("owner_id", "person_id", "event__day"),
    ]:
        key = (owner_id, person_id)
        if key not in first or day < first[key]:
            first[key] = day
    return _count_days((owner_id, day) for (owner_id, _), day in first.items())


def _kept_promises(ids: list[int], span: tuple[dt.date, dt.date]) -> dict[int, dict[dt.date, int]]:
    """Promises done in the span on or before their day, on the local day they were done."""
    start = timezone.make_aware(dt.datetime.combine(span[0], dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(span[1] + dt.timedelta(days=1), dt.time.min))
    rows = Promise.objects.filter(owner_id__in=ids, done_at__gte=start, done_at__lt=end)
    zone = timezone.get_current_timezone()
    done = (
        (owner_id, at.astimezone(zone).date(), due)
        for owner_id, at, due in rows.values_list("owner_id", "done_at", "due_on")
    )
    return _count_days((owner_id, day) for owner_id, day, due in done if day <= due)


def _referred_applications(
    ids: list[int], span: tuple[dt.date, dt.date]
) -> dict[int, dict[dt.date, int]]:
    """Leads someone referred the owner to, on the day they first reached "applied"."""
    applied: dict[tuple[int, int], dt.date] = {}
    rows = LeadEvent.objects.filter(
        owner_id__in=ids,
        kind__in=("created", "stage"),
        stage="applied",
        occurred_on__range=span,
        lead__people__role="referrer",
    ).values_list("owner_id", "lead_id", "occurred_on")
    for owner_id, lead_id, day in rows:
        key = (owner_id, lead_id)
        if key not in applied or day < applied[key]:
            applied[key] = day
    return _count_days((owner_id, day) for (owner_id, _), day in applied.items())


def _goal_settings(ids: list[int]) -> dict[int, list[GoalSetting]]:
    found: dict[int, list[GoalSetting]] = defaultdict(list)
    rows = (
        Goal.objects.filter(owner_id__in=ids)
        .order_by("owner_id", "kind", "since")
        .values_list("owner_id", "kind", "weekly_target", "active", "since")
    )
    for owner_id, kind, target, active, since in rows:
        found[owner_id].append(GoalSetting(kind=kind, target=target, active=active, since=since))
    return found


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


def _stage_counts(ids: list[int]) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Lead.objects.filter(owner_id__in=ids)
        .values("owner_id", "stage")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("owner_id", "stage", "n")
    )
    for owner_id, stage, n in rows:
        found[owner_id][stage] = n
    return found


def _applied_since(ids: list[int]) -> dict[int, list[dt.date]]:
    found: dict[int, list[dt.date]] = defaultdict(list)
    rows = Lead.objects.filter(owner_id__in=ids, stage="applied").values_list(
        "owner_id", "stage_on"
    )
    for owner_id, day in rows:
        found[owner_id].append(day)
    return found


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
