"""What a backup holds of groups: what you chose to pool in each group you belong to.

`group_memberships` lists, for each of your memberships, the group by its **name**, your
pooling scope (`none`, `all`, `circles`, `people`), and the circles and people it names by
their numbers in the file. Ordered by the group's name, so the list reads the same on any
install.

Left out, on purpose:
- your role in a group (member or group administrator): a group's administrators give it;
- the pooled rows: copies derived from your people, rebuilt from them on restore;
- pool requests, made or answered: each is between you and another member on that install (a
  request asked of you names their membership, one you made names a member you may never be
  told of); one accepted lives on as the introduction and the person it added, which the
  backup holds;
- searches and their counts: the group's, not yours.

A restore gives your pooling choice back to your membership in a group of that name on this
install. It never joins you to a group: joining takes a code from the group's administrators,
and a file could name any group. A group of that name that does not exist here, or that you
have not joined here, is named in the restore's `groups_not_here`; nothing fails for it. Join
first, then restore, to have your choices back; or choose again after joining.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model

from mutuals.core.names import fold
from mutuals.groups.models import Group, Membership
from mutuals.groups.services import rebuild_pool
from mutuals.people.models import Circle, Person

KIND = "group_memberships"
FIELDS = ("group", "scope", "circles", "people")
SCOPES = tuple(value for value, _ in Membership.SCOPE_CHOICES)
_CIRCLES = Membership.circles.through
_PEOPLE = Membership.people.through


def _key(name: str) -> str:
    """A group's name as `Group.search_name` keeps it (`groups.services.create_group`)."""
    return fold(" ".join(name.split()))[:120]


def memberships(
    owner: AbstractBaseUser, numbers: dict[type[Model], dict[int, int]]
) -> list[dict[str, Any]]:
    """The owner's memberships for a backup; `numbers` are the circles' and people's numbers in
    the file by database id (`selectors.backup`)."""
    rows = list(
        Membership.objects.filter(user=owner)
        .order_by("group__search_name", "group_id")
        .values_list("pk", "group__name", "scope")
    )
    ids = [pk for pk, _, _ in rows]
    circles = _numbers(_CIRCLES, "circle_id", ids, numbers[Circle])
    people = _numbers(_PEOPLE, "person_id", ids, numbers[Person])
    return [
        {
            "id": number,
            "group": name,
            "scope": scope,
            "circles": circles.get(pk, []),
            "people": people.get(pk, []),
        }
        for number, (pk, name, scope) in enumerate(rows, 1)
    ]


def _numbers(
    through: type[Model], column: str, ids: list[int], numbers: dict[int, int]
) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    links = through._default_manager.filter(membership_id__in=ids).values_list(
        "membership_id", column
    )
    for membership_id, other in links:
        if other in numbers:  # always: a member chooses only among their own
            found.setdefault(membership_id, []).append(numbers[other])
    return {pk: sorted(refs) for pk, refs in found.items()}


def checked(
    rows: Any, counts: dict[str, set[Any]], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """The document's `group_memberships`, each value checked (its place named in `errors`);
    `counts` are the circles' and people's numbers in the file."""
    if rows is None:
        return []
    if not isinstance(rows, list):
        errors[KIND] = ["Give a list of records (or leave it out)."]
        return []
    found: list[dict[str, Any]] = []
    seen_numbers: dict[int, str] = {}
    seen_groups: dict[str, str] = {}
    for index, record in enumerate(rows):
        where = f"{KIND}[{index}]"
        if not isinstance(record, dict):
            errors[where] = ["Each record is a JSON object with its number in `id`."]
            continue
        for key in sorted(set(record) - {"id", *FIELDS}):
            errors[f"{where}.{key}"] = ["This field is not known; remove it."]
        number = record.get("id")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            errors[f"{where}.id"] = ["Give the record's number, 1 or more."]
        elif number in seen_numbers:
            errors[f"{where}.id"] = [f"Number {number} is taken by {seen_numbers[number]}."]
        else:
            seen_numbers[number] = where
        name = record.get("group")
        if not isinstance(name, str) or not name.strip() or len(" ".join(name.split())) > 120:
            errors[f"{where}.group"] = ["Give the group's name, at most 120 characters."]
        elif _key(name) in seen_groups:
            errors[f"{where}.group"] = [f"The same group as {seen_groups[_key(name)]}."]
        else:
            seen_groups[_key(name)] = where
        scope = record.get("scope", Membership.NONE)
        if scope not in SCOPES:
            errors[f"{where}.scope"] = [
                f"Unknown choice {scope!r}. Choose one of: {', '.join(SCOPES)}."
            ]
        lists = {
            field: _references(record.get(field, []), counts[kind], f"{where}.{field}", errors)
            for field, kind in (("circles", "circles"), ("people", "people"))
        }
        found.append({"id": number, "group": name, "scope": scope, **lists})
    return found


def _references(
    value: Any, numbers: set[Any], where: str, errors: dict[str, list[str]]
) -> list[int]:
    if not isinstance(value, list) or any(
        isinstance(n, bool) or not isinstance(n, int) for n in value
    ):
        errors[where] = ["Give a list of record numbers."]
        return []
    if len(set(value)) != len(value):
        errors[where] = ["A number appears twice in this list."]
        return []
    kind = where.rsplit(".", 1)[1]
    missing = [n for n in value if n not in numbers]
    if missing:
        errors[where] = [f'There is no record {missing[0]} in "{kind}".']
        return []
    return list(value)


def restore_choices(
    owner: AbstractBaseUser, rows: list[dict[str, Any]], pks: dict[str, dict[int, int]]
) -> tuple[int, list[str]]:
    """Give each pooling choice back to the owner's membership in the group of that name, and
    rebuild its pooled rows; (how many came back, the groups' names not here for the owner).
    Joins no one to anything."""
    groups = dict(
        Group.objects.filter(search_name__in={_key(row["group"]) for row in rows}).values_list(
            "search_name", "pk"
        )
    )
    mine = {
        membership.group_id: membership
        for membership in Membership.objects.select_for_update().filter(
            user=owner, group_id__in=groups.values()
        )
    }
    restored, not_here = 0, []
    for row in rows:
        membership = mine.get(groups.get(_key(row["group"]), 0))
        if membership is None:
            not_here.append(" ".join(row["group"].split()))
            continue
        membership.scope = row["scope"]
        membership.save(update_fields=["scope"])
        membership.circles.set([pks["circles"][n] for n in row["circles"]])
        membership.people.set([pks["people"][n] for n in row["people"]])
        rebuild_pool(membership)
        restored += 1
    return restored, sorted(not_here, key=fold)
