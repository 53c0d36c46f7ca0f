"""Writes for needs: note one, mark it helped, done or dropped, review it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core.matching.direction import DIRECTIONS, infer_direction
from mutuals.needs import fulltext
from mutuals.needs.models import KIND_CHOICES, Need
from mutuals.people.models import Person
from mutuals.people.services import owned_person

KINDS = {value for value, _ in KIND_CHOICES}
CLOSED_STATUSES = {"done", "dropped"}


def _person(owner: AbstractBaseUser, person_id: int | None, field: str) -> Person | None:
    if person_id is None:
        return None
    return owned_person(owner=owner, person_id=person_id, field=field)


def _clean(text: str, kind: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    text = text.strip()
    if not text:
        errors["text"] = ["Say in one line what is needed, e.g. 'an intro to a data team lead'."]
    elif len(text) > 500:
        errors["text"] = ["Keep a need under 500 characters."]
    kind = (kind or "other").strip().lower().replace(" ", "_").replace("-", "_")
    if kind not in KINDS:
        choices = ", ".join(sorted(KINDS))
        errors["kind"] = [f"Unknown kind '{kind}'. Choose one of: {choices}."]
    if errors:
        raise ValidationError(errors)
    return text, kind


def _direction(direction: str | None, text: str, kind: str) -> str:
    """The direction given (`looking` or `offering`), or the one the words say when None."""
    if direction is None or not direction.strip():
        return infer_direction(text, kind)
    direction = direction.strip().lower()
    if direction not in DIRECTIONS:
        raise ValidationError(
            {"direction": ["Say whether they are 'looking' for it or 'offering' it (hiring)."]}
        )
    return direction


def add_need(
    *,
    owner: AbstractBaseUser,
    text: str,
    kind: str = "other",
    person_id: int | None = None,
    noted_on: dt.date | None = None,
    direction: str | None = None,
) -> Need:
    """Note a need of one of your people, or your own when `person_id` is None; `direction`
    None reads it from the words (core.matching.direction)."""
    text, kind = _clean(text, kind)
    direction = _direction(direction, text, kind)
    today = timezone.localdate()
    noted_on = noted_on or today
    if noted_on > today:
        raise ValidationError({"noted_on": ["A need cannot be noted in the future."]})
    return Need.objects.create(
        owner=owner,
        person=_person(owner, person_id, "person"),
        text=text,
        kind=kind,
        direction=direction,
        noted_on=noted_on,
        search_terms=fulltext.search_terms(owner.pk, text),
    )


@transaction.atomic
def update_need(
    *,
    owner: AbstractBaseUser,
    need_id: int,
    text: str | None = None,
    kind: str | None = None,
    direction: str | None = None,
) -> Need:
    """Change what is given; the direction stays as it was unless given."""
    need = Need.objects.select_for_update().get(owner=owner, pk=need_id)
    need.text, need.kind = _clean(
        need.text if text is None else text, need.kind if kind is None else kind
    )
    if direction is not None:
        need.direction = _direction(direction, need.text, need.kind)
    need.search_terms = fulltext.search_terms(owner.pk, need.text)
    need.save(update_fields=["text", "kind", "direction", "search_terms", "updated_at"])
    return need


def mark_helped(
    *, owner: AbstractBaseUser, need_id: int, helped_by_id: int | None = None, note: str = ""
) -> Need:
    """Someone helped with this need: you (helped_by_id None) or one of your people."""
    need = Need.objects.get(owner=owner, pk=need_id)
    need.helped_by = _person(owner, helped_by_id, "helped_by")
    need.status = "helped"
    need.outcome = note.strip() or need.outcome
    need.save(update_fields=["helped_by", "status", "outcome", "updated_at"])
    return need


def close_need(
    *, owner: AbstractBaseUser, need_id: int, status: str = "done", note: str = ""
) -> Need:
    """Done (met) or dropped (no longer needed): either way it leaves the open list."""
    if status not in CLOSED_STATUSES:
        raise ValidationError({"status": ["Close a need as 'done' or 'dropped'."]})
    need = Need.objects.get(owner=owner, pk=need_id)
    need.status = status
    need.closed_on = timezone.localdate()
    need.outcome = note.strip() or need.outcome
    need.save(update_fields=["status", "closed_on", "outcome", "updated_at"])
    return need


def reopen_need(*, owner: AbstractBaseUser, need_id: int) -> Need:
    need = Need.objects.get(owner=owner, pk=need_id)
    need.status, need.closed_on = "open", None
    need.save(update_fields=["status", "closed_on", "updated_at"])
    return need


def mark_reviewed(
    *, owner: AbstractBaseUser, need_ids: Iterable[int], on: dt.date | None = None
) -> int:
    """Record that these needs were looked at in a review; returns how many."""
    return Need.objects.filter(owner=owner, pk__in=list(need_ids)).update(
        reviewed_on=on or timezone.localdate()
    )


def delete_need(*, owner: AbstractBaseUser, need_id: int) -> None:
    Need.objects.get(owner=owner, pk=need_id).delete()
