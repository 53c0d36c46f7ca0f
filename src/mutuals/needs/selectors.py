"""Reads for needs, always filtered by owner."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mutuals.core.matching import Match, NeedDoc, NeedIndex
from mutuals.core.reciprocity import OpenNeed
from mutuals.needs.models import Need

STATUS_FILTERS = {"open", "helped", "done", "dropped", "all"}


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


def match_needs(*, owner: AbstractBaseUser, text: str, k: int = 10) -> list[tuple[Match, str]]:
    """The owner's open needs that `text` (a posting, an article, a note) serves, best first,
    each with the need's own text (its spans point into it).

    Ranked by core.matching over every open need in memory: instant for a personal network.
    """
    rows = Need.objects.filter(owner=owner, status="open").values_list(
        "id", "person_id", "person__full_name", "text", "kind"
    )
    docs = [
        NeedDoc(id=pk, person_id=person_id, person_name=name or "", text=need, kind=kind)
        for pk, person_id, name, need, kind in rows
    ]
    texts = {doc.id: doc.text for doc in docs}
    return [(found, texts[found.need_id]) for found in NeedIndex(docs).search(text, k=k)]
