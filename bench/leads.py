"""Leads on the bench's large database: the board page with 5,000 leads (server time, through
Django's test client, signed in) and adding a lead from a pasted 300-word posting (reading it
against every organisation of the owner, then writing the lead with its timeline).

The leads are added in bulk at the owner's organisations, two people behind each, and removed
afterwards, leaving the dataset as it was."""

from __future__ import annotations

import datetime as dt
import random
import time

from django.test import Client

from bench.results import Result, median, timings_ms

LEADS = 5_000
RUNS = 15
POSTINGS = 30
BOARD_GOAL_MS = 100.0
POSTING_GOAL_MS = 50.0
_FILLER = (
    "You will design and run the pipelines our analysts and product teams rely on, work "
    "closely with engineers across the company, mentor others and help us choose tools. "
    "We value curiosity, kindness and clear writing, and we offer flexible hours, a learning "
    "budget and generous parental leave. "
)


def posting(organization: str) -> str:
    """A 300-word posting in a job board's shape, naming `organization`."""
    head = f"Senior Data Engineer\n{organization} · Portland, OR (Hybrid)\n\nAbout the job\n"
    body = f"{organization} is hiring a Senior Data Engineer to join the platform team. "
    words = (head + body).split()
    while len(words) < 300:
        words += _FILLER.split()
    return head + " ".join(words[len(head.split()) : 300])


def run(owner: object, today: dt.date, note: str = "") -> list[Result]:
    from mutuals.leads import services
    from mutuals.leads.models import Lead
    from mutuals.leads.postings import read_posting_for

    added = _add_leads(owner, today)
    client = Client(HTTP_HOST="localhost")
    client.force_login(owner)
    organization = Lead.objects.filter(pk=added[0]).values_list("organization__name", flat=True)[0]
    text = posting(organization)
    created: list[int] = []

    def from_posting() -> None:
        read = read_posting_for(owner=owner, text=text)
        lead = services.create_lead(
            owner=owner,
            title=read.title,
            organization=read.organisation,
            location=read.location,
            source_text=text,
        )
        created.append(lead.pk)

    try:
        client.get("/leads/")  # the first request brings stale stored strengths up to today
        board_cpu: list[float] = []

        def board_page() -> None:
            started = time.process_time()
            client.get("/leads/")
            board_cpu.append((time.process_time() - started) * 1000)

        board = timings_ms(board_page, RUNS)
        adding = timings_ms(from_posting, POSTINGS)
    finally:
        Lead.objects.filter(pk__in=added + created).delete()
    label = f", {note}" if note else ""
    return [
        Result.of(
            f"leads board, {LEADS:,} leads (median){label}", median(board), "ms", goal=BOARD_GOAL_MS
        ),
        # The same requests' CPU time: what the board costs whatever else runs on the machine.
        Result.of(
            f"leads board, {LEADS:,} leads, CPU time (median){label}", median(board_cpu), "ms"
        ),
        Result.of(
            f"a lead from a 300-word posting (median){label}",
            median(adding),
            "ms",
            goal=POSTING_GOAL_MS,
        ),
    ]


def _add_leads(owner: object, today: dt.date) -> list[int]:
    from mutuals.core.leads import STAGES
    from mutuals.leads.models import Lead, LeadEvent, LeadPerson
    from mutuals.people.models import Person

    rng = random.Random(11)
    people = list(
        Person.objects.filter(owner=owner, organization__isnull=False)
        .order_by("pk")
        .values_list("pk", "organization_id")[:2000]
    )
    leads = Lead.objects.bulk_create(
        (
            Lead(
                owner=owner,
                organization_id=rng.choice(people)[1],
                title=f"Role {n}",
                stage=rng.choice(STAGES),
                stage_on=today - dt.timedelta(days=rng.randint(0, 200)),
                closed_reason="",
            )
            for n in range(LEADS)
        ),
        batch_size=1000,
    )
    LeadPerson.objects.bulk_create(
        (
            LeadPerson(owner=owner, lead=lead, person_id=rng.choice(people)[0], role="mentioned")
            for lead in leads
            for _ in range(2)
        ),
        batch_size=2000,
    )
    LeadEvent.objects.bulk_create(
        (
            LeadEvent(
                owner=owner,
                lead=lead,
                kind="created",
                stage=lead.stage,
                text="Added",
                occurred_on=lead.stage_on,
            )
            for lead in leads
        ),
        batch_size=2000,
    )
    return [lead.pk for lead in leads]
