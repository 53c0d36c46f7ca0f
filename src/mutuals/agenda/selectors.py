"""Build today's agenda for one owner with ten queries, however many items: open due promises,
the contacts that could produce an item (the SQL mirror of core.agenda.is_candidate), and for
the give-and-take items the receives that may be owed a thank-you (each with the latest give
back, in the same query), the asks without an answer, the open needs due for review and the
introductions waiting on you, and the important dates of the next few days
(people.selectors.upcoming_dates); the job search's leads with their people (two queries, three
more when an interview is near), the last two weeks' events with their people (one query) and
the open assignments coaches set (one query).
A receive that an introduction records is thanked through the
introduction's own item, so it is left out of the thank-yous.

Archived people's receives, asks and needs are left out, as archived people are everywhere on
the agenda."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from mutuals.accounts.selectors import preferences_of
from mutuals.agenda.context import person_contexts
from mutuals.agenda.done import done_today
from mutuals.assignments.models import Assignment
from mutuals.coaching.models import CoachLink
from mutuals.core.agenda import (
    APPLICATION_FOLLOW_UP_DAYS,
    ASK_ANSWER_DAYS,
    DORMANT_MIN_PEAK,
    DORMANT_MIN_SILENCE_DAYS,
    EVENT_FOLLOW_UP_AFTER_DAYS,
    EVENT_FOLLOW_UP_HORIZON_DAYS,
    INTRO_FOLLOW_UP_HORIZON_DAYS,
    NEED_REVIEW_DAYS,
    NEW_ACQUAINTANCE_DAYS,
    NO_LIMITS,
    REFERRAL_THANKS_HORIZON_DAYS,
    REFERRED_OR_LATER,
    THANK_YOU_AFTER_DAYS,
    THANK_YOU_HORIZON_DAYS,
    Agenda,
    AgendaLimits,
    AskState,
    AssignmentState,
    ContactState,
    EventPersonState,
    EventState,
    IntroductionState,
    LeadPersonState,
    LeadState,
    NeedState,
    Plan,
    PromiseState,
    ReceiveState,
    build_agenda,
    make_plan,
)
from mutuals.core.agenda.reasons import word_plan, worded_items
from mutuals.core.agenda.search import INTERVIEW_PREP_DAYS
from mutuals.core.cadence import Tier
from mutuals.core.reciprocity_words import Direction, ExchangeKind
from mutuals.core.strength import ContactStats, TieInputs
from mutuals.events.models import EventPerson
from mutuals.leads.models import Lead, LeadEvent, LeadPerson
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs.models import Need
from mutuals.network.models import Introduction
from mutuals.people.models import Person
from mutuals.people.selectors import upcoming_dates
from mutuals.promises.models import Promise

MAX_COLLEAGUES = 200  # people read at an interview's organisation: the item names a few

_CONTACT_COLUMNS = (
    "id",
    "full_name",
    "tier",
    "cadence_days",
    "known_since",
    "created_at",
    "snoozed_until",
    "first_contact_on",
    "last_contact_on",
    "interaction_count",
    "intensity",
    "intensity_on",
    "peak_intensity",
    "initiated_by_me",
    "initiated_by_them",
    "peak_on",
)


def _promise_states(owner: AbstractBaseUser, today: dt.date) -> list[PromiseState]:
    rows = (
        Promise.objects.filter(owner=owner, done_at__isnull=True, due_on__lte=today)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
        .values_list("id", "person_id", "person__full_name", "text", "due_on", "snoozed_until")
    )
    return [PromiseState(*row) for row in rows]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def candidate_filter(today: dt.date) -> Q:
    """Contacts that could appear on today's agenda; a superset, core decides exactly."""
    recent = today - dt.timedelta(days=NEW_ACQUAINTANCE_DAYS)
    silent_since = today - dt.timedelta(days=DORMANT_MIN_SILENCE_DAYS)
    return (
        Q(keep_in_touch_due_on__lte=today)
        | Q(first_contact_on__gte=recent)
        # created_at >= the start of that local day: the same test as created_at's local date
        # >= recent, without SQLite calling a Python function for every row (__date does).
        | Q(first_contact_on__isnull=True, created_at__gte=_start_of(recent))
        | Q(known_since__gte=recent)
        | Q(last_contact_on__lte=silent_since, peak_intensity__gte=DORMANT_MIN_PEAK)
        | Q(tier=Tier.DORMANT.value)
    )


def contact_states(
    owner: AbstractBaseUser, today: dt.date, *, prefilter: bool = True
) -> list[ContactState]:
    """The owner's active contacts as core states; `prefilter=False` reads them all."""
    people = Person.objects.filter(owner=owner, archived_at__isnull=True, tier__isnull=False)
    people = people.filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
    if prefilter:
        people = people.filter(candidate_filter(today))
    rows = people.order_by().values_list(*_CONTACT_COLUMNS)  # core ranks; no SQL sort needed
    states = []
    for row in _raw_rows(rows):
        (
            pid,
            name,
            tier,
            cadence,
            known_since,
            created_at,
            snoozed,
            first,
            last,
            count,
            intensity,
            intensity_on,
            peak,
            by_me,
            by_them,
            peak_on,
        ) = row
        known_since = _day(known_since)
        added_on = known_since or _local_day(created_at)
        stats = (
            _day(first),
            _day(last),
            count,
            intensity,
            _day(intensity_on),
            peak,
            by_me,
            by_them,
            _day(peak_on),
        )
        tie = TieInputs(
            tier=Tier(tier),
            cadence_days=cadence,
            known_since=known_since,
            stats=ContactStats(*stats),
        )
        states.append(
            ContactState(id=pid, name=name, tie=tie, added_on=added_on, snoozed_until=_day(snoozed))
        )
    return states


def _raw_rows(rows: QuerySet[Person]) -> list[tuple[Any, ...]]:
    """The rows of a values_list query without Django's per-value converters: on a large
    network the agenda reads over a thousand candidates, and converting their dates one by one
    through Django cost about a fifth of the agenda's time. `_day` and `_local_day` convert."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _day(value: dt.date | str | None) -> dt.date | None:
    """A date column as read raw: SQLite gives 'YYYY-MM-DD', PostgreSQL a date."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _local_day(value: dt.datetime | str) -> dt.date:
    """The local date of a timestamp read raw: SQLite gives naive UTC, PostgreSQL an aware one."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return timezone.localdate(value)


def _days_before(today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=days)


def receive_states(owner: AbstractBaseUser, today: dt.date) -> list[ReceiveState]:
    """Receives 14 to 180 days old, not thanked, each with your latest give to that person."""
    latest_give = Exchange.objects.filter(
        owner=owner, person_id=OuterRef("person_id"), direction=Direction.GAVE.value
    ).order_by("-occurred_on")
    rows = (
        Exchange.objects.filter(
            owner=owner,
            direction=Direction.RECEIVED.value,
            thanked_on__isnull=True,
            person__archived_at__isnull=True,
            occurred_on__gte=_days_before(today, THANK_YOU_HORIZON_DAYS),
            occurred_on__lte=_days_before(today, THANK_YOU_AFTER_DAYS),
        )
        .exclude(
            pk__in=Introduction.objects.filter(owner=owner, exchange__isnull=False).values(
                "exchange_id"
            )
        )
        .annotate(last_given_on=Subquery(latest_give.values("occurred_on")[:1]))
        .values_list(
            "id",
            "person_id",
            "person__full_name",
            "kind",
            "text",
            "occurred_on",
            "thanked_on",
            "last_given_on",
        )
    )
    return [
        ReceiveState(pk, person_id, name, ExchangeKind(kind), text, on, thanked, given)
        for pk, person_id, name, kind, text, on, thanked, given in rows
    ]


def ask_states(owner: AbstractBaseUser, today: dt.date) -> list[AskState]:
    """Asks with no answer, asked at least a week ago."""
    rows = Ask.objects.filter(
        owner=owner,
        answered_on__isnull=True,
        person__archived_at__isnull=True,
        asked_on__lte=_days_before(today, ASK_ANSWER_DAYS),
    ).values_list("id", "person_id", "person__full_name", "text", "asked_on", "answered_on")
    return [AskState(*row) for row in rows]


def need_review_states(owner: AbstractBaseUser, today: dt.date) -> list[NeedState]:
    """Open needs (yours, and your current people's) not reviewed for 30 days or more."""
    cutoff = _days_before(today, NEED_REVIEW_DAYS)
    rows = (
        Need.objects.filter(owner=owner, status="open")
        .filter(Q(person__isnull=True) | Q(person__archived_at__isnull=True))
        .filter(Q(reviewed_on__lte=cutoff) | Q(reviewed_on__isnull=True, noted_on__lte=cutoff))
        .values_list(
            "id", "person_id", "person__full_name", "text", "noted_on", "reviewed_on", "kind"
        )
    )
    return [NeedState(*row) for row in rows]


def introduction_states(owner: AbstractBaseUser, today: dt.date) -> list[IntroductionState]:
    """Introductions that may ask something of you: open ones, and ones made in the last month
    (to thank the introducer or follow up). A thank-you recorded on the ledger counts."""
    recent = _days_before(today, INTRO_FOLLOW_UP_HORIZON_DAYS)
    rows = (
        Introduction.objects.filter(owner=owner)
        .filter(
            Q(status__in=["requested", "asked", "accepted"])
            | Q(status__in=["made", "thanked"], made_on__gte=recent)
        )
        .values_list(
            "id",
            "status",
            "introducer_id",
            "introducer__full_name",
            "seeker_id",
            "seeker__full_name",
            "target_id",
            "target__full_name",
            "requested_on",
            "asked_on",
            "accepted_on",
            "made_on",
            "thanked_on",
            "followed_up_on",
            "target__last_contact_on",
            "exchange__thanked_on",
        )
    )
    states = []
    for *row, ledger_thanked_on in rows:
        state = IntroductionState(*row)
        if state.status == "made" and ledger_thanked_on is not None:
            state = dataclasses.replace(state, status="thanked", thanked_on=ledger_thanked_on)
        states.append(state)
    return states


def lead_states(owner: AbstractBaseUser, today: dt.date) -> list[LeadState]:
    """The leads the search rules may act on today (core.agenda.search), with their people:
    two queries (three more when an interview is near: who works there, and what the plan's
    reasons say about them)."""
    referred = LeadEvent.objects.filter(lead_id=OuterRef("pk"), stage="referred").order_by(
        "-occurred_on", "-id"
    )
    recent = _days_before(today, REFERRAL_THANKS_HORIZON_DAYS)
    followed = LeadEvent.objects.filter(lead_id=OuterRef("pk"), kind="note").order_by(
        "-occurred_on", "-id"
    )
    rows = list(
        Lead.objects.filter(owner=owner, stage__in=REFERRED_OR_LATER)
        .annotate(
            referred_on=Subquery(referred.values("occurred_on")[:1]),
            followed_up_on=Subquery(followed.values("occurred_on")[:1]),
        )
        .filter(
            Q(stage="applied", stage_on__lte=_days_before(today, APPLICATION_FOLLOW_UP_DAYS))
            | Q(stage="interviewing", interview_on__gte=today, interview_on__lte=_soon(today))
            # a lead entered its stage on or after its last referral: stage_on narrows it first
            | Q(stage_on__gte=recent, referred_on__gte=recent)
        )
        .order_by()
        .values_list(
            "id",
            "title",
            "organization__name",
            "organization_id",
            "stage",
            "stage_on",
            "interview_on",
            "referred_on",
            "followed_up_on",
        )
    )
    if not rows:
        return []
    people = _lead_people(owner, [row[0] for row in rows])
    interviews = {row[0]: row[3] for row in rows if row[4] == "interviewing" and row[3]}
    people = _with_colleagues(owner, people, interviews)
    return [
        LeadState(
            id=pk,
            title=title,
            organization=organization or "",
            stage=stage,
            stage_on=stage_on,
            referred_on=referred_on,
            interview_on=interview_on,
            followed_up_on=followed_up_on,
            people=tuple(people.get(pk, ())),
        )
        for (
            pk,
            title,
            organization,
            _,
            stage,
            stage_on,
            interview_on,
            referred_on,
            followed_up_on,
        ) in rows
    ]


def _soon(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=INTERVIEW_PREP_DAYS)


def _lead_people(owner: AbstractBaseUser, lead_ids: list[int]) -> dict[int, list[LeadPersonState]]:
    """The people behind these leads, each with your last give to them and the last time you
    thanked them for something they gave (one query)."""
    given = Exchange.objects.filter(
        owner=owner, person_id=OuterRef("person_id"), direction=Direction.GAVE.value
    ).order_by("-occurred_on")
    thanked = Exchange.objects.filter(
        owner=owner,
        person_id=OuterRef("person_id"),
        direction=Direction.RECEIVED.value,
        thanked_on__isnull=False,
    ).order_by("-thanked_on")
    rows = (
        LeadPerson.objects.filter(
            owner=owner, lead_id__in=lead_ids, person__archived_at__isnull=True
        )
        .annotate(
            given=Subquery(given.values("occurred_on")[:1]),
            thanked=Subquery(thanked.values("thanked_on")[:1]),
        )
        .order_by("id")
        .values_list(
            "lead_id",
            "person_id",
            "person__full_name",
            "role",
            "person__last_contact_on",
            "given",
            "thanked",
        )
    )
    found: dict[int, list[LeadPersonState]] = {}
    for lead_id, *row in rows:
        found.setdefault(lead_id, []).append(LeadPersonState(*row))
    return found


def _with_colleagues(
    owner: AbstractBaseUser,
    people: dict[int, list[LeadPersonState]],
    interviews: dict[int, int],
) -> dict[int, list[LeadPersonState]]:
    """For each lead with an interview near, everyone you know at its organisation too, and
    for all of them their open need and what you last talked about."""
    if not interviews:
        return people
    there = (
        Person.objects.filter(
            owner=owner,
            organization_id__in=set(interviews.values()),
            archived_at__isnull=True,
        )
        .order_by("search_name", "id")
        .values_list("id", "full_name", "organization_id", "last_contact_on")[:MAX_COLLEAGUES]
    )
    by_org: dict[int, list[tuple[int, str, dt.date | None]]] = {}
    for pk, name, org_id, last in there:
        by_org.setdefault(org_id, []).append((pk, name, last))
    for lead_id, org_id in interviews.items():
        behind = people.setdefault(lead_id, [])
        known = {p.person_id for p in behind}
        behind += [
            LeadPersonState(pk, name, "", last)
            for pk, name, last in by_org.get(org_id, [])
            if pk not in known
        ]
    ids = [p.person_id for lead_id in interviews for p in people[lead_id]]
    contexts = person_contexts(owner=owner, person_ids=ids)
    for lead_id in interviews:
        people[lead_id] = [
            dataclasses.replace(
                p,
                need=contexts[p.person_id].need,
                last_summary=contexts[p.person_id].last_summary,
            )
            if p.person_id in contexts
            else p
            for p in people[lead_id]
        ]
    return people


def event_states(owner: AbstractBaseUser, today: dt.date) -> list[EventState]:
    """Events of the last two weeks with the people there (one query)."""
    rows = (
        EventPerson.objects.filter(
            owner=owner,
            event__day__gte=_days_before(today, EVENT_FOLLOW_UP_HORIZON_DAYS),
            event__day__lte=_days_before(today, EVENT_FOLLOW_UP_AFTER_DAYS),
            person__archived_at__isnull=True,
        )
        .order_by("event_id", "id")
        .values_list(
            "event_id",
            "event__name",
            "event__day",
            "person_id",
            "person__full_name",
            "met_here",
            "person__last_contact_on",
        )
    )
    events: dict[int, tuple[str, dt.date, list[EventPersonState]]] = {}
    for event_id, name, day, person_id, person_name, met_here, last in rows:
        entry = events.setdefault(event_id, (name, day, []))
        entry[2].append(EventPersonState(person_id, person_name, met_here, last))
    return [EventState(pk, name, day, tuple(people)) for pk, (name, day, people) in events.items()]


def assignment_states(owner: AbstractBaseUser) -> list[AssignmentState]:
    """The open assignments coaches set the owner, each with whether its coach is still
    linked (one query)."""
    linked = CoachLink.objects.filter(
        coach_id=OuterRef("coach_id"), client_id=owner.pk, state=CoachLink.ACTIVE
    )
    rows = (
        Assignment.objects.filter(client=owner, done_at__isnull=True, cancelled_at__isnull=True)
        .annotate(linked=Exists(linked))
        .order_by()
        .values_list(
            "id",
            "title",
            "details",
            "coach__username",
            "coach__first_name",
            "coach__last_name",
            "set_on",
            "due_on",
            "linked",
        )
    )
    return [
        AssignmentState(
            id=pk,
            title=title,
            details=details,
            coach_name=f"{first} {last}".strip() or username,
            set_on=set_on,
            due_on=due_on,
            former=not linked,
        )
        for pk, title, details, username, first, last, set_on, due_on, linked in rows
    ]


def today_agenda(
    *,
    owner: AbstractBaseUser,
    today: dt.date | None = None,
    limits: AgendaLimits | None = None,
    maintenance: bool | None = None,
) -> Agenda:
    """Today's agenda; `maintenance` (keep-in-touch mode) defaults to the owner's preferences:
    on once they have landed a job (accounts.Preferences.landed_on)."""
    today = today or timezone.localdate()
    if maintenance is None:
        maintenance = preferences_of(owner).landed_on is not None
    return build_agenda(
        _promise_states(owner, today),
        contact_states(owner, today),
        today,
        limits or AgendaLimits(),
        receives=receive_states(owner, today),
        asks=ask_states(owner, today),
        needs=need_review_states(owner, today),
        introductions=introduction_states(owner, today),
        occasions=upcoming_dates(owner=owner, today=today),
        leads=lead_states(owner, today),
        events=event_states(owner, today),
        assignments=assignment_states(owner),
        maintenance=maintenance,
    )


def today_plan(
    owner: AbstractBaseUser,
    today: dt.date | None = None,
    size: int | None = None,
    *,
    extra: int = 0,
) -> Plan:
    """Today's plan (core.agenda.plan): a few actions chosen from everything due, the rest on
    the coming days. `size` defaults to the owner's preferences (accounts.Preferences,
    plan_size), `extra` adds that many items for each "do one more"."""
    today = today or timezone.localdate()
    preferences = preferences_of(owner)
    if size is None:
        size = preferences.plan_size
    maintenance = preferences.landed_on is not None
    agenda = today_agenda(owner=owner, today=today, limits=NO_LIMITS, maintenance=maintenance)
    done = done_today(owner=owner, today=today)
    plan = make_plan(agenda.items, today, size=size, done_today=done, extra=extra)
    people = [item.person_id for item in worded_items(plan) if item.person_id is not None]
    return word_plan(plan, person_contexts(owner=owner, person_ids=people))
