"""Reads for the demo network: what clearing it would remove."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from mutuals.demo.services import DemoSummary, has_demo
from mutuals.interactions.models import Interaction
from mutuals.people.models import Person
from mutuals.promises.models import Promise


def demo_to_clear(*, owner: AbstractBaseUser) -> DemoSummary | None:
    """How many people, conversations and promises `services.clear_demo` would remove, or
    None when the owner has no demo rows.

    Conversations are decided as clear_demo decides them: one with a demo person and none of
    the owner's own people goes, one with both stays, and a demo conversation goes unless it
    stays for that reason. Who took part in what is read once and sorted out here, as there:
    an exclusion across the participants was a subquery per conversation on PostgreSQL.
    """
    if not has_demo(owner=owner):
        return None
    with_demo: set[int] = set()
    with_own: set[int] = set()
    for interaction_id, is_demo in Interaction.people.through.objects.filter(
        interaction__owner=owner
    ).values_list("interaction_id", "person__is_demo"):
        (with_demo if is_demo else with_own).add(interaction_id)
    kept = with_demo & with_own
    demo_rows = set(
        Interaction.objects.filter(owner=owner, is_demo=True).values_list("pk", flat=True)
    )
    return DemoSummary(
        people=Person.objects.filter(owner=owner, is_demo=True).count(),
        interactions=len((with_demo - with_own) | (demo_rows - kept)),
        promises=Promise.objects.filter(owner=owner, is_demo=True).count(),
    )
