"""Load and clear the demo network (core.demo) for one owner.

Every demo row is marked `is_demo`, so clearing removes exactly what loading added and nothing
the user entered: their own people, conversations and promises stay, even when they involve a
demo person (the demo person leaves them; a conversation survives while it has one of the user's
own people in it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core import demo
from mutuals.core.cadence import Tier, effective_cadence
from mutuals.core.demo_dates import DemoDate, generate_dates
from mutuals.core.demo_events import generate_events
from mutuals.core.demo_leads import generate_leads
from mutuals.core.demo_ledger import DemoLedger, generate_ledger
from mutuals.core.demo_network import DemoWeb, generate_web
from mutuals.core.demo_positions import generate_positions
from mutuals.core.matching import infer_direction
from mutuals.core.names import fold
from mutuals.database import gather_statistics
from mutuals.events.demo import clear_demo_events, create_demo_events
from mutuals.interactions.models import Interaction
from mutuals.interactions.services import refresh_contact_stats
from mutuals.leads.demo import clear_demo_leads, create_demo_leads
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs import fulltext
from mutuals.needs.models import Need
from mutuals.network.models import Introduction, Knows
from mutuals.people.demo_positions import clear_demo_positions, create_demo_positions
from mutuals.people.models import (
    Circle,
    EmailAddress,
    ImportantDate,
    Organization,
    Person,
    PhoneNumber,
)
from mutuals.people.services import refresh_balances
from mutuals.progress.demo import clear_demo_goals, create_demo_goals
from mutuals.promises.models import Promise

DEMO_MODELS = (
    Person,
    ImportantDate,
    Interaction,
    Promise,
    Organization,
    Circle,
    Need,
    Exchange,
    Ask,
    Knows,
    Introduction,
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    people: int
    interactions: int
    promises: int


def has_demo(*, owner: AbstractBaseUser) -> bool:
    """Whether any demo row of this owner is still there."""
    return any(model.objects.filter(owner=owner, is_demo=True).exists() for model in DEMO_MODELS)


@transaction.atomic
def load_demo(
    *, owner: AbstractBaseUser, seed: int = 7, today: dt.date | None = None
) -> DemoSummary:
    """Add the seeded demo network to the owner's records, in one transaction."""
    if has_demo(owner=owner):
        raise ValidationError(
            {"demo": ["The demo network is already loaded. Clear it first to load it again."]}
        )
    day = today or timezone.localdate()
    network = demo.generate(seed=seed, today=day)
    organizations = _named_rows(owner, Organization, network.organizations)
    circles = _named_rows(owner, Circle, network.circles)
    people = _create_people(owner, network, organizations, circles)
    interactions = _create_interactions(owner, network, people)
    promises = _create_promises(owner, network, people)
    _create_ledger(owner, generate_ledger(network, seed=seed), people)
    _create_web(owner, generate_web(network, seed=seed), people)
    _create_dates(owner, generate_dates(network.people, seed=seed, today=day), people)
    create_demo_leads(owner, generate_leads(network, seed=seed), people, organizations)
    create_demo_positions(owner, generate_positions(network), people, organizations)
    create_demo_events(owner, generate_events(network), people)
    create_demo_goals(owner, day)
    refresh_balances(owner=owner, today=day, person_ids=[p.pk for p in people])
    refresh_contact_stats(owner=owner, person_ids=[p.pk for p in people])
    transaction.on_commit(gather_statistics)
    return DemoSummary(people=len(people), interactions=interactions, promises=promises)


def _create_dates(
    owner: AbstractBaseUser, dates: tuple[DemoDate, ...], people: list[Person]
) -> None:
    ImportantDate.objects.bulk_create(
        ImportantDate(
            owner=owner,
            is_demo=True,
            person_id=people[d.person].pk,
            kind=d.kind,
            label=d.label,
            year=d.year,
            month=d.month,
            day=d.day,
        )
        for d in dates
    )


def _named_rows(
    owner: AbstractBaseUser, model: type[Organization] | type[Circle], names: tuple[str, ...]
) -> dict[str, int]:
    """Ids of organisations or circles by name; the owner's own rows of that name are reused."""
    existing = {row.search_name: row for row in model.objects.filter(owner=owner)}
    missing = [
        model(owner=owner, is_demo=True, name=name, search_name=fold(name))
        for name in names
        if fold(name) not in existing
    ]
    for row in model.objects.bulk_create(missing):
        existing[row.search_name] = row
    return {name: existing[fold(name)].pk for name in names}


def _create_people(
    owner: AbstractBaseUser,
    network: demo.DemoNetwork,
    organizations: dict[str, int],
    circles: dict[str, int],
) -> list[Person]:
    rows = [_person_row(owner, person, organizations) for person in network.people]
    people = Person.objects.bulk_create(rows)
    for person, row in zip(network.people, people, strict=True):
        if person.introduced_by is not None:
            row.introduced_by_id = people[person.introduced_by].pk
    Person.objects.bulk_update([p for p in people if p.introduced_by_id], ["introduced_by"])
    Person.circles.through.objects.bulk_create(
        Person.circles.through(person_id=row.pk, circle_id=circles[name])
        for person, row in zip(network.people, people, strict=True)
        for name in person.circles
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(person_id=row.pk, address=email.value, label=email.label)
        for person, row in zip(network.people, people, strict=True)
        for email in person.emails
    )
    PhoneNumber.objects.bulk_create(
        PhoneNumber(person_id=row.pk, number=phone.value, label=phone.label)
        for person, row in zip(network.people, people, strict=True)
        for phone in person.phones
    )
    return people


def _person_row(
    owner: AbstractBaseUser, person: demo.DemoPerson, organizations: dict[str, int]
) -> Person:
    return Person(
        owner=owner,
        is_demo=True,
        first_name=person.first_name,
        last_name=person.last_name,
        full_name=person.name,
        search_name=fold(person.name),
        organization_id=organizations.get(person.organization),
        title=person.title,
        location=person.location,
        linkedin_url=person.linkedin_url,
        interests=person.interests,
        how_met=person.how_met,
        notes=person.notes,
        tier=person.tier.value if person.tier else None,
        cadence_override_days=person.cadence_override_days,
        cadence_days=effective_cadence(person.tier, person.cadence_override_days),
        known_since=person.known_since,
    )


def _create_interactions(
    owner: AbstractBaseUser, network: demo.DemoNetwork, people: list[Person]
) -> int:
    rows = Interaction.objects.bulk_create(
        Interaction(
            owner=owner,
            is_demo=True,
            occurred_on=interaction.occurred_on,
            summary=interaction.summary,
            kind=interaction.kind,
            initiated_by=interaction.initiated_by,
        )
        for interaction in network.interactions
    )
    Interaction.people.through.objects.bulk_create(
        (
            Interaction.people.through(interaction_id=row.pk, person_id=people[key].pk)
            for interaction, row in zip(network.interactions, rows, strict=True)
            for key in interaction.people
        ),
        batch_size=2000,
    )
    return len(rows)


def _create_promises(
    owner: AbstractBaseUser, network: demo.DemoNetwork, people: list[Person]
) -> int:
    rows = Promise.objects.bulk_create(
        Promise(
            owner=owner,
            is_demo=True,
            person_id=people[promise.person].pk if promise.person is not None else None,
            text=promise.text,
            due_on=promise.due_on,
            done_at=_evening(promise.done_on) if promise.done_on else None,
        )
        for promise in network.promises
    )
    return len(rows)


def _create_ledger(owner: AbstractBaseUser, ledger: DemoLedger, people: list[Person]) -> None:
    def pk(key: int | None) -> int | None:
        return people[key].pk if key is not None else None

    needs = Need.objects.bulk_create(
        Need(
            owner=owner,
            is_demo=True,
            person_id=pk(need.person),
            text=need.text,
            kind=need.kind,
            direction=infer_direction(need.text, need.kind),
            noted_on=need.noted_on,
            status=need.status,
            helped_by_id=pk(need.helped_by),
            closed_on=need.noted_on if need.status in ("done", "dropped") else None,
            reviewed_on=need.reviewed_on,
            search_terms=fulltext.search_terms(owner.pk, need.text),
        )
        for need in ledger.needs
    )
    Exchange.objects.bulk_create(
        Exchange(
            owner=owner,
            is_demo=True,
            person_id=pk(exchange.person),
            direction=exchange.direction,
            kind=exchange.kind,
            text=exchange.text,
            occurred_on=exchange.occurred_on,
            need_id=needs[exchange.need].pk if exchange.need is not None else None,
            thanked_on=exchange.thanked_on,
        )
        for exchange in ledger.exchanges
    )
    Ask.objects.bulk_create(
        Ask(
            owner=owner,
            is_demo=True,
            person_id=pk(ask.person),
            text=ask.text,
            asked_on=ask.asked_on,
            answered_on=ask.answered_on,
        )
        for ask in ledger.asks
    )


def _create_web(owner: AbstractBaseUser, web: DemoWeb, people: list[Person]) -> None:
    """Who knows whom, and the introductions with what they put on the ledger (as the
    network app's services would have)."""
    Knows.objects.bulk_create(
        Knows(
            owner=owner,
            is_demo=True,
            person_id=people[edge.person].pk,
            knows_id=people[edge.knows].pk,
            strength=edge.strength,
            source=edge.source,
            note=edge.note,
        )
        for edge in web.knows
    )
    for intro in web.introductions:
        row = Introduction(
            owner=owner,
            is_demo=True,
            introducer=people[intro.introducer] if intro.introducer is not None else None,
            seeker=people[intro.seeker] if intro.seeker is not None else None,
            target=people[intro.target],
            reason=intro.reason,
            status=intro.status,
            requested_on=intro.requested_on,
            accepted_on=intro.accepted_on,
            made_on=intro.made_on,
        )
        if row.introducer is not None:
            _demo_request(owner, row)
        row.save()


def _demo_request(owner: AbstractBaseUser, intro: Introduction) -> None:
    introducer, target = intro.introducer, intro.target
    assert introducer is not None
    intro.ask = Ask.objects.create(
        owner=owner,
        is_demo=True,
        person=introducer,
        text=f"An introduction to {target.full_name}: {intro.reason}",
        asked_on=intro.requested_on,
        answered_on=intro.made_on,
        outcome="introduced" if intro.made_on else "",
    )
    if intro.made_on is None:
        return
    intro.exchange = Exchange.objects.create(
        owner=owner,
        is_demo=True,
        person=introducer,
        direction="received",
        kind="introduction",
        text=f"Introduced me to {target.full_name}",
        occurred_on=intro.made_on,
    )
    target.tier, target.known_since = Tier.ACQUAINTANCE.value, intro.made_on
    target.cadence_days = effective_cadence(Tier.ACQUAINTANCE, None)
    target.introduced_by, target.how_met = introducer, f"Introduced by {introducer.full_name}"
    target.save(update_fields=["tier", "known_since", "cadence_days", "introduced_by", "how_met"])


def _evening(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(18, 0)))


@transaction.atomic
def clear_demo(*, owner: AbstractBaseUser) -> int:
    """Remove the owner's demo rows and keep everything they entered; returns the people removed.

    A conversation the user logged with demo people and some of their own people keeps their
    own people; one left with nobody goes. The user's promises to a demo person stay, without
    the person. Organisations and circles the user's own people use stay as the user's own.
    Needs, gives and asks the user recorded about a demo person go with that person.
    """
    clear_demo_leads(owner=owner)
    clear_demo_positions(owner=owner)
    clear_demo_events(owner=owner)
    clear_demo_goals(owner=owner)
    demo_people = Person.objects.filter(owner=owner, is_demo=True)
    # Who took part in what, read once and sorted out here: a correlated subquery per
    # conversation made PostgreSQL crawl without planner statistics.
    with_demo: set[int] = set()
    own_people: dict[int, set[int]] = defaultdict(set)
    for interaction_id, person_id, is_demo in Interaction.people.through.objects.filter(
        interaction__owner=owner
    ).values_list("interaction_id", "person_id", "person__is_demo"):
        if is_demo:
            with_demo.add(interaction_id)
        else:
            own_people[interaction_id].add(person_id)
    touched_ids = {pk for pk in with_demo if pk in own_people}
    own_people_to_refresh = {pid for pk in touched_ids for pid in own_people[pk]}
    Interaction.objects.filter(pk__in=touched_ids, is_demo=True).update(is_demo=False)
    Interaction.objects.filter(pk__in=with_demo - touched_ids).delete()
    Interaction.objects.filter(owner=owner, is_demo=True).delete()  # any left with nobody
    Promise.objects.filter(owner=owner, is_demo=False, person__in=demo_people).update(person=None)
    Promise.objects.filter(owner=owner, is_demo=True).delete()
    for ledger_model in (Introduction, Knows, Exchange, Ask, Need):
        ledger_model.objects.filter(owner=owner, is_demo=True).delete()
    for model in (Organization, Circle):
        kept = model.objects.filter(owner=owner, is_demo=True, people__is_demo=False)
        model.objects.filter(pk__in=list(kept.values_list("pk", flat=True))).update(is_demo=False)
    removed = demo_people.count()
    demo_people.delete()
    Organization.objects.filter(owner=owner, is_demo=True).delete()
    Circle.objects.filter(owner=owner, is_demo=True).delete()
    if own_people_to_refresh:
        refresh_contact_stats(owner=owner, person_ids=own_people_to_refresh)
    return removed
