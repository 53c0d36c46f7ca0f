"""Reads for a pasted posting: what it says (core.postings) against the owner's organisations,
and what the owner has at the organisation it names (people there, warm paths)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser

from mutuals.core.postings import Posting, read_posting
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
