"""Writes for promises: follow-ups you owe."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.people.models import Person
from mutuals.people.services import owned_person
from mutuals.promises.models import Promise


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": ["Say what you promised, e.g. 'send the article'."]})
    if len(text) > 500:
        raise ValidationError({"text": ["Keep a promise under 500 characters."]})
    return text


def _person(owner: AbstractBaseUser, person_id: int | None) -> Person | None:
    return None if person_id is None else owned_person(owner=owner, person_id=person_id)


def create_promise(
    *, owner: AbstractBaseUser, text: str, due_on: dt.date, person_id: int | None = None
) -> Promise:
    return Promise.objects.create(
        owner=owner, person=_person(owner, person_id), text=_clean_text(text), due_on=due_on
    )


@transaction.atomic
def update_promise(
    *,
    owner: AbstractBaseUser,
    promise_id: int,
    text: str | None = None,
    due_on: dt.date | None = None,
) -> Promise:
    promise = Promise.objects.select_for_update().get(owner=owner, pk=promise_id)
    if text is not None:
        promise.text = _clean_text(text)
    if due_on is not None:
        promise.due_on = due_on
        promise.snoozed_until = None
    promise.save()
    return promise


def complete_promise(*, owner: AbstractBaseUser, promise_id: int) -> Promise:
    promise = Promise.objects.get(owner=owner, pk=promise_id)
    promise.done_at = promise.done_at or timezone.now()
    promise.save(update_fields=["done_at"])
    return promise


def reopen_promise(*, owner: AbstractBaseUser, promise_id: int) -> Promise:
    promise = Promise.objects.get(owner=owner, pk=promise_id)
    promise.done_at = None
    promise.save(update_fields=["done_at"])
    return promise


def snooze_promise(*, owner: AbstractBaseUser, promise_id: int, until: dt.date) -> Promise:
    if until <= timezone.localdate():
        raise ValidationError({"until": ["Snooze until a date after today."]})
    promise = Promise.objects.get(owner=owner, pk=promise_id)
    promise.snoozed_until = until
    promise.save(update_fields=["snoozed_until"])
    return promise


def unsnooze_promise(*, owner: AbstractBaseUser, promise_id: int) -> Promise:
    """Put a snoozed promise back on the agenda (when due) before its snooze ends."""
    promise = Promise.objects.get(owner=owner, pk=promise_id)
    promise.snoozed_until = None
    promise.save(update_fields=["snoozed_until"])
    return promise


def delete_promise(*, owner: AbstractBaseUser, promise_id: int) -> None:
    Promise.objects.get(owner=owner, pk=promise_id).delete()
