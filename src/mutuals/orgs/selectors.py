"""Reads for organisations as places: who you know there, the leads there, warm paths to it.

Organisations are `people.Organization` rows (each person's organisation points to one); a
list row counts the people there and the open leads with one query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet

from mutuals.core.leads import OPEN_STAGES
from mutuals.core.names import fold
from mutuals.orgs.models import OrganizationProfile
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Organization, Person

if TYPE_CHECKING:  # numpy loads only when a page shows paths
    from mutuals.leads.models import Lead
    from mutuals.network.paths import WarmPath

MAX_PATHS = 3


def organizations(*, owner: AbstractBaseUser, search: str = "") -> QuerySet[Organization]:
    """The owner's organisations with anyone there or a lead, by name; each is annotated with
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
        .filter(Q(people_count__gt=0) | Q(leads_count__gt=0) | Q(profile__isnull=False))
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
class OrganizationPage:
    """Everything an organisation's page, `mutuals org show` and the API show."""

    organization: Organization
    profile: OrganizationProfile | None
    people: list[Person]
    leads: list[Lead]
    paths: list[WarmPath] = field(default_factory=list)

    @property
    def contacts_count(self) -> int:
        return sum(1 for person in self.people if person.tier is not None)

    @property
    def open_leads(self) -> list[Lead]:
        return [lead for lead in self.leads if lead.stage in OPEN_STAGES]


def organization_page(
    *, owner: AbstractBaseUser, organization_id: int, today: dt.date, paths: bool = True
) -> OrganizationPage:
    """The page of one organisation; `paths` False skips the warm-path search."""
    from mutuals.leads import selectors as lead_selectors

    organization = get_organization(owner=owner, organization_id=organization_id)
    people = people_at(owner=owner, organization_id=organization.pk, today=today)
    leads = list(lead_selectors.leads_for(owner=owner, organization_id=organization.pk))
    found: list[WarmPath] = []
    if paths and people:
        found = warm_paths_to(owner=owner, organization=organization, people=people)
    return OrganizationPage(
        organization=organization,
        profile=profile_of(owner=owner, organization_id=organization.pk),
        people=people,
        leads=leads,
        paths=found,
    )


def warm_paths_to(
    *, owner: AbstractBaseUser, organization: Organization, people: list[Person], k: int = MAX_PATHS
) -> list[WarmPath]:
    """The best warm paths to anyone at the organisation, by the Network page's own search."""
    from mutuals.network import paths  # numpy: only when a page shows paths

    targets = paths.Targets(frozenset(p.pk for p in people), f"anyone at {organization.name}")
    return paths.warm_paths(owner=owner, targets=targets, k=k)
