"""Reads for leads, always filtered by owner: lists, the board by stage, one lead with its
timeline, and the leads someone stands behind (for their page)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from mutuals.core.leads import (
    OPEN_STAGES,
    ROLE_WORDS,
    STAGE_WORDS,
    STAGES,
    allowed_moves,
    next_stage,
)
from mutuals.leads.models import Lead, LeadEvent, LeadPerson

BOARD_CARDS = 12  # cards shown in each column; the column's count says how many in all


def _with_people(leads: QuerySet[Lead]) -> QuerySet[Lead]:
    people = LeadPerson.objects.select_related("person").order_by("id")
    return leads.select_related("organization").prefetch_related(
        Prefetch("people", queryset=people)
    )


def leads_for(
    *,
    owner: AbstractBaseUser,
    stage: str = "",
    organization_id: int | None = None,
    person_id: int | None = None,
    open_only: bool = False,
) -> QuerySet[Lead]:
    """Leads, the most recently moved first, with their organisation and people."""
    leads = Lead.objects.filter(owner=owner)
    if stage:
        leads = leads.filter(stage=stage)
    if open_only:
        leads = leads.filter(stage__in=OPEN_STAGES)
    if organization_id is not None:
        leads = leads.filter(organization_id=organization_id)
    if person_id is not None:
        leads = leads.filter(people__person_id=person_id).distinct()
    return _with_people(leads).order_by("-stage_on", "-id")


def get_lead(*, owner: AbstractBaseUser, lead_id: int) -> Lead:
    return _with_people(Lead.objects.filter(owner=owner)).get(pk=lead_id)


def timeline(*, owner: AbstractBaseUser, lead_id: int) -> list[LeadEvent]:
    return list(
        LeadEvent.objects.filter(owner=owner, lead_id=lead_id)
        .select_related("person")
        .order_by("occurred_on", "id")
    )


@dataclass(frozen=True)
class Column:
    stage: str
    words: str
    count: int
    leads: list[Lead]  # at most BOARD_CARDS, the most recently moved first
    moves: list[tuple[str, str]]  # where a card here can move: `moves(stage)`
    # who is behind each lead shown, by lead id, in the order they were added
    names: dict[int, list[str]] = field(default_factory=dict)

    @property
    def more(self) -> int:
        return self.count - len(self.leads)


def board(*, owner: AbstractBaseUser, per_column: int = BOARD_CARDS) -> list[Column]:
    """Every stage as a column: how many leads are there, and the most recent of them.

    Three queries whatever the number of leads: the counts, the first `per_column` of each
    stage, and the names of their people.
    """
    counts = Counter(
        dict(
            Lead.objects.filter(owner=owner)
            .order_by()
            .values_list("stage")
            .annotate(n=Count("id"))
            .values_list("stage", "n")
        )
    )
    shown: dict[str, list[Lead]] = {stage: [] for stage in STAGES}
    leads = list(_cards(owner, per_column))
    for lead in leads:
        shown[lead.stage].append(lead)
    names = _names_of(owner, leads)
    return [
        Column(
            stage,
            STAGE_WORDS[stage],
            counts[stage],
            shown[stage],
            moves(stage),
            {lead.pk: names[lead.pk] for lead in shown[stage] if lead.pk in names},
        )
        for stage in STAGES
    ]


def _cards(owner: AbstractBaseUser, per_column: int) -> QuerySet[Lead]:
    """The most recently moved leads of each stage, with only what a card shows: reading every
    column of a lead cost more than the query itself (their people's names are read apart, as
    names: one model instance per person and lead cost more than the rest of the board).

    The leads are chosen by one subquery per stage, each reading the first `per_column` entries
    of the (owner, stage, stage_on) index, put together with UNION ALL: numbering every lead
    within its stage (a window function) read and sorted all of them, 5,000 on a long search,
    for the 120 shown."""
    return (
        Lead.objects.filter(owner=owner, pk__in=_recent_ids(owner, per_column))
        .select_related("organization")
        .only("title", "stage", "stage_on", "organization__name")
        .order_by("-stage_on", "-id")
    )


def stage_cards(
    *, owner: AbstractBaseUser, stage: str, limit: int = 1000
) -> tuple[list[Lead], dict[int, list[str]]]:
    """The `limit` most recently moved leads at `stage`, with what a card shows (as `board`),
    and who is behind each, by lead id. Two queries."""
    leads = list(
        Lead.objects.filter(owner=owner, stage=stage)
        .select_related("organization")
        .only("title", "stage", "stage_on", "organization__name")
        .order_by("-stage_on", "-id")[:limit]
    )
    return leads, _names_of(owner, leads)


def _names_of(owner: AbstractBaseUser, leads: list[Lead]) -> dict[int, list[str]]:
    """Who is behind each of `leads`, by lead id, in the order they were added; one query
    (none for no leads), names only."""
    names: dict[int, list[str]] = defaultdict(list)
    if leads:
        for lead_id, name in (
            LeadPerson.objects.filter(owner=owner, lead_id__in=[lead.pk for lead in leads])
            .order_by("id")
            .values_list("lead_id", "person__full_name")
        ):
            names[lead_id].append(name)
    return names


def _recent_ids(owner: AbstractBaseUser, per_column: int) -> RawSQL:
    """The ids of the `per_column` most recently moved of the owner's leads at each stage, as
    a subquery (SQLite allows no LIMIT in a UNION's parts unless each is wrapped)."""
    quote = connection.ops.quote_name
    meta = Lead._meta
    column = {name: quote(meta.get_field(name).column) for name in ("id", "owner", "stage")}
    on = quote(meta.get_field("stage_on").column)
    part = (
        f"SELECT * FROM (SELECT {column['id']} FROM {quote(meta.db_table)}"
        f" WHERE {column['owner']} = %s AND {column['stage']} = %s"
        f" ORDER BY {on} DESC, {column['id']} DESC LIMIT %s) AS {{}}"
    )
    sql = " UNION ALL ".join(part.format(quote(f"stage_{n}")) for n in range(len(STAGES)))
    params = [value for stage in STAGES for value in (owner.pk, stage, per_column)]
    return RawSQL(sql, params)


def moves(stage: str) -> list[tuple[str, str]]:
    """The stages a lead in `stage` can move to, as (value, words), the usual next step first."""
    usual = next_stage(stage)
    allowed = [s for s in allowed_moves(stage) if s != usual]
    ordered = ([usual] if usual else []) + allowed
    return [(s, STAGE_WORDS[s]) for s in ordered]


@dataclass(frozen=True)
class PersonLead:
    """A lead someone stands behind, their role there and its latest news."""

    lead: Lead
    role: str
    latest: LeadEvent | None

    @property
    def role_words(self) -> str:
        return ROLE_WORDS.get(self.role, self.role)


def leads_for_person(*, owner: AbstractBaseUser, person_id: int) -> list[PersonLead]:
    """The leads `person_id` is behind (mentioned, can help, referred, interviews), most
    recently moved first: what a person's page shows. Two queries."""
    links = list(
        LeadPerson.objects.filter(owner=owner, person_id=person_id)
        .select_related("lead", "lead__organization")
        .order_by("-lead__stage_on", "-lead_id")
    )
    latest: dict[int, LeadEvent] = {}
    for event in LeadEvent.objects.filter(
        owner=owner, lead_id__in=[link.lead_id for link in links], kind__in=("created", "stage")
    ).order_by("occurred_on", "id"):
        latest[event.lead_id] = event
    return [PersonLead(link.lead, link.role, latest.get(link.lead_id)) for link in links]
