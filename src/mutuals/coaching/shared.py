"""What one client shares with their coach, at the level the client chose (PRODUCT.md P9).

`shared_view` is exactly what a client shares at a level (`core.coaching`): the parts a level
does not reach are None, never read and then hidden. It is what the client's own "view as my
coach" page renders, with nothing recorded; `coach_view` is the coach's read of it, each part
opened through the gate (`coaching.access.client_for`, one AccessRecord per part).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Final

from django.contrib.auth.models import AbstractBaseUser

from mutuals.coaching.access import client_for
from mutuals.coaching.dashboard import ClientRow, client_rows
from mutuals.coaching.selectors import client_name
from mutuals.core.cadence import TIER_LABELS, Tier
from mutuals.core.coaching import Level, allows
from mutuals.core.leads import OPEN_STAGES, ROLE_WORDS, STAGE_WORDS, STAGES
from mutuals.leads.models import Lead, LeadPerson
from mutuals.people.models import Person

PEOPLE_SHOWN: Final = 200
# What each part of a client's page is called in the client's audit trail.
PART_WORDS: Final = {
    Level.PROGRESS: "progress",
    Level.PLAN: "today's plan and leads",
    Level.NETWORK: "people",
}
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
