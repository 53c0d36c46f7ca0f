"""One record of a backup, value by value: converted and checked against what the database
keeps, each bad value a `Problem` whose message says what it should be."""

from __future__ import annotations

import base64
import datetime as dt
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from mutuals.backup.selectors import CONTACTS, USER_FIELDS, model_field
from mutuals.core.names import fold
from mutuals.core.occasions import EARLIEST_YEAR
from mutuals.core.progress import MAX_TARGET, MIN_TARGET
from mutuals.feedback.models import DraftComment
from mutuals.network.models import Knows
from mutuals.people.models import ImportantDate, Person
from mutuals.people.photos import is_prepared, prepare_photo
from mutuals.progress.models import Goal

NOUNS = {(Person, "tier"): "closeness"}  # what an unknown choice is called in the message
RANGES = {
    (Person, "cadence_override_days"): (1, 3650),
    (ImportantDate, "year"): (EARLIEST_YEAR, 9999),
    (ImportantDate, "month"): (1, 12),
    (ImportantDate, "day"): (1, 31),
    (Goal, "weekly_target"): (MIN_TARGET, MAX_TARGET),
}


class Problem(Exception):
    """One bad value; its message is a sentence saying what the value should be."""


def record_values(
    model: type[models.Model],
    fields: tuple[str, ...],
    record: dict[str, Any],
    where: str,
    errors: dict[str, list[str]],
) -> dict[str, Any]:
    """The record's values by field (and `where` it is); each bad one goes into `errors`."""
    values: dict[str, Any] = {"where": where}
    for key in sorted(set(record) - {"id", *fields}):
        errors[f"{where}.{key}"] = ["This field is not known; remove it."]
    for key in ("id", *fields):
        try:
            values[key] = _load(model, key, record)
        except Problem as problem:
            errors[f"{where}.{key}"] = [str(problem)]
    return values


def _load(model: type[models.Model], name: str, record: dict[str, Any]) -> Any:
    """The value of one field, converted and checked against what the database keeps."""
    if name == "id":
        if "id" not in record:
            raise Problem("Give the record's number, 1 or more.")
        return _whole(record["id"], 1, None)
    field = model_field(model, name)
    if name not in record:
        return _default(field)
    value = record[name]
    if field is None:
        return _contacts(name, value)
    if field.many_to_many:
        if not isinstance(value, list):
            raise Problem("Give a list of record numbers.")
        numbers = [_whole(item, 1, None) for item in value]
        if len(set(numbers)) != len(numbers):
            raise Problem("A number appears twice in this list.")
        return numbers
    if value is None:
        if field.null:
            return None
        raise Problem("This cannot be null.")
    return _convert(model, field, value)


def _default(field: models.Field[Any, Any] | None) -> Any:
    if field is None or field.many_to_many:
        return []
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.blank and isinstance(field, models.CharField | models.TextField):
        return ""
    raise Problem("This field is required.")


def _convert(model: type[models.Model], field: models.Field[Any, Any], value: Any) -> Any:
    if field.name in USER_FIELDS:
        return _username(value)
    if isinstance(field, models.JSONField):
        return _undo(value)
    if field.is_relation:
        return _whole(value, 1, None)
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise Problem("Give true or false.")
        return value
    if isinstance(field, models.DateTimeField):
        return _moment(value)
    if isinstance(field, models.DateField):
        return _day(value)
    if isinstance(field, models.FloatField):
        return _fraction(model, field, value)
    if isinstance(field, models.BinaryField):
        return _picture(value)
    if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        low, high = RANGES.get((model, field.name), (0, 2**31 - 1))
        return _whole(value, low, high)
    return _text(model, field, value)


def _text(model: type[models.Model], field: models.Field[Any, Any], value: Any) -> str:
    if not isinstance(value, str):
        raise Problem("Give text (a JSON string).")
    if "\x00" in value:
        raise Problem("Remove the NUL (\\0) character from this text.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Problem("This text has characters that cannot be stored; retype them.") from None
    if field.choices:
        choices = [choice for choice, _ in field.choices]  # type: ignore[misc]
        if value not in choices:
            noun = NOUNS.get((model, field.name), field.name.replace("_", " "))
            shown = ", ".join(repr(c) if c == "" else c for c in choices)
            raise Problem(f"Unknown {noun} '{value}'. Choose one of: {shown}.")
    # Only names must say something (they are how organisations and circles are found): the
    # database takes any other text, and a backup restores whatever the account held.
    if field.name == "name" and not value.strip():
        raise Problem("Give a name.")
    if field.max_length is not None and len(value) > field.max_length:
        raise Problem(f"Keep this under {field.max_length} characters.")
    return value


def _username(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Problem("Give the coach's user name (text).")
    if len(value) > 150:
        raise Problem("Keep this under 150 characters.")
    return value


def _undo(value: Any) -> dict[str, Any]:
    """What accepting a suggestion changed: {"before": {"text", "comments": {number: [start,
    end, state]}}, "after_text"}."""
    shape = (
        'Give {"before": {"text": "…", "comments": {"1": [start, end, "state"]}}, '
        '"after_text": "…"}, or null.'
    )
    if not isinstance(value, dict) or set(value) != {"before", "after_text"}:
        raise Problem(shape)
    before = value["before"]
    if not isinstance(before, dict) or set(before) != {"text", "comments"}:
        raise Problem(shape)
    spans = before["comments"]
    texts = (value["after_text"], before["text"])
    if not all(isinstance(text, str) for text in texts):
        raise Problem(shape)
    if any("\x00" in text for text in texts):
        raise Problem("Remove the NUL (\\0) character from this text.")
    states = {state for state, _ in DraftComment.STATE_CHOICES}
    if not isinstance(spans, dict):
        raise Problem(shape)
    for key, span in spans.items():
        if (
            not (key.isascii() and key.isdigit())
            or not isinstance(span, list)
            or len(span) != 3
            or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in span[:2])
            or span[2] not in states
        ):
            raise Problem(shape)
    return value


def _picture(value: Any) -> bytes:
    """A photo's JPEG from base64; anything not written by people.photos is re-encoded by it,
    so a restored photo is never served as it was given."""
    if not isinstance(value, str):
        raise Problem("Give the picture as base64 text.")
    try:
        data = base64.b64decode(value, validate=True)
    except ValueError:
        raise Problem("Give the picture as base64 text.") from None
    try:
        return data if is_prepared(data) else prepare_photo(data).image
    except ValidationError as error:
        raise Problem(" ".join(error.messages)) from None


def _whole(value: Any, low: int, high: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem("Give a whole number.")
    if value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"of {low} or more"
        raise Problem(f"Give a number {span}.")
    return value


def _fraction(model: type[models.Model], field: models.Field[Any, Any], value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Problem("Give a number.")
    if model is Knows and not 0 < value <= 1:
        raise Problem("Give a strength above 0 and at most 1.")
    return float(value)


def _day(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Problem("Give a date as YYYY-MM-DD.") from None


def _moment(value: Any) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise Problem("Give a time as ISO 8601, like 2026-01-31T18:00:00+00:00.") from None
    if moment.tzinfo is None:
        raise Problem("Give the time with its offset from UTC, like 2026-01-31T18:00:00+00:00.")
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise Problem("Give a time between the years 1 and 9999.") from None


def _contacts(name: str, value: Any) -> list[tuple[str, str]]:
    contact_model, key = CONTACTS[name]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise Problem(f'Give a list like [{{"{key}": "…", "label": "work"}}].')
    found = []
    for item in value:
        if set(item) - {key, "label"} or key not in item:
            raise Problem(f'Each item has "{key}" and, if you like, "label".')
        found.append(
            (
                _text(contact_model, contact_model._meta.get_field(key), item[key]),
                _text(contact_model, contact_model._meta.get_field("label"), item.get("label", "")),
            )
        )
    return found


def search_name(model: type[models.Model], name: str) -> str:
    """How an organisation or circle is found by its name (as the services store it)."""
    return fold(name)[: model._meta.get_field("search_name").max_length]
