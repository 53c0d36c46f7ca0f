"""Reads for needs, always filtered by owner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from mutuals.core.agenda import NeedState
from mutuals.core.matching import Match
from mutuals.core.reciprocity import OpenNeed
from mutuals.core.review import ReviewEntry, review
from mutuals.needs import fulltext
from mutuals.needs.models import Need

STATUS_FILTERS = {"open", "helped", "done", "dropped", "all"}
MATCH_TEXT_MAX = 200_000  # characters of pasted text `match_needs` accepts from any interface


def needs_for(
    *,
    owner: AbstractBaseUser,
    person_id: int | None = None,
    mine: bool = False,
    status: str = "open",
) -> QuerySet[Need]:
    """Needs, oldest first; `mine` keeps only your own; `status` 'all' keeps every status."""
    needs = Need.objects.filter(owner=owner).select_related("person", "helped_by")
    if mine:
        needs = needs.filter(person__isnull=True)
    elif person_id is not None:
        needs = needs.filter(person_id=person_id)
    if status != "all":
        needs = needs.filter(status=status)
    return needs.order_by("noted_on", "id")


def get_need(*, owner: AbstractBaseUser, need_id: int) -> Need:
    return Need.objects.select_related("person", "helped_by").get(owner=owner, pk=need_id)


def open_needs_of(*, owner: AbstractBaseUser, person_id: int) -> list[OpenNeed]:
    """A person's open needs as the reciprocity core sees them (for 'give first')."""
    rows = Need.objects.filter(owner=owner, person_id=person_id, status="open").values_list(
        "id", "text", "kind", "noted_on"
    )
    return [OpenNeed(id=pk, text=text, kind=kind, noted_on=on) for pk, text, kind, on in rows]


def as_open_needs(needs: Iterable[Need]) -> list[OpenNeed]:
    """Needs a page already loaded, as the reciprocity core sees them; closed ones left out."""
    return [
        OpenNeed(id=n.pk, text=n.text, kind=n.kind, noted_on=n.noted_on)
        for n in needs
        if n.status == "open"
    ]


def match_needs(*, owner: AbstractBaseUser, text: str, k: int = 10) -> list[tuple[Match, str]]:
    """The owner's open needs that `text` (a posting, an article, a note) serves, best first,
    each with the need's own text (its spans point into it); see mutuals.needs.fulltext."""
    return fulltext.search(owner=owner, text=text, k=k)


def needs_for_review(*, owner: AbstractBaseUser, today: dt.date) -> list[ReviewEntry]:
    """The weekly review: open needs, yours and your current people's, oldest first, each with
    its age, whose it is, its last review and what you could do (core.review). One query."""
    rows = (
        Need.objects.filter(owner=owner, status="open")
        .filter(Q(person__isnull=True) | Q(person__archived_at__isnull=True))
        .values_list(
            "id", "person_id", "person__full_name", "text", "noted_on", "reviewed_on", "kind"
        )
    )
    return review([NeedState(*row) for row in rows], today)
