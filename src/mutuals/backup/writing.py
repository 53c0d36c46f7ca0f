"""Writing checked backup records: each kind in bulk, references turned from numbers in the
file into the new ids, the fields the services derive derived the same way, and each record's
own creation and change times kept."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, models
from django.utils import timezone

from mutuals.backup.coach_records import write_undo
from mutuals.backup.selectors import (
    CONTACTS,
    KIND_OF_MODEL,
    KINDS,
    OWNER_OF,
    USER_FIELDS,
    model_field,
)
from mutuals.backup.values import search_name
from mutuals.interactions.services import refresh_contact_stats
from mutuals.needs import fulltext
from mutuals.needs.models import Need
from mutuals.network.models import Knows
from mutuals.people.models import Circle, Organization, Person, Photo
from mutuals.people.photos import describe_photo
from mutuals.people.services import derive_names_and_cadence, refresh_balances


def write(
    owner: AbstractBaseUser, records: dict[str, list[dict[str, Any]]]
) -> dict[str, dict[int, int]]:
    """Create every record, kind by kind (`KINDS` is in the order references allow), then what
    derives from them: the people's contact statistics, strength and balances. Returns each
    kind's new ids by their numbers in the file."""
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
    write_undo(records["draft_comments"], pks["draft_comments"])
    people = list(pks["people"].values())
    refresh_contact_stats(owner=owner, person_ids=people)
    refresh_balances(owner=owner, today=timezone.localdate(), person_ids=people)
    return pks


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
        row["id"]: existing[search_name(model, row["name"])]
        for row in rows
        if search_name(model, row["name"]) in existing
    }


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
            values[field.attname] = row[name]  # the user's id (coach_records.with_coaches)
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
        instance.search_name = search_name(type(instance), instance.name)
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
