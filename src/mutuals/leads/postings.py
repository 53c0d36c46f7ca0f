"""Reads for a pasted posting: what it says (core.postings) against the owner's organisations,
what the owner has at the organisation it names (people there, warm paths), and the open needs
it serves (Match's own search and ranking, `needs.match.grouped_needs`); and the one write the
posting's page adds: linking the saved lead to the needs the user ticked (`LeadNeed`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from mutuals.core.matching import SHARE, YOURS
from mutuals.core.postings import Posting, read_posting
from mutuals.leads.models import Lead, LeadNeed
from mutuals.needs.match import MatchedNeed, grouped_needs
from mutuals.needs.models import Need
from mutuals.orgs import selectors as org_selectors
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Organization


def read_posting_for(*, owner: AbstractBaseUser, text: str) -> Posting:
    """The posting's organisation, role and place; an organisation of yours it names is read
    by its spelling in your records."""
    known = people_selectors.organizations_for(owner=owner).values_list("id", "name")
    return read_posting(text, known)


def organisation_there(
    *, owner: AbstractBaseUser, name: str, today: dt.date
) -> org_selectors.OrganizationPage | None:
    """The page of the owner's organisation called `name` (people, leads, warm paths), or None
    when there is none of that name."""
    if not name.strip():
        return None
    try:
        organization = org_selectors.organization_by_name(owner=owner, name=name)
    except Organization.DoesNotExist:
        return None
    return org_selectors.organization_page(
        owner=owner, organization_id=organization.pk, today=today
    )


NEEDS_SHOWN = 5  # in each group: your own needs, and your people's


def needs_served(*, owner: AbstractBaseUser, text: str) -> list[MatchedNeed]:
    """The open needs the posting serves, as Match ranks them: your own first, then your
    people's who are looking (a posting does not serve someone who is hiring)."""
    found = grouped_needs(owner=owner, text=text, per_group=NEEDS_SHOWN)
    return [m for m in found if m.group == YOURS] + [m for m in found if m.group == SHARE]


@transaction.atomic
def link_needs(*, owner: AbstractBaseUser, lead_id: int, need_ids: Iterable[int]) -> int:
    """Note that the lead serves these open needs (the owner's; any other id is left out, and
    a need linked already stays linked once). Returns how many links were added."""
    lead = Lead.objects.get(owner=owner, pk=lead_id)
    wanted = set(
        Need.objects.filter(owner=owner, pk__in=list(need_ids)).values_list("pk", flat=True)
    )
    there = set(LeadNeed.objects.filter(lead=lead).values_list("need_id", flat=True))
    added = LeadNeed.objects.bulk_create(
        LeadNeed(owner=owner, is_demo=lead.is_demo, lead=lead, need_id=need_id)
        for need_id in sorted(wanted - there)
    )
    return len(added)


def needs_of_lead(*, owner: AbstractBaseUser, lead_id: int) -> list[Need]:
    """The needs a lead serves, with their people."""
    return list(
        Need.objects.filter(owner=owner, leads__lead_id=lead_id)
        .select_related("person")
        .order_by("pk")
    )
