"""Back up an account to JSON, and restore a backup into an empty account.

`restore` checks the whole file before writing anything, names each bad value by its place
("people[12].tier: Unknown closeness 'bestie'. …"), and writes every record in one transaction;
then it recomputes what derives from them the way the demo loader does.

Drafts sent for review and assignments name their coach by user name. A restore gives them
back to the user of that name on this install (whoever it is: they still see nothing of yours
unless you link with them, at plan level for drafts); when no one has that name here (or it
is you), those drafts with their comments and those assignments are left out, and the counts
`restore` returns say how many of each came back (`coaches_not_here` names the missing ones).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from mutuals.accounts.models import Preferences
from mutuals.backup.selectors import (
    CONTACTS,
    FORMAT,
    KIND_OF_MODEL,
    KINDS,
    OWNER_OF,
    USER_FIELDS,
    VERSION,
    backup,
    counts,
    dumps,
    model_field,
    undo_with_numbers,
)
from mutuals.core.names import fold
from mutuals.core.occasions import EARLIEST_YEAR, is_valid_date
from mutuals.core.progress import MAX_TARGET, MIN_TARGET
from mutuals.database import gather_statistics
from mutuals.feedback.models import DraftComment
from mutuals.interactions.services import refresh_contact_stats
from mutuals.leads.models import Lead
from mutuals.needs import fulltext
from mutuals.needs.models import Need
from mutuals.network.models import Knows
from mutuals.people.models import Circle, ImportantDate, Organization, Person, Photo
from mutuals.people.photos import describe_photo, is_prepared, prepare_photo
from mutuals.people.services import derive_names_and_cadence, refresh_balances
from mutuals.progress.models import Goal

__all__ = ["backup", "coaches_not_here", "dumps", "restore"]

# The kinds an account must not have yet: restoring adds to nothing. Organisations and circles
# may exist (created along with people who are gone); the backup's ones of the same name reuse them.
MUST_BE_EMPTY = set(KINDS) - {"organizations", "circles"}
MAX_ERRORS = 20
NOUNS = {(Person, "tier"): "closeness"}  # what an unknown choice is called in the message
RANGES = {
    (Person, "cadence_override_days"): (1, 3650),
    (ImportantDate, "year"): (EARLIEST_YEAR, 9999),
    (ImportantDate, "month"): (1, 12),
    (ImportantDate, "day"): (1, 31),
    (Goal, "weekly_target"): (MIN_TARGET, MAX_TARGET),
}
PARENTS = "Each record is a JSON object with its number in `id`."


class Restored(dict[str, int]):
    """How many records of each kind a restore wrote, and `coaches_not_here`: the coaches the
    backup names who have no account on this install (their drafts and assignments were left
    out), by user name."""

    coaches_not_here: list[str]


class Problem(Exception):
    """One bad value; its message is a sentence saying what the value should be."""


def restore(*, owner: AbstractBaseUser, data: dict[str, Any] | str | bytes) -> Restored:
    """Write a backup into the owner's empty account; returns how many records of each kind.

    All or nothing: any bad record raises ValidationError naming it, and nothing is written.
    """
    document = _document(data)
    with transaction.atomic():
        _refuse_unless_empty(owner)
        validated = _validated(document)
        records, missing = _with_coaches(owner, validated)
        _write(owner, records)
        _keep_landed(owner)
        transaction.on_commit(gather_statistics)
    restored = Restored((name, len(rows)) for name, rows in records.items())
    restored.coaches_not_here = missing
    return restored


def _document(data: dict[str, Any] | str | bytes) -> dict[str, Any]:
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise ValidationError(
                {"backup": [f"This is not a mutuals backup: it is not JSON ({error})."]}
            ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(
            {"backup": ['This is not a mutuals backup: it has no "format": "mutuals-backup".']}
        )
    version = data.get("version")
    if isinstance(version, bool) or version != VERSION:
        raise ValidationError(
            {
                "version": [
                    f"This backup is version {version!r}; this mutuals restores "
                    f"version {VERSION}. Restore it with the mutuals that wrote it."
                ]
            }
        )
    unknown = sorted(set(data) - {"format", "version", *KINDS})
    if unknown:
        raise ValidationError(
            {key: ["This is not a kind of record mutuals keeps; remove it."] for key in unknown}
        )
    return data


def _refuse_unless_empty(owner: AbstractBaseUser) -> None:
    there = [
        f"{n} {name}" for name, n in counts(owner=owner).items() if n and name in MUST_BE_EMPTY
    ]
    if there:
        raise ValidationError(
            {
                "account": [
                    f"Restore goes into an empty account: this one already has "
                    f"{', '.join(there)}. Restore into a new account "
                    "(`mutuals user create NAME`)."
                ]
            }
        )


def coaches_not_here(*, owner: AbstractBaseUser, data: dict[str, Any]) -> list[str]:
    """The coaches a backup names who have no account on this install (or are the owner):
    restoring leaves out their drafts and assignments."""
    named: set[str] = {
        row[field]
        for name, (_model, fields) in KINDS.items()
        for field in fields
        if field in USER_FIELDS
        for row in data.get(name, []) or []
        if isinstance(row, dict) and isinstance(row.get(field), str)
    }
    here = _users_here(owner, named)
    return sorted(name for name in named if name not in here)


def _users_here(owner: AbstractBaseUser, names: set[str]) -> dict[str, int]:
    users = get_user_model().objects.filter(username__in=names).exclude(pk=owner.pk)
    return dict(users.values_list("username", "pk"))


def _with_coaches(
    owner: AbstractBaseUser, records: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """The records with each coach's user name replaced by their id on this install, without
    those whose coach is not here (and the comments on such drafts); and who is not here."""
    named = {
        row[field]
        for name, (_model, fields) in KINDS.items()
        for field in fields
        if field in USER_FIELDS
        for row in records[name]
    }
    here = _users_here(owner, named)
    kept: dict[str, list[dict[str, Any]]] = {}
    for name, (_model, fields) in KINDS.items():
        users = [field for field in fields if field in USER_FIELDS]
        rows = [row for row in records[name] if all(row[field] in here for field in users)]
        kept[name] = [{**row, **{field: here[row[field]] for field in users}} for row in rows]
    reviews = {row["id"] for row in kept["draft_reviews"]}
    kept["draft_comments"] = [row for row in kept["draft_comments"] if row["review"] in reviews]
    return kept, sorted(named - set(here))


# Checking ------------------------------------------------------------------------------------


def _validated(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every record as field values (references still as numbers), or ValidationError."""
    errors: dict[str, list[str]] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    for name, (model, fields) in KINDS.items():
        rows = document.get(name, [])
        if not isinstance(rows, list):
            errors[name] = ["Give a list of records (or leave it out)."]
            rows = []
        records[name] = []
        for index, record in enumerate(rows):
            where = f"{name}[{index}]"
            if not isinstance(record, dict):
                errors[where] = [PARENTS]
                continue
            records[name].append(_record(model, fields, record, where, errors))
    _check_numbers(records, errors)
    _check_references(records, errors)
    _check_rules(records, errors)
    if errors:
        raise ValidationError(_capped(errors))
    return records


def _record(
    model: type[models.Model],
    fields: tuple[str, ...],
    record: dict[str, Any],
    where: str,
    errors: dict[str, list[str]],
) -> dict[str, Any]:
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


def _check_numbers(records: dict[str, list[dict[str, Any]]], errors: dict[str, list[str]]) -> None:
    for rows in records.values():
        seen: dict[int, str] = {}
        for row in rows:
            number = row.get("id")
            if number in seen:
                errors[f"{row['where']}.id"] = [f"Number {number} is taken by {seen[number]}."]
            elif number is not None:
                seen[number] = row["where"]


def _check_references(
    records: dict[str, list[dict[str, Any]]], errors: dict[str, list[str]]
) -> None:
    numbers = {name: {row.get("id") for row in rows} for name, rows in records.items()}
    for name, (model, fields) in KINDS.items():
        for field_name in fields:
            field = model_field(model, field_name)
            if field is None or not field.is_relation or field_name in USER_FIELDS:
                continue
            target = KIND_OF_MODEL[field.related_model]  # type: ignore[index]
            for row in records[name]:
                value = row.get(field_name)
                missing = [
                    n for n in (value if isinstance(value, list) else [value]) if n is not None
                ]
                missing = [n for n in missing if n not in numbers[target]]
                if missing:
                    errors[f"{row['where']}.{field_name}"] = [
                        f'There is no record {missing[0]} in "{target}".'
                    ]


def _check_rules(records: dict[str, list[dict[str, Any]]], errors: dict[str, list[str]]) -> None:
    """What the database's constraints would refuse, said before anything is written."""
    for kind in ("organizations", "circles"):
        first: dict[str, str] = {}
        for row in records[kind]:
            if not isinstance(row.get("name"), str):
                continue
            key = _search_name(KINDS[kind][0], row["name"])
            if key in first:
                errors[f"{row['where']}.name"] = [f"The same name as {first[key]}."]
            first.setdefault(key, row["where"])
    pairs: Counter[frozenset[int]] = Counter()
    for row in records["knows"]:
        if row.get("person") is None or row.get("knows") is None:
            continue
        pair = frozenset((row["person"], row["knows"]))
        if len(pair) == 1:
            errors[f"{row['where']}.knows"] = ["Someone cannot know themselves."]
        pairs[pair] += 1
        if pairs[pair] == 2:
            errors[f"{row['where']}.knows"] = ["The same pair is in knows twice."]
    birthdays: set[Any] = set()
    for row in records["important_dates"]:
        if row.get("kind") == "birthday" and row.get("person") is not None:
            if row["person"] in birthdays:
                errors[f"{row['where']}.kind"] = ["This person already has a birthday above."]
            birthdays.add(row["person"])
        if all(isinstance(row.get(k), int) for k in ("month", "day")) and not is_valid_date(
            row["month"], row["day"], row.get("year") if isinstance(row.get("year"), int) else None
        ):
            errors[f"{row['where']}.day"] = ["That day is not on the calendar."]
    described: dict[Any, str] = {}
    for row in records["organization_profiles"]:
        if row.get("organization") in described:
            errors[f"{row['where']}.organization"] = [
                f"This organisation is described already, by {described[row['organization']]}."
            ]
        described.setdefault(row.get("organization"), row["where"])
    imported: dict[str, str] = {}
    for row in records["positions"]:
        key = row.get("source_key")
        if key and key in imported:
            errors[f"{row['where']}.source_key"] = [f"The same key as {imported[key]}."]
        if key:
            imported.setdefault(key, row["where"])
    linked: set[tuple[Any, Any]] = set()
    for row in records["lead_needs"]:
        pair = (row.get("lead"), row.get("need"))
        if pair in linked:
            errors[f"{row['where']}.need"] = ["This lead serves this need already, above."]
        linked.add(pair)
    for row in records["introductions"]:
        if row.get("introducer") is None and row.get("seeker") is None:
            errors[f"{row['where']}.seeker"] = [
                "An introduction has an introducer or a seeker (or both); this has neither."
            ]
    _check_comments(records, errors)


def _check_comments(records: dict[str, list[dict[str, Any]]], errors: dict[str, list[str]]) -> None:
    """A passage has both ends, in order; what undoing names is a comment on the same draft."""
    review_of = {row.get("id"): row.get("review") for row in records["draft_comments"]}
    for row in records["draft_comments"]:
        start, end = row.get("start"), row.get("end")
        if (start is None) != (end is None):
            errors[f"{row['where']}.end"] = [
                "Give both start and end (a passage), or neither (a message in the thread)."
            ]
        elif isinstance(start, int) and isinstance(end, int) and start > end:
            errors[f"{row['where']}.end"] = ["The passage ends before it starts."]
        undo = row.get("undo")
        if isinstance(undo, dict):
            others = [int(key) for key in undo["before"]["comments"]]
            if any(review_of.get(n, object()) != row.get("review") for n in others):
                errors[f"{row['where']}.undo"] = [
                    'Each number in "comments" is a comment on the same draft.'
                ]


def _capped(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    if len(errors) <= MAX_ERRORS:
        return errors
    shown = dict(list(errors.items())[:MAX_ERRORS])
    shown["backup"] = [f"…and {len(errors) - MAX_ERRORS} more problems. Fix these first."]
    return shown


# Writing -------------------------------------------------------------------------------------


def _write(owner: AbstractBaseUser, records: dict[str, list[dict[str, Any]]]) -> None:
    pks: dict[str, dict[int, int]] = {}
    for name, (model, fields) in KINDS.items():
        rows = records[name]
        reused = _reused(owner, model, rows)
        new = [row for row in rows if row["id"] not in reused]
        objects = [_instance(owner, name, model, fields, row, pks) for row in new]
        created = model.objects.bulk_create(objects, batch_size=1000)  # type: ignore[attr-defined]
        mine = pks[name] = {
            **reused,
            **{row["id"]: obj.pk for row, obj in zip(new, created, strict=True)},
        }
        _write_lists(model, fields, new, pks)
        if model is Person:
            introduced = [row for row in new if row["introduced_by"] is not None]
            _set_columns(
                model,
                [
                    (mine[row["id"]], {"introduced_by": mine[row["introduced_by"]]})
                    for row in introduced
                ],
            )
        _set_columns(model, [(mine[row["id"]], _stamps(model, row)) for row in new])
    _write_undo(records["draft_comments"], pks["draft_comments"])
    people = list(pks["people"].values())
    refresh_contact_stats(owner=owner, person_ids=people)
    refresh_balances(owner=owner, today=timezone.localdate(), person_ids=people)


def _write_undo(rows: list[dict[str, Any]], mine: dict[int, int]) -> None:
    """What accepting a suggestion changed names comments: by their new ids, once all exist."""
    for row in rows:
        if row["undo"] is not None:
            DraftComment.objects.filter(pk=mine[row["id"]]).update(
                undo=undo_with_numbers(row["undo"], mine)
            )


def _keep_landed(owner: AbstractBaseUser) -> None:
    """Keep-in-touch mode comes back with the accepted offer, from the day it was accepted: the
    backup holds records, not settings (its check-in promises are records and came back). Had
    you gone back to searching with an offer still accepted, choose it again in Settings."""
    accepted = Lead.objects.filter(owner=owner, stage="accepted").order_by("-stage_on").first()
    if accepted is not None:
        Preferences.objects.update_or_create(owner=owner, defaults={"landed_on": accepted.stage_on})


def _reused(
    owner: AbstractBaseUser, model: type[models.Model], rows: list[dict[str, Any]]
) -> dict[int, int]:
    """Organisations and circles the account already has by name: their ids by number."""
    if model not in (Organization, Circle):
        return {}
    existing = dict(
        model.objects.filter(owner=owner).values_list("search_name", "pk")  # type: ignore[attr-defined]
    )
    return {
        row["id"]: existing[_search_name(model, row["name"])]
        for row in rows
        if _search_name(model, row["name"]) in existing
    }


def _search_name(model: type[models.Model], name: str) -> str:
    return fold(name)[: model._meta.get_field("search_name").max_length]


def _instance(
    owner: AbstractBaseUser,
    kind: str,
    model: type[models.Model],
    fields: tuple[str, ...],
    row: dict[str, Any],
    pks: dict[str, dict[int, int]],
) -> models.Model:
    values: dict[str, Any] = {}
    for name in fields:
        field = model_field(model, name)
        if field is None or field.many_to_many or isinstance(field, models.JSONField):
            continue  # lists are written next, and what undoing names once all ids exist
        if name in USER_FIELDS:
            values[field.attname] = row[name]  # the user's id (_with_coaches)
        elif field.is_relation:
            target = KIND_OF_MODEL[field.related_model]  # type: ignore[index]
            number = row[name]
            # A reference within the kind waits until every record of it has an id.
            values[field.attname] = (
                pks[target][number] if number is not None and target != kind else None
            )
        else:
            values[name] = row[name]
    whose = OWNER_OF.get(model, "owner")
    if "__" not in whose:  # else the record belongs to the owner through another one
        values[whose] = owner
    instance = model(**values)
    _derive(instance)
    return instance


def _derive(instance: models.Model) -> None:
    """The fields computed from the others, as the services compute them."""
    if isinstance(instance, Organization | Circle):
        instance.search_name = _search_name(type(instance), instance.name)
    elif isinstance(instance, Person):
        derive_names_and_cadence(instance)
    elif isinstance(instance, Photo):
        describe_photo(instance)
    elif isinstance(instance, Need):
        instance.search_terms = fulltext.search_terms(instance.owner_id, instance.text)
    elif isinstance(instance, Knows) and instance.person_id > instance.knows_id:
        # Stored once per pair, the lower id first (the table's check constraint).
        instance.person_id, instance.knows_id = instance.knows_id, instance.person_id


def _write_lists(
    model: type[models.Model],
    fields: tuple[str, ...],
    rows: list[dict[str, Any]],
    pks: dict[str, dict[int, int]],
) -> None:
    """Many-to-many links (a person's circles, who took part in a conversation) and contacts."""
    mine = pks[KIND_OF_MODEL[model]]
    for name in fields:
        field = model_field(model, name)
        if field is None:
            contact_model, key = CONTACTS[name]
            contact_model.objects.bulk_create(
                (
                    contact_model(person_id=mine[row["id"]], **{key: value, "label": label})
                    for row in rows
                    for value, label in row[name]
                ),
                batch_size=1000,
            )
        elif field.many_to_many:
            through = field.remote_field.through  # type: ignore[union-attr]
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()  # type: ignore[union-attr]
            others = pks[KIND_OF_MODEL[field.related_model]]  # type: ignore[index]
            through.objects.bulk_create(
                (
                    through(**{f"{source}_id": mine[row["id"]], f"{target}_id": others[number]})
                    for row in rows
                    for number in row[name]
                ),
                batch_size=1000,
            )


def _stamps(model: type[models.Model], row: dict[str, Any]) -> dict[str, Any]:
    """The record's own creation and change times, which saving replaced with now."""
    return {
        field.name: row[field.name]
        for field in model._meta.concrete_fields
        if field.name in row
        and (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
    }


def _set_columns(model: type[models.Model], changes: list[tuple[int, dict[str, Any]]]) -> None:
    """Write these columns of these rows: one UPDATE statement run once per row.

    Like people.services._save_fields: executemany stays linear where bulk_update's CASE per
    field grows with the batch.
    """
    changes = [(pk, values) for pk, values in changes if values]
    if not changes:
        return
    columns = [model._meta.get_field(name) for name in changes[0][1]]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
    rows = [
        [column.get_db_prep_save(values[column.name], connection) for column in columns] + [pk]
        for pk, values in changes
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
