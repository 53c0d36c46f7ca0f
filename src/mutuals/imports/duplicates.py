"""Reads for duplicates: the owner's people as dedupe candidates, the pairs waiting for
review and the merges that can be undone, and their plain-dict forms (shared by the JSON API
and `mutuals dedupe --json`). Every query is filtered by owner."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from mutuals.core.formats.dedupe import Candidate
from mutuals.imports.models import Merge, PossibleDuplicate
from mutuals.people.models import EmailAddress, Person, PhoneNumber
from mutuals.people.serialize import iso


def candidates(*, owner: AbstractBaseUser) -> list[Candidate]:
    """The owner's people who are not archived, as `core.formats.dedupe` compares them.

    Three queries whatever the number of people: people, emails, phones."""
    active = {"person__owner": owner, "person__archived_at__isnull": True}
    emails: defaultdict[int, list[str]] = defaultdict(list)
    for person_id, address in EmailAddress.objects.filter(**active).values_list(
        "person_id", "address"
    ):
        emails[person_id].append(address)
    phones: defaultdict[int, list[str]] = defaultdict(list)
    for person_id, number in PhoneNumber.objects.filter(**active).values_list(
        "person_id", "number"
    ):
        phones[person_id].append(number)
    people = Person.objects.filter(owner=owner, archived_at__isnull=True).values_list(
        "pk", "full_name", "linkedin_url", "organization__name"
    )
    return [
        Candidate(
            id=pk,
            full_name=name,
            emails=tuple(emails.get(pk, ())),
            phones=tuple(phones.get(pk, ())),
            linkedin_url=linkedin_url,
            organization=organization or "",
        )
        for pk, name, linkedin_url, organization in people.order_by("pk")
    ]


def possible_duplicates(
    *, owner: AbstractBaseUser, status: str = "open"
) -> list[PossibleDuplicate]:
    """The owner's pairs with this status ("open", "apart"; "" for all), most certain first,
    each person with their organisation, emails and phones."""
    pairs = PossibleDuplicate.objects.filter(owner=owner)
    if status:
        pairs = pairs.filter(status=status)
    return list(
        pairs.select_related("person__organization", "other__organization").prefetch_related(
            "person__emails", "person__phones", "other__emails", "other__phones"
        )
    )


def get_possible_duplicate(*, owner: AbstractBaseUser, duplicate_id: int) -> PossibleDuplicate:
    """One of the owner's pairs; anyone else's is PossibleDuplicate.DoesNotExist."""
    return PossibleDuplicate.objects.select_related("person", "other").get(
        owner=owner, pk=duplicate_id
    )


def count_open(*, owner: AbstractBaseUser) -> int:
    return PossibleDuplicate.objects.filter(owner=owner, status="open").count()


def merges(*, owner: AbstractBaseUser, undone: bool | None = False) -> list[Merge]:
    """The owner's merges, newest first: those not undone (default), undone ones (True) or
    all (None)."""
    rows = Merge.objects.filter(owner=owner).select_related("kept")
    if undone is not None:
        rows = rows.filter(undone_at__isnull=not undone)
    return list(rows)


def get_merge(*, owner: AbstractBaseUser, merge_id: int) -> Merge:
    """One of the owner's merges; anyone else's is Merge.DoesNotExist."""
    return Merge.objects.select_related("kept").get(owner=owner, pk=merge_id)


# ---- plain-dict forms -------------------------------------------------------------------------


def side_to_dict(person: Person) -> dict[str, Any]:
    """What the review shows of one side of a pair (prefetch emails and phones first)."""
    return {
        "id": person.pk,
        "name": person.full_name,
        "emails": [email.address for email in person.emails.all()],
        "phones": [phone.number for phone in person.phones.all()],
        "organization": person.organization.name if person.organization else None,
        "title": person.title,
        "conversations": person.interaction_count,
    }


def duplicate_to_dict(pair: PossibleDuplicate) -> dict[str, Any]:
    return {
        "id": pair.pk,
        "certainty": pair.certainty,
        "reasons": [reason for reason in pair.reasons.split("; ") if reason],
        "score": pair.score,
        "status": pair.status,
        "person": side_to_dict(pair.person),
        "other": side_to_dict(pair.other),
        "created_at": iso(pair.created_at),
        "decided_at": iso(pair.decided_at),
    }


def merge_to_dict(merge: Merge) -> dict[str, Any]:
    return {
        "id": merge.pk,
        "kept": {"id": merge.kept_id, "name": merge.kept.full_name},
        "merged_name": merge.merged_name,
        "created_at": iso(merge.created_at),
        "undone_at": iso(merge.undone_at),
    }
