"""Writes for who knows whom: record or forget one pair, or import a CSV of pairs."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from mutuals.core.names import fold
from mutuals.network.models import SOURCE_CHOICES, Knows
from mutuals.people import selectors as people_selectors
from mutuals.people.models import EmailAddress, Person
from mutuals.people.services import create_person, owned_person

SOURCES = [value for value, _ in SOURCE_CHOICES]
DEFAULT_STRENGTH = 0.5


def _strength(strength: float | None) -> float | None:
    if strength is None:
        return None
    if math.isnan(strength) or not 0 < strength <= 1:
        raise ValidationError({"strength": ["Give a strength above 0 and at most 1, like 0.5."]})
    return float(strength)


def _source(source: str) -> str:
    source = (source or "").strip().lower()
    if source not in SOURCES:
        raise ValidationError({"source": [f"Choose one of: {', '.join(SOURCES)}."]})
    return source


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": ["Keep the note under 300 characters."]})
    return note


def _record(
    owner: AbstractBaseUser,
    person_id: int,
    knows_id: int,
    strength: float | None,
    source: str,
    note: str,
) -> tuple[Knows, str]:
    """The pair's edge, and whether it was "created", "updated" or left "unchanged"."""
    if person_id == knows_id:
        raise ValidationError({"knows": ["Pick two different people."]})
    value, source, note = _strength(strength), _source(source), _note(note)
    owned_person(owner=owner, person_id=person_id)
    owned_person(owner=owner, person_id=knows_id, field="knows")
    low, high = sorted((person_id, knows_id))
    edge = Knows.objects.filter(owner=owner, person_id=low, knows_id=high).first()
    if edge is None:
        edge = Knows.objects.create(
            owner=owner,
            person_id=low,
            knows_id=high,
            strength=DEFAULT_STRENGTH if value is None else value,
            source=source,
            note=note,
        )
        return edge, "created"
    wanted = {
        "strength": edge.strength if value is None else value,
        "source": source,
        "note": note or edge.note,
    }
    if all(getattr(edge, k) == v for k, v in wanted.items()):
        return edge, "unchanged"
    for key, new in wanted.items():
        setattr(edge, key, new)
    edge.save(update_fields=list(wanted))
    return edge, "updated"


@transaction.atomic
def record_knows(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    knows_id: int,
    strength: float | None = None,
    source: str = "told",
    note: str = "",
) -> Knows:
    """`person` knows `knows`: creates the pair, or updates its strength, source and note."""
    edge, _ = _record(owner, person_id, knows_id, strength, source, note)
    return edge


@transaction.atomic
def forget_knows(*, owner: AbstractBaseUser, knows_id: int) -> None:
    """Delete one of your edges by its id; anyone else's is Knows.DoesNotExist."""
    Knows.objects.get(owner=owner, pk=knows_id).delete()


class _Rejected(Exception):
    pass


def _resolver(owner: AbstractBaseUser, report: dict[str, Any]) -> Any:
    made: dict[str, int] = {}

    def resolve(cell: str, line: int) -> int:
        if "@" in cell:
            found = list(
                EmailAddress.objects.filter(person__owner=owner, address__iexact=cell)
                .values_list("person_id", flat=True)
                .distinct()[:2]
            )
            if len(found) == 1:
                return found[0]
            problem = "matches several people" if found else "is not anyone's email"
            raise ValueError(f"line {line}: '{cell}' {problem}; use their name instead.")
        key = fold(cell)
        if key in made:
            return made[key]
        try:
            person_id, created = _named_person(owner, cell)
        except ValidationError as error:
            raise ValueError(f"line {line}: {' '.join(error.messages)}") from None
        if created:
            made[key] = person_id
            report["people_created"] += 1
        return person_id

    return resolve


def _named_person(owner: AbstractBaseUser, name: str) -> tuple[int, bool]:
    """The one person `name` means (forgiving names), or a new person you only know of; and
    whether they were created. Several matches is an error on `name` listing them."""
    if not name:
        raise ValidationError({"name": ["Give their name."]})
    match = people_selectors.resolve_person(owner=owner, query=name)
    if match.status == "found" and match.person_id is not None:
        return match.person_id, False
    if match.status == "ambiguous":
        names = ", ".join(found for _, found in match.suggestions[:3])
        raise ValidationError(
            {"name": [f"'{name}' could be several people ({names}); write the full name."]}
        )
    try:
        return create_person(owner=owner, name=name, tier=None).pk, True
    except ValidationError as error:
        raise ValidationError({"name": [f"'{name}': {' '.join(error.messages)}"]}) from None


def _rows(text: str) -> list[list[str]]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def import_knows_csv(
    *, owner: AbstractBaseUser, text: str, dry_run: bool = False
) -> dict[str, Any]:
    """Pairs from CSV text with a header `person,knows[,strength,note]` (names or emails).

    All or nothing: any error writes nothing, and the report lists each error with its line.
    A name nobody has becomes a new person you only know of (counted in `people_created`).
    """
    report: dict[str, Any] = {
        "created": 0,
        "updated": 0,
        "skipped": 0,
        "people_created": 0,
        "errors": [],
        "dry_run": dry_run,
        "written": False,
    }
    rows = _rows(text)
    header = [fold(cell) for cell in rows[0]] if rows else []
    if header[:2] != ["person", "knows"] or any(h not in {"strength", "note"} for h in header[2:]):
        report["errors"].append(
            {
                "line": 1,
                "message": "The first line must be the header person,knows[,strength,note].",
            }
        )
        return report
    columns = {name: index for index, name in enumerate(header)}
    try:
        with transaction.atomic():
            resolve = _resolver(owner, report)
            for line, row in enumerate(rows[1:], start=2):
                _import_row(owner, row, line, columns, resolve, report)
            if report["errors"]:
                raise _Rejected
            if dry_run:
                transaction.set_rollback(True)
    except _Rejected:
        pass
    if report["errors"]:
        report.update(created=0, updated=0, skipped=0, people_created=0)
    report["written"] = not report["errors"] and not dry_run
    return report


def _import_row(
    owner: AbstractBaseUser,
    row: list[str],
    line: int,
    columns: dict[str, int],
    resolve: Any,
    report: dict[str, Any],
) -> None:
    def cell(name: str) -> str:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else ""

    if not any(row):
        report["skipped"] += 1
        return
    try:
        if not cell("person") or not cell("knows"):
            raise ValueError(f"line {line}: give both a person and who they know.")
        if len(row) > len(columns):
            raise ValueError(f"line {line}: too many cells; quote a note that has commas.")
        strength: float | None = None
        if cell("strength"):
            try:
                strength = float(cell("strength"))
            except ValueError:
                raise ValueError(
                    f"line {line}: strength '{cell('strength')}' is not a number."
                ) from None
        a, b = resolve(cell("person"), line), resolve(cell("knows"), line)
        _, outcome = _record(owner, a, b, strength, "import", cell("note"))
    except ValidationError as error:
        report["errors"].append(
            {"line": line, "message": f"line {line}: {' '.join(error.messages)}"}
        )
        return
    except ValueError as error:
        report["errors"].append({"line": line, "message": str(error)})
        return
    report["skipped" if outcome == "unchanged" else outcome] += 1


@transaction.atomic
def knows_someone(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    name: str,
    strength: float | None = None,
    note: str = "",
) -> tuple[Knows, Person]:
    """`person` knows someone named `name`: one of your people (forgiving names), or a new
    person you only know of. Several matches is an error on `name` listing them."""
    other_id, _ = _named_person(owner, " ".join((name or "").split()))
    other = owned_person(owner=owner, person_id=other_id, field="name")
    edge, _ = _record(owner, person_id, other.pk, strength, "told", note)
    return edge, other
