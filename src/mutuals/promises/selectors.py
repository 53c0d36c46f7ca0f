"""Reads for promises, always filtered by owner."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from mutuals.promises.models import Promise


def promises_for(
    *,
    owner: AbstractBaseUser,
    person_id: int | None = None,
    open_only: bool = True,
    done_only: bool = False,
) -> QuerySet[Promise]:
    promises = Promise.objects.filter(owner=owner).select_related("person")
    if person_id is not None:
        promises = promises.filter(person_id=person_id)
    if open_only:
        promises = promises.filter(done_at__isnull=True)
    if done_only:
        promises = promises.filter(done_at__isnull=False)
    return promises.order_by("due_on", "id")


def get_promise(*, owner: AbstractBaseUser, promise_id: int) -> Promise:
    return Promise.objects.select_related("person").get(owner=owner, pk=promise_id)
