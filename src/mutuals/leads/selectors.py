"""Reads for leads, always filtered by owner: lists, the board by stage, one lead with its
timeline, and the leads someone stands behind (for their page)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber

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

    @property
    def more(self) -> int:
        return self.count - len(self.leads)


def board(*, owner: AbstractBaseUser, per_column: int = BOARD_CARDS) -> list[Column]:
    """Every stage as a column: how many leads are there, and the most recent of them.

    Three queries whatever the number of leads: the counts, the first `per_column` of each
    stage (numbered within their stage by the database), and their people.
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
    for lead in _cards(owner, per_column):
        shown[lead.stage].append(lead)
    return [
        Column(stage, STAGE_WORDS[stage], counts[stage], shown[stage], moves(stage))
        for stage in STAGES
    ]


def _cards(owner: AbstractBaseUser, per_column: int) -> QuerySet[Lead]:
    """The most recently moved leads of each stage, with only what a card shows: reading every
    column of a lead and of its people cost more than the queries themselves."""
    people = (
        LeadPerson.objects.select_related("person")
        .only("lead_id", "person_id", "role", "person__full_name")
        .order_by("id")
    )
    recent = Window(
        RowNumber(), partition_by=[F("stage")], order_by=[F("stage_on").desc(), F("id").desc()]
    )
    return (
        Lead.objects.filter(owner=owner)
        .annotate(place=recent)
        .filter(place__lte=per_column)
        .select_related("organization")
        .only("title", "stage", "stage_on", "organization__name")
        .prefetch_related(Prefetch("people", queryset=people))
        .order_by("-stage_on", "-id")
    )


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
