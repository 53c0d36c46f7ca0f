"""Load and clear the demo network's work histories (core.demo_positions), marked `is_demo`
like every demo row; called by demo.services when the demo network is loaded or cleared."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser

from mutuals.core.demo_positions import DemoPosition
from mutuals.people.models import Organization, Person, Position


def create_demo_positions(
    owner: AbstractBaseUser,
    demo: Sequence[DemoPosition],
    people: list[Person],
    organizations: dict[str, int],
) -> None:
    """Write the demo's positions (people[key] is a DemoPerson's row, `organizations` the
    organisations' ids by name)."""
    Position.objects.bulk_create(
        Position(
            owner=owner,
            is_demo=True,
            person=None if position.person is None else people[position.person],
            organization_id=organizations[position.organization],
            title=position.title,
            started_on=position.started_on,
            ended_on=position.ended_on,
            source=Position.HAND,
        )
        for position in demo
    )


def clear_demo_positions(*, owner: AbstractBaseUser) -> None:
    """Remove the demo positions; a demo organisation where one of your own positions is stays,
    as yours (the demo's clearing removes the other demo organisations)."""
    Position.objects.filter(owner=owner, is_demo=True).delete()
    used = Position.objects.filter(owner=owner, organization__is_demo=True).values_list(
        "organization_id", flat=True
    )
    Organization.objects.filter(owner=owner, pk__in=list(used)).update(is_demo=False)
