"""Reads for who knows whom. Every query is filtered by owner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from mutuals.core.introductions import describe_status, draft_purpose, next_statuses
from mutuals.core.reciprocity import AskWarning
from mutuals.ledger.selectors import ask_warning_for
from mutuals.network.models import Introduction, Knows

if TYPE_CHECKING:  # the outreach rules load on first use: `mutuals knows` starts faster
    from mutuals.core.drafts import Draft
    from mutuals.core.outreach import Review
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Person


def knows_of(*, owner: AbstractBaseUser, person_id: int) -> list[tuple[Knows, Person]]:
    """Each edge of one of your people with the other person, strongest first.

    Raises Person.DoesNotExist for someone not in your records.
    """
    if not Person.objects.filter(owner=owner, pk=person_id).exists():
        raise Person.DoesNotExist("That person is not in your records.")
    return _edges_of(owner, person_id)


# What a list of who someone knows shows of each other person.
OTHER_PERSON_FIELDS = ("id", "full_name", "tier")


def knows_of_person(*, owner: AbstractBaseUser, person: Person) -> list[tuple[Knows, Person]]:
    """`knows_of` for a person the caller already loaded, in one query instead of two; of each
    other person only OTHER_PERSON_FIELDS are read (any other field costs a query)."""
    if person.owner_id != owner.pk:
        raise Person.DoesNotExist("That person is not in your records.")
    edge_fields = [f.name for f in Knows._meta.concrete_fields]
    people_fields = [
        f"{side}__{name}" for side in ("person", "knows") for name in OTHER_PERSON_FIELDS
    ]
    return _edges_of(owner, person.pk, only=[*edge_fields, *people_fields])


def _edges_of(
    owner: AbstractBaseUser, person_id: int, only: list[str] | None = None
) -> list[tuple[Knows, Person]]:
    edges = (
        Knows.objects.filter(owner=owner)
        .filter(Q(person_id=person_id) | Q(knows_id=person_id))
        .select_related("person", "knows")
        .order_by("-strength", "id")
    )
    if only is not None:
        edges = edges.only(*only)
    return [(e, e.knows if e.person_id == person_id else e.person) for e in edges]


def all_knows(*, owner: AbstractBaseUser) -> list[tuple[int, int, float, str]]:
    """Every edge as (person_id, knows_id, strength, source), for building core.network."""
    rows = Knows.objects.filter(owner=owner).order_by("id")
    return list(rows.values_list("person_id", "knows_id", "strength", "source"))


# ---- introductions ---------------------------------------------------------------------------


def introductions(*, owner: AbstractBaseUser, status: str | None = None) -> list[Introduction]:
    """The owner's introductions, open ones first, then the newest."""
    rows = Introduction.objects.filter(owner=owner).select_related("introducer", "seeker", "target")
    if status:
        rows = rows.filter(status=status)
    order = {s: i for i, s in enumerate(("accepted", "requested", "asked", "made"))}
    return sorted(rows, key=lambda i: (order.get(i.status, 9), -i.requested_on.toordinal(), -i.pk))


def get_introduction(*, owner: AbstractBaseUser, introduction_id: int) -> Introduction:
    """One of the owner's introductions; anyone else's is Introduction.DoesNotExist."""
    return Introduction.objects.select_related("introducer", "seeker", "target").get(
        owner=owner, pk=introduction_id
    )


@dataclass(frozen=True)
class NextStep:
    """What an introduction asks of you now: in words, where it can go, and the message."""

    says: str
    moves: tuple[str, ...]
    recipient: Person | None
    draft: Draft | None
    review: Review | None
    warning: AskWarning | None


def next_step(*, owner: AbstractBaseUser, intro: Introduction, today: dt.date) -> NextStep:
    """The step's description, the statuses it can move to, and its drafted message (with the
    ask warning for the introducer while you are asking them)."""
    from mutuals.outreach.selectors import DraftRequest, draft_message

    yours = intro.introducer_id is None
    purpose = draft_purpose(intro.status, yours_to_make=yours)
    recipient = intro.seeker if yours else intro.introducer
    written = checked = warning = None
    if purpose is not None and recipient is not None:
        request = (
            DraftRequest(received=_received(intro))
            if purpose == "thanks"
            else DraftRequest(target_id=intro.target_id, ask=intro.reason)
        )
        written, checked, _ = draft_message(
            owner=owner, person_id=recipient.pk, purpose=purpose, today=today, request=request
        )
    if not yours and intro.status == "requested" and recipient is not None:
        warning = ask_warning_for(owner=owner, person_id=recipient.pk, today=today)
    return NextStep(
        says=describe_status(intro.status, yours_to_make=yours),
        moves=tuple(s.value for s in next_statuses(intro.status)),
        recipient=recipient,
        draft=written,
        review=checked,
        warning=warning,
    )


def _received(intro: Introduction) -> str:
    if intro.status == "declined":
        return f"asking {intro.target.full_name} about meeting me"
    return f"introducing me to {intro.target.full_name}"


def request_preview(
    *, owner: AbstractBaseUser, introducer_id: int, target_id: int, reason: str, today: dt.date
) -> NextStep:
    """What asking `introducer` for an introduction to `target` would send, before you do."""
    from mutuals.outreach.selectors import DraftRequest, draft_message

    introducer = people_selectors.get_person(owner=owner, person_id=introducer_id)
    request = DraftRequest(target_id=target_id, ask=reason)
    written, checked, _ = draft_message(
        owner=owner, person_id=introducer.pk, purpose="intro-request", today=today, request=request
    )
    return NextStep(
        says="not asked yet",
        moves=("requested",),
        recipient=introducer,
        draft=written,
        review=checked,
        warning=ask_warning_for(owner=owner, person_id=introducer.pk, today=today),
    )
