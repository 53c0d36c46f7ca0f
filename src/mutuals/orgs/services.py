"""Writes for organisations: find or add one by name, keep its website and your notes."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from mutuals.orgs.models import OrganizationProfile
from mutuals.people.models import Organization
from mutuals.people.services import organization_for

MAX_NAME = 200
MAX_NOTES = 20_000
_URL = URLValidator(schemes=["http", "https"])


def organization_named(*, owner: AbstractBaseUser, name: str) -> Organization | None:
    """The owner's organisation called `name` (folded: case and accents do not count, as when a
    person's organisation is set), added when new; None for an empty name."""
    name = " ".join(name.split())
    if not name:
        return None
    if len(name) > MAX_NAME:
        raise ValidationError({"organization": [f"Keep the name under {MAX_NAME} characters."]})
    return organization_for(owner, name)


def _website(value: str) -> str:
    value = value.strip()
    if value and "://" not in value:
        value = "https://" + value
    if value:
        try:
            _URL(value)
        except ValidationError:
            raise ValidationError(
                {"website": ["Give the website as an address, like https://orion.example."]}
            ) from None
    if len(value) > 300:
        raise ValidationError({"website": ["Keep the address under 300 characters."]})
    return value


@transaction.atomic
def update_organization(
    *,
    owner: AbstractBaseUser,
    organization_id: int,
    website: str | None = None,
    notes: str | None = None,
) -> OrganizationProfile:
    """Change an organisation's website or your notes about it (None leaves one as it is)."""
    organization = Organization.objects.get(owner=owner, pk=organization_id)
    profile, _ = OrganizationProfile.objects.select_for_update().get_or_create(
        owner=owner, organization=organization
    )
    if website is not None:
        profile.website = _website(website)
    if notes is not None:
        if len(notes) > MAX_NOTES:
            raise ValidationError({"notes": [f"Keep notes under {MAX_NOTES:,} characters."]})
        profile.notes = notes.strip()
    profile.save()
    return profile
