"""A backup checked as a whole before anything is written: each record's values
(`values.record_values`), numbers used once per kind, references to records that exist, and
what the database's constraints would refuse, every problem named by its place
("people[12].tier")."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError

from mutuals.backup import group_records
from mutuals.backup.coach_records import check_comments
from mutuals.backup.selectors import KIND_OF_MODEL, KINDS, USER_FIELDS, model_field
from mutuals.backup.values import record_values, search_name
from mutuals.core.occasions import is_valid_date

MAX_ERRORS = 20
PARENTS = "Each record is a JSON object with its number in `id`."


def validated(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every record as field values (references still as numbers), and the pooling choices
    (`group_records.KIND`), or ValidationError."""
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
            records[name].append(record_values(model, fields, record, where, errors))
    _check_numbers(records, errors)
    _check_references(records, errors)
    _check_rules(records, errors)
    numbers = {kind: {row.get("id") for row in records[kind]} for kind in ("circles", "people")}
    records[group_records.KIND] = group_records.checked(
        document.get(group_records.KIND), numbers, errors
    )
    if errors:
        raise ValidationError(_capped(errors))
    return records


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
            key = search_name(KINDS[kind][0], row["name"])
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
    check_comments(records, errors)


def _capped(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    if len(errors) <= MAX_ERRORS:
        return errors
    shown = dict(list(errors.items())[:MAX_ERRORS])
    shown["backup"] = [f"…and {len(errors) - MAX_ERRORS} more problems. Fix these first."]
    return shown
