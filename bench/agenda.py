"""Today's agenda in-process: the selector against a naive per-person computation; and the
daily plan (everything due, planned over the days and worded), which the goal applies to."""

from __future__ import annotations

import datetime as dt
import time

from django.db.models import Count
from django.utils import timezone

from bench.results import Result, median, timings_ms
from mutuals.agenda.selectors import today_agenda, today_plan
from mutuals.core.agenda import Agenda, ContactState, PromiseState, build_agenda
from mutuals.core.cadence import Tier
from mutuals.core.strength import InteractionEvent, TieInputs, interaction_weight, summarize
from mutuals.interactions.models import Interaction
from mutuals.people.models import Person
from mutuals.promises.models import Promise

RUNS = 25
GOAL_MS = 100.0
NAIVE_BUDGET_MS = 60_000.0


def naive_agenda(owner: object, today: dt.date) -> Agenda:
    """The agenda the obvious way: every contact's conversations fetched and summarised."""
    promises = [
        PromiseState(
            p.pk,
            p.person_id,
            p.person.full_name if p.person else None,
            p.text,
            p.due_on,
            p.snoozed_until,
        )
        for p in Promise.objects.filter(owner=owner, done_at__isnull=True)
    ]
    through = Interaction.people.through.objects
    contacts = []
    for person in Person.objects.filter(owner=owner, archived_at__isnull=True, tier__isnull=False):
        rows = list(
            through.filter(person_id=person.pk).values_list(
                "interaction_id",
                "interaction__occurred_on",
                "interaction__kind",
                "interaction__initiated_by",
            )
        )
        sizes = dict(
            through.filter(interaction_id__in=[row[0] for row in rows])
            .values("interaction_id")
            .annotate(n=Count("*"))
            .values_list("interaction_id", "n")
        )
        events = [
            InteractionEvent(on, interaction_weight(kind, sizes[pk] - 1), initiated)
            for pk, on, kind, initiated in rows
        ]
        tie = TieInputs(
            tier=Tier(person.tier),
            cadence_days=person.cadence_days,
            known_since=person.known_since,
            stats=summarize(events),
        )
        added_on = person.known_since or timezone.localdate(person.created_at)
        contacts.append(
            ContactState(person.pk, person.full_name, tie, added_on, person.snoozed_until)
        )
    return build_agenda(promises, contacts, today)


def run(owner: object, today: dt.date, *, naive: bool = True, note: str = "") -> list[Result]:
    metric = _label("agenda, in-process (median)", note)
    ours = today_agenda(owner=owner, today=today)
    ms = median(timings_ms(lambda: today_agenda(owner=owner, today=today), RUNS))
    totals = {str(kind): count for kind, count in ours.totals.items()}
    print(f"    {len(ours.items)} items shown; candidates by kind {totals}", flush=True)
    plan = today_plan(owner, today)
    plan_ms = median(timings_ms(lambda: today_plan(owner, today), RUNS))
    print(f"    plan: {len(plan.items)} today, {plan.total_due} due in all", flush=True)
    plan_result = Result.of(
        _label("daily plan, in-process (median)", note), plan_ms, "ms", goal=GOAL_MS
    )
    if not naive:
        return [Result.of(metric, ms, "ms", goal=GOAL_MS), plan_result]
    naive_runs: list[float] = []
    while not naive_runs or (len(naive_runs) < 3 and sum(naive_runs) < NAIVE_BUDGET_MS / 3):
        start = time.perf_counter()
        baseline = naive_agenda(owner, today)
        naive_runs.append((time.perf_counter() - start) * 1000)
        if baseline.items != ours.items or baseline.totals != ours.totals:
            raise AssertionError("the naive agenda and today_agenda disagree")
    print(f"    naive baseline run {len(naive_runs)} time(s); same items as ours", flush=True)
    return [Result.of(metric, ms, "ms", baseline=median(naive_runs), goal=GOAL_MS), plan_result]


def _label(metric: str, note: str) -> str:
    return f"{metric}, {note}" if note else metric
