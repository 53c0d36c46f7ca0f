"""Reads for organisations as places: who you know there now and who worked there before
(`people.Position`), when you worked there, the leads there, warm paths to it.

Organisations are `people.Organization` rows (each person's organisation points to one); a
list row counts the people there and the open leads with one query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from mutuals.core.leads import OPEN_STAGES
from mutuals.core.names import fold
from mutuals.orgs.models import OrganizationProfile
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Organization, Person, Position

if TYPE_CHECKING:  # numpy loads only when a page shows paths
    from mutuals.leads.models import Lead
    from mutuals.network.paths import WarmPath

MAX_PATHS = 3
MAX_PATHS_BEFORE = 2  # beside paths to people there now


def organizations(*, owner: AbstractBaseUser, search: str = "") -> QuerySet[Organization]:
    """The owner's organisations with anyone there (now or before), a lead or your notes, by
    name; each is annotated with
    `people_count` (not archived), `contacts_count` (of them, your contacts) and `leads_count`
    (open leads)."""
    found = Organization.objects.filter(owner=owner)
    if search.strip():
        found = found.filter(search_name__contains=fold(search))
    here = Q(people__archived_at__isnull=True)
    return (
        found.annotate(
            people_count=Count("people", filter=here, distinct=True),
            contacts_count=Count(
                "people", filter=here & Q(people__tier__isnull=False), distinct=True
            ),
            leads_count=Count("leads", filter=Q(leads__stage__in=OPEN_STAGES), distinct=True),
        )
        .filter(
            Q(people_count__gt=0)
            | Q(leads_count__gt=0)
            | Q(profile__isnull=False)
            | Exists(Position.objects.filter(organization=OuterRef("pk")))
        )
        .order_by("search_name", "pk")
    )


def get_organization(*, owner: AbstractBaseUser, organization_id: int) -> Organization:
    return Organization.objects.get(owner=owner, pk=organization_id)


def organization_by_name(*, owner: AbstractBaseUser, name: str) -> Organization:
    """The organisation whose folded name is `name`'s, else the only one containing it."""
    key = fold(name)
    exact = Organization.objects.filter(owner=owner, search_name=key).first()
    if exact is not None:
        return exact
    found = list(organizations(owner=owner, search=name)[:2])
    if len(found) == 1:
        return found[0]
    raise Organization.DoesNotExist(name)


def profile_of(*, owner: AbstractBaseUser, organization_id: int) -> OrganizationProfile | None:
    return OrganizationProfile.objects.filter(owner=owner, organization_id=organization_id).first()


def people_at(*, owner: AbstractBaseUser, organization_id: int, today: dt.date) -> list[Person]:
    """Who you know there now (not archived): your contacts first, strongest ties first."""
    people = people_selectors.people_list(owner=owner, today=today, sort="strength")
    listed = list(people.filter(organization_id=organization_id))
    return sorted(listed, key=lambda p: p.tier is None)


@dataclass(frozen=True)
class Former:
    """Someone who worked at the organisation before, and when (their latest time there)."""

    person: Person
    position: Position


@dataclass(frozen=True)
class OrganizationPage:
    """Everything an organisation's page, `mutuals org show` and the API show."""

    organization: Organization
    profile: OrganizationProfile | None
    people: list[Person]  # there now: their organisation, or a position with no end
    leads: list[Lead]
    paths: list[WarmPath] = field(default_factory=list)
    before: list[Former] = field(default_factory=list)  # there before, not there now
    yours: list[Position] = field(default_factory=list)  # when you worked (work) there
    # Weaker ways in: paths to people who worked there before (they may still know who is)
    paths_before: list[WarmPath] = field(default_factory=list)

    @property
    def contacts_count(self) -> int:
        return sum(1 for person in self.people if person.tier is not None)

    @property
    def open_leads(self) -> list[Lead]:
        return [lead for lead in self.leads if lead.stage in OPEN_STAGES]


def _by_closeness(people: list[Person]) -> list[Person]:
    """Your contacts first, strongest ties first (the order people_list gives by strength)."""
    return sorted(people, key=lambda p: (p.tier is None, -p.strength, p.search_name, p.pk))


def _histories(
    owner: AbstractBaseUser, organization_id: int, now: list[Person]
) -> tuple[list[Person], list[Former], list[Position]]:
    """Who is there now (adding those whose position there has no end), who was there before,
    and your own positions there: one query."""
    here = {person.pk for person in now}
    extra: dict[int, Person] = {}
    former: dict[int, Former] = {}
    yours: list[Position] = []
    for position in people_selectors.positions_at(owner=owner, organization_id=organization_id):
        person = position.person
        if person is None:
            yours.append(position)
        elif person.archived_at is not None or person.pk in here:
            continue
        elif position.is_current:
            extra[person.pk] = person
        elif person.pk not in former:  # positions come latest first
            former[person.pk] = Former(person, position)
    before = [f for f in former.values() if f.person.pk not in extra]
    order = {p.pk: i for i, p in enumerate(_by_closeness([f.person for f in before]))}
    before.sort(key=lambda f: order[f.person.pk])
    people = _by_closeness(now + list(extra.values())) if extra else now
    return people, before, yours


def organization_page(
    *, owner: AbstractBaseUser, organization_id: int, today: dt.date, paths: bool = True
) -> OrganizationPage:
    """The page of one organisation; `paths` False skips the warm-path searches. Paths to the
    people who worked there before are a second, weaker list (the graph is in memory: about
    2 ms on the demo network): a few when there are paths to people there now, more without."""
    from mutuals.leads import selectors as lead_selectors

    organization = get_organization(owner=owner, organization_id=organization_id)
    now = people_at(owner=owner, organization_id=organization.pk, today=today)
    people, before, yours = _histories(owner, organization.pk, now)
    leads = list(lead_selectors.leads_for(owner=owner, organization_id=organization.pk))
    found: list[WarmPath] = []
    weaker: list[WarmPath] = []
    if paths and people:
        found = warm_paths_to(owner=owner, organization=organization, people=people)
    if paths and before:
        weaker = warm_paths_to(
            owner=owner,
            organization=organization,
            people=[former.person for former in before],
            k=MAX_PATHS_BEFORE if found else MAX_PATHS,
            former=True,
        )
    return OrganizationPage(
        organization=organization,
        profile=profile_of(owner=owner, organization_id=organization.pk),
        people=people,
        leads=leads,
        paths=found,
        before=before,
        yours=yours,
        paths_before=weaker,
    )


def warm_paths_to(
    *,
    owner: AbstractBaseUser,
    organization: Organization,
    people: list[Person],
    k: int = MAX_PATHS,
    former: bool = False,
) -> list[WarmPath]:
    """The best warm paths to anyone at the organisation (or, `former`, to anyone who worked
    there before), by the Network page's own search."""
    from mutuals.network import paths  # numpy: only when a page shows paths

    label = (
        f"someone who worked at {organization.name}" if former else f"anyone at {organization.name}"
    )
    targets = paths.Targets(frozenset(p.pk for p in people), label)
    return paths.warm_paths(owner=owner, targets=targets, k=k)
